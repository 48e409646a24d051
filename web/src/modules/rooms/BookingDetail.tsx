import { useState } from 'react';
import { App, Button, Descriptions, Modal, Popconfirm, Space, Tag } from 'antd';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { roomsApi, STATUS_COLORS, type Booking } from './api.ts';
import { m } from './messages.ts';

const OPEN = new Set(['pending', 'confirmed', 'checked_in']);

/**
 * A booking opened from the calendar. Its organiser and the room's managers may download the
 * invitation and cancel it (a manager freeing the room for another meeting); others only read it.
 */
export function BookingDetail({
  booking: b,
  mayAct,
  onClose,
  onChanged,
}: {
  booking: Booking;
  mayAct: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const t = useT(m);
  const { message } = App.useApp();
  const showError = useApiError();
  const cancel = async (series: boolean) => {
    try {
      await roomsApi.cancel(b.id, series);
      void message.success(t('cancelled'));
      onChanged();
    } catch (e) {
      showError(e);
    }
  };
  // mounted per opening (keyed by the booking): the time it was opened decides whether it is still open
  const [openedAt] = useState(() => Date.now());
  const open = OPEN.has(b.status) && new Date(b.end).getTime() > openedAt;
  return (
    <Modal
      open
      title={b.title}
      onCancel={onClose}
      footer={
        mayAct ? (
          <Space wrap>
            <Button onClick={() => void roomsApi.ics(b.id)} data-testid="detail-ics">
              {t('ics')}
            </Button>
            {open && (
              <Popconfirm title={t('cancelConfirm')} onConfirm={() => void cancel(false)}>
                <Button danger data-testid="detail-cancel">
                  {t('cancel')}
                </Button>
              </Popconfirm>
            )}
            {open && b.seriesId && (
              <Popconfirm title={t('cancelConfirm')} onConfirm={() => void cancel(true)}>
                <Button danger type="text">
                  {t('cancelSeries')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ) : null
      }
    >
      {
        <Descriptions column={1} size="small" data-testid="booking-detail">
          <Descriptions.Item label={t('status')}>
            <Tag color={STATUS_COLORS[b.status]}>{t(`status_${b.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('when')}>
            {fmtDateTime(b.start)}–{fmtDateTime(b.end).slice(11)}
          </Descriptions.Item>
          <Descriptions.Item label={t('room')}>
            {b.buildingName} {b.roomName} · {t('floor', { n: b.floor })}
          </Descriptions.Item>
          <Descriptions.Item label={t('organizer')}>{b.organizerName}</Descriptions.Item>
          {b.attendees !== null && (
            <Descriptions.Item label={t('attendees')}>{b.attendees}</Descriptions.Item>
          )}
          {b.services.length > 0 && (
            <Descriptions.Item label={t('services')}>
              {b.services.map((s) => t(`service_${s}` as 'service_tea')).join(t('listSep'))}
            </Descriptions.Item>
          )}
        </Descriptions>
      }
    </Modal>
  );
}
