import { useCallback, useState } from 'react';
import { Button, Form, InputNumber, Modal, Select, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { PersonSelect } from '../../shared/OrgSelects.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { SearchInput } from '../../shared/SearchInput.tsx';
import { usePagedTable } from '../../shared/table.ts';
import { cardsApi, type Account, type AccountStatus } from './api.ts';
import { AccountDrawer } from './AccountDrawer.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { m } from './messages.ts';
import { AccountStatusTag, Money } from './parts.tsx';

type Filters = { q?: string; status?: AccountStatus };
const STATUSES: AccountStatus[] = ['active', 'frozen', 'lost', 'closed'];
const INITIAL: Filters = {};

/** The card office: accounts in scope, issuing cards, the terminal import. */
export function AccountsPage() {
  const t = useT(m);
  const { can } = useSession();
  const writable = can('cards.write');
  const showError = useApiError();
  const table = usePagedTable<Account, Filters>(cardsApi.accounts, INITIAL);
  const [open, setOpen] = useState<string | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [form] = Form.useForm<{ personId: string; topUp?: number }>();

  const columns: TableColumnsType<Account> = [
    {
      title: t('person'),
      dataIndex: 'personName',
      render: (v: string, a) => (
        <a onClick={() => setOpen(a.id)} data-testid="account-open">
          {v}
        </a>
      ),
    },
    { title: t('employeeNo'), dataIndex: 'employeeNo', responsive: ['md'] },
    { title: t('unit'), dataIndex: 'unitName', responsive: ['md'] },
    { title: t('cardNo'), dataIndex: 'cardNo', responsive: ['sm'] },
    {
      title: t('status'),
      dataIndex: 'status',
      render: (s: AccountStatus) => <AccountStatusTag status={s} />,
    },
    { title: t('balance'), dataIndex: 'balance', align: 'right', render: (v: number) => <Money fen={v} /> },
  ];

  const issue = useCallback(async () => {
    const v = await form.validateFields();
    try {
      const acc = await cardsApi.issue(v.personId, Math.round((v.topUp ?? 0) * 100));
      setIssuing(false);
      form.resetFields();
      table.reload();
      setOpen(acc.id);
    } catch (e) {
      showError(e, form);
    }
  }, [form, showError, table]);

  return (
    <>
      <PageHeader
        title={t('accounts')}
        extra={
          writable && (
            <Space wrap>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="cards-import">
                {t('importTerminal')}
              </Button>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setIssuing(true)}
                data-testid="cards-issue"
              >
                {t('issue')}
              </Button>
            </Space>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchInput
          placeholder={t('search')}
          onSearch={(q) => table.setFilters({ q })}
          style={{ width: 240 }}
          testId="cards-search"
        />
        <Select<AccountStatus>
          allowClear
          placeholder={t('status')}
          style={{ width: 140 }}
          options={STATUSES.map((s) => ({ value: s, label: t(`st_${s}`) }))}
          onChange={(status) => table.setFilters({ status })}
        />
      </Space>
      <Table<Account> rowKey="id" columns={columns} {...table.tableProps} />
      <AccountDrawer id={open} onClose={() => setOpen(null)} onChanged={table.reload} />
      <ImportDialog open={importing} onClose={() => setImporting(false)} onDone={table.reload} />
      <Modal
        open={issuing}
        title={t('issueTitle')}
        onCancel={() => setIssuing(false)}
        onOk={() => void issue()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="personId" label={t('personId')} rules={[{ required: true }]}>
            <PersonSelect placeholder={t('search')} />
          </Form.Item>
          <Form.Item name="topUp" label={t('initialTopUp')}>
            <InputNumber min={0} max={10000} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
