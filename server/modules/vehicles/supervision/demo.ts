import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../../kernel/db/schema.ts';
import type { AppContext, Log } from '../../../kernel/module.ts';
import { supervisionConfig } from './config.ts';

/** Approximate radius (km) of each pool's geofence around its depot: the districts' rough extent. */
const FENCE_KM: Record<string, number> = {
  CZ: 42,
  'CZ-WJ': 24,
  'CZ-XB': 20,
  'CZ-TN': 9,
  'CZ-ZL': 8,
  'CZ-JK': 11,
};

/** The last long holiday the demo has history for: 国庆 2026 (sealed 09-30 17:30, unsealed 10-08 07:00). */
const HOLIDAY = { start: '2026-10-01', sealOn: '2026-09-30', unsealOn: '2026-10-08', name: '国庆节' };

/**
 * Supervision's part of the demo, set-based, after the vehicles seed: a geofence per pool (an octagon
 * around its depot); the 国庆 2026 sealing of every non-exempt vehicle with seal and unseal logged at
 * the odometer of the day (the seeded trips of sealed vehicles inside the holiday are taken out, but for
 * four specially approved ones flagged as sealed dispatches); a handful of alerts of each kind and
 * level over the half year, the older ones resolved; a few inspections.
 */
export async function seedSupervision(ctx: AppContext, log: Log): Promise<void> {
  const tz = ctx.config.timeZone;
  const exempt = supervisionConfig(ctx.config).seal.exempt;
  const t0 = performance.now();
  await ctx.db.transaction().execute(async (tx) => {
    const any = await tx.selectFrom('veh_vehicle').select('id').limit(1).executeTakeFirst();
    if (!any) return;

    await sql`
      insert into veh_geofence (jurisdiction_id, name, ring)
      select p.jurisdiction_id, j.name || '行政区域（约）',
        (select jsonb_agg(jsonb_build_array(
                  round((p.lon + r.km / (111.32 * cos(radians(p.lat))) * cos(radians(a)))::numeric, 5),
                  round((p.lat + r.km / 110.57 * sin(radians(a)))::numeric, 5)) order by a)
         from generate_series(0, 315, 45) a)
      from veh_place p
      join org_jurisdiction j on j.id = p.jurisdiction_id
      join jsonb_each_text(${JSON.stringify(FENCE_KM)}::jsonb) r0 on r0.key = j.code
      cross join lateral (select r0.value::float8 as km) r
      where p.kind = 'depot'
      on conflict (jurisdiction_id, name) do nothing`.execute(tx);
    // the city also keeps its confidential-communications cars within the main urban area
    await sql`
      with g as (
        insert into veh_geofence (jurisdiction_id, name, ring)
        select p.jurisdiction_id, '主城区（机要通信车辆）',
          (select jsonb_agg(jsonb_build_array(
                    round((p.lon + 15 / (111.32 * cos(radians(p.lat))) * cos(radians(a)))::numeric, 5),
                    round((p.lat + 15 / 110.57 * sin(radians(a)))::numeric, 5)) order by a)
           from generate_series(0, 330, 30) a)
        from veh_place p join org_jurisdiction j on j.id = p.jurisdiction_id
        where p.kind = 'depot' and j.kind = 'city'
        on conflict (jurisdiction_id, name) do nothing
        returning id)
      insert into veh_geofence_category (geofence_id, category) select id, 'confidential_comms' from g`.execute(
      tx,
    );
    // each watches its own pool's vehicles
    await sql`
      insert into veh_geofence_pool (geofence_id, jurisdiction_id)
      select g.id, g.jurisdiction_id from veh_geofence g
      on conflict do nothing`.execute(tx);

    // 国庆 2026: seal at the end of 09-30 (or when the vehicle came back), unseal 10-08 07:00
    const sealAt = sql`((${HOLIDAY.sealOn}::date + time '17:30') at time zone ${tz})`;
    const unsealAt = sql`((${HOLIDAY.unsealOn}::date + time '07:00') at time zone ${tz})`;
    await sql`
      create temporary table veh_seed_holiday on commit drop as
      select t.id, t.vehicle_id, row_number() over (order by t.no) as n
      from veh_trip t join veh_vehicle v on v.id = t.vehicle_id
      where not (v.category = any(${sql.val([...exempt])}::text[]))
        and lower(t.period) >= ${sealAt} and lower(t.period) < ${unsealAt}`.execute(tx);
    // four approved exceptions stay (flagged below); the rest of the sealed fleet did not run
    await sql`delete from veh_loan l using veh_seed_holiday h where l.trip_id = h.id and h.n > 4`.execute(tx);
    await sql`delete from veh_trip t using veh_seed_holiday h where t.id = h.id and h.n > 4 and t.source = 'seed'`.execute(
      tx,
    );
    await sql`update veh_trip t set sealed_override = true from veh_seed_holiday h where t.id = h.id and h.n <= 4`.execute(
      tx,
    );
    const sealed = await sql<{ n: number }>`
      with odo as (
        select v.id, v.jurisdiction_id, v.unit_id,
          v.odometer_km - coalesce((select sum(t.km) from veh_trip t where t.vehicle_id = v.id
                                    and t.status = 'finished' and lower(t.period) >= ${sealAt}), 0) as at_seal,
          v.odometer_km - coalesce((select sum(t.km) from veh_trip t where t.vehicle_id = v.id
                                    and t.status = 'finished' and lower(t.period) >= ${unsealAt}), 0) as at_unseal,
          greatest(${sealAt}, (select max(upper(t.period)) from veh_trip t where t.vehicle_id = v.id
                               and lower(t.period) < ${sealAt} and upper(t.period) > ${sealAt})) as sealed_at
        from veh_vehicle v
        where not (v.category = any(${sql.val([...exempt])}::text[])) and v.purchase_date < ${HOLIDAY.sealOn}::date),
      ins as (
        insert into veh_seal_log (vehicle_id, jurisdiction_id, unit_id, action, odometer_km, reason, at, period_start)
        select id, jurisdiction_id, unit_id, 'seal', greatest(at_seal, 0), ${`节假日封存 ${HOLIDAY.name}`}, sealed_at, ${HOLIDAY.start}::date from odo
        union all
        select id, jurisdiction_id, unit_id, 'unseal', greatest(at_unseal, 0), ${`${HOLIDAY.name}后启封 ${HOLIDAY.unsealOn}`}, ${unsealAt}, ${HOLIDAY.start}::date from odo
        returning 1)
      select (count(*) / 2)::int as n from ins`.execute(tx);
    log(`seeding demo city: vehicles — 国庆 sealing of ${sealed.rows[0]?.n ?? 0} vehicles`);

    // punctuality: about one seeded trip in sixteen started 12–40 minutes after its planned departure
    await sql`update veh_trip set started_at = started_at + make_interval(mins => 12 + abs(hashtext(id::text)) % 29)
              where source = 'seed' and abs(hashtext(id::text || 'late')) % 16 = 0`.execute(tx);
    await seedAlerts(tx, tz, sealAt);
    await seedInspections(tx, tz);
    const counts = await sql<{ alerts: number; inspections: number }>`
      select (select count(*)::int from veh_alert) as alerts, (select count(*)::int from veh_inspection) as inspections`.execute(
      tx,
    );
    log(
      `seeding demo city: vehicles — supervision: ${counts.rows[0]?.alerts} alerts, ${counts.rows[0]?.inspections} inspections, geofences (${Math.round(performance.now() - t0)} ms)`,
    );
  });
}

async function seedAlerts(tx: Tx, tz: string, sealAt: RawBuilder<unknown>) {
  // trip alerts: picked by a stable hash among the half year's finished trips
  await sql`
    create temporary table veh_seed_pick on commit drop as
    select t.id, t.no, t.vehicle_id, v.plate, v.jurisdiction_id, v.unit_id, t.km, t.started_at, t.finished_at,
      row_number() over (order by md5(t.id::text)) as n
    from veh_trip t join veh_vehicle v on v.id = t.vehicle_id
    where t.status = 'finished' and t.source = 'seed' and not t.sealed_override`.execute(tx);
  // mileage over plan: the plan of these trips was set low (yellow: +30 %, red: +60 %)
  await sql`update veh_trip t set planned_km = round(p.km / case when p.n <= 7 then 1.3 else 1.6 end)
            from veh_seed_pick p where t.id = p.id and p.n between 1 and 10`.execute(tx);
  await sql`
    insert into veh_alert (kind, level, vehicle_id, trip_id, jurisdiction_id, unit_id, detail, at)
    select k.kind, k.level, p.vehicle_id, p.id, p.jurisdiction_id, p.unit_id, k.detail || jsonb_build_object('plate', p.plate, 'tripNo', p.no), k.at
    from veh_seed_pick p
    cross join lateral (
      select * from (values
        ('mileage_over_plan', case when p.n <= 7 then 'yellow' else 'red' end,
          jsonb_build_object('km', p.km, 'plannedKm', round(p.km / case when p.n <= 7 then 1.3 else 1.6 end),
                             'overPct', case when p.n <= 7 then 30 else 60 end), p.finished_at, p.n between 1 and 10),
        ('outside_window', case when p.n <= 18 then 'yellow' else 'red' end,
          jsonb_build_object('minutes', case when p.n <= 18 then 35 + (p.n * 13) % 80 else 125 + (p.n * 13) % 180 end, 'early', 0,
                             'late', case when p.n <= 18 then 35 + (p.n * 13) % 80 else 125 + (p.n * 13) % 180 end), p.finished_at, p.n between 11 and 22),
        ('geofence_exit', case when p.n <= 39 then 'yellow' else 'red' end,
          jsonb_build_object('minutes', case when p.n <= 39 then 15 + p.n % 30 else 75 + p.n end, 'points', 4 + p.n % 9), p.started_at + interval '25 minutes',
          p.n between 33 and 41)
      ) x(kind, level, detail, at, keep) where x.keep) k`.execute(tx);
  // off-hours use without approval: weekend trips (red) and trips running past the night hour (yellow)
  await sql`
    insert into veh_alert (kind, level, vehicle_id, trip_id, jurisdiction_id, unit_id, detail, at)
    select 'off_hours', x.level, x.vehicle_id, x.id, x.jurisdiction_id, x.unit_id, x.detail, x.started_at
    from (
      (select p.*, 'red' as level,
         jsonb_build_object('plate', p.plate, 'tripNo', p.no, 'nightMinutes', 0,
           'offDays', jsonb_build_array(to_char(p.started_at at time zone ${tz}, 'YYYY-MM-DD'))) as detail
       from veh_seed_pick p
       where p.n > 60 and extract(isodow from p.started_at at time zone ${tz}) >= 6
       order by p.n limit 5)
      union all
      (select p.*, 'yellow',
         jsonb_build_object('plate', p.plate, 'tripNo', p.no,
           'nightMinutes', round(extract(epoch from (p.finished_at at time zone ${tz})::time - time '22:00') / 60))
       from veh_seed_pick p
       where p.n > 60 and (p.finished_at at time zone ${tz})::time > time '22:00'
         and extract(isodow from p.started_at at time zone ${tz}) < 6
       order by p.n limit 5)) x`.execute(tx);
  // the four approved sealed dispatches of the holiday
  await sql`
    insert into veh_alert (kind, level, vehicle_id, trip_id, jurisdiction_id, unit_id, detail, at)
    select 'sealed_dispatch', 'yellow', v.id, t.id, v.jurisdiction_id, v.unit_id,
      jsonb_build_object('plate', v.plate, 'tripNo', t.no), lower(t.period)
    from veh_trip t join veh_vehicle v on v.id = t.vehicle_id where t.sealed_override`.execute(tx);
  // three sealed vehicles moved during the holiday
  await sql`
    insert into veh_alert (kind, level, vehicle_id, dedupe_key, jurisdiction_id, unit_id, detail, at)
    select 'moved_while_sealed', 'red', l.vehicle_id, 'seal:' || l.id, l.jurisdiction_id, l.unit_id,
      jsonb_build_object('plate', v.plate, 'metres', 1800 + (row_number() over (order by md5(l.id::text))) * 2350),
      ${sealAt} + interval '2 days' + (row_number() over (order by md5(l.id::text))) * interval '19 hours'
    from veh_seal_log l join veh_vehicle v on v.id = l.vehicle_id
    where l.action = 'seal' and l.period_start is not null
    order by md5(l.id::text) limit 3`.execute(tx);
  // alerts older than a month were handled by the pools' dispatchers; the sealed vehicles' moves are still under investigation
  await sql`
    update veh_alert a set resolved_at = a.at + interval '1 day',
      resolved_by = (select id from auth_account where username = case
        when (select code from org_jurisdiction where id = a.jurisdiction_id) = 'CZ-WJ' then 'wujin_dispatcher' else 'dispatcher' end),
      resolution = case a.kind
        when 'mileage_over_plan' then '已核实：绕行施工路段，里程属实'
        when 'outside_window' then '已核实：会议延时，补办延时手续'
        when 'off_hours' then '已补办审批手续并提醒驾驶员'
        when 'geofence_exit' then '已核实：跨区公务，已备案'
        when 'sealed_dispatch' then '特批用车，已核对审批单'
        else '已约谈驾驶员，车辆已归位' end
    where a.at < now() - interval '30 days' and a.kind <> 'moved_while_sealed'`.execute(tx);
}

async function seedInspections(tx: Tx, tz: string) {
  await sql`
    with units as (
      select u.id, u.jurisdiction_id, row_number() over (order by md5(u.id::text)) as n
      from org_unit u where exists (select 1 from veh_trip t where t.unit_id = u.id)),
    today as (select (now() at time zone ${tz})::date as d),
    spec(n, subject, findings, result, ago, due_in, done) as (values
      (1, '节假日公车封存专项检查', '国庆期间封存车辆均停放在指定地点，封条完好。', 'compliant', 50, null::int, false),
      (2, '公务用车使用登记专项督查', '3 次出车未填写出车登记簿，驾驶员未签字。', 'rectify', 40, 14, true),
      (3, '公车私用问题专项督查', '发现 1 次周末用车未履行审批手续，已责令说明情况。', 'violation', 30, 20, true),
      (4, '车辆停放管理检查', '车辆按规定停放，钥匙统一保管。', 'compliant', 21, null::int, false),
      (5, '加油卡使用情况检查', '2 张加油卡记录与出车里程不符，需核对说明。', 'rectify', 12, 10, false),
      (6, '公务用车标识与定位设备检查', '1 辆车定位设备离线超过 7 天。', 'rectify', 25, 7, false))
    insert into veh_inspection (jurisdiction_id, unit_id, vehicle_id, held_on, subject, findings, result,
      inspector_account_id, rectify_due_on, rectified_on, rectify_note)
    select u.jurisdiction_id, u.id,
      (select t.vehicle_id from veh_trip t where t.unit_id = u.id order by t.no limit 1),
      t.d - s.ago, s.subject, s.findings, s.result,
      (select id from auth_account where username = 'inspector'),
      case when s.due_in is null then null else t.d - s.ago + s.due_in end,
      case when s.done then t.d - s.ago + s.due_in - 2 else null end,
      case when s.done then '已整改：完善登记制度并组织驾驶员学习' else null end
    from spec s join units u on u.n = s.n * 7 cross join today t`.execute(tx);
}
