import { sql } from 'kysely';
import type { Db, Executor } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import { DataScope } from '../../../kernel/access/scope.ts';
import { SYSTEM_ACTOR } from '../../../kernel/http/access.ts';
import { enqueue } from '../../../kernel/jobs/index.ts';
import { notify } from '../../../kernel/notify/index.ts';
import { insertRequest, replan, type Plan } from '../dispatch/plan/index.ts';
import { dateIn } from '../shared.ts';
import { loadDay, tripsAsPlan, type LiveTrip } from './load.ts';
import { travelModel } from './travel.ts';
import { acceptPlan, type PlanMove } from './service.ts';

/**
 * Re-planning when a request arrives (is approved) or is cancelled on a day that already has an
 * accepted plan (issue 3 item 6). A job, queued in the transaction of the change:
 * - arrived: the request is inserted at its cheapest place, nothing else moving. With
 *   GOA_VEHICLES_REPLAN=auto that insertion is assigned at once (unless it borrows a vehicle whose
 *   lender must agree); otherwise it waits on the desk as an 'insert' proposal. Where it fits nowhere,
 *   a re-plan that may move accepted trips that have not started is proposed — those move only when
 *   the dispatcher accepts.
 * - cancelled: the freed capacity takes the day's still-open requests where they fit without moving
 *   anything ('insert', assigned at once in auto mode), and a re-plan that moves accepted trips is
 *   proposed when it saves a vehicle or serves more.
 * Started and finished trips are never moved (they are locked with their times).
 */

export const REPLAN_JOB = 'vehicles.replan';

export interface ReplanPayload {
  requestId: string;
  event: 'arrived' | 'cancelled';
}

export type ReplanOutcome = 'none' | 'assigned' | 'proposed_insert' | 'proposed_replan';

/** Queues the re-planning job in the transaction that approves or cancels a request. */
export async function queueReplan(tx: Executor, requestId: string, event: ReplanPayload['event']) {
  await enqueue(tx, REPLAN_JOB, { requestId, event } satisfies ReplanPayload);
}

const SECONDS = 2;

export async function replanAfter(
  db: Db,
  tz: string,
  mode: 'propose' | 'auto',
  payload: ReplanPayload,
): Promise<ReplanOutcome> {
  const r = await db
    .selectFrom('veh_request')
    .select(['id', 'no', 'jurisdiction_id', 'departs_at', 'status'])
    .where('id', '=', payload.requestId)
    .executeTakeFirst();
  if (!r) return 'none';
  const day = dateIn(new Date(r.departs_at), tz);
  const base = await db
    .selectFrom('veh_plan')
    .select(['id', 'pools', 'created_by'])
    .where('day', '=', day)
    .where('status', 'in', ['accepted', 'partly_accepted'])
    .where(sql<boolean>`${r.jurisdiction_id}::uuid = any(pools)`)
    .orderBy('accepted_at', 'desc')
    .executeTakeFirst();
  if (!base) return 'none';
  const pools = base.pools;
  const ctx = { db, tz, day, pools, base, mode, payload, no: r.no };

  if (payload.event === 'arrived') {
    if (r.status !== 'approved') return 'none'; // assigned by hand or cancelled meanwhile
    const inserted = await insertOpen(ctx, [r.id]);
    if (inserted) return inserted;
    return proposeReplan(ctx, (plan) => !plan.unserved.some((u) => u.requestId === r.id));
  }
  // cancelled: the day's open requests may now fit
  const fixed = await loadDay(db, tz, day, pools, 'all');
  const taken = new Set(fixed.trips.map((t) => t.requestId));
  const open = fixed.input.requests
    .filter((q) => !taken.has(q.id))
    .sort((a, b) => a.earliestPickup - b.earliestPickup);
  const inserted = open.length
    ? await insertOpen(
        ctx,
        open.map((q) => q.id),
      )
    : null;
  if (inserted) return inserted;
  const crews = new Set(fixed.trips.map((t) => `${t.vehicleId}|${t.driverId}`)).size;
  return proposeReplan(
    ctx,
    (plan) => plan.figures.vehiclesUsed < crews || plan.unserved.length < open.length,
  );
}

interface Ctx {
  db: Db;
  tz: string;
  day: string;
  pools: string[];
  base: { id: string; created_by: string | null };
  mode: 'propose' | 'auto';
  payload: ReplanPayload;
  no: string;
}

/** Inserts these open requests one by one, moving nothing; stores (and in auto mode accepts) the result. */
async function insertOpen(c: Ctx, requestIds: string[]): Promise<ReplanOutcome | null> {
  const day = await loadDay(c.db, c.tz, c.day, c.pools, 'all');
  let plan: Plan = tripsAsPlan(day.trips);
  const travel = travelModel();
  const placed: string[] = [];
  for (const id of requestIds) {
    const req = day.input.requests.find((q) => q.id === id);
    if (!req) continue;
    const res = await insertRequest(plan, day.input, req, {
      travel,
      timeLimitSeconds: SECONDS,
      seed: 1,
    });
    if (!res.inserted) continue;
    plan = res.plan;
    placed.push(id);
  }
  if (!placed.length) return null;
  const id = await store(c, 'insert', plan, []);
  const needsLender = plan.loans.some((l) => l.needsApproval && placed.includes(l.requestId));
  if (c.mode === 'auto' && !needsLender) {
    const vehicleIds = plan.routes
      .filter((r) => r.requestIds.some((q) => placed.includes(q)))
      .map((r) => r.vehicleId);
    const scope = new DataScope(false, c.pools, [], null);
    const res = await acceptPlan(c.db, scope, SYSTEM_ACTOR, c.tz, id, vehicleIds);
    if (res.failed.length === 0) return 'assigned';
  }
  return 'proposed_insert';
}

/** A re-plan that may move accepted trips that have not started; stored when `worth` says so. */
async function proposeReplan(c: Ctx, worth: (plan: Plan) => boolean): Promise<ReplanOutcome> {
  const day = await loadDay(c.db, c.tz, c.day, c.pools, 'started');
  const plan = await replan(tripsAsPlan(day.trips), day.input, {
    travel: travelModel(),
    timeLimitSeconds: SECONDS,
    seed: 1,
  });
  if (!worth(plan)) return 'none';
  await store(c, 'replan', plan, movesOf(plan, day.trips));
  return 'proposed_replan';
}

/** The accepted trips a plan puts on another vehicle or driver. */
export function movesOf(plan: Plan, trips: LiveTrip[]): PlanMove[] {
  const moves: PlanMove[] = [];
  for (const route of plan.routes) {
    const seen = new Set<string>();
    for (const s of route.stops) {
      if (s.kind !== 'pickup' || !s.requestId) continue;
      const leg = s.leg ?? 'outbound';
      const trip =
        trips.find((t) => t.requestId === s.requestId && t.leg === leg) ??
        trips.find((t) => t.requestId === s.requestId && t.leg === 'both');
      if (!trip || seen.has(trip.id)) continue;
      seen.add(trip.id);
      if (trip.vehicleId === route.vehicleId && trip.driverId === route.driverId) continue;
      moves.push({
        requestId: trip.requestId,
        leg: trip.leg,
        tripId: trip.id,
        fromVehicleId: trip.vehicleId,
        fromDriverId: trip.driverId,
        toVehicleId: route.vehicleId,
        toDriverId: route.driverId,
      });
    }
  }
  return moves;
}

/** Stores a proposal (older open ones of the day are superseded) and tells the pools' dispatchers. */
async function store(c: Ctx, kind: 'insert' | 'replan', plan: Plan, moves: PlanMove[]): Promise<string> {
  return inTransaction(c.db, async (tx) => {
    await tx
      .updateTable('veh_plan')
      .set({ status: 'superseded' })
      .where('day', '=', c.day)
      .where('status', '=', 'proposed')
      .where('kind', '<>', 'day')
      .execute();
    const row = await tx
      .insertInto('veh_plan')
      .values({
        day: c.day,
        pools: c.pools,
        plan: JSON.stringify(plan),
        figures: JSON.stringify(plan.figures),
        kind,
        trigger_request_id: c.payload.requestId,
        trigger_event: c.payload.event,
        moves: JSON.stringify(moves),
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, SYSTEM_ACTOR, {
      entity: 'vehicles.plan',
      entityId: row.id,
      action: 'replan',
      after: { day: c.day, kind, trigger: c.payload, moves: moves.length, figures: plan.figures },
    });
    if (c.mode === 'propose' || kind === 'replan') {
      const what =
        c.payload.event === 'arrived'
          ? { zh: `新申请 ${c.no}`, en: `new request ${c.no}` }
          : { zh: `申请 ${c.no} 取消`, en: `request ${c.no} cancelled` };
      // the plan's creator and the dispatchers of its pools and of the pools lending to it
      const pools = [...new Set([...c.pools, ...plan.loans.map((l) => l.fromPool)])];
      const dispatchers = await tx
        .selectFrom('auth_role_assignment')
        .select('account_id')
        .where('role', '=', 'dispatcher')
        .where('jurisdiction_id', 'in', pools)
        .execute();
      const to = [...(c.base.created_by ? [c.base.created_by] : []), ...dispatchers.map((d) => d.account_id)];
      await notify(tx, to, {
        kind: 'vehicles.replan',
        title: {
          'zh-CN': `${c.day} 派车方案待调整（${what.zh}）`,
          en: `Dispatch plan of ${c.day} to adjust (${what.en})`,
        },
        link: `/vehicles/desk?date=${c.day}`,
      });
    }
    return row.id;
  });
}
