import { sql, type Expression, type SqlBool } from 'kysely';
import type { Tx } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/http/access.ts';
import { auditMany } from '../../kernel/audit/audit.ts';
import type { BookingStatus } from './tables.ts';

/** The statuses that hold a room's time (the exclusion constraint's WHERE clause says the same). */
export const ACTIVE_STATUSES: readonly BookingStatus[] = ['pending', 'confirmed', 'checked_in'];

/**
 * Moves every booking in status `from` that `which` picks (an expression over `k`, the booking, and `r`,
 * its room) to status `to` with one conditional UPDATE, bumps each one's calendar sequence and audits each
 * under `action` in the same transaction. Returns how many moved.
 */
export async function moveBookings(
  tx: Tx,
  actor: Actor,
  move: { from: BookingStatus; to: BookingStatus; action: string },
  which: Expression<SqlBool>,
): Promise<number> {
  const done = await tx
    .updateTable('room_booking as k')
    .set({ status: move.to, updated_at: sql`now()`, sequence: sql`k.sequence + 1` })
    .from('meeting_room as r')
    .whereRef('r.id', '=', 'k.room_id')
    .where('k.status', '=', move.from)
    .where(which)
    .returning(['k.id', 'r.jurisdiction_id', 'r.unit_id'])
    .execute();
  await auditMany(
    tx,
    actor,
    done.map((d) => ({
      entity: 'rooms.booking',
      entityId: d.id,
      action: move.action,
      before: { status: move.from },
      after: { status: move.to },
      jurisdictionId: d.jurisdiction_id,
      unitId: d.unit_id,
    })),
  );
  return done.length;
}
