import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../kernel/db/schema.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { errors } from '../../kernel/errors.ts';
import { audit, auditMany } from '../../kernel/audit/audit.ts';
import { DataScope } from '../../kernel/access/scope.ts';
import type { Actor, UserPrincipal } from '../../kernel/http/access.ts';
import { createMatter } from '../../kernel/approvals/index.ts';
import { bookingErrors, isOverlap } from './errors.ts';
import { expandSeries } from './recurrence.ts';
import { ACTIVE_STATUSES, moveBookings } from './status.ts';
import type { BookingCreate, BookingDto, BookingQuery } from './schemas.ts';
import { MATTER_TYPE, approverFor } from './approval.ts';
import { fastBook, retryDeadlock } from './fast-book.ts';
import './tables.ts';

/** Bookings: create (one-off, recurring, pending approval), cancel, check in, list. */

export function bookingRows(db: Executor) {
  return db
    .selectFrom('room_booking as k')
    .innerJoin('meeting_room as r', 'r.id', 'k.room_id')
    .innerJoin('office_building as b', 'b.id', 'r.building_id')
    .select([
      'k.id',
      'k.room_id',
      'r.name as room_name',
      'r.building_id',
      'b.name as building_name',
      'b.address as building_address',
      'r.floor',
      'k.title',
      'k.starts_at',
      'k.ends_at',
      'k.attendees',
      'k.status',
      'k.services',
      'k.service_note',
      'k.organizer_name',
      'k.organizer_account_id',
      'k.series_id',
      'k.approval_matter_id',
      'k.sequence',
      'k.checked_in_at',
      'k.created_at',
      'k.updated_at',
      'r.jurisdiction_id as room_jurisdiction_id',
      'r.unit_id as room_unit_id',
    ]);
}
export type BookingRow = Awaited<ReturnType<ReturnType<typeof bookingRows>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | string) => new Date(d).toISOString();

export function toBooking(r: BookingRow): BookingDto {
  return {
    id: r.id,
    roomId: r.room_id,
    roomName: r.room_name,
    buildingId: r.building_id,
    buildingName: r.building_name,
    floor: r.floor,
    title: r.title,
    start: iso(r.starts_at),
    end: iso(r.ends_at),
    attendees: r.attendees,
    status: r.status,
    services: r.services,
    serviceNote: r.service_note,
    organizerName: r.organizer_name,
    organizerAccountId: r.organizer_account_id,
    seriesId: r.series_id,
    approvalMatterId: r.approval_matter_id,
    sequence: r.sequence,
    checkedInAt: r.checked_in_at ? iso(r.checked_in_at) : null,
  };
}

export async function getBooking(db: Executor, id: string): Promise<BookingRow | undefined> {
  return bookingRows(db).where('k.id', '=', id).executeTakeFirst();
}

/** Checks a span without the database: end after start, not in the past, at most a day. */
export function checkSpan(start: Date, end: Date, now: Date): void {
  if (!(end.getTime() > start.getTime())) throw bookingErrors.endBeforeStart();
  // a minute of grace for a form submitted "now"
  if (start.getTime() < now.getTime() - 60_000) throw bookingErrors.inPast();
  if (end.getTime() - start.getTime() > 86_400_000) throw bookingErrors.tooLong();
}

export interface Organizer {
  accountId: string;
  personId: string | null;
  unitId: string | null;
  jurisdictionId: string | null;
  name: string;
}

export const organizerOf = (p: UserPrincipal): Organizer => ({
  accountId: p.accountId,
  personId: p.personId,
  unitId: p.unitId,
  jurisdictionId: p.jurisdictionId,
  name: p.displayName,
});

export interface Created {
  booking: BookingDto;
  occurrences: number;
}

/**
 * Books a room. A one-off booking of a room without approval is one statement (fast-book.ts); a room
 * that needs approval holds the slot as `pending` and raises a matter; a recurring booking inserts
 * its series in one transaction, all or nothing.
 */
export async function createBooking(
  db: Db,
  principal: UserPrincipal,
  actor: Actor,
  roomId: string,
  input: BookingCreate,
  timeZone: string,
  now = new Date(),
): Promise<Created> {
  const start = new Date(input.start);
  const end = new Date(input.end);
  checkSpan(start, end, now);
  const organizer = organizerOf(principal);
  if (!input.recurrence) {
    const fast = await fastBook(db, actor, organizer, roomId, { ...input, start, end });
    if (fast.booking) return { booking: fast.booking, occurrences: 1 };
    if (fast.reason !== 'approval') throw fast.error;
  }
  const starts = input.recurrence
    ? expandSeries(
        input.recurrence.rrule,
        start,
        input.recurrence.exdates.map((d) => new Date(d)),
        timeZone,
      )
    : [start];
  const durationMs = end.getTime() - start.getTime();
  try {
    return await retryDeadlock(() =>
      inTransaction(db, async (tx) => {
        const room = await tx
          .selectFrom('meeting_room')
          .selectAll()
          .where('id', '=', roomId)
          .executeTakeFirst();
        if (!room || !room.active) throw bookingErrors.roomNotFound(roomId);
        if (input.attendees && input.attendees > room.capacity)
          throw bookingErrors.overCapacity(room.capacity);
        if (room.policy === 'units') {
          const ok = organizer.unitId
            ? await tx
                .selectFrom('meeting_room_unit')
                .select('unit_id')
                .where('room_id', '=', roomId)
                .where('unit_id', '=', organizer.unitId)
                .executeTakeFirst()
            : undefined;
          if (!ok) throw bookingErrors.notAllowed();
        }
        await refuseConflicts(tx, roomId, starts, durationMs);
        const status = room.policy === 'approval' ? ('pending' as const) : ('confirmed' as const);
        let seriesId: string | null = null;
        if (input.recurrence) {
          const s = await tx
            .insertInto('room_booking_series')
            .values({
              room_id: roomId,
              rrule: input.recurrence.rrule,
              first_start: start,
              duration_minutes: Math.round(durationMs / 60_000),
              exdates: sql`${sql.val(input.recurrence.exdates)}::timestamptz[]`,
              organizer_account_id: organizer.accountId,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          seriesId = s.id;
        }
        const inserted = await tx
          .insertInto('room_booking')
          .values(
            starts.map((s) => ({
              room_id: roomId,
              series_id: seriesId,
              title: input.title,
              starts_at: s,
              ends_at: new Date(s.getTime() + durationMs),
              attendees: input.attendees ?? null,
              status,
              services: sql<string[]>`${sql.val(input.services)}::text[]`,
              service_note: input.serviceNote ?? null,
              organizer_account_id: organizer.accountId,
              organizer_person_id: organizer.personId,
              unit_id: organizer.unitId,
              jurisdiction_id: organizer.jurisdictionId,
              organizer_name: organizer.name,
            })),
          )
          .returning(['id', 'starts_at', 'ends_at'])
          .execute();
        const ids = inserted.map((r) => r.id);
        if (status === 'pending') {
          const matterId = await createMatter(
            tx,
            principal,
            {
              type: MATTER_TYPE,
              title: input.title,
              payload: {
                roomId,
                roomName: room.name,
                start: start.toISOString(),
                end: end.toISOString(),
                occurrences: ids.length,
                approver: await approverFor(tx, room.jurisdiction_id, organizer.jurisdictionId),
              },
              submit: true,
            },
            actor,
          );
          await tx
            .updateTable('room_booking')
            .set({ approval_matter_id: matterId })
            .where('id', 'in', ids)
            .execute();
        }
        await auditMany(
          tx,
          actor,
          inserted.map((r) => ({
            entity: 'rooms.booking',
            entityId: r.id,
            action: 'create',
            after: {
              room_id: roomId,
              title: input.title,
              starts_at: r.starts_at,
              ends_at: r.ends_at,
              status,
              series_id: seriesId,
            },
            jurisdictionId: room.jurisdiction_id,
            unitId: room.unit_id,
          })),
        );
        return { booking: toBooking((await getBooking(tx, ids[0]!))!), occurrences: ids.length };
      }),
    );
  } catch (e) {
    if (isOverlap(e)) throw bookingErrors.conflict();
    throw e;
  }
}

/** Refuses a set of occurrences when any overlaps an active booking, naming the clashing times. */
async function refuseConflicts(tx: Tx, roomId: string, starts: Date[], durationMs: number): Promise<void> {
  const lo = starts[0]!;
  const hi = new Date(starts[starts.length - 1]!.getTime() + durationMs);
  const busy = await tx
    .selectFrom('room_booking')
    .select(['starts_at', 'ends_at'])
    .where('room_id', '=', roomId)
    .where('status', 'in', ACTIVE_STATUSES)
    .where('starts_at', '<', hi)
    .where('ends_at', '>', lo)
    .execute();
  const clashes = starts.filter((s) =>
    busy.some(
      (b) =>
        new Date(b.starts_at).getTime() < s.getTime() + durationMs &&
        new Date(b.ends_at).getTime() > s.getTime(),
    ),
  );
  if (clashes.length > 0) {
    throw bookingErrors.conflict(
      clashes.slice(0, 20).map((s) => ({ field: 'start', start: s.toISOString() })),
    );
  }
}

/** Whether the principal manages the room (rooms.manage over its owner). */
export function managesRoom(
  p: UserPrincipal,
  row: Pick<BookingRow, 'room_jurisdiction_id' | 'room_unit_id'>,
): boolean {
  return DataScope.forPermission(p.roles, 'rooms.manage', p.personId).covers({
    jurisdictionId: row.room_jurisdiction_id,
    unitId: row.room_unit_id,
  });
}

async function lockOwn(tx: Tx, p: UserPrincipal, id: string): Promise<BookingRow> {
  const row = await bookingRows(tx).where('k.id', '=', id).forUpdate('k').executeTakeFirst();
  if (!row) throw errors.notFound('rooms.booking', id);
  if (row.organizer_account_id !== p.accountId && !managesRoom(p, row)) throw bookingErrors.notOrganizer();
  return row;
}

/** Cancels a booking, or with `series` every occurrence of its series from this one on. */
export async function cancelBooking(
  db: Db,
  p: UserPrincipal,
  actor: Actor,
  id: string,
  series = false,
): Promise<BookingDto> {
  return inTransaction(db, async (tx) => {
    const row = await lockOwn(tx, p, id);
    if (!ACTIVE_STATUSES.includes(row.status)) throw bookingErrors.notOpen(row.status);
    let q = tx
      .updateTable('room_booking')
      .set({
        status: 'cancelled',
        cancelled_at: sql`now()`,
        updated_at: sql`now()`,
        sequence: sql`sequence + 1`,
      })
      .where('status', 'in', ACTIVE_STATUSES);
    q =
      series && row.series_id
        ? q.where('series_id', '=', row.series_id).where('starts_at', '>=', row.starts_at)
        : q.where('id', '=', id);
    const done = await q.returning(['id', 'status']).execute();
    if (!series && row.series_id) {
      await sql`update room_booking_series set exdates = array_append(exdates, ${row.starts_at}::timestamptz)
        where id = ${row.series_id}::uuid`.execute(tx);
    }
    await auditMany(
      tx,
      actor,
      done.map((d) => ({
        entity: 'rooms.booking',
        entityId: d.id,
        action: 'cancel',
        before: { status: d.id === id ? row.status : 'confirmed' },
        after: { status: 'cancelled' },
        jurisdictionId: row.room_jurisdiction_id,
        unitId: row.room_unit_id,
      })),
    );
    return toBooking((await getBooking(tx, id))!);
  });
}

/** The organiser checks in: from a few minutes before the start until the end. */
export async function checkIn(
  db: Db,
  p: UserPrincipal,
  actor: Actor,
  id: string,
  earlyMinutes: number,
): Promise<BookingDto> {
  return inTransaction(db, async (tx) => {
    const row = await lockOwn(tx, p, id);
    if (row.status === 'checked_in') return toBooking(row);
    if (row.status !== 'confirmed') throw bookingErrors.notOpen(row.status);
    const done = await tx
      .updateTable('room_booking')
      .set({ status: 'checked_in', checked_in_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', id)
      .where('status', '=', 'confirmed')
      .where(sql<boolean>`now() >= starts_at - make_interval(mins => ${earlyMinutes}) and now() < ends_at`)
      .returning('id')
      .executeTakeFirst();
    if (!done) throw bookingErrors.checkInWindow();
    await audit(tx, actor, {
      entity: 'rooms.booking',
      entityId: id,
      action: 'check_in',
      before: { status: 'confirmed' },
      after: { status: 'checked_in' },
      jurisdictionId: row.room_jurisdiction_id,
      unitId: row.room_unit_id,
    });
    return toBooking((await getBooking(tx, id))!);
  });
}

/** Releases confirmed bookings nobody checked in to within `graceMinutes` of the start. */
export async function releaseNoShows(db: Db, actor: Actor, graceMinutes: number): Promise<number> {
  if (graceMinutes <= 0) return 0;
  return inTransaction(db, (tx) =>
    moveBookings(
      tx,
      actor,
      { from: 'confirmed', to: 'released', action: 'release' },
      sql<boolean>`k.starts_at + make_interval(mins => ${graceMinutes}) <= now()`,
    ),
  );
}

/** Bookings of a room or building over a span, for the day and week calendars. */
export async function listBookings(
  db: Executor,
  f: BookingQuery,
  scope: DataScope | null = null,
): Promise<BookingDto[]> {
  let q = bookingRows(db).where('k.starts_at', '<', new Date(f.to)).where('k.ends_at', '>', new Date(f.from));
  if (scope) q = q.where(scope.where({ jurisdiction: 'r.jurisdiction_id', unit: 'r.unit_id' }));
  if (!f.includeInactive) q = q.where('k.status', 'in', ACTIVE_STATUSES);
  if (f.roomId) q = q.where('k.room_id', '=', f.roomId);
  if (f.buildingId) q = q.where('r.building_id', '=', f.buildingId);
  return (await q.orderBy('k.starts_at').limit(5000).execute()).map(toBooking);
}

/** The caller's own bookings from a week ago on. */
export async function myBookings(db: Executor, accountId: string): Promise<BookingDto[]> {
  const rows = await bookingRows(db)
    .where('k.organizer_account_id', '=', accountId)
    .where('k.ends_at', '>', sql<Date>`now() - interval '7 days'`)
    .orderBy('k.starts_at')
    .limit(500)
    .execute();
  return rows.map(toBooking);
}
