import { sql } from 'kysely';
import type { AppContext, Log } from '../../../kernel/module.ts';
import { loadWorld, reportsAt, type Report } from './world.ts';
import { dateIn } from '../shared.ts';

/** Days of history that get GPS tracks for replay (older seeded trips have none, like an archive). */
export const TRACK_DAYS = 10;
const STEP_MS = 120_000;
/** a vehicle waiting at a stop reports less often */
const WAIT_MS = 600_000;

/**
 * The command view's part of the demo: today's trips (finished this morning, on the road now, still
 * to come), each serving a request of its pool, and GPS tracks for the trips of the last
 * TRACK_DAYS days and of today so far (every 2 minutes on the move, every 10 standing, from the simulator's own path model),
 * plus every vehicle's last report at its depot or on the road. Written set-based, in batches.
 */
export async function seedCommandDemo(ctx: AppContext, log: Log): Promise<void> {
  const db = ctx.db;
  const tz = ctx.config.timeZone;
  const started = Date.now();
  await db.transaction().execute(async (tx) => {
    const pools = await tx
      .selectFrom('veh_vehicle')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    if (!pools || Number(pools.n) === 0) return;
    const today = dateIn(new Date(), tz);
    // one vehicle in four of each pool has a trip today, between 07:30 and 17:00, 1.5–4.5 h long
    await sql`
      create temporary table veh_seed_today on commit drop as
      with v as (
        select v.id as vehicle_id, v.jurisdiction_id, v.odometer_km,
               row_number() over (partition by v.jurisdiction_id order by v.plate) rn
        from veh_vehicle v where v.status = 'available'),
      d as (
        select d.id as driver_id, d.jurisdiction_id, row_number() over (partition by d.jurisdiction_id order by d.badge_no) rn
        from veh_driver d where d.status = 'active'),
      req as (
        select distinct on (p.jurisdiction_id) p.jurisdiction_id, a.id as account_id, p.id as person_id, p.unit_id
        from auth_account a join org_person p on p.id = a.person_id
        order by p.jurisdiction_id, (a.username like '%staff%') desc, a.username),
      picked as (
        select v.*, d.driver_id, req.account_id, req.person_id, req.unit_id,
          ((${today}::date)::timestamp + make_interval(mins => 450 + (v.rn * 47 % 570)::int)) at time zone ${tz} as starts_at,
          90 + (v.rn * 29 % 180)::int as minutes,
          row_number() over (order by v.jurisdiction_id, v.rn) as n
        from v join d on d.jurisdiction_id = v.jurisdiction_id and d.rn = v.rn
        join req on req.jurisdiction_id = v.jurisdiction_id
        where v.rn % 4 = 1)
      select p.*, p.starts_at + make_interval(mins => p.minutes) as ends_at,
        case when p.starts_at + make_interval(mins => p.minutes) <= now() then 'finished'
             when p.starts_at <= now() then 'started' else 'assigned' end as status,
        8 + (p.n * 13 % 50)::int as km,
        (select id from veh_place where kind <> 'depot' and lon between 119.7 and 120.2 and lat between 31.6 and 31.95
          order by md5(name || p.n) limit 1) as origin_id,
        (select id from veh_place where kind <> 'depot' and lon between 119.7 and 120.2 and lat between 31.6 and 31.95
          order by md5(name || p.n || 'd') limit 1) as destination_id,
        gen_random_uuid() as request_id, gen_random_uuid() as trip_id
      from picked p`.execute(tx);
    await sql`
      insert into veh_request (id, no, requester_account_id, requester_person_id, jurisdiction_id, unit_id, passengers,
        origin_id, destination_ids, departs_at, returns_at, kind, purpose, status, planned_km)
      select request_id, 'YC' || to_char(${today}::date, 'YYMMDD') || '8' || lpad(n::text, 5, '0'), account_id, person_id,
        jurisdiction_id, unit_id, 1 + n % 3, origin_id, array[destination_id], starts_at, ends_at,
        (array['one_way', 'round_trip', 'waiting'])[1 + n % 3],
        (array['赴市行政中心参加会议', '接送外地考察团', '调研走访', '送达机要文件', '督查检查', '陪同检查工作'])[1 + n % 6],
        case status when 'finished' then 'completed' when 'started' then 'in_progress' else 'assigned' end, km
      from veh_seed_today where origin_id <> destination_id`.execute(tx);
    await sql`
      insert into veh_trip (id, no, vehicle_id, driver_id, jurisdiction_id, unit_id, lender_jurisdiction_id, period, status,
        source, planned_km, start_odometer, end_odometer, started_at, arrived_at, finished_at, request_id, leg)
      select trip_id, 'PC' || to_char(${today}::date, 'YYMMDD') || '8' || lpad(n::text, 5, '0'), vehicle_id, driver_id,
        jurisdiction_id, unit_id, jurisdiction_id, tstzrange(starts_at, ends_at, '[)'), status, 'seed', km,
        case when status <> 'assigned' then odometer_km end,
        case when status = 'finished' then odometer_km + km end,
        case when status <> 'assigned' then starts_at end,
        case when status = 'finished' then ends_at - interval '30 minutes' end,
        case when status = 'finished' then ends_at end,
        request_id, 'both'
      from veh_seed_today where origin_id <> destination_id`.execute(tx);
    await sql`update veh_request r set trip_id = s.trip_id from veh_seed_today s where r.id = s.request_id`.execute(
      tx,
    );
    await sql`
      update veh_vehicle v set status = case when s.status = 'started' then 'in_use' else v.status end,
        odometer_km = case when s.status = 'finished' then v.odometer_km + s.km else v.odometer_km end
      from veh_seed_today s where s.vehicle_id = v.id and s.origin_id <> s.destination_id`.execute(tx);
    const counts = await sql<{ status: string; n: number }>`
      select status, count(*)::int n from veh_seed_today group by status order by status`.execute(tx);
    const tripsDone = Date.now();
    log(
      `seeding demo city: vehicles — today's trips ${counts.rows.map((r) => `${r.status} ${r.n}`).join(', ')}`,
    );

    // tracks: a report a minute of every trip of the last days and of today so far, then a last report of all
    const now = Date.now();
    const from = Math.floor((now - TRACK_DAYS * 86_400_000) / STEP_MS) * STEP_MS;
    const world = await loadWorld(tx, new Date(from), new Date(now), tz);
    let batch: Report[] = [];
    let total = 0;
    const flush = async () => {
      if (!batch.length) return;
      await sql`
        insert into veh_position (vehicle_id, at, lon, lat, speed_kmh, source)
        select x."vehicleId", x.at, x.lon, x.lat, x."speedKmh", 'simulator'
        from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
          as x("vehicleId" uuid, at timestamptz, lon numeric, lat numeric, "speedKmh" numeric)`.execute(tx);
      total += batch.length;
      batch = [];
    };
    for (let at = from; at < now; at += STEP_MS) {
      for (const r of reportsAt(world, at, false, at % WAIT_MS === 0)) batch.push(r);
      if (batch.length >= 20_000) await flush();
    }
    batch.push(...reportsAt(world, now, true));
    await flush();
    log(
      `seeding demo city: vehicles — ${total} GPS positions (${TRACK_DAYS} days of tracks) in ${((Date.now() - tripsDone) / 1000).toFixed(1)} s (today's trips ${((tripsDone - started) / 1000).toFixed(1)} s)`,
    );
  });
}
