import { sql } from 'kysely';
import type { AppContext, Log } from '../../kernel/module.ts';
import { JURISDICTIONS } from '../../kernel/demo/catalogue.ts';
import { DomainError } from '../../kernel/errors.ts';
import type { UserPrincipal } from '../../kernel/http/access.ts';
import { createBooking } from './bookings.ts';

/**
 * The demo's meeting rooms: the city's administrative centre and conference centre (managed by the
 * bureau), each district's government building (managed by its offices administration centre), about
 * eight rooms each, and a week of bookings (two days back, five ahead) in set-based SQL.
 */

interface BuildingSpec {
  code: string;
  name: string;
  jurisdiction: string;
  address: string;
  floors: number;
  lon: number;
  lat: number;
  /** 'bureau' or the district offices administration centre */
  manager: 'bureau' | 'district';
}

const LONLAT: Record<string, [number, number]> = {
  CZ: [119.974, 31.811],
  WJ: [119.942, 31.701],
  XB: [119.971, 31.83],
  TN: [119.975, 31.78],
  ZL: [119.931, 31.77],
  JK: [120.06, 31.74],
};

function buildings(): BuildingSpec[] {
  const list: BuildingSpec[] = [];
  for (const j of JURISDICTIONS) {
    const [lon, lat] = LONLAT[j.key] ?? [119.97, 31.8];
    if (j.kind === 'city') {
      list.push(
        {
          code: 'CZ-XZZX',
          name: '市行政中心',
          jurisdiction: j.code,
          address: j.centre,
          floors: 22,
          lon,
          lat,
          manager: 'bureau',
        },
        {
          code: 'CZ-HYZX',
          name: '市政府会议中心',
          jurisdiction: j.code,
          address: '常州市新北区龙城大道1280号（行政中心南侧）',
          floors: 4,
          lon: lon + 0.002,
          lat: lat - 0.002,
          manager: 'bureau',
        },
      );
    } else {
      list.push({
        code: `${j.code}-ZFDL`,
        name: `${j.name}政府大楼`,
        jurisdiction: j.code,
        address: j.centre,
        floors: 16,
        lon,
        lat,
        manager: 'district',
      });
    }
  }
  return list;
}

/** code suffix, name, floor, capacity, equipment, policy */
type RoomSpec = [string, string, number, number, string[], 'all' | 'units' | 'approval'];
const ROOMS: RoomSpec[] = [
  ['101', '第一会议室', 1, 40, ['projector', 'screen', 'microphone'], 'all'],
  ['102', '第二会议室', 1, 20, ['tv', 'whiteboard'], 'all'],
  ['201', '视频会议室', 2, 30, ['video', 'screen', 'microphone', 'recording'], 'all'],
  ['305', '小会议室（一）', 3, 8, ['tv', 'whiteboard'], 'all'],
  ['306', '小会议室（二）', 3, 8, ['whiteboard'], 'all'],
  ['501', '洽谈室', 5, 6, [], 'units'],
  ['801', '多功能厅', 8, 120, ['projector', 'screen', 'microphone', 'video', 'recording'], 'approval'],
  ['1001', '常务会议室', 10, 36, ['microphone', 'video', 'screen', 'recording'], 'approval'],
];

const TITLES = [
  '周例会',
  '党组会',
  '专题协调会',
  '项目推进会',
  '业务培训',
  '预算评审会',
  '安全生产工作会',
  '节能工作座谈会',
  '政务公开培训',
  '办公用房调整协调会',
  '公务用车改革推进会',
  '来访接待',
  '视频调度会',
  '理论学习中心组学习',
];

export async function seedRooms(ctx: AppContext, log: Log): Promise<void> {
  const db = ctx.db;
  const specs = buildings();
  const t0 = performance.now();
  await db.transaction().execute(async (tx) => {
    for (const b of specs) {
      const j = await tx
        .selectFrom('org_jurisdiction')
        .select('id')
        .where('code', '=', b.jurisdiction)
        .executeTakeFirst();
      if (!j) continue;
      const manager = await tx
        .selectFrom('org_unit')
        .select(['id'])
        .where('jurisdiction_id', '=', j.id)
        .where('name', 'like', b.manager === 'bureau' ? '%机关事务管理局' : '%机关事务管理中心')
        .orderBy('code')
        .executeTakeFirst();
      if (!manager) continue;
      const { id } = await tx
        .insertInto('office_building')
        .values({
          code: b.code,
          name: b.name,
          address: b.address,
          jurisdiction_id: j.id,
          unit_id: manager.id,
          floors: b.floors,
          lon: b.lon,
          lat: b.lat,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const rooms = b.code === 'CZ-HYZX' ? ROOMS.filter(([, , floor]) => floor <= 4) : ROOMS;
      const inserted = await tx
        .insertInto('meeting_room')
        .values(
          rooms.map(([code, name, floor, capacity, equipment, policy]) => ({
            building_id: id,
            jurisdiction_id: j.id,
            unit_id: manager.id,
            code,
            name,
            floor,
            capacity,
            equipment,
            policy,
            description: policy === 'approval' ? '需经机关事务部门审批后使用' : null,
          })),
        )
        .returning(['id', 'policy'])
        .execute();
      const listed = inserted.filter((r) => r.policy === 'units').map((r) => r.id);
      if (listed.length > 0) {
        // the 'units' rooms are for the managing unit itself
        await tx
          .insertInto('meeting_room_unit')
          .values(listed.map((room_id) => ({ room_id, unit_id: manager.id })))
          .execute();
      }
    }
    log(
      `seeding demo city: rooms: ${specs.length} buildings with their meeting rooms (${Math.round(performance.now() - t0)} ms)`,
    );

    // a week of bookings: two days back, five ahead, four slots a day (Asia/Shanghai), about 55% taken;
    // organisers are people of the room's jurisdiction; the staff demo account holds a few of them
    await sql`
      with slot(n, h, m, mins) as (values (0, 9, 0, 90), (1, 10, 30, 90), (2, 14, 0, 90), (3, 15, 30, 90)),
      day as (
        select d::date as d from generate_series(current_date - 2, current_date + 5, interval '1 day') d
        where extract(isodow from d) < 6
      ),
      people as materialized (
        select p.id, p.name, p.unit_id, p.jurisdiction_id,
          row_number() over (partition by p.jurisdiction_id order by p.employee_no) as rn
        from org_person p where p.status = 'active'
      ),
      totals as materialized (
        select jurisdiction_id, count(*)::int as n from org_person where status = 'active' group by jurisdiction_id
      ),
      cand as (
        select r.id as room_id, r.jurisdiction_id, r.capacity, r.policy, day.d, slot.n, slot.h, slot.m, slot.mins,
          ('x' || substr(md5(r.id::text || day.d::text || slot.n::text), 1, 8))::bit(32)::int as hash
        from meeting_room r cross join day cross join slot
      ),
      picked as materialized (
        select c.*, ((c.d + make_time(c.h, c.m, 0)) at time zone 'Asia/Shanghai') as starts_at,
          1 + abs(c.hash / 17) % t.n as person_rn
        from cand c join totals t on t.jurisdiction_id = c.jurisdiction_id where abs(c.hash) % 100 < 55
      )
      insert into room_booking (room_id, title, starts_at, ends_at, attendees, status, services,
        organizer_person_id, unit_id, jurisdiction_id, organizer_name, checked_in_at, created_at, updated_at)
      select pk.room_id,
        (array[${sql.join(TITLES.map((t) => sql`${t}`))}])[1 + abs(pk.hash / 7) % ${TITLES.length}],
        pk.starts_at, pk.starts_at + make_interval(mins => pk.mins),
        greatest(2, least(pk.capacity, 2 + abs(pk.hash / 11) % pk.capacity)),
        case
          when pk.starts_at < now() then 'checked_in'
          else 'confirmed' end,
        case abs(pk.hash / 13) % 4 when 0 then array['tea'] when 1 then array['tea', 'name_cards']
          when 2 then array['av'] else array[]::text[] end,
        pp.id, pp.unit_id, pp.jurisdiction_id, pp.name,
        case when pk.starts_at < now() then pk.starts_at - interval '5 minutes' end,
        -- booked three days ahead, and never later than now (the .ics DTSTAMP and CREATED come from these)
        least(pk.starts_at - interval '3 days', now()), least(pk.starts_at - interval '3 days', now())
      from picked pk
      join people pp on pp.jurisdiction_id = pk.jurisdiction_id and pp.rn = pk.person_rn`.execute(tx);
    log(`seeding demo city: rooms: bookings inserted (${Math.round(performance.now() - t0)} ms)`);

    // the demo staff members' own bookings (shown on their 我的 page), in free slots of the city's rooms
    await sql`
      update room_booking k set organizer_account_id = a.id, organizer_person_id = a.person_id,
        unit_id = p.unit_id, jurisdiction_id = p.jurisdiction_id, organizer_name = p.name
      from auth_account a join org_person p on p.id = a.person_id,
        lateral (select k2.id from room_booking k2 join meeting_room r on r.id = k2.room_id
          join office_building b on b.id = r.building_id
          where b.code = 'CZ-XZZX' and k2.organizer_account_id is null and k2.status <> 'pending'
          order by md5(k2.id::text || a.username) limit 4) pick
      where a.username in ('staff', 'staff2') and k.id = pick.id`.execute(tx);
    const n = await tx
      .selectFrom('room_booking')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    log(
      `seeding demo city: rooms: ${Number(n.n)} bookings over a week (${Math.round(performance.now() - t0)} ms)`,
    );
  });
  const pending = await seedPending(ctx);
  log(`seeding demo city: rooms: ${pending} bookings waiting for approval, each with its approval matter`);
}

/**
 * Bookings of rooms that need approval, made the way people make them (createBooking): each holds its
 * slot as pending and raises an approval matter a district or bureau admin can decide. (Pending rows
 * inserted by SQL would have no matter, and nobody could ever decide them.)
 */
async function seedPending(ctx: AppContext): Promise<number> {
  const db = ctx.db;
  const organisers = await db
    .selectFrom('auth_account as a')
    .innerJoin('org_person as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.username', 'a.display_name', 'a.person_id', 'p.unit_id', 'p.jurisdiction_id'])
    .where('a.username', 'in', ['staff', 'staff2', 'wujin_staff'])
    .orderBy('a.username')
    .execute();
  const rooms = await db
    .selectFrom('meeting_room')
    .select('id')
    .where('policy', '=', 'approval')
    .where('active', '=', true)
    .orderBy('code')
    .orderBy('id')
    .execute();
  // today's date in the deployment's zone (the seed's slots are Asia/Shanghai office hours)
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const day = (n: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  let made = 0;
  for (const [i, o] of organisers.entries()) {
    const principal: UserPrincipal = {
      kind: 'user',
      accountId: o.id,
      username: o.username,
      displayName: o.display_name,
      personId: o.person_id,
      unitId: o.unit_id,
      jurisdictionId: o.jurisdiction_id,
      roles: [{ role: 'staff', scopeKind: 'self', jurisdictionId: null, unitId: null }],
      sessionId: 'demo-seed',
      via: 'bearer',
      csrfToken: '',
      expiresAt: new Date(Date.now() + 3_600_000),
    };
    const actor = { accountId: o.id, label: o.username, ip: null };
    // two requests each, in the first free afternoon slot of an approval room over the next days
    for (let k = 0; k < 2 && rooms.length > 0; k++) {
      const roomId = rooms[(i * 2 + k) % rooms.length]!.id;
      for (let d = 1; d <= 6; d++) {
        try {
          await createBooking(
            db,
            principal,
            actor,
            roomId,
            {
              start: `${day(d)}T17:00:00+08:00`,
              end: `${day(d)}T18:00:00+08:00`,
              title: TITLES[(i * 3 + k) % TITLES.length]!,
              attendees: 12,
              services: ['tea'],
            },
            ctx.config.timeZone,
          );
          made++;
          break;
        } catch (e) {
          if (!(e instanceof DomainError && e.code === 'room_booked')) throw e;
        }
      }
    }
  }
  return made;
}
