import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDarp } from '../check/darp.ts';
import { DarpAlns } from './alns.ts';
import { parseDarp, solveDarp } from './index.ts';
import { loadHighs, RoutePool } from './pool.ts';
import { Scheduler } from './schedule.ts';

const dir = '/work/shared/benchmarks/darp-cordeau-ab';
const load = (name: string) => parseDarp(fs.readFileSync(path.join(dir, `${name}.txt`), 'utf8'));

describe('DARP route pool and set-partitioning recombination (HiGHS)', () => {
  it('picks a partition of the requests from pooled routes, no worse than any pooled solution', async () => {
    const highs = await loadHighs();
    const inst = load('a4-24');
    const s = new Scheduler(inst);
    const pool = new RoutePool(inst.requests);
    const costs: number[] = [];
    for (const seed of [1, 2, 3]) {
      const res = new DarpAlns(inst, seed).solve({ timeLimitSeconds: 60, maxIterations: 60, seed });
      expect(res.unserved).toEqual([]);
      for (const r of res.routes) pool.add(r, s.cost(r));
      costs.push(res.cost);
    }
    const sp = pool.solve(highs, inst.vehicles, 30);
    expect(sp).not.toBeNull();
    expect(sp!.routes.length).toBeLessThanOrEqual(inst.vehicles);
    const end = 2 * inst.requests + 1;
    const check = checkDarp(
      inst,
      sp!.routes.map((r) => [0, ...r, end]),
    );
    expect(check.violations).toEqual([]);
    expect(check.cost).toBeCloseTo(sp!.cost, 6);
    expect(sp!.cost).toBeLessThanOrEqual(Math.min(...costs) + 1e-6);
  });

  it('solves with recombination to a checker-feasible answer at the optimum of a3-18', async () => {
    const highs = await loadHighs();
    const inst = load('a3-18');
    const res = solveDarp(inst, { timeLimitSeconds: 120, maxIterations: 800, seed: 1, highs });
    const check = checkDarp(inst, res.routes);
    expect(check.violations).toEqual([]);
    expect(check.cost).toBeCloseTo(res.cost, 6);
    expect(res.cost).toBeCloseTo(300.48, 2);
  });
});
