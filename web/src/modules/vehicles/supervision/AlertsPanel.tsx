import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Input,
  List,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useT } from '../../../app/i18n.ts';
import { useSession } from '../../../app/session.tsx';
import { AlertFilterBar } from '../../../shared/AlertFilterBar.tsx';
import { useApiError } from '../../../shared/feedback.ts';
import { fmtDateTime } from '../../../shared/format.ts';
import { JurisdictionSelect } from '../../../shared/OrgSelects.tsx';
import { usePagedTable } from '../../../shared/table.ts';
import { useIsPhone } from '../../../shared/useIsPhone.ts';
import { ALERT_KINDS, supervisionApi, type AlertLevel, type AlertPage, type VehicleAlert } from './api.ts';
import { ms } from './messages.ts';

const COLOUR: Record<AlertLevel, string> = { red: 'red', yellow: 'gold', green: 'green' };
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
  return (
    <Tag color={COLOUR[level]} data-testid={`level-${level}`}>
      {t(`level_${level}`)}
    </Tag>
  );
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
  const onError = useApiError();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const resolve = async () => {
    if (!alert) return;
    if (!note.trim()) {
      message.warning(t('resolutionRequired'));
      return;
    }
    setBusy(true);
    try {
      await supervisionApi.resolve(alert.id, note.trim());
      message.success(t('resolvedOk'));
      setNote('');
      onDone();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer
      open={alert !== null}
      onClose={onClose}
      title={alert && t(`kind_${alert.kind}`)}
      width={460}
      data-testid="veh-alert-drawer"
    >
      {alert && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('level')}>
              <LevelTag level={alert.level} />
            </Descriptions.Item>
            <Descriptions.Item label={t('plate')}>{alert.plate}</Descriptions.Item>
            <Descriptions.Item label={t('trip')}>{alert.tripNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('jurisdiction')}>{alert.jurisdiction}</Descriptions.Item>
            <Descriptions.Item label={t('at')}>{fmtDateTime(alert.at)}</Descriptions.Item>
            <Descriptions.Item label={t('detail')}>{text(alert)}</Descriptions.Item>
            <Descriptions.Item label={t('status')}>
              {alert.resolvedAt ? (
                <Tag color="green">{t('resolved')}</Tag>
              ) : (
                <Tag color="red">{t('open')}</Tag>
              )}
            </Descriptions.Item>
            {alert.resolvedAt && (
              <>
                <Descriptions.Item label={t('resolvedBy')}>
                  {alert.resolvedBy ?? '—'} · {fmtDateTime(alert.resolvedAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('resolution')}>{alert.resolution}</Descriptions.Item>
              </>
            )}
          </Descriptions>
          {!alert.resolvedAt && can('vehicles.supervise') && (
            <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
              <Input.TextArea
                rows={3}
                maxLength={200}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder={t('resolution')}
                data-testid="veh-alert-note"
              />
              <Button
                type="primary"
                loading={busy}
                onClick={() => void resolve()}
                data-testid="veh-alert-resolve"
              >
                {t('resolve')}
              </Button>
            </Space>
          )}
        </>
      )}
    </Drawer>
  );
}

/** Three-colour alerts: filters by level, kind, jurisdiction, period and status; resolving with a note. */
export function AlertsPanel() {
  const t = useT(ms);
  const text = useAlertText();
  const isPhone = useIsPhone();
  const table = usePagedTable<VehicleAlert, Filters>(supervisionApi.alerts, { status: 'open' });
  const counts = (table.data as AlertPage | null)?.counts;
  const [open, setOpen] = useState<VehicleAlert | null>(null);
  const columns: TableColumnsType<VehicleAlert> = [
    { title: t('level'), dataIndex: 'level', width: 80, render: (l: AlertLevel) => <LevelTag level={l} /> },
    {
      title: t('kind'),
      dataIndex: 'kind',
      width: 150,
      render: (k: VehicleAlert['kind'], a) => (
        <a onClick={() => setOpen(a)} data-testid="veh-alert-open">
          {t(`kind_${k}`)}
        </a>
      ),
    },
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
      {isPhone ? (
        <List<VehicleAlert>
          loading={table.loading}
          dataSource={table.data?.items ?? []}
          pagination={table.listPagination}
          renderItem={(a) => (
            <List.Item onClick={() => setOpen(a)} extra={<LevelTag level={a.level} />}>
              <List.Item.Meta
                title={<span data-testid="veh-alert-open">{`${a.plate} · ${t(`kind_${a.kind}`)}`}</span>}
                description={
                  <Typography.Text type="secondary">
                    {text(a)} · {fmtDateTime(a.at)}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<VehicleAlert>
          rowKey="id"
          columns={columns}
          {...table.tableProps}
          scroll={{ x: 1000 }}
          data-testid="veh-alerts-table"
        />
      )}
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
