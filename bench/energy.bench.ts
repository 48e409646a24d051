/**
 * Energy benchmark (`npm run bench -- energy`), on PGlite and on PostgreSQL: backfill through the
 * product's ingest path beside a bare COPY into the same table in the same run; peak memory while
 * importing a generated CSV file (streaming); live MQTT publish-to-visible-in-rollup latency (a QoS 1
 * PUBACK leaves after the commit that updates the rollups, so publish→PUBACK is that delay); reads
 * from the rollups. Sizes: BENCH_DAYS (backfill rounds, a day each way: 5,973 points × 96 readings),
 * BENCH_IMPORT_ROWS, BENCH_LIVE_SECONDS.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../server/kernel/config.ts';
import { openDatabase, type Database } from '../server/kernel/db/connect.ts';
import { migrate } from '../server/kernel/db/migrate.ts';
import { migrationSources } from '../server/app.ts';
import { createMachineToken } from '../server/kernel/auth/service.ts';
import { SYSTEM_ACTOR } from '../server/kernel/http/access.ts';
import { startTestServer, withDatabase } from '../server/kernel/testing/postgres.ts';
import type { AppContext } from '../server/kernel/module.ts';
import { ingestReadings } from '../server/modules/energy/ingest/pipeline.ts';
import { IMPORT_BATCH_ROWS, importCsvFile } from '../server/modules/energy/ingest/import-file.ts';
import { startIngest } from '../server/modules/energy/ingest/service.ts';
import { seedEnergyHistory } from '../server/modules/energy/simulator/seed.ts';
import { ensurePartitions } from '../server/modules/energy/storage/partitions.ts';
import type { IncomingReading } from '../server/modules/energy/ingest/parse.ts';
import { DataScope } from '../server/kernel/access/scope.ts';
import * as indicators from '../server/modules/energy/indicators/service.ts';
import { machineNote, table } from './lib.ts';

const DAYS = Number(process.env.BENCH_DAYS ?? 2);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 60);
/** readings per ingest call in the backfill: the bulk import's batch unless BENCH_BATCH says otherwise */
const BATCH = Number(process.env.BENCH_BATCH ?? IMPORT_BATCH_ROWS);
/** which parts to run (1 backfill vs COPY, 2 import memory, 3 live MQTT, 4 reads); all by default */
const PARTS = new Set((process.env.BENCH_PARTS ?? '1,2,3,4').split(',').map(Number));
const say = (s: string) => process.stdout.write(`${s}\n`);
const OUT = path.join(path.dirname(new URL(import.meta.url).pathname), 'out');
fs.mkdirSync(OUT, { recursive: true });
const rows: (string | number)[][] & { add?: never } = [];
const push = rows.push.bind(rows);
rows.push = (...r: (string | number)[][]) => {
  for (const x of r) say(`  ${x.join(' | ')}`); // as it goes: a long run still leaves figures
  return push(...r);
};
const pct = (xs: number[], p: number) =>
  xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

interface Pt {
  id: string;
  code: string;
  institution_id: string;
}

async function registry(db: Database['db']): Promise<Pt[]> {
  const j = await sql<{
    id: string;
  }>`insert into org_jurisdiction (code, name, kind) values ('JB', '基准市', 'city') returning id`.execute(
    db,
  );
  const jid = j.rows[0]!.id;
  await sql`insert into energy_institution (code, name, jurisdiction_id, kind)
    select 'BI' || i, '机构' || i, ${jid}, 'organ' from generate_series(1, 760) i`.execute(db);
  await sql`insert into energy_point (code, name, institution_id, jurisdiction_id, energy_type, sub_item, unit)
    select 'BP' || i, '点' || i, (select id from energy_institution where code = 'BI' || (1 + i % 760)), ${jid},
      case when i % 8 < 5 then 'electricity' when i % 8 = 5 then 'water' when i % 8 = 6 then 'gas' else 'heat' end,
      case when i % 8 = 1 then 'hvac' when i % 8 = 2 then 'lighting_sockets' when i % 8 = 3 then 'power' when i % 8 = 4 then 'special' end,
      case when i % 8 < 5 then 'kWh' when i % 8 in (5, 6) then 'm3' else 'GJ' end
    from generate_series(1, 5973) i`.execute(db);
  return (await sql<Pt>`select id, code, institution_id from energy_point order by code`.execute(db)).rows;
}

const time = async (f: () => Promise<unknown>, n = 20) => {
  await f();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  return { p50: pct(xs, 50), p99: pct(xs, 99) };
};

type Kind = 'pglite' | 'postgres';

async function bench(kind: Kind, database: Database, dataDir: string, url?: string) {
  const config = loadConfig({
    GOA_DATA_DIR: dataDir,
    GOA_LOG_LEVEL: 'silent',
    GOA_JOBS: '0',
    GOA_MQTT_PORT: '0',
    GOA_MQTT_HOST: '127.0.0.1',
    ...(url ? { DATABASE_URL: url } : {}),
  });
  const ctx: AppContext = { config, database, db: database.db };
  const tz = config.timeZone;
  await migrate(database.db, migrationSources());
  const points = await registry(database.db);
  const seedT = performance.now();
  await seedEnergyHistory(ctx, () => {});
  // planner statistics, as the demo's first start and the daily maintenance job take them
  await sql`analyze`.execute(database.db);
  rows.push([
    kind,
    'demo history seed (5,973 points)',
    `${((performance.now() - seedT) / 1000).toFixed(1)} s`,
    '',
  ]);
  if (PARTS.has(1)) await backfillVsCopy(kind, database, points, tz, url);
  if (PARTS.has(2)) await importMemory(kind, database, points, tz);
  if (PARTS.has(3)) await live(kind, ctx, database, points);
  if (PARTS.has(4)) await reads(kind, database, points, tz);
}

/**
 * 1. backfill through the ingest path vs a bare COPY, same table, same run: one day through the
 * ingest path, then another day by COPY, for each of BENCH_DAYS rounds — a change of the machine's
 * load during the run weighs on both sides alike
 */
async function backfillVsCopy(kind: Kind, database: Database, points: Pt[], tz: string, url?: string) {
  const day0 = Date.UTC(2026, 8, 1);
  const day1 = day0 + (DAYS + 1) * 86_400_000; // the COPY's days, after the ingest's
  const n = points.length * 96 * DAYS;
  await ensurePartitions(
    database.db,
    new Date(day0 - 86_400_000),
    new Date(day0 + 2 * (DAYS + 1) * 86_400_000),
  );
  const csv = path.join(OUT, `copy-${kind}.csv`);
  let ingestMs = 0;
  let copyMs = 0;
  for (let d = 0; d < DAYS; d++) {
    let t = performance.now();
    let batch: IncomingReading[] = [];
    for (let q = 1; q <= 96; q++) {
      const ts = new Date(day0 + d * 86_400_000 + q * 900_000).toISOString();
      for (const p of points) batch.push({ point: p.code, ts, value: 1000 + (d * 96 + q) * 2.5 });
      if (batch.length >= BATCH) {
        await ingestReadings(database.db, batch, { source: 'import', timeZone: tz });
        batch = [];
      }
    }
    if (batch.length) await ingestReadings(database.db, batch, { source: 'import', timeZone: tz });
    ingestMs += performance.now() - t;
    const fd = fs.openSync(csv, 'w');
    for (let q = 1; q <= 96; q++) {
      const ts = new Date(day1 + d * 86_400_000 + q * 900_000).toISOString();
      let chunk = '';
      // registers above every ingested one: the ingest's later rounds append before these
      for (const p of points)
        chunk += `${p.institution_id},${p.id},${ts},${1000 + ((DAYS + d) * 96 + q) * 2.5},2.5,f\n`;
      fs.writeSync(fd, chunk);
    }
    fs.closeSync(fd);
    t = performance.now();
    if (kind === 'pglite') {
      await database.pglite!.query(`copy energy_reading from '/dev/blob' with (format csv)`, [], {
        blob: new Blob([fs.readFileSync(csv)]),
      });
    } else {
      execFileSync('psql', [url!, '-q', '-c', `\\copy energy_reading from '${csv}' with (format csv)`]);
    }
    copyMs += performance.now() - t;
  }
  fs.rmSync(csv);
  const ingestRate = n / (ingestMs / 1000);
  const copyRate = n / (copyMs / 1000);
  rows.push([
    kind,
    `backfill via ingest path (${n} rows, rollups kept)`,
    `${Math.round(ingestRate)} rows/s`,
    '',
  ]);
  rows.push([kind, `bare COPY into energy_reading (${n} rows)`, `${Math.round(copyRate)} rows/s`, '']);
  rows.push([kind, 'ingest ÷ COPY', `${((100 * ingestRate) / copyRate).toFixed(0)} %`, '≥ 50 %']);
}

/** 2. peak memory importing a generated file (streaming) */
async function importMemory(kind: Kind, database: Database, points: Pt[], tz: string) {
  const day1 = Date.UTC(2026, 8, 1) + (DAYS + 1) * 86_400_000;
  const file = path.join(OUT, 'import.csv');
  const w = fs.openSync(file, 'w');
  fs.writeSync(w, 'point,ts,value\n');
  const day2 = day1 + (DAYS + 2) * 86_400_000;
  for (let i = 0; i < IMPORT_ROWS;) {
    let chunk = '';
    const q = Math.floor(i / points.length) + 1;
    const ts = new Date(day2 + q * 900_000).toISOString();
    for (const p of points) {
      if (i++ >= IMPORT_ROWS) break;
      chunk += `${p.code},${ts},${5000 + q * 1.5}\n`; // above the backfill registers
    }
    fs.writeSync(w, chunk);
  }
  fs.closeSync(w);
  await ensurePartitions(
    database.db,
    new Date(day2),
    new Date(day2 + (IMPORT_ROWS / points.length / 96 + 2) * 86_400_000),
  );
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t = performance.now();
  const imp = await importCsvFile(database.db, file, { timeZone: tz });
  clearInterval(sampler);
  const impS = (performance.now() - t) / 1000;
  fs.rmSync(file);
  rows.push([
    kind,
    `import ${IMPORT_ROWS} rows CSV (${imp.stored} stored)`,
    `${Math.round(IMPORT_ROWS / impS)} rows/s; peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (+${((peak - base) / 2 ** 20).toFixed(0)} over start)`,
    'bounded',
  ]);
}

/** 3. live: 5,973 readings a minute over MQTT QoS 1 (per-point topics, ~100/s), publish → PUBACK */
async function live(kind: Kind, ctx: AppContext, database: Database, points: Pt[]) {
  const token = (
    await createMachineToken(database.db, { name: 'bench', purpose: 'energy.ingest' }, SYSTEM_ACTOR)
  ).token;
  const runtime = await startIngest(ctx);
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${runtime.broker!.port}`, {
    username: 'bench',
    password: token,
    protocolVersion: 4,
  });
  const lat: number[] = [];
  const liveStart = Date.UTC(2026, 10, 20);
  const perSecond = points.length / 60;
  const pending: Promise<void>[] = [];
  const began = performance.now();
  for (let i = 0; i < perSecond * LIVE_SECONDS; i++) {
    const due = began + (i / perSecond) * 1000;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const p = points[i % points.length]!;
    const minute = Math.floor(i / points.length);
    const sent = performance.now();
    pending.push(
      client
        .publishAsync(
          `goa/readings/${p.code}`,
          JSON.stringify({ ts: new Date(liveStart + minute * 60_000).toISOString(), value: 500 + minute }),
          { qos: 1 },
        )
        .then(() => void lat.push(performance.now() - sent)),
    );
  }
  await Promise.all(pending);
  await client.endAsync();
  await runtime.stop();
  rows.push([
    kind,
    `live MQTT ${Math.round(perSecond)} readings/s for ${LIVE_SECONDS} s: publish → visible in rollup`,
    `p50 ${pct(lat, 50).toFixed(0)} ms, p99 ${pct(lat, 99).toFixed(0)} ms`,
    'p99 ≤ 5 s',
  ]);
}

/** 4. reads from the rollups */
async function reads(kind: Kind, database: Database, points: Pt[], tz: string) {
  const month = (
    await sql<{
      m: string;
    }>`select (date_trunc('month', now() at time zone ${tz}::text) - interval '1 month')::date::text as m`.execute(
      database.db,
    )
  ).rows[0]!.m;
  const inst = points[0]!.institution_id;
  const pt = points[0]!;
  const hourDay = (
    await sql<{
      d: string;
    }>`select max(hour)::text as d from energy_rollup_hour where point_id = ${pt.id}`.execute(database.db)
  ).rows[0]!.d;
  // the institution rollups hold a month in the column m<month> of its year's row
  const overview = await time(() =>
    sql`select institution_id, series, ${sql.ref(`m${Number(month.slice(5, 7))}`)} as consumption
        from energy_rollup_institution where year = ${Number(month.slice(0, 4))}`.execute(database.db),
  );
  const curve = await time(() =>
    sql`select hour, consumption from energy_rollup_hour where institution_id = ${pt.institution_id} and point_id = ${pt.id}
        and hour >= date_trunc('day', ${hourDay}::timestamptz at time zone ${tz}::text) at time zone ${tz}::text
        and hour < (date_trunc('day', ${hourDay}::timestamptz at time zone ${tz}::text) + interval '1 day') at time zone ${tz}::text
        order by hour`.execute(database.db),
  );
  const year = await time(() =>
    sql`select month, sum(consumption) from energy_rollup_month where institution_id = ${inst}
        and month >= (${month}::date - interval '11 months') and month <= ${month}::date group by 1 order by 1`.execute(
      database.db,
    ),
  );
  rows.push([
    kind,
    'overview: all institutions × energy type, one month (institution rollups)',
    `p50 ${overview.p50.toFixed(1)} ms, p99 ${overview.p99.toFixed(1)} ms`,
    '≤ 100 ms',
  ]);
  rows.push([
    kind,
    "one point's day curve (hourly)",
    `p50 ${curve.p50.toFixed(1)} ms, p99 ${curve.p99.toFixed(1)} ms`,
    '≤ 20 ms',
  ]);
  rows.push([
    kind,
    "one institution's year by month",
    `p50 ${year.p50.toFixed(1)} ms, p99 ${year.p99.toFixed(1)} ms`,
    '≤ 50 ms',
  ]);
  // the same through the product's services, as the pages call them (the overview page also shows
  // the 13-month trend, the year to date against quotas and the sub-items)
  const scope = DataScope.everything();
  const day = (
    await sql<{
      d: string;
    }>`select to_char(${hourDay}::timestamptz at time zone ${tz}::text, 'YYYY-MM-DD') as d`.execute(
      database.db,
    )
  ).rows[0]!.d;
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const page = await time(() => indicators.overview(database.db, scope, {}, month.slice(0, 7)));
  const pageCurve = await time(() =>
    indicators.pointCurve(database.db, tz, pt.id, 'hour', `${day}T00:00`, `${next}T00:00`),
  );
  const pageYear = await time(() =>
    indicators.institutionIndicators(
      database.db,
      scope,
      inst,
      Number(month.slice(0, 4)),
      `${month.slice(0, 7)}-28`,
    ),
  );
  for (const [what, x, target] of [
    [
      'overview page (service: one month + 13-month trend, year to date, sub-items, ranking)',
      page,
      '≤ 100 ms',
    ],
    ["point curve page (service: one point's day, hourly)", pageCurve, '≤ 20 ms'],
    ['institution page (service: its year and the year before by month, quota)', pageYear, '≤ 50 ms'],
  ] as const)
    rows.push([kind, what, `p50 ${x.p50.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms`, target]);
}

say(`# energy benchmark — ${machineNote()}, load average ${os.loadavg()[0]!.toFixed(1)}`);
say(
  `command: npm run bench -- energy   (BENCH_DAYS=${DAYS}, BENCH_IMPORT_ROWS=${IMPORT_ROWS}, BENCH_LIVE_SECONDS=${LIVE_SECONDS})\n`,
);
const only = process.env.BENCH_DB;
if (only !== 'postgres') {
  const liteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-bench-'));
  const lite = await openDatabase({ dataDir: liteDir });
  await bench('pglite', lite, liteDir);
  await lite.close();
  fs.rmSync(liteDir, { recursive: true, force: true });
}
const server = only === 'pglite' ? null : await startTestServer();
if (server) {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('create database goa_energy_bench');
  await admin.end();
  const url = withDatabase(server.url, 'goa_energy_bench');
  const pgDb = await openDatabase({ databaseUrl: url, poolSize: 10 });
  await bench('postgres', pgDb, fs.mkdtempSync(path.join(os.tmpdir(), 'goa-bench-')), url);
  await pgDb.close();
  server.stop();
}
say(table(['database', 'measure', 'figure', 'target'], rows));
