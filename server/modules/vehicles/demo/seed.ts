import { sql } from 'kysely';
import type { AppContext, Log } from '../../../kernel/module.ts';
import { DEMO_PLACES, POOL_SIZES } from './places.ts';
import { dateIn } from '../shared.ts';

/**
 * The vehicles part of the demo city, set-based: places with a depot per pool; ~300 vehicles and ~350
 * drivers across the six pools (each vehicle with its regular driver); pooling policies; half a year of
 * finished trips (~13,500, of which the 国庆 sealing in the supervision demo keeps ~360 parked: the
 * report's 13,000+ trips and 1,350,000+ km remain; some lent across pools) and the next day's approved
 * requests waiting for dispatch. The demo account `driver` drives a city vehicle.
 */
export async function seedVehicles(ctx: AppContext, log: Log): Promise<void> {
  const db = ctx.db;
  const tz = ctx.config.timeZone;
  await db.transaction().execute(async (tx) => {
    const pools = await tx.selectFrom('org_jurisdiction').select(['id', 'code']).execute();
    const poolId = new Map(pools.map((p) => [p.code, p.id]));
    if (!poolId.has('CZ')) return;

    await tx
      .insertInto('veh_place')
      .values(
        DEMO_PLACES.map((p) => ({
          name: p.name,
          kind: p.kind,
          address: p.address,
          lon: p.lon,
          lat: p.lat,
          jurisdiction_id: p.depotOf ? (poolId.get(p.depotOf) ?? null) : null,
        })),
      )
      .execute();
    log(`seeding demo city: vehicles — ${DEMO_PLACES.length} places`);

    // the fleet unit of each pool: the city fleet centre, the districts' offices administration centres
    const sizes = Object.entries(POOL_SIZES).filter(([code]) => poolId.has(code));
    const spec = sizes.map(([code, s]) => ({ id: poolId.get(code)!, ...s }));
    await sql`
      create temporary table veh_seed_pool on commit drop as
      select p.id as jurisdiction_id, p.vehicles, p.drivers, p.letter,
        coalesce(
          (select u.id from org_unit u where u.jurisdiction_id = p.id and u.name like '%公务用车服务中心' limit 1),
          (select u.id from org_unit u where u.jurisdiction_id = p.id and u.name like '%机关事务管理中心' order by u.code limit 1),
          (select u.id from org_unit u where u.jurisdiction_id = p.id order by u.code limit 1)) as unit_id
      from jsonb_to_recordset(${JSON.stringify(spec)}::jsonb) as p(id uuid, vehicles int, drivers int, letter text)`.execute(
      tx,
    );

    // vehicles: mostly sedans within the standard, some MPVs and buses, new-energy cars, a few over-standard
    await sql`
      insert into veh_vehicle (plate, category, body_type, brand, model, energy_type, displacement_l, price_fen,
                               seats, purchase_date, odometer_km, jurisdiction_id, unit_id)
      select '苏D' || p.letter || lpad(n::text, 4, '0'),
        (array['general','general','general','emergency','law_enforcement','confidential_comms','general','special_technical'])[1 + (n % 8)],
        case when n % 17 = 0 then 'medium_bus' when n % 9 = 0 then 'mpv' else 'sedan' end,
        case when n % 5 = 0 then '比亚迪' when n % 5 = 1 then '红旗' when n % 5 = 2 then '大众' when n % 5 = 3 then '别克' else '吉利' end,
        case when n % 17 = 0 then '考斯特' when n % 9 = 0 then 'GL8' when n % 5 = 0 then '汉 EV' else '轿车 1.5T' end,
        case when n % 5 = 0 and n % 17 <> 0 then 'electric' else 'petrol' end,
        case when n % 5 = 0 and n % 17 <> 0 then null when n % 17 = 0 then 2.7 when n % 31 = 0 then 2.0 else 1.5 end,
        case when n % 17 = 0 then 24000000 when n % 9 = 0 then 17500000 when n % 37 = 0 then 19800000
             else 11000000 + (n * 7919 % 50) * 100000 end,
        case when n % 17 = 0 then 20 when n % 9 = 0 then 7 else 5 end,
        (date '2014-01-01' + ((n * 131) % 4000)),
        20000 + (n * 3571 % 120000),
        p.jurisdiction_id, p.unit_id
      from veh_seed_pool p, generate_series(1, p.vehicles) n`.execute(tx);
    await sql`
      update veh_vehicle v set price_fen = least(price_fen, 12000000)
      where category in ('confidential_comms', 'law_enforcement') and price_fen > 12000000 and plate not like '%7'`.execute(
      tx,
    );
    // the standard check of every seeded vehicle, as create/edit would store it (set in SQL for speed)
    await sql`
      update veh_vehicle set violations = (
        select coalesce(jsonb_agg(x), '[]') from (
          select jsonb_build_object('rule', lim.rule, 'kind', 'price', 'limit', lim.price, 'actual', price_fen,
            'message', jsonb_build_object(
              'zh-CN', '超出配备标准：中办发〔2017〕71号 ' || lim.label || '价格不超过 ' || to_char(lim.price / 100, 'FM999,999') || ' 元，本车 ' || to_char(price_fen / 100, 'FM999,999') || ' 元',
              'en', 'Over the standard: 中办发〔2017〕71号 ' || lim.rule || ' price limit ¥' || to_char(lim.price / 100, 'FM999,999'))) as x
          where price_fen > lim.price
          union all
          select jsonb_build_object('rule', lim.rule, 'kind', 'displacement', 'limit', lim.disp, 'actual', displacement_l,
            'message', jsonb_build_object(
              'zh-CN', '超出配备标准：中办发〔2017〕71号 ' || lim.label || '排气量不超过 ' || lim.disp || ' 升，本车 ' || displacement_l || ' 升',
              'en', 'Over the standard: 中办发〔2017〕71号 ' || lim.rule || ' displacement limit ' || lim.disp || ' L'))
          where lim.disp is not null and displacement_l > lim.disp) s)
      from (values
        ('confidential_comms', 'sedan', 'confidential_comms', '机要通信用车', 12000000::bigint, 1.6),
        ('law_enforcement', 'sedan', 'law_enforcement', '执法执勤用车', 12000000, 1.6),
        ('emergency', 'sedan', 'emergency_and_other', '应急保障用车及其他经批准车辆', 18000000, 1.8),
        ('general', 'sedan', 'emergency_and_other', '应急保障用车及其他经批准车辆', 18000000, 1.8),
        ('general', 'mpv', 'emergency_and_other', '应急保障用车及其他经批准车辆', 18000000, 1.8))
        as lim(category, body, rule, label, price, disp)
      where veh_vehicle.category = lim.category and veh_vehicle.body_type = lim.body and veh_vehicle.energy_type <> 'electric'`.execute(
      tx,
    );

    const today = dateIn(new Date(), tz);

    // drivers: a regular driver per vehicle plus reserves; every licence and contract still valid
    // today, a few of them running out within the reminder window
    await sql`
      insert into veh_driver (name, phone, jurisdiction_id, unit_id, licence_class, licence_no, licence_expires_on,
                              contract_starts_on, contract_ends_on, uniform_issued_on, badge_no)
      select (array['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','朱','马','胡','郭','林','何','高','梁'])[1 + (n * 7 + p.vehicles) % 20]
          || (array['建国','志强','国平','卫东','明华','永刚','海峰','建军','晓东','立新','春生','国庆','文斌','伟','军','勇','杰','涛','斌','磊'])[1 + (n * 13) % 20],
        '139' || lpad(((n * 7919 + p.vehicles * 31) % 100000000)::text, 8, '0'),
        p.jurisdiction_id, p.unit_id,
        case when n % 10 = 0 then 'A1' else 'B1' end,
        '3204' || lpad((n * 104729 % 100000000)::text, 8, '0'),
        ${today}::date + 3 + ((n * 37) % 2000),
        date '2021-01-01' + ((n * 53) % 1200),
        ${today}::date + 5 + ((n * 53) % 1200),
        date '2025-03-01',
        'SQ' || p.letter || lpad(n::text, 4, '0')
      from veh_seed_pool p, generate_series(1, p.drivers) n`.execute(tx);
    log('seeding demo city: vehicles — fleet and drivers');

    // the demo driver: the first city driver, linked to the demo account and its person
    await sql`
      update veh_driver d set account_id = a.id, person_id = a.person_id, name = coalesce(pp.name, d.name)
      from auth_account a left join org_person pp on pp.id = a.person_id
      where a.username = 'driver' and d.id = (
        select d2.id from veh_driver d2 join veh_seed_pool p on p.jurisdiction_id = d2.jurisdiction_id
        join org_jurisdiction j on j.id = d2.jurisdiction_id where j.code = 'CZ' order by d2.badge_no limit 1)`.execute(
      tx,
    );

    // pooling: districts lend to each other automatically; the city and the districts with approval
    await sql`
      insert into veh_pool_policy (lender_jurisdiction_id, borrower_jurisdiction_id, mode)
      select a.jurisdiction_id, b.jurisdiction_id,
        case when ja.code = 'CZ' or jb.code = 'CZ' then 'approval' else 'automatic' end
      from veh_seed_pool a join veh_seed_pool b on a.jurisdiction_id <> b.jurisdiction_id
      join org_jurisdiction ja on ja.id = a.jurisdiction_id join org_jurisdiction jb on jb.id = b.jurisdiction_id`.execute(
      tx,
    );

    // half a year of finished trips: each vehicle with its regular driver, one trip every ~4 days
    await sql`
      create temporary table veh_seed_crew on commit drop as
      select v.id as vehicle_id, d.id as driver_id, v.jurisdiction_id, v.odometer_km, v.rn
      from (select id, jurisdiction_id, odometer_km, row_number() over (partition by jurisdiction_id order by plate) rn,
                   row_number() over (order by plate) as rn_all from veh_vehicle) v
      join (select id, jurisdiction_id, row_number() over (partition by jurisdiction_id order by badge_no) rn from veh_driver) d
        on d.jurisdiction_id = v.jurisdiction_id and d.rn = v.rn`.execute(tx);
    await sql`
      create temporary table veh_seed_trip on commit drop as
      with base as (
        select c.vehicle_id, c.driver_id, c.jurisdiction_id as lender, c.odometer_km, k,
          (abs(hashtext(c.vehicle_id::text || k)) % 1000) as h
        from veh_seed_crew c, generate_series(0, 44) k),
      timed as (
        select b.*, 40 + (h * 7 % 130) as km,
          ((${today}::date - 182 + k * 4 + (h % 3))::timestamp + make_interval(mins => 450 + (h % 9) * 60)) as local_start
        from base b),
      borrowed as (
        select t.*, case when t.h % 12 = 0 then
            (select p.jurisdiction_id from veh_seed_pool p where p.jurisdiction_id <> t.lender order by md5(p.jurisdiction_id::text || t.h) limit 1)
          else t.lender end as borrower
        from timed t)
      select b.*, (b.local_start at time zone ${tz}) as starts_at,
        (b.local_start at time zone ${tz}) + make_interval(mins => 40 + b.km * 2) as ends_at,
        (select u.id from org_unit u where u.jurisdiction_id = b.borrower order by md5(u.id::text || b.h) limit 1) as unit_id,
        sum(b.km) over (partition by b.vehicle_id order by b.k) as cum
      from borrowed b`.execute(tx);
    await sql`
      insert into veh_trip (no, vehicle_id, driver_id, jurisdiction_id, unit_id, lender_jurisdiction_id, period, status, source,
        planned_km, empty_km, start_odometer, end_odometer, tolls_fen, parking_fen, fuel_fen, started_at, arrived_at, finished_at)
      select 'PC' || to_char(t.local_start, 'YYMMDD') || lpad((row_number() over ())::text, 6, '0'),
        t.vehicle_id, t.driver_id, t.borrower, t.unit_id, t.lender, tstzrange(t.starts_at, t.ends_at, '[)'), 'finished', 'seed',
        round(t.km * 0.95), round(t.km * (0.08 + (t.h % 10) / 100.0)),
        t.odometer_km + t.cum - t.km, t.odometer_km + t.cum,
        case when t.km > 100 then (t.km / 10) * 500 else 0 end, (t.h % 4) * 500, t.km * 60,
        t.starts_at, t.ends_at - interval '20 minutes', t.ends_at
      from veh_seed_trip t where t.unit_id is not null`.execute(tx);
    await sql`
      insert into veh_loan (trip_id, lender_jurisdiction_id, borrower_jurisdiction_id, mode, km, created_at)
      select t.id, t.lender_jurisdiction_id, t.jurisdiction_id,
        case when j1.code = 'CZ' or j2.code = 'CZ' then 'approval' else 'automatic' end, t.km, lower(t.period)
      from veh_trip t join org_jurisdiction j1 on j1.id = t.lender_jurisdiction_id join org_jurisdiction j2 on j2.id = t.jurisdiction_id
      where t.jurisdiction_id <> t.lender_jurisdiction_id`.execute(tx);
    await sql`
      update veh_vehicle v set odometer_km = m.top
      from (select vehicle_id, max(end_odometer) top from veh_trip group by vehicle_id) m where m.vehicle_id = v.id`.execute(
      tx,
    );
    const totals = await sql<{
      n: number;
      km: number;
    }>`select count(*)::int n, coalesce(sum(km), 0)::int km from veh_trip`.execute(tx);
    log(
      `seeding demo city: vehicles — ${totals.rows[0]?.n} finished trips, ${totals.rows[0]?.km} km in half a year`,
    );

    // tomorrow's approved requests waiting for dispatch, from the demo staff accounts
    await sql`
      insert into veh_request (no, requester_account_id, requester_person_id, jurisdiction_id, unit_id, passengers,
        origin_id, destination_ids, departs_at, returns_at, kind, purpose, status, planned_km)
      select 'YC' || to_char(${today}::date + 1, 'YYMMDD') || lpad(n::text, 6, '0'), a.id, a.person_id, pp.jurisdiction_id, pp.unit_id,
        1 + n % 4,
        o.id, array[dd.id],
        ((${today}::date + 1)::timestamp + make_interval(mins => 480 + (n * 37) % 540)) at time zone ${tz},
        ((${today}::date + 1)::timestamp + make_interval(mins => 480 + (n * 37) % 540 + 90 + (n % 4) * 60)) at time zone ${tz},
        (array['one_way','round_trip','waiting'])[1 + n % 3],
        (array['赴市行政中心参加会议','接送外地考察团','调研走访','送达机要文件','督查检查','陪同检查工作'])[1 + n % 6],
        'approved', 10 + (n * 13) % 60
      from generate_series(1, 36) n
      join auth_account a on a.username = (array['staff','staff2','wujin_staff'])[1 + n % 3]
      join org_person pp on pp.id = a.person_id
      join lateral (select id from veh_place where kind <> 'depot' order by md5(name || n) limit 1) o on true
      join lateral (select id from veh_place where kind <> 'depot' and id <> o.id order by md5(name || n || 'd') limit 1) dd on true`.execute(
      tx,
    );
    log('seeding demo city: vehicles — tomorrow’s open requests');
  });
}
