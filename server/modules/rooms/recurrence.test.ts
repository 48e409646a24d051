import { describe, expect, it } from 'vitest';
import { DomainError } from '../../kernel/errors.ts';
import { expandSeries, zoneOffsetMinutes } from './recurrence.ts';

const TZ = 'Asia/Shanghai';
const iso = (d: Date[]) => d.map((x) => x.toISOString());
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
  return 'no error';
};

describe('recurring series', () => {
  it('expands weekly rules on local weekdays, even when the UTC date differs', () => {
    // Monday 07:30 in Shanghai is Sunday 23:30 UTC
    const first = new Date('2026-11-29T23:30:00Z');
    expect(iso(expandSeries('FREQ=WEEKLY;BYDAY=MO;COUNT=3', first, [], TZ))).toEqual([
      '2026-11-29T23:30:00.000Z',
      '2026-12-06T23:30:00.000Z',
      '2026-12-13T23:30:00.000Z',
    ]);
  });

  it('leaves out excluded dates (EXDATE)', () => {
    const first = new Date('2026-12-01T01:00:00Z');
    const out = expandSeries('RRULE:FREQ=DAILY;COUNT=4', first, [new Date('2026-12-02T01:00:00Z')], TZ);
    expect(iso(out)).toEqual([
      '2026-12-01T01:00:00.000Z',
      '2026-12-03T01:00:00.000Z',
      '2026-12-04T01:00:00.000Z',
    ]);
  });

  it('refuses rules without an end or reaching past a year', () => {
    const first = new Date('2026-12-01T01:00:00Z');
    expect(code(() => expandSeries('FREQ=WEEKLY', first, [], TZ))).toBe('recurrence_too_long');
    expect(code(() => expandSeries('FREQ=WEEKLY;UNTIL=20280101T000000Z', first, [], TZ))).toBe(
      'recurrence_too_long',
    );
    expect(code(() => expandSeries('FREQ=DAILY;COUNT=400', first, [], TZ))).toBe('recurrence_too_long');
    expect(code(() => expandSeries('FREQ=MONTHLY;UNTIL=20271130T000000Z', first, [], TZ))).toBe('no error');
    expect(code(() => expandSeries('BYDAY=MO', first, [], TZ))).toBe('recurrence_invalid');
  });

  it('knows the offset of Asia/Shanghai', () => {
    expect(zoneOffsetMinutes(new Date('2026-07-01T00:00:00Z'), TZ)).toBe(480);
    expect(zoneOffsetMinutes(new Date('2026-07-01T00:00:00Z'), 'UTC')).toBe(0);
  });
});
