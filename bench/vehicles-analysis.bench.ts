/**
 * `npm run bench -- vehicles-analysis`: the vehicle analysis queries over the demo's half year of trips
 * on PGlite (a fresh embedded database: the demo organisation and the vehicles demo, then supervision's
 * demo, timed on its own). Each breakdown (jurisdiction, unit, vehicle, category) over the last 182 days
 * runs BENCH_RUNS times (default 7) for the city and for one district; figures are median and slowest.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { DataScope } from '../server/kernel/access/scope.ts';
import { loadConfig } from '../server/kernel/config.ts';
import { seedDemoOrganisation } from '../server/kernel/demo/seed.ts';
import { openPlatform } from '../server/platform.ts';
import { analyse, DIMENSIONS } from '../server/modules/vehicles/analysis/service.ts';
import { seedVehicles } from '../server/modules/vehicles/demo/seed.ts';
import { seedSupervision, supervisionConfig } from '../server/modules/vehicles/supervision/index.ts';
import { dateIn } from '../server/modules/vehicles/shared.ts';
import { machineNote, table } from './lib.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const say = (s: string) => process.stdout.write(`${s}\n`);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-bench-veh-'));
const env: Record<string, string | undefined> = {
  ...process.env,
  GOA_DATA_DIR: dataDir,
  GOA_LOG_LEVEL: 'silent',
};
delete env.DATABASE_URL; // the embedded database
const config = loadConfig(env);
const ctx = await openPlatform(config);
try {
  await seedDemoOrganisation(ctx.db, () => {});
  await seedVehicles(ctx, () => {});
  let t0 = performance.now();
  await seedSupervision(ctx, say);
  const seedMs = performance.now() - t0;
  const trips = await sql<{ n: number; km: number }>`
    select count(*)::int n, coalesce(sum(km), 0)::int km from veh_trip where status = 'finished'`.execute(
    ctx.db,
  );
  say(
    `demo: ${trips.rows[0]?.n} finished trips, ${trips.rows[0]?.km} km; supervision seed ${seedMs.toFixed(0)} ms`,
  );
  const cfg = supervisionConfig(config);
  const settings = { costPerKmFen: cfg.costPerKmFen, dutyHours: cfg.dutyHours };
  const to = dateIn(new Date(), config.timeZone);
  const from = dateIn(new Date(Date.now() - 182 * 86_400_000), config.timeZone);
  const wj = await ctx.db
    .selectFrom('org_jurisdiction')
    .select('id')
    .where('code', '=', 'CZ-WJ')
    .executeTakeFirstOrThrow();
  const scopes = {
    city: DataScope.everything(),
    district: DataScope.forPermission(
      [{ role: 'district_admin', scopeKind: 'jurisdiction', jurisdictionId: wj.id, unitId: null }],
      'vehicles.analysis',
      null,
    ),
  };
  const rows: (string | number)[][] = [];
  for (const [who, scope] of Object.entries(scopes)) {
    for (const dimension of DIMENSIONS) {
      const ms: number[] = [];
      let n = 0;
      for (let i = 0; i < RUNS; i++) {
        t0 = performance.now();
        const a = await analyse(ctx, scope, settings, { from, to, dimension });
        ms.push(performance.now() - t0);
        n = a.rows.length;
      }
      ms.sort((a, b) => a - b);
      rows.push([
        who,
        dimension,
        n,
        ms[Math.floor(ms.length / 2)]!.toFixed(0),
        ms[ms.length - 1]!.toFixed(0),
      ]);
      say(`  ${rows.at(-1)!.join(' | ')}`);
    }
  }
  say('');
  say(`PGlite, ${from} – ${to}, ${RUNS} runs each; ${machineNote()}`);
  say(table(['scope', 'breakdown', 'rows', 'median ms', 'slowest ms'], rows));
} finally {
  await ctx.database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
