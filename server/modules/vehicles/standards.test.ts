import { describe, expect, it } from 'vitest';
import { checkStandard, limitFor, replacementEligible } from './standards.ts';

const car = {
  category: 'general',
  bodyType: 'sedan',
  energyType: 'petrol',
  priceFen: 17_000_000,
  displacementL: 1.8,
} as const;

describe('configuration standard (中办发〔2017〕71号)', () => {
  it('accepts a vehicle at the limit and names the rule of one above it', () => {
    expect(checkStandard(car)).toEqual([]);
    const v = checkStandard({ ...car, priceFen: 18_000_001, displacementL: 2.0 });
    expect(v.map((x) => [x.rule, x.kind])).toEqual([
      ['emergency_and_other', 'price'],
      ['emergency_and_other', 'displacement'],
    ]);
    expect(v[0]!.message['zh-CN']).toContain('180,000');
  });
  it('applies the confidential, bus and new-energy special cases', () => {
    expect(limitFor({ ...car, category: 'confidential_comms' })?.priceFen).toBe(12_000_000);
    expect(limitFor({ ...car, bodyType: 'medium_bus' })?.displacementL).toBe(3.0);
    expect(limitFor({ ...car, bodyType: 'large_bus' })?.priceFen).toBe(45_000_000);
    expect(limitFor({ ...car, energyType: 'electric' })?.rule).toBe('new_energy_car');
    expect(limitFor({ ...car, category: 'special_technical' })).toBeNull();
    expect(
      checkStandard({ ...car, energyType: 'electric', displacementL: null, priceFen: 18_500_000 })[0]?.rule,
    ).toBe('new_energy_car');
  });
  it('makes a vehicle replaceable after the configured years or mileage', () => {
    const rule = { years: 8, km: 250_000 };
    expect(
      replacementEligible({ purchaseDate: '2018-11-25', odometerKm: 0 }, rule, '2026-11-25').reason,
    ).toBe('age');
    expect(
      replacementEligible({ purchaseDate: '2018-11-26', odometerKm: 0 }, rule, '2026-11-25').eligible,
    ).toBe(false);
    expect(
      replacementEligible({ purchaseDate: '2024-01-01', odometerKm: 250_000 }, rule, '2026-11-25').reason,
    ).toBe('mileage');
  });
});
