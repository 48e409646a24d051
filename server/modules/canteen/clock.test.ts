import { describe, expect, it } from 'vitest';
import { addDays, cutoffInstant, daysBetween, localDay } from './clock.ts';

describe('canteen clock', () => {
  it('reads the cut-off in the deployment zone, whatever the process zone', () => {
    expect(cutoffInstant('2026-11-26', '10:00', 'Asia/Shanghai').toISOString()).toBe(
      '2026-11-26T02:00:00.000Z',
    );
    expect(cutoffInstant('2026-11-26', '10:30:00', 'Asia/Shanghai').toISOString()).toBe(
      '2026-11-26T02:30:00.000Z',
    );
  });
  it('knows the local day of an instant', () => {
    expect(localDay(new Date('2026-11-25T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-26');
    expect(localDay(new Date('2026-11-25T15:59:00Z'), 'Asia/Shanghai')).toBe('2026-11-25');
  });
  it('counts days', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(daysBetween('2026-11-25', '2026-12-02')).toBe(7);
  });
});
