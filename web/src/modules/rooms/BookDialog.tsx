import { useState } from 'react';
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { roomsApi, SERVICES, type Booking, type Room } from './api.ts';
import { exdatesFor } from './exdates.ts';
import { m } from './messages.ts';

type Repeat = 'none' | 'daily' | 'weekly' | 'weekdays';
interface Values {
  title: string;
  attendees?: number;
  services: string[];
  serviceNote?: string;
  repeat: Repeat;
  count?: number;
  /** days the series skips (EXDATE) */
  skip?: Dayjs[];
}

const RULES: Record<Exclude<Repeat, 'none'>, string> = {
  daily: 'FREQ=DAILY',
  weekly: 'FREQ=WEEKLY',
  weekdays: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
};

/** The booking form for one room and a chosen time: title, attendees, services, repetition. */
export function BookDialog({
  room,
  start,
  end,
  onClose,
  onBooked,
}: {
  room: Room;
  start: string;
  end: string;
  onClose: () => void;
  onBooked: (b: Booking) => void;
}) {
  const t = useT(m);
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const repeat = Form.useWatch('repeat', form) ?? 'none';

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const b = await roomsApi.book(room.id, {
        start,
        end,
        title: v.title,
        attendees: v.attendees,
        services: v.services,
        serviceNote: v.serviceNote,
        recurrence:
          v.repeat === 'none'
            ? undefined
            : {
                rrule: `${RULES[v.repeat]};COUNT=${v.count ?? 4}`,
                exdates: exdatesFor(
                  start,
                  (v.skip ?? []).map((d) => d.format('YYYY-MM-DD')),
                ),
              },
      });
      void message.success(
        b.status === 'pending'
          ? t('bookedPending')
          : b.occurrences > 1
            ? t('bookedSeries', { n: b.occurrences })
            : t('booked'),
      );
      onBooked(b);
    } catch (e) {
      showError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('bookTitle', { room: `${room.buildingName} ${room.name}` })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('book')}
      // ButtonProps has no data-* index signature: the test id goes in through a spread
      okButtonProps={{ loading: busy, ...({ 'data-testid': 'book-submit' } as { id?: string }) }}
      destroyOnHidden
    >
      <p>
        {fmtDateTime(start)} – {fmtDateTime(end).slice(11)} · {t('people', { n: room.capacity })}
      </p>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ services: [], repeat: 'none', count: 4 }}
        onFinish={submit}
      >
        <Form.Item name="title" label={t('meetingTitle')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="book-title" maxLength={200} />
        </Form.Item>
        <Form.Item name="attendees" label={t('attendees')}>
          <InputNumber min={1} max={2000} data-testid="book-attendees" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="services" label={t('services')}>
          <Checkbox.Group options={SERVICES.map((s) => ({ value: s, label: t(`service_${s}`) }))} />
        </Form.Item>
        <Form.Item name="serviceNote" label={t('serviceNote')}>
          <Input maxLength={500} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="repeat" label={t('repeat')}>
            <Select
              style={{ width: 160 }}
              options={(['none', 'daily', 'weekly', 'weekdays'] as const).map((r) => ({
                value: r,
                label: t(`repeat_${r}`),
              }))}
            />
          </Form.Item>
          {repeat !== 'none' && (
            <Form.Item name="count" label={t('repeatCount')}>
              <InputNumber min={2} max={366} />
            </Form.Item>
          )}
        </Space>
        {repeat !== 'none' && (
          <Form.Item name="skip" label={t('skipDates')} extra={t('skipDatesHint')}>
            <DatePicker
              multiple
              maxTagCount="responsive"
              style={{ width: '100%' }}
              disabledDate={(d) => d.format('YYYY-MM-DD') <= start.slice(0, 10)}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
