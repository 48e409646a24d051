import { describe, expect, it } from 'vitest';
import { bulkKwh, trendSeries, type Figures } from './insight-api.ts';

const f = (kgce: number, electricity = kgce): Figures => ({
  electricity,
  water: 0,
  gas: 0,
  heat: 0,
  kgce,
  carbonKg: 0,
});

describe('trendSeries', () => {
  it('leaves a gap for a month without readings and keeps every other value, zeros included', () => {
    expect(trendSeries([f(0), f(2000), f(0, 5), f(3000)], (x) => x.kgce / 1000)).toEqual([null, 2, 0, 3]);
  });
});

describe('bulkKwh', () => {
  it('shows large electricity totals in 万kWh in Chinese and in MWh (not "10⁴ kWh") in English', () => {
    expect(bulkKwh('zh-CN')).toEqual({ divisor: 10000, unit: '万kWh' });
    expect(bulkKwh('en')).toEqual({ divisor: 1000, unit: 'MWh' });
  });
});
