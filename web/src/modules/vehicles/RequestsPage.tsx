import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Listy,
  Modal,
  Rate,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { useT } from '../../app/i18n.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime, nowInZone } from '../../shared/format.ts';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { m } from './messages.ts';
import {
  CATEGORIES,
  vehiclesApi,
  type Category,
  type Place,
  type RequestReach,
  type TripRequest,
} from './api.ts';

dayjs.extend(utc);

export const STATUS_COLOR: Record<string, string> = {
  submitted: 'processing',
  approved: 'gold',
  rejected: 'red',
  cancelled: 'default',
  assigned: 'blue',
  in_progress: 'cyan',
  completed: 'green',
};

/** the statuses in which the requester may still cancel */
const CANCELLABLE = ['submitted', 'approved', 'assigned'];
/** the statuses in which the requester may still change the request (it goes for approval again) */
const CHANGEABLE = ['submitted', 'approved'];

interface FormValues {
  passengers: number;
  passengerNames?: string;
  originId: string;
  destinationIds: string[];
  departsAt: Dayjs;
  returnsAt: Dayjs;
  kind: 'one_way' | 'round_trip' | 'waiting';
  purpose: string;
  contactPhone?: string;
  needCategory?: Category | null;
  specialWork?: boolean;
}

/** Staff request a vehicle and follow their requests (status, vehicle and driver, confirm and rate). */
export default function RequestsPage() {
  const t = useT(m);
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<FormValues>();
  const [rows, setRows] = useState<TripRequest[]>([]);
  const [places, setPlaces] = useState<Place[]>([]);
  const [open, setOpen] = useState(false);
  /** the request being changed (the form then saves it instead of submitting a new one) */
  const [editing, setEditing] = useState<TripRequest | null>(null);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState<TripRequest | null>(null);
  const [cancelForm] = Form.useForm<{ reason: string }>();
  const isPhone = useIsPhone();
  /** how far the read scope reaches; beyond 'self' the page offers the scope's requests too */
  const [reach, setReach] = useState<RequestReach>('self');
  const [view, setView] = useState<'mine' | 'scope'>('mine');
  const wide = reach === 'unit' || reach === 'jurisdiction' || reach === 'city';
  const inScope = wide && view === 'scope';

  const load = useCallback(() => {
    vehiclesApi
      .requests(inScope ? { pageSize: 100 } : { mine: 'true', pageSize: 50 })
      .then((p) => setRows(p.items), onError);
  }, [onError, inScope]);
  useEffect(() => {
    load();
  }, [load]);
  useEffect(() => {
    vehiclesApi.places().then(setPlaces, onError);
    vehiclesApi.requestReach().then(setReach, () => setReach('self'));
  }, [onError]);

  /**
   * The picker's wall-clock time read in the deployment's zone (times are shown in it too), not in the
   * browser's: a browser in another zone otherwise books 10:37 as 18:37 Beijing time. The zone's offset
   * now is used (Asia/Shanghai keeps one offset all year).
   */
  const inZone = (d: Dayjs) =>
    dayjs.utc(d.format('YYYY-MM-DDTHH:mm:00')).subtract(nowInZone().utcOffset(), 'minute').toISOString();
  /** an instant as the deployment zone's wall clock, for the pickers (the reverse of inZone) */
  const fromZone = (iso: string) =>
    dayjs(dayjs(iso).utcOffset(nowInZone().utcOffset()).format('YYYY-MM-DDTHH:mm'));
  const openNew = () => {
    setEditing(null);
    form.resetFields();
    setOpen(true);
  };
  const openChange = (r: TripRequest) => {
    setEditing(r);
    form.setFieldsValue({
      originId: r.origin.id,
      destinationIds: r.destinations.map((d) => d.id),
      departsAt: fromZone(r.departsAt),
      returnsAt: fromZone(r.returnsAt),
      passengers: r.passengers,
      kind: r.kind,
      passengerNames: r.passengerNames ?? undefined,
      contactPhone: r.contactPhone ?? undefined,
      purpose: r.purpose,
      needCategory: (r.needCategory as Category | null) ?? null,
      specialWork: r.specialWork,
    });
    setOpen(true);
  };
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const body = {
        ...v,
        needCategory: v.needCategory ?? null,
        departsAt: inZone(v.departsAt),
        returnsAt: inZone(v.returnsAt),
        specialWork: v.specialWork ?? false,
      };
      if (editing) {
        await vehiclesApi.change(editing.id, body);
        void message.success(t('changed'));
      } else {
        await vehiclesApi.submit(body);
      }
      setOpen(false);
      setEditing(null);
      form.resetFields();
      load();
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const confirmCancel = async () => {
    if (!cancelling) return;
    const { reason } = await cancelForm.validateFields();
    try {
      await vehiclesApi.cancel(cancelling.id, reason.trim());
      void message.success(t('st_cancelled'));
      setCancelling(null);
      cancelForm.resetFields();
      load();
    } catch (e) {
      onError(e, cancelForm);
    }
  };
  const actions = (r: TripRequest) =>
    // the scope view is read-only: approving happens in the approvals inbox
    inScope ? null : (
      <Space wrap>
        {CHANGEABLE.includes(r.status) && (
          <Button size="small" onClick={() => openChange(r)} data-testid="veh-change">
            {t('change')}
          </Button>
        )}
        {CANCELLABLE.includes(r.status) && (
          <Button size="small" onClick={() => setCancelling(r)} data-testid="veh-cancel">
            {t('cancel')}
          </Button>
        )}
        {r.status === 'completed' && !r.confirmedAt && (
          <Rate data-testid="veh-rate" onChange={(n) => vehiclesApi.confirm(r.id, n).then(load, onError)} />
        )}
        {r.rating !== null && <Rate disabled value={r.rating} />}
      </Space>
    );
  const route = (r: TripRequest) => [r.origin.name, ...r.destinations.map((d) => d.name)].join(' → ');
  const status = (r: TripRequest) => (
    <Tag color={STATUS_COLOR[r.status]} data-testid="veh-request-status">
      {t(`st_${r.status}` as 'st_submitted')}
    </Tag>
  );
  const crew = (r: TripRequest) => r.trips.map((x) => `${x.plate} ${x.driverName}`).join(t('listSep'));

  const placeOptions = places.map((p) => ({ value: p.id, label: p.name }));
  return (
    <>
      <PageHeader
        title={inScope ? t(`scopeRequests_${reach}` as 'scopeRequests_unit') : t('myRequests')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={openNew} data-testid="veh-new-request">
            {t('newRequest')}
          </Button>
        }
      />
      {wide && (
        <Segmented
          style={{ marginBottom: 12 }}
          value={view}
          onChange={(v) => setView(v as 'mine' | 'scope')}
          data-testid="veh-requests-view"
          options={[
            { value: 'mine', label: t('myRequests') },
            { value: 'scope', label: t(`scopeRequests_${reach}` as 'scopeRequests_unit') },
          ]}
        />
      )}
      {isPhone ? (
        rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Listy
            items={rows}
            rowKey="id"
            styles={{ item: { padding: '0 0 12px', borderBottom: 'none' } }}
            itemRender={(r) => (
              <Card size="small" data-testid="veh-my-request-card">
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <b>{fmtDateTime(r.departsAt)}</b>
                  {status(r)}
                </div>
                <div style={{ margin: '6px 0' }}>{route(r)}</div>
                <div style={{ color: '#8c8c8c', fontSize: 12 }}>
                  {r.no} · {inScope && `${t('counted', { label: r.requesterName, n: r.unitName })} · `}
                  {t('passengers')} {r.passengers}
                  {r.trips.length > 0 && ` · ${crew(r)}`}
                </div>
                {(CANCELLABLE.includes(r.status) || r.status === 'completed') && (
                  <div style={{ marginTop: 8 }}>{actions(r)}</div>
                )}
              </Card>
            )}
          />
        )
      ) : (
        <Table<TripRequest>
          rowKey="id"
          dataSource={rows}
          size="middle"
          scroll={{ x: 900 }}
          pagination={false}
          data-testid="veh-my-requests"
          columns={[
            { title: t('no'), dataIndex: 'no', width: 150 },
            {
              title: t('departsAt'),
              dataIndex: 'departsAt',
              render: (v: string) => fmtDateTime(v),
              width: 150,
            },
            ...(inScope
              ? [
                  {
                    title: t('requester'),
                    key: 'requester',
                    width: 180,
                    render: (_: unknown, r: TripRequest) => (
                      <span data-testid="veh-request-requester">
                        {r.requesterName}
                        <div style={{ color: '#8c8c8c', fontSize: 12 }}>{r.unitName}</div>
                      </span>
                    ),
                  },
                ]
              : []),
            { title: t('route'), render: (_, r) => route(r) },
            { title: t('passengers'), dataIndex: 'passengers', width: 80 },
            { title: t('status'), dataIndex: 'status', width: 110, render: (_, r) => status(r) },
            {
              title: `${t('vehicle')} / ${t('driver')}`,
              render: (_, r) => crew(r),
            },
            ...(inScope
              ? []
              : [{ title: '', width: 200, render: (_: unknown, r: TripRequest) => actions(r) }]),
          ]}
        />
      )}
      <Modal
        open={cancelling !== null}
        title={cancelling ? `${t('cancel')} ${cancelling.no}` : ''}
        onCancel={() => setCancelling(null)}
        onOk={() => void confirmCancel()}
        okText={t('cancel')}
        cancelText={t('keepRequest')}
        okButtonProps={{ danger: true, ...({ 'data-testid': 'veh-cancel-ok' } as object) }}
        destroyOnHidden
      >
        <Form form={cancelForm} layout="vertical">
          <Form.Item
            name="reason"
            label={t('cancelReason')}
            rules={[{ required: true, whitespace: true, message: t('cancelReasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={200} data-testid="veh-cancel-reason" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={open}
        title={editing ? `${t('change')} ${editing.no}` : t('newRequest')}
        onCancel={() => {
          setOpen(false);
          setEditing(null);
        }}
        onOk={submit}
        okText={editing ? t('submitChange') : t('submit')}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'veh-request-submit' } as Record<string, string>}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ passengers: 1, kind: 'round_trip' }}>
          {editing?.status === 'approved' && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('changeReapproves')} />
          )}
          <Form.Item name="originId" label={t('origin')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={placeOptions} data-testid="veh-origin" />
          </Form.Item>
          <Form.Item name="destinationIds" label={t('destinations')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              options={placeOptions}
              data-testid="veh-destinations"
            />
          </Form.Item>
          <Space wrap>
            <Form.Item name="departsAt" label={t('departsAt')} rules={[{ required: true }]}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                data-testid="veh-departs"
              />
            </Form.Item>
            <Form.Item name="returnsAt" label={t('returnsAt')} rules={[{ required: true }]}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                data-testid="veh-returns"
              />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="passengers" label={t('passengers')} rules={[{ required: true }]}>
              <InputNumber min={1} max={60} />
            </Form.Item>
            <Form.Item name="kind" label={t('kind')}>
              <Select
                style={{ width: 120 }}
                options={(['one_way', 'round_trip', 'waiting'] as const).map((k) => ({
                  value: k,
                  label: t(`kind_${k}`),
                }))}
              />
            </Form.Item>
          </Space>
          <Form.Item name="passengerNames" label={t('passengerNames')}>
            <Input maxLength={500} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="contactPhone" label={t('contactPhone')}>
              <Input maxLength={30} data-testid="veh-contact-phone" />
            </Form.Item>
            <Form.Item name="needCategory" label={t('needCategory')}>
              <Select
                allowClear
                style={{ width: 200 }}
                placeholder={t('any')}
                data-testid="veh-need-category"
                options={CATEGORIES.map((c) => ({ value: c, label: t(`cat_${c}`) }))}
              />
            </Form.Item>
          </Space>
          <Form.Item name="purpose" label={t('purpose')} rules={[{ required: true }]}>
            <Input maxLength={200} data-testid="veh-purpose" />
          </Form.Item>
          <Form.Item name="specialWork" label={t('specialWork')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
