import { sql } from 'kysely';
import type { Db } from '../../kernel/db/schema.ts';
import { prepared } from '../../kernel/db/prepared.ts';
import type { DomainError } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/http/access.ts';
import { bookingErrors, isOverlap } from './errors.ts';
import type { BookingDto } from './schemas.ts';
import type { Organizer } from './bookings.ts';

interface FastInput {
  start: Date;
  end: Date;
  title: string;
  attendees?: number | undefined;
  services: readonly string[];
  serviceNote?: string | undefined;
}

export type FastResult =
  | { booking: BookingDto; reason?: never; error?: never }
  | { booking?: never; reason: 'approval'; error?: never }
  | { booking?: never; reason: 'refused'; error: DomainError };

interface Out {
  room_found: boolean;
  active: boolean | null;
  capacity: number | null;
  policy: string | null;
  may_book: boolean | null;
  room_name: string | null;
  building_id: string | null;
  building_name: string | null;
  floor: number | null;
  id: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  status: BookingDto['status'] | null;
  sequence: number | null;
  created_at: Date | null;
}

/**
 * A one-off booking in ONE statement (one round trip, atomic on its own): the room's rules are read,
 * the booking inserted and the audit record written by data-modifying CTEs, and the exclusion
 * constraint room_booking_no_overlap refuses a double booking. When nothing was inserted the room's
 * columns say why; a room needing approval falls back to the transactional path (pending + matter).
 * This is the path the booking benchmark measures (bench/services.bench.ts).
 */
export async function fastBook(
  db: Db,
  actor: Actor,
  o: Organizer,
  roomId: string,
  input: FastInput,
): Promise<FastResult> {
  const attendees = input.attendees ?? null;
  let out: Out | undefined;
  try {
    // a fixed text with every value a parameter: prepared once per connection
    const query = prepared(
      sql<Out>`
      with r as (
        select m.id, m.capacity, m.policy, m.active, m.jurisdiction_id, m.unit_id, m.name, m.floor,
          b.id as building_id, b.name as building_name,
          (m.policy = 'all' or (m.policy = 'units' and exists (select 1 from meeting_room_unit mu
            where mu.room_id = m.id and mu.unit_id = ${o.unitId}::uuid))) as may_book
        from meeting_room m join office_building b on b.id = m.building_id
        where m.id = ${roomId}::uuid
      ), ins as (
        insert into room_booking (room_id, title, starts_at, ends_at, attendees, services, service_note,
          organizer_account_id, organizer_person_id, unit_id, jurisdiction_id, organizer_name)
        select r.id, ${input.title}, ${input.start.toISOString()}::timestamptz, ${input.end.toISOString()}::timestamptz,
          ${attendees}::int, ${sql.val(input.services)}::text[], ${input.serviceNote ?? null},
          ${o.accountId}::uuid, ${o.personId}::uuid, ${o.unitId}::uuid, ${o.jurisdictionId}::uuid, ${o.name}
        from r
        where r.active and r.may_book and (${attendees}::int is null or ${attendees}::int <= r.capacity)
        returning id, room_id, title, starts_at, ends_at, status, sequence, created_at
      ), a as (
        insert into audit_log (actor_account_id, actor_label, ip, entity, entity_id, action, after,
          jurisdiction_id, unit_id)
        select ${actor.accountId}::uuid, ${actor.label}, ${actor.ip}, 'rooms.booking', ins.id::text, 'create',
          jsonb_build_object('room_id', ins.room_id, 'title', ins.title, 'starts_at', ins.starts_at,
            'ends_at', ins.ends_at, 'status', ins.status, 'attendees', ${attendees}::int),
          r.jurisdiction_id, r.unit_id
        from ins cross join r
      )
      select (r.id is not null) as room_found, r.active, r.capacity, r.policy, r.may_book,
        r.name as room_name, r.building_id, r.building_name, r.floor,
        ins.id, ins.starts_at, ins.ends_at, ins.status, ins.sequence, ins.created_at
      from (select 1) one left join r on true left join ins on true`.compile(db),
    );
    const res = await retryDeadlock(() => db.executeQuery(query));
    out = res.rows[0];
  } catch (e) {
    if (isOverlap(e)) return { reason: 'refused', error: bookingErrors.conflict() };
    throw e;
  }
  if (!out || !out.room_found || !out.active)
    return { reason: 'refused', error: bookingErrors.roomNotFound(roomId) };
  if (out.id) {
    return {
      booking: {
        id: out.id,
        roomId,
        roomName: out.room_name!,
        buildingId: out.building_id!,
        buildingName: out.building_name!,
        floor: out.floor!,
        title: input.title,
        start: new Date(out.starts_at!).toISOString(),
        end: new Date(out.ends_at!).toISOString(),
        attendees,
        status: out.status!,
        services: [...input.services],
        serviceNote: input.serviceNote ?? null,
        organizerName: o.name,
        organizerAccountId: o.accountId,
        seriesId: null,
        approvalMatterId: null,
        sequence: out.sequence ?? 0,
        checkedInAt: null,
      },
    };
  }
  if (attendees !== null && attendees > out.capacity!) {
    return { reason: 'refused', error: bookingErrors.overCapacity(out.capacity!) };
  }
  if (out.policy === 'approval') return { reason: 'approval' };
  return { reason: 'refused', error: bookingErrors.notAllowed() };
}

/**
 * Runs a statement again when PostgreSQL broke a deadlock by aborting it: concurrent inserts of
 * overlapping ranges can wait on each other in the exclusion constraint's check. The rerun meets the
 * committed winner and fails with the constraint (409) — or succeeds if the winner went away.
 */
export async function retryDeadlock<T>(run: () => Promise<T>, attempts = 10): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (i >= attempts || (code !== '40P01' && code !== '40001')) throw e;
      // the losers of a deadlock retry at random moments, or they meet again in the same order
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * i));
    }
  }
}
