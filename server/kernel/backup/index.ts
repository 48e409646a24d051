import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { lockDataDir } from '../db/lock.ts';
import type { Log } from '../module.ts';
import {
  DATABASE_FILE,
  extractArchive,
  FILES_DIR,
  FORMAT,
  FORMAT_VERSION,
  hashFile,
  readHead,
  writeArchive,
  type Manifest,
} from './archive.ts';
import {
  assertSeparateFilesDir,
  BackupError,
  countOf,
  listStoredFiles,
  migrationSummary,
  totalBytes,
  type BackupKind,
  type MigrationSummary,
} from './common.ts';
import {
  assertEmbeddedEmpty,
  assertIntactGzip,
  dumpEmbedded,
  embeddedDir,
  hasCluster,
  loadEmbedded,
} from './pglite.ts';
import { assertServerEmpty, dumpServer, restoreServer, serverTableCount } from './postgres.ts';
import { assertNoInterruptedRestore, swapIn, type Swap } from './swap.ts';
import { installKeys, planKeys, stageKeys, type DataKey } from './keys.ts';

/**
 * Backup and restore of a whole deployment: the database and the uploaded files, in one gzipped
 * tar archive (see archive.ts). Embedded: PGlite's data directory dump, taken under the data-dir
 * lock (stop the server first). Server: pg_dump's custom format, restored by pg_restore; both must
 * be on PATH. Database-only backups of goa before the archive format still restore.
 */
export { BackupError, type BackupKind, type MigrationSummary } from './common.ts';
export type { DataKey } from './keys.ts';

export interface BackupResult {
  file: string;
  bytes: number;
  kind: BackupKind;
  migrations: MigrationSummary;
  files: { count: number; bytes: number };
}

export interface BackupOptions {
  /** overwrite the backup file when it exists */
  force?: boolean;
  log?: Log;
  /** the modules' data keys (GoaModule.dataKeys) */
  keys?: readonly DataKey[];
  /** leave the key files out of the archive (the manifest still records their fingerprints) */
  withoutKeys?: boolean;
}

const kindOf = (config: Config): BackupKind => (config.databaseUrl ? 'postgres' : 'pglite');
const databaseLabel = (kind: BackupKind) => (kind === 'pglite' ? 'embedded database' : 'PostgreSQL database');

function prepareTarget(file: string, force: boolean): string {
  const target = path.resolve(file);
  if (fs.existsSync(target) && !force) {
    throw new BackupError(`${target} already exists; choose another file or pass --force to overwrite it`);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  return target;
}

export async function backup(config: Config, file: string, opts: BackupOptions = {}): Promise<BackupResult> {
  assertSeparateFilesDir(config.filesDir, config.dataDir);
  const target = prepareTarget(file, opts.force === true);
  const kind = kindOf(config);
  // the dump and the manifest are staged beside the backup file, never in the data directory
  const work = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}.`));
  const partial = `${target}.partial`;
  const dumpFile = path.join(work, DATABASE_FILE[kind]);
  try {
    let manifest: Manifest;
    if (config.databaseUrl) {
      const migrations = await dumpServer(config.databaseUrl, dumpFile);
      // after the dump: every file a dumped row names was in place before its row was committed
      manifest = await pack(config, kind, migrations, work, partial, opts);
    } else {
      if (!hasCluster(config)) {
        throw new BackupError(`There is no embedded database in ${config.dataDir} to back up`);
      }
      const database = await openDatabase({ dataDir: config.dataDir });
      try {
        const migrations = await migrationSummary(database.db);
        await dumpEmbedded(database, dumpFile);
        // the data-dir lock stays held until the files are in the archive too
        manifest = await pack(config, kind, migrations, work, partial, opts);
      } finally {
        await database.close();
      }
    }
    fs.renameSync(partial, target);
    opts.log?.(
      `backed up the ${databaseLabel(kind)} (${manifest.migrations.count} migrations) and ` +
        `${countOf(manifest.files.count, 'uploaded file')} (${manifest.files.bytes} bytes)`,
    );
    return {
      file: target,
      bytes: fs.statSync(target).size,
      kind,
      migrations: manifest.migrations,
      files: manifest.files,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(partial, { force: true });
  }
}

async function pack(
  config: Config,
  kind: BackupKind,
  migrations: MigrationSummary,
  work: string,
  partial: string,
  opts: BackupOptions,
): Promise<Manifest> {
  const keys = stageKeys(opts.keys ?? [], work, opts.withoutKeys !== true, opts.log ?? (() => {}));
  const files = await listStoredFiles(config.filesDir);
  const manifest: Manifest = {
    format: FORMAT,
    version: FORMAT_VERSION,
    kind,
    createdAt: new Date().toISOString(),
    migrations,
    database: { file: DATABASE_FILE[kind], ...(await hashFile(path.join(work, DATABASE_FILE[kind]))) },
    files: { count: files.length, bytes: totalBytes(files) },
    keys,
  };
  await writeArchive(partial, work, config.filesDir, files, manifest);
  return manifest;
}

export interface RestoreOptions {
  /** replace a database (and files) that already hold data */
  force?: boolean;
  log?: Log;
  /** the modules' data keys (GoaModule.dataKeys): where the archive's key files go */
  keys?: readonly DataKey[];
}

export interface RestoreResult {
  kind: BackupKind;
  /** 'legacy': a database-only backup of an older goa, which holds no files */
  format: 'archive' | 'legacy';
  files: { count: number; bytes: number } | null;
}

const GZIP = Buffer.from([0x1f, 0x8b]);
const PGDMP = Buffer.from('PGDMP');

function sniff(source: string): 'gzip' | 'pgdump' | null {
  const fd = fs.openSync(source, 'r');
  const head = Buffer.alloc(5);
  const n = fs.readSync(fd, head, 0, 5, 0);
  fs.closeSync(fd);
  if (n >= 2 && head.subarray(0, 2).equals(GZIP)) return 'gzip';
  return n === 5 && head.equals(PGDMP) ? 'pgdump' : null;
}

function refuseKind(source: string, backupKind: BackupKind): never {
  throw new BackupError(
    backupKind === 'pglite'
      ? `${source} is a backup of the embedded database; a PostgreSQL server (DATABASE_URL) restores only ` +
          `backups of a PostgreSQL database`
      : `${source} is a backup of a PostgreSQL server database; the embedded database cannot load it ` +
          `(set DATABASE_URL to restore it into a server)`,
  );
}

export async function restore(
  config: Config,
  file: string,
  opts: RestoreOptions = {},
): Promise<RestoreResult> {
  const log = opts.log ?? (() => {});
  const force = opts.force === true;
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new BackupError(`${source} does not exist`);
  const kind = kindOf(config);
  const format = sniff(source);
  if (!format) throw new BackupError(`${source} is not a goa backup`);
  const head = format === 'gzip' ? await readHead(source) : null;
  if (head?.format === 'archive') {
    if (head.manifest.kind !== kind) refuseKind(source, head.manifest.kind);
    await restoreArchive(config, source, head.manifest, force, opts.keys ?? [], log);
    const { migrations, files, createdAt } = head.manifest;
    log(
      `restored ${source} (made ${createdAt}): the ${databaseLabel(kind)} (${migrations.count} migrations) ` +
        `and ${countOf(files.count, 'uploaded file')} (${files.bytes} bytes) into ${config.filesDir}`,
    );
    return { kind, format: 'archive', files };
  }
  // a database-only backup of an older goa: a gzipped PGlite dump, or a pg_dump file
  const legacyKind: BackupKind = format === 'pgdump' ? 'postgres' : 'pglite';
  if (legacyKind !== kind) refuseKind(source, legacyKind);
  if (config.databaseUrl) {
    const tables = await serverTableCount(config.databaseUrl);
    assertServerEmpty(tables, force);
    await restoreServer(config.databaseUrl, source, tables);
  } else {
    await restoreLegacyEmbedded(config, source, force);
  }
  log(`restored ${source}: the ${databaseLabel(kind)}`);
  log(
    `note: ${source} is a database-only backup from before goa backups carried the uploaded files; it ` +
      `holds no files, and the files directory ${config.filesDir} was left as it is`,
  );
  return { kind, format: 'legacy', files: null };
}

async function restoreLegacyEmbedded(config: Config, source: string, force: boolean): Promise<void> {
  const lock = lockDataDir(config.dataDir);
  const dir = embeddedDir(config);
  const staging = `${dir}.restoring`;
  try {
    assertNoInterruptedRestore([{ current: dir, what: 'database' }]);
    assertEmbeddedEmpty(config, force);
    await assertIntactGzip(source);
    await loadEmbedded(source, staging, source);
    swapIn([{ current: dir, next: staging, what: 'database' }]).commit();
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    lock.release();
  }
}

async function assertFilesEmpty(filesDir: string, force: boolean): Promise<void> {
  const present = await listStoredFiles(filesDir);
  if (present.length > 0 && !force) {
    throw new BackupError(
      `The files directory ${filesDir} already holds ${countOf(present.length, 'stored file')}; pass ` +
        `--force to replace them with the backup's`,
    );
  }
}

/**
 * Checks the target, unpacks the archive beside the files directory and checks it against its
 * manifest, loads the database, then swaps the files directory (and the embedded database's
 * directory) in by renames. Nothing live changes before the archive has proven whole; a failure
 * after a swap moves the previous directories back.
 */
async function restoreArchive(
  config: Config,
  source: string,
  manifest: Manifest,
  force: boolean,
  keys: readonly DataKey[],
  log: Log,
): Promise<void> {
  assertSeparateFilesDir(config.filesDir, config.dataDir);
  const lock = lockDataDir(config.dataDir);
  const staging = `${config.filesDir}.restoring`;
  const pgDir = embeddedDir(config);
  const pgStaging = `${pgDir}.restoring`;
  const filesSwap: Swap = { current: config.filesDir, next: path.join(staging, FILES_DIR), what: 'files' };
  try {
    const pgSwap: Swap = { current: pgDir, next: pgStaging, what: 'database' };
    assertNoInterruptedRestore(config.databaseUrl ? [filesSwap] : [pgSwap, filesSwap]);
    const tables = config.databaseUrl ? await serverTableCount(config.databaseUrl) : 0;
    if (config.databaseUrl) assertServerEmpty(tables, force);
    else assertEmbeddedEmpty(config, force);
    await assertFilesEmpty(config.filesDir, force);

    fs.rmSync(staging, { recursive: true, force: true });
    await extractArchive(source, staging, manifest);
    // a different key in place is refused here, before anything is replaced
    const keyPlan = planKeys(manifest.keys ?? [], keys, staging, force);
    fs.mkdirSync(filesSwap.next, { recursive: true });
    if (fs.existsSync(config.filesDir)) {
      // the restored directory keeps the permissions the operator gave the live one
      fs.chmodSync(filesSwap.next, fs.statSync(config.filesDir).mode & 0o7777);
    }
    const dump = path.join(staging, manifest.database.file);

    if (config.databaseUrl) {
      // pg_restore runs in one transaction: when it fails, the database is as it was and so,
      // moved back, are the files
      const swapped = swapIn([filesSwap]);
      try {
        await restoreServer(config.databaseUrl, dump, tables);
      } catch (e) {
        swapped.rollback();
        throw e;
      }
      swapped.commit();
    } else {
      const migrations = await loadEmbedded(dump, pgStaging, source);
      if (migrations !== manifest.migrations.count) {
        throw new BackupError(
          `${source} is damaged (its database holds ${migrations} migrations where its manifest lists ` +
            `${manifest.migrations.count}); it cannot be restored`,
        );
      }
      swapIn([pgSwap, filesSwap]).commit();
    }
    installKeys(keyPlan, log);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(pgStaging, { recursive: true, force: true });
    lock.release();
  }
}
