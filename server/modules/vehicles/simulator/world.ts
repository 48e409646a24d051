import { sql } from 'kysely';
import { DataScope } from '../../../kernel/access/scope.ts';
import type { Db } from '../../../kernel/db/schema.ts';
import { haversineKm } from '../geo.ts';
import {
  motion,
  positionAt,
  seeded,
  waypointsOf,
  type LonLat,
  type SimTrip,
  type TripMotion,
} from './path.ts';

/** What the simulator knows of the fleet: where each vehicle is parked and the trips it drives. */
export interface SimVehicle {
  id: string;
  plate: string;
  home: LonLat;
}

export interface DrivenTrip extends SimTrip {
  /** started or arrived: on the road until its driver finishes it */
  open: boolean;
  motion: TripMotion;
}

export interface SimWorld {
  vehicles: SimVehicle[];
  trips: Map<string, DrivenTrip[]>;
}

/**
 * Loads the vehicles (not retired) with their pool's depot, and the trips that move in [from, to]:
 * those on the road (started, arrived) and those finished in the period (from their real start to
 * their real finish). Assigned trips stay put until their driver starts them. A trip without a
 * request (seeded history) goes from the depot to a place of the registry chosen by its id.
 */
export async function loadWorld(db: Db, from: Date, to: Date, timeZone: string): Promise<SimWorld> {
  return buildWorld(await loadWorldData(db, from, to), timeZone);
}

/** The world as data (what GET /api/vehicles/simulator/world answers): vehicles and trips' waypoints. */
export interface WorldData {
  vehicles: SimVehicle[];
  trips: (SimTrip & { open: boolean })[];
}

/** The motion of every trip, computed from the data (on the simulator's side). */
export function buildWorld(data: WorldData, timeZone: string): SimWorld {
  const trips = new Map<string, DrivenTrip[]>();
  for (const t of data.trips) {
    const list = trips.get(t.vehicleId) ?? [];
    list.push({ ...t, motion: motion(t, timeZone) });
    trips.set(t.vehicleId, list);
  }
  return { vehicles: data.vehicles, trips };
}

export async function loadWorldData(
  db: Db,
  from: Date,
  to: Date,
  scope: DataScope = DataScope.everything(),
): Promise<WorldData> {
  const vehicles = (
    await sql<{ id: string; plate: string; lon: number; lat: number }>`
      select v.id, v.plate, coalesce(d.lon, 119.97)::float8 as lon, coalesce(d.lat, 31.78)::float8 as lat
      from veh_vehicle v
      left join lateral (select lon, lat from veh_place p
                         where p.jurisdiction_id = v.jurisdiction_id and p.kind = 'depot' and p.active
                         order by p.created_at limit 1) d on true
      where v.status <> 'retired' and ${scope.where({ jurisdiction: 'v.jurisdiction_id', unit: 'v.unit_id' })}
      order by v.plate`.execute(db)
  ).rows.map((v) => ({
    id: v.id,
    plate: v.plate,
    home: parkingBay({ lon: Number(v.lon), lat: Number(v.lat) }, v.id),
  }));
  const places = (
    await sql<LonLat>`select lon::float8 as lon, lat::float8 as lat from veh_place
                      where kind <> 'depot' and active order by name`.execute(db)
  ).rows.map((p) => ({ lon: Number(p.lon), lat: Number(p.lat) }));
  const rows = (
    await sql<{
      id: string;
      vehicle_id: string;
      status: string;
      starts_at: Date;
      ends_at: Date;
      kind: string | null;
      km: number | null;
      stops: LonLat[] | null;
    }>`
      select t.id, t.vehicle_id, t.status, coalesce(t.km, t.planned_km) as km,
        coalesce(t.started_at, lower(t.period)) as starts_at,
        case when t.status = 'finished' then coalesce(t.finished_at, upper(t.period)) else upper(t.period) end as ends_at,
        r.kind,
        (select json_agg(json_build_object('lon', p.lon::float8, 'lat', p.lat::float8) order by x.n)
           from unnest(array[r.origin_id] || r.destination_ids) with ordinality as x(place_id, n)
           join veh_place p on p.id = x.place_id) as stops
      from veh_trip t left join veh_request r on r.id = t.request_id
      where t.status in ('started', 'arrived')
         or (t.status = 'finished' and tstzrange(coalesce(t.started_at, lower(t.period)),
                                                  coalesce(t.finished_at, upper(t.period)))
                                        && tstzrange(${from}::timestamptz, ${to}::timestamptz))`.execute(db)
  ).rows;
  const home = new Map(vehicles.map((v) => [v.id, v.home]));
  const trips: WorldData['trips'] = [];
  for (const r of rows) {
    const depot = home.get(r.vehicle_id);
    if (!depot) continue;
    const stops = (r.stops ?? []).map((s) => ({ lon: Number(s.lon), lat: Number(s.lat) }));
    const [origin, ...destinations] = stops;
    const { waypoints, turn } = waypointsOf(
      depot,
      origin ?? null,
      destinations.length ? destinations : origin ? [] : fitting(depot, places, r.id, Number(r.km ?? 0)),
      r.kind === 'round_trip' || r.kind === 'waiting',
    );
    trips.push({
      id: r.id,
      vehicleId: r.vehicle_id,
      startsAt: new Date(r.starts_at).getTime(),
      endsAt: new Date(r.ends_at).getTime(),
      waypoints,
      turn,
      open: r.status !== 'finished',
    });
  }
  return { vehicles, trips };
}

/**
 * A destination for a trip without a request (seeded history): one of the three places whose round
 * trip by road (straight line × 1.3) comes closest to the trip's km, chosen by the trip's id.
 */
export function fitting(depot: LonLat, places: readonly LonLat[], key: string, km: number): LonLat[] {
  if (!places.length) return [];
  const ranked = places
    .map((p) => ({ p, miss: Math.abs(2.6 * haversineKm(depot, p) - km) }))
    .sort((a, b) => a.miss - b.miss)
    .slice(0, 3);
  return [ranked[Math.floor(seeded(key)() * ranked.length)]!.p];
}

/** A vehicle's bay in its depot's car park: within ~150 m of the depot, fixed per vehicle. */
export function parkingBay(depot: LonLat, vehicleId: string): LonLat {
  const r = seeded(`bay:${vehicleId}`);
  const angle = r() * 2 * Math.PI;
  const m = 40 + r() * 110;
  return {
    lon: depot.lon + (m * Math.cos(angle)) / (111_320 * Math.cos((depot.lat * Math.PI) / 180)),
    lat: depot.lat + (m * Math.sin(angle)) / 110_570,
  };
}

export interface Report {
  vehicleId: string;
  at: string;
  lon: number;
  lat: number;
  speedKmh: number;
}

/**
 * The reports of one moment: every vehicle on a trip, and the parked ones when `parked` is set (GPS
 * units send a heartbeat while parked, less often); `waiting` false leaves out the vehicles of trips
 * standing at a stop. Coordinates are rounded to the table's 6 decimals.
 */
export function reportsAt(world: SimWorld, at: number, parked: boolean, waiting = true): Report[] {
  const out: Report[] = [];
  const iso = new Date(at).toISOString();
  for (const v of world.vehicles) {
    const trip = (world.trips.get(v.id) ?? []).find((t) => t.startsAt <= at && (t.open || at <= t.endsAt));
    if (trip) {
      const p = positionAt(trip, trip.motion, at, trip.open);
      if (!p.moving && !waiting) continue;
      out.push({ vehicleId: v.id, at: iso, lon: r6(p.lon), lat: r6(p.lat), speedKmh: p.speedKmh });
    } else if (parked) {
      out.push({ vehicleId: v.id, at: iso, lon: r6(v.home.lon), lat: r6(v.home.lat), speedKmh: 0 });
    }
  }
  return out;
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
