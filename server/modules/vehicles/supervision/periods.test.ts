import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../../kernel/calendar/businessDays.ts';
import { sealingDue, sealingPeriods } from './periods.ts';

/** The 2026 arrangement as published (kernel calendar data), the part these tests touch. */
function cal2026(): BusinessCalendar {
  const days = new Map<string, 'holiday' | 'workday'>();
  const range = (a: string, b: string, kind: 'holiday' | 'workday') => {
    for (
      let d = new Date(`${a}T00:00:00Z`);
      d <= new Date(`${b}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1)
    )
      days.set(d.toISOString().slice(0, 10), kind);
  };
  range('2026-02-14', '2026-02-14', 'workday');
  range('2026-02-15', '2026-02-23', 'holiday');
  range('2026-02-28', '2026-02-28', 'workday');
  range('2026-09-20', '2026-09-20', 'workday');
  range('2026-09-25', '2026-09-27', 'holiday');
  range('2026-10-01', '2026-10-07', 'holiday');
  range('2026-10-10', '2026-10-10', 'workday');
  return { timeZone: 'Asia/Shanghai', days };
}

describe('sealing periods over the calendar', () => {
  it('finds 中秋 and 国庆 2026 and skips plain weekends', () => {
    const p = sealingPeriods(cal2026(), '2026-09-14', '2026-10-20', 3);
    expect(p).toEqual([
      { start: '2026-09-25', end: '2026-09-27', days: 3, sealOn: '2026-09-24', unsealOn: '2026-09-28' },
      { start: '2026-10-01', end: '2026-10-07', days: 7, sealOn: '2026-09-30', unsealOn: '2026-10-08' },
    ]);
  });

  it('honours 调休: the make-up Saturday before 春节 is the sealing day', () => {
    const p = sealingPeriods(cal2026(), '2026-02-10', '2026-02-25', 3);
    expect(p).toEqual([
      { start: '2026-02-15', end: '2026-02-23', days: 9, sealOn: '2026-02-14', unsealOn: '2026-02-24' },
    ]);
  });

  it('a make-up Sunday leaves the Saturday before it a one-day period', () => {
    const p = sealingPeriods(cal2026(), '2026-09-19', '2026-09-20', 1);
    expect(p).toEqual([
      { start: '2026-09-19', end: '2026-09-19', days: 1, sealOn: '2026-09-18', unsealOn: '2026-09-20' },
    ]);
  });

  it('with minDays 2 weekends count; a period under way at `from` is found from its start', () => {
    const p = sealingPeriods(cal2026(), '2026-10-04', '2026-10-04', 2);
    expect(p.map((x) => x.start)).toEqual(['2026-10-01']);
    const weekends = sealingPeriods(cal2026(), '2026-11-01', '2026-11-15', 2);
    expect(weekends.map((x) => x.start)).toEqual(['2026-10-31', '2026-11-07', '2026-11-14']);
  });

  it('rejects a nonsensical minimum', () => {
    expect(() => sealingPeriods(cal2026(), '2026-01-01', '2026-01-02', 0)).toThrow(RangeError);
  });
});

describe('what the sealing job does when', () => {
  const times = { sealAt: '17:30', unsealAt: '07:00' };
  const periods = sealingPeriods(cal2026(), '2026-09-28', '2026-10-20', 3);
  it('seals from the end of the last working day', () => {
    expect(sealingDue(periods, '2026-09-30', 17 * 60, times).seal).toBeNull();
    expect(sealingDue(periods, '2026-09-30', 17 * 60 + 30, times).seal?.start).toBe('2026-10-01');
    expect(sealingDue(periods, '2026-10-04', 600, times).seal?.start).toBe('2026-10-01');
  });
  it('unseals on the morning of the next working day', () => {
    const before = sealingDue(periods, '2026-10-08', 6 * 60 + 59, times);
    expect(before.seal?.start).toBe('2026-10-01');
    expect(before.unseal).toEqual([]);
    const after = sealingDue(periods, '2026-10-08', 7 * 60, times);
    expect(after.seal).toBeNull();
    expect(after.unseal.map((p) => p.start)).toEqual(['2026-10-01']);
  });
});
