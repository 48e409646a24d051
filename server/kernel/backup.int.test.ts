import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backup, restore } from './backup.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { withDatabase } from './testing/postgres.ts';
import { buildJurisdiction } from './testing/factories.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const configFor = (env: Record<string, string>): Config =>
  loadConfig({
    GOA_LOG_LEVEL: 'silent',
    GOA_DEMO: '0',
    GOA_DATA_DIR: path.join(tmp, crypto.randomUUID()),
    ...env,
  });

async function jurisdictionNames(config: Config): Promise<string[]> {
  const database = await openDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    poolSize: 1,
  });
  try {
    const rows = await database.db.selectFrom('org_jurisdiction').select('name').orderBy('name').execute();
    return rows.map((r) => r.name);
  } finally {
    await database.close();
  }
}

describe('backup and restore of the embedded database', () => {
  let source: Config;
  const file = path.join(tmp, 'embedded.goa.tar.gz');

  beforeAll(async () => {
    source = configFor({});
    // a migrated data directory, from the test run's template
    fs.mkdirSync(source.dataDir, { recursive: true });
    const lite = await PGlite.create(path.join(source.dataDir, 'pg'), {
      loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]),
      extensions: { btree_gist, pg_trgm },
    });
    await lite.close();
    const database = await openDatabase({ dataDir: source.dataDir });
    await buildJurisdiction(database.db, { name: '武进区' });
    await database.close();
  });

  it('round-trips the data through a gzipped dump into a new data directory', async () => {
    const result = await backup(source, file);
    expect(result).toMatchObject({ file, kind: 'pglite' });
    expect(fs.readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const target = configFor({});
    await restore(target, file);
    expect(await jurisdictionNames(target)).toEqual(['武进区']);
    expect(fs.existsSync(path.join(target.dataDir, 'goa.lock'))).toBe(false);
  });

  it('refuses to overwrite a backup file or a non-empty data directory unless forced', async () => {
    await expect(backup(source, file)).rejects.toThrow(/already exists.*--force/);
    await backup(source, file, { force: true });
    const target = configFor({});
    await restore(target, file);
    const database = await openDatabase({ dataDir: target.dataDir });
    await buildJurisdiction(database.db, { name: '新北区' });
    await database.close();
    await expect(restore(target, file)).rejects.toThrow(/already holds a database.*--force/);
    expect(await jurisdictionNames(target)).toEqual(['新北区', '武进区']);
    await restore(target, file, { force: true });
    expect(await jurisdictionNames(target)).toEqual(['武进区']);
  });

  it('leaves the current database untouched when the backup is damaged or not a goa backup', async () => {
    const target = configFor({});
    await restore(target, file);
    const damaged = path.join(tmp, 'damaged.tar.gz');
    fs.writeFileSync(damaged, fs.readFileSync(file).subarray(0, 4096));
    await expect(restore(target, damaged, { force: true })).rejects.toThrow(/is damaged/);
    const text = path.join(tmp, 'notes.txt');
    fs.writeFileSync(text, 'hello');
    await expect(restore(target, text, { force: true })).rejects.toThrow(/not a goa backup/);
    await expect(restore(target, path.join(tmp, 'missing.tar.gz'))).rejects.toThrow(/does not exist/);
    expect(await jurisdictionNames(target)).toEqual(['武进区']);
    expect(fs.existsSync(path.join(target.dataDir, 'pg.restoring'))).toBe(false);
  });

  it('has nothing to back up in an empty data directory', async () => {
    await expect(backup(configFor({}), path.join(tmp, 'none.tar.gz'))).rejects.toThrow(
      /no embedded database/,
    );
  });
});

const serverUrl = inject('postgresUrl');
const hasPgDump = spawnSync('pg_dump', ['--version']).status === 0;

describe.runIf(serverUrl && (hasPgDump || process.env.CI))(
  'backup and restore of a PostgreSQL database',
  () => {
    const admin = () => new pg.Client({ connectionString: serverUrl! });
    const created: string[] = [];
    async function createDb(template: string | null): Promise<string> {
      const name = `goa_b_${crypto.randomBytes(5).toString('hex')}`;
      const c = admin();
      await c.connect();
      await c.query(`create database ${name}${template ? ` template ${template}` : ''}`);
      await c.end();
      created.push(name);
      return withDatabase(serverUrl!, name);
    }
    afterAll(async () => {
      const c = admin();
      await c.connect();
      for (const name of created) await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    });

    it('round-trips through pg_dump and pg_restore, refusing a non-empty database unless forced', async () => {
      const source = configFor({ DATABASE_URL: await createDb('goa_template') });
      const database = await openDatabase({ databaseUrl: source.databaseUrl, poolSize: 1 });
      await buildJurisdiction(database.db, { name: '天宁区' });
      await database.close();
      const file = path.join(tmp, 'server.dump');
      expect(await backup(source, file)).toMatchObject({ kind: 'postgres' });
      expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');

      const target = configFor({ DATABASE_URL: await createDb(null) });
      await restore(target, file);
      expect(await jurisdictionNames(target)).toEqual(['天宁区']);
      await expect(restore(target, file)).rejects.toThrow(/already holds \d+ tables.*--force/);
      const again = await openDatabase({ databaseUrl: target.databaseUrl, poolSize: 1 });
      await buildJurisdiction(again.db, { name: '钟楼区' });
      await again.close();
      await restore(target, file, { force: true });
      expect(await jurisdictionNames(target)).toEqual(['天宁区']);
      const gzip = path.join(tmp, 'embedded-like.tar.gz');
      fs.writeFileSync(gzip, zlib.gzipSync('not a database'));
      await expect(restore(target, gzip, { force: true })).rejects.toThrow(/backup of the embedded database/);
    });
  },
);
