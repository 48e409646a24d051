import { useCallback, useEffect, useState } from 'react';

import { App, Button, Empty, Popconfirm, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { roomsApi, STATUS_COLORS, type Booking } from './api.ts';
import { m } from './messages.ts';

const OPEN = new Set(['pending', 'confirmed', 'checked_in']);

/** One booking as a list row: room, time, status and its actions (.ics, check in, cancel). */
export function BookingItem({
  b,
  onChange,
  compact,
}: {
  b: Booking;
  onChange: () => void;
  compact?: boolean;
}) {
  const t = useT(m);
  const { message } = App.useApp();
  const showError = useApiError();
  const act = (run: () => Promise<unknown>, done: string) => async () => {
    try {
      await run();
      void message.success(done);
      onChange();
    } catch (e) {
      showError(e);
    }
  };
  // the moment the row was first drawn: check-in and cancel show for bookings still open then
  const [now] = useState(() => Date.now());
  const canCheckIn =
    b.status === 'confirmed' &&
    now >= new Date(b.start).getTime() - 15 * 60_000 &&
    now < new Date(b.end).getTime();
  const open = OPEN.has(b.status) && new Date(b.end).getTime() > now;
  return (
    <ItemRow
      testId="booking-item"
      actions={
        compact
          ? undefined
          : [
              <Button
                key="ics"
                size="small"
                onClick={() => void roomsApi.ics(b.id)}
                data-testid="booking-ics"
              >
                {t('ics')}
              </Button>,
              canCheckIn ? (
                <Button
                  key="in"
                  size="small"
                  type="primary"
                  onClick={act(() => roomsApi.checkIn(b.id), t('checkedIn'))}
                >
                  {t('checkIn')}
                </Button>
              ) : null,
              open ? (
                <Popconfirm
                  key="cancel"
                  title={t('cancelConfirm')}
                  onConfirm={act(() => roomsApi.cancel(b.id), t('cancelled'))}
                >
                  <Button size="small" danger data-testid="booking-cancel">
                    {t('cancel')}
                  </Button>
                </Popconfirm>
              ) : null,
              open && b.seriesId ? (
                <Popconfirm
                  key="series"
                  title={t('cancelConfirm')}
                  onConfirm={act(() => roomsApi.cancel(b.id, true), t('cancelled'))}
                >
                  <Button size="small" danger type="text">
                    {t('cancelSeries')}
                  </Button>
                </Popconfirm>
              ) : null,
            ]
      }
      title={
        <Space size={6} wrap>
          <span data-testid="booking-title">{b.title}</span>
          <Tag color={STATUS_COLORS[b.status]}>{t(`status_${b.status}`)}</Tag>
        </Space>
      }
      description={
        <>
          {fmtDateTime(b.start)}–{fmtDateTime(b.end).slice(11)} · {b.buildingName} {b.roomName}
        </>
      }
    />
  );
}

/** The caller's coming bookings, compact, for the "我的" page. */
export function MineSection({ limit = 5 }: { limit?: number }) {
  const t = useT(m);
  const [items, setItems] = useState<Booking[] | null>(null);
  const load = useCallback(() => {
    roomsApi.mine().then(
      (all) => {
        const now = Date.now();
        setItems(all.filter((b) => OPEN.has(b.status) && new Date(b.end).getTime() > now));
      },
      () => setItems([]),
    );
  }, []);
  useEffect(load, [load]);
  if (items === null) return null;
  return (
    <div data-testid="rooms-mine-section">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mineEmpty')} />
      ) : (
        <ItemList
          size="small"
          items={items.slice(0, limit)}
          rowKey="id"
          renderItem={(b) => <BookingItem b={b} onChange={load} compact />}
        />
      )}
      <Link to="/rooms/mine">{t('more')}</Link>
    </div>
  );
}
