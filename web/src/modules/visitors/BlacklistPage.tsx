import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Empty, Form, Input, Modal, Popconfirm, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { visitorsApi, type BlacklistEntry, type GateSite } from './api.ts';
import { m } from './messages.ts';

/** The blacklist: people refused at the gate (by ID number, kept as a keyed hash), with refusals counted. */
export function BlacklistPage() {
  const t = useT(m);
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const showError = useApiError();
  const [rows, setRows] = useState<BlacklistEntry[]>([]);
  const [sites, setSites] = useState<GateSite[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ siteId: string; name: string; idNumber: string; reason: string }>();
  const load = useCallback(() => visitorsApi.blacklist().then(setRows, showError), [showError]);
  useEffect(() => {
    void load();
    // the sites in the blacklist permission's scope: an office without the gate permission adds too
    visitorsApi.blacklistSites().then(setSites, (e: unknown) => {
      setSites([]);
      showError(e);
    });
  }, [load, showError]);

  async function add(v: { siteId: string; name: string; idNumber: string; reason: string }) {
    try {
      await visitorsApi.addBlacklist(v);
      void message.success(t('added'));
      setAdding(false);
      form.resetFields();
      void load();
    } catch (e) {
      showError(e, form);
    }
  }
  async function remove(id: string) {
    try {
      await visitorsApi.removeBlacklist(id);
      void message.success(t('removed'));
      void load();
    } catch (e) {
      showError(e);
    }
  }
  const req = [{ required: true, message: t('required') }];
  const removeButton = (b: BlacklistEntry) => (
    <Popconfirm title={t('removeConfirm', { name: b.name })} onConfirm={() => void remove(b.id)}>
      <Button size="small" danger>
        {t('remove')}
      </Button>
    </Popconfirm>
  );
  return (
    <>
      <PageHeader
        title={t('blacklist')}
        extra={
          sites &&
          sites.length > 0 && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="blacklist-add"
            >
              {t('addBlacklist')}
            </Button>
          )
        }
      />
      {sites && sites.length === 0 && (
        <Alert type="info" showIcon title={t('noBlacklistSite')} style={{ marginBottom: 16 }} />
      )}
      {isPhone ? (
        <ItemList
          items={rows}
          empty={t('blacklistEmpty')}
          rowKey="id"
          renderItem={(b) => (
            <ItemRow extra={removeButton(b)} title={`${b.name} · ${b.idMasked}`} description={b.reason} />
          )}
        />
      ) : (
        <Table<BlacklistEntry>
          rowKey="id"
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: <Empty description={t('blacklistEmpty')} /> }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('name'), dataIndex: 'name' },
            { title: t('idNumber'), dataIndex: 'idMasked' },
            { title: t('reason'), dataIndex: 'reason' },
            {
              title: t('flags'),
              dataIndex: 'flags',
              render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0),
            },
            { title: t('createdAt'), dataIndex: 'createdAt', render: fmtDateTime },
            { title: '', key: 'x', render: (_, b) => removeButton(b) },
          ]}
        />
      )}
      <Modal
        open={adding}
        title={t('addBlacklist')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={add} initialValues={{ siteId: sites?.[0]?.id }}>
          <Form.Item name="siteId" label={t('site')} rules={req}>
            <Select options={(sites ?? []).map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
          <Form.Item name="name" label={t('name')} rules={req}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="idNumber" label={t('idNumber')} rules={req}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="reason" label={t('reason')} rules={req}>
            <Input.TextArea maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
