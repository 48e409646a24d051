import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addDays,
  businessDaysBetween,
  deadline,
  endOfDay,
  isBusinessDay,
  isIsoDate,
  localDate,
  startOfDay,
  weekday,
  type BusinessCalendar,
} from './businessDays.ts';
import type { DayKind } from './tables.ts';

function range(first: string, last: string, kind: DayKind): [string, DayKind][] {
  const out: [string, DayKind][] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push([d, kind]);
  return out;
}

// The 2025/2026 part of the official calendar, as the migration seeds it.
const cal: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  days: new Map<string, DayKind>([
    ...range('2025-10-01', '2025-10-08', 'holiday'),
    ['2025-09-28', 'workday'],
    ['2025-10-11', 'workday'],
    ...range('2026-01-01', '2026-01-03', 'holiday'),
    ['2026-01-04', 'workday'],
    ['2026-02-14', 'workday'],
    ...range('2026-02-15', '2026-02-23', 'holiday'),
    ['2026-02-28', 'workday'],
    ...range('2026-05-01', '2026-05-05', 'holiday'),
    ['2026-05-09', 'workday'],
    ['2026-09-20', 'workday'],
    ...range('2026-09-25', '2026-09-27', 'holiday'),
    ...range('2026-10-01', '2026-10-07', 'holiday'),
    ['2026-10-10', 'workday'],
  ]),
};

describe('calendar dates', () => {
  it('validates and walks calendar dates without a time zone', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-2-3')).toBe(false);
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekday('2026-01-04')).toBe(0); // Sunday
    expect(weekday('2026-02-14')).toBe(6); // Saturday
    expect(weekday('1969-12-31')).toBe(3); // Wednesday, before the epoch
  });
});

describe('isBusinessDay', () => {
  it('treats ordinary weekdays as business days and weekends as rest days', () => {
    expect(isBusinessDay(cal, '2026-03-02')).toBe(true); // Monday
    expect(isBusinessDay(cal, '2026-03-06')).toBe(true); // Friday
    expect(isBusinessDay(cal, '2026-03-07')).toBe(false); // Saturday
    expect(isBusinessDay(cal, '2026-03-08')).toBe(false); // Sunday
  });

  it('treats holidays on weekdays as rest days', () => {
    expect(isBusinessDay(cal, '2026-02-16')).toBe(false); // Monday in 春节
    expect(isBusinessDay(cal, '2026-10-08')).toBe(true); // Thursday after 国庆
    expect(isBusinessDay(cal, '2026-10-07')).toBe(false);
  });

  it('treats make-up Saturdays and Sundays (调休) as business days', () => {
    expect(isBusinessDay(cal, '2026-01-04')).toBe(true); // Sunday
    expect(isBusinessDay(cal, '2026-02-14')).toBe(true); // Saturday
    expect(isBusinessDay(cal, '2026-02-28')).toBe(true); // Saturday
    expect(isBusinessDay(cal, '2026-10-10')).toBe(true); // Saturday
  });
});

describe('addBusinessDays', () => {
  it('skips weekends', () => {
    expect(addBusinessDays(cal, '2026-03-06', 1)).toBe('2026-03-09');
    expect(addBusinessDays(cal, '2026-03-07', 1)).toBe('2026-03-09');
    expect(addBusinessDays(cal, '2026-03-02', 5)).toBe('2026-03-09');
  });

  it('skips holidays and counts make-up working days', () => {
    // Friday 2026-02-13 → Saturday 02-14 is a working day
    expect(addBusinessDays(cal, '2026-02-13', 1)).toBe('2026-02-14');
    // 02-14 → the whole Spring Festival is skipped
    expect(addBusinessDays(cal, '2026-02-14', 1)).toBe('2026-02-24');
    // 国庆: Wednesday 09-30 + 1 → Thursday 10-08; + 3 → Saturday 10-10 (调休)
    expect(addBusinessDays(cal, '2026-09-30', 1)).toBe('2026-10-08');
    expect(addBusinessDays(cal, '2026-09-30', 3)).toBe('2026-10-10');
  });

  it('crosses the year boundary through New Year', () => {
    // Wednesday 2025-12-31 + 1: 01-01..01-03 are holidays, Sunday 01-04 is a working day
    expect(addBusinessDays(cal, '2025-12-31', 1)).toBe('2026-01-04');
    expect(addBusinessDays(cal, '2025-12-31', 2)).toBe('2026-01-05');
    expect(addBusinessDays(cal, '2026-01-04', -1)).toBe('2025-12-31');
  });

  it('walks backwards for negative n', () => {
    expect(addBusinessDays(cal, '2026-02-24', -1)).toBe('2026-02-14');
    expect(addBusinessDays(cal, '2026-02-24', -2)).toBe('2026-02-13');
    expect(addBusinessDays(cal, '2026-03-09', -5)).toBe('2026-03-02');
  });

  it('returns the date itself for n = 0 and refuses fractions', () => {
    expect(addBusinessDays(cal, '2026-03-07', 0)).toBe('2026-03-07');
    expect(() => addBusinessDays(cal, '2026-03-07', 1.5)).toThrow(RangeError);
    expect(() => addBusinessDays(cal, '2026-13-01', 1)).toThrow(RangeError);
  });
});

describe('businessDaysBetween', () => {
  it('counts the business days after from up to and including to', () => {
    expect(businessDaysBetween(cal, '2026-03-02', '2026-03-09')).toBe(5);
    expect(businessDaysBetween(cal, '2026-03-02', '2026-03-02')).toBe(0);
    expect(businessDaysBetween(cal, '2026-09-30', '2026-10-10')).toBe(3);
    expect(businessDaysBetween(cal, '2025-12-31', '2026-01-05')).toBe(2);
  });

  it('is negative when to is before from, counting to and excluding from', () => {
    expect(businessDaysBetween(cal, '2026-03-09', '2026-03-02')).toBe(-5);
    // from a Saturday back to the Friday before it: one business day
    expect(businessDaysBetween(cal, '2026-03-07', '2026-03-06')).toBe(-1);
  });

  it('is the inverse of addBusinessDays', () => {
    for (const start of ['2025-12-27', '2026-02-12', '2026-09-18', '2026-10-03']) {
      for (const n of [-12, -3, -1, 1, 2, 7, 25]) {
        expect(businessDaysBetween(cal, start, addBusinessDays(cal, start, n))).toBe(n);
      }
    }
  });

  it('gives the working days of 2026 Q1 under the official calendar', () => {
    // Jan–Mar 2026: 64 weekdays, minus 01-01, 01-02 and 02-16..02-20, 02-23 (8 holidays on
    // weekdays), plus the make-up days 01-04, 02-14 and 02-28
    expect(businessDaysBetween(cal, '2025-12-31', '2026-03-31')).toBe(64 - 8 + 3);
  });
});

describe('time zone', () => {
  it('takes the local date of an instant in Shanghai, not in UTC', () => {
    expect(localDate('2026-09-30T17:00:00Z', 'Asia/Shanghai')).toBe('2026-10-01');
    expect(localDate('2026-09-30T15:59:59.999Z', 'Asia/Shanghai')).toBe('2026-09-30');
    expect(localDate(new Date('2026-09-30T17:00:00Z'), 'UTC')).toBe('2026-09-30');
    expect(() => localDate('not a time', 'Asia/Shanghai')).toThrow(RangeError);
  });

  it('finds the start and end of a day in the zone', () => {
    expect(startOfDay('2026-10-01', 'Asia/Shanghai').toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(endOfDay('2026-10-01', 'Asia/Shanghai').toISOString()).toBe('2026-10-01T15:59:59.999Z');
    // a zone with daylight saving: New York on the day clocks go forward
    expect(startOfDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(endOfDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-09T03:59:59.999Z');
  });

  it('computes deadlines from the Shanghai date of an instant', () => {
    // 17:00Z on 09-30 is already 10-01 (a holiday) in Shanghai: the same-day deadline rolls to 10-08
    expect(deadline(cal, '2026-09-30T17:00:00Z', 0).toISOString()).toBe('2026-10-08T15:59:59.999Z');
    // one hour earlier it is still Wednesday 09-30 in Shanghai: the deadline is that evening
    expect(deadline(cal, '2026-09-30T15:00:00Z', 0).toISOString()).toBe('2026-09-30T15:59:59.999Z');
    // Monday 03-02 17:00Z is Tuesday 03-03 in Shanghai: 1 business day later is Wednesday 03-04
    expect(deadline(cal, '2026-03-02T17:00:00Z', 1).toISOString()).toBe('2026-03-04T15:59:59.999Z');
    // across 国庆 with its make-up Saturday
    expect(deadline(cal, '2026-09-30T03:00:00Z', 3).toISOString()).toBe('2026-10-10T15:59:59.999Z');
    expect(deadline(cal, '2026-03-02T02:00:00Z', 0).toISOString()).toBe('2026-03-02T15:59:59.999Z');
  });
});
