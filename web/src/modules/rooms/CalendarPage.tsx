import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Card, DatePicker, Empty, Segmented, Select, Space, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/i18n.ts';
import { useMe, useSession } from '../../app/session.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime, nowInZone } from '../../shared/format.ts';
import { roomsApi, type Booking, type Building, type Room } from './api.ts';
import { BookingDetail } from './BookingDetail.tsx';
import { FeedUrlModal } from './FeedUrlModal.tsx';
import { m } from './messages.ts';

const DAY_START = 8;
const DAY_END = 20;
const STATUS_BG: Record<string, string> = { pending: '#fff1b8', confirmed: '#bae0ff', checked_in: '#d9f7be' };

/** Day and week calendars of a building's rooms: one row per room, bookings as blocks on a time axis. */
export function CalendarPage() {
  const t = useT(m);
  const showError = useApiError();
  const [buildings, setBuildings] = useState<Building[]>([]);
  const [buildingId, setBuildingId] = useState<string>();
  const [roomId, setRoomId] = useState<string>();
  const [rooms, setRooms] = useState<Room[]>([]);
  const [view, setView] = useState<'day' | 'week'>('day');
  const [day, setDay] = useState<Dayjs>(() => nowInZone().startOf('day'));
  const [bookings, setBookings] = useState<Booking[]>([]);
  const [opened, setOpened] = useState<Booking | null>(null);
  const [feedUrl, setFeedUrl] = useState<string | null>(null);
  const [managed, setManaged] = useState<Set<string>>(new Set());
  const me = useMe();
  const { can } = useSession();
  const canManage = can('rooms.manage');
  useEffect(() => {
    // the rooms the caller manages: their bookings may be cancelled by the caller too
    if (canManage) roomsApi.managed().then((rs) => setManaged(new Set(rs.map((r) => r.id))), showError);
  }, [canManage, showError]);

  useEffect(() => {
    roomsApi.buildings().then((b) => {
      setBuildings(b);
      setBuildingId((cur) => cur ?? b[0]?.id);
    }, showError);
  }, [showError]);
  useEffect(() => {
    if (!buildingId) return;
    roomsApi.rooms({ buildingId }).then(setRooms, showError);
  }, [buildingId, showError]);

  const days = useMemo(() => {
    const first =
      view === 'day' ? day.startOf('day') : day.startOf('day').subtract((day.day() + 6) % 7, 'day');
    return Array.from({ length: view === 'day' ? 1 : 7 }, (_, i) => first.add(i, 'day'));
  }, [day, view]);

  const loadBookings = useCallback(() => {
    if (!buildingId) return;
    const from = days[0]!.format();
    const to = days[days.length - 1]!.add(1, 'day').format();
    roomsApi.bookings({ buildingId, roomId, from, to }).then(setBookings, showError);
  }, [buildingId, roomId, days, showError]);
  useEffect(loadBookings, [loadBookings]);
  const subscribeRoom = async () => {
    if (!roomId) return;
    try {
      setFeedUrl((await roomsApi.createFeed({ kind: 'room', roomId })).url);
    } catch (e) {
      showError(e);
    }
  };

  const shown = roomId ? rooms.filter((r) => r.id === roomId) : rooms;
  const span = (DAY_END - DAY_START) * 60;

  const lane = (room: Room, d: Dayjs) => {
    const dayStart = d.hour(DAY_START).minute(0).second(0).valueOf();
    const items = bookings.filter(
      (b) =>
        b.roomId === room.id &&
        new Date(b.end).getTime() > dayStart &&
        new Date(b.start).getTime() < dayStart + span * 60_000,
    );
    return (
      <div
        className="rooms-lane"
        style={{ position: 'relative', height: 34, background: '#fafafa', borderRadius: 4 }}
      >
        {items.map((b) => {
          const left = Math.max(0, (new Date(b.start).getTime() - dayStart) / 60_000 / span) * 100;
          const right = Math.min(1, (new Date(b.end).getTime() - dayStart) / 60_000 / span) * 100;
          return (
            <Tooltip
              key={b.id}
              title={`${fmtDateTime(b.start).slice(11)}–${fmtDateTime(b.end).slice(11)} ${b.title} · ${b.organizerName} · ${t(`status_${b.status}`)}`}
            >
              <div
                role="button"
                tabIndex={0}
                onClick={() => setOpened(b)}
                onKeyDown={(e) => e.key === 'Enter' && setOpened(b)}
                data-testid="calendar-booking"
                style={{
                  position: 'absolute',
                  left: `${left}%`,
                  width: `${Math.max(1, right - left)}%`,
                  top: 2,
                  bottom: 2,
                  background: STATUS_BG[b.status] ?? '#eee',
                  border: '1px solid #91caff',
                  borderRadius: 3,
                  cursor: 'pointer',
                  fontSize: 11,
                  overflow: 'hidden',
                  whiteSpace: 'nowrap',
                  padding: '0 3px',
                  lineHeight: '28px',
                }}
              >
                {view === 'day' ? `${fmtDateTime(b.start).slice(11)} ${b.title}` : ''}
              </div>
            </Tooltip>
          );
        })}
      </div>
    );
  };

  const hours = Array.from({ length: DAY_END - DAY_START + 1 }, (_, i) => DAY_START + i);
  return (
    <>
      <PageHeader title={t('menuCalendar')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ minWidth: 200 }}
          value={buildingId}
          onChange={(v) => {
            setBuildingId(v);
            setRoomId(undefined);
          }}
          options={buildings.map((b) => ({ value: b.id, label: b.name }))}
          data-testid="calendar-building"
        />
        <Select
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('rooms')}
          value={roomId}
          onChange={setRoomId}
          options={rooms.map((r) => ({ value: r.id, label: r.name }))}
          data-testid="calendar-room"
        />
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'day' | 'week')}
          options={[
            { value: 'day', label: t('day') },
            { value: 'week', label: t('week') },
          ]}
        />
        <Button onClick={() => setDay(day.subtract(view === 'day' ? 1 : 7, 'day'))}>‹</Button>
        <DatePicker value={day} allowClear={false} onChange={(d) => d && setDay(d)} />
        <Button onClick={() => setDay(day.add(view === 'day' ? 1 : 7, 'day'))}>›</Button>
        <Button onClick={() => setDay(nowInZone().startOf('day'))}>{t('today')}</Button>
        {roomId && can('rooms.book') && (
          <Button onClick={() => void subscribeRoom()} data-testid="room-feed-subscribe">
            {t('subscribeRoom')}
          </Button>
        )}
      </Space>
      <Card size="small" style={{ overflowX: 'auto' }}>
        {shown.length === 0 ? (
          <Empty />
        ) : (
          <table
            style={{
              width: '100%',
              minWidth: view === 'day' ? 640 : 900,
              borderCollapse: 'separate',
              borderSpacing: '4px',
            }}
          >
            <thead>
              <tr>
                <th style={{ width: 140, textAlign: 'left' }}>{t('room')}</th>
                {days.map((d) => (
                  <th key={d.valueOf()} style={{ textAlign: 'left', fontWeight: 500 }}>
                    {view === 'week' && <div>{d.format('MM-DD ddd')}</div>}
                    <div
                      style={{
                        display: 'flex',
                        justifyContent: 'space-between',
                        fontSize: 10,
                        color: '#999',
                      }}
                    >
                      {hours
                        .filter((h) => view === 'day' || h % 4 === 0)
                        .map((h) => (
                          <span key={h}>{h}</span>
                        ))}
                    </div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Typography.Text strong>{r.name}</Typography.Text>
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('floor', { n: r.floor })} · {t('people', { n: r.capacity })}
                    </Typography.Text>
                  </td>
                  {days.map((d) => (
                    <td key={d.valueOf()}>{lane(r, d)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {opened && (
        <BookingDetail
          key={opened.id}
          booking={opened}
          mayAct={opened.organizerAccountId === me.accountId || managed.has(opened.roomId)}
          onClose={() => setOpened(null)}
          onChanged={() => {
            setOpened(null);
            loadBookings();
          }}
        />
      )}
      <FeedUrlModal url={feedUrl} title={t('subscribeRoomTitle')} onClose={() => setFeedUrl(null)} />
    </>
  );
}
