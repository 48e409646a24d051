import { describe, expect, it } from 'vitest';
import { isWeekend, monthGrid, periods } from './grid.ts';

describe('calendar grid', () => {
  it('starts weeks on Monday and pads the edges', () => {
    // 1 February 2026 is a Sunday
    const weeks = monthGrid(2026, 2);
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-02-01']);
    expect(weeks.at(-1)?.filter(Boolean).at(-1)).toBe('2026-02-28');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it('knows leap years and weekends', () => {
    expect(monthGrid(2024, 2).flat().filter(Boolean)).toHaveLength(29);
    expect(isWeekend('2026-02-01')).toBe(true);
    expect(isWeekend('2026-02-02')).toBe(false);
  });

  it('joins consecutive days of one holiday into a period, across month ends', () => {
    const day = (date: string, kind: 'holiday' | 'workday', name: string) => ({
      date,
      kind,
      name,
      nameEn: null,
      note: null,
    });
    const list = periods([
      day('2025-10-02', 'holiday', '国庆节'),
      day('2025-10-01', 'holiday', '国庆节'),
      day('2025-09-28', 'workday', '国庆节'),
      day('2025-10-03', 'holiday', '中秋节'),
      day('2025-01-31', 'holiday', '春节'),
      day('2025-02-01', 'holiday', '春节'),
    ]);
    expect(list.map((p) => [p.name, p.kind, p.from, p.to, p.days])).toEqual([
      ['春节', 'holiday', '2025-01-31', '2025-02-01', 2],
      ['国庆节', 'workday', '2025-09-28', '2025-09-28', 1],
      ['国庆节', 'holiday', '2025-10-01', '2025-10-02', 2],
      ['中秋节', 'holiday', '2025-10-03', '2025-10-03', 1],
    ]);
  });
});
