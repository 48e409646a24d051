import { sql } from 'kysely';
import type { Executor } from '../../../kernel/db/schema.ts';
import { startOfDay, endOfDay } from '../../../kernel/calendar/businessDays.ts';
import {
  type LockedAssignment,
  type Plan,
  type PlanDriver,
  type PlanInput,
  type PlanRequest,
  type PlanVehicle,
  type PlannedRoute,
  type Point,
  type PoolingPolicy,
  type VehicleCategory,
} from '../dispatch/plan/index.ts';
import { sealedUseApproved } from '../supervision/sealed-use.ts';
import { placesById } from '../places/lookup.ts';

/**
 * What the planner needs for a day and pools, read from the tables: the day's open and assigned
 * requests, the pools' vehicles (with lenders by the pairs' policies) and drivers, and the live trips.
 * `lock` says which trips planning must keep on their vehicle and driver: 'all' (a plan of the day that
 * never moves an assignment) or 'started' (a re-plan that may move accepted trips that have not started).
 */

const CITY_CENTRE: Point = { lon: 119.974, lat: 31.811 };
const NIL = '00000000-0000-4000-8000-000000000000';

export const STARTED = ['started', 'arrived', 'finished'] as const;

export interface LiveTrip {
  id: string;
  requestId: string;
  /** the trip's leg as stored: 'both' for one-way and waiting trips */
  leg: 'outbound' | 'return' | 'both';
  vehicleId: string;
  driverId: string;
  status: string;
  startsAt: number;
  endsAt: number;
}

export interface DayData {
  input: PlanInput;
  trips: LiveTrip[];
  /** request id → kind */
  kinds: Map<string, string>;
}

function local(day: string, hhmm: string, tz: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return startOfDay(day, tz).getTime() + (h * 60 + m) * 60_000;
}

export async function loadDay(
  db: Executor,
  tz: string,
  day: string,
  pools: string[],
  lock: 'all' | 'started',
): Promise<DayData> {
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
  const places = await placesById(
    db,
    reqRows.flatMap((r) => [r.origin_id, ...r.destination_ids]),
  );
  const point = (id: string): Point => {
    const p = places.get(id);
    return p ? { lon: p.lon, lat: p.lat } : CITY_CENTRE;
  };
  // a sealed vehicle only for a request with an approved sealed-use matter (supervision)
  const sealedOk = await sealedUseApproved(
    db,
    reqRows.map((r) => r.id),
  );
  const requests: PlanRequest[] = reqRows.map((r) => ({
    id: r.id,
    pool: r.jurisdiction_id,
    passengers: r.passengers,
    pickup: point(r.origin_id),
    dropoffs: r.destination_ids.map(point),
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
    // a licence still valid that day (the desk refuses one that runs out before a trip ends)
    .where('licence_expires_on', '>=', day)
    .execute();
  const drivers: PlanDriver[] = dRows.map((d) => ({
    id: d.id,
    pool: d.jurisdiction_id,
    shiftStart: dayStart,
    shiftEnd: dayEnd,
    maxDrivingMinutes: d.max_daily_minutes,
    minRestMinutes: d.min_rest_minutes,
  }));
  const live = await db
    .selectFrom('veh_trip')
    .select([
      'id',
      'request_id',
      'vehicle_id',
      'driver_id',
      'leg',
      'status',
      sql<Date>`lower(period)`.as('starts_at'),
      sql<Date>`upper(period)`.as('ends_at'),
    ])
    .where('request_id', 'in', reqRows.length ? reqRows.map((r) => r.id) : [NIL])
    .where('status', '<>', 'cancelled')
    .execute();
  const trips: LiveTrip[] = live.map((t) => ({
    id: t.id,
    requestId: t.request_id!,
    leg: t.leg as LiveTrip['leg'],
    vehicleId: t.vehicle_id,
    driverId: t.driver_id,
    status: t.status,
    startsAt: new Date(t.starts_at).getTime(),
    endsAt: new Date(t.ends_at).getTime(),
  }));
  // a driver stays paired with the vehicle of their trips (a re-plan keeps crews where it can)
  const crewOf = new Map(trips.map((t) => [t.driverId, t.vehicleId]));
  for (const d of drivers) d.vehicleId = crewOf.get(d.id);
  const knownV = new Set(vehicles.map((v) => v.id));
  const locked: LockedAssignment[] = trips
    .filter((t) => knownV.has(t.vehicleId))
    .filter((t) => lock === 'all' || (STARTED as readonly string[]).includes(t.status))
    .map((t) => ({
      requestId: t.requestId,
      leg: t.leg === 'return' ? 'return' : 'outbound',
      vehicleId: t.vehicleId,
      driverId: t.driverId,
      started: (STARTED as readonly string[]).includes(t.status),
      pickupAt: t.startsAt,
      busyUntil: t.endsAt,
    }));
  return {
    input: { requests, vehicles, drivers, pooling, locked },
    trips,
    kinds: new Map(reqRows.map((r) => [r.id, r.kind])),
  };
}

/**
 * The live trips as a plan (one route per vehicle and driver, jobs in time order): the starting point
 * of an insertion or a re-plan. Only the routes' crews and the order of their pickups are used.
 */
export function tripsAsPlan(trips: LiveTrip[]): Plan {
  const byCrew = new Map<string, LiveTrip[]>();
  for (const t of trips) {
    const key = `${t.vehicleId}|${t.driverId}`;
    byCrew.set(key, [...(byCrew.get(key) ?? []), t]);
  }
  const routes: PlannedRoute[] = [...byCrew.values()].map((list) => {
    list.sort((a, b) => a.startsAt - b.startsAt);
    return {
      vehicleId: list[0]!.vehicleId,
      driverId: list[0]!.driverId,
      pool: '',
      stops: list.map((t) => ({
        kind: 'pickup' as const,
        requestId: t.requestId,
        leg: t.leg === 'return' ? ('return' as const) : ('outbound' as const),
        point: CITY_CENTRE,
        arrive: t.startsAt,
        start: t.startsAt,
        depart: t.startsAt,
        load: 0,
      })),
      requestIds: [...new Set(list.map((t) => t.requestId))],
      km: 0,
      emptyKm: 0,
      drivingMinutes: 0,
      lateMinutes: 0,
    };
  });
  return {
    routes,
    unserved: [],
    loans: [],
    figures: {
      vehiclesUsed: routes.length,
      requests: 0,
      served: 0,
      km: 0,
      emptyKm: 0,
      lateMinutes: 0,
      loans: 0,
      loansNeedingApproval: 0,
      cost: 0,
      seconds: 0,
    },
  };
}
