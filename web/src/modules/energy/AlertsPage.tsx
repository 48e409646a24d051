import { useMemo, useState } from 'react';
import { App, Button, Descriptions, Drawer, Input, List, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { AlertFilterBar } from '../../shared/AlertFilterBar.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { usePagedTable } from '../../shared/table.ts';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { insightApi, num, pct, type Alert, type AlertRule } from './insight-api.ts';
import { mi } from './insight-messages.ts';
import { m } from './messages.ts';

const RULES: AlertRule[] = ['offline', 'gap', 'imbalance', 'spike', 'base_load', 'over_quota'];
const STATUS_COLOURS = { open: 'red', acknowledged: 'blue', resolved: 'green' } as const;
type Filters = { q?: string; status?: string; level?: string; rule?: string; institutionId?: string };

export function LevelTag({ level }: { level: Alert['level'] }) {
  const t = useT(mi);
  return <Tag color={level === 'red' ? 'red' : 'gold'}>{t(`level_${level}`)}</Tag>;
}

/** What the figures of an alert mean, per rule. */
export function alertFigure(a: Alert): string {
  if (a.value === null) return '—';
  switch (a.rule) {
    case 'offline':
      return `${num(a.value)} / ${num(a.threshold)}`;
    case 'imbalance':
    case 'base_load':
      return `${pct(a.value)} / ${pct(a.threshold)}`;
    case 'spike':
      return `×${num(a.value, 1)} / ×${num(a.threshold, 1)}`;
    case 'over_quota':
      return `${num(a.value)} / ${num(a.threshold)} kgce`;
    default:
      return num(a.value, 2);
  }
}

function AlertDrawer({
  alert,
  onClose,
  onChanged,
}: {
  alert: Alert | null;
  onClose: () => void;
  onChanged: (a: Alert) => void;
}) {
  const t = useT(mi);
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useApiError();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const act = async (action: 'acknowledge' | 'resolve') => {
    if (!alert) return;
    setBusy(true);
    try {
      const next = await insightApi.handleAlert(alert.id, action, note);
      message.success(t(action === 'acknowledge' ? 'acknowledged' : 'resolved'));
      setNote('');
      onChanged(next);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer
      open={alert !== null}
      onClose={onClose}
      title={alert && t(`rule_${alert.rule}`)}
      width={480}
      data-testid="alert-drawer"
    >
      {alert && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('level')}>
              <LevelTag level={alert.level} />
            </Descriptions.Item>
            <Descriptions.Item label={t('status')}>
              <Tag color={STATUS_COLOURS[alert.status]} data-testid="alert-status">
                {t(`status_${alert.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('name')}>
              <Link to={`/energy/institutions/${alert.institutionId}`}>{alert.institutionName}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('point')}>
              {alert.pointCode ? `${alert.pointName} (${alert.pointCode})` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('period')}>
              {fmtDateTime(alert.periodStart)} – {fmtDateTime(alert.periodEnd)}
            </Descriptions.Item>
            <Descriptions.Item label={`${t('value')} / ${t('threshold')}`}>
              {alertFigure(alert)}
            </Descriptions.Item>
            <Descriptions.Item label={t('lastSeen')}>{fmtDateTime(alert.lastSeenAt)}</Descriptions.Item>
            {alert.acknowledgedBy && (
              <Descriptions.Item label={t('acknowledged')}>
                {alert.acknowledgedBy} · {fmtDateTime(alert.acknowledgedAt)}
              </Descriptions.Item>
            )}
            {alert.resolvedBy && (
              <Descriptions.Item label={t('resolved')}>
                {alert.resolvedBy} · {fmtDateTime(alert.resolvedAt)}
              </Descriptions.Item>
            )}
            {alert.note && <Descriptions.Item label={t('note')}>{alert.note}</Descriptions.Item>}
          </Descriptions>
          {alert.status !== 'resolved' && can('energy.alert.handle') && (
            <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
              <Input.TextArea
                rows={3}
                maxLength={500}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder={t('note')}
                data-testid="alert-note"
              />
              <Space>
                {alert.status === 'open' && (
                  <Button
                    loading={busy}
                    onClick={() => void act('acknowledge')}
                    data-testid="alert-acknowledge"
                  >
                    {t('acknowledge')}
                  </Button>
                )}
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() => void act('resolve')}
                  data-testid="alert-resolve"
                >
                  {t('resolve')}
                </Button>
              </Space>
            </Space>
          )}
        </>
      )}
    </Drawer>
  );
}

export function AlertsPage() {
  const t = useT(mi);
  const tm = useT(m);
  const isPhone = useIsPhone();
  const [params] = useSearchParams();
  const initial = useMemo<Filters>(
    () => ({
      status: params.get('status') ?? 'live',
      institutionId: params.get('institutionId') ?? undefined,
    }),
    [params],
  );
  const table = usePagedTable<Alert, Filters>(insightApi.alerts, initial);
  const [open, setOpen] = useState<Alert | null>(null);
  const counts =
    (table.data as unknown as { counts?: { level: string; status: string; n: number }[] } | null)?.counts ??
    [];
  const live = (level: string) =>
    counts.filter((c) => c.level === level && c.status !== 'resolved').reduce((a, c) => a + c.n, 0);
  const columns: TableColumnsType<Alert> = [
    {
      title: t('level'),
      dataIndex: 'level',
      width: 100,
      render: (l: Alert['level']) => <LevelTag level={l} />,
    },
    {
      title: t('rule'),
      dataIndex: 'rule',
      width: 170,
      render: (r: AlertRule, a) => (
        <a onClick={() => setOpen(a)} data-testid="alert-open">
          {t(`rule_${r}`)}
        </a>
      ),
    },
    { title: t('name'), dataIndex: 'institutionName' },
    { title: t('jurisdiction'), dataIndex: 'jurisdictionName', width: 90 },
    { title: t('point'), dataIndex: 'pointCode', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: `${t('value')} / ${t('threshold')}`,
      key: 'figure',
      width: 170,
      render: (_: unknown, a) => alertFigure(a),
    },
    { title: t('lastSeen'), dataIndex: 'lastSeenAt', width: 150, render: (v: string) => fmtDateTime(v) },
    {
      title: t('status'),
      dataIndex: 'status',
      width: 90,
      render: (s: Alert['status']) => <Tag color={STATUS_COLOURS[s]}>{t(`status_${s}`)}</Tag>,
    },
  ];
  return (
    <>
      <PageHeader
        title={tm('alertsTitle')}
        sub={
          <Space size={4}>
            <Tag color="red">{t('redCount', { n: live('red') })}</Tag>
            <Tag color="gold">{t('yellowCount', { n: live('yellow') })}</Tag>
          </Space>
        }
      />
      <AlertFilterBar
        search={{ placeholder: t('name'), width: 200, testId: 'alerts-search' }}
        status={{
          value: table.filters.status,
          placeholder: t('status'),
          options: (['live', 'open', 'acknowledged', 'resolved'] as const).map((s) => ({
            value: s,
            label: t(`status_${s}`),
          })),
          width: 120,
        }}
        level={{
          placeholder: t('level'),
          options: (['red', 'yellow'] as const).map((l) => ({ value: l, label: t(`level_${l}`) })),
          width: 120,
        }}
        kind={{
          placeholder: t('rule'),
          options: RULES.map((r) => ({ value: r, label: t(`rule_${r}`) })),
          width: 190,
        }}
        kindField="rule"
        onChange={table.setFilters}
      />
      {isPhone ? (
        <List<Alert>
          loading={table.loading}
          dataSource={table.data?.items ?? []}
          pagination={table.listPagination}
          renderItem={(a) => (
            <List.Item onClick={() => setOpen(a)} extra={<LevelTag level={a.level} />}>
              <List.Item.Meta
                title={<span data-testid="alert-open">{t(`rule_${a.rule}`)}</span>}
                description={
                  <Typography.Text type="secondary">
                    {a.institutionName} · {a.pointCode ?? ''} · {t(`status_${a.status}`)}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<Alert>
          rowKey="id"
          columns={columns}
          {...table.tableProps}
          scroll={{ x: 1000 }}
          data-testid="alerts-table"
        />
      )}
      <AlertDrawer
        alert={open}
        onClose={() => setOpen(null)}
        onChanged={(a) => {
          setOpen(a);
          table.reload();
        }}
      />
    </>
  );
}
