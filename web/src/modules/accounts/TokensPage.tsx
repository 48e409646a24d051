import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { common } from '../../shared/messages.ts';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { accountsApi, type MachinePurpose, type MachineToken } from './api.ts';
import { m } from './messages.ts';

/** Machine tokens for meters, GPS units and gateways: create (shown once), list, revoke. */
export function TokensPage() {
  const t = useT(m);
  const c = useT(common);
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const showError = useApiError();
  const [list, setList] = useState<MachineToken[]>([]);
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  // the purposes the platform's endpoints accept: a token for any other name would be let in nowhere
  const [purposes, setPurposes] = useState<MachinePurpose[]>([]);
  const [form] = Form.useForm<{ name: string; purpose: string }>();

  const load = useCallback(() => {
    accountsApi
      .tokens()
      .then(setList, showError)
      .finally(() => setLoading(false));
  }, [showError]);

  useEffect(load, [load]);
  useEffect(() => {
    accountsApi.purposes().then(setPurposes, showError);
  }, [showError]);

  const create = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const answer = await accountsApi.createToken({ name: v.name.trim(), purpose: v.purpose });
      setCreating(false);
      setCreated(answer.token);
      load();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: string) => {
    try {
      await accountsApi.revokeToken(id);
      void message.success(t('tokenRevokedDone'));
      load();
    } catch (e) {
      showError(e);
    }
  };

  const columns: TableColumnsType<MachineToken> = [
    { title: t('tokenName'), dataIndex: 'name', key: 'name' },
    {
      title: t('purpose'),
      dataIndex: 'purpose',
      key: 'purpose',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('tokenCreatedAt'), dataIndex: 'createdAt', key: 'createdAt', render: fmtDateTime },
    {
      title: t('tokenLastUsed'),
      dataIndex: 'lastUsedAt',
      key: 'lastUsedAt',
      render: (v: string | null) => fmtDateTime(v) || '—',
    },
    {
      title: t('tokenState'),
      key: 'state',
      render: (_, tok) =>
        tok.revokedAt ? (
          <Tag>{t('tokenRevoked', { at: fmtDateTime(tok.revokedAt) })}</Tag>
        ) : (
          <Tag color="green">{t('tokenActive')}</Tag>
        ),
    },
    {
      title: c('actions'),
      key: 'actions',
      render: (_, tok) =>
        !tok.revokedAt && (
          <Popconfirm
            title={t('confirmRevokeToken')}
            onConfirm={() => revoke(tok.id)}
            okButtonProps={{ danger: true }}
          >
            <Button type="link" danger size="small" data-testid="token-revoke">
              {t('revokeToken')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <div className="goa-filters">
        <Typography.Text type="secondary" style={{ flex: 1, alignSelf: 'center' }}>
          {t('tokensIntro')}
        </Typography.Text>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            form.resetFields();
            setCreating(true);
          }}
          data-testid="token-new"
        >
          {t('newToken')}
        </Button>
      </div>
      <Table<MachineToken>
        rowKey="id"
        columns={columns}
        dataSource={list}
        loading={loading}
        scroll={{ x: 'max-content' }}
        size={isPhone ? 'small' : 'middle'}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noTokens')} /> }}
      />
      <Modal
        open={creating}
        title={t('newToken')}
        okText={c('create')}
        cancelText={c('cancel')}
        confirmLoading={busy}
        onOk={() => void create().catch(() => undefined)}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="name"
            label={t('tokenName')}
            extra={t('tokenNameHint')}
            rules={[{ required: true, max: 60 }]}
          >
            <Input data-testid="token-name" />
          </Form.Item>
          <Form.Item
            name="purpose"
            label={t('purpose')}
            extra={t('purposeHint')}
            rules={[{ required: true }]}
          >
            <Select
              showSearch
              placeholder={t('purposePick')}
              data-testid="token-purpose"
              options={purposes.map((p) => ({ value: p.purpose, label: p.purpose, routes: p.routes }))}
              optionRender={(o) => (
                <div data-testid={`token-purpose-${o.value}`}>
                  <Typography.Text code>{o.value}</Typography.Text>
                  <div className="goa-option-sub">{o.data.routes.join(' · ')}</div>
                </div>
              )}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={created !== null}
        title={t('tokenCreated')}
        onCancel={() => setCreated(null)}
        footer={
          <Button onClick={() => setCreated(null)} data-testid="token-created-close">
            {c('close')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('tokenOnce')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph
          copyable={{ text: created ?? '' }}
          code
          style={{ wordBreak: 'break-all' }}
          data-testid="token-value"
        >
          {created}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
