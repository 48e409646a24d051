import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router';
import { format, useT } from '../../app/i18n.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDate, fmtDateTime, nowInZone, zoneDayRange } from '../../shared/format.ts';
import { m } from './messages.ts';
import {
  vehiclesApi,
  type Jurisdiction,
  type OpenProposal,
  type PlanOutcome,
  type Timeline,
  type TripRequest,
} from './api.ts';
import { Gantt } from './Gantt.tsx';
import { PlanTabs } from './map/PlanTabs.tsx';
import { STATUS_COLOR } from './RequestsPage.tsx';

/** a YYYY-MM-DD date as a day in the deployment's zone */
const dayOf = (d: string): Dayjs =>
  nowInZone()
    .year(Number(d.slice(0, 4)))
    .month(Number(d.slice(5, 7)) - 1)
    .date(Number(d.slice(8, 10)));

/** The dispatch desk: a day's queue, automated dispatch with its proposal, manual assignment, the timeline. */
export default function DeskPage() {
  const t = useT(m);
  const { message } = App.useApp();
  const onError = useApiError();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [day, setDay] = useState<Dayjs>(() => {
    const asked = search.get('date');
    return asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? dayOf(asked) : nowInZone();
  });
  const [pools, setPools] = useState<string[]>([]);
  const [jurisdictions, setJurisdictions] = useState<Jurisdiction[]>([]);
  const [queue, setQueue] = useState<TripRequest[]>([]);
  const [timeline, setTimeline] = useState<Timeline>({ vehicles: [], drivers: [], trips: [] });
  const [plan, setPlan] = useState<PlanOutcome | null>(null);
  const [waiting, setWaiting] = useState<OpenProposal[]>([]);
  const [openDays, setOpenDays] = useState<{ date: string; count: number }[]>([]);
  const [picked, setPicked] = useState<string[]>([]);
  const [planning, setPlanning] = useState(false);
  const [assigning, setAssigning] = useState<TripRequest | null>(null);
  const [form] = Form.useForm<{ vehicleId: string; driverId: string }>();
  const pickedVehicleId = Form.useWatch('vehicleId', form);
  const [sealedReason, setSealedReason] = useState('');
  const [sealedReasonError, setSealedReasonError] = useState(false);
  const [asking, setAsking] = useState(false);
  const date = day.format('YYYY-MM-DD');

  const load = useCallback(() => {
    vehiclesApi.queue(date).then((p) => {
      setQueue(p.items);
      setPools((cur) => (cur.length ? cur : [...new Set(p.items.map((q) => q.jurisdictionId))]));
    }, onError);
    vehiclesApi.timeline(date).then(setTimeline, onError);
    vehiclesApi.proposals(date).then(setWaiting, onError);
    vehiclesApi.openDays().then(setOpenDays, onError);
  }, [date, onError]);
  useEffect(load, [load]);
  useEffect(() => {
    vehiclesApi.jurisdictions().then((js) => {
      setJurisdictions(js);
    }, onError);
  }, [onError]);

  const runPlan = async () => {
    setPlanning(true);
    try {
      const p = await vehiclesApi.plan(
        date,
        pools.length ? pools : [...new Set(queue.map((q) => q.jurisdictionId))],
      );
      setPlan(p);
      setPicked(p.plan.routes.map((r) => r.vehicleId));
    } catch (e) {
      onError(e);
    } finally {
      setPlanning(false);
    }
  };
  const accept = async (all: boolean) => {
    if (!plan) return;
    try {
      const res = await vehiclesApi.acceptPlan(plan.id, all ? undefined : picked);
      void message.success(format(t('accepted'), { n: res.accepted }));
      setPlan(null);
      load();
    } catch (e) {
      onError(e);
    }
  };
  const openProposal = async (id: string) => {
    try {
      const p = await vehiclesApi.getPlan(id);
      setPlan(p);
      setPicked(p.plan.routes.map((r) => r.vehicleId));
    } catch (e) {
      onError(e);
    }
  };
  const openAssign = (r: TripRequest | null) => {
    setAssigning(r);
    setSealedReason('');
    setSealedReasonError(false);
  };
  /** asks for the use of a sealed vehicle for the request being assigned (a vehicles.sealed_use matter) */
  const askSealedUse = async () => {
    if (!assigning) return;
    if (!sealedReason.trim()) {
      setSealedReasonError(true);
      return;
    }
    setAsking(true);
    try {
      await vehiclesApi.askSealedUse(assigning.id, sealedReason.trim());
      void message.success(t('sealedUseAsked'));
      setAssigning({ ...assigning, sealedUse: 'pending' });
      load();
    } catch (e) {
      onError(e);
    } finally {
      setAsking(false);
    }
  };
  const doAssign = async () => {
    if (!assigning) return;
    const v = await form.validateFields();
    try {
      await vehiclesApi.assign({ requestId: assigning.id, ...v });
      openAssign(null);
      form.resetFields();
      load();
    } catch (e) {
      onError(e, form);
    }
  };

  const plate = useMemo(() => new Map(timeline.vehicles.map((v) => [v.id, v.plate])), [timeline]);
  /**
   * Why the picker refuses a vehicle for the request being assigned (the server refuses it too), or
   * null. A sealed vehicle stays selectable: it goes out with an approved sealed-use matter. A vehicle of a
   * pool that lends only with its consent is the lender's dispatcher's to assign.
   */
  const sealedNote = assigning?.sealedUse === 'approved' ? t('sealedForUse') : t('sealedNeedsMatter');
  const vehicleBlocked = (v: Timeline['vehicles'][number]): string | null => {
    if (v.status === 'maintenance') return t('vs_maintenance');
    if (v.lendMode === 'approval') return t('lenderAssigns');
    if (assigning && v.seats - 1 < assigning.passengers) return t('tooFewSeats');
    if (assigning?.needCategory && assigning.needCategory !== v.category) return t('wrongCategory');
    return null;
  };
  const pickedVehicle = timeline.vehicles.find((v) => v.id === pickedVehicleId);
  const driverName = useMemo(() => new Map(timeline.drivers.map((d) => [d.id, d.name])), [timeline]);
  const reqNo = useMemo(() => new Map(queue.map((q) => [q.id, q.no])), [queue]);
  const poolOptions = jurisdictions.map((j) => ({ value: j.id, label: j.name }));
  const otherDays = openDays.filter((d) => d.date !== date);

  return (
    <>
      <PageHeader
        title={t('navDesk')}
        extra={
          <Space wrap>
            <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} />
            <Select
              mode="multiple"
              style={{ minWidth: 220 }}
              value={pools}
              onChange={setPools}
              options={poolOptions}
              placeholder={t('pools')}
            />
            <Button
              type="primary"
              icon={<ThunderboltOutlined />}
              loading={planning}
              onClick={runPlan}
              data-testid="veh-auto-plan"
            >
              {t('autoPlan')}
            </Button>
          </Space>
        }
      />
      {waiting.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="veh-waiting-proposals"
          message={t('proposalsWaiting')}
          description={
            <Space orientation="vertical" size={4}>
              {waiting.map((w) => (
                <Space key={w.id} wrap>
                  <Tag color={w.kind === 'replan' ? 'orange' : 'blue'}>{t(`proposal_${w.kind}`)}</Tag>
                  {w.triggerEvent && (
                    <span>
                      {t(`trigger_${w.triggerEvent}`)}{' '}
                      {(w.triggerRequestId && reqNo.get(w.triggerRequestId)) ?? ''}
                    </span>
                  )}
                  {w.moves > 0 && <Tag color="orange">{`${t('moves')} ${w.moves}`}</Tag>}
                  <Button size="small" onClick={() => openProposal(w.id)} data-testid="veh-open-proposal">
                    {t('view')}
                  </Button>
                </Space>
              ))}
            </Space>
          }
        />
      )}
      {plan && (
        <Card
          title={plan.kind && plan.kind !== 'day' ? t(`proposal_${plan.kind}`) : t('proposal')}
          style={{ marginBottom: 16 }}
          data-testid="veh-proposal"
        >
          {plan.moves && plan.moves.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="veh-moves"
              message={t('movesHint')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {plan.moves.map((mv) => (
                    <li key={mv.tripId}>
                      {t('movedFromTo', {
                        no: reqNo.get(mv.requestId) ?? mv.requestId.slice(0, 8),
                        from: `${plate.get(mv.fromVehicleId) ?? ''} ${driverName.get(mv.fromDriverId) ?? ''}`,
                        to: `${plate.get(mv.toVehicleId) ?? ''} ${driverName.get(mv.toDriverId) ?? ''}`,
                      })}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          <Space wrap size="large" style={{ marginBottom: 12 }}>
            <Statistic
              title={t('served')}
              value={`${plan.plan.figures.served} / ${plan.plan.figures.requests}`}
            />
            <Statistic title={t('vehiclesUsed')} value={plan.plan.figures.vehiclesUsed} />
            <Statistic title={t('km')} value={plan.plan.figures.km} precision={1} />
            <Statistic title={t('emptyKm')} value={plan.plan.figures.emptyKm} precision={1} />
            <Statistic title={t('lateMinutes')} value={plan.plan.figures.lateMinutes} precision={0} />
            <Statistic title={t('loans')} value={plan.plan.figures.loans} />
          </Space>
          {plan.plan.unserved.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="veh-unserved"
              message={t('counted', { label: t('unserved'), n: plan.plan.unserved.length })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {plan.plan.unserved.map((u) => (
                    <li key={`${u.requestId}/${u.leg}`} data-reason={u.reason}>
                      {t('labelled', {
                        label: `${reqNo.get(u.requestId) ?? u.requestId.slice(0, 8)} ${t(`leg_${u.leg}`)}`,
                        value: t(`reason_${u.reason}`),
                      })}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          {/* vehicles-command: the proposal's routes on a map beside the table (map/PlanTabs.tsx) */}
          <PlanTabs
            routes={plan.plan.routes.map((r) => ({
              vehicleId: r.vehicleId,
              label: plate.get(r.vehicleId) ?? r.vehicleId.slice(0, 8),
              stops: r.stops.map((st) => ({
                kind: st.kind,
                point: st.point,
                ...(st.requestId ? { label: reqNo.get(st.requestId) ?? '' } : {}),
              })),
            }))}
            table={
              <Table
                rowKey="vehicleId"
                size="small"
                pagination={false}
                dataSource={plan.plan.routes}
                rowSelection={{ selectedRowKeys: picked, onChange: (k) => setPicked(k as string[]) }}
                columns={[
                  {
                    title: t('vehicle'),
                    render: (_, r) => plate.get(r.vehicleId) ?? r.vehicleId.slice(0, 8),
                  },
                  {
                    title: t('driver'),
                    render: (_, r) => driverName.get(r.driverId) ?? r.driverId.slice(0, 8),
                  },
                  {
                    title: t('route'),
                    render: (_, r) => r.requestIds.map((id) => reqNo.get(id) ?? id.slice(0, 8)).join(' → '),
                  },
                  { title: t('km'), dataIndex: 'km', render: (v: number) => v.toFixed(1) },
                  { title: t('emptyKm'), dataIndex: 'emptyKm', render: (v: number) => v.toFixed(1) },
                ]}
              />
            }
          />
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" onClick={() => accept(true)} data-testid="veh-accept-all">
              {t('acceptAll')}
            </Button>
            <Button onClick={() => accept(false)} disabled={picked.length === 0}>
              {t('acceptSelected')}
            </Button>
          </Space>
        </Card>
      )}
      <Card title={t('counted', { label: t('queue'), n: queue.length })} style={{ marginBottom: 16 }}>
        {otherDays.length > 0 && (
          <Space wrap size={4} style={{ marginBottom: 12 }} data-testid="veh-open-days">
            <span style={{ color: '#8c8c8c' }}>{t('otherOpenDays')}</span>
            {otherDays.map((d) => (
              <Button key={d.date} size="small" onClick={() => setDay(dayOf(d.date))} data-date={d.date}>
                {t('openDay', { date: d.date.slice(5), n: d.count })}
              </Button>
            ))}
          </Space>
        )}
        <Table<TripRequest>
          rowKey="id"
          size="small"
          dataSource={queue}
          locale={{ emptyText: t('noQueue') }}
          pagination={false}
          scroll={{ x: 800 }}
          data-testid="veh-queue"
          columns={[
            { title: t('no'), dataIndex: 'no', width: 150 },
            {
              title: t('departsAt'),
              dataIndex: 'departsAt',
              render: (v: string) => fmtDateTime(v),
              width: 140,
            },
            { title: t('unit'), dataIndex: 'unitName' },
            {
              title: t('route'),
              render: (_, r) => [r.origin.name, ...r.destinations.map((d) => d.name)].join(' → '),
            },
            { title: t('passengers'), dataIndex: 'passengers', width: 70 },
            {
              title: t('status'),
              dataIndex: 'status',
              width: 100,
              render: (s: string, r) => (
                <Space size={4} wrap>
                  <Tag color={STATUS_COLOR[s]}>{t(`st_${s}` as 'st_approved')}</Tag>
                  {r.sealedUse && (
                    <Tag color={r.sealedUse === 'approved' ? 'red' : 'orange'} data-testid="veh-sealed-use">
                      {t(`sealedUse_${r.sealedUse}`)}
                    </Tag>
                  )}
                </Space>
              ),
            },
            {
              title: '',
              width: 80,
              render: (_, r) => (
                <Button size="small" onClick={() => openAssign(r)}>
                  {t('assign')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('timeline')}>
        <Gantt
          data={timeline}
          dayStart={Date.parse(zoneDayRange(date, null).from ?? date)}
          onTrip={(id) => navigate(`/vehicles/slip/${id}`)}
        />
      </Card>
      <Modal
        open={assigning !== null}
        title={`${t('assign')} ${assigning?.no ?? ''}`}
        onCancel={() => openAssign(null)}
        onOk={doAssign}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="vehicleId" label={t('vehicle')} rules={[{ required: true }]}>
            {/* a sealed vehicle stays selectable, tagged; the server refuses it without the special approval */}
            <Select
              showSearch
              optionFilterProp="label"
              data-testid="veh-assign-vehicle"
              options={timeline.vehicles
                .filter((v) => v.status !== 'retired')
                .map((v) => {
                  const why = vehicleBlocked(v);
                  const status = t(`vs_${v.status}` as 'vs_available');
                  return {
                    value: v.id,
                    disabled: why !== null,
                    sealed: v.status === 'sealed',
                    label: t('counted', {
                      label: `${v.plate} ${v.label}`,
                      n: [t('seatsPool', { seats: v.seats, pool: v.jurisdictionName }), status]
                        .concat(why ?? (v.status === 'sealed' ? [sealedNote] : []))
                        .join(t('listSep')),
                    }),
                  };
                })}
              optionRender={(o) => (
                <span>
                  {o.data.sealed && (
                    <Tag color="red" variant="outlined" data-testid="veh-option-sealed">
                      {t('sealedTag')}
                    </Tag>
                  )}
                  {o.label}
                </span>
              )}
            />
          </Form.Item>
          {pickedVehicle?.status === 'sealed' && assigning && (
            <Alert
              type={assigning.sealedUse === 'approved' ? 'info' : 'warning'}
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="veh-sealed-picked"
              title={t('sealedPicked')}
              description={
                <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                  <span>{t(`sealedPicked_${assigning.sealedUse ?? 'none'}`)}</span>
                  {assigning.sealedUse === null && (
                    <Form.Item
                      style={{ marginBottom: 0 }}
                      label={t('sealedUseReason')}
                      validateStatus={sealedReasonError ? 'error' : undefined}
                      help={sealedReasonError ? t('sealedUseReasonRequired') : undefined}
                    >
                      <Space.Compact style={{ width: '100%' }}>
                        <Input
                          value={sealedReason}
                          maxLength={200}
                          data-testid="veh-sealed-reason"
                          onChange={(e) => {
                            setSealedReason(e.target.value);
                            setSealedReasonError(false);
                          }}
                        />
                        <Button loading={asking} onClick={askSealedUse} data-testid="veh-ask-sealed-use">
                          {t('askSealedUse')}
                        </Button>
                      </Space.Compact>
                    </Form.Item>
                  )}
                </Space>
              }
            />
          )}
          <Form.Item name="driverId" label={t('driver')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              data-testid="veh-assign-driver"
              options={timeline.drivers.map((d) => {
                const lapses = assigning !== null && d.licenceExpiresOn < fmtDate(assigning.returnsAt);
                return {
                  value: d.id,
                  disabled: lapses,
                  // names repeat (several 王伟 in a pool): the phone tells them apart
                  label: t('counted', {
                    label: d.phone ? `${d.name} ${d.phone}` : d.name,
                    n: lapses
                      ? t('licenceLapses', { on: d.licenceExpiresOn })
                      : t('licenceUntil', { on: d.licenceExpiresOn }),
                  }),
                };
              })}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
