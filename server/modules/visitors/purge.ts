import { sql } from 'kysely';
import type { Db } from '../../kernel/db/schema.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { audit } from '../../kernel/audit/index.ts';
import { SYSTEM_ACTOR } from '../../kernel/http/access.ts';

/**
 * Removes the personal data of visits that ended more than `retainDays` ago: the encrypted ID number,
 * its keyed hash and the mobile number. The visit itself (name, host, times) stays for the record.
 * Returns how many visits were purged.
 */
export async function purgePersonalData(db: Db, retainDays: number, now = new Date()): Promise<number> {
  return inTransaction(db, async (tx) => {
    const cutoff = new Date(now.getTime() - retainDays * 86_400_000);
    const rows = await tx
      .updateTable('visitor_visit')
      .set({ id_cipher: null, id_hash: null, mobile: null, purged_at: now })
      .where('ends_at', '<', cutoff)
      .where('purged_at', 'is', null)
      .returning('id')
      .execute();
    if (rows.length > 0) {
      await audit(tx, SYSTEM_ACTOR, {
        entity: 'visitors.visit',
        action: 'purge',
        after: { count: rows.length, endedBefore: cutoff.toISOString() },
      });
    }
    return rows.length;
  });
}

/** How many visits still hold personal data past the retention period (for tests and the admin page). */
export async function overdueForPurge(db: Db, retainDays: number): Promise<number> {
  const row = await db
    .selectFrom('visitor_visit')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('ends_at', '<', new Date(Date.now() - retainDays * 86_400_000))
    .where('purged_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}
