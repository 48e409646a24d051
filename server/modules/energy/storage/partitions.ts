import { sql } from 'kysely';
import type { Executor } from '../../../kernel/db/schema.ts';

/** Per database handle: months (UTC, 'YYYY-MM') whose reading partition is known to exist. */
const knownByDb = new WeakMap<object, Set<string>>();

const monthKey = (d: Date) => d.toISOString().slice(0, 7);

/**
 * Makes sure the monthly partitions of energy_reading cover [from, to]. Cached per process, so the
 * ingest path pays one lookup per new month; partitions are never dropped behind its back (retention
 * detaches whole old months, which the cache does not remember anyway after a restart).
 * Call it outside the writing transaction, so a rolled-back batch never leaves the cache wrong.
 */
export async function ensurePartitions(db: Executor, from: Date, to: Date): Promise<void> {
  let known = knownByDb.get(db);
  if (!known) knownByDb.set(db, (known = new Set()));
  let missing = false;
  for (let m = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1)); m <= to;) {
    if (!known.has(monthKey(m))) missing = true;
    m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
  }
  if (!missing) return;
  await sql`select energy_reading_ensure_partitions(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz)`.execute(
    db,
  );
  for (let m = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1)); m <= to;) {
    known.add(monthKey(m));
    m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
  }
}
