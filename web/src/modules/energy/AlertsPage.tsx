import { useMemo, useState } from 'react';
import { Button, Descriptions, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { AlertDrawer, useAlertHandling } from '../../shared/AlertDrawer.tsx';
import { AlertFilterBar } from '../../shared/AlertFilterBar.tsx';
import { AlertLevelTag, AlertList } from '../../shared/AlertList.tsx';
import { fmtDateTime } from '../../shared/format.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { usePagedTable } from '../../shared/table.ts';
import { insightApi, num, pct, type Alert, type AlertRule } from './insight-api.ts';
import { mi } from './insight-messages.ts';
import { m } from './messages.ts';

const RULES: AlertRule[] = ['offline', 'gap', 'imbalance', 'spike', 'base_load', 'over_quota'];
const STATUS_COLOURS = { open: 'red', acknowledged: 'blue', resolved: 'green' } as const;
type Filters = { q?: string; status?: string; level?: string; rule?: string; institutionId?: string };

export function LevelTag({ level }: { level: Alert['level'] }) {
  const t = useT(mi);
  return <AlertLevelTag level={level} label={t(`level_${level}`)} />;
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

/** An alert's details; acknowledging and resolving it with a note. */
function HandleDrawer({
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
  const { note, setNote, busy, run } = useAlertHandling();
  const act = (a: Alert, action: 'acknowledge' | 'resolve') =>
    run(
      () => insightApi.handleAlert(a.id, action, note),
      t(action === 'acknowledge' ? 'acknowledged' : 'resolved'),
      onChanged,
    );
  return (
    <AlertDrawer
      alert={alert}
      onClose={onClose}
      title={(a) => t(`rule_${a.rule}`)}
      width={480}
      testId="alert-drawer"
      details={(a) => (
        <>
          <Descriptions.Item label={t('level')}>
            <LevelTag level={a.level} />
          </Descriptions.Item>
          <Descriptions.Item label={t('status')}>
            <Tag color={STATUS_COLOURS[a.status]} data-testid="alert-status">
              {t(`status_${a.status}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('name')}>
            <Link to={`/energy/institutions/${a.institutionId}`}>{a.institutionName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('point')}>
            {a.pointCode ? `${a.pointName} (${a.pointCode})` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('period')}>
            {fmtDateTime(a.periodStart)} – {fmtDateTime(a.periodEnd)}
          </Descriptions.Item>
          <Descriptions.Item label={`${t('value')} / ${t('threshold')}`}>{alertFigure(a)}</Descriptions.Item>
          <Descriptions.Item label={t('lastSeen')}>{fmtDateTime(a.lastSeenAt)}</Descriptions.Item>
          {a.acknowledgedBy && (
            <Descriptions.Item label={t('acknowledged')}>
              {a.acknowledgedBy} · {fmtDateTime(a.acknowledgedAt)}
            </Descriptions.Item>
          )}
          {a.resolvedBy && (
            <Descriptions.Item label={t('resolved')}>
              {a.resolvedBy} · {fmtDateTime(a.resolvedAt)}
            </Descriptions.Item>
          )}
          {a.note && <Descriptions.Item label={t('note')}>{a.note}</Descriptions.Item>}
        </>
      )}
      note={(a) =>
        a.status !== 'resolved' && can('energy.alert.handle')
          ? {
              value: note,
              onChange: setNote,
              maxLength: 500,
              placeholder: t('note'),
              testId: 'alert-note',
              actions: (
                <Space>
                  {a.status === 'open' && (
                    <Button
                      loading={busy}
                      onClick={() => void act(a, 'acknowledge')}
                      data-testid="alert-acknowledge"
                    >
                      {t('acknowledge')}
                    </Button>
                  )}
                  <Button
                    type="primary"
                    loading={busy}
                    onClick={() => void act(a, 'resolve')}
                    data-testid="alert-resolve"
                  >
                    {t('resolve')}
                  </Button>
                </Space>
              ),
            }
          : null
      }
    />
  );
}

export function AlertsPage() {
  const t = useT(mi);
  const tm = useT(m);
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
      <AlertList<Alert>
        table={table}
        level={{ title: t('level'), width: 100, tag: (a) => <LevelTag level={a.level} /> }}
        open={{ title: t('rule'), width: 170, label: (a) => t(`rule_${a.rule}`), testId: 'alert-open' }}
        columns={columns}
        phone={{
          title: (a) => t(`rule_${a.rule}`),
          description: (a) => `${a.institutionName} · ${a.pointCode ?? ''} · ${t(`status_${a.status}`)}`,
        }}
        onOpen={setOpen}
        tableTestId="alerts-table"
      />
      <HandleDrawer
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
