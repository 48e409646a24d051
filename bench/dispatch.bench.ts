/**
 * `npm run bench -- dispatch`: the dispatch solvers on published benchmarks.
 * MDVSP: Pepin et al. m4n500s0–s4 (proven optima) with a 60 s limit each, every answer verified by the
 * independent checker; figures are vehicles vs the minimum fleet and the operational-cost gap
 * (cost − 10,000 × vehicles) to the optimum's. Then every `bench/dispatch-*.ts` part file (each
 * default-exports `async function run()`) runs in name order, so one command gives all dispatch figures.
 *
 * Settings (environment): BENCH_MDVSP_SECONDS (default 60), BENCH_MDVSP_INSTANCES (comma list),
 * BENCH_MDVSP_SEED (default 1), GOA_BENCHMARKS (the shared benchmarks folder), BENCH_DISPATCH_PARTS=0 to
 * skip the part files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkMdvsp } from '../server/modules/vehicles/dispatch/check/mdvsp.ts';
import {
  parseMdvsp,
  solveMdvsp,
  VEHICLE_FIXED_COST,
} from '../server/modules/vehicles/dispatch/mdvsp/index.ts';
import { machineNote, table } from './lib.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

function benchmarksDir(): string {
  const candidates = [
    process.env.GOA_BENCHMARKS,
    path.resolve(here, '../../shared/benchmarks'),
    path.resolve(here, '../../../shared/benchmarks'),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => fs.existsSync(path.join(p, 'mdvsp-pepin')));
  if (!found)
    throw new Error(`benchmarks folder not found (tried ${candidates.join(', ')}); set GOA_BENCHMARKS`);
  return found;
}

interface Bks {
  cost: number;
  vehicles: number;
  operational: number;
  status: string;
}

function readBks(dir: string): Map<string, Bks> {
  const lines = fs.readFileSync(path.join(dir, 'bks_detail.csv'), 'utf8').trim().split('\n');
  const head = (lines[0] ?? '').split(',');
  const col = (name: string) => head.indexOf(name);
  const out = new Map<string, Bks>();
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    out.set(f[col('instance')] as string, {
      cost: Number(f[col('bks_cost')]),
      vehicles: Number(f[col('min_vehicles')]),
      operational: Number(f[col('operational_cost_if_min_fleet')]),
      status: f[col('bks_status')] as string,
    });
  }
  return out;
}

async function mdvsp(): Promise<void> {
  const dir = path.join(benchmarksDir(), 'mdvsp-pepin');
  const bks = readBks(dir);
  const seconds = Number(process.env.BENCH_MDVSP_SECONDS ?? 60);
  const seed = Number(process.env.BENCH_MDVSP_SEED ?? 1);
  const names = (process.env.BENCH_MDVSP_INSTANCES ?? 'm4n500s0,m4n500s1,m4n500s2,m4n500s3,m4n500s4').split(
    ',',
  );
  console.log(`## Dispatch — MDVSP (time limit ${seconds} s, seed ${seed})\n`);
  console.log(`Machine: ${machineNote()}, load average at start ${os.loadavg()[0]?.toFixed(1)}\n`);
  const rows: (string | number)[][] = [];
  const gaps: number[] = [];
  for (const name of names) {
    const best = bks.get(name);
    if (!best) throw new Error(`no BKS for ${name}`);
    const inst = parseMdvsp(fs.readFileSync(path.join(dir, `${name}.inp`), 'utf8'));
    const started = Date.now();
    const cpu = process.cpuUsage();
    const s = await solveMdvsp(inst, {
      timeLimitSeconds: seconds,
      seed,
      log: (line) => process.stderr.write(`  ${name} ${line}\n`),
    });
    const wall = (Date.now() - started) / 1000;
    const cpuSeconds = process.cpuUsage(cpu).user / 1e6;
    const check = checkMdvsp(inst, { blocks: s.blocks, cost: s.cost, vehicles: s.vehicles });
    const gap = ((check.operationalCost - best.operational) / best.operational) * 100;
    gaps.push(gap);
    const boundGap =
      s.lowerBound === null
        ? '-'
        : `${(((check.cost - s.lowerBound) / (s.lowerBound - VEHICLE_FIXED_COST * check.vehicles)) * 100).toFixed(3)}`;
    rows.push([
      name,
      check.feasible ? 'yes' : `NO: ${check.violations.slice(0, 2).join('; ')}`,
      `${check.vehicles} / ${best.vehicles}`,
      check.cost,
      best.cost,
      check.operationalCost,
      best.operational,
      gap.toFixed(3),
      boundGap,
      s.provenOptimal ? 'yes' : 'no',
      wall.toFixed(1),
      cpuSeconds.toFixed(1),
    ]);
  }
  console.log(
    table(
      [
        'instance',
        'feasible (checker)',
        'vehicles / min',
        'cost',
        'optimum',
        'operational cost',
        'optimum op.',
        'op. gap %',
        'op. gap to LP bound %',
        'proven',
        'seconds',
        'CPU s',
      ],
      rows,
    ),
  );
  const mean = gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length);
  console.log(`\nMean operational-cost gap: ${mean.toFixed(3)}% (max ${Math.max(...gaps).toFixed(3)}%)\n`);
}

async function parts(): Promise<void> {
  if (process.env.BENCH_DISPATCH_PARTS === '0') return;
  const files = fs
    .readdirSync(here)
    .filter((f) => /^dispatch-.+\.ts$/.test(f) && !f.endsWith('.test.ts'))
    .sort();
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(here, file)).href)) as {
      default?: () => Promise<void>;
    };
    if (typeof mod.default !== 'function')
      throw new Error(`${file} must default-export async function run()`);
    console.log(`\n<!-- ${file} -->\n`);
    await mod.default();
  }
}

await mdvsp();
await parts();
