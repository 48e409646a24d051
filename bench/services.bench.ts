/**
 * Services benchmark (issue 4). Meeting rooms: creating a booking through the public API
 * (`POST /api/meeting-rooms/:roomId/bookings` as a staff member with a bearer token: conflict check by
 * the exclusion constraint, audit record) beside a bare Fastify route doing one INSERT into the same
 * table on the same database, in the same process and run — on PGlite and on PostgreSQL. Every request
 * books a fresh 5-minute slot, so the figures are for successful bookings (201), not refusals.
 *
 * Then every part file bench/services-*.ts (e.g. services-canteen.ts) is imported and its default
 * export `run(): Promise<void>` awaited, so `npm run bench -- services` covers all self-service modules.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import pg from 'pg';
import { loadConfig } from '../server/kernel/config.ts';
import { openDatabase, type Database } from '../server/kernel/db/connect.ts';
import { migrate } from '../server/kernel/db/migrate.ts';
import { buildApp, migrationSources } from '../server/app.ts';
import { seedDemo } from '../server/kernel/demo/index.ts';
import { startTestServer, withDatabase } from '../server/kernel/testing/postgres.ts';
import { machineNote, table } from './lib.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
const say = (s: string) => process.stdout.write(`${s}\n`);

interface Result {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  conflicts: number;
  other: number;
}

/**
 * A closed-loop load generator in a worker thread (off the server's event loop): `connections` loops
 * over keep-alive sockets, each request booking the next free slot (a shared counter), so no two
 * requests ever ask for the same time. autocannon repeats fixed bodies per connection, which would
 * turn every request after the first round into a 409.
 */
const WORKER = `
const { parentPort, workerData: w } = require('node:worker_threads');
const http = require('node:http');
const u = new URL(w.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: w.connections });
let next = 0, ok = 0, conflicts = 0, other = 0;
const lat = [];
const deadline = Date.now() + w.seconds * 1000;
function one() {
  return new Promise((resolve) => {
    const s = new Date(w.base + next++ * w.slotMs);
    const body = JSON.stringify({ start: s.toISOString(), end: new Date(s.getTime() + w.slotMs).toISOString(), title: w.title });
    const t0 = performance.now();
    const req = http.request({ hostname: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent,
      headers: { ...w.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => {
        lat.push(performance.now() - t0);
        if (res.statusCode === 201) ok++; else if (res.statusCode === 409) conflicts++; else other++;
        resolve();
      });
    });
    req.on('error', () => { other++; resolve(); });
    req.end(body);
  });
}
async function loop() { while (Date.now() < deadline) await one(); }
Promise.all(Array.from({ length: w.connections }, loop)).then(() => {
  lat.sort((a, b) => a - b);
  const q = (p) => lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] : 0;
  agent.destroy();
  parentPort.postMessage({ requests: lat.length, rps: lat.length / w.seconds, p50: q(0.5), p99: q(0.99), ok, conflicts, other });
});
`;

function drive(opts: {
  name: string;
  url: string;
  headers?: Record<string, string>;
  base: number;
  seconds: number;
}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        ...opts,
        headers: opts.headers ?? {},
        connections,
        slotMs: 5 * 60_000,
        title: '压测会议',
      },
    });
    worker.once('message', (m: Omit<Result, 'name'>) => {
      resolve({
        name: opts.name,
        ...m,
        rps: Math.round(m.rps),
        p50: +m.p50.toFixed(1),
        p99: +m.p99.toFixed(1),
      });
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function benchRooms(
  kind: 'pglite' | 'postgres',
  database: Database,
  dataDir: string,
): Promise<Result[]> {
  const config = loadConfig({ GOA_DATA_DIR: dataDir, GOA_LOG_LEVEL: 'silent', GOA_JOBS: '0' });
  const ctx = { config, database, db: database.db };
  await migrate(database.db, migrationSources());
  await seedDemo(ctx, () => {});
  const app = await buildApp(ctx, { web: false });
  const goaUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${goaUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'staff', password: 'demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  const rooms = await database.db
    .selectFrom('meeting_room')
    .select('id')
    .where('policy', '=', 'all')
    .orderBy('code')
    .limit(3)
    .execute();
  const [goaRoom, bareRoom, warmRoom] = rooms.map((r) => r.id);

  const bare = Fastify();
  bare.post('/bookings', async (req, reply) => {
    const b = req.body as { start: string; end: string; title: string };
    await database.db
      .insertInto('room_booking')
      .values({
        room_id: bareRoom!,
        title: b.title,
        starts_at: b.start,
        ends_at: b.end,
        organizer_name: 'bench',
      })
      .execute();
    return reply.status(201).send({ ok: true });
  });
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

  // from a month ahead: clear of the demo's week of bookings; each case its own room
  const base = new Date(Date.now() + 30 * 86_400_000);
  base.setUTCHours(0, 0, 0, 0);
  const auth = { authorization: `Bearer ${token}` };
  await drive({
    name: 'warm-up',
    url: `${goaUrl}/api/meeting-rooms/${warmRoom}/bookings`,
    headers: auth,
    base: base.getTime(),
    seconds: 2,
  });
  const results: Result[] = [];
  results.push(
    await drive({
      name: `${kind} book a room: goa`,
      url: `${goaUrl}/api/meeting-rooms/${goaRoom}/bookings`,
      headers: auth,
      base: base.getTime(),
      seconds,
    }),
  );
  results.push(
    await drive({ name: `${kind} insert: bare`, url: `${bareUrl}/bookings`, base: base.getTime(), seconds }),
  );
  for (const r of results) {
    if (r.other > 0 || r.conflicts > 0)
      say(`  warning: ${r.name}: ${r.conflicts} conflicts, ${r.other} other`);
  }
  await app.close();
  await bare.close();
  return results;
}

say(`# services benchmark — ${machineNote()}`);
say(`command: npm run bench -- services   (BENCH_SECONDS=${seconds}, ${connections} connections)\n`);
const rows: Result[] = [];
const liteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-bench-'));
const only = process.env.BENCH_DB; // 'pglite' or 'postgres' to run one of them
if (only !== 'postgres') {
  const lite = await openDatabase({ dataDir: liteDir });
  rows.push(...(await benchRooms('pglite', lite, liteDir)));
  await lite.close();
}

const server = only === 'pglite' ? null : await startTestServer();
if (server) {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('create database goa_bench_services');
  await admin.end();
  const pgDb = await openDatabase({
    databaseUrl: withDatabase(server.url, 'goa_bench_services'),
    poolSize: 10,
  });
  rows.push(...(await benchRooms('postgres', pgDb, liteDir)));
  await pgDb.close();
  server.stop();
} else {
  say('PostgreSQL not found: PostgreSQL rows skipped');
}
fs.rmSync(liteDir, { recursive: true, force: true });

say(
  table(
    ['case', 'req/s', 'p50 ms', 'p99 ms', '201', 'goa/bare'],
    rows.map((r) => {
      const bareRow = rows.find((x) => x.name === r.name.replace('book a room: goa', 'insert: bare'));
      const ratio = r.name.endsWith(': goa') && bareRow ? (r.rps / bareRow.rps).toFixed(2) : '';
      return [r.name, r.rps, r.p50, r.p99, r.ok, ratio];
    }),
  ),
);

// the other self-service modules' parts: bench/services-<module>.ts, default export run()
for (const file of fs
  .readdirSync(here)
  .filter((f) => /^services-.+\.ts$/.test(f) && process.env.BENCH_PARTS !== '0')
  .sort()) {
  say(`\n## ${file}`);
  const part = (await import(path.join(here, file))) as { default: () => Promise<void> };
  await part.default();
}
