import crypto from 'node:crypto';
import type { RankCode } from '../org/ranks.ts';
import { JURISDICTIONS, type JurisdictionKey, type JurisdictionSpec } from './catalogue.ts';
import { CITY_ORGANS, districtOrgans, type OrganSpec } from './organs.ts';
import { INSTITUTION_TYPES, institutionsOf, type InstitutionType } from './institutions.ts';
import { mobile, personName, type Gender } from './names.ts';
import { Rng } from './random.ts';
import { departmentHeadTitle, deputyTitle, institutionHeadTitle } from './titles.ts';

/**
 * The demo city as plain data, before it touches a database: every name, code and rank comes from a
 * seeded generator, so the same seed plans the same city. Ids are fresh UUIDs (they appear in URLs
 * and must not be guessable); codes, names and employee numbers are the stable identity.
 */
export const DEMO_SEED = 20200701;

export interface PlannedJurisdiction {
  id: string;
  key: JurisdictionKey;
  code: string;
  name: string;
  kind: 'city' | 'district';
  parentId: string | null;
  sort: number;
}

export interface PlannedUnit {
  id: string;
  /** `CZ:bureau` for an organ, `WJ:常州市武进区人民医院` for an institution */
  key: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: 'organ' | 'institution';
  level: 'city' | 'district';
  jurisdictionId: string;
  parentId: string | null;
  establishment: number;
  address: string;
  sort: number;
}

export interface PlannedDepartment {
  id: string;
  unitId: string;
  jurisdictionId: string;
  name: string;
  sort: number;
}

export interface PlannedPerson {
  id: string;
  unitId: string;
  jurisdictionId: string;
  departmentId: string | null;
  employeeNo: string;
  name: string;
  gender: Gender;
  rank: RankCode;
  position: string;
  phone: string;
}

export interface DemoPlan {
  jurisdictions: PlannedJurisdiction[];
  units: PlannedUnit[];
  departments: PlannedDepartment[];
  people: PlannedPerson[];
}

interface RankProfile {
  head: RankCode;
  deputy: RankCode;
  departmentHead: RankCode;
  departmentDeputy: RankCode;
}

// Ranks by the level of the unit (see org/ranks.ts): a city organ's 局长 is 正处 and its 处长 正科;
// a district organ's 局长 is 正科 and its 科长 below 科级; institutions sit one step lower.
const PROFILES = {
  citySenior: {
    head: 'bureau_deputy',
    deputy: 'division_principal',
    departmentHead: 'section_principal',
    departmentDeputy: 'section_deputy',
  },
  cityOrgan: {
    head: 'division_principal',
    deputy: 'division_deputy',
    departmentHead: 'section_principal',
    departmentDeputy: 'section_deputy',
  },
  cityLarge: {
    head: 'division_principal',
    deputy: 'division_deputy',
    departmentHead: 'section_principal',
    departmentDeputy: 'section_deputy',
  },
  cityInstitution: {
    head: 'section_principal',
    deputy: 'section_deputy',
    departmentHead: 'staff_member',
    departmentDeputy: 'staff_member',
  },
  districtOrgan: {
    head: 'section_principal',
    deputy: 'section_deputy',
    departmentHead: 'staff_member',
    departmentDeputy: 'staff_member',
  },
  districtLarge: {
    head: 'section_principal',
    deputy: 'section_deputy',
    departmentHead: 'staff_member',
    departmentDeputy: 'staff_member',
  },
  districtInstitution: {
    head: 'section_deputy',
    deputy: 'staff_member',
    departmentHead: 'staff_member',
    departmentDeputy: 'staff_member',
  },
} as const satisfies Record<string, RankProfile>;

// The catalogue's sizes, scaled to a demo of about ten thousand people that seeds in seconds.
const ORGAN_SCALE = 0.75;
const CITY_INSTITUTION_SCALE = 0.8;
const DISTRICT_INSTITUTION_SCALE = 0.65;

const ORGAN_STAFF = ['科员', '科员', '一级科员', '二级科员'];
const ADMIN_DEPARTMENT = /^(办公室|综合|人事|财务|总务|后勤|院办公室)/;
const FEMALE_TITLES = new Set(['护士', '幼儿教师', '保育员', '护理员']);
const MALE_TITLES = new Set(['驾驶员']);

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

class Planner {
  readonly plan: DemoPlan = { jurisdictions: [], units: [], departments: [], people: [] };
  private readonly phones = new Set<string>();
  private readonly employeeSeq = new Map<JurisdictionKey, number>();

  constructor(private readonly seed: number) {}

  /** a generator per named thing: changing one unit of the catalogue leaves the others as they were */
  rng(name: string): Rng {
    return new Rng(this.seed ^ fnv1a(name));
  }

  addJurisdiction(j: JurisdictionSpec, parentId: string | null, sort: number): PlannedJurisdiction {
    const row: PlannedJurisdiction = {
      id: crypto.randomUUID(),
      key: j.key,
      code: j.code,
      name: j.name,
      kind: j.kind,
      parentId,
      sort,
    };
    this.plan.jurisdictions.push(row);
    return row;
  }

  addOrgan(j: JurisdictionSpec, jurisdictionId: string, organ: OrganSpec, index: number): PlannedUnit {
    const rng = this.rng(`${j.code}:${organ.key}`);
    const city = j.kind === 'city';
    const headcount = rng.around(organ.size * ORGAN_SCALE, 0.12);
    const building = city ? `${(index % 8) + 1}号楼` : '';
    const unit = this.addUnit(rng, {
      key: `${j.key}:${organ.key}`,
      code: `${j.code}-O${String(index + 1).padStart(2, '0')}`,
      name: organ.name,
      shortName: organ.shortName,
      kind: 'organ',
      level: city ? 'city' : 'district',
      jurisdictionId,
      parentId: null,
      address: `${j.centre}${building}`,
      sort: index + 1,
      headcount,
    });
    const suffix = city ? '处' : '科';
    const common = ['办公室', `综合${suffix}`, `人事${suffix}`, `财务${suffix}`].filter(
      (d) => !(d === '办公室' && organ.name.endsWith('办公室')),
    );
    const profile = city ? (organ.senior ? PROFILES.citySenior : PROFILES.cityOrgan) : PROFILES.districtOrgan;
    this.staff(rng, j, unit, headcount, {
      profile,
      headTitle: organ.head,
      departments: [...new Set([...common, ...organ.departments])],
      staffTitles: ORGAN_STAFF,
      femaleShare: 0.45,
    });
    return unit;
  }

  addInstitution(
    j: JurisdictionSpec,
    jurisdictionId: string,
    spec: { name: string; type: InstitutionType; parentId: string | null },
    index: number,
  ): PlannedUnit {
    const rng = this.rng(`${j.code}:${spec.name}`);
    const type = INSTITUTION_TYPES[spec.type];
    const city = j.kind === 'city';
    const scale = city ? CITY_INSTITUTION_SCALE : DISTRICT_INSTITUTION_SCALE;
    const headcount = Math.max(8, Math.round(rng.int(type.size[0], type.size[1]) * scale));
    const unit = this.addUnit(rng, {
      key: `${j.key}:${spec.name}`,
      code: `${j.code}-I${String(index + 1).padStart(3, '0')}`,
      name: spec.name,
      shortName: null,
      kind: 'institution',
      level: city ? 'city' : 'district',
      jurisdictionId,
      parentId: spec.parentId,
      address: `${j.prefix}${rng.pick(j.streets)}${rng.int(1, 399)}号`,
      sort: 100 + index + 1,
      headcount,
    });
    const profile = city
      ? type.large
        ? PROFILES.cityLarge
        : PROFILES.cityInstitution
      : type.large
        ? PROFILES.districtLarge
        : PROFILES.districtInstitution;
    const femaleShare = ['kindergarten', 'primary_school', 'hospital', 'health_centre', 'welfare'].includes(
      spec.type,
    )
      ? 0.68
      : 0.5;
    this.staff(rng, j, unit, headcount, {
      profile,
      headTitle: institutionHeadTitle(spec.name),
      departments: type.departments,
      staffTitles: type.staff,
      femaleShare,
    });
    return unit;
  }

  private addUnit(
    rng: Rng,
    u: Omit<PlannedUnit, 'id' | 'establishment'> & { headcount: number },
  ): PlannedUnit {
    const { headcount, ...rest } = u;
    // a unit rarely fills its establishment: a few posts stay vacant
    const unit: PlannedUnit = {
      ...rest,
      id: crypto.randomUUID(),
      establishment: headcount + Math.floor(headcount * rng.next() * 0.12),
    };
    this.plan.units.push(unit);
    return unit;
  }

  /** Leaders, then each department's head, deputy and staff, adding up to `headcount` people. */
  private staff(
    rng: Rng,
    j: JurisdictionSpec,
    unit: PlannedUnit,
    headcount: number,
    o: {
      profile: RankProfile;
      headTitle: string;
      departments: readonly string[];
      staffTitles: readonly string[];
      femaleShare: number;
    },
  ): void {
    const deputies = Math.min(4, Math.max(1, Math.round(headcount / 25)));
    this.person(rng, j, unit, null, o.profile.head, o.headTitle, 0.25);
    for (let i = 0; i < deputies; i++) {
      this.person(rng, j, unit, null, o.profile.deputy, deputyTitle(o.headTitle), 0.35);
    }
    const rest = headcount - 1 - deputies;
    const names = o.departments.slice(0, Math.max(1, Math.min(o.departments.length, Math.floor(rest / 3))));
    const sizes = this.share(
      rng,
      rest,
      names.map((name) => (ADMIN_DEPARTMENT.test(name) ? 1 : 2)),
    );
    names.forEach((name, i) => {
      const dept: PlannedDepartment = {
        id: crypto.randomUUID(),
        unitId: unit.id,
        jurisdictionId: unit.jurisdictionId,
        name,
        sort: i + 1,
      };
      this.plan.departments.push(dept);
      const size = sizes[i] ?? 0;
      const title = departmentHeadTitle(name);
      const business = !ADMIN_DEPARTMENT.test(name);
      for (let k = 0; k < size; k++) {
        if (k === 0) this.person(rng, j, unit, dept.id, o.profile.departmentHead, title, 0.4);
        else if (k === 1 && size >= 7) {
          this.person(rng, j, unit, dept.id, o.profile.departmentDeputy, deputyTitle(title), 0.45);
        } else {
          const position =
            name === '护理部'
              ? '护士'
              : business || o.staffTitles === ORGAN_STAFF
                ? rng.pick(o.staffTitles)
                : '工作人员';
          const female = FEMALE_TITLES.has(position)
            ? 0.92
            : MALE_TITLES.has(position)
              ? 0.05
              : o.femaleShare;
          this.person(rng, j, unit, dept.id, 'staff_member', position, female);
        }
      }
    });
  }

  /** splits `total` into parts by weight (with some scatter), each part at least 2 */
  private share(rng: Rng, total: number, weights: number[]): number[] {
    const w = weights.map((x) => x * (0.75 + rng.next() * 0.5));
    const sum = w.reduce((a, b) => a + b, 0);
    const min = Math.min(2, Math.floor(total / weights.length));
    const free = total - min * weights.length;
    const parts = w.map((x) => min + Math.floor((free * x) / sum));
    let left = total - parts.reduce((a, b) => a + b, 0);
    for (let i = 0; left > 0; i = (i + 1) % parts.length, left--) parts[i] = (parts[i] ?? 0) + 1;
    return parts;
  }

  private person(
    rng: Rng,
    j: JurisdictionSpec,
    unit: PlannedUnit,
    departmentId: string | null,
    rank: RankCode,
    position: string,
    femaleShare: number,
  ): void {
    const gender: Gender = rng.chance(femaleShare) ? 'female' : 'male';
    const seq = (this.employeeSeq.get(j.key) ?? 0) + 1;
    this.employeeSeq.set(j.key, seq);
    this.plan.people.push({
      id: crypto.randomUUID(),
      unitId: unit.id,
      jurisdictionId: unit.jurisdictionId,
      departmentId,
      employeeNo: `${j.division}${String(seq).padStart(5, '0')}`,
      name: personName(rng, gender),
      gender,
      rank,
      position,
      phone: mobile(rng, this.phones),
    });
  }
}

/** Plans the whole demo city: the same seed gives the same codes, names, ranks and numbers. */
export function planDemoCity(seed: number = DEMO_SEED): DemoPlan {
  const p = new Planner(seed);
  let cityId: string | null = null;
  JURISDICTIONS.forEach((j, ji) => {
    const jur = p.addJurisdiction(j, j.kind === 'city' ? null : cityId, ji + 1);
    if (j.kind === 'city') cityId = jur.id;
    const organs = j.kind === 'city' ? CITY_ORGANS : districtOrgans(j);
    const organIds = new Map<string, string>();
    organs.forEach((organ, i) => organIds.set(organ.key, p.addOrgan(j, jur.id, organ, i).id));
    institutionsOf(j).forEach((inst, i) => {
      const parentId = inst.parent.map((k) => organIds.get(k)).find((id) => id !== undefined) ?? null;
      p.addInstitution(j, jur.id, { name: inst.name, type: inst.type, parentId }, i);
    });
  });
  return p.plan;
}
