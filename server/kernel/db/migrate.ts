import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './schema.ts';

/** A set of forward-only SQL migrations owned by one kernel component or module. */
export interface MigrationSource {
  /** The owner's name, recorded in the ledger (e.g. 'kernel', 'vehicles'). */
  owner: string;
  /** A directory of `*.sql` files, applied in name order (names start with a date). */
  dir: string;
}

export interface AppliedMigration {
  owner: string;
  name: string;
}

const LOCK_KEY = 7_420_031; // pg_advisory_lock key: one migrator at a time across app instances

export async function migrate(
  db: Db,
  sources: readonly MigrationSource[],
  log: (line: string) => void = () => {},
): Promise<AppliedMigration[]> {
  const applied: AppliedMigration[] = [];
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${LOCK_KEY})`.execute(conn);
    try {
      await sql`
        create table if not exists goa_migration (
          owner text not null,
          name text not null,
          checksum text not null,
          applied_at timestamptz not null default now(),
          primary key (owner, name)
        )`.execute(conn);
      const done = await sql<{
        owner: string;
        name: string;
        checksum: string;
      }>`select owner, name, checksum from goa_migration`.execute(conn);
      const ledger = new Map(done.rows.map((r) => [`${r.owner}/${r.name}`, r.checksum]));
      for (const source of sources) {
        if (!fs.existsSync(source.dir)) continue;
        const files = fs
          .readdirSync(source.dir)
          .filter((f) => f.endsWith('.sql'))
          .sort();
        for (const file of files) {
          const text = fs.readFileSync(path.join(source.dir, file), 'utf8');
          const checksum = crypto.createHash('sha256').update(text).digest('hex');
          const key = `${source.owner}/${file}`;
          const known = ledger.get(key);
          if (known !== undefined) {
            if (known !== checksum) {
              throw new Error(
                `Migration ${key} was changed after it was applied. Migrations are forward-only: add a new file instead.`,
              );
            }
            continue;
          }
          await conn.transaction().execute(async (trx) => {
            await sql.raw(text).execute(trx);
            await sql`insert into goa_migration (owner, name, checksum) values (${source.owner}, ${file}, ${checksum})`.execute(
              trx,
            );
          });
          log(`migrated ${key}`);
          applied.push({ owner: source.owner, name: file });
        }
      }
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
    }
  });
  return applied;
}
