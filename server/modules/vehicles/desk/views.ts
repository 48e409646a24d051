import { sql } from 'kysely';
import type { Executor } from '../../../kernel/db/schema.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import { errors } from '../../../kernel/errors.ts';
import { iso } from '../shared.ts';
import { placesById } from '../places/lookup.ts';

/** What the dispatch desk reads: the day's vehicles and drivers with their trips, the slip. */

export interface DayWindow {
  from: Date;
  to: Date;
}

/**
 * The pools a dispatcher sees on the desk: its own, and those that lend to it (automatically, or with the
 * lender's consent), each with how it may be drawn on — 'own' and 'automatic' pools the dispatcher assigns
 * itself, an 'approval' pool's vehicle goes out only by the lender's dispatcher.
 */
export async function reachablePools(ex: Executor, scope: DataScope): Promise<Map<string, LendMode> | 'all'> {
  if (scope.all) return 'all';
  const own = [...scope.jurisdictionIds];
  const out = new Map<string, LendMode>(own.map((id) => [id, 'own']));
  if (own.length === 0) return out;
  const lenders = await ex
    .selectFrom('veh_pool_policy')
    .select(['lender_jurisdiction_id', 'mode'])
    .where('borrower_jurisdiction_id', 'in', own)
    .where('mode', '<>', 'never')
    .execute();
  for (const l of lenders) {
    const was = out.get(l.lender_jurisdiction_id);
    if (was === 'own' || was === 'automatic') continue;
    out.set(l.lender_jurisdiction_id, l.mode === 'automatic' ? 'automatic' : 'approval');
  }
  return out;
}

/** how the desk's dispatcher may draw on a vehicle's pool */
export type LendMode = 'own' | 'automatic' | 'approval';

export async function timeline(ex: Executor, scope: DataScope, day: DayWindow, jurisdictionId?: string) {
  const reach = await reachablePools(ex, scope);
  const pools = jurisdictionId ? [jurisdictionId] : reach === 'all' ? 'all' : [...reach.keys()];
  const lendMode = (pool: string): LendMode => (reach === 'all' ? 'own' : (reach.get(pool) ?? 'approval'));
  let vq = ex
    .selectFrom('veh_vehicle as v')
    .innerJoin('org_jurisdiction as j', 'j.id', 'v.jurisdiction_id')
    .select([
      'v.id',
      'v.plate',
      'v.seats',
      'v.category',
      'v.status',
      'v.jurisdiction_id',
      'j.name as jurisdiction_name',
      'v.brand',
      'v.model',
    ])
    .where('v.status', '<>', 'retired');
  if (pools !== 'all')
    vq = pools.length ? vq.where('v.jurisdiction_id', 'in', pools) : vq.where(sql<boolean>`false`);
  const vehicles = await vq.orderBy('j.sort').orderBy('v.plate').limit(400).execute();
  let dq = ex
    .selectFrom('veh_driver as d')
    .select([
      'd.id',
      'd.name',
      'd.phone',
      'd.jurisdiction_id',
      'd.status',
      'd.max_daily_minutes',
      'd.licence_expires_on',
    ])
    .where('d.status', '=', 'active');
  if (pools !== 'all')
    dq = pools.length ? dq.where('d.jurisdiction_id', 'in', pools) : dq.where(sql<boolean>`false`);
  const drivers = await dq.orderBy('d.name').limit(500).execute();
  const range = sql`tstzrange(${day.from.toISOString()}::timestamptz, ${day.to.toISOString()}::timestamptz, '[)')`;
  const vehicleIds = vehicles.map((v) => v.id);
  const trips = vehicleIds.length
    ? await ex
        .selectFrom('veh_trip as t')
        .innerJoin('veh_driver as d', 'd.id', 't.driver_id')
        .innerJoin('veh_vehicle as v', 'v.id', 't.vehicle_id')
        .leftJoin('veh_request as r', 'r.id', 't.request_id')
        .select([
          't.id',
          't.no',
          't.vehicle_id',
          't.driver_id',
          'v.plate',
          'd.name as driver_name',
          't.status',
          't.source',
          't.leg',
          't.jurisdiction_id',
          't.lender_jurisdiction_id',
          't.request_id',
          'r.no as request_no',
          'r.purpose',
          't.sealed_override',
          sql<Date>`lower(t.period)`.as('starts_at'),
          sql<Date>`upper(t.period)`.as('ends_at'),
        ])
        .where('t.status', '<>', 'cancelled')
        .where(sql<boolean>`t.period && ${range}`)
        .where((eb) =>
          eb.or([
            eb('t.vehicle_id', 'in', vehicleIds),
            eb('t.driver_id', 'in', drivers.length ? drivers.map((d) => d.id) : [vehicleIds[0]!]),
          ]),
        )
        .execute()
    : [];
  return {
    vehicles: vehicles.map((v) => ({
      id: v.id,
      plate: v.plate,
      label: `${v.brand} ${v.model}`,
      seats: v.seats,
      category: v.category,
      status: v.status,
      jurisdictionId: v.jurisdiction_id,
      jurisdictionName: v.jurisdiction_name,
      lendMode: lendMode(v.jurisdiction_id),
    })),
    drivers: drivers.map((d) => ({
      id: d.id,
      name: d.name,
      phone: d.phone,
      jurisdictionId: d.jurisdiction_id,
      licenceExpiresOn: d.licence_expires_on,
    })),
    trips: trips.map((t) => ({
      id: t.id,
      no: t.no,
      vehicleId: t.vehicle_id,
      driverId: t.driver_id,
      plate: t.plate,
      driverName: t.driver_name,
      status: t.status,
      source: t.source,
      leg: t.leg,
      loan: t.jurisdiction_id !== t.lender_jurisdiction_id,
      requestId: t.request_id,
      requestNo: t.request_no,
      purpose: t.purpose,
      startsAt: iso(t.starts_at)!,
      endsAt: iso(t.ends_at)!,
      sealedOverride: t.sealed_override,
    })),
  };
}

/** The printable dispatch slip (派车单) of a trip. */
export async function slip(ex: Executor, tripId: string) {
  const t = await ex
    .selectFrom('veh_trip as t')
    .innerJoin('veh_vehicle as v', 'v.id', 't.vehicle_id')
    .innerJoin('veh_driver as d', 'd.id', 't.driver_id')
    .innerJoin('org_jurisdiction as j', 'j.id', 't.jurisdiction_id')
    .innerJoin('org_jurisdiction as lj', 'lj.id', 't.lender_jurisdiction_id')
    .leftJoin('veh_request as r', 'r.id', 't.request_id')
    .leftJoin('org_person as p', 'p.id', 'r.requester_person_id')
    .leftJoin('org_unit as u', 'u.id', 'r.unit_id')
    .leftJoin('auth_account as a', 'a.id', 't.dispatched_by')
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
      't.sealed_override',
      't.created_at',
      sql<Date>`lower(t.period)`.as('starts_at'),
      sql<Date>`upper(t.period)`.as('ends_at'),
      'v.plate',
      'v.brand',
      'v.model',
      'v.seats',
      'd.name as driver_name',
      'd.phone as driver_phone',
      'j.name as jurisdiction_name',
      'lj.name as lender_name',
      'r.no as request_no',
      'r.passengers',
      'r.passenger_names',
      'r.contact_phone',
      'r.purpose',
      'r.origin_id',
      'r.destination_ids',
      'r.kind',
      'p.name as requester_name',
      'u.name as unit_name',
      'a.display_name as dispatcher_name',
    ])
    .where('t.id', '=', tripId)
    .executeTakeFirst();
  if (!t) throw errors.notFound('vehicles.trip', tripId);
  const ids = t.origin_id ? [t.origin_id, ...(t.destination_ids ?? [])] : [];
  const places = await placesById(ex, ids);
  return {
    id: t.id,
    no: t.no,
    status: t.status,
    leg: t.leg,
    startsAt: iso(t.starts_at)!,
    endsAt: iso(t.ends_at)!,
    plate: t.plate,
    vehicle: `${t.brand} ${t.model}`,
    seats: t.seats,
    /** a sealed vehicle sent out under an approved sealed-use matter: the slip says so */
    sealedOverride: t.sealed_override,
    driverName: t.driver_name,
    driverPhone: t.driver_phone,
    jurisdictionName: t.jurisdiction_name,
    lenderName: t.lender_name,
    requestNo: t.request_no,
    requesterName: t.requester_name,
    unitName: t.unit_name,
    passengers: t.passengers,
    passengerNames: t.passenger_names,
    contactPhone: t.contact_phone,
    purpose: t.purpose,
    kind: t.kind,
    route: ids.map((id) => places.get(id)?.name ?? '?'),
    startOdometer: t.start_odometer,
    endOdometer: t.end_odometer,
    km: t.km,
    tollsFen: Number(t.tolls_fen),
    parkingFen: Number(t.parking_fen),
    fuelFen: Number(t.fuel_fen),
    dispatcherName: t.dispatcher_name,
    issuedAt: iso(t.created_at)!,
  };
}

/** Loans per jurisdiction over a period, for settlement: trips and km lent and borrowed. */
export async function loanSummary(ex: Executor, from: Date, to: Date) {
  const { rows } = await sql<{
    id: string;
    name: string;
    lent_trips: number;
    lent_km: number;
    borrowed_trips: number;
    borrowed_km: number;
  }>`
    with loans as (
      select l.lender_jurisdiction_id as lender, l.borrower_jurisdiction_id as borrower, coalesce(t.km, l.km) as km
        from veh_loan l join veh_trip t on t.id = l.trip_id
       where t.status <> 'cancelled'
         and lower(t.period) >= ${from.toISOString()}::timestamptz and lower(t.period) < ${to.toISOString()}::timestamptz)
    select j.id, j.name,
      (select count(*) from loans where lender = j.id)::int as lent_trips,
      (select coalesce(sum(km), 0) from loans where lender = j.id)::int as lent_km,
      (select count(*) from loans where borrower = j.id)::int as borrowed_trips,
      (select coalesce(sum(km), 0) from loans where borrower = j.id)::int as borrowed_km
    from org_jurisdiction j
    order by j.sort, j.name`.execute(ex);
  return rows.map((r) => ({
    jurisdictionId: r.id,
    name: r.name,
    lentTrips: r.lent_trips,
    lentKm: r.lent_km,
    borrowedTrips: r.borrowed_trips,
    borrowedKm: r.borrowed_km,
  }));
}

/**
 * The days from `from` on (up to `days`) with approved requests still waiting for a vehicle in scope,
 * each with their count: the desk points the dispatcher to them when the day it shows has none.
 */
export async function openDays(
  ex: Executor,
  scope: DataScope,
  timeZone: string,
  from: Date,
  days: number,
): Promise<{ date: string; count: number }[]> {
  const day = sql<string>`to_char(r.departs_at at time zone ${timeZone}, 'YYYY-MM-DD')`;
  const rows = await ex
    .selectFrom('veh_request as r')
    .select([day.as('date'), sql<number>`count(*)::int`.as('count')])
    .where('r.status', '=', 'approved')
    .where('r.departs_at', '>=', from)
    .where('r.departs_at', '<', new Date(from.getTime() + days * 86_400_000))
    .where(
      scope.where({ jurisdiction: 'r.jurisdiction_id', unit: 'r.unit_id', person: 'r.requester_person_id' }),
    )
    // by position: the zone is a parameter, so the same expression twice would not match
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return rows.map((r) => ({ date: r.date, count: Number(r.count) }));
}
