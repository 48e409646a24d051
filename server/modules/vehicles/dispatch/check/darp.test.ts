import { describe, expect, it } from 'vitest';
import { parseDarp } from '../darp/parse.ts';
import { checkDarp } from './darp.ts';

/** 2 requests: 1 (3,4) → 3 (6,0), 2 (6,8) → 4 (0,8); each 2 passengers, service 1 */
function tiny(o: { K?: number; T?: number; Q?: number; L?: number; window3?: [number, number] } = {}) {
  const [e3, l3] = o.window3 ?? [0, 100];
  return parseDarp(
    [
      `${o.K ?? 2} 2 ${o.T ?? 100} ${o.Q ?? 3} ${o.L ?? 30}`,
      '0 0 0 0 0 0 100',
      '1 3 4 1 2 0 100',
      '2 6 8 1 2 0 100',
      `3 6 0 1 -2 ${e3} ${l3}`,
      '4 0 8 1 -2 0 100',
      '5 0 0 0 0 0 100',
    ].join('\n'),
  );
}
const good = [
  [0, 1, 3, 5],
  [0, 2, 4, 5],
];

describe('checkDarp', () => {
  it('accepts a feasible solution and recomputes its cost', () => {
    const c = checkDarp(tiny(), good);
    expect(c.violations).toEqual([]);
    expect(c.feasible).toBe(true);
    expect(c.cost).toBeCloseTo(5 + 5 + 6 + 10 + 6 + 8, 9);
  });

  it.each([
    ['a route not from depot to depot', tiny(), [[1, 3, 5], good[1]!], /must run from depot/],
    ['an unknown node', tiny(), [[0, 1, 3, 9, 5], good[1]!], /unknown node/],
    ['a request not served', tiny(), [good[0]!], /request 2: not served/],
    ['a request served twice', tiny(), [good[0]!, [0, 1, 3, 2, 4, 5]], /request 1: served more than once/],
    ['a drop-off before its pickup', tiny(), [[0, 3, 1, 5], good[1]!], /request 1: drop-off before pickup/],
    [
      'a drop-off on another route',
      tiny(),
      [
        [0, 1, 4, 5],
        [0, 2, 3, 5],
      ],
      /drop-off not on the pickup's route/,
    ],
    ['too many routes', tiny({ K: 1 }), good, /too_many_routes/],
    ['capacity', tiny(), [[0, 1, 2, 3, 4, 5]], /capacity exceeded/],
    ['a time window', tiny({ window3: [0, 5] }), good, /time window missed at node 3/],
    ['the ride time', tiny({ L: 3 }), good, /ride time over 3/],
    ['the route duration', tiny({ T: 10 }), good, /route duration over 10/],
  ])('catches %s', (_label, inst, routes, pattern) => {
    const c = checkDarp(inst, routes);
    expect(c.feasible).toBe(false);
    expect(c.violations.join('\n')).toMatch(pattern);
  });

  it('lets the vehicle wait and leave later to meet a ride-time limit', () => {
    // request 1 can only be dropped at 40..41: leaving the depot at 0 means a long ride unless the
    // vehicle waits before the pickup; a schedule exists (pickup at ~29), so it is feasible
    const c = checkDarp(tiny({ L: 12, window3: [40, 41] }), good);
    expect(c.violations).toEqual([]);
  });
});
