import { sql } from 'kysely';
import type { Db, Executor } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import { DomainError, errors } from '../../../kernel/errors.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import { planDay, type Plan } from '../dispatch/plan/index.ts';
import { assign, assignError, assignIn } from '../desk/assign.ts';
import { conflict, fieldError } from '../shared.ts';
import { notifyTripChanges, type TripChange, type TripState } from '../trips/notices.ts';
import { loadDay, STARTED } from './load.ts';
import { travelModel } from './travel.ts';

/**
 * Automated dispatch (自动化派车) on the solver-darp planner: one action plans the open requests of a day
 * for chosen pools — including lending pools by the pairs' policies — keeping trips already assigned
 * (started ones keep their times); the proposal is stored, and accepting all or some of its routes writes
 * assignments through the same constrained path as a manual assignment.
 */

export interface PlanOutcome {
  id: string;
  day: string;
  pools: string[];
  plan: Plan;
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
  const { input } = await loadDay(db, tz, day, pools, 'all');
  const plan = await planDay(input, { travel: travelModel(), timeLimitSeconds, seed: 1 });
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

/** An accepted trip that a re-plan puts on another vehicle or driver (only when the dispatcher accepts). */
export interface PlanMove {
  requestId: string;
  leg: 'outbound' | 'return' | 'both';
  tripId: string;
  fromVehicleId: string;
  fromDriverId: string;
  toVehicleId: string;
  toDriverId: string;
}

export interface StoredPlan extends PlanOutcome {
  status: string;
  kind: 'day' | 'insert' | 'replan';
  triggerRequestId: string | null;
  triggerEvent: 'arrived' | 'cancelled' | null;
  moves: PlanMove[];
  createdAt: string;
}

export async function getPlan(ex: Executor, id: string): Promise<StoredPlan> {
  const row = await ex.selectFrom('veh_plan').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('vehicles.plan', id);
  return {
    id: row.id,
    day: String(row.day),
    pools: row.pools,
    plan: row.plan as Plan,
    status: row.status,
    kind: row.kind,
    triggerRequestId: row.trigger_request_id,
    triggerEvent: row.trigger_event,
    moves: row.moves as PlanMove[],
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The proposals of a day still waiting for the dispatcher, newest first (the caller's pools only). */
export async function openProposals(ex: Executor, scope: DataScope, day: string) {
  const rows = await ex
    .selectFrom('veh_plan')
    .select(['id', 'pools', 'kind', 'trigger_request_id', 'trigger_event', 'figures', 'moves', 'created_at'])
    .where('day', '=', day)
    .where('status', '=', 'proposed')
    .where('kind', '<>', 'day')
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  return rows
    .filter((r) => r.pools.every((p) => scope.covers({ jurisdictionId: p })))
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      triggerRequestId: r.trigger_request_id,
      triggerEvent: r.trigger_event,
      moves: (r.moves as PlanMove[]).length,
      figures: r.figures as Plan['figures'],
      createdAt: new Date(r.created_at).toISOString(),
    }));
}

export interface AcceptResult {
  accepted: number;
  skipped: number;
  /** accepted trips put on another vehicle or driver */
  moved: number;
  failed: { vehicleId: string; requestId: string; code: string }[];
}

interface Job {
  requestId: string;
  leg: 'outbound' | 'return' | 'both';
  vehicleId: string;
  driverId: string;
  start: number;
  end: number;
  plannedKm: number;
  emptyKm: number;
}

/**
 * Accepts the chosen routes (all when none are named). A new job goes through the constrained
 * assignment; a job whose request already has a trip on the same crew is kept as it is; one on another
 * crew is a move: not started, its trip is cancelled and the job assigned anew — all moves of one
 * acceptance in one transaction, so a refused one moves nothing. A started trip is never moved.
 */
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
  const result: AcceptResult = { accepted: 0, skipped: 0, moved: 0, failed: [] };
  const reqs = new Map(
    (
      await db
        .selectFrom('veh_request')
        .select(['id', 'kind', 'returns_at', 'status'])
        .where('id', 'in', [...new Set(routes.flatMap((r) => r.requestIds)), NIL])
        .execute()
    ).map((r) => [r.id, r]),
  );
  const live = new Map(
    (
      await db
        .selectFrom('veh_trip')
        .select([
          'id',
          'request_id',
          'leg',
          'vehicle_id',
          'driver_id',
          'status',
          sql<Date>`lower(period)`.as('starts_at'),
          sql<Date>`upper(period)`.as('ends_at'),
        ])
        .where('status', '<>', 'cancelled')
        .where('request_id', 'in', [...reqs.keys(), NIL])
        .execute()
    ).map((t) => [`${t.request_id}/${t.leg}`, t]),
  );
  const fresh: Job[] = [];
  const moves: (Job & { tripId: string; before: TripState })[] = [];
  /** what this acceptance changed, told to everyone concerned at the end (trips/notices.ts) */
  const changes: TripChange[] = [];
  const state = (j: Job): TripState => ({
    requestId: j.requestId,
    vehicleId: j.vehicleId,
    driverId: j.driverId,
    startsAt: new Date(j.start),
    endsAt: new Date(j.end),
  });
  for (const route of routes) {
    const spans = new Map<
      string,
      { requestId: string; leg: 'outbound' | 'return'; start: number; end: number }
    >();
    for (const s of route.stops) {
      if (!s.requestId) continue;
      const leg = s.leg ?? 'outbound';
      const key = `${s.requestId}/${leg}`;
      const j = spans.get(key) ?? { requestId: s.requestId, leg, start: s.start, end: s.depart };
      j.start = Math.min(j.start, s.start);
      j.end = Math.max(j.end, s.depart);
      spans.set(key, j);
    }
    const share = route.requestIds.length ? 1 / route.requestIds.length : 1;
    for (const j of spans.values()) {
      const r = reqs.get(j.requestId);
      if (!r) continue;
      const myLeg = r.kind === 'round_trip' ? j.leg : r.kind === 'waiting' ? 'both' : 'outbound';
      // a waiting or one-way request's trip is stored as 'both' by a manual assignment
      const trip = live.get(`${j.requestId}/${myLeg}`) ?? live.get(`${j.requestId}/both`);
      const end =
        r.kind === 'waiting'
          ? Math.max(j.end, new Date(r.returns_at).getTime())
          : Math.max(j.end, j.start + 60_000);
      const job: Job = {
        requestId: j.requestId,
        leg: trip ? (trip.leg as Job['leg']) : myLeg,
        vehicleId: route.vehicleId,
        driverId: route.driverId,
        start: j.start,
        end,
        plannedKm: Math.round(route.km * share),
        emptyKm: Math.round(route.emptyKm * share),
      };
      if (!trip) fresh.push(job);
      else if (
        p.kind !== 'replan' ||
        (trip.vehicle_id === route.vehicleId && trip.driver_id === route.driverId)
      )
        result.skipped += 1; // only a re-plan moves accepted trips
      else if ((STARTED as readonly string[]).includes(trip.status))
        result.failed.push({ vehicleId: route.vehicleId, requestId: j.requestId, code: 'trip_started' });
      else
        moves.push({
          ...job,
          tripId: trip.id,
          before: {
            requestId: j.requestId,
            vehicleId: trip.vehicle_id,
            driverId: trip.driver_id,
            startsAt: new Date(trip.starts_at),
            endsAt: new Date(trip.ends_at),
          },
        });
    }
  }
  const input = (j: Job) => ({
    requestId: j.requestId,
    vehicleId: j.vehicleId,
    driverId: j.driverId,
    leg: j.leg,
    startsAt: new Date(j.start).toISOString(),
    endsAt: new Date(j.end).toISOString(),
    plannedKm: j.plannedKm,
    emptyKm: j.emptyKm,
    source: 'auto' as const,
    quiet: true,
  });
  if (moves.length) {
    try {
      await inTransaction(db, async (tx) => {
        // first free every moved trip's vehicle and driver, then assign anew: swaps work
        for (const m of moves) {
          const n = await tx
            .updateTable('veh_trip')
            .set({ status: 'cancelled', version: sql`version + 1`, updated_at: sql`now()` })
            .where('id', '=', m.tripId)
            .where('status', 'in', ['assigned', 'accepted'])
            .executeTakeFirst();
          if (Number(n.numUpdatedRows) === 0) throw tripStarted();
          await tx.deleteFrom('veh_loan').where('trip_id', '=', m.tripId).execute();
          await tx
            .updateTable('veh_request')
            .set({ trip_id: null })
            .where('id', '=', m.requestId)
            .where('trip_id', '=', m.tripId)
            .execute();
        }
        for (const m of moves) await assignIn(tx, scope, actor, tz, input(m));
        await audit(tx, actor, {
          entity: 'vehicles.plan',
          entityId: id,
          action: 'move',
          after: {
            moves: moves.map((m) => ({
              requestId: m.requestId,
              tripId: m.tripId,
              from: [m.before.vehicleId, m.before.driverId],
              to: [m.vehicleId, m.driverId],
            })),
          },
        });
      });
      result.moved = moves.length;
      for (const m of moves) changes.push({ before: m.before, after: state(m) });
    } catch (e) {
      const err = assignError(e);
      if (!(err instanceof DomainError)) throw err;
      for (const m of moves)
        result.failed.push({ vehicleId: m.vehicleId, requestId: m.requestId, code: err.code });
    }
  }
  for (const j of fresh) {
    try {
      await assign(db, scope, actor, tz, input(j));
      result.accepted += 1;
      changes.push({ before: null, after: state(j) });
    } catch (e) {
      result.failed.push({
        vehicleId: j.vehicleId,
        requestId: j.requestId,
        code: e instanceof DomainError ? e.code : 'error',
      });
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
    await notifyTripChanges(tx, changes, {
      actorAccountId: actor.accountId,
      timeZone: tz,
      what:
        p.kind === 'day'
          ? { 'zh-CN': `${p.day} 派车方案已确认`, en: `Dispatch plan of ${p.day} accepted` }
          : { 'zh-CN': `${p.day} 派车方案调整`, en: `Dispatch plan of ${p.day} adjusted` },
      deskLink: `/vehicles/desk?date=${p.day}`,
    });
  });
  return result;
}

const NIL = '00000000-0000-4000-8000-000000000000';

const tripStarted = () =>
  conflict('tripId', 'trip_started', {
    'zh-CN': '该任务已出发，不能改派',
    en: 'The trip has started; it cannot be moved',
  });
