import { describe, expect, it } from 'vitest';
import { deadline, type BusinessCalendar } from '../../kernel/calendar/index.ts';
import { WORKER_STEPS } from './service.ts';

/** A calendar with a National Day week (Oct 1–7 off) and a make-up Saturday (Oct 10 on), Shanghai time. */
const cal: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  days: new Map([
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-10-${d}`, 'holiday'] as const),
    ['2026-10-10', 'workday'] as const,
  ]),
};

describe('repair SLA deadlines in business days', () => {
  it('counts a 1-day SLA from a Wednesday to the end of Thursday, Shanghai time', () => {
    expect(deadline(cal, '2026-09-23T02:00:00Z', 1).toISOString()).toBe('2026-09-24T15:59:59.999Z');
  });
  it('skips the National Day holidays and counts the make-up Saturday', () => {
    // reported Wednesday 30 September 10:00 local; Oct 1–7 off, Thu 8, Fri 9, Sat 10 (workday)
    expect(deadline(cal, '2026-09-30T02:00:00Z', 1).toISOString()).toBe('2026-10-08T15:59:59.999Z');
    expect(deadline(cal, '2026-09-30T02:00:00Z', 3).toISOString()).toBe('2026-10-10T15:59:59.999Z');
  });
  it('takes the local date: 23:30 on 30 September in Shanghai is already 1 October', () => {
    // 2026-09-30T16:30Z is Oct 1 00:30 local (a holiday): a 0-day SLA ends the next business day
    expect(deadline(cal, '2026-09-30T16:30:00Z', 0).toISOString()).toBe('2026-10-08T15:59:59.999Z');
  });
  it('skips a weekend: Friday + 2 business days is Tuesday', () => {
    expect(deadline(cal, '2026-11-20T03:00:00Z', 2).toISOString()).toBe('2026-11-24T15:59:59.999Z');
  });
});

describe('worker steps', () => {
  it('are reachable only in order: accept before on site, done only after acceptance', () => {
    expect(WORKER_STEPS.accepted).toEqual(['assigned']);
    expect(WORKER_STEPS.done).not.toContain('assigned');
    expect(WORKER_STEPS.on_site).toContain('waiting_parts');
  });
});
