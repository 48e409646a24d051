import type { Messages } from '../errors.ts';
import { ROLE_LABELS, type Role, type ScopeKind } from '../access/roles.ts';
import type { JurisdictionKey } from './catalogue.ts';
import type { DemoPlan, PlannedPerson } from './plan.ts';

/** Every demo account signs in with this password; the seed sets it past the password policy on purpose. */
export const DEMO_PASSWORD = 'demo';

export interface DemoLogin {
  username: string;
  role: Role;
  scopeKind: ScopeKind;
  /** the jurisdiction of a 'jurisdiction' scope */
  jurisdiction?: JurisdictionKey;
  /** the unit of a 'unit' scope (a plan unit key) */
  unit?: string;
  /** where the account's person works: a plan unit key and a department name; null: no person */
  person: { unit: string; department: string; position?: string } | null;
  /** the account's display name when it has no person */
  displayName?: string;
  /** what the scope covers, for the logins table */
  scope: Messages;
  /** the role's name in both languages */
  roleLabel: Messages;
}

const HEAD_TITLE = /(长|主任)$/;
const BUREAU = 'CZ:bureau';
const FLEET = 'CZ:常州市公务用车服务中心';
const WJ_HOSPITAL = 'WJ:常州市武进区人民医院';

type LoginSpec = Omit<DemoLogin, 'roleLabel'>;

const districtAdmin = (username: string, key: JurisdictionKey, name: string, en: string): LoginSpec => ({
  username,
  role: 'district_admin',
  scopeKind: 'jurisdiction',
  jurisdiction: key,
  person: { unit: `${key}:offices_admin`, department: '办公室' },
  scope: { 'zh-CN': name, en },
});

/**
 * One demo account for every role and scope. The supplier is an outside company, not a civil servant:
 * its account has no person in the organisation (self scope then reaches only rows it owns itself).
 */
const LOGINS: readonly LoginSpec[] = [
  {
    username: 'admin',
    role: 'bureau_admin',
    scopeKind: 'city',
    person: { unit: BUREAU, department: '办公室' },
    scope: { 'zh-CN': '全市', en: 'the whole city' },
  },
  districtAdmin('wujin_admin', 'WJ', '武进区', 'Wujin District'),
  districtAdmin('xinbei_admin', 'XB', '新北区', 'Xinbei District'),
  districtAdmin('tianning_admin', 'TN', '天宁区', 'Tianning District'),
  districtAdmin('zhonglou_admin', 'ZL', '钟楼区', 'Zhonglou District'),
  districtAdmin('jingkai_admin', 'JK', '经开区', 'Economic Development Zone'),
  {
    username: 'unit_admin',
    role: 'unit_admin',
    scopeKind: 'unit',
    unit: 'CZ:education',
    person: { unit: 'CZ:education', department: '办公室' },
    scope: { 'zh-CN': '常州市教育局', en: 'Changzhou Education Bureau' },
  },
  {
    username: 'wujin_unit',
    role: 'unit_admin',
    scopeKind: 'unit',
    unit: WJ_HOSPITAL,
    person: { unit: WJ_HOSPITAL, department: '院办公室' },
    scope: { 'zh-CN': '常州市武进区人民医院', en: "Wujin People's Hospital" },
  },
  {
    username: 'staff',
    role: 'staff',
    scopeKind: 'self',
    person: { unit: 'CZ:education', department: '基础教育处' },
    scope: { 'zh-CN': '本人（常州市教育局）', en: 'own records (Education Bureau)' },
  },
  {
    username: 'staff2',
    role: 'staff',
    scopeKind: 'self',
    person: { unit: BUREAU, department: '办公用房管理处' },
    scope: { 'zh-CN': '本人（市机关事务管理局）', en: 'own records (the bureau)' },
  },
  {
    username: 'wujin_staff',
    role: 'staff',
    scopeKind: 'self',
    person: { unit: WJ_HOSPITAL, department: '内科' },
    scope: { 'zh-CN': '本人（武进区人民医院）', en: "own records (Wujin People's Hospital)" },
  },
  {
    username: 'dispatcher',
    role: 'dispatcher',
    scopeKind: 'city',
    person: { unit: FLEET, department: '调度科', position: '调度员' },
    scope: { 'zh-CN': '全市', en: 'the whole city' },
  },
  {
    username: 'wujin_dispatcher',
    role: 'dispatcher',
    scopeKind: 'jurisdiction',
    jurisdiction: 'WJ',
    person: { unit: 'WJ:offices_admin', department: '公务用车管理科', position: '调度员' },
    scope: { 'zh-CN': '武进区', en: 'Wujin District' },
  },
  {
    username: 'driver',
    role: 'driver',
    scopeKind: 'self',
    person: { unit: FLEET, department: '车队', position: '驾驶员' },
    scope: { 'zh-CN': '本人（市公务用车服务中心）', en: 'own trips (city fleet centre)' },
  },
  {
    username: 'gate_guard',
    role: 'gate_guard',
    scopeKind: 'unit',
    unit: BUREAU,
    person: { unit: BUREAU, department: '安全保卫处', position: '门卫' },
    scope: { 'zh-CN': '市机关事务管理局', en: 'the bureau' },
  },
  {
    username: 'canteen',
    role: 'canteen_staff',
    scopeKind: 'unit',
    unit: BUREAU,
    person: { unit: BUREAU, department: '机关服务处', position: '食堂管理员' },
    scope: { 'zh-CN': '市机关事务管理局', en: 'the bureau' },
  },
  {
    username: 'supplier',
    role: 'supplier',
    scopeKind: 'self',
    person: null,
    displayName: '常州市龙城鲜农副产品配送有限公司',
    scope: { 'zh-CN': '本单位（供应商，无人员档案）', en: 'own records (a supplier company, no person)' },
  },
  {
    username: 'inspector',
    role: 'inspector',
    scopeKind: 'city',
    person: { unit: BUREAU, department: '公务用车管理处', position: '督查员' },
    scope: { 'zh-CN': '全市', en: 'the whole city' },
  },
  {
    username: 'auditor',
    role: 'auditor',
    scopeKind: 'city',
    person: { unit: 'CZ:audit', department: '财政审计处' },
    scope: { 'zh-CN': '全市（只读）', en: 'the whole city (read-only)' },
  },
];

export const DEMO_LOGINS: readonly DemoLogin[] = LOGINS.map((l) => ({
  ...l,
  roleLabel: ROLE_LABELS[l.role],
}));

export interface PlacedLogin {
  login: DemoLogin;
  person: PlannedPerson | null;
  jurisdictionId: string | null;
  unitId: string | null;
}

/**
 * Finds each demo account's person (the first staff member of the named department not yet taken)
 * and the ids of its scope; sets the person's position where the role asks for one.
 */
export function placeDemoLogins(plan: DemoPlan): PlacedLogin[] {
  const unitByKey = new Map(plan.units.map((u) => [u.key, u]));
  const jurisdictionByKey = new Map(plan.jurisdictions.map((j) => [j.key, j]));
  const unitOf = (key: string) => {
    const unit = unitByKey.get(key);
    if (!unit) throw new Error(`demo login names an unknown unit ${key}`);
    return unit;
  };
  const taken = new Set<string>();
  return DEMO_LOGINS.map((login) => {
    let person: PlannedPerson | null = null;
    if (login.person) {
      const unit = unitOf(login.person.unit);
      const department = plan.departments.find(
        (d) => d.unitId === unit.id && d.name === login.person?.department,
      );
      if (!department)
        throw new Error(`demo login ${login.username}: ${unit.name} has no ${login.person.department}`);
      const found = plan.people.find(
        (p) =>
          p.departmentId === department.id &&
          p.rank === 'staff_member' &&
          !HEAD_TITLE.test(p.position) &&
          !taken.has(p.id),
      );
      if (!found) throw new Error(`demo login ${login.username}: no free staff member in ${department.name}`);
      if (login.person.position) found.position = login.person.position;
      taken.add(found.id);
      person = found;
    }
    const jurisdictionId = login.jurisdiction
      ? (jurisdictionByKey.get(login.jurisdiction)?.id ?? null)
      : null;
    const unitId = login.unit ? unitOf(login.unit).id : null;
    return { login, person, jurisdictionId, unitId };
  });
}
