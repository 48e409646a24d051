import { sql } from 'kysely';
import type { Db, Tx } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import { errors } from '../../../kernel/errors.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import { conflict, dateIn, fieldError, humanNo, pgError } from '../shared.ts';
import { notifyTripChanges } from '../trips/notices.ts';
import type { PoolMode } from '../tables.ts';
import { flagSealedDispatch, sealedGate } from '../supervision/sealed-use.ts';

/**
 * Assigning a vehicle and a driver to a request (派车). The database refuses a vehicle or a driver in two
 * overlapping live trips (exclusion constraints), so two dispatchers acting at once cannot both win.
 * Pooling: a dispatcher assigns its own jurisdiction's requests; another jurisdiction's vehicle may serve
 * them when the pair's policy allows it ('automatic'), or when the dispatcher also dispatches the lender's
 * pool ('approval': the lender's own dispatcher, or the city, gives the vehicle). A district dispatcher
 * may serve another district's request with its own vehicle only where it lends automatically.
 */

export interface AssignInput {
  requestId: string;
  vehicleId: string;
  driverId: string;
  leg?: 'outbound' | 'return' | 'both' | undefined;
  startsAt?: string | undefined;
  endsAt?: string | undefined;
  plannedKm?: number | undefined;
  emptyKm?: number | undefined;
  source?: 'manual' | 'auto';
  /** the caller tells everyone concerned itself (a plan's acceptance: one notice per person for all its trips) */
  quiet?: boolean;
}

export async function poolMode(tx: Tx | Db, lender: string, borrower: string): Promise<PoolMode> {
  if (lender === borrower) return 'automatic';
  const row = await tx
    .selectFrom('veh_pool_policy')
    .select('mode')
    .where('lender_jurisdiction_id', '=', lender)
    .where('borrower_jurisdiction_id', '=', borrower)
    .executeTakeFirst();
  return row?.mode ?? 'never';
}

const busy = (what: 'vehicle' | 'driver') =>
  what === 'vehicle'
    ? conflict('vehicleId', 'vehicle_busy', {
        'zh-CN': '该车辆在这段时间已有出车任务',
        en: 'The vehicle already has a trip in this period',
      })
    : conflict('driverId', 'driver_busy', {
        'zh-CN': '该驾驶员在这段时间已有出车任务',
        en: 'The driver already has a trip in this period',
      });

/** Runs an assignment; an overlap found by the database becomes a 409 naming the vehicle or the driver. */
export async function assign(db: Db, scope: DataScope, actor: Actor, timeZone: string, input: AssignInput) {
  try {
    return await inTransaction(db, (tx) => assignIn(tx, scope, actor, timeZone, input));
  } catch (e) {
    throw assignError(e);
  }
}

/** The error to report for a failed assignment transaction: overlaps found by the database become 409s. */
export function assignError(e: unknown): unknown {
  const pg = pgError(e);
  if (pg?.code === '23P01') return busy(pg.constraint === 'veh_trip_driver_overlap' ? 'driver' : 'vehicle');
  if (pg?.code === '23505' && pg.constraint === 'veh_trip_request_leg') return notOpen();
  return e;
}

const notOpen = () =>
  conflict('requestId', 'request_not_open', {
    'zh-CN': '该申请不在待派车状态（可能已被其他调度员派车）',
    en: 'The request is not waiting for dispatch (another dispatcher may have assigned it)',
  });

export async function assignIn(tx: Tx, scope: DataScope, actor: Actor, timeZone: string, input: AssignInput) {
  const r = await tx
    .selectFrom('veh_request')
    .selectAll()
    .where('id', '=', input.requestId)
    .executeTakeFirst();
  if (!r) throw errors.notFound('vehicles.request', input.requestId);
  const v = await tx
    .selectFrom('veh_vehicle')
    .selectAll()
    .where('id', '=', input.vehicleId)
    .forUpdate()
    .executeTakeFirst();
  if (!v) throw fieldError('vehicleId', 'unknown_vehicle', { 'zh-CN': '车辆不存在', en: 'Unknown vehicle' });
  const d = await tx.selectFrom('veh_driver').selectAll().where('id', '=', input.driverId).executeTakeFirst();
  if (!d) throw fieldError('driverId', 'unknown_driver', { 'zh-CN': '驾驶员不存在', en: 'Unknown driver' });

  // scope and pooling
  const mode = await poolMode(tx, v.jurisdiction_id, r.jurisdiction_id);
  const ownsRequest = scope.covers({ jurisdictionId: r.jurisdiction_id, unitId: r.unit_id });
  const ownsVehicle = scope.covers({ jurisdictionId: v.jurisdiction_id, unitId: v.unit_id });
  if (!ownsRequest && !(ownsVehicle && mode === 'automatic')) throw errors.outOfScope();
  if (mode === 'never') {
    throw conflict('vehicleId', 'pool_never', {
      'zh-CN': '两辖区之间未开通同城派车，不能借用该车辆',
      en: 'These jurisdictions do not pool vehicles; this vehicle cannot be lent',
    });
  }
  if (!ownsVehicle && mode !== 'automatic') {
    throw conflict('vehicleId', 'pool_needs_approval', {
      'zh-CN': '借用该辖区车辆须经出借方同意，请由出借方调度员派车',
      en: "Borrowing this pool's vehicle needs the lender's consent; the lender's dispatcher assigns it",
    });
  }
  if (
    !scope.covers({ jurisdictionId: d.jurisdiction_id, unitId: d.unit_id }) &&
    d.jurisdiction_id !== v.jurisdiction_id
  ) {
    throw errors.outOfScope();
  }

  // availability
  if (r.status !== 'approved' && r.status !== 'assigned') throw notOpen();
  if (v.status === 'retired' || v.status === 'maintenance') {
    throw conflict('vehicleId', 'vehicle_unavailable', {
      'zh-CN': '车辆维修中或已报废',
      en: 'The vehicle is in maintenance or retired',
    });
  }
  // holiday sealing: only a request with an approved vehicles.sealed_use matter (supervision/sealed-use.ts)
  const sealedOverride = await sealedGate(tx, v, r.id);
  if (d.status !== 'active') {
    throw conflict('driverId', 'driver_unavailable', {
      'zh-CN': '驾驶员不在岗',
      en: 'The driver is not on duty',
    });
  }
  if (v.seats - 1 < r.passengers) {
    throw fieldError('vehicleId', 'not_enough_seats', {
      'zh-CN': `车辆座位不足（可载 ${v.seats - 1} 人，申请 ${r.passengers} 人）`,
      en: `Not enough seats (${v.seats - 1} for ${r.passengers} passengers)`,
    });
  }
  if (r.need_category && r.need_category !== v.category) {
    throw fieldError('vehicleId', 'wrong_category', {
      'zh-CN': '车辆类别不符合申请要求',
      en: 'The vehicle category does not match the request',
    });
  }
  const leg = input.leg ?? 'both';
  const starts = input.startsAt ? new Date(input.startsAt) : new Date(r.departs_at);
  const ends = input.endsAt ? new Date(input.endsAt) : new Date(r.returns_at);
  if (ends.getTime() <= starts.getTime()) {
    throw fieldError('endsAt', 'period_order', {
      'zh-CN': '结束时间必须晚于开始时间',
      en: 'The end must be after the start',
    });
  }
  // only on a licence valid until the trip ends (the fleet's reminders warn before it runs out)
  if (d.licence_expires_on < dateIn(ends, timeZone)) {
    throw conflict('driverId', 'licence_expired', {
      'zh-CN': `驾驶员 ${d.name} 的驾驶证有效期至 ${d.licence_expires_on}，不能执行该行程`,
      en: `${d.name}'s driving licence is valid until ${d.licence_expires_on}; they cannot drive this trip`,
    });
  }

  const trip = await tx
    .insertInto('veh_trip')
    .values({
      no: humanNo('PC', starts, timeZone),
      vehicle_id: v.id,
      driver_id: d.id,
      jurisdiction_id: r.jurisdiction_id,
      unit_id: r.unit_id,
      lender_jurisdiction_id: v.jurisdiction_id,
      period: sql<string>`tstzrange(${starts.toISOString()}::timestamptz, ${ends.toISOString()}::timestamptz, '[)')`,
      source: input.source ?? 'manual',
      sealed_override: sealedOverride,
      planned_km: input.plannedKm ?? r.planned_km,
      empty_km: input.emptyKm ?? 0,
      request_id: r.id,
      leg,
      dispatched_by: actor.accountId,
    })
    .returning(['id', 'no'])
    .executeTakeFirstOrThrow();
  const moved = await tx
    .updateTable('veh_request')
    .set({
      status: 'assigned',
      trip_id: sql`coalesce(trip_id, ${trip.id}::uuid)`,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', r.id)
    .where('status', 'in', ['approved', 'assigned'])
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) === 0) throw notOpen();
  if (v.jurisdiction_id !== r.jurisdiction_id) {
    await tx
      .insertInto('veh_loan')
      .values({
        trip_id: trip.id,
        lender_jurisdiction_id: v.jurisdiction_id,
        borrower_jurisdiction_id: r.jurisdiction_id,
        mode: mode === 'automatic' ? 'automatic' : 'approval',
        km: input.plannedKm ?? r.planned_km,
      })
      .execute();
  }
  if (sealedOverride) await flagSealedDispatch(tx, v, trip, r.no);
  await audit(tx, actor, {
    entity: 'vehicles.trip',
    entityId: trip.id,
    action: 'assign',
    after: {
      requestId: r.id,
      vehicleId: v.id,
      driverId: d.id,
      leg,
      startsAt: starts.toISOString(),
      endsAt: ends.toISOString(),
      loan: v.jurisdiction_id !== r.jurisdiction_id ? mode : null,
      sealedOverride,
    },
    jurisdictionId: r.jurisdiction_id,
    unitId: r.unit_id,
  });
  if (!input.quiet) {
    await notifyTripChanges(
      tx,
      [
        {
          before: null,
          after: { requestId: r.id, vehicleId: v.id, driverId: d.id, startsAt: starts, endsAt: ends },
        },
      ],
      {
        actorAccountId: actor.accountId,
        timeZone,
        what: { 'zh-CN': '派车', en: 'Dispatch' },
        deskLink: `/vehicles/desk?date=${dateIn(starts, timeZone)}`,
      },
    );
  }
  return { tripId: trip.id, no: trip.no };
}

/** Cancels a trip that has not started; its request returns to the queue. */
export async function cancelTrip(db: Db, actor: Actor, timeZone: string, tripId: string, reason: string) {
  return inTransaction(db, async (tx) => {
    const t = await tx
      .updateTable('veh_trip')
      .set({ status: 'cancelled', version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', tripId)
      .where('status', 'in', ['assigned', 'accepted'])
      .returning([
        'id',
        'request_id',
        'jurisdiction_id',
        'unit_id',
        'driver_id',
        'vehicle_id',
        sql<Date>`lower(period)`.as('starts_at'),
        sql<Date>`upper(period)`.as('ends_at'),
      ])
      .executeTakeFirst();
    if (!t) {
      throw conflict('status', 'trip_not_cancellable', {
        'zh-CN': '已出发或已结束的任务不能撤销',
        en: 'A started or closed trip cannot be cancelled',
      });
    }
    await tx.deleteFrom('veh_loan').where('trip_id', '=', tripId).execute();
    if (t.request_id) {
      const left = await tx
        .selectFrom('veh_trip')
        .select('id')
        .where('request_id', '=', t.request_id)
        .where('status', '<>', 'cancelled')
        .executeTakeFirst();
      await tx
        .updateTable('veh_request')
        .set({
          status: left ? 'assigned' : 'approved',
          trip_id: left ? left.id : null,
          version: sql`version + 1`,
          updated_at: sql`now()`,
        })
        .where('id', '=', t.request_id)
        .where('status', '=', 'assigned')
        .execute();
    }
    await audit(tx, actor, {
      entity: 'vehicles.trip',
      entityId: tripId,
      action: 'cancel',
      after: { reason },
      jurisdictionId: t.jurisdiction_id,
      unitId: t.unit_id,
    });
    const starts = new Date(t.starts_at);
    await notifyTripChanges(
      tx,
      [
        {
          before: {
            requestId: t.request_id,
            vehicleId: t.vehicle_id,
            driverId: t.driver_id,
            startsAt: starts,
            endsAt: new Date(t.ends_at),
          },
          after: null,
        },
      ],
      {
        actorAccountId: actor.accountId,
        timeZone,
        what: { 'zh-CN': `出车任务撤销（${reason}）`, en: `Trip cancelled (${reason})` },
        deskLink: `/vehicles/desk?date=${dateIn(starts, timeZone)}`,
      },
    );
  });
}
