import { DomainError, errors } from '../../kernel/errors.ts';

/** The rooms module's refusals: stable codes, both languages, the offending field. */
export const bookingErrors = {
  endBeforeStart: () =>
    errors.field('end', 'end_before_start', {
      'zh-CN': '结束时间必须晚于开始时间',
      en: 'The end must be after the start',
    }),
  inPast: () =>
    errors.field('start', 'booking_in_past', {
      'zh-CN': '不能预订已经过去的时间',
      en: 'A booking cannot start in the past',
    }),
  tooLong: () =>
    errors.field('end', 'booking_too_long', {
      'zh-CN': '单次预订不能超过 24 小时',
      en: 'One booking may last at most 24 hours',
    }),
  overCapacity: (capacity: number) =>
    new DomainError(
      'over_capacity',
      'invalid',
      {
        'zh-CN': `参会人数超过会议室容量（${capacity} 人）`,
        en: `More attendees than the room holds (${capacity})`,
      },
      [{ field: 'attendees', code: 'over_capacity', capacity }],
    ),
  notAllowed: () =>
    errors.forbidden({
      'zh-CN': '该会议室仅限指定单位预订',
      en: 'Only the listed units may book this room',
    }),
  conflict: (details: Record<string, unknown>[] = []) =>
    new DomainError(
      'room_booked',
      'conflict',
      {
        'zh-CN': '该时段会议室已被预订',
        en: 'The room is already booked for this time',
      },
      details,
    ),
  notOpen: (status: string) =>
    new DomainError(
      'booking_not_open',
      'conflict',
      {
        'zh-CN': '该预订已取消、驳回或释放，不能再操作',
        en: 'The booking is cancelled, rejected or released',
      },
      [{ status }],
    ),
  checkInWindow: () =>
    new DomainError('check_in_window', 'conflict', {
      'zh-CN': '不在签到时间内（会议开始前后的签到时段）',
      en: 'Check-in is open only around the start of the meeting',
    }),
  notOrganizer: () =>
    errors.forbidden({
      'zh-CN': '只有预订人或会议室管理单位可以执行此操作',
      en: "Only the organiser or the room's managing unit can do this",
    }),
  roomNotFound: (id: string) => errors.notFound('rooms.room', id),
};

/** Whether an error is the exclusion constraint refusing an overlapping booking. */
export function isOverlap(e: unknown): boolean {
  return (e as { code?: string }).code === '23P01';
}
