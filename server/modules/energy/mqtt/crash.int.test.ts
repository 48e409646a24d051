import { spawn, execFile, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../../kernel/db/connect.ts';
import { PACKAGE_ROOT } from '../../../kernel/config.ts';
import { dbKinds } from '../../../kernel/testing/harness.ts';
import { withDatabase } from '../../../kernel/testing/postgres.ts';
import { buildMeteredInstitution } from '../ingest/test-fixture.ts';
import { freePort } from './test-mosquitto.ts';

const run = promisify(execFile);
const GOA = path.join(PACKAGE_ROOT, 'bin/goa.mjs');

async function waitForPort(port: number, child: ChildProcess, out: () => string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`goa serve exited: ${out()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => {
        c.end();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`goa serve did not open MQTT: ${out()}`);
}

describe.each(dbKinds)('kill -9 during a QoS 1 stream on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('stores every acknowledged reading exactly once after a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-crash-'));
    const webDist = path.join(dataDir, 'web');
    fs.mkdirSync(webDist);
    fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html>');
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      GOA_DATA_DIR: dataDir,
      GOA_WEB_DIST: webDist,
      GOA_DEMO: '0',
      GOA_JOBS: '0',
      GOA_LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      GOA_MQTT_HOST: '127.0.0.1',
      GOA_ENERGY_BATCH_MS: '20',
    };
    if (kind === 'postgres') {
      const server = inject('postgresUrl')!;
      const name = `goa_crash_${crypto.randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      env.DATABASE_URL = withDatabase(server, name);
      cleanups.push(async () => {
        const a = new pg.Client({ connectionString: server });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      });
    }
    // migrate and make a gateway token, as an operator would; then a point
    const made = await run(process.execPath, [GOA, 'token', 'create', '--purpose', 'energy.ingest'], { env });
    const token = made.stdout.trim().split('\n').at(-1)!;
    const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
    const { points } = await buildMeteredInstitution(database.db);
    const point = points[0]!;
    await database.close();

    const mqttPort = await freePort();
    const serve = async () => {
      let out = '';
      const child = spawn(process.execPath, [GOA, 'serve'], {
        env: { ...env, PORT: String(await freePort()), GOA_MQTT_PORT: String(mqttPort) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      cleanups.push(async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGKILL');
          await new Promise((r) => child.once('exit', r));
        }
      });
      await waitForPort(mqttPort, child, () => out);
      return child;
    };
    const reading = (i: number) => ({
      topic: `goa/readings/${point.code}`,
      payload: JSON.stringify({
        ts: new Date(Date.UTC(2026, 10, 1) + i * 900_000).toISOString(),
        value: 1000 + i,
      }),
    });

    const first = await serve();
    const firstExit = new Promise<void>((r) => first.once('exit', () => r()));
    const gw = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
      username: 'gw',
      password: token,
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    gw.on('error', () => {});
    // A gateway keeps WINDOW QoS 1 messages in flight, publishing the next one on each PUBACK. The
    // process is killed (-9) in the callback of the KILL_AT-th PUBACK: WINDOW messages are then in
    // flight, somewhere between the socket, the batcher and an open transaction.
    const WINDOW = 100;
    const KILL_AT = 150;
    const acked = new Set<number>();
    let sent = 0;
    let dead = false;
    void firstExit.then(() => (dead = true));
    const publishNext = (): void => {
      if (dead || first.signalCode !== null) return;
      const i = sent++;
      const r = reading(i);
      gw.publishAsync(r.topic, r.payload, { qos: 1 }).then(
        () => {
          acked.add(i);
          if (acked.size === KILL_AT) first.kill('SIGKILL');
          publishNext();
        },
        () => {}, // never acknowledged: the gateway keeps it for the restart
      );
    };
    for (let i = 0; i < WINDOW; i++) publishNext();
    await firstExit;
    gw.end(true);
    expect(first.signalCode).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AT);
    expect(acked.size).toBeLessThan(sent); // some were in flight when the process died

    // Straight after the crash, before anything is sent again: every acknowledged reading is stored,
    // once, and the rollups hold exactly the stored readings (no half-applied batch).
    const afterCrash = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
    try {
      const stored = await sql<{ register: number; n: number }>`
        select register, count(*)::int as n from energy_reading where point_id = ${point.id}
        group by register order by register`.execute(afterCrash.db);
      const have = new Set(stored.rows.map((r) => r.register - 1000));
      const lost = [...acked].filter((i) => !have.has(i));
      expect(lost).toEqual([]);
      expect(stored.rows.filter((r) => r.n !== 1)).toEqual([]);
      const sums = await sql<{ readings: number; deltas: number; rolled: number; samples: number }>`
        select (select count(*)::int from energy_reading where point_id = ${point.id}) as readings,
               (select coalesce(sum(delta), 0)::float8 from energy_reading where point_id = ${point.id}) as deltas,
               (select coalesce(sum(consumption), 0)::float8 from energy_rollup_day where point_id = ${point.id}) as rolled,
               (select coalesce(sum(samples), 0)::int from energy_rollup_day where point_id = ${point.id}) as samples`.execute(
        afterCrash.db,
      );
      const s = sums.rows[0]!;
      expect({ rolled: s.rolled, samples: s.samples }).toEqual({ rolled: s.deltas, samples: s.readings });
    } finally {
      await afterCrash.close();
    }

    // the gateway sends everything again after the restart: the unacknowledged ones and duplicates
    const second = await serve();
    const gw2 = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
      username: 'gw',
      password: token,
      protocolVersion: 4,
    });
    await Promise.all(
      Array.from({ length: sent }, (_, i) => reading(i)).map((r) =>
        gw2.publishAsync(r.topic, r.payload, { qos: 1 }),
      ),
    );
    await gw2.endAsync();
    const exited = new Promise((r) => second.once('exit', r));
    second.kill('SIGTERM');
    await exited;

    const db2 = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
    try {
      const rows = await sql<{ register: number; n: number }>`
        select register, count(*)::int as n from energy_reading where point_id = ${point.id}
        group by register order by register`.execute(db2.db);
      expect(rows.rows.map((r) => r.register - 1000)).toEqual(Array.from({ length: sent }, (_, i) => i));
      expect(rows.rows.every((r) => r.n === 1)).toBe(true);
      const total = await sql<{ c: number; s: number }>`
        select sum(consumption)::float8 as c, sum(samples)::int as s from energy_rollup_day where point_id = ${point.id}`.execute(
        db2.db,
      );
      // registers 1000 … 1000 + sent − 1, one kWh apart: sent − 1 kWh, each reading counted once
      expect(total.rows[0]).toEqual({ c: sent - 1, s: sent });
      const q = await sql<{ n: number }>`select count(*)::int as n from energy_quarantine`.execute(db2.db);
      expect(q.rows[0]!.n).toBe(0);
    } finally {
      await db2.close();
    }
  }, 600_000);
});
