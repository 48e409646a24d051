import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { lockDataDir, DataDirLockedError } from './lock.ts';
import { migrationSources } from '../../app.ts';
import { createTestDatabase, dbKinds } from '../testing/harness.ts';
import type { Database } from './connect.ts';

describe.each(dbKinds)('migrations on %s', (kind) => {
  let database: Database;
  let dir: string;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-mig-'));
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has applied every migration once and applies nothing the second time', async () => {
    const ledger = await sql<{ n: number }>`select count(*)::int as n from goa_migration`.execute(
      database.db,
    );
    const files = migrationSources().flatMap((s) =>
      fs.existsSync(s.dir) ? fs.readdirSync(s.dir).filter((f) => f.endsWith('.sql')) : [],
    );
    expect(ledger.rows[0]?.n).toBe(files.length);
    expect(await migrate(database.db, migrationSources())).toEqual([]);
  });

  it('applies a new file in a transaction and refuses a changed one', async () => {
    fs.writeFileSync(path.join(dir, '20991231-0001-probe.sql'), 'create table probe_t (id int primary key);');
    const applied = await migrate(database.db, [{ owner: 'probe', dir }]);
    expect(applied).toEqual([{ owner: 'probe', name: '20991231-0001-probe.sql' }]);
    fs.writeFileSync(
      path.join(dir, '20991231-0001-probe.sql'),
      'create table probe_t (id bigint primary key);',
    );
    await expect(migrate(database.db, [{ owner: 'probe', dir }])).rejects.toThrow(/forward-only/);
  });

  it('rolls back a failing migration entirely', async () => {
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-mig-bad-'));
    fs.writeFileSync(
      path.join(bad, '20991231-0002-bad.sql'),
      'create table half_t (id int); select * from no_such_table;',
    );
    await expect(migrate(database.db, [{ owner: 'bad', dir: bad }])).rejects.toThrow();
    const exists = await sql<{ t: string | null }>`select to_regclass('half_t')::text as t`.execute(
      database.db,
    );
    expect(exists.rows[0]?.t).toBeNull();
    const ledger = await sql<{
      n: number;
    }>`select count(*)::int as n from goa_migration where owner = 'bad'`.execute(database.db);
    expect(ledger.rows[0]?.n).toBe(0);
    fs.rmSync(bad, { recursive: true, force: true });
  });
});

describe('the embedded data directory lock', () => {
  it('refuses a second holder while the first is alive and takes over a stale lock', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-lock-'));
    const sleeper = spawn('sleep', ['30']);
    fs.writeFileSync(path.join(dir, 'goa.lock'), String(sleeper.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    sleeper.kill();
    await new Promise((r) => sleeper.once('exit', r));
    const lock = lockDataDir(dir); // the holder died: its lock is stale
    expect(fs.readFileSync(path.join(dir, 'goa.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(path.join(dir, 'goa.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('makes a second goa process on the same directory exit at once with a clear message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-lock2-'));
    const holder = lockDataDir(dir);
    const started = Date.now();
    const run = promisify(execFile)(process.execPath, ['bin/goa.mjs', 'migrate'], {
      env: { ...process.env, GOA_DATA_DIR: dir },
    });
    const err = await run.then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(75);
    expect(err?.stderr).toMatch(/in use by another goa process \(pid \d+\)/);
    expect(Date.now() - started).toBeLessThan(15_000);
    holder.release();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
