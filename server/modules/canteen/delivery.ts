import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/http/access.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { errors } from '../../kernel/errors.ts';
import { audit } from '../../kernel/audit/index.ts';
import { lockPoint } from './points.ts';

/**
 * Delivery routes (送餐路线) of a point: a route covers stops — a whole building, or a range of its
 * floors — and is run in the point's order of routes. The database keeps one building floor covered
 * by at most one active route of a point (exclusion constraint canteen_route_stop_no_overlap), so a
 * delivery order is routed to exactly one route; the service checks first to name the stop and the
 * route that already covers it. Route names are unique per point (retired routes included: bring one
 * back rather than add a namesake).
 *
 * A change applies to the orders placed after it. Orders already placed keep the route they were
 * given — retiring a route, or moving a building to another route, never strands a paid lunch: the
 * kitchen's route list still shows them on their route — and the answer says how many placed orders
 * from today on ride the route, so that the canteen office can tell its runner.
 */

export interface Stop {
  building: string;
  floorFrom?: number | null | undefined;
  floorTo?: number | null | undefined;
}
export interface RouteInput {
  name: string;
  stops: Stop[];
}
export type RoutePatch = Partial<RouteInput> & { active?: boolean | undefined };

const LOWEST = -5;
const HIGHEST = 200;

/** A point's routes in their order, with their stops and the placed orders from `today` on. */
export async function listRoutes(
  db: Executor,
  pointId: string,
  opts: { activeOnly?: boolean; today?: string } = {},
) {
  let q = db
    .selectFrom('canteen_route as r')
    .select([
      'r.id',
      'r.name',
      'r.active',
      'r.sort',
      opts.today
        ? sql<number>`(select count(*)::int from canteen_order o where o.point_id = r.point_id and o.route_id = r.id and o.status = 'placed' and o.day >= ${opts.today}::date)`.as(
            'upcoming',
          )
        : sql<number>`0`.as('upcoming'),
    ])
    .where('r.point_id', '=', pointId)
    .orderBy('r.sort')
    .orderBy('r.name');
  if (opts.activeOnly) q = q.where('r.active', '=', true);
  const routes = await q.execute();
  const stops = routes.length
    ? await db
        .selectFrom('canteen_route_stop')
        .select(['route_id', 'building', 'floor_from', 'floor_to'])
        .where(
          'route_id',
          'in',
          routes.map((r) => r.id),
        )
        .orderBy('route_id')
        .orderBy('sort')
        .execute()
    : [];
  return routes.map((r) => {
    const own = stops
      .filter((s) => s.route_id === r.id)
      .map((s) => ({ building: s.building, floorFrom: s.floor_from, floorTo: s.floor_to }));
    return {
      id: r.id,
      name: r.name,
      active: r.active,
      sort: r.sort,
      buildings: [...new Set(own.map((s) => s.building))],
      stops: own,
      upcomingOrders: r.upcoming,
    };
  });
}

/** The route of a point that delivers to a building floor (at most one: the exclusion constraint). */
export async function routeFor(tx: Executor, pointId: string, building: string, floor: number) {
  const row = await tx
    .selectFrom('canteen_route_stop')
    .select('route_id')
    .where('point_id', '=', pointId)
    .where('active', '=', true)
    .where('building', '=', building)
    .where(
      sql<boolean>`${floor}::int between coalesce(floor_from, ${LOWEST}) and coalesce(floor_to, ${HIGHEST})`,
    )
    .executeTakeFirst();
  return row?.route_id ?? null;
}

/** How a stop's floors read (as the management page shows them): 整栋 / 3–8层 / 3层及以上 / 2层及以下. */
export function floorsLabel(s: {
  floorFrom?: number | null | undefined;
  floorTo?: number | null | undefined;
}) {
  const from = s.floorFrom ?? null;
  const to = s.floorTo ?? null;
  if (from === null && to === null) return { zh: '整栋', en: 'all floors' };
  if (from === null) return { zh: `${to}层及以下`, en: `floors ≤${to}` };
  if (to === null) return { zh: `${from}层及以上`, en: `floors ≥${from}` };
  return { zh: `${from}–${to}层`, en: `floors ${from}–${to}` };
}

const range = (s: Stop): [number, number] => [s.floorFrom ?? LOWEST, s.floorTo ?? HIGHEST];
const overlaps = (a: Stop, b: Stop) => {
  const [a0, a1] = range(a);
  const [b0, b1] = range(b);
  return a.building === b.building && a0 <= b1 && b0 <= a1;
};

function stopTaken(i: number | null, stop: Stop | null, other: string | null) {
  const where = stop ? `${stop.building} ${floorsLabel(stop).zh}` : '';
  return errors.conflict(
    'canteen_route_stop_taken',
    other && stop
      ? {
          'zh-CN': `${where} 已由路线“${other}”配送，一处楼层只能属于一条启用的路线`,
          en: `${stop.building} (${floorsLabel(stop).en}) is already delivered by the route “${other}”; a floor belongs to one active route`,
        }
      : {
          'zh-CN': '所列楼栋楼层已由本食堂另一条启用的路线配送',
          en: "A listed building floor is already delivered by another of the canteen's active routes",
        },
    [{ field: i === null ? 'stops' : `stops.${i}.building`, code: 'canteen_route_stop_taken' }],
  );
}

const nameTaken = () =>
  errors.conflict(
    'canteen_route_name_taken',
    {
      'zh-CN': '本食堂已有同名路线（含已停用的路线，可直接启用）',
      en: 'The canteen already has a route of this name (perhaps retired: reactivate it instead)',
    },
    [{ field: 'name', code: 'canteen_route_name_taken' }],
  );

/** The database's verdicts on a route write (a concurrent change slipped past the service's checks). */
function fromConstraint(e: unknown): never {
  const constraint = (e as { constraint?: string }).constraint;
  if (constraint === 'canteen_route_point_id_name_key') throw nameTaken();
  if (constraint === 'canteen_route_stop_no_overlap') throw stopTaken(null, null, null);
  throw e;
}

/** Checks a route's stops: floors in order, no stop repeated, none covered by another active route. */
async function checkStops(tx: Tx, pointId: string, routeId: string | null, stops: Stop[], active: boolean) {
  stops.forEach((s, i) => {
    if (s.floorFrom != null && s.floorTo != null && s.floorFrom > s.floorTo) {
      throw errors.field(`stops.${i}.floorTo`, 'canteen_route_floors', {
        'zh-CN': '结束楼层不能低于起始楼层',
        en: 'The last floor cannot be below the first',
      });
    }
    const j = stops.findIndex((t, k) => k < i && overlaps(s, t));
    if (j >= 0) {
      throw errors.field(`stops.${i}.building`, 'canteen_route_stop_repeated', {
        'zh-CN': `${s.building} 的楼层与第 ${j + 1} 个站点重叠`,
        en: `The floors of ${s.building} overlap stop ${j + 1}`,
      });
    }
  });
  if (!active) return;
  let q = tx
    .selectFrom('canteen_route_stop as s')
    .innerJoin('canteen_route as r', 'r.id', 's.route_id')
    .select(['r.name', 's.building', 's.floor_from', 's.floor_to'])
    .where('s.point_id', '=', pointId)
    .where('s.active', '=', true)
    .where(
      's.building',
      'in',
      stops.map((s) => s.building),
    );
  if (routeId) q = q.where('s.route_id', '!=', routeId);
  const others = await q.execute();
  stops.forEach((s, i) => {
    const other = others.find((o) =>
      overlaps(s, { building: o.building, floorFrom: o.floor_from, floorTo: o.floor_to }),
    );
    if (other) throw stopTaken(i, s, other.name);
  });
}

async function writeStops(tx: Tx, route: { id: string; point_id: string; active: boolean }, stops: Stop[]) {
  await tx.deleteFrom('canteen_route_stop').where('route_id', '=', route.id).execute();
  await tx
    .insertInto('canteen_route_stop')
    .values(
      stops.map((s, i) => ({
        route_id: route.id,
        point_id: route.point_id,
        active: route.active,
        building: s.building,
        floor_from: s.floorFrom ?? null,
        floor_to: s.floorTo ?? null,
        sort: i,
      })),
    )
    .execute();
}

const plain = (stops: Stop[]) =>
  stops.map((s) => ({ building: s.building, floorFrom: s.floorFrom ?? null, floorTo: s.floorTo ?? null }));

async function stopsOf(tx: Tx, routeId: string) {
  const rows = await tx
    .selectFrom('canteen_route_stop')
    .select(['building', 'floor_from', 'floor_to'])
    .where('route_id', '=', routeId)
    .orderBy('sort')
    .execute();
  return rows.map((s) => ({ building: s.building, floorFrom: s.floor_from, floorTo: s.floor_to }));
}

async function upcomingOn(tx: Tx, pointId: string, routeId: string, today: string) {
  const row = await tx
    .selectFrom('canteen_order')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('route_id', '=', routeId)
    .where('point_id', '=', pointId)
    .where('status', '=', 'placed')
    .where('day', '>=', today)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Adds an active route at the end of the point's order of routes. */
export async function createRoute(db: Db, actor: Actor, pointId: string, input: RouteInput) {
  return inTransaction(db, async (tx) => {
    const point = await lockPoint(tx, pointId);
    await checkStops(tx, pointId, null, input.stops, true);
    const row = await tx
      .insertInto('canteen_route')
      .values({
        point_id: pointId,
        name: input.name,
        sort: sql<number>`(select coalesce(max(sort), 0) + 1 from canteen_route where point_id = ${pointId})`,
      })
      .returning(['id', 'point_id', 'active'])
      .executeTakeFirstOrThrow();
    await writeStops(tx, row, input.stops);
    await audit(tx, actor, {
      entity: 'canteen.route',
      entityId: row.id,
      action: 'create',
      after: { pointId, name: input.name, stops: plain(input.stops) },
      jurisdictionId: point.jurisdiction_id,
      unitId: point.unit_id,
    });
    return row.id;
  }).catch(fromConstraint);
}

/**
 * Renames a route, replaces its stops, retires it or brings it back (if its stops are free). Orders
 * already placed keep their route; the answer counts those from `today` on.
 */
export async function updateRoute(db: Db, actor: Actor, routeId: string, patch: RoutePatch, today: string) {
  return inTransaction(db, async (tx) => {
    const found = await tx
      .selectFrom('canteen_route')
      .select('point_id')
      .where('id', '=', routeId)
      .executeTakeFirst();
    if (!found) throw errors.notFound('canteen.route', routeId);
    const point = await lockPoint(tx, found.point_id);
    const before = await tx
      .selectFrom('canteen_route')
      .selectAll()
      .where('id', '=', routeId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const wasStops = await stopsOf(tx, routeId);
    const next = {
      name: patch.name ?? before.name,
      active: patch.active ?? before.active,
      stops: patch.stops ? plain(patch.stops) : wasStops,
    };
    await checkStops(tx, before.point_id, routeId, next.stops, next.active);
    // new stops are written under the route's present flag, then follow its new one through their
    // foreign key (ON UPDATE CASCADE): a route coming back is checked with its new stops, not its old
    if (patch.stops) {
      await writeStops(tx, { id: routeId, point_id: before.point_id, active: before.active }, next.stops);
    }
    await tx
      .updateTable('canteen_route')
      .set({ name: next.name, active: next.active, updated_at: sql`now()` })
      .where('id', '=', routeId)
      .execute();
    await audit(tx, actor, {
      entity: 'canteen.route',
      entityId: routeId,
      action: 'update',
      before: { name: before.name, active: before.active, stops: wasStops },
      after: next,
      jurisdictionId: point.jurisdiction_id,
      unitId: point.unit_id,
    });
    return { id: routeId, upcomingOrders: await upcomingOn(tx, before.point_id, routeId, today) };
  }).catch(fromConstraint);
}

/** Puts a point's routes in the given order: `ids` must name each of its routes (retired ones too) once. */
export async function orderRoutes(db: Db, actor: Actor, pointId: string, ids: string[]) {
  return inTransaction(db, async (tx) => {
    const point = await lockPoint(tx, pointId);
    const routes = await tx
      .selectFrom('canteen_route')
      .select(['id', 'name', 'sort'])
      .where('point_id', '=', pointId)
      .orderBy('sort')
      .orderBy('name')
      .execute();
    const known = new Set(routes.map((r) => r.id));
    if (
      ids.length !== routes.length ||
      new Set(ids).size !== ids.length ||
      ids.some((id) => !known.has(id))
    ) {
      throw errors.field('ids', 'canteen_route_order_incomplete', {
        'zh-CN': '排序须恰好列出本食堂的每条路线各一次（列表可能已过期，请刷新）',
        en: "The order must list each of the canteen's routes exactly once (the list may be stale: reload)",
      });
    }
    await sql`update canteen_route r set sort = o.k
                from unnest(${ids}::uuid[]) with ordinality as o(id, k)
               where r.id = o.id and r.point_id = ${pointId}`.execute(tx);
    await audit(tx, actor, {
      entity: 'canteen.point',
      entityId: pointId,
      action: 'reorder_routes',
      before: { routes: routes.map((r) => r.name) },
      after: { routes: ids.map((id) => routes.find((r) => r.id === id)!.name) },
      jurisdictionId: point.jurisdiction_id,
      unitId: point.unit_id,
    });
  });
}
