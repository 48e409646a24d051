import { sql } from 'kysely';
import type { AppContext, Log } from '../../kernel/module.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { audit } from '../../kernel/audit/index.ts';
import { SYSTEM_ACTOR } from '../../kernel/http/access.ts';
import { visitorsEnv } from './env.ts';
import { newPassCode, newToken } from './service.ts';
import { idCheckDigit, maskIdNumber } from './validate.ts';
import type { SiteCheck, VisitStatus } from './tables.ts';

export const CITY_CHECKS: SiteCheck[] = [
  { code: 'temperature', kind: 'temperature', label: { 'zh-CN': '体温', en: 'Temperature' }, max: 37.3 },
  { code: 'health_code', kind: 'health_code', label: { 'zh-CN': '健康码', en: 'Health code' } },
];
const DISTRICT_CHECKS: SiteCheck[] = [CITY_CHECKS[0] as SiteCheck];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文斌宇浩凯健俊帆欣怡婷雪琳晨阳博思远';
const COMPANIES = [
  '江苏天合光能股份有限公司',
  '常州市建设工程设计院',
  '中国电信常州分公司',
  '常州日报社',
  '江苏理工学院',
  '常州市规划设计院',
  '中天钢铁集团有限公司',
  '常州星宇车灯股份有限公司',
  null,
];
const PURPOSES = [
  '项目对接',
  '工作汇报',
  '参加会议',
  '送达文件',
  '业务咨询',
  '设备维护',
  '调研座谈',
  '合同签订',
];
const PLATES = ['苏D', '苏D', '苏D', '苏A', '苏E', '沪A', '浙B'];
const REGIONS = ['320402', '320404', '320411', '320412', '320413', '320481', '320106', '310115', '330106'];
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A valid demo resident ID number (region, birth date, sequence, GB 11643 check digit). */
export function demoIdNumber(r: () => number): string {
  const region = REGIONS[Math.floor(r() * REGIONS.length)] ?? '320402';
  const y = 1960 + Math.floor(r() * 40);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  const seq = String(Math.floor(r() * 1000)).padStart(3, '0');
  const first = `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}`;
  return first + idCheckDigit(first);
}

/**
 * The demo's visitors: a gate site at the city administrative centre (run by the bureau, checks:
 * temperature and health code, the gate_guard account linked to it) and one per district centre;
 * about 400 visits over the past month and the coming week, some checked in today; two blacklisted people.
 */
export async function seedVisitors(ctx: AppContext, log: Log): Promise<void> {
  const { cipher } = visitorsEnv(ctx);
  const r = rng(20261125);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  await inTransaction(ctx.db, async (tx) => {
    const bureau = await tx
      .selectFrom('org_unit')
      .select(['id', 'jurisdiction_id'])
      .where('name', '=', '常州市机关事务管理局')
      .executeTakeFirst();
    if (!bureau) return;
    const districts = await tx
      .selectFrom('org_unit as u')
      .innerJoin('org_jurisdiction as j', 'j.id', 'u.jurisdiction_id')
      .select(['u.id', 'u.jurisdiction_id', 'j.name as jname'])
      .where('j.kind', '=', 'district')
      .where('u.name', 'like', '%机关事务管理中心')
      .orderBy('j.code')
      .execute();
    const siteRows = await tx
      .insertInto('visitor_site')
      .values([
        {
          name: '常州市行政中心',
          address: '常州市新北区龙锦路1280号',
          jurisdiction_id: bureau.jurisdiction_id,
          unit_id: bureau.id,
          checks: JSON.stringify(CITY_CHECKS),
        },
        ...districts.map((d) => ({
          name: `${d.jname}行政中心`,
          address: `${d.jname}人民政府大院`,
          jurisdiction_id: d.jurisdiction_id,
          unit_id: d.id,
          checks: JSON.stringify(DISTRICT_CHECKS),
        })),
      ])
      .returning(['id', 'jurisdiction_id'])
      .execute();
    const citySite = siteRows[0];
    if (!citySite) return;
    const guard = await tx
      .selectFrom('auth_account')
      .select('person_id')
      .where('username', '=', 'gate_guard')
      .executeTakeFirst();
    if (guard?.person_id)
      await tx
        .insertInto('visitor_site_guard')
        .values({ site_id: citySite.id, person_id: guard.person_id })
        .execute();

    // hosts: people of the units in each site's jurisdiction (a sample), the demo staff accounts first
    const demoHosts = await tx
      .selectFrom('auth_account as a')
      .innerJoin('org_person as p', 'p.id', 'a.person_id')
      .select(['p.id', 'p.unit_id', 'p.jurisdiction_id'])
      .where('a.username', 'in', ['staff', 'staff2', 'unit_admin'])
      // the demo staff account first: it owns the demo appointment link
      .orderBy(sql`a.username = 'staff'`, 'desc')
      .orderBy('a.username')
      .execute();
    const sample = await tx
      .selectFrom('org_person')
      .select(['id', 'unit_id', 'jurisdiction_id'])
      .where('status', '=', 'active')
      .orderBy(sql`md5(id::text)`)
      .limit(600)
      .execute();
    const siteOf = new Map(siteRows.map((s) => [s.jurisdiction_id, s.id]));
    const hosts = [...demoHosts, ...sample].filter((p) => siteOf.has(p.jurisdiction_id));

    const now = Date.now();
    const hour = 3_600_000;
    const todayLocal = new Date(
      new Date(now + 8 * hour).toISOString().slice(0, 10) + 'T00:00:00+08:00',
    ).getTime();
    const rows = [];
    for (let i = 0; i < 420; i++) {
      const host = i < 9 ? (demoHosts[i % demoHosts.length] ?? pick(hosts)) : pick(hosts);
      const dayOffset = i < 40 ? 0 : i < 9 + 40 ? 1 + Math.floor(r() * 6) : -Math.floor(1 + r() * 30);
      const startH = 8.5 + Math.floor(r() * 14) / 2; // 08:30 … 15:00 local
      const starts = new Date(todayLocal + dayOffset * 24 * hour + startH * hour);
      const ends = new Date(starts.getTime() + (1 + Math.floor(r() * 4)) * hour);
      let status: VisitStatus;
      if (ends.getTime() < now) status = r() < 0.9 ? 'checked_out' : 'declined';
      else if (starts.getTime() < now) status = r() < 0.8 ? 'checked_in' : 'approved';
      else status = r() < 0.5 ? 'approved' : 'pending';
      if (i < 9) status = i % 3 === 0 ? 'pending' : i % 3 === 1 ? 'approved' : status;
      const id = demoIdNumber(r);
      const surname = pick([...SURNAMES]);
      const name = surname + pick([...GIVEN]) + (r() < 0.6 ? pick([...GIVEN]) : '');
      const hasCar = r() < 0.45;
      const plate = hasCar
        ? `${pick(PLATES)}${r() < 0.25 ? `D${Array.from({ length: 5 }, () => Math.floor(r() * 10)).join('')}` : Array.from({ length: 5 }, () => (r() < 0.3 ? pick([...LETTERS]) : String(Math.floor(r() * 10)))).join('')}`
        : null;
      const checkedIn = status === 'checked_in' || status === 'checked_out';
      rows.push({
        site_id: siteOf.get(host.jurisdiction_id) ?? citySite.id,
        jurisdiction_id: host.jurisdiction_id,
        unit_id: host.unit_id,
        host_person_id: host.id,
        visitor_name: name,
        id_cipher: cipher.encrypt(id),
        id_hash: cipher.hash(id),
        id_last4: id.slice(-4),
        id_head3: id.slice(0, 3),
        mobile: `1${pick(['38', '39', '51', '58', '86', '77', '99'])}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
        company: pick(COMPANIES),
        purpose: pick(PURPOSES),
        starts_at: starts,
        ends_at: ends,
        plate,
        status,
        walk_in: checkedIn && r() < 0.1,
        pass_code: status === 'pending' || status === 'declined' ? null : newPassCode(),
        pass_token: newToken(),
        decided_at: status === 'pending' ? null : new Date(starts.getTime() - 20 * hour),
        decline_reason: status === 'declined' ? '时间冲突，请改期' : null,
        checked_in_at: checkedIn ? new Date(starts.getTime() + Math.floor(r() * 20) * 60_000) : null,
        checked_out_at:
          status === 'checked_out' ? new Date(ends.getTime() - Math.floor(r() * 30) * 60_000) : null,
        checks: checkedIn
          ? JSON.stringify({ temperature: 36.2 + Math.floor(r() * 9) / 10, health_code: 'green' })
          : null,
      });
    }
    for (let i = 0; i < rows.length; i += 200)
      await tx
        .insertInto('visitor_visit')
        .values(rows.slice(i, i + 200))
        .execute();

    const banned = [demoIdNumber(r), demoIdNumber(r)];
    await tx
      .insertInto('visitor_blacklist')
      .values(
        banned.map((id, i) => ({
          id_hash: cipher.hash(id),
          id_masked: maskIdNumber(id),
          name: i === 0 ? '冒充记者人员' : '滋事人员',
          reason: i === 0 ? '多次冒用身份进入办公区' : '在信访接待区滋事，经公安处理',
          jurisdiction_id: bureau.jurisdiction_id,
          unit_id: bureau.id,
        })),
      )
      .execute();
    const staff = demoHosts[0];
    if (staff)
      await tx
        .insertInto('visitor_host_link')
        .values({
          token: 'demo-staff-visit-link-0001',
          person_id: staff.id,
          site_id: siteOf.get(staff.jurisdiction_id) ?? citySite.id,
        })
        .execute();
    await audit(tx, SYSTEM_ACTOR, {
      entity: 'visitors.visit',
      action: 'seed',
      after: { sites: siteRows.length, visits: rows.length },
    });
    log(
      `seeding demo city: visitors — ${siteRows.length} sites, ${rows.length} visits, gate_guard at 常州市行政中心`,
    );
  });
}
