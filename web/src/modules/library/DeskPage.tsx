import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Segmented, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useT } from '../../app/i18n.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { PersonSelect } from '../../shared/OrgSelects.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { SearchInput } from '../../shared/SearchInput.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { usePagedTable } from '../../shared/table.ts';
import { libraryApi, type Loan } from './api.ts';
import { m } from './messages.ts';
import { DueTag } from './parts.tsx';

type Status = 'open' | 'overdue' | 'returned';

/** The librarian's desk: lend to a reader, take books back, renew, and the loans of the readers in scope. */
export default function DeskPage() {
  const t = useT(m);
  const { message } = App.useApp();
  const showError = useApiError();
  const [lendForm] = Form.useForm<{ personId: string; code: string }>();
  const [returnCode, setReturnCode] = useState('');
  const initial = useMemo(
    () => ({ status: 'open' as Status | undefined, q: undefined as string | undefined }),
    [],
  );
  const table = usePagedTable<Loan, typeof initial>(libraryApi.deskLoans, initial);

  const lend = async () => {
    const v = await lendForm.validateFields();
    try {
      const loan = await libraryApi.deskLend(v.personId, v.code.trim());
      void message.success(t('borrowed', { title: loan.title, due: loan.dueDate }));
      lendForm.setFieldValue('code', '');
      table.reload();
    } catch (e) {
      showError(e, lendForm);
    }
  };
  const takeBack = async () => {
    if (!returnCode.trim()) return;
    try {
      const loan = await libraryApi.deskReturn(returnCode.trim());
      void message.success(t('returned', { title: loan.title }));
      setReturnCode('');
      table.reload();
    } catch (e) {
      showError(e);
    }
  };
  const renew = async (loan: Loan) => {
    try {
      const r = await libraryApi.deskRenew(loan.id);
      void message.success(t('renewed', { due: r.dueDate }));
      table.reload();
    } catch (e) {
      showError(e);
    }
  };

  const columns: TableColumnsType<Loan> = [
    { title: t('book'), key: 'title', width: 180, ellipsis: true, render: (_, l) => `《${l.title}》` },
    // on a narrow screen: title, reader, due and the renew button; the rest from the tablet size up
    { title: t('barcode'), dataIndex: 'barcode', key: 'barcode', width: 130, responsive: ['md'] },
    { title: t('reader'), dataIndex: 'personName', key: 'personName', width: 100 },
    {
      title: t('unit'),
      dataIndex: 'unitName',
      key: 'unitName',
      width: 180,
      ellipsis: true,
      responsive: ['lg'],
    },
    {
      title: t('borrowedAt'),
      key: 'borrowedAt',
      width: 140,
      responsive: ['md'],
      render: (_, l) => fmtDateTime(l.borrowedAt),
    },
    { title: t('due'), key: 'due', width: 160, render: (_, l) => <DueTag loan={l} /> },
    {
      title: t('returnedAt'),
      key: 'returnedAt',
      width: 130,
      responsive: ['md'],
      render: (_, l) =>
        l.returnedAt ? fmtDateTime(l.returnedAt) : <Tag color="blue">{t('statusOpen')}</Tag>,
    },
    {
      title: '',
      key: 'action',
      width: 80,
      // the renew button stays in view when the table scrolls sideways
      fixed: 'right',
      render: (_, l) =>
        !l.returnedAt && (
          <Button size="small" disabled={!l.canRenew} onClick={() => void renew(l)}>
            {t('renew')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('desk')} sub={t('deskSub')} />
      <Space wrap align="start" style={{ marginBottom: 16 }}>
        <Card size="small" title={t('lend')}>
          <Form form={lendForm} layout="inline" onFinish={() => void lend()}>
            <Form.Item name="personId" rules={[{ required: true }]}>
              <PersonSelect placeholder={t('reader')} style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="code" rules={[{ required: true, min: 4, max: 32 }]}>
              <Input placeholder={t('scan')} style={{ width: 220 }} data-testid="desk-lend-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="desk-lend">
              {t('lend')}
            </Button>
          </Form>
        </Card>
        <Card size="small" title={t('takeBack')}>
          <Space.Compact>
            <Input
              value={returnCode}
              placeholder={t('scan')}
              onChange={(e) => setReturnCode(e.target.value)}
              onPressEnter={() => void takeBack()}
              style={{ width: 220 }}
              data-testid="desk-return-code"
            />
            <Button onClick={() => void takeBack()} data-testid="desk-return">
              {t('takeBack')}
            </Button>
          </Space.Compact>
        </Card>
      </Space>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Segmented<Status>
            value={table.filters.status ?? 'open'}
            options={[
              { value: 'open', label: t('statusOpen') },
              { value: 'overdue', label: t('statusOverdue') },
              { value: 'returned', label: t('statusReturned') },
            ]}
            onChange={(status) => table.setFilters({ status })}
          />
          <SearchInput placeholder={t('searchPlaceholder')} onSearch={(q) => table.setFilters({ q })} />
        </Space>
        <Table<Loan> rowKey="id" columns={columns} {...table.tableProps} />
      </Card>
    </>
  );
}
