import { describe, expect, it } from 'vitest';
import { ringsFor, type ScopedFence } from './fence-scope.ts';
import type { LonLat } from './geometry.ts';

const r = (x: number): LonLat[] => [
  [x, 31],
  [x + 1, 31],
  [x, 32],
];
const fence = (x: number, over: Partial<ScopedFence> = {}): ScopedFence => ({
  ring: r(x),
  pools: ['A'],
  categories: [],
  vehicles: [],
  ...over,
});
const car = { id: 'v1', pool: 'A', category: 'general', borrower: 'A' };

describe('which geofences bound a trip', () => {
  it('a fence of the pool with no other condition applies to every vehicle of the pool', () => {
    expect(ringsFor([fence(120)], car)).toEqual([r(120)]);
    expect(ringsFor([fence(120)], { ...car, pool: 'B', borrower: 'B' })).toBeNull();
  });
  it('categories and named vehicles narrow it', () => {
    const fences = [fence(120, { categories: ['emergency'] }), fence(121, { vehicles: ['v2'] })];
    expect(ringsFor(fences, car)).toBeNull();
    expect(ringsFor(fences, { ...car, category: 'emergency' })).toEqual([r(120)]);
    expect(ringsFor(fences, { ...car, id: 'v2' })).toEqual([r(121)]);
  });
  it('the most specific level counts: named vehicles, then categories, then the pool', () => {
    const fences = [
      fence(120),
      fence(121),
      fence(122, { categories: ['confidential_comms'] }),
      fence(123, { vehicles: ['v7'] }),
    ];
    expect(ringsFor(fences, car)).toEqual([r(120), r(121)]);
    expect(ringsFor(fences, { ...car, category: 'confidential_comms' })).toEqual([r(122)]);
    expect(ringsFor(fences, { ...car, id: 'v7', category: 'confidential_comms' })).toEqual([r(123)]);
  });
  it('a city fence covering several pools applies to each', () => {
    const city = fence(119, { pools: ['C', 'A', 'B'] });
    expect(ringsFor([city], { ...car, pool: 'B', borrower: 'B' })).toEqual([r(119)]);
  });
  it('a lent vehicle may also move within the borrower pool-wide fences', () => {
    const fences = [
      fence(120),
      fence(121, { pools: ['B'] }),
      fence(122, { pools: ['B'], categories: ['emergency'] }),
      fence(123, { pools: ['B'], vehicles: ['v9'] }),
    ];
    expect(ringsFor(fences, { ...car, borrower: 'B' })).toEqual([r(120), r(121)]);
    // a vehicle under its own narrower fence stays within it on a loan too
    expect(ringsFor([...fences, fence(124, { vehicles: ['v1'] })], { ...car, borrower: 'B' })).toEqual([
      r(124),
    ]);
  });
});
