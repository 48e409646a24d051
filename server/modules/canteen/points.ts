import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/http/access.ts';
import type { DataScope } from '../../kernel/access/scope.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { errors } from '../../kernel/errors.ts';
import { audit } from '../../kernel/audit/index.ts';

/**
 * Canteen service points: opened by a unit, edited (name, location, address, cut-off, delivery) and
 * deactivated by the canteen office. A deactivated point takes no new orders; the orders already
 * placed stand (the kitchen still serves them and their owners may still cancel before the cut-off).
 */

export const HHMM = (t: string | null) => (t ? t.slice(0, 5) : null);

export interface PointFields {
  name: string;
  location?: string | null | undefined;
  address?: string | null | undefined;
  cutoff?: string | null | undefined;
  delivery?: boolean | undefined;
}
export type PointPatch = Partial<PointFields> & { active?: boolean | undefined };

export async function listPoints(db: Executor, where: { scope?: DataScope; jurisdictionId?: string }) {
  let q = db
    .selectFrom('canteen_point as p')
    .innerJoin('org_unit as u', 'u.id', 'p.unit_id')
    .select([
      'p.id',
      'p.name',
      'p.jurisdiction_id',
      'p.unit_id',
      'u.name as unit_name',
      'p.location',
      'p.address',
      'p.cutoff',
      'p.delivery',
      'p.active',
    ])
    .orderBy('p.name');
  if (where.scope) q = q.where(where.scope.where({ jurisdiction: 'p.jurisdiction_id', unit: 'p.unit_id' }));
  if (where.jurisdictionId)
    q = q.where('p.jurisdiction_id', '=', where.jurisdictionId).where('p.active', '=', true);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    jurisdictionId: r.jurisdiction_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    location: r.location,
    address: r.address,
    cutoff: HHMM(r.cutoff),
    delivery: r.delivery,
    active: r.active,
  }));
}

/** A unique point name: the database's unique key decides, also between concurrent requests. */
function nameTaken(e: unknown): never {
  if ((e as { constraint?: string }).constraint === 'canteen_point_name_key') {
    throw errors.conflict(
      'canteen_point_name_taken',
      { 'zh-CN': '已有同名食堂', en: 'A canteen with this name already exists' },
      [{ field: 'name', code: 'canteen_point_name_taken' }],
    );
  }
  throw e;
}

/** The cut-off must fall before the first active dining slot begins: orders close before anyone dines. */
export function cutoffBeforeSlots(cutoff: string, firstStart: string | null, field: 'cutoff' | 'starts') {
  if (firstStart === null || cutoff < firstStart) return;
  throw errors.field(
    field,
    'canteen_cutoff_after_slot',
    field === 'cutoff'
      ? {
          'zh-CN': `订餐截止时间 ${cutoff} 须早于第一个用餐时段的开始时间 ${firstStart}`,
          en: `The order cut-off ${cutoff} must be before the first dining slot starts (${firstStart})`,
        }
      : {
          'zh-CN': `用餐时段须在订餐截止时间 ${cutoff} 之后开始`,
          en: `A dining slot must start after the order cut-off (${cutoff})`,
        },
  );
}

/** Locks a point for a change to it or its slots (cut-off and slot times are checked against each other). */
export async function lockPoint(tx: Tx, pointId: string) {
  const point = await tx
    .selectFrom('canteen_point')
    .selectAll()
    .where('id', '=', pointId)
    .forUpdate()
    .executeTakeFirst();
  if (!point) throw errors.notFound('canteen.point', pointId);
  return point;
}

export async function createPoint(db: Db, actor: Actor, input: PointFields & { unitId: string }) {
  return inTransaction(db, async (tx) => {
    const unit = await tx
      .selectFrom('org_unit')
      .select(['id', 'jurisdiction_id'])
      .where('id', '=', input.unitId)
      .executeTakeFirstOrThrow();
    const row = await tx
      .insertInto('canteen_point')
      .values({
        name: input.name,
        unit_id: unit.id,
        jurisdiction_id: unit.jurisdiction_id,
        location: input.location ?? null,
        address: input.address ?? null,
        cutoff: input.cutoff ?? null,
        delivery: input.delivery ?? true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'canteen.point',
      entityId: row.id,
      action: 'create',
      after: input,
      jurisdictionId: unit.jurisdiction_id,
      unitId: unit.id,
    });
    return row.id;
  }).catch(nameTaken);
}

/**
 * Edits a point. A changed cut-off (its own, or the deployment's default when cleared) must fall before
 * the first active slot, as must the cut-off of a point being reactivated; deactivating stops new orders and answers how many placed orders from `today` on
 * still stand.
 */
export async function updatePoint(
  db: Db,
  actor: Actor,
  defaultCutoff: string,
  pointId: string,
  patch: PointPatch,
  today: string,
) {
  return inTransaction(db, async (tx) => {
    const before = await lockPoint(tx, pointId);
    const next = {
      name: patch.name ?? before.name,
      location: patch.location === undefined ? before.location : patch.location,
      address: patch.address === undefined ? before.address : patch.address,
      cutoff: patch.cutoff === undefined ? HHMM(before.cutoff) : patch.cutoff,
      delivery: patch.delivery ?? before.delivery,
      active: patch.active ?? before.active,
    };
    if (patch.cutoff !== undefined || (next.active && !before.active)) {
      const first = await tx
        .selectFrom('canteen_slot')
        .select(sql<string | null>`min(starts)::text`.as('starts'))
        .where('point_id', '=', pointId)
        .where('active', '=', true)
        .executeTakeFirstOrThrow();
      cutoffBeforeSlots(next.cutoff ?? defaultCutoff, HHMM(first.starts), 'cutoff');
    }
    await tx
      .updateTable('canteen_point')
      .set({ ...next, updated_at: sql`now()` })
      .where('id', '=', pointId)
      .execute();
    const upcoming = await tx
      .selectFrom('canteen_order')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('point_id', '=', pointId)
      .where('status', '=', 'placed')
      .where('day', '>=', today)
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'canteen.point',
      entityId: pointId,
      action: 'update',
      before: {
        name: before.name,
        location: before.location,
        address: before.address,
        cutoff: HHMM(before.cutoff),
        delivery: before.delivery,
        active: before.active,
      },
      after: next,
      jurisdictionId: before.jurisdiction_id,
      unitId: before.unit_id,
    });
    return { id: pointId, upcomingOrders: upcoming.n };
  }).catch(nameTaken);
}
