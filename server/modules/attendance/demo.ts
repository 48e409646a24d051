import { sql } from 'kysely';
import { demoUser } from '../../kernel/demo/principal.ts';
import { addDays, isBusinessDay, localDate } from '../../kernel/calendar/businessDays.ts';
import { loadCalendar } from '../../kernel/calendar/service.ts';
import { decideMatter } from '../../kernel/approvals/service.ts';
import type { AppContext, Log } from '../../kernel/module.ts';
import { SYSTEM_ACTOR } from '../../kernel/http/access.ts';
import { attendanceSettings } from './config.ts';
import { recomputeDays } from './recompute.ts';
import { requestLeave } from './requests.ts';
import './tables.ts';

/**
 * The demo's attendance: rules and clock-in sites for the demo staff's units (the education bureau, the
 * offices administration bureau, the Wujin hospital), and
 * the past 22 working days of punches for their people — mostly on time inside the flexible window,
 * some late, a few early leaves, missing punches and absences — with leave and business trips. The
 * demo staff's own leave and trip go through the approvals like any request; the others' are
 * recorded as approved by the office. Punches are one set-based INSERT; day results are computed by
 * the same engine the platform uses.
 */

/** approximate centres of the government buildings (WGS-84) */
/** the units of these demo accounts keep attendance (the staff members' and their admins') */
const DEMO_UNITS_OF = ['staff', 'staff2', 'wujin_staff'];

const BUILDINGS: Record<string, { name: string; lat: number; lng: number }> = {
  city: { name: '市行政中心', lat: 31.8106, lng: 119.9741 },
  WJ: { name: '武进区行政中心', lat: 31.7183, lng: 119.9424 },
};

export async function seedAttendance(ctx: AppContext, log: Log): Promise<void> {
  const started = Date.now();
  const db = ctx.db;
  const settings = attendanceSettings(ctx.config);
  const tz = settings.timeZone;
  const units = await db
    .selectFrom('org_unit as u')
    .innerJoin('org_jurisdiction as j', 'j.id', 'u.jurisdiction_id')
    .select(['u.id', 'u.jurisdiction_id', 'u.name', 'u.kind', 'j.kind as jkind'])
    .where((eb) =>
      eb(
        'u.id',
        'in',
        eb
          .selectFrom('auth_account as a')
          .innerJoin('org_person as p', 'p.id', 'a.person_id')
          .select('p.unit_id')
          .where('a.username', 'in', DEMO_UNITS_OF),
      ),
    )
    .execute();
  if (units.length === 0) return;
  const hospital = units.find((u) => u.kind === 'institution');

  // rules: organs 8:30–17:30 with lunch 12:00–13:30 and 30 minutes flexible; the hospital 8:00–17:00, 5 minutes grace
  await db
    .insertInto('attendance_rule')
    .values(
      units.map((u) =>
        u.kind === 'institution'
          ? {
              jurisdiction_id: u.jurisdiction_id,
              unit_id: u.id,
              name: '医院行政班',
              start_min: 480,
              end_min: 1020,
              flex_min: 0,
              lunch_start_min: 720,
              lunch_end_min: 810,
              grace_min: 5,
            }
          : {
              jurisdiction_id: u.jurisdiction_id,
              unit_id: u.id,
              name: '机关标准工时',
              start_min: 510,
              end_min: 1050,
              flex_min: 30,
              lunch_start_min: 720,
              lunch_end_min: 810,
            },
      ),
    )
    .execute();
  await db
    .insertInto('attendance_site')
    .values(
      units.map((u) => {
        const b =
          u.kind === 'institution' ? { name: '医院行政楼', lat: 31.7123, lng: 119.9502 } : BUILDINGS.city!;
        return {
          jurisdiction_id: u.jurisdiction_id,
          unit_id: u.id,
          name: b.name,
          lat: b.lat,
          lng: b.lng,
          radius_m: 300,
        };
      }),
    )
    .execute();
  void BUILDINGS.WJ;
  const unitIds = units.map((u) => u.id);

  // years of service, for the annual leave entitlement
  await sql`
    insert into attendance_profile (person_id, service_start)
    select p.id, date '1992-09-01' + (abs(hashtext(p.id::text || 'svc')) % 11500)
    from org_person p where p.unit_id = any(${unitIds}::uuid[]) and p.status = 'active'`.execute(db);

  // the past 22 working days
  const cal = await loadCalendar(db, tz);
  const today = localDate(new Date(), tz);
  const days: string[] = [];
  for (let d = addDays(today, -1); days.length < 22; d = addDays(d, -1))
    if (isBusinessDay(cal, d)) days.unshift(d);
  const from = days[0]!;

  // leave and trips of the others, recorded by the office: about 4% of people take 1–3 days of leave, 2% travel
  await sql`
    with people as (
      select p.id, p.jurisdiction_id, p.unit_id, abs(hashtext(p.id::text || 'leave')) as h
      from org_person p where p.unit_id = any(${unitIds}::uuid[]) and p.status = 'active'
        and not exists (select 1 from auth_account a where a.person_id = p.id)
    ), picked as (
      select *, (${days}::date[])[1 + (h / 7) % 18] as start_day, 1 + (h / 11) % 3 as len from people where h % 100 < 6
    )
    insert into attendance_leave (person_id, jurisdiction_id, unit_id, kind, leave_type, start_date, end_date, days, reason, destination, status)
    select id, jurisdiction_id, unit_id,
      case when h % 100 < 4 then 'leave' else 'trip' end,
      case when h % 100 >= 4 then null
        else (array['annual','annual','sick','personal','sick','annual','compensatory','bereavement'])[1 + (h / 13) % 8] end,
      start_day, start_day + (len - 1), len,
      case when h % 100 < 4 then '个人事务' else '赴省厅参加工作会议' end,
      case when h % 100 < 4 then null else (array['南京市','苏州市','无锡市','上海市'])[1 + (h / 17) % 4] end,
      'approved'
    from picked`.execute(db);

  // punches: 0.8% absent, 7% late, 1.5% missing the out punch, 2% leaving early; 30% on phones
  const { rows: made } = await sql<{ n: number }>`
    with r as (
      select id, unit_id, start_min, end_min, flex_min from attendance_rule where unit_id = any(${unitIds}::uuid[])
    ), base as (
      select p.id as person_id, p.jurisdiction_id, p.unit_id, d::date as day, r.start_min, r.end_min, r.flex_min,
        abs(hashtext(p.id::text || d::text)) as h, abs(hashtext(d::text || p.id::text)) as g,
        s.id as site_id, s.lat, s.lng
      from org_person p
      join r on r.unit_id = p.unit_id
      join attendance_site s on s.unit_id = p.unit_id
      cross join unnest(${days}::date[]) as d
      where p.status = 'active'
        and not exists (select 1 from attendance_leave l where l.person_id = p.id and d between l.start_date and l.end_date)
    ), arrive as (
      select *, h % 1000 as roll,
        case when h % 1000 between 8 and 79 then start_min + flex_min + 6 + (g % 40)
             else start_min - flex_min - 20 + (g % (2 * flex_min + 20)) end as a_min
      from base where h % 1000 >= 8
    ), times as (
      select *, least(greatest(a_min, start_min - flex_min), start_min + flex_min) + (end_min - start_min) as need from arrive
    ), punches as (
      select person_id, jurisdiction_id, unit_id, day, site_id, lat, lng, g,
        a_min * 60 + (g % 60) as sec from times
      union all
      select person_id, jurisdiction_id, unit_id, day, site_id, lat, lng, g,
        (case when roll between 80 and 94 then null
              when roll between 95 and 114 then need - 15 - (g % 50)
              else need + (g / 7) % 75 end) * 60 + (g / 3) % 60
      from times
    )
    insert into attendance_punch (person_id, jurisdiction_id, unit_id, at, work_date, source, device, lat, lng, site_id, distance_m, in_range)
    select person_id, jurisdiction_id, unit_id,
      (day::timestamp + make_interval(secs => sec)) at time zone ${tz}, day,
      case when g % 10 < 3 then 'phone' else 'kiosk' end,
      case when g % 10 < 3 then 'phone' else '大厅考勤机' end,
      case when g % 10 < 3 then lat + ((g % 200) - 100) * 0.000005 end,
      case when g % 10 < 3 then lng + ((g / 5 % 200) - 100) * 0.000005 end,
      case when g % 10 < 3 then site_id end,
      case when g % 10 < 3 then (g % 120) end,
      case when g % 10 < 3 then true end
    from punches where sec is not null
    returning 1`
    .execute(db)
    .then((r) => ({ rows: [{ n: r.rows.length }] }));
  const punches = made[0]!.n;
  const punchedAt = Date.now();

  // the demo staff: an approved annual leave day and an approved trip go through the approvals
  const staff = (await demoUser(db, 'staff'))?.p ?? null;
  const approver = (await demoUser(db, 'unit_admin'))?.p ?? null;
  let matters = 0;
  if (staff?.personId && approver) {
    const requests = [
      {
        kind: 'leave' as const,
        leaveType: 'annual' as const,
        startDate: days[15]!,
        endDate: days[15]!,
        reason: '处理家中事务',
      },
      {
        kind: 'trip' as const,
        destination: '南京市',
        startDate: days[18]!,
        endDate: days[19]!,
        reason: '参加省教育厅培训',
      },
    ];
    for (const r of requests) {
      // the leave replaces the punches already generated for those days
      const leave = await requestLeave(db, settings, staff, SYSTEM_ACTOR, r);
      await decideMatter(
        db,
        approver,
        leave.matterId!,
        { decision: 'approve', opinion: '同意' },
        SYSTEM_ACTOR,
      );
      matters++;
    }
  }
  const requestsAt = Date.now();
  const done = await recomputeDays(db, { unitIds }, from, today, new Date(), tz);
  const people = await db
    .selectFrom('attendance_rule as r')
    .innerJoin('org_person as p', 'p.unit_id', 'r.unit_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  log(
    `attendance: rules and sites for ${units.length} units${hospital ? ' (incl. the Wujin hospital)' : ''}, ` +
      `${punches} punches over ${days.length} working days for ${people.n} people, ${done} day results, ` +
      `${matters} approved requests of the demo staff in ${Date.now() - started} ms ` +
      `(punches ${punchedAt - started}, requests ${requestsAt - punchedAt}, results ${Date.now() - requestsAt})`,
  );
}
