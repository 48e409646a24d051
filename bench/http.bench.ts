/**
 * HTTP kernel benchmark: /api/health, an authenticated list with scope filtering and an authenticated
 * write with its audit record — each beside a bare Fastify route doing the same single query on the
 * same database in the same run — on PGlite and on PostgreSQL. Also first start with the demo city
 * and warm restart time of `goa serve`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../server/kernel/config.ts';
import { openDatabase, type Database } from '../server/kernel/db/connect.ts';
import { migrate } from '../server/kernel/db/migrate.ts';
import { buildApp, migrationSources } from '../server/app.ts';
import { seedDemo } from '../server/kernel/demo/index.ts';
import { startTestServer, withDatabase } from '../server/kernel/testing/postgres.ts';
import { load, machineNote, table, type LoadResult } from './lib.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const say = (s: string) => process.stdout.write(`${s}\n`);

async function benchDatabase(
  kind: 'pglite' | 'postgres',
  database: Database,
  dataDir: string,
): Promise<LoadResult[]> {
  const config = loadConfig({ GOA_DATA_DIR: dataDir, GOA_LOG_LEVEL: 'silent', GOA_JOBS: '0' });
  const ctx = { config, database, db: database.db };
  await migrate(database.db, migrationSources());
  await seedDemo(ctx, () => {});
  const app = await buildApp(ctx, { web: false });
  const goaUrl = await app.listen({ port: 0, host: '127.0.0.1' });

  // the district admin of 武进区: a jurisdiction-scoped list
  const login = await fetch(`${goaUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'wujin_admin', password: 'demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  const me = (await (await fetch(`${goaUrl}/api/auth/me`, { headers: auth })).json()) as {
    jurisdictionId: string;
  };
  const target = await database.db
    .selectFrom('org_person')
    .select(['id'])
    .where('jurisdiction_id', '=', me.jurisdictionId)
    .orderBy('employee_no')
    .executeTakeFirstOrThrow();

  // the bare baseline: no plugins, no auth, the same single query
  const bare = Fastify();
  bare.get('/health', async () => ({ status: 'ok', db: kind }));
  bare.get('/people', async () => {
    const items = await database.db
      .selectFrom('org_person')
      .selectAll()
      .where('jurisdiction_id', '=', me.jurisdictionId)
      .orderBy('name')
      .limit(20)
      .execute();
    return { items };
  });
  let n = 0;
  bare.patch('/people', async () => {
    await database.db
      .updateTable('org_person')
      .set({ phone: `1390000${String(n++ % 10000).padStart(4, '0')}` })
      .where('id', '=', target.id)
      .execute();
    return { ok: true };
  });
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

  const phones = Array.from({ length: 64 }, (_, i) =>
    JSON.stringify({ phone: `139000${String(i).padStart(5, '0')}` }),
  );
  const results: LoadResult[] = [];
  const cases = [
    { name: 'health: goa', url: `${goaUrl}/api/health` },
    { name: 'health: bare', url: `${bareUrl}/health` },
    { name: 'scoped list: goa', url: `${goaUrl}/api/org/people?pageSize=20&sort=name`, headers: auth },
    { name: 'scoped list: bare', url: `${bareUrl}/people` },
    {
      name: 'write + audit: goa',
      url: `${goaUrl}/api/org/people/${target.id}`,
      method: 'PATCH' as const,
      headers: auth,
      bodies: phones,
    },
    { name: 'write: bare', url: `${bareUrl}/people`, method: 'PATCH' as const, bodies: phones },
  ];
  for (const c of cases) {
    const r = await load({ ...c, seconds });
    if (r.non2xx > 0 || r.errors > 0) say(`  warning: ${c.name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    results.push({ ...r, name: `${kind} ${r.name}` });
  }
  await app.close();
  await bare.close();
  return results;
}

async function waitForHealth(url: string, child: ReturnType<typeof spawn>): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`goa serve exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function timeStart(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/goa.mjs', 'serve'], {
    env: { ...process.env, GOA_DATA_DIR: dataDir, PORT: String(port), GOA_LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  await waitForHealth(`http://127.0.0.1:${port}`, child);
  const ms = performance.now() - started;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return ms;
}

say(`# http benchmark — ${machineNote()}`);
say(`command: npm run bench -- http   (BENCH_SECONDS=${seconds}, 8 connections)\n`);
const rows: LoadResult[] = [];

const liteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-bench-'));
const lite = await openDatabase({ dataDir: liteDir });
rows.push(...(await benchDatabase('pglite', lite, liteDir)));
await lite.close();

const server = await startTestServer();
if (server) {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('create database goa_bench');
  await admin.end();
  const pgDb = await openDatabase({ databaseUrl: withDatabase(server.url, 'goa_bench'), poolSize: 10 });
  rows.push(...(await benchDatabase('postgres', pgDb, liteDir)));
  await sql`select 1`.execute(pgDb.db);
  await pgDb.close();
  server.stop();
} else {
  say('PostgreSQL not found: PostgreSQL rows skipped');
}

const ratio = (goa: string, bare: string) => {
  const a = rows.find((r) => r.name === goa);
  const b = rows.find((r) => r.name === bare);
  return a && b ? (a.rps / b.rps).toFixed(2) : '—';
};
say(
  table(
    ['case', 'req/s', 'p50 ms', 'p99 ms', 'goa/bare'],
    rows.map((r) => {
      const bareName = r.name.replace(': goa', ': bare').replace('write + audit: bare', 'write: bare');
      return [r.name, r.rps, r.p50, r.p99, r.name.endsWith(': goa') ? ratio(r.name, bareName) : ''];
    }),
  ),
);

const startDir = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-start-'));
const first = await timeStart(startDir, 3917);
const warm = await timeStart(startDir, 3917);
say('');
say(
  table(
    ['start', 'seconds'],
    [
      ['first start (migrate + demo city, web already built)', (first / 1000).toFixed(1)],
      ['warm restart', (warm / 1000).toFixed(1)],
    ],
  ),
);
fs.rmSync(startDir, { recursive: true, force: true });
fs.rmSync(liteDir, { recursive: true, force: true });
