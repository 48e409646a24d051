import { useCallback, useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Dropdown,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import { DownloadOutlined, LoginOutlined, LogoutOutlined, UserAddOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useLocale, useT } from '../../app/i18n.ts';
import { api } from '../../shared/api.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { visitorsApi, type GateSite, type SiteCheck, type Visit } from './api.ts';
import { m } from './messages.ts';
import { StatusTag } from './VisitsPage.tsx';

function CheckFields({ checks, prefix }: { checks: SiteCheck[]; prefix: string }) {
  const t = useT(m);
  const locale = useLocale();
  return (
    <>
      {checks.map((c) => (
        <Form.Item
          key={c.code}
          name={['checks', c.code]}
          label={c.label[locale]}
          rules={[{ required: true, message: t('required') }]}
          style={{ marginBottom: 8 }}
        >
          {c.kind === 'temperature' ? (
            <InputNumber
              min={34}
              max={43}
              step={0.1}
              precision={1}
              suffix="℃"
              style={{ width: 140 }}
              inputMode="decimal"
              data-testid={`${prefix}-check-${c.code}`}
            />
          ) : c.kind === 'health_code' ? (
            <Radio.Group optionType="button" buttonStyle="solid" data-testid={`${prefix}-check-${c.code}`}>
              <Radio value="green">{t('hc_green')}</Radio>
              <Radio value="yellow">{t('hc_yellow')}</Radio>
              <Radio value="red">{t('hc_red')}</Radio>
            </Radio.Group>
          ) : (
            <Radio.Group optionType="button" data-testid={`${prefix}-check-${c.code}`}>
              <Radio value={true}>{t('yes')}</Radio>
              <Radio value={false}>{t('no')}</Radio>
            </Radio.Group>
          )}
        </Form.Item>
      ))}
    </>
  );
}

function VisitCard({ v, site, onDone }: { v: Visit; site: GateSite | undefined; onDone: () => void }) {
  const t = useT(m);
  // Chinese full-width punctuation only in Chinese
  const zh = useLocale() === 'zh-CN';
  const colon = zh ? '：' : ': ';
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<{ checks: Record<string, unknown> }>();
  const [busy, setBusy] = useState(false);
  async function checkIn(values: { checks: Record<string, unknown> }) {
    setBusy(true);
    try {
      await visitorsApi.checkIn({ visitId: v.id, checks: values.checks ?? {} });
      void message.success(t('checkedIn', { name: v.visitorName }));
      onDone();
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  }
  async function checkOut() {
    try {
      await visitorsApi.checkOut(v.id);
      void message.success(t('checkedOut', { name: v.visitorName }));
      onDone();
    } catch (e) {
      showError(e);
    }
  }
  return (
    <Card
      size="small"
      data-testid="gate-visit"
      style={{ marginBottom: 12 }}
      title={
        <Space wrap>
          {v.visitorName}
          <StatusTag v={v} />
        </Space>
      }
    >
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        {fmtDateTime(v.startsAt)} – {fmtDateTime(v.endsAt).slice(-5)}
        <br />
        {t('host')}
        {colon}
        {t('withNote', { a: v.hostName, b: v.unitName })}
        <br />
        {t('idNumber')}
        {colon}
        {v.idMasked ?? '—'}{' '}
        {v.plate && (
          <>
            · {t('plate')}
            {colon}
            {v.plate}
          </>
        )}
        {v.company && (
          <>
            <br />
            {v.company} · {v.purpose}
          </>
        )}
      </Typography.Paragraph>
      {v.status === 'approved' && (
        <Form form={form} layout="vertical" onFinish={checkIn}>
          <CheckFields checks={site?.checks ?? []} prefix="gate" />
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            icon={<LoginOutlined />}
            loading={busy}
            data-testid="gate-check-in"
          >
            {t('checkIn')}
          </Button>
        </Form>
      )}
      {v.status === 'checked_in' && (
        <Button
          block
          size="large"
          icon={<LogoutOutlined />}
          onClick={() => void checkOut()}
          data-testid="gate-check-out"
        >
          {t('checkOut')}
        </Button>
      )}
    </Card>
  );
}

interface WalkInValues {
  hostPersonId: string;
  visitorName: string;
  idNumber: string;
  mobile: string;
  company?: string;
  purpose: string;
  endsAt: Dayjs;
  plate?: string;
  checks: Record<string, unknown>;
}

function WalkInDialog({
  site,
  open,
  onClose,
}: {
  site: GateSite;
  open: boolean;
  onClose: (done: boolean) => void;
}) {
  const t = useT(m);
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<WalkInValues>();
  const [hosts, setHosts] = useState<{ value: string; label: string }[]>([]);
  const [busy, setBusy] = useState(false);
  async function submit(v: WalkInValues) {
    setBusy(true);
    try {
      const r = await visitorsApi.walkIn({
        ...v,
        siteId: site.id,
        startsAt: new Date().toISOString(),
        endsAt: v.endsAt.toISOString(),
        company: v.company || null,
        plate: v.plate || null,
        checks: v.checks ?? {},
      });
      void message.success(t('checkedIn', { name: r.visitorName }));
      form.resetFields();
      onClose(true);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  }
  const req = [{ required: true, message: t('required') }];
  return (
    <Modal
      open={open}
      title={t('walkIn')}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form<WalkInValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ endsAt: dayjs().add(2, 'hour') }}
      >
        <Form.Item name="hostPersonId" label={t('host')} rules={req}>
          <Select
            showSearch={{
              filterOption: false,
              onSearch: (q) =>
                void (q.trim()
                  ? visitorsApi.hosts(q).then((hs) =>
                      setHosts(
                        hs.map((h) => ({
                          value: h.id,
                          label: t('withNote', { a: h.name, b: h.unitName }),
                        })),
                      ),
                    )
                  : undefined),
            }}
            placeholder={t('hostSearch')}
            options={hosts}
            data-testid="walkin-host"
          />
        </Form.Item>
        <Form.Item name="visitorName" label={t('name')} rules={req}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="idNumber" label={t('idNumber')} rules={req}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="mobile" label={t('mobile')} rules={req}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item name="company" label={t('company')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="purpose" label={t('purpose')} rules={req}>
          <Input maxLength={200} />
        </Form.Item>
        {/* a walk-in arrives now: the guard sets when they are expected to leave */}
        <Form.Item name="endsAt" label={t('leavesBy')} rules={req}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
            data-testid="walkin-ends"
          />
        </Form.Item>
        <Form.Item name="plate" label={t('plate')}>
          <Input maxLength={12} />
        </Form.Item>
        <CheckFields checks={site.checks} prefix="walkin" />
      </Form>
    </Modal>
  );
}

/** The gate guards' page, phone first: find a visitor, record the checks, check in and out, walk-ins. */
export function GatePage() {
  const t = useT(m);
  const showError = useApiError();
  const [sites, setSites] = useState<GateSite[] | null>(null);
  const [siteId, setSiteId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Visit[]>([]);
  const [walkIn, setWalkIn] = useState(false);

  useEffect(() => {
    visitorsApi.gateSites().then((s) => {
      setSites(s);
      setSiteId(s[0]?.id);
    }, showError);
  }, [showError]);

  const search = useCallback(
    (text: string) => {
      visitorsApi.find(text).then(setFound, showError);
    },
    [showError],
  );
  useEffect(() => search(''), [search]);

  const site = sites?.find((s) => s.id === siteId);
  // without a query: who is expected or inside now; a query shows every match
  const list = found.filter(
    (v) =>
      (!siteId || v.siteId === siteId) &&
      (q.trim() !== '' || v.status === 'approved' || v.status === 'checked_in'),
  );
  return (
    <div style={{ maxWidth: 640 }}>
      <PageHeader
        title={t('gate')}
        extra={
          <Space wrap>
            {site && (
              <Button icon={<UserAddOutlined />} onClick={() => setWalkIn(true)} data-testid="gate-walk-in">
                {t('walkIn')}
              </Button>
            )}
            <Dropdown
              menu={{
                items: [
                  { key: 'csv', label: 'CSV' },
                  { key: 'xlsx', label: 'Excel' },
                ],
                onClick: ({ key }) =>
                  void api
                    .download('/api/visitors/whitelist', { format: key, siteId }, `whitelist.${key}`)
                    .catch(showError),
              }}
            >
              <Button icon={<DownloadOutlined />}>{t('exportWhitelist')}</Button>
            </Dropdown>
          </Space>
        }
      />
      {sites && sites.length === 0 && <Empty description={t('noSite')} />}
      {sites && sites.length > 1 && (
        <Select
          value={siteId}
          onChange={setSiteId}
          options={sites.map((s) => ({ value: s.id, label: s.name }))}
          style={{ width: '100%', marginBottom: 12 }}
        />
      )}
      <Input.Search
        size="large"
        enterButton={t('find')}
        placeholder={t('findPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(v) => search(v)}
        allowClear
        data-testid="gate-find"
        style={{ marginBottom: 12 }}
      />
      {!q && <Typography.Title level={5}>{t('todayList')}</Typography.Title>}
      {list.length === 0 ? (
        <Empty description={t('emptyFind')} />
      ) : (
        list.map((v) => (
          <VisitCard key={v.id} v={v} site={sites?.find((s) => s.id === v.siteId)} onDone={() => search(q)} />
        ))
      )}
      {site && (
        <WalkInDialog
          site={site}
          open={walkIn}
          onClose={(done) => {
            setWalkIn(false);
            if (done) search(q);
          }}
        />
      )}
    </div>
  );
}
