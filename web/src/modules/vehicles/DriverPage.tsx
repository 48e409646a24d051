import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Empty, Form, InputNumber, Space, Tag, Typography } from 'antd';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { m } from './messages.ts';
import { vehiclesApi, type DriverTrip } from './api.ts';
import { usePhonePosition } from './phone-position.ts';

const yuanToFen = (v: number | null | undefined) => Math.round((v ?? 0) * 100);

function TripCard({ trip, reload }: { trip: DriverTrip; reload: () => void }) {
  const t = useT(m);
  const onError = useApiError();
  const [form] = Form.useForm<{ odometer: number; tolls?: number; parking?: number; fuel?: number }>();
  const act = async (action: string, body?: unknown) => {
    try {
      await vehiclesApi.act(trip.id, action, body);
      reload();
    } catch (e) {
      onError(e, form, { fields: ['odometer'], rename: { odometerKm: 'odometer' } });
    }
  };
  const s = trip.status;
  return (
    <Card
      size="small"
      data-testid="veh-driver-trip"
      title={
        <Space>
          <strong>{trip.plate}</strong>
          <Tag color={s === 'finished' ? 'green' : s === 'assigned' ? 'gold' : 'blue'}>
            {t(`trip_${s}` as 'trip_assigned')}
          </Tag>
        </Space>
      }
      extra={<Typography.Text type="secondary">{trip.no}</Typography.Text>}
      style={{ marginBottom: 12 }}
    >
      <p>
        {fmtDateTime(trip.startsAt)} – {fmtDateTime(trip.endsAt)}
      </p>
      <p>{trip.stops.map((x) => x.name).join(' → ')}</p>
      <p>
        {trip.unitName} {trip.requesterName}
        {trip.passengers != null && ` · ${t('passengerCount', { n: trip.passengers })}`}{' '}
        {trip.contactPhone ?? ''}
      </p>
      <p>{trip.purpose}</p>
      {s === 'assigned' && (
        <Button type="primary" block onClick={() => act('accept')} data-testid="veh-accept">
          {t('accept')}
        </Button>
      )}
      {(s === 'accepted' || s === 'started' || s === 'arrived') && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ odometer: trip.startOdometer ?? trip.lastOdometer }}
        >
          <Form.Item name="odometer" label={t('odometer')} rules={[{ required: true }]}>
            <InputNumber min={0} style={{ width: '100%' }} inputMode="numeric" data-testid="veh-odometer" />
          </Form.Item>
          {s !== 'accepted' && (
            <Space wrap>
              <Form.Item name="tolls" label={t('tolls')}>
                <InputNumber min={0} precision={2} />
              </Form.Item>
              <Form.Item name="parking" label={t('parking')}>
                <InputNumber min={0} precision={2} />
              </Form.Item>
              <Form.Item name="fuel" label={t('fuel')}>
                <InputNumber min={0} precision={2} />
              </Form.Item>
            </Space>
          )}
          {s === 'accepted' && (
            <Button
              type="primary"
              block
              onClick={() => act('start', { odometerKm: form.getFieldValue('odometer') as number })}
              data-testid="veh-start"
            >
              {t('start')}
            </Button>
          )}
          {s === 'started' && (
            <Button block style={{ marginBottom: 8 }} onClick={() => act('arrive')} data-testid="veh-arrive">
              {t('arrive')}
            </Button>
          )}
          {(s === 'started' || s === 'arrived') && (
            <Button
              type="primary"
              block
              data-testid="veh-finish"
              onClick={async () => {
                const v = await form.validateFields();
                await act('finish', {
                  odometerKm: v.odometer,
                  tollsFen: yuanToFen(v.tolls),
                  parkingFen: yuanToFen(v.parking),
                  fuelFen: yuanToFen(v.fuel),
                });
              }}
            >
              {t('finish')}
            </Button>
          )}
        </Form>
      )}
      {s === 'finished' && (
        <Typography.Text type="success">{`${t('done')} · ${trip.km ?? 0} km`}</Typography.Text>
      )}
    </Card>
  );
}

/** The driver's phone page: today's trips, one card each, with the next step as a big button. */
export default function DriverPage() {
  const t = useT(m);
  const onError = useApiError();
  const [trips, setTrips] = useState<DriverTrip[] | null>(null);
  const [name, setName] = useState('');
  const load = useCallback(() => {
    vehiclesApi.myTrips().then((r) => {
      setTrips(r.trips);
      setName(r.driver.name);
    }, onError);
  }, [onError]);
  useEffect(load, [load]);
  // the phone reports its position while a trip is on the road
  usePhonePosition(trips?.find((x) => x.status === 'started' || x.status === 'arrived')?.id ?? null);
  return (
    <div className="veh-phone">
      <Typography.Title level={4}>
        {t('driverTrips')} {name && <small>· {name}</small>}
      </Typography.Title>
      {trips?.length === 0 && <Empty description={t('noTrips')} />}
      {trips?.map((x) => (
        <TripCard key={x.id} trip={x} reload={load} />
      ))}
    </div>
  );
}
