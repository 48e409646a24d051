import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/http/access.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { errors } from '../../kernel/errors.ts';
import { audit } from '../../kernel/audit/index.ts';
import { cutoffBeforeSlots, HHMM, lockPoint } from './points.ts';

/**
 * Staggered dining slots (错峰用餐时段) of a point. The database keeps the rules that matter under
 * concurrency: active slots of one point never overlap (exclusion constraint canteen_slot_no_overlap),
 * and a day's counter never holds more bookings than its capacity (CHECK canteen_slot_not_overbooked),
 * so lowering a capacity below the seats already booked for an upcoming day fails in the database even
 * when an order races the change. The service checks first to name the field and the day in the error.
 */

export interface SlotInput {
  starts: string;
  ends: string;
  capacity: number;
}
export type SlotPatch = Partial<SlotInput> & { active?: boolean | undefined };

/** A point's slots with the bookings of `day` and the most booked on any day from `day` on. */
export async function listSlots(db: Executor, pointId: string, day: string | null) {
  const from = day ?? '1900-01-01';
  const rows = await db
    .selectFrom('canteen_slot as s')
    .leftJoin('canteen_slot_day as d', (j) => j.onRef('d.slot_id', '=', 's.id').on('d.day', '=', from))
    .select([
      's.id',
      's.starts',
      's.ends',
      's.capacity',
      's.active',
      'd.booked',
      'd.capacity as day_capacity',
      sql<number>`(select coalesce(max(x.booked), 0)::int from canteen_slot_day x where x.slot_id = s.id and x.day >= ${from}::date)`.as(
        'max_booked',
      ),
    ])
    .where('s.point_id', '=', pointId)
    .orderBy('s.starts')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    starts: HHMM(r.starts)!,
    ends: HHMM(r.ends)!,
    capacity: r.day_capacity ?? r.capacity,
    booked: r.booked ?? 0,
    maxBooked: r.max_booked,
    active: r.active,
  }));
}

const slotOverlap = (other: { starts: string; ends: string } | null) =>
  errors.conflict(
    'canteen_slot_overlap',
    other
      ? {
          'zh-CN': `与已有时段 ${HHMM(other.starts)}–${HHMM(other.ends)} 重叠`,
          en: `Overlaps the slot ${HHMM(other.starts)}–${HHMM(other.ends)}`,
        }
      : { 'zh-CN': '与本食堂已有的用餐时段重叠', en: "Overlaps another of the canteen's dining slots" },
    [{ field: 'starts', code: 'canteen_slot_overlap' }],
  );

const belowBooked = (day: string | null, booked: number | null) =>
  errors.field(
    'capacity',
    'canteen_capacity_below_booked',
    day
      ? {
          'zh-CN': `${day} 已有 ${booked} 人预约，容量不能低于此数`,
          en: `${booked} seats are booked on ${day}; the capacity cannot go below that`,
        }
      : {
          'zh-CN': '容量不能低于今后已预约的人数',
          en: 'The capacity cannot go below the seats already booked for an upcoming day',
        },
  );

/** The database's verdicts on a slot write (a concurrent change slipped past the service's checks). */
function fromConstraint(e: unknown): never {
  const constraint = (e as { constraint?: string }).constraint;
  if (constraint === 'canteen_slot_no_overlap') throw slotOverlap(null);
  if (constraint === 'canteen_slot_not_overbooked') throw belowBooked(null, null);
  throw e;
}

/** Checks a slot's final state against the point: end after start, after the cut-off, no overlap. */
async function checkSlot(
  tx: Tx,
  point: { id: string; cutoff: string | null },
  defaultCutoff: string,
  slot: { id: string | null; starts: string; ends: string; active: boolean },
) {
  if (slot.ends <= slot.starts) {
    throw errors.field('ends', 'canteen_slot_order', {
      'zh-CN': '结束时间必须晚于开始时间',
      en: 'The end must be after the start',
    });
  }
  if (!slot.active) return;
  cutoffBeforeSlots(HHMM(point.cutoff) ?? defaultCutoff, slot.starts, 'starts');
  let q = tx
    .selectFrom('canteen_slot')
    .select(['starts', 'ends'])
    .where('point_id', '=', point.id)
    .where('active', '=', true)
    .where('starts', '<', slot.ends)
    .where('ends', '>', slot.starts);
  if (slot.id) q = q.where('id', '!=', slot.id);
  const other = await q.executeTakeFirst();
  if (other) throw slotOverlap(other);
}

export async function createSlot(
  db: Db,
  actor: Actor,
  defaultCutoff: string,
  pointId: string,
  input: SlotInput,
) {
  return inTransaction(db, async (tx) => {
    const point = await lockPoint(tx, pointId);
    await checkSlot(tx, point, defaultCutoff, { id: null, ...input, active: true });
    const row = await tx
      .insertInto('canteen_slot')
      .values({ point_id: pointId, ...input })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'canteen.slot',
      entityId: row.id,
      action: 'create',
      after: { pointId, ...input },
      jurisdictionId: point.jurisdiction_id,
      unitId: point.unit_id,
    });
    return row.id;
  }).catch(fromConstraint);
}

/**
 * Edits a slot: its times (only while nobody is booked into it from `today` on), its capacity (never
 * below the seats booked for any day from `today` on; the days' counters follow), or retires it
 * (it takes no new bookings; those already made stand).
 */
export async function updateSlot(
  db: Db,
  actor: Actor,
  defaultCutoff: string,
  slotId: string,
  patch: SlotPatch,
  today: string,
) {
  return inTransaction(db, async (tx) => {
    const found = await tx
      .selectFrom('canteen_slot')
      .select('point_id')
      .where('id', '=', slotId)
      .executeTakeFirst();
    if (!found) throw errors.notFound('canteen.slot', slotId);
    const point = await lockPoint(tx, found.point_id);
    const before = await tx
      .selectFrom('canteen_slot')
      .selectAll()
      .where('id', '=', slotId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const was = { starts: HHMM(before.starts)!, ends: HHMM(before.ends)!, capacity: before.capacity };
    const next = {
      starts: patch.starts ?? was.starts,
      ends: patch.ends ?? was.ends,
      capacity: patch.capacity ?? was.capacity,
      active: patch.active ?? before.active,
    };
    await checkSlot(tx, point, defaultCutoff, { id: slotId, ...next });
    // the days' counters from today on, locked so that no order takes a seat while they are checked
    const days = await tx
      .selectFrom('canteen_slot_day')
      .select(['day', 'booked'])
      .where('slot_id', '=', slotId)
      .where('day', '>=', today)
      .orderBy('booked', 'desc')
      .orderBy('day')
      .forUpdate()
      .execute();
    const busiest = days[0] && days[0].booked > 0 ? days[0] : null;
    if (busiest && (next.starts !== was.starts || next.ends !== was.ends)) {
      throw errors.field('starts', 'canteen_slot_has_bookings', {
        'zh-CN': `${busiest.day} 已有 ${busiest.booked} 人预约此时段，不能修改起止时间；可停用后新增时段`,
        en: `${busiest.booked} seats are booked on ${busiest.day}; the times cannot change (retire it and add a new slot)`,
      });
    }
    if (busiest && next.capacity < busiest.booked) throw belowBooked(busiest.day, busiest.booked);
    await tx.updateTable('canteen_slot').set(next).where('id', '=', slotId).execute();
    if (next.capacity !== was.capacity) {
      // CHECK booked <= capacity refuses this in the database if a seat was taken meanwhile
      await tx
        .updateTable('canteen_slot_day')
        .set({ capacity: next.capacity })
        .where('slot_id', '=', slotId)
        .where('day', '>=', today)
        .execute();
    }
    await audit(tx, actor, {
      entity: 'canteen.slot',
      entityId: slotId,
      action: 'update',
      before: { ...was, active: before.active },
      after: next,
      jurisdictionId: point.jurisdiction_id,
      unitId: point.unit_id,
    });
  }).catch(fromConstraint);
}
