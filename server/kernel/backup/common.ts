import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db/schema.ts';

/** A backup or restore that cannot go on; the CLI prints its message and exits with status 1. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export type BackupKind = 'pglite' | 'postgres';

/** The migration ledger in short: how many migrations are applied, and the last one of each owner. */
export interface MigrationSummary {
  count: number;
  last: Record<string, string>;
}

export async function migrationSummary(db: Db): Promise<MigrationSummary> {
  const { rows } = await sql<{ owner: string; n: number; last: string }>`
    select owner, count(*)::int as n, max(name) as last
    from goa_migration group by owner order by owner`.execute(db);
  return {
    count: rows.reduce((sum, r) => sum + Number(r.n), 0),
    last: Object.fromEntries(rows.map((r) => [r.owner, r.last])),
  };
}

export function isNonEmptyDir(dir: string): boolean {
  return fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
}

/** Uploads in progress live here; they belong to no file row and are never backed up. */
export const UPLOAD_TEMP_DIR = '.tmp';

export interface StoredFile {
  /** path below the files directory, with forward slashes */
  rel: string;
  bytes: number;
}

/** Every stored file below `dir` (uploads in progress left out), sorted; no content is read. */
export async function listStoredFiles(dir: string): Promise<StoredFile[]> {
  if (!fs.existsSync(dir)) return [];
  const entries = await fs.promises.readdir(dir, { recursive: true, withFileTypes: true });
  const out: StoredFile[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const rel = path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    if (rel === UPLOAD_TEMP_DIR || rel.startsWith(`${UPLOAD_TEMP_DIR}/`)) continue;
    try {
      out.push({ rel, bytes: (await fs.promises.stat(path.join(dir, rel))).size });
    } catch (err) {
      // a refused upload's file is removed again at once; it is no loss to the backup
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

export const totalBytes = (files: readonly StoredFile[]): number =>
  files.reduce((sum, f) => sum + f.bytes, 0);

/**
 * A restore replaces the files directory as a whole, so it must not hold the data directory (or
 * be it): GOA_FILES_DIR=$GOA_DATA_DIR would have the database swapped away with the files.
 */
export function assertSeparateFilesDir(filesDir: string, dataDir: string): void {
  const rel = path.relative(filesDir, dataDir);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
    throw new BackupError(
      `The files directory ${filesDir} holds the data directory ${dataDir}; point GOA_FILES_DIR at a ` +
        `directory of its own (the default is $GOA_DATA_DIR/files)`,
    );
  }
}

/** "1 file", "3 files" */
export const countOf = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
