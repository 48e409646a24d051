import { useCallback, useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../app/i18n.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { visitorsApi, type ManagedSite, type SiteCheck } from './api.ts';
import { SiteForm } from './SiteForm.tsx';
import { m } from './messages.ts';

type Kind = SiteCheck['kind'];
const KINDS: Kind[] = ['temperature', 'health_code', 'yes_no'];

/** A new check of a kind, with the usual code and names (the office may rename them). */
function preset(kind: Kind, taken: string[]): SiteCheck {
  if (kind === 'temperature' && !taken.includes('temperature'))
    return { code: 'temperature', kind, label: { 'zh-CN': '体温', en: 'Temperature' }, max: 37.3 };
  if (kind === 'health_code' && !taken.includes('health_code'))
    return { code: 'health_code', kind, label: { 'zh-CN': '健康码', en: 'Health code' } };
  let n = 1;
  while (taken.includes(`${kind}_${n}`)) n++;
  return { code: `${kind}_${n}`, kind, label: { 'zh-CN': '', en: '' } };
}

/** The visitors office's page: its visitor sites (unit, guards) and the checks each gate records. */
export function SitesPage() {
  const t = useT(m);
  const locale = useLocale();
  const { message } = App.useApp();
  const showError = useApiError();
  const [sites, setSites] = useState<ManagedSite[]>([]);
  const [editing, setEditing] = useState<ManagedSite | null>(null);
  /** the site whose name, unit and guards are edited; 'new' for a new one */
  const [siteForm, setSiteForm] = useState<ManagedSite | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ checks: SiteCheck[] }>();
  const load = useCallback(() => {
    visitorsApi.managedSites().then(setSites, showError);
  }, [showError]);
  useEffect(load, [load]);

  const open = (s: ManagedSite) => {
    setEditing(s);
    form.resetFields();
    form.setFieldsValue({ checks: s.checks });
  };
  const save = async (v: { checks?: SiteCheck[] }) => {
    if (!editing) return;
    const checks = (v.checks ?? []).map((c) => ({
      code: c.code.trim(),
      kind: c.kind,
      label: { 'zh-CN': c.label['zh-CN'].trim(), en: c.label.en.trim() },
      ...(c.kind === 'temperature' && c.max != null ? { max: c.max } : {}),
    }));
    setBusy(true);
    try {
      await visitorsApi.setSiteChecks(editing.id, checks);
      void message.success(t('checksSaved'));
      setEditing(null);
      load();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (s: ManagedSite) => {
    try {
      await visitorsApi.deleteSite(s.id);
      void message.success(t('siteDeleted'));
      load();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <>
      <PageHeader
        title={t('menuSites')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setSiteForm('new')}
            data-testid="site-add"
          >
            {t('addSite')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('sitesIntro')}</Typography.Paragraph>
      <Card size="small">
        <Table<ManagedSite>
          size="small"
          rowKey="id"
          dataSource={sites}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('noSitesManaged')} /> }}
          data-testid="visitor-sites"
          columns={[
            { title: t('siteName'), dataIndex: 'name' },
            { title: t('siteUnit'), dataIndex: 'unitName', responsive: ['md'] },
            {
              title: t('siteAddress'),
              dataIndex: 'address',
              responsive: ['md'],
              render: (a: string | null) => a ?? '—',
            },
            {
              title: t('siteGuards'),
              dataIndex: 'guards',
              render: (guards: ManagedSite['guards']) =>
                guards.length === 0 ? (
                  <Typography.Text type="secondary">{t('noGuards')}</Typography.Text>
                ) : (
                  guards.map((g) => g.name).join('、')
                ),
            },
            {
              title: t('siteChecks'),
              dataIndex: 'checks',
              render: (checks: SiteCheck[]) =>
                checks.length === 0 ? (
                  <Tag>{t('noChecks')}</Tag>
                ) : (
                  <Space size={[4, 4]} wrap>
                    {checks.map((c) => (
                      <Tag key={c.code} color={c.kind === 'yes_no' ? 'blue' : 'green'}>
                        {c.label[locale] || c.code}
                        {c.kind === 'temperature' && c.max != null ? ` ≤ ${c.max}℃` : ''}
                      </Tag>
                    ))}
                  </Space>
                ),
            },
            {
              title: '',
              key: 'a',
              render: (_, s) => (
                <Space size={4} wrap>
                  <Button size="small" onClick={() => setSiteForm(s)} data-testid="site-edit">
                    {t('editSite')}
                  </Button>
                  <Button size="small" onClick={() => open(s)} data-testid="site-edit-checks">
                    {t('editChecks')}
                  </Button>
                  {s.visits > 0 ? (
                    <Tooltip title={t('siteInUse')}>
                      <Button size="small" danger disabled>
                        {t('deleteSite')}
                      </Button>
                    </Tooltip>
                  ) : (
                    <Popconfirm
                      title={t('deleteSiteConfirm', { name: s.name })}
                      onConfirm={() => remove(s)}
                      okButtonProps={{ danger: true }}
                    >
                      <Button size="small" danger data-testid="site-delete">
                        {t('deleteSite')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <SiteForm
        site={siteForm === 'new' ? null : siteForm}
        open={siteForm !== null}
        onClose={() => setSiteForm(null)}
        onSaved={() => {
          setSiteForm(null);
          void message.success(t('siteSaved'));
          load();
        }}
      />
      <Modal
        open={!!editing}
        title={`${t('editChecks')} · ${editing?.name ?? ''}`}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('save')}
        confirmLoading={busy}
        width={880}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.List name="checks">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Card key={f.key} size="small" style={{ marginBottom: 8 }} data-testid="site-check-row">
                    <Space wrap align="start">
                      <Form.Item name={[f.name, 'kind']} label={t('checkKind')} style={{ marginBottom: 0 }}>
                        <Select
                          style={{ width: 130 }}
                          options={KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'code']}
                        label={t('checkCode')}
                        rules={[{ required: true, message: t('required') }]}
                        style={{ marginBottom: 0 }}
                      >
                        <Input style={{ width: 130 }} maxLength={40} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'label', 'zh-CN']}
                        label={t('checkLabelZh')}
                        rules={[{ required: true, whitespace: true, message: t('required') }]}
                        style={{ marginBottom: 0 }}
                      >
                        <Input style={{ width: 140 }} maxLength={60} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'label', 'en']}
                        label={t('checkLabelEn')}
                        rules={[{ required: true, whitespace: true, message: t('required') }]}
                        style={{ marginBottom: 0 }}
                      >
                        <Input style={{ width: 140 }} maxLength={60} />
                      </Form.Item>
                      <Form.Item noStyle shouldUpdate>
                        {() =>
                          form.getFieldValue(['checks', f.name, 'kind']) === 'temperature' && (
                            <Form.Item
                              name={[f.name, 'max']}
                              label={t('checkMax')}
                              style={{ marginBottom: 0 }}
                            >
                              <InputNumber
                                min={35}
                                max={42}
                                step={0.1}
                                precision={1}
                                style={{ width: 110 }}
                              />
                            </Form.Item>
                          )
                        }
                      </Form.Item>
                      <Button
                        danger
                        type="text"
                        icon={<DeleteOutlined />}
                        onClick={() => remove(f.name)}
                        style={{ marginTop: 30 }}
                        aria-label={t('removeCheck')}
                      />
                    </Space>
                  </Card>
                ))}
                <Space wrap>
                  {KINDS.map((k) => (
                    <Button
                      key={k}
                      icon={<PlusOutlined />}
                      data-testid={`site-add-${k}`}
                      onClick={() => {
                        const taken = ((form.getFieldValue('checks') as SiteCheck[] | undefined) ?? []).map(
                          (c) => c.code,
                        );
                        add(preset(k, taken));
                      }}
                      disabled={fields.length >= 10}
                    >
                      {t('addCheck', { kind: t(`kind_${k}`) })}
                    </Button>
                  ))}
                  {fields.length > 0 && (
                    <Button onClick={() => remove(fields.map((f) => f.name))}>{t('clearChecks')}</Button>
                  )}
                </Space>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </>
  );
}
