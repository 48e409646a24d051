import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDarp } from '../check/darp.ts';
import { parseDarp, solveDarp, solveDarpText } from './index.ts';

const dir = '/work/shared/benchmarks/darp-cordeau-ab';
const optimum = new Map(
  fs
    .readFileSync(path.join(dir, 'bks.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .map(([name, cost]) => [name!, Number(cost)]),
);
const load = (name: string) => parseDarp(fs.readFileSync(path.join(dir, `${name}.txt`), 'utf8'));
const budget = { timeLimitSeconds: 120, maxIterations: 1500 };

describe('DARP solver on Cordeau a/b instances (proven optima, Ho et al. 2018)', () => {
  it.each(['a4-16', 'a3-18', 'a2-20'])('reaches the optimum of %s (feasible by the checker)', (name) => {
    const inst = load(name);
    const res = solveDarp(inst, { ...budget, seed: 1 });
    const check = checkDarp(inst, res.routes);
    expect(check.violations).toEqual([]);
    expect(check.cost).toBeCloseTo(res.cost, 6);
    expect(res.cost).toBeCloseTo(optimum.get(name)!, 2); // |Δ| < 0.005: the optimum printed with 2 decimals
  });

  it.each(['b2-16', 'b4-16'])('comes within 0.5%% of the optimum of %s', (name) => {
    const inst = load(name);
    const res = solveDarp(inst, { ...budget, seed: 1 });
    expect(checkDarp(inst, res.routes).feasible).toBe(true);
    expect(res.cost / optimum.get(name)!).toBeLessThan(1.005);
  });

  it('gives the same answer for the same seed and iteration budget', async () => {
    const text = fs.readFileSync(path.join(dir, 'b3-18.txt'), 'utf8');
    const a = await solveDarpText(text, { timeLimitSeconds: 120, maxIterations: 300, seed: 7 });
    const b = await solveDarpText(text, { timeLimitSeconds: 120, maxIterations: 300, seed: 7 });
    expect(b.routes).toEqual(a.routes);
    expect(b.cost).toBe(a.cost);
    for (const r of a.routes) {
      expect(r[0]).toBe(0);
      expect(r.at(-1)).toBe(37);
    }
  });

  it('rejects a malformed file', async () => {
    await expect(solveDarpText('2 16', { timeLimitSeconds: 1, seed: 1 })).rejects.toThrow(/header/);
  });
});
