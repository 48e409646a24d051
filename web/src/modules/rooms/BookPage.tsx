import { useEffect, useState } from 'react';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  Tag,
  TimePicker,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useMe, useSession } from '../../app/session.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { nowInZone } from '../../shared/format.ts';
import { EQUIPMENT, roomsApi, type Building, type Room } from './api.ts';
import { BookDialog } from './BookDialog.tsx';
import { m } from './messages.ts';
import { RoomThumb } from './RoomPhoto.tsx';

interface Search {
  date: Dayjs;
  time: [Dayjs, Dayjs];
  capacity?: number;
  equipment: string[];
  buildingId?: string;
}

/** The next whole half hour in the deployment's zone, an hour long; outside office hours 09:00 the next day. */
function defaultSpan(): [Dayjs, Dayjs] {
  const now = nowInZone();
  let start = now.minute() < 30 ? now.minute(30).second(0) : now.add(1, 'hour').minute(0).second(0);
  if (start.hour() >= 21 || start.hour() < 8) {
    start = (start.hour() >= 21 ? start.add(1, 'day') : start).hour(9).minute(0).second(0);
  }
  return [start, start.add(1, 'hour')];
}

/** Find a free room by time, capacity and equipment, and book it. */
export function BookPage() {
  const t = useT(m);
  const navigate = useNavigate();
  const showError = useApiError();
  const me = useMe();
  /** read-only roles (auditor, inspector without booking) see the rooms but get no booking controls */
  const canBook = useSession().can('rooms.book');
  /** a 'listed units' room is bookable only by people of those units */
  const bookableByMe = (r: Room) =>
    r.policy !== 'units' || (me.unitId !== null && r.unitIds.includes(me.unitId));
  const [form] = Form.useForm<Search>();
  const [buildings, setBuildings] = useState<Building[]>([]);
  const [rooms, setRooms] = useState<Room[] | null>(null);
  const [span, setSpan] = useState<{ start: string; end: string } | null>(null);
  const [booking, setBooking] = useState<Room | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    roomsApi.buildings().then(setBuildings, showError);
  }, [showError]);

  const search = async (v: Search) => {
    // the picked day and times, read in the deployment's zone whatever the browser's zone is
    const at = (d: Dayjs) =>
      nowInZone()
        .set('year', v.date.year())
        .set('month', v.date.month())
        .set('date', v.date.date())
        .set('hour', d.hour())
        .set('minute', d.minute())
        .startOf('minute');
    const start = at(v.time[0]).format();
    const end = at(v.time[1]).format();
    setLoading(true);
    try {
      setRooms(
        await roomsApi.rooms({
          buildingId: v.buildingId,
          capacity: v.capacity,
          equipment: v.equipment,
          start,
          end,
        }),
      );
      setSpan({ start, end });
    } catch (e) {
      showError(e, form);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    const [a, b] = defaultSpan();
    form.setFieldsValue({ date: a, time: [a, b], equipment: [] });
    form.submit();
  }, [form]);

  return (
    <>
      <PageHeader
        title={canBook ? t('menuBook') : t('menuBrowse')}
        extra={canBook ? <Button onClick={() => navigate('/rooms/mine')}>{t('menuMine')}</Button> : undefined}
      />
      <Card size="small" title={t('searchTitle')} style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={search} style={{ rowGap: 8 }}>
          <Form.Item name="date" label={t('date')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} data-testid="search-date" />
          </Form.Item>
          <Form.Item name="time" label={t('time')} rules={[{ required: true }]}>
            <TimePicker.RangePicker
              format="HH:mm"
              minuteStep={15}
              allowClear={false}
              data-testid="search-time"
            />
          </Form.Item>
          <Form.Item name="capacity" label={t('capacity')}>
            <InputNumber min={1} max={2000} style={{ width: 100 }} data-testid="search-capacity" />
          </Form.Item>
          <Form.Item name="equipment" label={t('equipment')}>
            <Select
              mode="multiple"
              style={{ minWidth: 180 }}
              options={EQUIPMENT.map((e) => ({ value: e, label: t(`eq_${e}`) }))}
            />
          </Form.Item>
          <Form.Item name="buildingId" label={t('building')}>
            <Select
              allowClear
              placeholder={t('allBuildings')}
              style={{ minWidth: 180 }}
              options={buildings.map((b) => ({ value: b.id, label: b.name }))}
              data-testid="search-building"
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={loading} data-testid="search-submit">
              {t('search')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {rooms && (
        <Typography.Paragraph type="secondary">{t('freeRooms', { n: rooms.length })}</Typography.Paragraph>
      )}
      {rooms && rooms.length === 0 && <Empty description={t('noFree')} />}
      <Row gutter={[16, 16]}>
        {(rooms ?? []).map((r) => (
          <Col key={r.id} xs={24} sm={12} lg={8} xl={6}>
            <Card
              size="small"
              data-testid="room-card"
              title={r.name}
              extra={
                !canBook ? undefined : bookableByMe(r) ? (
                  <Button type="primary" size="small" onClick={() => setBooking(r)} data-testid="room-book">
                    {t('book')}
                  </Button>
                ) : (
                  // the server refuses it too (forbidden): say why before the form is filled in
                  <Tooltip
                    title={
                      r.unitNames.length > 0
                        ? t('notForYourUnitOf', { units: r.unitNames.join(t('listSep')) })
                        : t('notForYourUnit')
                    }
                  >
                    <Button size="small" disabled data-testid="room-book">
                      {t('book')}
                    </Button>
                  </Tooltip>
                )
              }
            >
              <Space align="start">
                <RoomThumb id={r.photoFileId} width={96} height={64} />
                <Typography.Text type="secondary">
                  {r.buildingName} · {t('floor', { n: r.floor })} · {t('people', { n: r.capacity })}
                </Typography.Text>
              </Space>
              <div style={{ marginTop: 8 }}>
                <Space size={[4, 4]} wrap>
                  {r.policy !== 'all' && (
                    <Tag color={r.policy === 'approval' ? 'gold' : 'purple'}>{t(`policy_${r.policy}`)}</Tag>
                  )}
                  {r.equipment.map((e) => (
                    <Tag key={e}>{t(`eq_${e}` as 'eq_tv')}</Tag>
                  ))}
                </Space>
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      {booking && span && (
        <BookDialog
          room={booking}
          start={span.start}
          end={span.end}
          onClose={() => setBooking(null)}
          onBooked={() => {
            setBooking(null);
            navigate('/rooms/mine');
          }}
        />
      )}
    </>
  );
}
