import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Config } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { lockDataDir } from './db/lock.ts';
import type { Log } from './module.ts';

/**
 * Backup and restore of the whole database. Embedded: PGlite dumps its data directory as a gzipped
 * tarball (the data-dir lock guarantees no server runs on it meanwhile) and a restore loads one into
 * a fresh directory before swapping it in. Server: pg_dump's custom format and pg_restore, which must
 * be on PATH. A backup covers the database; uploaded files live in GOA_FILES_DIR and are copied apart.
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupResult {
  file: string;
  bytes: number;
  kind: 'pglite' | 'postgres';
}

const extensions = { btree_gist, pg_trgm };
const GZIP = Buffer.from([0x1f, 0x8b]);
const PGDMP = Buffer.from('PGDMP');

function embeddedDir(config: Config): string {
  return path.join(config.dataDir, 'pg');
}

function hasCluster(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'PG_VERSION'));
}

function isNonEmptyDir(dir: string): boolean {
  return fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
}

function prepareTarget(file: string, force: boolean): string {
  const target = path.resolve(file);
  if (fs.existsSync(target) && !force) {
    throw new BackupError(`${target} already exists; choose another file or pass --force to overwrite it`);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  return target;
}

function noteFiles(config: Config, log: Log): void {
  if (isNonEmptyDir(config.filesDir)) {
    log(
      `note: uploaded files in ${config.filesDir} are not in this backup; copy that directory along with it`,
    );
  }
}

export async function backup(
  config: Config,
  file: string,
  opts: { force?: boolean; log?: Log } = {},
): Promise<BackupResult> {
  const log = opts.log ?? (() => {});
  const target = prepareTarget(file, opts.force === true);
  const result = config.databaseUrl
    ? serverBackup(config.databaseUrl, target)
    : await embeddedBackup(config, target);
  noteFiles(config, log);
  return result;
}

async function embeddedBackup(config: Config, target: string): Promise<BackupResult> {
  if (!hasCluster(embeddedDir(config))) {
    throw new BackupError(`There is no embedded database in ${config.dataDir} to back up`);
  }
  const database = await openDatabase({ dataDir: config.dataDir });
  try {
    const dump = await database.pglite!.dumpDataDir('gzip');
    const tmp = `${target}.partial`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, target);
  } finally {
    await database.close();
  }
  return { file: target, bytes: fs.statSync(target).size, kind: 'pglite' };
}

export interface RestoreOptions {
  /** replace a database that already holds data */
  force?: boolean;
  log?: Log;
}

export async function restore(config: Config, file: string, opts: RestoreOptions = {}): Promise<void> {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new BackupError(`${source} does not exist`);
  const fd = fs.openSync(source, 'r');
  const head = Buffer.alloc(5);
  fs.readSync(fd, head, 0, 5, 0);
  fs.closeSync(fd);
  const isEmbedded = head.subarray(0, 2).equals(GZIP);
  const isServer = head.equals(PGDMP);
  if (!isEmbedded && !isServer) throw new BackupError(`${source} is not a goa backup`);
  if (config.databaseUrl) {
    if (!isServer) {
      throw new BackupError(
        `${source} is a backup of the embedded database; a PostgreSQL server restores only pg_dump backups`,
      );
    }
    await serverRestore(config.databaseUrl, source, opts.force === true);
  } else {
    if (!isEmbedded) {
      throw new BackupError(
        `${source} is a pg_dump backup of a server database; the embedded database cannot load it`,
      );
    }
    await embeddedRestore(config, source, opts.force === true);
  }
  opts.log?.(`restored ${source}`);
}

async function embeddedRestore(config: Config, source: string, force: boolean): Promise<void> {
  const lock = lockDataDir(config.dataDir);
  const dir = embeddedDir(config);
  const staging = `${dir}.restoring`;
  try {
    if (isNonEmptyDir(dir) && !force) {
      throw new BackupError(
        `The data directory ${dir} already holds a database; pass --force to replace it with the backup`,
      );
    }
    fs.rmSync(staging, { recursive: true, force: true });
    await assertIntactGzip(source);
    // load into a staging directory first: a damaged backup never touches the current database
    let lite: PGlite | undefined;
    try {
      lite = await PGlite.create(staging, {
        loadDataDir: new Blob([fs.readFileSync(source)]),
        extensions,
      });
      await lite.query('select count(*) from goa_migration');
    } catch (e) {
      throw new BackupError(`${source} could not be loaded as a goa database: ${(e as Error).message}`);
    } finally {
      await lite?.close().catch(() => {});
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    lock.release();
  }
}

/** Reads the whole gzip stream once: a truncated or corrupted backup is refused before loading. */
async function assertIntactGzip(source: string): Promise<void> {
  try {
    await pipeline(
      fs.createReadStream(source),
      zlib.createGunzip(),
      new Writable({ write: (_chunk, _enc, done) => done() }),
    );
  } catch (e) {
    throw new BackupError(`${source} is damaged (${(e as Error).message}); it cannot be restored`);
  }
}

/**
 * pg_dump/pg_restore get the URL without its password, which travels in PGPASSWORD instead: a
 * command line is visible to every local user. The child inherits our environment (PATH, locale).
 */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  // passing the environment on to a child process is not reading configuration
  // eslint-disable-next-line no-restricted-syntax
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env };
}

function run(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): void {
  const res = spawnSync(tool, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if ((res.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new BackupError(
      `${tool} was not found on PATH. Install the PostgreSQL client tools of the server's major version ` +
        `(e.g. apt-get install postgresql-client-15) and try again.`,
    );
  }
  if (res.error) throw res.error;
  if (res.status !== 0) throw new BackupError(`${tool} failed (exit ${res.status}): ${res.stderr.trim()}`);
}

function serverBackup(url: string, target: string): BackupResult {
  const { dbname, env } = connection(url);
  const tmp = `${target}.partial`;
  try {
    run(
      'pg_dump',
      ['--format=custom', '--no-owner', '--no-privileges', `--file=${tmp}`, `--dbname=${dbname}`],
      env,
    );
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return { file: target, bytes: fs.statSync(target).size, kind: 'postgres' };
}

async function serverRestore(url: string, source: string, force: boolean): Promise<void> {
  const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
  let tables: number;
  try {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_catalog.pg_tables where schemaname = 'public'`.execute(database.db);
    tables = rows[0]?.n ?? 0;
  } finally {
    await database.close();
  }
  if (tables > 0 && !force) {
    throw new BackupError(
      `The database already holds ${tables} tables; pass --force to replace them with the backup`,
    );
  }
  const { dbname, env } = connection(url);
  const args = [
    '--no-owner',
    '--no-privileges',
    '--single-transaction',
    '--exit-on-error',
    `--dbname=${dbname}`,
  ];
  if (tables > 0) args.push('--clean', '--if-exists');
  run('pg_restore', [...args, source], env);
}
