import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useT } from '../../../app/i18n.ts';
import { useSession } from '../../../app/session.tsx';
import { useApiError } from '../../../shared/feedback.ts';
import { fmtDateTime } from '../../../shared/format.ts';
import { SearchInput } from '../../../shared/SearchInput.tsx';
import { usePagedTable } from '../../../shared/table.ts';
import { vehiclesApi } from '../api.ts';
import { m } from '../messages.ts';
import { supervisionApi, type SealEntry, type SealPeriod } from './api.ts';
import { ms } from './messages.ts';

type Filters = { q?: string; action?: string };

/** Picks a vehicle by plate (server-side search in scope), showing its status. */
function VehiclePick({
  value,
  onChange,
}: {
  value?: string;
  onChange: (id?: string, status?: string) => void;
}) {
  const t = useT(ms);
  const tm = useT(m);
  const [options, setOptions] = useState<{ value: string; label: string; status: string }[]>([]);
  const search = useMemo(
    () => (q: string) =>
      vehiclesApi
        .vehicles({ q, pageSize: 20 })
        .then((p) =>
          setOptions(
            p.items.map((v) => ({
              value: v.id,
              label: tm('counted', { label: v.plate, n: tm(`vs_${v.status as 'available'}`) }),
              status: v.status,
            })),
          ),
        )
        .catch(() => setOptions([])),
    [tm],
  );
  useEffect(() => void search(''), [search]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
      allowClear
      value={value}
      placeholder={t('pickVehicle')}
      options={options}
      onChange={(id?: string) => onChange(id, options.find((o) => o.value === id)?.status)}
      style={{ width: 240 }}
      data-testid="veh-seal-vehicle"
    />
  );
}

/** Holiday sealing: the schedule from the calendar, manual seal/unseal with a reason, the log. */
export function SealingPanel() {
  const t = useT(ms);
  const { can } = useSession();
  const { message } = App.useApp();
  const onError = useApiError();
  const [plan, setPlan] = useState<Awaited<ReturnType<typeof supervisionApi.periods>> | null>(null);
  const table = usePagedTable<SealEntry, Filters>(supervisionApi.sealLog, {});
  const [vehicle, setVehicle] = useState<{ id?: string; status?: string }>({});
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    supervisionApi.periods().then(setPlan, onError);
  }, [onError]);
  const act = async (action: 'seal' | 'unseal') => {
    if (!vehicle.id) return;
    setBusy(true);
    try {
      await supervisionApi.seal(vehicle.id, action, reason.trim());
      message.success(t('sealedOk'));
      setReason('');
      setVehicle({});
      table.reload();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const periodCols: TableColumnsType<SealPeriod> = [
    { title: t('periodName'), key: 'p', render: (_: unknown, p) => `${p.start} – ${p.end}` },
    { title: t('days'), dataIndex: 'days', width: 70 },
    { title: t('sealOn'), key: 's', render: (_: unknown, p) => `${p.sealOn} ${plan?.sealAt ?? ''}` },
    { title: t('unsealOn'), key: 'u', render: (_: unknown, p) => `${p.unsealOn} ${plan?.unsealAt ?? ''}` },
  ];
  const logCols: TableColumnsType<SealEntry> = [
    { title: t('at'), dataIndex: 'at', width: 150, render: (v: string) => fmtDateTime(v) },
    { title: t('plate'), dataIndex: 'plate', width: 110 },
    {
      title: t('action'),
      dataIndex: 'action',
      width: 80,
      render: (a: SealEntry['action']) => (
        <Tag color={a === 'seal' ? 'blue' : 'green'}>{t(`action_${a}`)}</Tag>
      ),
    },
    { title: t('odometer'), dataIndex: 'odometerKm', width: 120, align: 'right' },
    { title: t('reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
    { title: t('jurisdiction'), dataIndex: 'jurisdiction', width: 90 },
    { title: t('by'), dataIndex: 'by', width: 110, render: (v: string | null) => v ?? t('byJob') },
  ];
  return (
    <>
      <Card size="small" title={t('sealPeriods')} style={{ marginBottom: 16 }}>
        {plan && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('sealRule', {
              n: plan.minDays,
              sealAt: plan.sealAt,
              unsealAt: plan.unsealAt,
              exempt: plan.exempt.map((c) => t(`cat_${c as 'general'}`)).join('、'),
            })}
          </Typography.Paragraph>
        )}
        <Table<SealPeriod>
          rowKey="start"
          size="small"
          pagination={false}
          dataSource={plan?.periods ?? []}
          columns={periodCols}
          data-testid="veh-seal-periods"
        />
      </Card>
      {can('vehicles.supervise') && (
        <Card size="small" title={t('manualSeal')} style={{ marginBottom: 16 }}>
          <Space wrap>
            <VehiclePick value={vehicle.id} onChange={(id, status) => setVehicle({ id, status })} />
            <Input
              value={reason}
              maxLength={100}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t('reason')}
              style={{ width: 240 }}
              data-testid="veh-seal-reason"
            />
            <Button
              disabled={!vehicle.id || !reason.trim() || vehicle.status === 'sealed'}
              loading={busy}
              onClick={() => void act('seal')}
              data-testid="veh-seal-do"
            >
              {t('doSeal')}
            </Button>
            <Button
              disabled={!vehicle.id || !reason.trim() || vehicle.status !== 'sealed'}
              loading={busy}
              onClick={() => void act('unseal')}
              data-testid="veh-unseal-do"
            >
              {t('doUnseal')}
            </Button>
          </Space>
        </Card>
      )}
      <Card size="small" title={t('sealLog')}>
        <div className="goa-filters">
          <SearchInput
            placeholder={t('search')}
            onSearch={(q) => table.setFilters({ q })}
            style={{ width: 160 }}
          />
          <Select
            allowClear
            placeholder={t('action')}
            options={(['seal', 'unseal'] as const).map((a) => ({ value: a, label: t(`action_${a}`) }))}
            onChange={(action?: string) => table.setFilters({ action })}
            style={{ width: 110 }}
          />
        </div>
        <Table<SealEntry>
          rowKey="id"
          columns={logCols}
          {...table.tableProps}
          scroll={{ x: 860 }}
          data-testid="veh-seal-log"
        />
      </Card>
    </>
  );
}
