import { describe, expect, it } from 'vitest';
import { hourBucket, wholeHourOffset } from './hours.ts';

describe('hour buckets', () => {
  it('puts a reading on the hour into the hour before it (the interval it closes)', () => {
    const at = (s: string) => new Date(s).toISOString();
    expect(at(new Date(hourBucket(Date.parse('2026-10-01T16:00:00Z'))).toISOString())).toBe(
      '2026-10-01T15:00:00.000Z',
    );
    expect(new Date(hourBucket(Date.parse('2026-10-01T16:00:00.001Z'))).toISOString()).toBe(
      '2026-10-01T16:00:00.000Z',
    );
    expect(new Date(hourBucket(Date.parse('2026-10-01T16:59:59.999Z'))).toISOString()).toBe(
      '2026-10-01T16:00:00.000Z',
    );
  });

  it('knows the zones whose hours begin with UTC hours', () => {
    const t = Date.parse('2026-07-01T12:00:00Z');
    expect(wholeHourOffset('Asia/Shanghai', t)).toBe(true);
    expect(wholeHourOffset('UTC', t)).toBe(true);
    expect(wholeHourOffset('Europe/Berlin', t)).toBe(true);
    expect(wholeHourOffset('Asia/Kolkata', t)).toBe(false);
    expect(wholeHourOffset('Australia/Adelaide', t)).toBe(false);
  });
});
