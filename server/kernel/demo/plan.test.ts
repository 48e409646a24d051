import { describe, expect, it } from 'vitest';
import { ROLES } from '../access/roles.ts';
import { RANK_CODES } from '../org/ranks.ts';
import { planDemoCity, type DemoPlan } from './plan.ts';
import { DEMO_LOGINS, placeDemoLogins } from './logins.ts';
import { formatDemoLogins } from './index.ts';
import { Rng } from './random.ts';
import { institutionHeadTitle, departmentHeadTitle } from './titles.ts';

/** Everything of a plan but its ids, which are fresh UUIDs on every run. */
function identity(plan: DemoPlan) {
  const unitCode = new Map(plan.units.map((u) => [u.id, u.code]));
  return {
    jurisdictions: plan.jurisdictions.map((j) => [j.code, j.name, j.kind]),
    units: plan.units.map((u) => [u.code, u.name, u.kind, u.level, u.establishment, u.address]),
    departments: plan.departments.map((d) => [unitCode.get(d.unitId), d.name]),
    people: plan.people.map((p) => [
      unitCode.get(p.unitId),
      p.employeeNo,
      p.name,
      p.gender,
      p.rank,
      p.position,
      p.phone,
    ]),
  };
}

describe('the demo city plan', () => {
  const plan = planDemoCity();

  it('is the same city on every run, and a different one for another seed', () => {
    expect(identity(planDemoCity())).toEqual(identity(plan));
    const other = planDemoCity(7);
    expect(other.units.map((u) => u.code)).toEqual(plan.units.map((u) => u.code));
    expect(other.people.slice(0, 50).map((p) => p.name)).not.toEqual(
      plan.people.slice(0, 50).map((p) => p.name),
    );
  });

  it('has the city, its five districts, their organs and exactly 238 public institutions', () => {
    expect(plan.jurisdictions.map((j) => `${j.code} ${j.name} ${j.kind}`)).toEqual([
      'CZ 常州市 city',
      'CZ-WJ 武进区 district',
      'CZ-XB 新北区 district',
      'CZ-TN 天宁区 district',
      'CZ-ZL 钟楼区 district',
      'CZ-JK 经开区 district',
    ]);
    const city = plan.jurisdictions[0]!;
    expect(plan.jurisdictions.slice(1).every((j) => j.parentId === city.id)).toBe(true);
    expect(plan.units.filter((u) => u.kind === 'institution')).toHaveLength(238);
    const cityOrgans = plan.units.filter((u) => u.kind === 'organ' && u.jurisdictionId === city.id);
    expect(cityOrgans.length).toBeGreaterThanOrEqual(38);
    expect(cityOrgans.map((u) => u.shortName)).toEqual(
      expect.arrayContaining([
        '市委办公室',
        '市政府办公室',
        '市教育局',
        '市公安局',
        '市财政局',
        '市机关事务管理局',
      ]),
    );
    for (const j of plan.jurisdictions.slice(1)) {
      const organs = plan.units.filter((u) => u.kind === 'organ' && u.jurisdictionId === j.id);
      expect(organs.length).toBeGreaterThanOrEqual(15);
      expect(organs.some((u) => u.name.endsWith('机关事务管理中心'))).toBe(true);
    }
    expect(new Set(plan.units.map((u) => u.code)).size).toBe(plan.units.length);
    expect(new Set(plan.units.map((u) => u.name)).size).toBe(plan.units.length);
  });

  it('puts institutions under an organ of their own jurisdiction where they have one', () => {
    const byId = new Map(plan.units.map((u) => [u.id, u]));
    const institutions = plan.units.filter((u) => u.kind === 'institution');
    for (const u of institutions) {
      if (!u.parentId) continue;
      const parent = byId.get(u.parentId)!;
      expect(parent.kind).toBe('organ');
      expect(parent.jurisdictionId).toBe(u.jurisdictionId);
    }
    expect(institutions.filter((u) => u.parentId).length).toBeGreaterThan(200);
    const hospital = institutions.find((u) => u.name === '常州市第一人民医院')!;
    expect(byId.get(hospital.parentId!)?.name).toBe('常州市卫生健康委员会');
  });

  it('staffs every unit within its establishment, with consistent owners', () => {
    expect(plan.people.length).toBeGreaterThanOrEqual(8000);
    expect(plan.people.length).toBeLessThanOrEqual(12000);
    const unitById = new Map(plan.units.map((u) => [u.id, u]));
    const deptById = new Map(plan.departments.map((d) => [d.id, d]));
    const headcount = new Map<string, number>();
    for (const p of plan.people) {
      const unit = unitById.get(p.unitId)!;
      expect(p.jurisdictionId).toBe(unit.jurisdictionId);
      if (p.departmentId) expect(deptById.get(p.departmentId)?.unitId).toBe(p.unitId);
      expect(RANK_CODES).toContain(p.rank);
      expect(p.phone).toMatch(/^1[3-9]\d{9}$/);
      headcount.set(p.unitId, (headcount.get(p.unitId) ?? 0) + 1);
    }
    for (const d of plan.departments) expect(d.jurisdictionId).toBe(unitById.get(d.unitId)?.jurisdictionId);
    for (const u of plan.units) {
      const n = headcount.get(u.id) ?? 0;
      expect(n).toBeGreaterThan(0);
      expect(u.establishment).toBeGreaterThanOrEqual(n);
    }
    expect(new Set(plan.people.map((p) => p.employeeNo)).size).toBe(plan.people.length);
    expect(new Set(plan.people.map((p) => p.phone)).size).toBe(plan.people.length);
  });

  it('gives heads the rank of their unit level', () => {
    const headOf = (name: string) => {
      const unit = plan.units.find((u) => u.name === name)!;
      return plan.people.find((p) => p.unitId === unit.id)!;
    };
    expect(headOf('常州市机关事务管理局')).toMatchObject({ rank: 'division_principal', position: '局长' });
    expect(headOf('中共常州市委办公室')).toMatchObject({ rank: 'bureau_deputy', position: '主任' });
    expect(headOf('常州市武进区教育局')).toMatchObject({ rank: 'section_principal', position: '局长' });
    expect(headOf('常州市第一人民医院')).toMatchObject({ rank: 'division_principal', position: '院长' });
    expect(headOf('常州市局前街小学')).toMatchObject({ rank: 'section_principal', position: '校长' });
    const bureau = plan.units.find((u) => u.name === '常州市机关事务管理局')!;
    const deputies = plan.people.filter((p) => p.unitId === bureau.id && p.position === '副局长');
    expect(deputies.length).toBeGreaterThanOrEqual(2);
    expect(deputies.every((p) => p.rank === 'division_deputy' && p.departmentId === null)).toBe(true);
  });

  it('gives realistic Chinese names of two or three characters, of both genders', () => {
    for (const p of plan.people) expect(p.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
    const female = plan.people.filter((p) => p.gender === 'female').length / plan.people.length;
    expect(female).toBeGreaterThan(0.35);
    expect(female).toBeLessThan(0.65);
  });

  it('places one demo account for every role, in the unit it names', () => {
    const placed = placeDemoLogins(planDemoCity());
    expect(new Set(placed.map((p) => p.login.role))).toEqual(new Set(ROLES));
    expect(new Set(placed.map((p) => p.login.username)).size).toBe(DEMO_LOGINS.length);
    for (const p of placed) {
      expect(p.login.username).toMatch(/^[a-z0-9_.-]{2,40}$/);
      if (p.login.scopeKind === 'jurisdiction') expect(p.jurisdictionId).not.toBeNull();
      if (p.login.scopeKind === 'unit') expect(p.unitId).not.toBeNull();
      if (p.login.person) {
        expect(p.person).not.toBeNull();
        expect(p.person?.rank).toBe('staff_member');
        if (p.login.person.position) expect(p.person?.position).toBe(p.login.person.position);
      } else expect(p.person).toBeNull();
    }
    expect(new Set(placed.flatMap((p) => (p.person ? [p.person.id] : []))).size).toBe(
      placed.filter((p) => p.person).length,
    );
  });

  it('prints the logins as an aligned table', () => {
    const lines = formatDemoLogins();
    expect(lines).toHaveLength(DEMO_LOGINS.length + 3);
    expect(lines[0]).toContain('demo');
    expect(lines.find((l) => l.trim().startsWith('admin '))).toContain('机关事务局管理员');
  });
});

describe('demo helpers', () => {
  it('the generator is seeded and stays in range', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 100 }, () => a.int(3, 9));
    expect(xs).toEqual(Array.from({ length: 100 }, () => b.int(3, 9)));
    expect(Math.min(...xs)).toBe(3);
    expect(Math.max(...xs)).toBe(9);
    expect(new Rng(43).next()).not.toBe(new Rng(42).next());
  });

  it('names heads by the kind of unit and department', () => {
    expect(institutionHeadTitle('常州市武进区职业教育中心校')).toBe('校长');
    expect(institutionHeadTitle('常州市湖塘社区卫生服务中心')).toBe('主任');
    expect(institutionHeadTitle('常州日报社')).toBe('社长');
    expect(institutionHeadTitle('常州市中心血站')).toBe('站长');
    expect(departmentHeadTitle('内科')).toBe('主任');
    expect(departmentHeadTitle('财务科')).toBe('科长');
    expect(departmentHeadTitle('刑警大队')).toBe('大队长');
    expect(departmentHeadTitle('秘书处')).toBe('处长');
  });
});
