import { sql } from 'kysely';
import type { AppContext, Log } from '../../kernel/module.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { audit } from '../../kernel/audit/index.ts';
import { SYSTEM_ACTOR } from '../../kernel/http/access.ts';
import { calendarService, deadline } from '../../kernel/calendar/index.ts';
import { listBuildings } from '../rooms/index.ts';
import type { RepairStatus } from './tables.ts';

/** who signs a demo request's assignment: the facilities office's repair desk */
const DESK = '报修受理台';

const FAULTS: Record<string, string[]> = {
  electrical: ['会议室顶灯不亮', '走廊灯管闪烁', '插座无电', '配电箱跳闸频繁'],
  plumbing: ['卫生间水龙头漏水', '洗手池下水堵塞', '饮水机管道渗水', '小便斗冲水阀失灵'],
  hvac: ['空调不制热', '空调外机噪音大', '新风系统异味', '空调遥控失灵'],
  doors_windows: ['办公室门锁损坏', '窗户关不严', '门禁刷卡无反应', '闭门器漏油'],
  network: ['网口无信号', '会议室投屏无法连接', '电话分机无拨号音', '无线网络信号弱'],
  elevator: ['电梯按钮失灵', '电梯运行异响'],
  furniture: ['办公椅扶手断裂', '文件柜抽屉卡住', '会议桌桌腿松动'],
  building: ['墙面渗水发霉', '吊顶板脱落', '地砖空鼓开裂'],
  other: ['楼道指示牌脱落', '窗帘轨道损坏'],
};
const CONTRACTORS = [
  '常州市龙城物业服务有限公司',
  '江苏金陵机电工程有限公司',
  '常州恒安电梯维保有限公司',
  '常州市安居装饰工程有限公司',
];
const COMMENTS = ['修得很快，谢谢', '师傅很专业', '处理及时', '还可以', null, null];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The demo's repairs: contractors for the bureau and each district's facilities centre, and about
 * 360 requests over the last 60 days across the office buildings (rooms module) — most closed and
 * rated, some open, a few overdue; the `staff` account reported some, `staff2` works a few on the phone.
 */
export async function seedRepairs(ctx: AppContext, log: Log): Promise<void> {
  const cal = await calendarService(ctx).get();
  const r = rng(4242);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  await inTransaction(ctx.db, async (tx) => {
    const buildings = await listBuildings(tx);
    const cats = await tx.selectFrom('repair_category').selectAll().execute();
    const owners = await tx
      .selectFrom('org_unit')
      .select(['id', 'jurisdiction_id'])
      .where((eb) =>
        eb.or([eb('name', '=', '常州市机关事务管理局'), eb('name', 'like', '%机关事务管理中心')]),
      )
      .execute();
    if (owners.length === 0 || cats.length === 0) return;
    const contractors = await tx
      .insertInto('repair_contractor')
      .values(
        owners.flatMap((o) =>
          CONTRACTORS.slice(0, 3).map((name, i) => ({
            name: i === 2 && o !== owners[0] ? CONTRACTORS[3]! : name,
            phone: `0519-8${String(Math.floor(r() * 1e7)).padStart(7, '0')}`,
            jurisdiction_id: o.jurisdiction_id,
            unit_id: o.id,
          })),
        ),
      )
      .returning(['id', 'name', 'unit_id', 'jurisdiction_id'])
      .execute();
    const accounts = await tx
      .selectFrom('auth_account as a')
      .innerJoin('org_person as p', 'p.id', 'a.person_id')
      .select([
        'a.id as account_id',
        'a.username',
        'p.id',
        'p.name',
        'p.phone',
        'p.unit_id',
        'p.jurisdiction_id',
      ])
      .where('a.username', 'in', ['staff', 'staff2', 'wujin_staff'])
      .execute();
    const staff = accounts.find((a) => a.username === 'staff');
    const worker = accounts.find((a) => a.username === 'staff2');
    const people = await tx
      .selectFrom('org_person')
      .select(['id', 'name', 'phone', 'unit_id', 'jurisdiction_id'])
      .where('status', '=', 'active')
      .orderBy(sql`md5(id::text || 'repairs')`)
      .limit(400)
      .execute();
    const now = Date.now();
    const day = 86_400_000;
    const rows = [];
    // each step signed as a person would see it: the requester, the desk, the worker or contractor
    const events: { no: string; status: string; at: Date; note: string | null; by: string }[] = [];
    for (let i = 0; i < 360; i++) {
      const cat = pick(cats);
      const b = buildings.length ? pick(buildings) : null;
      const requester = i < 4 && staff ? staff : pick(people);
      const reported = new Date(now - (i < 4 ? i * 2 * day + 3_600_000 : Math.floor(r() * 60 * day)));
      const due = deadline(cal, reported, cat.sla_days);
      const age = now - reported.getTime();
      let status: RepairStatus;
      if (i < 4) status = (['done', 'on_site', 'confirmed', 'reported'] as const)[i]!;
      else if (age > 10 * day) status = r() < 0.93 ? 'confirmed' : r() < 0.5 ? 'done' : 'cancelled';
      else
        status = pick([
          'reported',
          'assigned',
          'accepted',
          'on_site',
          'waiting_parts',
          'done',
          'confirmed',
          'confirmed',
        ] as const);
      const owner = b
        ? { unit_id: b.unitId, jurisdiction_id: b.jurisdictionId }
        : { unit_id: requester.unit_id, jurisdiction_id: requester.jurisdiction_id };
      const local = contractors.filter((c) => c.jurisdiction_id === owner.jurisdiction_id);
      const assigned = status !== 'reported' && status !== 'cancelled';
      const byWorker = assigned && worker && (i % 25 === 1 || i === 1);
      const contractor = assigned && !byWorker ? pick(local.length ? local : contractors) : null;
      const assignedAt = assigned
        ? new Date(reported.getTime() + (1 + Math.floor(r() * 5)) * 3_600_000)
        : null;
      const finished = status === 'done' || status === 'confirmed';
      const late = r() < 0.12;
      const doneAt = finished
        ? new Date(
            Math.min(
              now - 3_600_000,
              late
                ? due.getTime() + (1 + r() * 3) * day
                : reported.getTime() + (0.2 + r() * 0.8) * (due.getTime() - reported.getTime()),
            ),
          )
        : null;
      const no = `BX${new Date(reported.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '')}-D${String(i + 1).padStart(4, '0')}`;
      rows.push({
        no,
        jurisdiction_id: owner.jurisdiction_id,
        unit_id: owner.unit_id,
        requester_account_id: i < 4 && staff ? staff.account_id : null,
        requester_person_id: requester.id,
        requester_name: requester.name,
        requester_phone: requester.phone,
        building_id: b?.id ?? null,
        floor: b ? `${1 + Math.floor(r() * Math.max(1, b.floors))}F` : null,
        room: `${100 + Math.floor(r() * 30)}室`,
        category_id: cat.id,
        description: pick(FAULTS[cat.code] ?? FAULTS.other!),
        source: r() < 0.2 ? ('qr' as const) : ('app' as const),
        status,
        assignee_account_id: byWorker ? worker.account_id : null,
        contractor_id: contractor?.id ?? null,
        reported_at: reported,
        due_at: due,
        assigned_at: assignedAt,
        done_at: doneAt,
        confirmed_at: status === 'confirmed' && doneAt ? new Date(doneAt.getTime() + 3_600_000) : null,
        rating: status === 'confirmed' ? (late ? 3 + Math.floor(r() * 2) : 4 + Math.floor(r() * 2)) : null,
        rating_comment: status === 'confirmed' ? pick(COMMENTS) : null,
        overdue_notified_at: (finished ? doneAt!.getTime() : now) > due.getTime() ? due : null,
      });
      const fixer = contractor?.name ?? worker?.name ?? DESK;
      events.push({ no, status: 'reported', at: reported, note: null, by: requester.name });
      if (assignedAt) events.push({ no, status: 'assigned', at: assignedAt, note: null, by: DESK });
      if (doneAt) events.push({ no, status: 'done', at: doneAt, note: '已处理', by: fixer });
    }
    const ids = new Map<string, string>();
    for (let i = 0; i < rows.length; i += 200) {
      const done = await tx
        .insertInto('repair_request')
        .values(rows.slice(i, i + 200))
        .returning(['id', 'no'])
        .execute();
      for (const d of done) ids.set(d.no, d.id);
    }
    for (let i = 0; i < events.length; i += 400) {
      await tx
        .insertInto('repair_event')
        .values(
          events.slice(i, i + 400).map((e) => ({
            request_id: ids.get(e.no)!,
            status: e.status,
            note: e.note,
            actor_label: e.by,
            at: e.at,
          })),
        )
        .execute();
    }
    const qrs = buildings.slice(0, 20).map((b, i) => ({
      token: `demo-qr-${String(i + 1).padStart(3, '0')}-${b.code}`.slice(0, 60).padEnd(16, '0'),
      label: `${b.name} ${1 + (i % Math.max(1, b.floors))}楼会议室`,
      building_id: b.id,
      floor: `${1 + (i % Math.max(1, b.floors))}F`,
      room: '会议室',
      jurisdiction_id: b.jurisdictionId,
      unit_id: b.unitId,
    }));
    if (qrs.length) await tx.insertInto('repair_qr').values(qrs).execute();
    await audit(tx, SYSTEM_ACTOR, {
      entity: 'repairs.request',
      action: 'seed',
      after: { requests: rows.length, contractors: contractors.length, qr: qrs.length },
    });
    log(
      `seeding demo city: repairs — ${rows.length} requests in ${buildings.length} buildings, ${contractors.length} contractors, ${qrs.length} QR codes`,
    );
  });
}
