import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { App, Button, DatePicker, Descriptions, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useT } from '../../../app/i18n.ts';
import { useSession } from '../../../app/session.tsx';
import { AlertDrawer, useAlertHandling } from '../../../shared/AlertDrawer.tsx';
import { AlertFilterBar } from '../../../shared/AlertFilterBar.tsx';
import { AlertLevelTag, AlertList } from '../../../shared/AlertList.tsx';
import { fmtDateTime } from '../../../shared/format.ts';
import { JurisdictionSelect } from '../../../shared/OrgSelects.tsx';
import { usePagedTable } from '../../../shared/table.ts';
import { ALERT_KINDS, supervisionApi, type AlertLevel, type AlertPage, type VehicleAlert } from './api.ts';
import { ms } from './messages.ts';

type Filters = {
  q?: string;
  level?: string;
  kind?: string;
  status?: string;
  jurisdictionId?: string;
  from?: string;
  to?: string;
};

export function LevelTag({ level }: { level: AlertLevel }) {
  const t = useT(ms);
  return <AlertLevelTag level={level} label={t(`level_${level}`)} testId={`level-${level}`} />;
}

/** One line saying what happened, from the alert's detail. */
export function useAlertText() {
  const t = useT(ms);
  return (a: VehicleAlert): string => {
    const d = a.detail as Record<string, number | string | string[] | undefined>;
    switch (a.kind) {
      case 'outside_window':
        return t('d_minutes', { n: Number(d.minutes ?? 0) });
      case 'mileage_over_plan':
        return t('d_over', {
          km: Number(d.km ?? 0),
          plan: Number(d.plannedKm ?? 0),
          pct: Number(d.overPct ?? 0),
        });
      case 'off_hours':
        return Array.isArray(d.offDays) && d.offDays.length
          ? t('d_offDays', { days: d.offDays.join('、') })
          : t('d_night', { n: Number(d.nightMinutes ?? 0) });
      case 'moved_while_sealed':
        return t('d_metres', { n: Number(d.metres ?? 0) });
      case 'geofence_exit':
        return t('d_geofence', { n: Number(d.minutes ?? 0) });
      case 'sealed_dispatch':
        return t('d_sealed');
    }
  };
}

function ResolveDrawer({
  alert,
  onClose,
  onDone,
}: {
  alert: VehicleAlert | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT(ms);
  const text = useAlertText();
  const { can } = useSession();
  const { message } = App.useApp();
  const { note, setNote, busy, run } = useAlertHandling();
  const resolve = async (a: VehicleAlert) => {
    if (!note.trim()) {
      message.warning(t('resolutionRequired'));
      return;
    }
    await run(() => supervisionApi.resolve(a.id, note.trim()), t('resolvedOk'), onDone);
  };
  return (
    <AlertDrawer
      alert={alert}
      onClose={onClose}
      title={(a) => t(`kind_${a.kind}`)}
      width={460}
      testId="veh-alert-drawer"
      details={(a) => (
        <>
          <Descriptions.Item label={t('level')}>
            <LevelTag level={a.level} />
          </Descriptions.Item>
          <Descriptions.Item label={t('plate')}>{a.plate}</Descriptions.Item>
          <Descriptions.Item label={t('trip')}>{a.tripNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('jurisdiction')}>{a.jurisdiction}</Descriptions.Item>
          <Descriptions.Item label={t('at')}>{fmtDateTime(a.at)}</Descriptions.Item>
          <Descriptions.Item label={t('detail')}>{text(a)}</Descriptions.Item>
          <Descriptions.Item label={t('status')}>
            {a.resolvedAt ? <Tag color="green">{t('resolved')}</Tag> : <Tag color="red">{t('open')}</Tag>}
          </Descriptions.Item>
          {a.resolvedAt && (
            <>
              <Descriptions.Item label={t('resolvedBy')}>
                {a.resolvedBy ?? '—'} · {fmtDateTime(a.resolvedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('resolution')}>{a.resolution}</Descriptions.Item>
            </>
          )}
        </>
      )}
      note={(a) =>
        !a.resolvedAt && can('vehicles.supervise')
          ? {
              value: note,
              onChange: setNote,
              maxLength: 200,
              placeholder: t('resolution'),
              testId: 'veh-alert-note',
              actions: (
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() => void resolve(a)}
                  data-testid="veh-alert-resolve"
                >
                  {t('resolve')}
                </Button>
              ),
            }
          : null
      }
    />
  );
}

/** Three-colour alerts: filters by level, kind, jurisdiction, period and status; resolving with a note. */
export function AlertsPanel() {
  const t = useT(ms);
  const text = useAlertText();
  const table = usePagedTable<VehicleAlert, Filters>(supervisionApi.alerts, { status: 'open' });
  const counts = (table.data as AlertPage | null)?.counts;
  const [open, setOpen] = useState<VehicleAlert | null>(null);
  const columns: TableColumnsType<VehicleAlert> = [
    { title: t('plate'), dataIndex: 'plate', width: 110 },
    { title: t('detail'), key: 'detail', render: (_: unknown, a) => text(a) },
    { title: t('trip'), dataIndex: 'tripNo', width: 170, render: (v: string | null) => v ?? '—' },
    { title: t('jurisdiction'), dataIndex: 'jurisdiction', width: 90 },
    { title: t('at'), dataIndex: 'at', width: 150, render: (v: string) => fmtDateTime(v) },
    {
      title: t('status'),
      key: 'status',
      width: 90,
      render: (_: unknown, a) =>
        a.resolvedAt ? <Tag color="green">{t('resolved')}</Tag> : <Tag color="red">{t('open')}</Tag>,
    },
  ];
  return (
    <>
      <Space size={4} style={{ marginBottom: 12 }} data-testid="veh-alert-counts">
        <Tag color="red">{t('redCount', { n: counts?.red ?? 0 })}</Tag>
        <Tag color="gold">{t('yellowCount', { n: counts?.yellow ?? 0 })}</Tag>
        <Tag>{t('openCount', { n: counts?.open ?? 0 })}</Tag>
      </Space>
      <AlertFilterBar
        search={{ placeholder: t('search'), width: 160, testId: 'veh-alert-search' }}
        status={{
          value: table.filters.status,
          placeholder: t('status'),
          options: (['open', 'resolved'] as const).map((s) => ({ value: s, label: t(s) })),
          width: 110,
          testId: 'veh-alert-status',
        }}
        level={{
          placeholder: t('level'),
          options: (['red', 'yellow'] as const).map((l) => ({ value: l, label: t(`level_${l}`) })),
          width: 100,
          testId: 'veh-alert-level',
        }}
        kind={{
          placeholder: t('kind'),
          options: ALERT_KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) })),
          width: 160,
        }}
        onChange={table.setFilters}
      >
        <JurisdictionSelect
          placeholder={t('jurisdiction')}
          onChange={(jurisdictionId?: string) => table.setFilters({ jurisdictionId })}
          style={{ width: 130 }}
        />
        <DatePicker.RangePicker
          onChange={(v: [Dayjs | null, Dayjs | null] | null) =>
            table.setFilters({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })
          }
        />
      </AlertFilterBar>
      <AlertList<VehicleAlert>
        table={table}
        level={{ title: t('level'), width: 80, tag: (a) => <LevelTag level={a.level} /> }}
        open={{ title: t('kind'), width: 150, label: (a) => t(`kind_${a.kind}`), testId: 'veh-alert-open' }}
        columns={columns}
        phone={{
          title: (a) => `${a.plate} · ${t(`kind_${a.kind}`)}`,
          description: (a) => `${text(a)} · ${fmtDateTime(a.at)}`,
        }}
        onOpen={setOpen}
        tableTestId="veh-alerts-table"
      />
      <ResolveDrawer
        alert={open}
        onClose={() => setOpen(null)}
        onDone={() => {
          setOpen(null);
          table.reload();
        }}
      />
    </>
  );
}
