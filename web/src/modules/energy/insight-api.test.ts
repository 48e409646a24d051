import { describe, expect, it } from 'vitest';
import { bulkKwh, trendSeries, type MonthFigures } from './insight-api.ts';

const f = (kgce: number | null, electricity = kgce): MonthFigures => ({
  month: '2026-01',
  electricity,
  water: null,
  gas: null,
  heat: null,
  kgce,
  carbonKg: kgce,
});

describe('trendSeries', () => {
  it('leaves a gap where the server sends no figure and keeps every other value, zeros included', () => {
    expect(trendSeries([f(null), f(2000), f(0, 5), f(3000)], 'kgce', (x) => x / 1000)).toEqual([
      null,
      2,
      0,
      3,
    ]);
    expect(trendSeries([f(10, null), f(0, 0)], 'electricity')).toEqual([null, 0]);
  });
});

describe('bulkKwh', () => {
  it('shows large electricity totals in 万kWh in Chinese and in MWh (not "10⁴ kWh") in English', () => {
    expect(bulkKwh('zh-CN')).toEqual({ divisor: 10000, unit: '万kWh' });
    expect(bulkKwh('en')).toEqual({ divisor: 1000, unit: 'MWh' });
  });
});
