import { describe, expect, it } from 'vitest';
import { parseTime } from './importing.ts';

describe('device record times', () => {
  it('reads local wall-clock times in the deployment zone and ISO instants with an offset', () => {
    expect(parseTime('2026-11-02 08:51', 'Asia/Shanghai')?.toISOString()).toBe('2026-11-02T00:51:00.000Z');
    expect(parseTime('2026/11/2 8:51:07', 'Asia/Shanghai')?.toISOString()).toBe('2026-11-02T00:51:07.000Z');
    // without an offset a 'T' time is local too
    expect(parseTime('2026-11-02T08:51', 'Asia/Shanghai')?.toISOString()).toBe('2026-11-02T00:51:00.000Z');
    expect(parseTime('2026-11-02T08:51:00+08:00', 'Asia/Shanghai')?.toISOString()).toBe(
      '2026-11-02T00:51:00.000Z',
    );
  });
  it('refuses what is not a time', () => {
    for (const bad of ['2026-11-02', '2026-13-02 08:00', '2026-11-02 24:00', '08:51', 'x'])
      expect(parseTime(bad, 'Asia/Shanghai')).toBeNull();
  });
});
