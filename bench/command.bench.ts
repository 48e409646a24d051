/**
 * `npm run bench -- command`: the vehicles command view's board query (issue 3, item 9) at demo scale
 * on PGlite: the demo city (300 vehicles, its seeded positions), then with 1,000,000 more positions
 * (300 vehicles × ~3,300 reports, 9 hours at 10 s), the board (last position per vehicle by a LATERAL
 * probe of veh_position_vehicle, current trip, counts) for the city and for one district, beside a
 * DISTINCT ON formulation of the last positions, and one track of a vehicle's day.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../server/kernel/config.ts';
import { openDatabase } from '../server/kernel/db/connect.ts';
import { migrate } from '../server/kernel/db/migrate.ts';
import { DataScope } from '../server/kernel/access/scope.ts';
import { migrationSources } from '../server/app.ts';
import { seedDemo } from '../server/kernel/demo/index.ts';
import { board } from '../server/modules/vehicles/command/board.ts';
import { vehicleTrack } from '../server/modules/vehicles/command/track.ts';
import { machineNote, table } from './lib.ts';

const say = (s: string) => process.stdout.write(`${s}\n`);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]! * 10) / 10;
  return { p50: at(0.5), p95: at(0.95) };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-bench-command-'));
try {
  const config = loadConfig({ GOA_DATA_DIR: dataDir, GOA_LOG_LEVEL: 'silent', GOA_JOBS: '0' });
  const database = await openDatabase({ dataDir });
  const ctx = { config, database, db: database.db };
  await migrate(database.db, migrationSources());
  await seedDemo(ctx, () => {});
  const db = database.db;
  const wujin = (
    await db.selectFrom('org_jurisdiction').select('id').where('code', '=', 'CZ-WJ').executeTakeFirstOrThrow()
  ).id;
  const city = DataScope.everything();
  const district = new DataScope(false, [wujin], [], null);
  const someVehicle = (
    await db
      .selectFrom('veh_vehicle')
      .select('id')
      .where('jurisdiction_id', '=', wujin)
      .executeTakeFirstOrThrow()
  ).id;
  const distinctOn = () =>
    sql`select distinct on (vehicle_id) vehicle_id, at, lon, lat from veh_position order by vehicle_id, at desc`.execute(
      db,
    );

  const rows: (string | number)[][] = [];
  const measure = async (label: string) => {
    const n = (await sql<{ n: number }>`select count(*)::int n from veh_position`.execute(db)).rows[0]!.n;
    const b = await board(db, city, 10);
    const c = await time(() => board(db, city, 10));
    const d = await time(() => board(db, district, 10));
    const x = await time(distinctOn);
    const now = Date.now();
    const tr = await time(() =>
      vehicleTrack(db, someVehicle, new Date(now - 12 * 3_600_000), new Date(now), 1500),
    );
    rows.push([
      label,
      n,
      b.vehicles.length,
      `${c.p50} / ${c.p95}`,
      `${d.p50} / ${d.p95}`,
      `${x.p50} / ${x.p95}`,
      `${tr.p50} / ${tr.p95}`,
    ]);
  };
  await measure('demo');
  const t0 = performance.now();
  await sql`
    insert into veh_position (vehicle_id, at, lon, lat, speed_kmh, source)
    select v.id, now() - make_interval(secs => 10 * g), 119.9 + (g % 100) * 0.001, 31.75 + (g % 77) * 0.001, 30, 'gps'
    from (select id from veh_vehicle order by plate limit 300) v, generate_series(1, 3334) g`.execute(db);
  const inserted = Math.round(performance.now() - t0);
  await sql`analyze veh_position`.execute(db);
  await measure('demo + 1,000,000');
  say(`## command — the live board query (issue 3, vehicles-command)\n`);
  say(
    `Command: \`npm run bench -- command\` (PGlite, ${RUNS} runs each, ms p50 / p95). Machine: ${machineNote()}.`,
  );
  say(`Inserting the extra 1,000,000 positions took ${inserted} ms.\n`);
  say(
    table(
      [
        'positions',
        'rows',
        'vehicles',
        'board, city (LATERAL)',
        'board, one district',
        'DISTINCT ON last positions only',
        'track of a vehicle, 12 h',
      ],
      rows,
    ),
  );
  await database.close();
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
