import { useCallback, useEffect, useState } from 'react';
import { App, Button, Empty, Form, Input, Modal, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { UnitSelect } from '../../shared/OrgSelects.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { repairsApi, type Contractor } from './api.ts';
import { m } from './messages.ts';
import { REPAIR_PERM } from './module.ts';
import { WorkerSelect } from './parts.tsx';

interface Values {
  unitId: string;
  name: string;
  phone?: string;
  accountId?: string;
}

/** The facilities office's contractors: the companies a request can be assigned to. */
export function ContractorsPage() {
  const t = useT(m);
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useApiError();
  const [rows, setRows] = useState<Contractor[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<Values>();
  const load = useCallback(() => {
    repairsApi.contractors().then(setRows, (e: unknown) => {
      setRows([]);
      showError(e);
    });
  }, [showError]);
  useEffect(load, [load]);

  async function submit(v: Values) {
    try {
      await repairsApi.addContractor({ ...v, phone: v.phone || null, accountId: v.accountId ?? null });
      void message.success(t('contractorAdded'));
      setAdding(false);
      load();
    } catch (e) {
      showError(e, form);
    }
  }

  return (
    <>
      <PageHeader
        title={t('contractors')}
        sub={t('contractorsHint')}
        extra={
          can(REPAIR_PERM.manage) && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                form.resetFields();
                setAdding(true);
              }}
              data-testid="contractor-add"
            >
              {t('addContractor')}
            </Button>
          )
        }
      />
      <Table<Contractor>
        rowKey="id"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('noContractors')} /> }}
        data-testid="contractors"
        columns={[
          { title: t('contractor'), dataIndex: 'name' },
          { title: t('phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
          { title: t('contractorUnit'), dataIndex: 'unitName' },
          {
            title: t('contractorAccount'),
            dataIndex: 'hasAccount',
            render: (has: boolean) =>
              has ? <Tag color="green">{t('hasAccount')}</Tag> : <Tag>{t('noAccount')}</Tag>,
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('addContractor')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<Values> form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="unitId"
            label={t('contractorUnit')}
            extra={t('contractorUnitHint')}
            rules={[{ required: true, message: t('required') }]}
          >
            <UnitSelect data-testid="contractor-unit" />
          </Form.Item>
          <Form.Item name="name" label={t('contractor')} rules={[{ required: true, message: t('required') }]}>
            <Input maxLength={120} data-testid="contractor-name" />
          </Form.Item>
          <Form.Item name="phone" label={t('phone')}>
            <Input maxLength={20} inputMode="tel" data-testid="contractor-phone" />
          </Form.Item>
          <Form.Item name="accountId" label={t('contractorAccount')} extra={t('contractorAccountHint')}>
            <WorkerSelect />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
