import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import * as tar from 'tar';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app.ts';
import { backup, restore, type DataKey } from './backup/index.ts';
import { swapIn } from './backup/swap.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/connect.ts';
import type { AppContext } from './module.ts';
import { withDatabase } from './testing/postgres.ts';
import { buildAccount, buildJurisdiction, buildPerson, buildUnit } from './testing/factories.ts';
import { signIn } from './testing/harness.ts';
import { multipart } from './testing/multipart.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const configFor = (env: Record<string, string> = {}): Config =>
  loadConfig({
    GOA_LOG_LEVEL: 'silent',
    GOA_DEMO: '0',
    GOA_JOBS: '0',
    GOA_DATA_DIR: path.join(tmp, crypto.randomUUID()),
    ...env,
  });

const open = (config: Config) =>
  openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, poolSize: 1 });

async function jurisdictionNames(config: Config): Promise<string[]> {
  const database = await open(config);
  try {
    const rows = await database.db.selectFrom('org_jurisdiction').select('name').orderBy('name').execute();
    return rows.map((r) => r.name);
  } finally {
    await database.close();
  }
}

/** A migrated embedded database in the config's data directory, from the test run's template. */
async function seedEmbedded(config: Config): Promise<void> {
  fs.mkdirSync(config.dataDir, { recursive: true });
  const lite = await PGlite.create(path.join(config.dataDir, 'pg'), {
    loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]),
    extensions: { btree_gist, pg_trgm },
  });
  await lite.close();
}

async function withApp<T>(config: Config, fn: (ctx: AppContext, app: AppContextApp) => Promise<T>) {
  const database = await open(config);
  const ctx: AppContext = { config, database, db: database.db };
  const app = await buildApp(ctx, { web: false });
  await app.ready();
  try {
    return await fn(ctx, app);
  } finally {
    await app.close();
    await database.close();
  }
}
type AppContextApp = Awaited<ReturnType<typeof buildApp>>;

const FILE_NAME = '会议纪要(终稿).png';
const content = (() => {
  const b = crypto.randomBytes(300_000);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
  return b;
})();

interface Uploaded {
  id: string;
  username: string;
  password: string;
}

/** An account, a jurisdiction and one file uploaded through POST /api/files. */
async function seedData(config: Config, jurisdiction: string): Promise<Uploaded> {
  return withApp(config, async (ctx, app) => {
    const j = await buildJurisdiction(ctx.db, { name: jurisdiction });
    const person = await buildPerson(ctx.db, {
      unitId: (await buildUnit(ctx.db, { jurisdictionId: j.id })).id,
    });
    const account = await buildAccount(ctx.db, {
      personId: person.id,
      grants: [{ role: 'staff', scope: 'self' }],
    });
    const client = await signIn(app, account.username, account.password);
    const res = await client.request<{ id: string }>({
      method: 'POST',
      url: '/api/files',
      ...multipart([{ name: 'file', filename: FILE_NAME, type: 'image/png', data: content }]),
    });
    expect(res.status).toBe(201);
    return { id: res.body.id, username: account.username, password: account.password };
  });
}

/** Signs in on the restored deployment and downloads the file: the same name and bytes. */
async function expectDownload(config: Config, up: Uploaded): Promise<void> {
  await withApp(config, async (_ctx, app) => {
    const client = await signIn(app, up.username, up.password);
    const res = await app.inject({
      method: 'GET',
      url: `/api/files/${up.id}`,
      headers: { authorization: `Bearer ${client.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('会议纪要'));
    expect(res.rawPayload.equals(content)).toBe(true);
  });
}

/** Every file below a directory with its digest: to prove a refused restore changed nothing. */
function snapshot(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = path.join(e.parentPath, e.name);
    out[path.relative(dir, p)] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

async function entriesOf(file: string): Promise<string[]> {
  const names: string[] = [];
  await tar.t({ file, onReadEntry: (e) => names.push(e.path) });
  return names;
}

/** Unpacks an archive, lets `edit` change it, and packs it again as `out`. */
async function rework(file: string, out: string, edit: (dir: string) => void): Promise<string> {
  const dir = fs.mkdtempSync(path.join(tmp, 'rework-'));
  await tar.x({ file, cwd: dir });
  edit(dir);
  const names = (await entriesOf(file)).filter((n) => fs.existsSync(path.join(dir, n)));
  await tar.c({ cwd: dir, file: out, gzip: true, noDirRecurse: true }, names);
  return out;
}

const editManifest = (dir: string, change: (m: Record<string, unknown>) => void) => {
  const file = path.join(dir, 'manifest.json');
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  change(m);
  fs.writeFileSync(file, JSON.stringify(m));
};

function noStagingLeft(config: Config): void {
  for (const p of [
    `${config.filesDir}.restoring`,
    `${config.filesDir}.replaced`,
    path.join(config.dataDir, 'pg.restoring'),
    path.join(config.dataDir, 'pg.replaced'),
    path.join(config.dataDir, 'goa.lock'),
  ]) {
    expect(fs.existsSync(p), p).toBe(false);
  }
}

describe('backup and restore of the embedded database with its files', () => {
  let source: Config;
  let up: Uploaded;
  const file = path.join(tmp, 'embedded.goa.tar.gz');

  beforeAll(async () => {
    source = configFor();
    await seedEmbedded(source);
    up = await seedData(source, '武进区');
  });

  it('round-trips the database and the uploaded files into a new data directory', async () => {
    const lines: string[] = [];
    const result = await backup(source, file, { log: (l) => lines.push(l) });
    expect(result).toMatchObject({ file, kind: 'pglite', files: { count: 1, bytes: content.length } });
    expect(result.migrations.count).toBeGreaterThan(5);
    expect(lines.join('\n')).toMatch(/1 uploaded file \(300000 bytes\)/);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    const entries = await entriesOf(file);
    expect(entries.slice(0, 2)).toEqual(['manifest.json', 'database.tar.gz']);
    expect(entries.slice(2)).toEqual([
      expect.stringMatching(/^files\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}$/),
    ]);
    const dir = fs.mkdtempSync(path.join(tmp, 'peek-'));
    await tar.x({ file, cwd: dir, filter: (p) => p === 'manifest.json' });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'goa-backup',
      version: 1,
      kind: 'pglite',
      migrations: {
        count: result.migrations.count,
        last: { 'kernel.files': expect.stringMatching(/\.sql$/) },
      },
      database: { file: 'database.tar.gz', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      files: { count: 1, bytes: 300_000 },
    });

    const target = configFor();
    const restored: string[] = [];
    expect(await restore(target, file, { log: (l) => restored.push(l) })).toEqual({
      kind: 'pglite',
      format: 'archive',
      files: { count: 1, bytes: 300_000 },
    });
    expect(restored.join('\n')).toMatch(/1 uploaded file \(300000 bytes\)/);
    expect(await jurisdictionNames(target)).toEqual(['武进区']);
    await expectDownload(target, up);
    noStagingLeft(target);
  });

  it('refuses to overwrite a backup file, a database or stored files unless forced', async () => {
    await expect(backup(source, file)).rejects.toThrow(/already exists.*--force/);
    await backup(source, file, { force: true });
    const target = configFor();
    await restore(target, file);
    const database = await open(target);
    await buildJurisdiction(database.db, { name: '新北区' });
    await database.close();
    await expect(restore(target, file)).rejects.toThrow(/already holds a database.*--force/);
    expect(await jurisdictionNames(target)).toEqual(['新北区', '武进区']);
    const extra = path.join(target.filesDir, 'ab', 'cd', 'abcd'.repeat(8));
    fs.mkdirSync(path.dirname(extra), { recursive: true });
    fs.writeFileSync(extra, 'not in the backup');
    await restore(target, file, { force: true });
    expect(await jurisdictionNames(target)).toEqual(['武进区']);
    expect(fs.existsSync(extra)).toBe(false);
    await expectDownload(target, up);

    // stored files alone make a target non-empty too
    const filesOnly = configFor();
    fs.mkdirSync(path.dirname(path.join(filesOnly.filesDir, 'ab', 'cd', 'x')), { recursive: true });
    fs.writeFileSync(path.join(filesOnly.filesDir, 'ab', 'cd', 'abcd'.repeat(8)), 'x');
    await expect(restore(filesOnly, file)).rejects.toThrow(/already holds 1 stored file;.*--force/);
    expect(fs.existsSync(path.join(filesOnly.dataDir, 'pg'))).toBe(false);
    noStagingLeft(filesOnly);
  });

  it('leaves the database and the files untouched when the archive is damaged or not loadable', async () => {
    const target = configFor();
    await restore(target, file);
    const before = { names: await jurisdictionNames(target), files: snapshot(target.filesDir) };
    expect(Object.keys(before.files)).toHaveLength(1);
    const bytes = fs.readFileSync(file);
    const truncated = path.join(tmp, 'truncated.tar.gz');
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const flipped = path.join(tmp, 'flipped.tar.gz');
    const copy = Buffer.from(bytes);
    copy[copy.length - 200]! ^= 0xff;
    fs.writeFileSync(flipped, copy);
    const fileLost = await rework(file, path.join(tmp, 'lost.tar.gz'), (d) =>
      fs.rmSync(path.join(d, 'files'), { recursive: true }),
    );
    const badDump = await rework(file, path.join(tmp, 'bad-dump.tar.gz'), (d) => {
      const dump = path.join(d, 'database.tar.gz');
      fs.writeFileSync(dump, zlib.gzipSync('no database here'));
      const sha256 = crypto.createHash('sha256').update(fs.readFileSync(dump)).digest('hex');
      editManifest(
        d,
        (m) => (m.database = { file: 'database.tar.gz', bytes: fs.statSync(dump).size, sha256 }),
      );
    });
    const newer = await rework(file, path.join(tmp, 'newer.tar.gz'), (d) =>
      editManifest(d, (m) => (m.version = 2)),
    );
    const server = await rework(file, path.join(tmp, 'server.tar.gz'), (d) =>
      editManifest(d, (m) => (m.kind = 'postgres')),
    );
    const text = path.join(tmp, 'notes.txt');
    fs.writeFileSync(text, 'hello');

    const cases: [string, RegExp][] = [
      [truncated, /is damaged/],
      [flipped, /is damaged/],
      [fileLost, /is damaged \(it holds 0 files of 0 bytes where its manifest lists 1 file of/],
      [badDump, /could not be loaded as a goa database/],
      [newer, /backup format 2 by a newer goa/],
      [server, /backup of a PostgreSQL server database; the embedded database cannot load it/],
      [text, /not a goa backup/],
      [path.join(tmp, 'missing.tar.gz'), /does not exist/],
    ];
    for (const [archive, message] of cases) {
      await expect(restore(target, archive, { force: true }), archive).rejects.toThrow(message);
      expect(await jurisdictionNames(target)).toEqual(before.names);
      expect(snapshot(target.filesDir)).toEqual(before.files);
      noStagingLeft(target);
    }
  });

  it('still restores a database-only backup of an older goa, leaving the files directory alone', async () => {
    const legacy = path.join(tmp, 'legacy.tar.gz');
    const database = await openDatabase({ dataDir: source.dataDir });
    fs.writeFileSync(legacy, Buffer.from(await (await database.pglite!.dumpDataDir('gzip')).arrayBuffer()));
    await database.close();
    const target = configFor();
    const kept = path.join(target.filesDir, 'ab', 'cd', 'abcd'.repeat(8));
    fs.mkdirSync(path.dirname(kept), { recursive: true });
    fs.writeFileSync(kept, 'kept');
    const lines: string[] = [];
    expect(await restore(target, legacy, { log: (l) => lines.push(l) })).toEqual({
      kind: 'pglite',
      format: 'legacy',
      files: null,
    });
    expect(lines.join('\n')).toMatch(/database-only backup .* holds no files/);
    expect(await jurisdictionNames(target)).toEqual(['武进区']);
    expect(fs.readFileSync(kept, 'utf8')).toBe('kept');
    noStagingLeft(target);
    const cut = path.join(tmp, 'legacy-cut.tar.gz');
    fs.writeFileSync(cut, fs.readFileSync(legacy).subarray(0, 4096));
    await expect(restore(target, cut, { force: true })).rejects.toThrow(/is damaged/);
    expect(await jurisdictionNames(target)).toEqual(['武进区']);
    noStagingLeft(target);
  });

  it('has nothing to back up in an empty data directory', async () => {
    const empty = path.join(tmp, 'none.tar.gz');
    await expect(backup(configFor(), empty)).rejects.toThrow(/no embedded database/);
    expect(fs.existsSync(empty)).toBe(false);
    expect(fs.readdirSync(tmp).filter((n) => n.startsWith('.none.tar.gz'))).toEqual([]);
  });

  it('refuses a files directory that holds the data directory', async () => {
    const config = configFor();
    const same = loadConfig({ GOA_DATA_DIR: config.dataDir, GOA_FILES_DIR: config.dataDir });
    await expect(backup(same, path.join(tmp, 'same.tar.gz'))).rejects.toThrow(/GOA_FILES_DIR/);
    await expect(restore(same, file)).rejects.toThrow(/GOA_FILES_DIR/);
  });

  describe("the modules' data keys", () => {
    const keyOf = (config: Config): DataKey => ({
      name: 'test-data.key',
      protects: 'test secrets',
      file: path.join(config.dataDir, 'test-data.key'),
    });
    const writeKey = (config: Config, hex = crypto.randomBytes(32).toString('hex')) => {
      fs.writeFileSync(keyOf(config).file!, `${hex}\n`, { mode: 0o600 });
      return `${hex}\n`;
    };
    const keyText = (config: Config) => fs.readFileSync(keyOf(config).file!, 'utf8');

    it('carries a key file and puts it back (mode 0600) where the restoring deployment keeps it', async () => {
      const key = writeKey(source);
      const archive = path.join(tmp, 'with-key.tar.gz');
      await backup(source, archive, { keys: [keyOf(source)] });
      expect(await entriesOf(archive)).toContain('keys/test-data.key');
      const target = configFor();
      const lines: string[] = [];
      await restore(target, archive, { keys: [keyOf(target)], log: (l) => lines.push(l) });
      expect(keyText(target)).toBe(key);
      expect(fs.statSync(keyOf(target).file!).mode & 0o077).toBe(0);
      expect(lines.join('\n')).toMatch(/restored the key test-data.key/);
      // restoring again over the same key is no conflict
      await restore(target, archive, { keys: [keyOf(target)], force: true });
      expect(keyText(target)).toBe(key);
    });

    it('refuses to replace a different key unless forced, changing nothing', async () => {
      const key = writeKey(source);
      const archive = path.join(tmp, 'key-conflict.tar.gz');
      await backup(source, archive, { keys: [keyOf(source)] });
      const target = configFor();
      fs.mkdirSync(target.dataDir, { recursive: true });
      const own = writeKey(target);
      await expect(restore(target, archive, { keys: [keyOf(target)] })).rejects.toThrow(
        /holds a different key for test secrets than the backup; pass --force/,
      );
      expect(keyText(target)).toBe(own);
      expect(fs.existsSync(path.join(target.dataDir, 'pg'))).toBe(false);
      noStagingLeft(target);
      await restore(target, archive, { keys: [keyOf(target)], force: true });
      expect(keyText(target)).toBe(key);
      expect(await jurisdictionNames(target)).toEqual(['武进区']);
    });

    it('leaves keys out when asked, recording their fingerprints so that a restore can warn', async () => {
      const key = writeKey(source);
      const archive = path.join(tmp, 'without-key.tar.gz');
      const said: string[] = [];
      await backup(source, archive, { keys: [keyOf(source)], withoutKeys: true, log: (l) => said.push(l) });
      expect(said.join('\n')).toMatch(/key for test secrets .* is not in this backup/);
      expect((await entriesOf(archive)).some((e) => e.startsWith('keys/'))).toBe(false);
      const target = configFor();
      const lines: string[] = [];
      await restore(target, archive, { keys: [keyOf(target)], log: (l) => lines.push(l) });
      expect(lines.join('\n')).toMatch(/warning: the backup's test secrets were encrypted under a key/);
      expect(fs.existsSync(keyOf(target).file!)).toBe(false);
      // with the right key put in place by hand, no warning
      fs.writeFileSync(keyOf(target).file!, key);
      const again: string[] = [];
      await restore(target, archive, { keys: [keyOf(target)], force: true, log: (l) => again.push(l) });
      expect(again.join('\n')).not.toMatch(/warning/);
    });

    it('refuses an archive whose key does not match its manifest', async () => {
      writeKey(source);
      const archive = path.join(tmp, 'key-tampered-src.tar.gz');
      await backup(source, archive, { keys: [keyOf(source)] });
      const tampered = await rework(archive, path.join(tmp, 'key-tampered.tar.gz'), (d) =>
        fs.writeFileSync(path.join(d, 'keys', 'test-data.key'), 'not the key'),
      );
      const target = configFor();
      await expect(restore(target, tampered, { keys: [keyOf(target)] })).rejects.toThrow(
        /is damaged \(its key test-data.key does not match its manifest\)/,
      );
      expect(fs.existsSync(keyOf(target).file!)).toBe(false);
      noStagingLeft(target);
    });

    it('names a key that comes from the environment instead of carrying it', async () => {
      const archive = path.join(tmp, 'env-key.tar.gz');
      const said: string[] = [];
      const envKey: DataKey = { name: 'test-data.key', protects: 'test secrets', file: null };
      await backup(source, archive, { keys: [envKey], log: (l) => said.push(l) });
      expect(said.join('\n')).toMatch(/key for test secrets comes from the environment/);
      const lines: string[] = [];
      await restore(configFor(), archive, { keys: [envKey], log: (l) => lines.push(l) });
      expect(lines.join('\n')).toMatch(/takes its key from the environment: make sure it is the same key/);
    });
  });
});

describe('swapping staged directories in', () => {
  it('moves every directory back when one swap fails', () => {
    const root = fs.mkdtempSync(path.join(tmp, 'swap-'));
    const dir = (name: string, text: string) => {
      fs.mkdirSync(path.join(root, name));
      fs.writeFileSync(path.join(root, name, 'f'), text);
      return path.join(root, name);
    };
    const a = dir('a', 'old a');
    const b = dir('b', 'old b');
    const next = dir('a.next', 'new a');
    expect(() =>
      swapIn([
        { current: a, next, what: 'a' },
        { current: b, next: path.join(root, 'missing'), what: 'b' },
      ]),
    ).toThrow(/ENOENT/);
    expect(fs.readFileSync(path.join(a, 'f'), 'utf8')).toBe('old a');
    expect(fs.readFileSync(path.join(b, 'f'), 'utf8')).toBe('old b');
    expect(fs.readdirSync(root).sort()).toEqual(['a', 'b']);
  });
});

const serverUrl = inject('postgresUrl');
const hasPgDump = spawnSync('pg_dump', ['--version']).status === 0;

describe.runIf(serverUrl && (hasPgDump || process.env.CI))(
  'backup and restore of a PostgreSQL database with its files',
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

    let source: Config;
    let up: Uploaded;
    const file = path.join(tmp, 'server.goa.tar.gz');
    beforeAll(async () => {
      source = configFor({ DATABASE_URL: await createDb('goa_template') });
      up = await seedData(source, '天宁区');
    });

    it('round-trips through pg_dump and pg_restore, refusing a non-empty target unless forced', async () => {
      expect(await backup(source, file)).toMatchObject({ kind: 'postgres', files: { count: 1 } });
      expect((await entriesOf(file)).slice(0, 2)).toEqual(['manifest.json', 'database.pgdump']);

      const target = configFor({ DATABASE_URL: await createDb(null) });
      await restore(target, file);
      expect(await jurisdictionNames(target)).toEqual(['天宁区']);
      await expectDownload(target, up);
      noStagingLeft(target);
      await expect(restore(target, file)).rejects.toThrow(/already holds \d+ tables.*--force/);
      const again = await open(target);
      await buildJurisdiction(again.db, { name: '钟楼区' });
      await again.close();
      await restore(target, file, { force: true });
      expect(await jurisdictionNames(target)).toEqual(['天宁区']);
      await expectDownload(target, up);
      const gzip = path.join(tmp, 'embedded-like.tar.gz');
      fs.writeFileSync(gzip, zlib.gzipSync('not a database'));
      await expect(restore(target, gzip, { force: true })).rejects.toThrow(/backup of the embedded database/);
    });

    it('moves the files back when pg_restore fails, leaving the database as it was', async () => {
      const target = configFor({ DATABASE_URL: await createDb(null) });
      await restore(target, file);
      const extra = path.join(target.filesDir, 'ab', 'cd', 'abcd'.repeat(8));
      fs.mkdirSync(path.dirname(extra), { recursive: true });
      fs.writeFileSync(extra, 'uploaded after the backup');
      const c = new pg.Client({ connectionString: target.databaseUrl });
      await c.connect();
      // a view outside the dump depends on a table, so pg_restore --clean cannot drop it
      await c.query('create schema report; create view report.j as select name from public.org_jurisdiction');
      await c.end();
      const database = await open(target);
      await buildJurisdiction(database.db, { name: '钟楼区' });
      await database.close();
      const before = { names: await jurisdictionNames(target), files: snapshot(target.filesDir) };
      await expect(restore(target, file, { force: true })).rejects.toThrow(/pg_restore failed/);
      expect(await jurisdictionNames(target)).toEqual(before.names);
      expect(snapshot(target.filesDir)).toEqual(before.files);
      noStagingLeft(target);
    });

    it('still restores a pg_dump file of an older goa, and refuses an embedded archive', async () => {
      const legacy = path.join(tmp, 'legacy.dump');
      const res = spawnSync('pg_dump', [
        '--format=custom',
        '--no-owner',
        `--file=${legacy}`,
        source.databaseUrl!,
      ]);
      expect(res.status).toBe(0);
      const target = configFor({ DATABASE_URL: await createDb(null) });
      const lines: string[] = [];
      expect(await restore(target, legacy, { log: (l) => lines.push(l) })).toMatchObject({
        format: 'legacy',
      });
      expect(lines.join('\n')).toMatch(/holds no files/);
      expect(await jurisdictionNames(target)).toEqual(['天宁区']);

      const embedded = configFor();
      await seedEmbedded(embedded);
      const archive = path.join(tmp, 'for-server.tar.gz');
      await backup(embedded, archive);
      const fresh = configFor({ DATABASE_URL: await createDb(null) });
      await expect(restore(fresh, archive)).rejects.toThrow(/backup of the embedded database; a PostgreSQL/);
    });
  },
);
