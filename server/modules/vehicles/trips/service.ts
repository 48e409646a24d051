import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import { errors } from '../../../kernel/errors.ts';
import type { Actor, UserPrincipal } from '../../../kernel/http/access.ts';
import { notify } from '../../../kernel/notify/index.ts';
import { conflict, fieldError, iso } from '../shared.ts';
import type { TripStatus } from '../tables.ts';
import type { PositionSource } from '../command/board.types.ts';
import { placesById } from '../places/lookup.ts';

export { POSITION_SOURCES, type PositionSource } from '../command/board.types.ts';

/**
 * The driver's side of a trip (phone page): accept → start (odometer) → arrive → finish (odometer, tolls,
 * parking, fuel or charge in fen). Each step is a conditional UPDATE from the expected status, so a
 * repeated tap or a stale page cannot move a trip twice.
 */

export async function driverOf(ex: Executor, p: UserPrincipal) {
  const d = await ex
    .selectFrom('veh_driver')
    .selectAll()
    .where((eb) =>
      eb.or([eb('account_id', '=', p.accountId), ...(p.personId ? [eb('person_id', '=', p.personId)] : [])]),
    )
    .executeTakeFirst();
  if (!d) {
    throw errors.forbidden({
      'zh-CN': '当前账号未登记为驾驶员',
      en: 'This account is not registered as a driver',
    });
  }
  return d;
}

export async function myTrips(ex: Executor, p: UserPrincipal, from: Date, to: Date) {
  const d = await driverOf(ex, p);
  const rows = await ex
    .selectFrom('veh_trip as t')
    .innerJoin('veh_vehicle as v', 'v.id', 't.vehicle_id')
    .leftJoin('veh_request as r', 'r.id', 't.request_id')
    .leftJoin('org_person as p', 'p.id', 'r.requester_person_id')
    .leftJoin('org_unit as u', 'u.id', 'r.unit_id')
    .select([
      't.id',
      't.no',
      't.status',
      't.leg',
      't.start_odometer',
      't.end_odometer',
      't.km',
      't.tolls_fen',
      't.parking_fen',
      't.fuel_fen',
      'v.id as vehicle_id',
      'v.plate',
      'v.odometer_km',
      'r.id as request_id',
      'r.no as request_no',
      'r.passengers',
      'r.passenger_names',
      'r.contact_phone',
      'r.purpose',
      'r.origin_id',
      'r.destination_ids',
      'p.name as requester_name',
      'u.name as unit_name',
      sql<Date>`lower(t.period)`.as('starts_at'),
      sql<Date>`upper(t.period)`.as('ends_at'),
    ])
    .where('t.driver_id', '=', d.id)
    .where('t.status', '<>', 'cancelled')
    .where((eb) =>
      eb.or([
        eb.and([eb(sql`lower(t.period)`, '>=', from), eb(sql`lower(t.period)`, '<', to)]),
        eb('t.status', 'in', ['accepted', 'started', 'arrived']),
      ]),
    )
    .orderBy(sql`lower(t.period)`)
    .execute();
  const places = await placesById(
    ex,
    rows.flatMap((r) => (r.origin_id ? [r.origin_id, ...(r.destination_ids ?? [])] : [])),
  );
  return {
    driver: {
      id: d.id,
      name: d.name,
      rating: d.rating_count ? Math.round((d.rating_sum / d.rating_count) * 10) / 10 : null,
    },
    trips: rows.map((r) => ({
      id: r.id,
      no: r.no,
      status: r.status,
      leg: r.leg,
      vehicleId: r.vehicle_id,
      plate: r.plate,
      lastOdometer: r.odometer_km,
      startOdometer: r.start_odometer,
      endOdometer: r.end_odometer,
      km: r.km,
      tollsFen: Number(r.tolls_fen),
      parkingFen: Number(r.parking_fen),
      fuelFen: Number(r.fuel_fen),
      requestId: r.request_id,
      requestNo: r.request_no,
      passengers: r.passengers,
      passengerNames: r.passenger_names,
      contactPhone: r.contact_phone,
      purpose: r.purpose,
      requesterName: r.requester_name,
      unitName: r.unit_name,
      stops: r.origin_id
        ? [r.origin_id, ...(r.destination_ids ?? [])].map((id) => {
            const p = places.get(id);
            return p ? { name: p.name, lon: p.lon, lat: p.lat } : { name: '?', lon: 0, lat: 0 };
          })
        : [],
      startsAt: iso(r.starts_at)!,
      endsAt: iso(r.ends_at)!,
    })),
  };
}

/** a trip's status as the driver reads it, in both languages (not the code) */
const STATUS_LABEL: Record<TripStatus, { 'zh-CN': string; en: string }> = {
  assigned: { 'zh-CN': '待接单', en: 'to accept' },
  accepted: { 'zh-CN': '已接单', en: 'accepted' },
  started: { 'zh-CN': '行驶中', en: 'driving' },
  arrived: { 'zh-CN': '已到达', en: 'arrived' },
  finished: { 'zh-CN': '已收车', en: 'finished' },
  cancelled: { 'zh-CN': '已取消', en: 'cancelled' },
};

const moveErr = (from: TripStatus[]) =>
  conflict('status', 'trip_wrong_status', {
    'zh-CN': `该任务当前不能执行此操作（需处于：${from.map((f) => STATUS_LABEL[f]['zh-CN']).join('或')}）`,
    en: `The trip cannot do this now (it must be ${from.map((f) => STATUS_LABEL[f].en).join(' or ')})`,
  });

async function lockMine(tx: Tx, p: UserPrincipal, tripId: string) {
  const d = await driverOf(tx, p);
  const t = await tx
    .selectFrom('veh_trip')
    .selectAll()
    .where('id', '=', tripId)
    .forUpdate()
    .executeTakeFirst();
  if (!t) throw errors.notFound('vehicles.trip', tripId);
  if (t.driver_id !== d.id)
    throw errors.forbidden({ 'zh-CN': '这不是您的出车任务', en: 'This is not your trip' });
  return { t, d };
}

export interface FinishInput {
  odometerKm: number;
  tollsFen: number;
  parkingFen: number;
  fuelFen: number;
}

export type DriverAction =
  | { action: 'accept' }
  | { action: 'start'; odometerKm: number }
  | { action: 'arrive' }
  | ({ action: 'finish' } & FinishInput);

const FROM: Record<DriverAction['action'], TripStatus[]> = {
  accept: ['assigned'],
  start: ['assigned', 'accepted'],
  arrive: ['started'],
  finish: ['started', 'arrived'],
};

export async function driverAct(db: Db, p: UserPrincipal, actor: Actor, tripId: string, a: DriverAction) {
  return inTransaction(db, async (tx) => {
    const { t } = await lockMine(tx, p, tripId);
    const from = FROM[a.action];
    if (!from.includes(t.status)) throw moveErr(from);
    const v = await tx
      .selectFrom('veh_vehicle')
      .selectAll()
      .where('id', '=', t.vehicle_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const now = sql<Date>`now()`;
    let after: Record<string, unknown> = {};
    if (a.action === 'accept') {
      await tx
        .updateTable('veh_trip')
        .set({ status: 'accepted', version: sql`version + 1`, updated_at: now })
        .where('id', '=', t.id)
        .execute();
    } else if (a.action === 'start') {
      if (a.odometerKm < v.odometer_km) {
        throw fieldError('odometerKm', 'odometer_backwards', {
          'zh-CN': `出发里程不能小于车辆上次读数 ${v.odometer_km} 公里`,
          en: `The odometer cannot be lower than the vehicle's last reading (${v.odometer_km} km)`,
        });
      }
      await tx
        .updateTable('veh_trip')
        .set({
          status: 'started',
          start_odometer: a.odometerKm,
          started_at: now,
          version: sql`version + 1`,
          updated_at: now,
        })
        .where('id', '=', t.id)
        .execute();
      await tx
        .updateTable('veh_vehicle')
        .set({
          status: v.status === 'sealed' ? 'sealed' : 'in_use',
          odometer_km: a.odometerKm,
          updated_at: now,
        })
        .where('id', '=', v.id)
        .execute();
      if (t.request_id) {
        await tx
          .updateTable('veh_request')
          .set({ status: 'in_progress', updated_at: now })
          .where('id', '=', t.request_id)
          .where('status', '=', 'assigned')
          .execute();
      }
      after = { odometerKm: a.odometerKm };
    } else if (a.action === 'arrive') {
      await tx
        .updateTable('veh_trip')
        .set({ status: 'arrived', arrived_at: now, version: sql`version + 1`, updated_at: now })
        .where('id', '=', t.id)
        .execute();
    } else {
      const start = t.start_odometer ?? v.odometer_km;
      if (a.odometerKm < start) {
        throw fieldError('odometerKm', 'odometer_backwards', {
          'zh-CN': `收车里程不能小于出发里程 ${start} 公里`,
          en: `The odometer cannot be lower than at the start (${start} km)`,
        });
      }
      await tx
        .updateTable('veh_trip')
        .set({
          status: 'finished',
          end_odometer: a.odometerKm,
          tolls_fen: a.tollsFen,
          parking_fen: a.parkingFen,
          fuel_fen: a.fuelFen,
          finished_at: now,
          version: sql`version + 1`,
          updated_at: now,
        })
        .where('id', '=', t.id)
        .execute();
      await tx
        .updateTable('veh_vehicle')
        .set({
          status: v.status === 'in_use' ? 'available' : v.status,
          odometer_km: a.odometerKm,
          updated_at: now,
        })
        .where('id', '=', v.id)
        .execute();
      await tx
        .updateTable('veh_loan')
        .set({ km: a.odometerKm - start })
        .where('trip_id', '=', t.id)
        .execute();
      if (t.request_id) {
        const open = await tx
          .selectFrom('veh_trip')
          .select('id')
          .where('request_id', '=', t.request_id)
          .where('status', 'not in', ['finished', 'cancelled'])
          .where('id', '<>', t.id)
          .executeTakeFirst();
        if (!open) {
          const r = await tx
            .updateTable('veh_request')
            .set({ status: 'completed', updated_at: now, version: sql`version + 1` })
            .where('id', '=', t.request_id)
            .returning(['requester_account_id', 'no'])
            .executeTakeFirst();
          if (r) {
            await notify(tx, [r.requester_account_id], {
              kind: 'vehicles.trip_finished',
              title: {
                'zh-CN': `行程已结束，请确认并评价：${r.no}`,
                en: `Trip finished — please confirm and rate: ${r.no}`,
              },
              link: `/vehicles/requests/${t.request_id}`,
            });
          }
        }
      }
      after = {
        odometerKm: a.odometerKm,
        km: a.odometerKm - start,
        tollsFen: a.tollsFen,
        parkingFen: a.parkingFen,
        fuelFen: a.fuelFen,
      };
    }
    await audit(tx, actor, {
      entity: 'vehicles.trip',
      entityId: t.id,
      action: a.action,
      before: { status: t.status },
      after: {
        status:
          a.action === 'accept'
            ? 'accepted'
            : a.action === 'arrive'
              ? 'arrived'
              : a.action === 'start'
                ? 'started'
                : 'finished',
        ...after,
      },
      jurisdictionId: t.jurisdiction_id,
      unitId: t.unit_id,
    });
  });
}

export interface PositionInput {
  vehicleId?: string | undefined;
  plate?: string | undefined;
  at: string;
  lon: number;
  lat: number;
  speedKmh?: number | undefined;
  /** overrides the poster's default source */
  source?: PositionSource | undefined;
}

/**
 * Stores positions (GPS units, phones, the simulator) with their source (each item's own, else the
 * poster's default); unknown vehicles are reported, the rest are kept.
 */
export async function recordPositions(db: Db, source: PositionSource, items: readonly PositionInput[]) {
  const plates = [...new Set(items.flatMap((i) => (i.plate ? [i.plate] : [])))];
  const byPlate = new Map(
    plates.length
      ? (
          await db.selectFrom('veh_vehicle').select(['id', 'plate']).where('plate', 'in', plates).execute()
        ).map((v) => [v.plate, v.id])
      : [],
  );
  const ids = [...new Set(items.flatMap((i) => (i.vehicleId ? [i.vehicleId] : [])))];
  const known = new Set(
    ids.length
      ? (await db.selectFrom('veh_vehicle').select('id').where('id', 'in', ids).execute()).map((v) => v.id)
      : [],
  );
  const rows: {
    vehicle_id: string;
    at: string;
    lon: number;
    lat: number;
    speed_kmh: number | null;
    source: PositionSource;
  }[] = [];
  const unknown: number[] = [];
  items.forEach((i, n) => {
    const id = i.vehicleId
      ? known.has(i.vehicleId)
        ? i.vehicleId
        : undefined
      : i.plate
        ? byPlate.get(i.plate)
        : undefined;
    if (!id) unknown.push(n);
    else
      rows.push({
        vehicle_id: id,
        at: i.at,
        lon: i.lon,
        lat: i.lat,
        speed_kmh: i.speedKmh ?? null,
        source: i.source ?? source,
      });
  });
  if (rows.length) await db.insertInto('veh_position').values(rows).execute();
  return { accepted: rows.length, unknown };
}
