import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../kernel/errors.ts';
import { parseMdvsp } from '../mdvsp/instance.ts';
import { checkMdvsp, checkMdvspText } from './mdvsp.ts';

// 2 depots (capacity 1 and 2), 3 trips. Trip 0 → trip 1 is allowed (cost 10), trip 1 → trip 2 (cost 20),
// trip 0 → trip 2 (cost 50); nothing runs backwards.
const toy = `2 3 1 2
-1   -1   5001 5002 5003
-1   -1   5010 5020 5030
5004 5040 -1   10   50
5005 5050 -1   -1   20
5006 5060 -1   -1   -1
`;
const inst = parseMdvsp(toy);

describe('parseMdvsp', () => {
  it('reads depots, trips, capacities and the matrix', () => {
    expect(inst.depots).toBe(2);
    expect(inst.trips).toBe(3);
    expect(inst.capacity).toEqual([1, 2]);
    expect(inst.cost[2 * 5 + 3]).toBe(10);
  });

  it('rejects a truncated matrix and non-numbers with a DomainError', () => {
    expect(() => parseMdvsp(toy.slice(0, toy.lastIndexOf('5060')))).toThrow(DomainError);
    expect(() => parseMdvsp(toy.replace('5001', 'x'))).toThrow(/not an integer/);
    expect(() => parseMdvsp(toy.replace('5001', '-7'))).toThrow(/below -1/);
  });
});

describe('checkMdvsp', () => {
  it('accepts a feasible solution and recomputes its cost', () => {
    // depot 0 → t0 → t1 → t2 → depot 0 = 5001 + 10 + 20 + 5006
    const r = checkMdvsp(inst, { blocks: [{ depot: 0, trips: [0, 1, 2] }] });
    expect(r).toMatchObject({
      feasible: true,
      vehicles: 1,
      cost: 10037,
      operationalCost: 37,
      violations: [],
    });
    // depot 1 → t0 → t2 → depot 1 = 5010 + 50 + 5060 ; depot 1 → t1 → depot 1 = 5020 + 5050
    const two = checkMdvsp(inst, {
      vehicles: 2,
      cost: 20190,
      blocks: [
        { depot: 1, trips: [0, 2] },
        { depot: 1, trips: [1] },
      ],
    });
    expect(two).toMatchObject({ feasible: true, vehicles: 2, cost: 20190, perDepot: [0, 2] });
  });

  it('catches a missing trip', () => {
    const r = checkMdvsp(inst, { blocks: [{ depot: 0, trips: [0, 1] }] });
    expect(r.feasible).toBe(false);
    expect(r.violations).toContain('trip 2 is not covered');
  });

  it('catches a duplicated trip', () => {
    const r = checkMdvsp(inst, {
      blocks: [
        { depot: 1, trips: [0, 1, 2] },
        { depot: 1, trips: [2] },
      ],
    });
    expect(r.violations).toEqual(['trip 2 is covered 2 times']);
  });

  it('catches an incompatible consecutive pair', () => {
    const r = checkMdvsp(inst, { blocks: [{ depot: 0, trips: [1, 0, 2] }] });
    expect(r.violations).toEqual(['block 0: trip 1 → trip 0 is not allowed']);
  });

  it('catches a depot capacity breach', () => {
    const r = checkMdvsp(inst, {
      blocks: [
        { depot: 0, trips: [0, 1] },
        { depot: 0, trips: [2] },
      ],
    });
    expect(r.violations).toEqual(['depot 0 sends 2 vehicles, it has 1']);
  });

  it('catches a wrong claimed cost or vehicle count', () => {
    const r = checkMdvsp(inst, { vehicles: 2, cost: 10036, blocks: [{ depot: 0, trips: [0, 1, 2] }] });
    expect(r.violations).toEqual([
      'claims 2 vehicles, the blocks use 1',
      'claims cost 10036, the blocks cost 10037',
    ]);
  });

  it('catches unknown depots, unknown trips and empty blocks', () => {
    const r = checkMdvsp(inst, {
      blocks: [
        { depot: 2, trips: [0] },
        { depot: 0, trips: [] },
        { depot: 1, trips: [0, 1, 3] },
      ],
    });
    expect(r.violations.slice(0, 3)).toEqual([
      'block 0: depot 2 does not exist',
      'block 1: no trips',
      'block 2: a trip index outside 0..2',
    ]);
  });

  it('works from the file text too', () => {
    expect(checkMdvspText(toy, { blocks: [{ depot: 0, trips: [0, 1, 2] }] }).cost).toBe(10037);
  });
});
