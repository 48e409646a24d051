import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Config } from '../config.ts';
import type { Database } from '../db/connect.ts';
import { BackupError, isNonEmptyDir } from './common.ts';

/**
 * The embedded database: PGlite dumps its data directory as a gzipped tarball (the data-dir lock
 * guarantees no server runs on it meanwhile), and a restore loads one into a staging directory
 * beside the live one, so that a damaged dump never touches the current database.
 */
const extensions = { btree_gist, pg_trgm };

export function embeddedDir(config: Config): string {
  return path.join(config.dataDir, 'pg');
}

export function hasCluster(config: Config): boolean {
  return fs.existsSync(path.join(embeddedDir(config), 'PG_VERSION'));
}

export function assertEmbeddedEmpty(config: Config, force: boolean): void {
  const dir = embeddedDir(config);
  if (isNonEmptyDir(dir) && !force) {
    throw new BackupError(
      `The data directory ${dir} already holds a database; pass --force to replace it with the backup`,
    );
  }
}

/** Writes the open embedded database's data directory to `file` as a gzipped tarball. */
export async function dumpEmbedded(database: Database, file: string): Promise<void> {
  const dump = await database.pglite!.dumpDataDir('gzip');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
}

/**
 * Loads a dump into `staging` (a new directory) and checks that it is a goa database; returns how
 * many migrations its ledger holds. The caller swaps the directory in.
 */
export async function loadEmbedded(dumpFile: string, staging: string, label: string): Promise<number> {
  fs.rmSync(staging, { recursive: true, force: true });
  let lite: PGlite | undefined;
  try {
    lite = await PGlite.create(staging, { loadDataDir: await fs.openAsBlob(dumpFile), extensions });
    const { rows } = await lite.query<{ n: number }>('select count(*)::int as n from goa_migration');
    return rows[0]?.n ?? 0;
  } catch (e) {
    throw new BackupError(`${label} could not be loaded as a goa database: ${(e as Error).message}`);
  } finally {
    await lite?.close().catch(() => {});
  }
}

/** Reads the whole gzip stream once: a truncated or corrupted dump is refused before loading. */
export async function assertIntactGzip(source: string): Promise<void> {
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
