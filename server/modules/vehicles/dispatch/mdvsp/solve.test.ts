import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkMdvsp } from '../check/mdvsp.ts';
import { parseMdvsp, solveMdvsp } from './index.ts';
import { provenByBound } from './solve.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const read = (name: string) =>
  parseMdvsp(fs.readFileSync(path.join(here, 'testdata', `${name}.inp`), 'utf8'));

// proven optima (mdvsp-small/bks_detail.csv): total cost and vehicles
const optima: [string, number, number][] = [
  ['n50m2s0', 214727, 20],
  ['n50m2s1', 188271, 17],
  ['n50m2s2', 174794, 16],
  ['n50m2s3', 197166, 18],
  ['n50m3s0', 164525, 15],
  ['n50m3s1', 152491, 14],
  ['n50m3s2', 167307, 15],
  ['n50m3s3', 153337, 14],
  ['n50m4s0', 184576, 17],
  ['n50m4s1', 174485, 16],
  ['n50m4s2', 174393, 16],
  ['n50m4s3', 193722, 18],
];

describe('solveMdvsp', () => {
  it.each(optima)('reaches the proven optimum of %s', async (name, cost, vehicles) => {
    const inst = read(name);
    const s = await solveMdvsp(inst, { timeLimitSeconds: 40, seed: 1 });
    const check = checkMdvsp(inst, { blocks: s.blocks, cost: s.cost, vehicles: s.vehicles });
    expect(check.violations).toEqual([]);
    expect({ cost: s.cost, vehicles: s.vehicles, minimumFleet: s.minimumFleet }).toEqual({
      cost,
      vehicles,
      minimumFleet: vehicles,
    });
    expect(s.provenOptimal).toBe(true);
    expect(s.lowerBound).toBeLessThanOrEqual(cost);
  });

  it('calls a cost proven optimal only when no integral cost lies between it and the bound', () => {
    expect(provenByBound(1283811, 1283810.2)).toBe(true); // ⌈bound⌉ = cost
    expect(provenByBound(1283811, 1283811)).toBe(true);
    expect(provenByBound(1283812, 1283811)).toBe(false); // 1283811 may exist
    // LP noise just above an integer does not round the bound up past it
    expect(provenByBound(1283812, 1283811.0004)).toBe(false);
    expect(provenByBound(1283812, 1283811.3)).toBe(true);
    // m4n500s2's LP bound is far below: only a complete MIP can prove anything there
    expect(provenByBound(1283812, 1283782.889735773)).toBe(false);
    expect(provenByBound(1283812, null)).toBe(false);
  });

  it('gives the same answer for the same seed', async () => {
    // n50m4s1 goes through diving and the MIP (its LP bound is fractional, the dive misses the optimum)
    const inst = read('n50m4s1');
    const a = await solveMdvsp(inst, { timeLimitSeconds: 40, seed: 7 });
    const b = await solveMdvsp(inst, { timeLimitSeconds: 40, seed: 7 });
    expect(b.blocks).toEqual(a.blocks);
    expect(b.cost).toBe(a.cost);
    expect(a.phases.map((p) => p.name)).toEqual(b.phases.map((p) => p.name));
    expect(a.phases.some((p) => p.name.startsWith('mip'))).toBe(true);
  });

  it('answers with a feasible minimum-fleet schedule even with almost no time', async () => {
    const inst = read('n50m3s2');
    const s = await solveMdvsp(inst, { timeLimitSeconds: 0.001, seed: 1 });
    expect(checkMdvsp(inst, { blocks: s.blocks, cost: s.cost }).violations).toEqual([]);
    expect(s.vehicles).toBe(15);
  });

  it('rejects an instance whose depots hold too few vehicles', async () => {
    const text = fs
      .readFileSync(path.join(here, 'testdata', 'n50m2s0.inp'), 'utf8')
      .replace(/^2\s+50\s+\d+\s+\d+/, '2 50 5 5');
    await expect(solveMdvsp(parseMdvsp(text), { timeLimitSeconds: 5, seed: 1 })).rejects.toThrow(
      /too few vehicles/,
    );
  });
});
