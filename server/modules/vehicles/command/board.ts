import { sql } from 'kysely';
import type { DataScope } from '../../../kernel/access/scope.ts';
import type { Db } from '../../../kernel/db/schema.ts';
import { VEHICLE_STATUSES, type VehicleStatus } from '../tables.ts';
import type {
  Board,
  BoardVehicle,
  OpenAlert,
  PositionSource,
  VehicleStatus as BoardStatus,
} from './board.types.ts';

export type { Board, BoardVehicle, OpenAlert } from './board.types.ts';

// the board's status list is the table's (board.types.ts cannot import the server's tables)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameStatuses: Same<BoardStatus, VehicleStatus> = true;
void sameStatuses;

const zero = (): Record<VehicleStatus, number> =>
  Object.fromEntries(VEHICLE_STATUSES.map((s) => [s, 0])) as Record<VehicleStatus, number>;

/**
 * The live board: every vehicle of the pools in scope with its last position (one index probe per
 * vehicle through veh_position_vehicle, a LATERAL … ORDER BY at DESC LIMIT 1) and the trip it is on
 * (started or arrived first, else the one whose window holds now; taken from the open trips only),
 * and the counts per status and pool.
 */
export async function board(
  db: Db,
  scope: DataScope,
  staleMinutes: number,
  now = new Date(),
): Promise<Board> {
  const { rows } = await sql<{
    id: string;
    plate: string;
    category: string;
    label: string;
    status: VehicleStatus;
    jurisdiction_id: string;
    jurisdiction_name: string;
    unit_name: string;
    pos_at: Date | null;
    lon: number | null;
    lat: number | null;
    speed_kmh: number | null;
    source: PositionSource | null;
    trip_id: string | null;
    trip_no: string | null;
    trip_status: string | null;
    driver_name: string | null;
    starts_at: Date | null;
    ends_at: Date | null;
    route: string | null;
  }>`
    with current_trip as (
      -- open trips only: the partial index veh_trip_status holds just them, not the half year of history
      select distinct on (t.vehicle_id) t.id, t.vehicle_id, t.no, t.status, t.driver_id, t.period, t.request_id
      from veh_trip t
      where t.status not in ('finished', 'cancelled')
        and (t.status in ('started', 'arrived') or t.period @> ${now}::timestamptz)
      order by t.vehicle_id, (t.status in ('started', 'arrived')) desc, lower(t.period))
    select v.id, v.plate, v.category, v.brand || ' ' || v.model as label,
      case when v.status = 'available' and t.status in ('started', 'arrived') then 'in_use' else v.status end as status,
      v.jurisdiction_id, j.name as jurisdiction_name, u.name as unit_name,
      p.at as pos_at, p.lon::float8 as lon, p.lat::float8 as lat, p.speed_kmh::float8 as speed_kmh, p.source,
      t.id as trip_id, t.no as trip_no, t.status as trip_status, d.name as driver_name,
      lower(t.period) as starts_at, upper(t.period) as ends_at,
      (select o.name || ' → ' || string_agg(pl.name, ' → ' order by x.n)
         from veh_request r join veh_place o on o.id = r.origin_id
         cross join lateral unnest(r.destination_ids) with ordinality as x(place_id, n)
         join veh_place pl on pl.id = x.place_id
        where r.id = t.request_id group by o.name) as route
    from veh_vehicle v
    join org_jurisdiction j on j.id = v.jurisdiction_id
    join org_unit u on u.id = v.unit_id
    left join lateral (
      select at, lon, lat, speed_kmh, source from veh_position p
      where p.vehicle_id = v.id order by p.at desc limit 1) p on true
    left join current_trip t on t.vehicle_id = v.id
    left join veh_driver d on d.id = t.driver_id
    where ${scope.where({ jurisdiction: 'v.jurisdiction_id', unit: 'v.unit_id' })}
    order by j.code, v.plate`.execute(db);

  const staleBefore = now.getTime() - staleMinutes * 60_000;
  const counts = zero();
  const pools = new Map<string, Board['pools'][number]>();
  const vehicles = rows.map((r): BoardVehicle => {
    counts[r.status]++;
    let pool = pools.get(r.jurisdiction_id);
    if (!pool) {
      pool = {
        jurisdictionId: r.jurisdiction_id,
        jurisdictionName: r.jurisdiction_name,
        total: 0,
        counts: zero(),
      };
      pools.set(r.jurisdiction_id, pool);
    }
    pool.total++;
    pool.counts[r.status]++;
    const at = r.pos_at ? new Date(r.pos_at) : null;
    return {
      id: r.id,
      plate: r.plate,
      category: r.category,
      label: r.label,
      status: r.status,
      jurisdictionId: r.jurisdiction_id,
      jurisdictionName: r.jurisdiction_name,
      unitName: r.unit_name,
      position:
        at && r.lon !== null && r.lat !== null
          ? {
              at: at.toISOString(),
              lon: Number(r.lon),
              lat: Number(r.lat),
              speedKmh: r.speed_kmh === null ? null : Number(r.speed_kmh),
              stale: at.getTime() < staleBefore,
              source: r.source ?? 'gps',
            }
          : null,
      trip:
        r.trip_id && r.trip_no && r.starts_at && r.ends_at
          ? {
              id: r.trip_id,
              no: r.trip_no,
              status: r.trip_status!,
              driverName: r.driver_name ?? '',
              startsAt: new Date(r.starts_at).toISOString(),
              endsAt: new Date(r.ends_at).toISOString(),
              route: r.route,
            }
          : null,
    };
  });
  return { at: now.toISOString(), staleMinutes, counts, pools: [...pools.values()], vehicles };
}

/** Open alerts (veh_alert, filled by supervision) in scope: red first, then newest; at most `limit`. */
export async function openAlerts(db: Db, scope: DataScope, limit: number): Promise<OpenAlert[]> {
  const rows = await db
    .selectFrom('veh_alert as a')
    .innerJoin('veh_vehicle as v', 'v.id', 'a.vehicle_id')
    .innerJoin('org_jurisdiction as j', 'j.id', 'a.jurisdiction_id')
    .leftJoin('veh_trip as t', 't.id', 'a.trip_id')
    .select([
      'a.id',
      'a.kind',
      'a.level',
      'a.at',
      'a.vehicle_id',
      'v.plate',
      'a.trip_id',
      't.no as trip_no',
      'j.name as jurisdiction_name',
      'a.detail',
    ])
    .where('a.resolved_at', 'is', null)
    .where(scope.where({ jurisdiction: 'a.jurisdiction_id', unit: 'a.unit_id' }))
    .orderBy(sql`case a.level when 'red' then 0 when 'yellow' then 1 else 2 end`)
    .orderBy('a.at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    level: r.level,
    at: new Date(r.at).toISOString(),
    vehicleId: r.vehicle_id,
    plate: r.plate,
    tripId: r.trip_id,
    tripNo: r.trip_no,
    jurisdictionName: r.jurisdiction_name,
    detail: r.detail,
  }));
}
