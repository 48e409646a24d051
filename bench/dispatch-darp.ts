/**
 * DARP benchmark: the 48 Cordeau a/b instances (proven optima, ../shared/benchmarks/darp-cordeau-ab),
 * each solved by the ALNS within DARP_SECONDS (default 60) and verified by the independent checker.
 * Env: DARP_SECONDS, DARP_ITERATIONS (iteration budget, for comparing variants on a loaded machine), DARP_SEED (default 1), DARP_INSTANCES (comma list, default all),
 * DARP_RECOMBINE=0 (no set-partitioning recombination), DARP_DIR (default /work/shared/benchmarks/darp-cordeau-ab).
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkDarp } from '../server/modules/vehicles/dispatch/check/darp.ts';
import { loadHighs, parseDarp, solveDarp } from '../server/modules/vehicles/dispatch/darp/index.ts';

export default async function run(): Promise<void> {
  const dir = process.env.DARP_DIR ?? '/work/shared/benchmarks/darp-cordeau-ab';
  const seconds = Number(process.env.DARP_SECONDS ?? 60);
  const seed = Number(process.env.DARP_SEED ?? 1);
  const maxIterations = process.env.DARP_ITERATIONS ? Number(process.env.DARP_ITERATIONS) : undefined;
  const highs = process.env.DARP_RECOMBINE === '0' ? undefined : await loadHighs();
  const optimum = new Map(
    fs
      .readFileSync(path.join(dir, 'bks.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .map(([name, cost]) => [name!, Number(cost)] as const),
  );
  const wanted = process.env.DARP_INSTANCES?.split(',').filter(Boolean) ?? [...optimum.keys()];
  const rows: string[] = [];
  const gaps: Record<string, number[]> = { a: [], b: [] };
  const times: number[] = [];
  let infeasible = 0;
  for (const name of wanted) {
    const inst = parseDarp(fs.readFileSync(path.join(dir, `${name}.txt`), 'utf8'));
    const res = solveDarp(inst, { timeLimitSeconds: seconds, seed, highs, maxIterations });
    const check = checkDarp(inst, res.routes);
    const best = optimum.get(name)!;
    const gap = (100 * (check.cost - best)) / best;
    if (!check.feasible) infeasible++;
    gaps[name[0]!]!.push(gap);
    times.push(res.seconds);
    const row = `| ${name} | ${best.toFixed(2)} | ${check.cost.toFixed(2)} | ${gap.toFixed(2)} | ${res.routes.length}/${inst.vehicles} | ${res.seconds.toFixed(1)} | ${res.iterations} | ${check.feasible ? 'yes' : 'NO: ' + check.violations[0]} |`;
    rows.push(row);
    process.stderr.write(`${row}\n`);
  }
  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  const out = [
    `DARP a/b: ${wanted.length} instances, ${seconds} s each, seed ${seed}`,
    '',
    '| instance | optimum | cost | gap % | routes/K | seconds | iterations | feasible (checker) |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '| set | instances | average gap % | max gap % | optima reached (gap < 0.005%) |',
    '|---|---|---|---|---|',
    ...(['a', 'b'] as const)
      .filter((s) => gaps[s]!.length)
      .map(
        (s) =>
          `| ${s} | ${gaps[s]!.length} | ${avg(gaps[s]!).toFixed(3)} | ${Math.max(...gaps[s]!).toFixed(2)} | ${gaps[s]!.filter((g) => g < 0.005).length} |`,
      ),
    `| all | ${wanted.length} | ${avg([...gaps.a!, ...gaps.b!]).toFixed(3)} | ${Math.max(...gaps.a!, ...gaps.b!).toFixed(2)} | ${[...gaps.a!, ...gaps.b!].filter((g) => g < 0.005).length} |`,
    '',
    `average seconds per instance: ${avg(times).toFixed(1)}; infeasible: ${infeasible}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
