import crypto from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db, Executor } from '../../kernel/db/schema.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { errors } from '../../kernel/errors.ts';
import { audit } from '../../kernel/audit/audit.ts';
import type { Actor, UserPrincipal } from '../../kernel/http/access.ts';
import { bookingRows, type BookingRow } from './bookings.ts';
import './tables.ts';

/**
 * Subscribable calendar feeds: an unguessable token (32 random bytes) in a public URL; only its
 * SHA-256 is stored, so the URL is shown once when the feed is made. Revoking ends it at once.
 */

export const feedCreate = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person') }),
  z.object({ kind: z.literal('room'), roomId: z.uuid() }),
]);
export type FeedCreate = z.infer<typeof feedCreate>;

export const feedItem = z.object({
  id: z.string(),
  kind: z.enum(['person', 'room']),
  roomId: z.string().nullable(),
  roomName: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastReadAt: z.string().nullable(),
});
export const feedCreated = feedItem.extend({ token: z.string(), url: z.string() });

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
export const feedPath = (token: string) => `/api/rooms/feeds/${token}.ics`;

export async function createFeed(db: Db, p: UserPrincipal, actor: Actor, input: FeedCreate) {
  return inTransaction(db, async (tx) => {
    let roomName: string | null = null;
    if (input.kind === 'room') {
      const r = await tx
        .selectFrom('meeting_room')
        .select('name')
        .where('id', '=', input.roomId)
        .executeTakeFirst();
      if (!r) throw errors.notFound('rooms.room', input.roomId);
      roomName = r.name;
    }
    const token = crypto.randomBytes(32).toString('base64url');
    const row = await tx
      .insertInto('room_calendar_feed')
      .values({
        kind: input.kind,
        account_id: p.accountId,
        room_id: input.kind === 'room' ? input.roomId : null,
        token_hash: hash(token),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'rooms.feed',
      entityId: row.id,
      action: 'create',
      after: { kind: row.kind, room_id: row.room_id },
      jurisdictionId: p.jurisdictionId,
      unitId: p.unitId,
    });
    return {
      id: row.id,
      kind: row.kind,
      roomId: row.room_id,
      roomName,
      createdAt: new Date(row.created_at).toISOString(),
      revokedAt: null,
      lastReadAt: null,
      token,
    };
  });
}

export async function listFeeds(db: Executor, accountId: string) {
  const rows = await db
    .selectFrom('room_calendar_feed as f')
    .leftJoin('meeting_room as r', 'r.id', 'f.room_id')
    .select([
      'f.id',
      'f.kind',
      'f.room_id',
      'r.name as room_name',
      'f.created_at',
      'f.revoked_at',
      'f.last_read_at',
    ])
    .where('f.account_id', '=', accountId)
    .orderBy('f.created_at', 'desc')
    .execute();
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    roomId: r.room_id,
    roomName: r.room_name,
    createdAt: new Date(r.created_at).toISOString(),
    revokedAt: iso(r.revoked_at),
    lastReadAt: iso(r.last_read_at),
  }));
}

export async function revokeFeed(db: Db, p: UserPrincipal, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const done = await tx
      .updateTable('room_calendar_feed')
      .set({ revoked_at: sql`now()` })
      .where('id', '=', id)
      .where('account_id', '=', p.accountId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!done) throw errors.notFound('rooms.feed', id);
    await audit(tx, actor, {
      entity: 'rooms.feed',
      entityId: id,
      action: 'revoke',
      jurisdictionId: p.jurisdictionId,
      unitId: p.unitId,
    });
  });
}

/** The bookings a live token's feed shows (30 days back to a year ahead), or undefined for a bad token. */
export async function readFeed(
  db: Db,
  token: string,
): Promise<{ name: string; rows: BookingRow[] } | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const f = await db
    .updateTable('room_calendar_feed')
    .set({ last_read_at: sql`now()` })
    .where('token_hash', '=', hash(token))
    .where('revoked_at', 'is', null)
    .returning(['kind', 'account_id', 'room_id'])
    .executeTakeFirst();
  if (!f) return undefined;
  let q = bookingRows(db)
    .where('k.starts_at', '>', sql<Date>`now() - interval '30 days'`)
    .where('k.starts_at', '<', sql<Date>`now() + interval '366 days'`)
    .where('k.status', 'in', ['pending', 'confirmed', 'checked_in', 'cancelled']);
  q =
    f.kind === 'room'
      ? q.where('k.room_id', '=', f.room_id!)
      : q.where('k.organizer_account_id', '=', f.account_id);
  const rows = await q.orderBy('k.starts_at').limit(5000).execute();
  const name =
    f.kind === 'room'
      ? ((await db.selectFrom('meeting_room').select('name').where('id', '=', f.room_id!).executeTakeFirst())
          ?.name ?? '会议室')
      : '我的会议室预订';
  return { name, rows };
}

/** Usernames of organisers, for organiser addresses in .ics files. */
export async function usernames(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((x): x is string => !!x))];
  if (list.length === 0) return new Map();
  const rows = await db
    .selectFrom('auth_account')
    .select(['id', 'username'])
    .where('id', 'in', list)
    .execute();
  return new Map(rows.map((r) => [r.id, r.username]));
}
