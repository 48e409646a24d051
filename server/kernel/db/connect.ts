import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import { preparingPool } from './prepared.ts';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Db } from './schema.ts';
import { lockDataDir, type DirLock } from './lock.ts';

export type DbKind = 'pglite' | 'postgres';

export interface Database {
  readonly db: Db;
  readonly kind: DbKind;
  /** The embedded engine, when kind is 'pglite' (for dump/restore and tests). */
  readonly pglite?: PGlite;
  close(): Promise<void>;
}

// timestamptz and date come back as ISO strings, never as JS Dates shifted by the process time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);

/**
 * Memory for temporary tables per session, set when the session starts (PostgreSQL refuses to change
 * it once the session has used one). Bulk paths stage their batches in temporary tables (the energy
 * ingest's 50,000-reading batches need ~20 MB); the default 8 MB would spill them to disk. Allocated
 * only as used.
 */
const TEMP_BUFFERS = '64MB';

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  poolSize?: number;
  /** Use an already-created PGlite (tests load one from a template). */
  pglite?: PGlite;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      options: `-c temp_buffers=${TEMP_BUFFERS}`,
    });
    // An idle connection the server closes (restart, failover, DROP DATABASE … FORCE) is dropped from
    // the pool and replaced on next use; without a listener pg would crash the process.
    pool.on('error', (err) => {
      process.emitWarning(`idle database connection closed: ${err.message}`);
    });
    const db = new Kysely({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) }) as Db;
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  let lock: DirLock | undefined;
  let pglite = opts.pglite;
  if (!pglite) {
    if (!opts.dataDir) throw new Error('dataDir is required for the embedded database');
    lock = lockDataDir(opts.dataDir);
    try {
      pglite = await PGlite.create(path.join(opts.dataDir, 'pg'), { extensions: { btree_gist, pg_trgm } });
    } catch (e) {
      lock.release();
      throw e;
    }
  }
  try {
    await pglite.exec(`set temp_buffers = '${TEMP_BUFFERS}'`);
  } catch {
    // a session handed in by the caller that has used temporary tables keeps its setting
  }
  const pool = new pg.Pool(createPgConfig(pglite));
  const db = new Kysely({ dialect: new PostgresDialect({ pool: preparingPool(pool, pglite) }) }) as Db;
  const engine = pglite;
  return {
    db,
    kind: 'pglite',
    pglite: engine,
    async close() {
      await db.destroy();
      if (!opts.pglite) await engine.close();
      lock?.release();
    },
  };
}
