import { sql } from 'kysely';
import type { Db, Executor } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import { DomainError, errors } from '../../../kernel/errors.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import { startOfDay, endOfDay } from '../../../kernel/calendar/businessDays.ts';
import {
  planDay,
  StraightLineTravel,
  type LockedAssignment,
  type Plan,
  type PlanDriver,
  type PlanRequest,
  type PlanVehicle,
  type Point,
  type PoolingPolicy,
  type VehicleCategory,
} from '../dispatch/plan/index.ts';
import { assign } from '../desk/assign.ts';
import { sealedUseApproved } from '../supervision/sealed-use.ts';
import { fieldError } from '../shared.ts';

/**
 * Automated dispatch (自动化派车) on the solver-darp planner: one action plans the open requests of a day
 * for chosen pools — including lending pools by the pairs' policies — keeping trips already assigned
 * (started ones keep their times); the proposal is stored, and accepting all or some of its routes writes
 * assignments through the same constrained path as a manual assignment.
 */

const CITY_CENTRE: Point = { lon: 119.974, lat: 31.811 };

export interface PlanOutcome {
  id: string;
  day: string;
  pools: string[];
  plan: Plan;
}

function local(day: string, hhmm: string, tz: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return startOfDay(day, tz).getTime() + (h * 60 + m) * 60_000;
}

export async function proposePlan(
  db: Db,
  scope: DataScope,
  actor: Actor,
  tz: string,
  day: string,
  pools: string[],
  timeLimitSeconds = 3,
): Promise<PlanOutcome> {
  for (const p of pools) if (!scope.covers({ jurisdictionId: p })) throw errors.outOfScope();
  if (pools.length === 0)
    throw fieldError('pools', 'no_pools', {
      'zh-CN': '请选择至少一个车辆池',
      en: 'Choose at least one pool',
    });
  const from = startOfDay(day, tz);
  const to = endOfDay(day, tz);
  const policies = await db.selectFrom('veh_pool_policy').selectAll().where('mode', '<>', 'never').execute();
  const pooling: Record<string, Record<string, PoolingPolicy>> = {};
  for (const p of policies) (pooling[p.lender_jurisdiction_id] ??= {})[p.borrower_jurisdiction_id] = p.mode;
  const lenders = new Set(pools);
  for (const p of policies)
    if (pools.includes(p.borrower_jurisdiction_id)) lenders.add(p.lender_jurisdiction_id);
  const vehiclePools = [...lenders];

  const reqRows = await db
    .selectFrom('veh_request')
    .selectAll()
    .where('jurisdiction_id', 'in', pools)
    .where('status', 'in', ['approved', 'assigned', 'in_progress'])
    .where('departs_at', '>=', from)
    .where('departs_at', '<=', to)
    .execute();
  const placeIds = [...new Set(reqRows.flatMap((r) => [r.origin_id, ...r.destination_ids]))];
  const places = new Map(
    placeIds.length
      ? (
          await db.selectFrom('veh_place').select(['id', 'lon', 'lat']).where('id', 'in', placeIds).execute()
        ).map((p) => [p.id, { lon: Number(p.lon), lat: Number(p.lat) }])
      : [],
  );
  const sealedOk = await sealedUseApproved(
    db,
    reqRows.map((r) => r.id),
  );
  const requests: PlanRequest[] = reqRows.map((r) => ({
    id: r.id,
    pool: r.jurisdiction_id,
    passengers: r.passengers,
    pickup: places.get(r.origin_id) ?? CITY_CENTRE,
    dropoffs: r.destination_ids.map((id) => places.get(id) ?? CITY_CENTRE),
    earliestPickup: new Date(r.departs_at).getTime(),
    tripType: r.kind as PlanRequest['tripType'],
    returnAt: r.kind === 'one_way' ? undefined : new Date(r.returns_at).getTime(),
    category: r.need_category as VehicleCategory | null,
    sealedApproved: sealedOk.has(r.id),
  }));

  const depots = new Map(
    (
      await db
        .selectFrom('veh_place')
        .select(['jurisdiction_id', 'lon', 'lat'])
        .where('kind', '=', 'depot')
        .where('jurisdiction_id', 'is not', null)
        .execute()
    ).map((p) => [p.jurisdiction_id!, { lon: Number(p.lon), lat: Number(p.lat) }]),
  );
  const vRows = await db
    .selectFrom('veh_vehicle')
    .select(['id', 'jurisdiction_id', 'seats', 'category', 'status'])
    .where('jurisdiction_id', 'in', vehiclePools)
    .where('status', 'not in', ['retired', 'maintenance'])
    .execute();
  const dayStart = local(day, '07:00', tz);
  const dayEnd = local(day, '22:00', tz);
  const vehicles: PlanVehicle[] = vRows.map((v) => ({
    id: v.id,
    pool: v.jurisdiction_id,
    seats: v.seats - 1,
    category: v.category,
    depot: depots.get(v.jurisdiction_id) ?? CITY_CENTRE,
    availableFrom: dayStart,
    availableUntil: dayEnd,
    sealed: v.status === 'sealed',
  }));
  const dRows = await db
    .selectFrom('veh_driver')
    .select(['id', 'jurisdiction_id', 'max_daily_minutes', 'min_rest_minutes'])
    .where('jurisdiction_id', 'in', vehiclePools)
    .where('status', '=', 'active')
    .execute();
  const drivers: PlanDriver[] = dRows.map((d) => ({
    id: d.id,
    pool: d.jurisdiction_id,
    shiftStart: dayStart,
    shiftEnd: dayEnd,
    maxDrivingMinutes: d.max_daily_minutes,
    minRestMinutes: d.min_rest_minutes,
  }));
  // trips already assigned stay where they are
  const live = await db
    .selectFrom('veh_trip')
    .select([
      'request_id',
      'vehicle_id',
      'driver_id',
      'leg',
      'status',
      sql<Date>`lower(period)`.as('starts_at'),
    ])
    .where(
      'request_id',
      'in',
      reqRows.length ? reqRows.map((r) => r.id) : ['00000000-0000-4000-8000-000000000000'],
    )
    .where('status', '<>', 'cancelled')
    .execute();
  const locked: LockedAssignment[] = live.map((t) => ({
    requestId: t.request_id!,
    leg: t.leg === 'return' ? 'return' : 'outbound',
    vehicleId: t.vehicle_id,
    driverId: t.driver_id,
    started: t.status === 'started' || t.status === 'arrived' || t.status === 'finished',
    pickupAt: new Date(t.starts_at).getTime(),
  }));
  const knownV = new Set(vehicles.map((v) => v.id));
  const plan = await planDay(
    { requests, vehicles, drivers, pooling, locked: locked.filter((l) => knownV.has(l.vehicleId)) },
    { travel: new StraightLineTravel(), timeLimitSeconds, seed: 1 },
  );
  return inTransaction(db, async (tx) => {
    const row = await tx
      .insertInto('veh_plan')
      .values({
        day,
        pools,
        plan: JSON.stringify(plan),
        figures: JSON.stringify(plan.figures),
        created_by: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'vehicles.plan',
      entityId: row.id,
      action: 'plan',
      after: { day, pools, figures: plan.figures },
    });
    return { id: row.id, day, pools, plan };
  });
}

export async function getPlan(ex: Executor, id: string): Promise<PlanOutcome & { status: string }> {
  const row = await ex.selectFrom('veh_plan').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('vehicles.plan', id);
  return { id: row.id, day: String(row.day), pools: row.pools, plan: row.plan as Plan, status: row.status };
}

export interface AcceptResult {
  accepted: number;
  skipped: number;
  failed: { vehicleId: string; requestId: string; code: string }[];
}

/** Accepts the chosen routes (all when none are named); each job goes through the constrained assignment. */
export async function acceptPlan(
  db: Db,
  scope: DataScope,
  actor: Actor,
  tz: string,
  id: string,
  vehicleIds: string[] | undefined,
): Promise<AcceptResult> {
  const p = await getPlan(db, id);
  if (p.status !== 'proposed' && p.status !== 'partly_accepted') {
    throw new DomainError('plan_closed', 'conflict', {
      'zh-CN': '该方案已处理或已被新方案取代',
      en: 'This plan was already handled or superseded',
    });
  }
  const routes = p.plan.routes.filter((r) => !vehicleIds || vehicleIds.includes(r.vehicleId));
  const result: AcceptResult = { accepted: 0, skipped: 0, failed: [] };
  const reqs = new Map(
    (
      await db
        .selectFrom('veh_request')
        .select(['id', 'kind', 'returns_at', 'status'])
        .where('id', 'in', [
          ...new Set(routes.flatMap((r) => r.requestIds)),
          '00000000-0000-4000-8000-000000000000',
        ])
        .execute()
    ).map((r) => [r.id, r]),
  );
  const taken = new Set(
    (
      await db
        .selectFrom('veh_trip')
        .select(['request_id', 'leg'])
        .where('status', '<>', 'cancelled')
        .where('request_id', 'in', [...reqs.keys(), '00000000-0000-4000-8000-000000000000'])
        .execute()
    ).map((t) => `${t.request_id}/${t.leg}`),
  );
  for (const route of routes) {
    const jobs = new Map<
      string,
      { requestId: string; leg: 'outbound' | 'return'; start: number; end: number }
    >();
    for (const s of route.stops) {
      if (!s.requestId) continue;
      const leg = s.leg ?? 'outbound';
      const key = `${s.requestId}/${leg}`;
      const j = jobs.get(key) ?? { requestId: s.requestId, leg, start: s.start, end: s.depart };
      j.start = Math.min(j.start, s.start);
      j.end = Math.max(j.end, s.depart);
      jobs.set(key, j);
    }
    for (const j of jobs.values()) {
      const r = reqs.get(j.requestId);
      if (!r) continue;
      const myLeg = r.kind === 'round_trip' ? j.leg : r.kind === 'waiting' ? 'both' : 'outbound';
      if (taken.has(`${j.requestId}/${myLeg}`) || taken.has(`${j.requestId}/both`)) {
        result.skipped += 1;
        continue;
      }
      const end =
        r.kind === 'waiting'
          ? Math.max(j.end, new Date(r.returns_at).getTime())
          : Math.max(j.end, j.start + 60_000);
      const share = route.requestIds.length ? 1 / route.requestIds.length : 1;
      try {
        await assign(db, scope, actor, tz, {
          requestId: j.requestId,
          vehicleId: route.vehicleId,
          driverId: route.driverId,
          leg: myLeg,
          startsAt: new Date(j.start).toISOString(),
          endsAt: new Date(end).toISOString(),
          plannedKm: Math.round(route.km * share),
          emptyKm: Math.round(route.emptyKm * share),
          source: 'auto',
        });
        taken.add(`${j.requestId}/${myLeg}`);
        result.accepted += 1;
      } catch (e) {
        result.failed.push({
          vehicleId: route.vehicleId,
          requestId: j.requestId,
          code: e instanceof DomainError ? e.code : 'error',
        });
      }
    }
  }
  const all = !vehicleIds || vehicleIds.length >= p.plan.routes.length;
  await inTransaction(db, async (tx) => {
    await tx
      .updateTable('veh_plan')
      .set({ status: all ? 'accepted' : 'partly_accepted', accepted_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, {
      entity: 'vehicles.plan',
      entityId: id,
      action: 'accept',
      after: { vehicleIds: vehicleIds ?? 'all', ...result },
    });
  });
  return result;
}
