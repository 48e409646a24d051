import { describe, expect, it } from 'vitest';
import { backoffDelay, JobRegistry, nextCronRun } from './registry.ts';

describe('backoffDelay', () => {
  it('doubles per attempt, is capped, and jitters between 50 and 100 %', () => {
    const b = { baseMs: 1000, maxMs: 10_000 };
    expect(backoffDelay(b, 1, () => 1)).toBe(1000);
    expect(backoffDelay(b, 2, () => 1)).toBe(2000);
    expect(backoffDelay(b, 3, () => 1)).toBe(4000);
    expect(backoffDelay(b, 9, () => 1)).toBe(10_000);
    expect(backoffDelay(b, 3, () => 0)).toBe(2000);
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(b, 3)));
    for (const d of seen) {
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('accepts a function of the attempt', () => {
    expect(backoffDelay((n) => n * 7, 3)).toBe(21);
    expect(backoffDelay(() => -5, 1)).toBe(0);
  });
});

describe('nextCronRun', () => {
  it('reads the expression in the deployment time zone', () => {
    // 03:30 in Shanghai is 19:30 UTC the day before
    expect(nextCronRun('30 3 * * *', new Date('2026-01-01T00:00:00Z'), 'Asia/Shanghai').toISOString()).toBe(
      '2026-01-01T19:30:00.000Z',
    );
    expect(nextCronRun('30 3 * * *', new Date('2026-01-01T00:00:00Z'), 'UTC').toISOString()).toBe(
      '2026-01-01T03:30:00.000Z',
    );
  });

  it('is strictly after the given time', () => {
    const at = new Date('2026-03-02T01:00:00Z');
    expect(nextCronRun('0 9 * * 1-5', at, 'Asia/Shanghai').toISOString()).toBe('2026-03-03T01:00:00.000Z');
    expect(nextCronRun('* * * * *', at, 'Asia/Shanghai').toISOString()).toBe('2026-03-02T01:01:00.000Z');
  });
});

describe('JobRegistry', () => {
  it('refuses bad names, attempts and cron expressions', () => {
    const r = new JobRegistry();
    const h = async () => {};
    expect(() => r.registerJob('bad name', h)).toThrow(/Invalid job name/);
    expect(() => r.registerJob('ok', h, { maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => r.registerSchedule('s', 'every day', 'ok')).toThrow();
    expect(() => r.registerSchedule('s', '0 0 * * * *', 'ok')).toThrow(/5 fields/);
    r.registerJob('ok', h, { maxAttempts: 2 });
    r.registerSchedule('s', '0 3 * * *', 'ok');
    expect(r.jobs.get('ok')?.maxAttempts).toBe(2);
    expect(r.schedules.get('s')).toEqual({ name: 's', cron: '0 3 * * *', jobName: 'ok', payload: {} });
  });
});
