import { describe, expect, it } from 'vitest';
import {
  change,
  coverage,
  defaultQuota,
  elapsedShareOfYear,
  monthsEnding,
  per,
  previousMonths,
  quotaColour,
  rankBy,
  toCarbonKg,
  toKgce,
} from './calc.ts';

describe('standard coal (kgce)', () => {
  it('converts electricity, gas and heat by the STANDARDS.md factors', () => {
    expect(toKgce({ electricity: 1000 })).toBeCloseTo(122.9, 6);
    expect(toKgce({ gas: 100 })).toBeCloseTo(121.43, 6);
    // 0.03412 kgce/MJ = 34.12 kgce/GJ
    expect(toKgce({ heat: 2 })).toBeCloseTo(68.24, 6);
  });

  it('leaves water out of total energy', () => {
    expect(toKgce({ electricity: 1000, water: 5000 })).toBeCloseTo(122.9, 6);
  });
});

describe('carbon', () => {
  it('uses the configurable grid factor for electricity', () => {
    const f = { kgPerKwh: 0.5703, kgPerM3Gas: 2.1622, kgPerGjHeat: 110 };
    expect(toCarbonKg({ electricity: 1000, gas: 10, heat: 1 }, f)).toBeCloseTo(570.3 + 21.622 + 110, 6);
    expect(toCarbonKg({ electricity: 1000 }, { ...f, kgPerKwh: 0.42 })).toBeCloseTo(420, 6);
  });
});

describe('intensities and changes', () => {
  it('divides by area and persons, and gives no figure without them', () => {
    expect(per(18480, 1000)).toBeCloseTo(18.48);
    expect(per(10, 0)).toBeNull();
  });

  it('computes year-on-year and period-on-period changes', () => {
    expect(change(110, 100)).toBeCloseTo(0.1);
    expect(change(90, 100)).toBeCloseTo(-0.1);
    expect(change(5, 0)).toBeNull();
    expect(change(5, null)).toBeNull();
  });

  it('measures coverage as the metered share of kgce', () => {
    expect(coverage(60, 40)).toBeCloseTo(0.6);
    expect(coverage(0, 0)).toBeNull();
  });
});

describe('quota colour', () => {
  it('is red once the quota is used up', () => {
    expect(quotaColour(1000, 1000, 0.5)).toBe('red');
  });
  it('is yellow when the pace would exceed the quota by the end of the year', () => {
    expect(quotaColour(600, 1000, 0.5)).toBe('yellow');
  });
  it('is green on a pace within the quota', () => {
    expect(quotaColour(400, 1000, 0.5)).toBe('green');
    expect(quotaColour(999, 1000, 1)).toBe('green');
  });
  it('defaults a quota from the national caps', () => {
    const caps = { kgcePerM2: 17.556, kgcePerPerson: 309.786, waterM3PerPerson: 20.238 };
    expect(defaultQuota(1000, 50, caps).totalKgce).toBeCloseTo(17556);
    expect(defaultQuota(0, 10, caps).totalKgce).toBeCloseTo(3097.86);
    expect(defaultQuota(1000, 10, caps).waterM3).toBeCloseTo(202.38);
  });
  it('measures the elapsed share of a year', () => {
    expect(elapsedShareOfYear(2026, '2026-12-31')).toBe(1);
    expect(elapsedShareOfYear(2026, '2026-07-01')).toBeCloseTo(182 / 365, 6);
  });
});

describe('periods and ranking', () => {
  it('finds the previous month and the same month a year before', () => {
    expect(previousMonths('2026-01')).toEqual({ prev: '2025-12', lastYear: '2025-01' });
    expect(previousMonths('2026-10')).toEqual({ prev: '2026-09', lastYear: '2025-10' });
  });
  it('lists the months ending with a month', () => {
    expect(monthsEnding('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });
  it('ranks highest intensity first, rows without a figure last', () => {
    const ranked = rankBy([{ v: 1 }, { v: null }, { v: 3 }], (r) => r.v);
    expect(ranked.map((r) => [r.v, r.rank])).toEqual([
      [3, 1],
      [1, 2],
      [null, 3],
    ]);
  });
});
