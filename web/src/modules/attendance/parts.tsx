import { Button, Popconfirm, Space, Tag } from 'antd';
import { useT } from '../../app/i18n.ts';
import { fmtDateTime } from '../../shared/format.ts';
import type { DayStatus } from './api.ts';
import { m } from './messages.ts';

export const STATUS_COLOR: Record<DayStatus, string> = {
  normal: 'green',
  late: 'orange',
  early_leave: 'gold',
  late_early: 'volcano',
  absent: 'red',
  missing_punch: 'magenta',
  leave: 'blue',
  trip: 'geekblue',
  rest: 'default',
  pending: 'processing',
};

export const LEAVE_TYPES = [
  'annual',
  'sick',
  'personal',
  'marriage',
  'maternity',
  'paternity',
  'bereavement',
  'compensatory',
] as const;

/** 'HH:mm' of an instant in the deployment's zone. */
export const clock = (iso: string | null) => (iso ? fmtDateTime(iso).slice(11) : '—');

export function StatusTag({ status, lateMin }: { status: DayStatus; lateMin?: number }) {
  const t = useT(m);
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={`status-${status}`}>
      {/* a bare "183′" after 进行中 read as the time worked: the late minutes are named */}
      {!lateMin || !(status === 'late' || status === 'late_early' || status === 'pending')
        ? t(`status_${status}`)
        : status === 'late'
          ? t('lateMin', { n: lateMin })
          : `${t(`status_${status}`)} · ${t('lateMin', { n: lateMin })}`}
    </Tag>
  );
}

export function RequestTag({ status }: { status: string }) {
  const t = useT(m);
  const color =
    status === 'approved'
      ? 'green'
      : status === 'rejected'
        ? 'red'
        : status === 'pending'
          ? 'processing'
          : 'default';
  const key = (
    ['pending', 'approved', 'rejected', 'withdrawn'].includes(status) ? `req_${status}` : 'req_pending'
  ) as 'req_pending' | 'req_approved' | 'req_rejected' | 'req_withdrawn';
  return <Tag color={color}>{t(key)}</Tag>;
}

export function leaveKey(type: string | null) {
  const known = (LEAVE_TYPES as readonly string[]).includes(type ?? '') ? type : 'personal';
  return `leave_${known}` as `leave_${(typeof LEAVE_TYPES)[number]}`;
}

/** A table row's edit and remove (after confirmation) links. */
export function RowActions({ onEdit, onRemove }: { onEdit: () => void; onRemove: () => Promise<unknown> }) {
  const t = useT(m);
  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={onEdit}>
        {t('edit')}
      </Button>
      <Popconfirm title={t('confirmRemove')} onConfirm={() => void onRemove()}>
        <Button type="link" size="small" danger>
          {t('remove')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
