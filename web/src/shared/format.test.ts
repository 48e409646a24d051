import { describe, expect, it } from 'vitest';
import {
  fmtDate,
  fmtDateTime,
  fmtDateTimeSeconds,
  fmtYuan,
  yuanToFen,
  zoneDayRange,
  zoneOffsetLabel,
} from './format.ts';

describe('times in the deployment zone (Asia/Shanghai)', () => {
  it('shows instants in UTC+8 whatever zone the process runs in', () => {
    expect(fmtDateTime('2026-11-25T13:16:03Z')).toBe('2026-11-25 21:16');
    expect(fmtDateTimeSeconds('2026-11-25T13:16:03.120Z')).toBe('2026-11-25 21:16:03');
    expect(fmtDateTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
    expect(fmtDateTime(null)).toBe('');
  });

  it('keeps plain dates and moves instants to the zone day', () => {
    expect(fmtDate('2026-10-01')).toBe('2026-10-01');
    expect(fmtDate('2026-09-30T17:00:00Z')).toBe('2026-10-01');
    expect(fmtDate(undefined)).toBe('');
  });

  it('names the offset', () => {
    expect(zoneOffsetLabel('2026-07-01T00:00:00Z')).toBe('UTC+8');
  });

  it('turns picked days into a range from the first to the last instant of those days in the zone', () => {
    expect(zoneDayRange('2026-10-01', '2026-10-07')).toEqual({
      from: '2026-10-01T00:00:00+08:00',
      to: '2026-10-07T23:59:59+08:00',
    });
    expect(zoneDayRange(null, '2026-10-07')).toEqual({ to: '2026-10-07T23:59:59+08:00' });
    expect(zoneDayRange(undefined, undefined)).toEqual({});
  });
});

describe('money', () => {
  it('formats fen as yuan and reads typed yuan back', () => {
    expect(fmtYuan(1234560)).toBe('12,345.60');
    expect(yuanToFen('12,345.6')).toBe(1234560);
    expect(yuanToFen('1.234')).toBeNull();
  });
});
