import { sql } from 'kysely';
import type { DataScope } from '../../../kernel/access/scope.ts';
import type { Db } from '../../../kernel/db/schema.ts';
import { errors } from '../../../kernel/errors.ts';
import type { PositionSource, Track, TripInfo } from './board.types.ts';
import { downsample } from './downsample.ts';

export type { Track, TripInfo } from './board.types.ts';

/** Positions of a vehicle in [from, to], ordered by time and simplified to at most `max` points. */
export async function vehicleTrack(
  db: Db,
  vehicleId: string,
  from: Date,
  to: Date,
  max: number,
): Promise<Track> {
  const rows = await db
    .selectFrom('veh_position')
    .select([
      'at',
      sql<number>`lon::float8`.as('lon'),
      sql<number>`lat::float8`.as('lat'),
      sql<number | null>`speed_kmh::float8`.as('speed'),
      'source',
    ])
    .where('vehicle_id', '=', vehicleId)
    .where('at', '>=', from)
    .where('at', '<=', to)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const points = rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    lon: Number(r.lon),
    lat: Number(r.lat),
    speedKmh: r.speed === null ? null : Number(r.speed),
    source: r.source,
  }));
  const sources: Partial<Record<PositionSource, number>> = {};
  for (const p of points) sources[p.source] = (sources[p.source] ?? 0) + 1;
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    total: points.length,
    points: downsample(points, max),
    sources,
  };
}

const tripInfoQuery = (db: Db) =>
  db
    .selectFrom('veh_trip as t')
    .innerJoin('veh_vehicle as v', 'v.id', 't.vehicle_id')
    .innerJoin('veh_driver as d', 'd.id', 't.driver_id')
    .leftJoin('veh_request as r', 'r.id', 't.request_id')
    .select([
      't.id',
      't.no',
      't.status',
      't.vehicle_id',
      'v.plate',
      'd.name as driver_name',
      sql<Date>`lower(t.period)`.as('starts_at'),
      sql<Date>`upper(t.period)`.as('ends_at'),
      't.started_at',
      't.finished_at',
      't.km',
      sql<{ name: string; lon: number; lat: number }[] | null>`(
        select json_agg(json_build_object('name', p.name, 'lon', p.lon::float8, 'lat', p.lat::float8) order by x.n)
        from unnest(array[r.origin_id] || r.destination_ids) with ordinality as x(place_id, n)
        join veh_place p on p.id = x.place_id)`.as('stops'),
    ]);

type TripRow = Awaited<ReturnType<ReturnType<typeof tripInfoQuery>['executeTakeFirstOrThrow']>>;
const toInfo = (t: TripRow): TripInfo => ({
  id: t.id,
  no: t.no,
  status: t.status,
  vehicleId: t.vehicle_id,
  plate: t.plate,
  driverName: t.driver_name,
  startsAt: new Date(t.starts_at).toISOString(),
  endsAt: new Date(t.ends_at).toISOString(),
  km: t.km,
  stops: t.stops ?? [],
});

/** A trip with its track: from its start (or planned start) to its finish (or planned end), ±10 minutes. */
export async function tripTrack(
  db: Db,
  tripId: string,
  max: number,
): Promise<{ trip: TripInfo; track: Track }> {
  const t = await tripInfoQuery(db).where('t.id', '=', tripId).executeTakeFirst();
  if (!t) throw errors.notFound('trip', tripId);
  const pad = 10 * 60_000;
  const from = new Date(new Date(t.started_at ?? t.starts_at).getTime() - pad);
  const end = new Date(t.finished_at ?? t.ends_at).getTime() + pad;
  const to = new Date(Math.min(end, Math.max(Date.now(), from.getTime())));
  return { trip: toInfo(t), track: await vehicleTrack(db, t.vehicle_id, from, to, max) };
}

/** Trips of a day window (vehicles of the pools in scope or trips booked in scope), for the replay picker. */
export async function tripsBetween(
  db: Db,
  scope: DataScope,
  from: Date,
  to: Date,
  vehicleId: string | undefined,
): Promise<TripInfo[]> {
  let q = tripInfoQuery(db)
    .where('t.status', '<>', 'cancelled')
    .where(sql<boolean>`t.period && tstzrange(${from}::timestamptz, ${to}::timestamptz)`)
    .where((eb) =>
      eb.or([
        scope.where({ jurisdiction: 'v.jurisdiction_id', unit: 'v.unit_id' }),
        scope.where({ jurisdiction: 't.jurisdiction_id', unit: 't.unit_id' }),
      ]),
    );
  if (vehicleId) q = q.where('t.vehicle_id', '=', vehicleId);
  const rows = await q
    .orderBy(sql`lower(t.period)`)
    .orderBy('v.plate')
    .limit(500)
    .execute();
  return rows.map(toInfo);
}
