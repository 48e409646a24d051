/**
 * The lunch cut-off rush (食堂订餐高峰): 1,800 different staff order tomorrow's lunch at the city canteen
 * through POST /api/canteen/orders, each with their own bearer session, paid by one-card — 1,500 dine-in
 * spread over the five staggered slots (300 seats each, exactly full) and 300 deliveries — then 100
 * more try the full slots. Reports orders/s, p50/p99 latency and the over-booked slot count on PGlite
 * and on PostgreSQL. The client runs in the server's process (fetch, keep-alive), so figures are
 * conservative. `npm run bench -- services` runs it with the other services benches.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../server/kernel/config.ts';
import { openDatabase, type Database } from '../server/kernel/db/connect.ts';
import { migrate } from '../server/kernel/db/migrate.ts';
import { buildApp, migrationSources } from '../server/app.ts';
import { seedDemo } from '../server/kernel/demo/index.ts';
import { hashSecret, newSecret } from '../server/kernel/auth/tokens.ts';
import { startTestServer, withDatabase } from '../server/kernel/testing/postgres.ts';
import { addDays, localDay } from '../server/modules/canteen/clock.ts';
import { machineNote, table } from './lib.ts';

const ORDERS = 1800;
const EXTRA = 50;
const CONCURRENCY = Number(process.env.BENCH_CONNECTIONS ?? 32);
const say = (s: string) => process.stdout.write(`${s}\n`);

interface RushResult {
  kind: string;
  placed: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  refusedExtra: number;
  overbooked: number;
  maxBooked: string;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

/** Sessions for `n` card holders of the city (accounts made here; no password sign-in needed). */
async function sessions(database: Database, n: number): Promise<{ personId: string; token: string }[]> {
  const people = await sql<{ id: string }>`
    select a.person_id as id from card_account a
      join org_jurisdiction j on j.id = a.jurisdiction_id and j.kind = 'city'
     where a.status = 'active' and not exists (select 1 from auth_account x where x.person_id = a.person_id)
     order by a.person_id limit ${n}`.execute(database.db);
  const out: { personId: string; token: string }[] = [];
  const rows = people.rows.map((p, i) => {
    const token = newSecret('goa');
    out.push({ personId: p.id, token });
    return {
      person: p.id,
      username: `rush${i}`,
      hash: hashSecret(token),
      csrf: crypto.randomBytes(12).toString('hex'),
    };
  });
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await sql`
      with acc as (
        insert into auth_account (username, display_name, person_id, password_hash)
        select u, u, p::uuid, '!' from unnest(${chunk.map((r) => r.username)}::text[], ${chunk.map((r) => r.person)}::text[]) as t(u, p)
        returning id, person_id
      ), ins as (
        insert into auth_session (token_hash, account_id, csrf_token, kind, expires_at)
        select t.h, acc.id, t.c, 'bearer', now() + interval '2 hours'
          from unnest(${chunk.map((r) => r.person)}::text[], ${chunk.map((r) => r.hash)}::text[], ${chunk.map((r) => r.csrf)}::text[]) as t(p, h, c)
          join acc on acc.person_id = t.p::uuid
        returning account_id
      )
      insert into auth_role_assignment (account_id, role, scope_kind) select account_id, 'staff', 'self' from ins`.execute(
      database.db,
    );
  }
  return out;
}

async function rush(kind: string, database: Database, dataDir: string): Promise<RushResult> {
  const config = loadConfig({ GOA_DATA_DIR: dataDir, GOA_LOG_LEVEL: 'silent', GOA_JOBS: '0' });
  const ctx = { config, database, db: database.db };
  await migrate(database.db, migrationSources());
  await seedDemo(ctx, () => {});
  const app = await buildApp(ctx, { web: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const day = addDays(localDay(new Date(), config.timeZone), 1);
  const point = await database.db
    .selectFrom('canteen_point as p')
    .innerJoin('org_jurisdiction as j', 'j.id', 'p.jurisdiction_id')
    .select('p.id')
    .where('j.kind', '=', 'city')
    .executeTakeFirstOrThrow();
  const slots = await database.db
    .selectFrom('canteen_slot')
    .select(['id', 'capacity'])
    .where('point_id', '=', point.id)
    .orderBy('starts')
    .execute();
  const menu = await database.db
    .selectFrom('canteen_menu as m')
    .innerJoin('canteen_menu_item as i', 'i.menu_id', 'm.id')
    .innerJoin('canteen_dish as d', 'd.id', 'i.dish_id')
    .select(['d.id', 'd.category'])
    .where('m.point_id', '=', point.id)
    .where('m.day', '=', day)
    .execute();
  const sets = menu.filter((d) => d.category === 'set').map((d) => d.id);
  const extras = menu.filter((d) => d.category !== 'set').map((d) => d.id);
  const seats = slots.reduce((s, x) => s + x.capacity, 0);
  const users = await sessions(database, ORDERS + EXTRA);
  const body = (i: number) => {
    const items = [{ dishId: sets[i % sets.length]!, qty: 1 }];
    if (i % 3 === 0 && extras.length) items.push({ dishId: extras[i % extras.length]!, qty: 1 });
    const dineIn = i < seats || i >= ORDERS;
    return JSON.stringify(
      dineIn
        ? {
            pointId: point.id,
            day,
            meal: 'lunch',
            mode: 'dine_in',
            slotId: slots[i % slots.length]!.id,
            items,
          }
        : {
            pointId: point.id,
            day,
            meal: 'lunch',
            mode: 'delivery',
            building: `${1 + (i % 8)}号楼`,
            floor: 2 + (i % 10),
            items,
          },
    );
  };
  const post = async (i: number) => {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/canteen/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${users[i]!.token}` },
      body: body(i),
    });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - t0 };
  };
  const run = async (from: number, to: number) => {
    const out: { status: number; ms: number }[] = [];
    let next = from;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < to) out.push(await post(next++));
      }),
    );
    return out;
  };
  const started = performance.now();
  const main = await run(0, ORDERS);
  const seconds = (performance.now() - started) / 1000;
  const extra = await run(ORDERS, ORDERS + EXTRA);
  const lat = main.map((r) => r.ms).sort((a, b) => a - b);
  const over = await sql<{ n: number; max: string }>`
    select count(*) filter (where booked > capacity)::int as n, coalesce(max(booked || '/' || capacity), '-') as max
      from canteen_slot_day where day = ${day}::date`.execute(database.db);
  const bad = main.filter((r) => r.status !== 201);
  if (bad.length) say(`${kind}: ${bad.length} rush orders were not placed (first status ${bad[0]?.status})`);
  await app.close();
  return {
    kind,
    placed: main.length - bad.length,
    seconds,
    rps: Math.round((main.length / seconds) * 10) / 10,
    p50: Math.round(pct(lat, 50)),
    p99: Math.round(pct(lat, 99)),
    refusedExtra: extra.filter((r) => r.status === 409).length,
    overbooked: over.rows[0]?.n ?? -1,
    maxBooked: over.rows[0]?.max ?? '-',
  };
}

export default async function run(): Promise<void> {
  say(`# services-canteen: the lunch cut-off rush — ${machineNote()}`);
  say(
    `${ORDERS} orders by ${ORDERS} users (bearer sessions), ${CONCURRENCY} in flight; then ${EXTRA} more into full slots\n`,
  );
  const results: RushResult[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-bench-canteen-'));
  const only = process.env.BENCH_DB; // 'pglite' or 'postgres' to run one of them
  if (only !== 'postgres') {
    const lite = await openDatabase({ dataDir: dir });
    results.push(await rush('PGlite', lite, dir));
    await lite.close();
  }
  const server = only === 'pglite' ? null : await startTestServer();
  if (server) {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('create database goa_bench_canteen');
    await admin.end();
    const pgDb = await openDatabase({
      databaseUrl: withDatabase(server.url, 'goa_bench_canteen'),
      poolSize: 10,
    });
    results.push(await rush('PostgreSQL', pgDb, dir));
    await pgDb.close();
    server.stop();
  } else say('PostgreSQL not found: PostgreSQL row skipped');
  fs.rmSync(dir, { recursive: true, force: true });
  say(
    table(
      [
        'database',
        'orders placed',
        'time (s)',
        'orders/s',
        'p50 (ms)',
        'p99 (ms)',
        'extra refused (409)',
        'over-booked slots',
        'fullest slot',
      ],
      results.map((r) => [
        r.kind,
        r.placed,
        r.seconds.toFixed(1),
        r.rps,
        r.p50,
        r.p99,
        `${r.refusedExtra}/${EXTRA}`,
        r.overbooked,
        r.maxBooked,
      ]),
    ),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname))
  await run();
