import { Rng } from '../../../kernel/demo/random.ts';
import { JURISDICTIONS, type JurisdictionKey } from '../../../kernel/demo/catalogue.ts';
import type { Demonstration, EnergyType, InstitutionKind, PointKind, SubItem } from '../tables.ts';

/**
 * The demo registry as plain data: 760 public institutions (the organisation's 357 units plus 403
 * township and community ones), their buildings and 5,973 metering points — electricity main meters
 * with 分项 sub-meters, water, gas for canteens and kitchens, heat for hospitals, virtual "public and
 * unallocated" meters and offline water meters typed in monthly.
 */

export const DEMO_INSTITUTIONS = 760;
export const DEMO_POINTS = 5973;
const EXTRA_BY_JURISDICTION: Record<JurisdictionKey, number> = {
  CZ: 60,
  WJ: 110,
  XB: 80,
  TN: 55,
  ZL: 55,
  JK: 43,
};

/** approximate centres and spreads (WGS-84) of the districts' built-up areas */
export const DISTRICT_AREAS: Record<
  JurisdictionKey,
  { lon: number; lat: number; dLon: number; dLat: number }
> = {
  CZ: { lon: 119.962, lat: 31.795, dLon: 0.035, dLat: 0.03 },
  WJ: { lon: 119.93, lat: 31.66, dLon: 0.14, dLat: 0.07 },
  XB: { lon: 119.96, lat: 31.88, dLon: 0.09, dLat: 0.05 },
  TN: { lon: 120.0, lat: 31.79, dLon: 0.04, dLat: 0.03 },
  ZL: { lon: 119.9, lat: 31.78, dLon: 0.04, dLat: 0.03 },
  JK: { lon: 120.1, lat: 31.75, dLon: 0.05, dLat: 0.04 },
};

export interface OrgUnitForSeed {
  id: string;
  name: string;
  kind: 'organ' | 'institution';
  jurisdictionId: string;
  jurisdictionKey: JurisdictionKey;
  address: string | null;
  headcount: number;
}

export interface SeedInstitution {
  id: string;
  code: string;
  name: string;
  jurisdiction_id: string;
  unit_id: string | null;
  kind: InstitutionKind;
  address: string | null;
  lon: number;
  lat: number;
  occupants: number;
  demonstration: Demonstration | null;
}
export interface SeedBuilding {
  id: string;
  institution_id: string;
  name: string;
  floor_area: number;
  occupants: number;
  built_year: number;
}
export interface SeedPoint {
  id: string;
  code: string;
  name: string;
  institution_id: string;
  jurisdiction_id: string;
  building_id: string | null;
  energy_type: EnergyType;
  sub_item: SubItem | null;
  parent_id: string | null;
  kind: PointKind;
  formula: string | null;
  unit: 'kWh' | 'm3' | 'GJ';
  interval_minutes: number;
  installed_at: Date;
}
export interface SeedQuota {
  institution_id: string;
  jurisdiction_id: string;
  year: number;
  total_kgce: number;
  electricity_kwh: number;
  water_m3: number;
}
export interface RegistryPlan {
  institutions: SeedInstitution[];
  buildings: SeedBuilding[];
  points: SeedPoint[];
  quotas: SeedQuota[];
}

export function kindOfName(name: string, orgKind: 'organ' | 'institution'): InstitutionKind {
  if (/(中学|小学|学校|幼儿园|大学|学院|学堂)/.test(name)) return 'school';
  if (/(医院|卫生|疾病|血站|妇幼|急救)/.test(name)) return 'hospital';
  if (/(体育|图书馆|博物馆|文化馆|美术馆|科技馆|大剧院|会展|纪念馆|文化站|文体)/.test(name)) return 'venue';
  return orgKind === 'organ' ? 'organ' : 'institution';
}

const TOWN_TEMPLATES: readonly [string, 'organ' | 'institution'][] = [
  ['{t}镇人民政府', 'organ'],
  ['{t}社区卫生服务中心', 'institution'],
  ['{t}中心小学', 'institution'],
  ['{t}初级中学', 'institution'],
  ['{t}中心幼儿园', 'institution'],
  ['{t}文化体育站', 'institution'],
  ['{t}便民服务中心', 'institution'],
  ['{t}派出所', 'organ'],
  ['{t}农业技术推广站', 'institution'],
  ['{t}敬老院', 'institution'],
  ['{t}实验小学', 'institution'],
  ['{t}综合执法局', 'organ'],
  ['{t}水利站', 'institution'],
];
const STREET_TEMPLATES: readonly [string, 'organ' | 'institution'][] = [
  ['{t}社区卫生服务站', 'institution'],
  ['{t}社区党群服务中心', 'institution'],
  ['{t}街道办事处', 'organ'],
  ['{t}小学', 'institution'],
  ['{t}幼儿园', 'institution'],
  ['{t}文体中心', 'institution'],
];

type Uuid = () => string;

function extraInstitutionNames(
  key: JurisdictionKey,
  rng: Rng,
  count: number,
): { name: string; kind: 'organ' | 'institution' }[] {
  const spec = JURISDICTIONS.find((j) => j.key === key)!;
  const places = spec.towns.length > 0 ? spec.towns : spec.streets;
  const combos: { name: string; kind: 'organ' | 'institution' }[] = [];
  for (const [tpl, kind] of TOWN_TEMPLATES) {
    for (const t of places) combos.push({ name: spec.prefix + tpl.replace('{t}', t), kind });
  }
  for (const [tpl, kind] of STREET_TEMPLATES) {
    for (const t of spec.streets)
      combos.push({ name: spec.prefix + tpl.replace('{t}', t.replace(/(路|街|大道|大街)$/, '')), kind });
  }
  const unique = [...new Map(combos.map((c) => [c.name, c])).values()];
  for (let i = unique.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [unique[i], unique[j]] = [unique[j]!, unique[i]!];
  }
  if (unique.length < count) throw new Error(`not enough demo institution names for ${key}`);
  return unique.slice(0, count);
}

/** m² of building per person (the national 2020 baseline works out at about 18 m² per person for offices) */
const AREA_PER_PERSON: Record<InstitutionKind, [number, number]> = {
  organ: [18, 30],
  institution: [16, 28],
  school: [150, 320],
  hospital: [60, 110],
  venue: [120, 400],
  other: [16, 26],
};

const round2 = (x: number) => Math.round(x * 100) / 100;

export function planRegistry(
  units: readonly OrgUnitForSeed[],
  jurisdictionIds: Record<JurisdictionKey, string>,
  uuid: Uuid,
  seed = 20261125,
): RegistryPlan {
  const rng = new Rng(seed);
  const institutions: SeedInstitution[] = [];
  const place = (key: JurisdictionKey) => {
    const a = DISTRICT_AREAS[key];
    return {
      lon: Math.round((a.lon + (rng.next() * 2 - 1) * a.dLon) * 1e5) / 1e5,
      lat: Math.round((a.lat + (rng.next() * 2 - 1) * a.dLat) * 1e5) / 1e5,
    };
  };
  const sortedUnits = [...units].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  for (const u of sortedUnits) {
    institutions.push({
      id: uuid(),
      code: '',
      name: u.name,
      jurisdiction_id: u.jurisdictionId,
      unit_id: u.id,
      kind: kindOfName(u.name, u.kind),
      address: u.address,
      ...place(u.jurisdictionKey),
      occupants: Math.max(5, u.headcount),
      demonstration: null,
    });
  }
  const extraTotal = DEMO_INSTITUTIONS - institutions.length;
  const extras = Object.entries(EXTRA_BY_JURISDICTION) as [JurisdictionKey, number][];
  const planned = extras.reduce((a, [, n]) => a + n, 0);
  for (const [key, n0] of extras) {
    // keep the total at 760 whatever the organisation's size
    const n = key === 'CZ' ? n0 + (extraTotal - planned) : n0;
    if (n <= 0) continue;
    for (const e of extraInstitutionNames(key, rng, n)) {
      const kind = kindOfName(e.name, e.kind);
      institutions.push({
        id: uuid(),
        code: '',
        name: e.name,
        jurisdiction_id: jurisdictionIds[key],
        unit_id: null,
        kind,
        address: null,
        ...place(key),
        occupants:
          kind === 'school' ? rng.int(25, 70) : kind === 'hospital' ? rng.int(40, 160) : rng.int(12, 60),
        demonstration: null,
      });
    }
  }
  institutions.forEach((inst, i) => (inst.code = `EN${String(i + 1).padStart(4, '0')}`));

  // demonstration units: the bureau and the largest organs and institutions
  const byName = (re: RegExp) => institutions.filter((i) => re.test(i.name));
  const national = [
    ...byName(/^常州市机关事务管理局$/),
    ...byName(/^常州市人民政府办公室$/),
    ...byName(/^常州市第一人民医院$|^常州市武进区人民医院$/),
    ...byName(/^江苏省常州高级中学$/),
  ];
  const rest = institutions
    .filter((i) => i.unit_id && !national.includes(i))
    .sort((a, b) => b.occupants - a.occupants || a.code.localeCompare(b.code));
  while (national.length < 4) national.push(rest.shift()!);
  national.slice(0, 4).forEach((i) => (i.demonstration = 'national'));
  rest
    .filter((i) => !i.demonstration)
    .slice(0, 12)
    .forEach((i) => (i.demonstration = 'provincial'));

  const buildings: SeedBuilding[] = [];
  const points: SeedPoint[] = [];
  const quotas: SeedQuota[] = [];
  const mainBuilding: Record<InstitutionKind, string> = {
    organ: '办公楼',
    institution: '综合楼',
    school: '教学楼',
    hospital: '门诊楼',
    venue: '主馆',
    other: '主楼',
  };
  const secondBuilding: Record<InstitutionKind, string> = {
    organ: '附楼',
    institution: '业务楼',
    school: '综合楼',
    hospital: '住院楼',
    venue: '附属楼',
    other: '附楼',
  };
  const installed = (y: number) => new Date(Date.UTC(y, rng.int(0, 11), rng.int(1, 28)));
  const lighting = new Map<string, SeedPoint>();
  for (const inst of institutions) {
    const [lo, hi] = AREA_PER_PERSON[inst.kind];
    const area = round2(inst.occupants * (lo + rng.next() * (hi - lo)) + 150);
    const two = inst.kind === 'hospital' || inst.kind === 'school' || area > 6000 || rng.chance(0.25);
    const parts = two ? [0.65, 0.35] : [1];
    const bs = parts.map((share, k) => ({
      id: uuid(),
      institution_id: inst.id,
      name: k === 0 ? mainBuilding[inst.kind] : secondBuilding[inst.kind],
      floor_area: round2(area * share),
      occupants: Math.round(inst.occupants * share),
      built_year: rng.int(1992, 2021),
    }));
    buildings.push(...bs);
    const b0 = bs[0]!.id;
    const base = { institution_id: inst.id, jurisdiction_id: inst.jurisdiction_id, interval_minutes: 15 };
    const add = (
      suffix: string,
      name: string,
      energy: EnergyType,
      extra: Partial<SeedPoint> = {},
    ): SeedPoint => {
      const p: SeedPoint = {
        ...base,
        id: uuid(),
        code: `${inst.code}.${suffix}`,
        name,
        building_id: b0,
        energy_type: energy,
        sub_item: null,
        parent_id: null,
        kind: 'metered',
        formula: null,
        unit: energy === 'electricity' ? 'kWh' : energy === 'heat' ? 'GJ' : 'm3',
        installed_at: installed(rng.int(2019, 2024)),
        ...extra,
      };
      points.push(p);
      return p;
    };
    const main = add('E00', '电总表', 'electricity');
    const sub = (suffix: string, name: string, item: SubItem, building = b0) =>
      add(suffix, name, 'electricity', { sub_item: item, parent_id: main.id, building_id: building });
    const e1 = sub('E01', '照明插座用电', 'lighting_sockets');
    lighting.set(inst.id, e1);
    const e2 = sub('E02', '空调用电', 'hvac');
    const e3 = sub('E03', '动力用电', 'power');
    if (inst.kind === 'hospital' || inst.kind === 'venue' || inst.demonstration || rng.chance(0.08)) {
      sub('E04', inst.kind === 'hospital' ? '医疗设备用电' : '信息机房用电', 'special');
    }
    if (bs[1]) sub('E05', `${bs[1].name}用电`, 'lighting_sockets', bs[1].id);
    if (rng.chance(0.1)) {
      add('V01', '公共及未分项用电', 'electricity', {
        kind: 'virtual',
        formula: `${main.code} - ${e1.code} - ${e2.code} - ${e3.code}`,
        building_id: null,
      });
    }
    const offlineWater = inst.unit_id === null && rng.chance(0.3);
    const w = add('W00', '水总表', 'water', offlineWater ? { kind: 'manual', interval_minutes: 60 } : {});
    if (!offlineWater && (inst.kind === 'hospital' || inst.kind === 'school' || rng.chance(0.15))) {
      add('W01', '食堂用水', 'water', { parent_id: w.id });
    }
    if (
      inst.kind === 'hospital' ||
      inst.kind === 'school' ||
      (inst.kind === 'organ' && rng.chance(0.45)) ||
      rng.chance(0.12)
    ) {
      add('G00', '天然气表', 'gas');
    }
    if (inst.kind === 'hospital' && rng.chance(0.6)) add('H00', '热计量表', 'heat');
    const kgce = area * 17.556;
    for (const year of [2025, 2026]) {
      quotas.push({
        institution_id: inst.id,
        jurisdiction_id: inst.jurisdiction_id,
        year,
        total_kgce: Math.round(kgce * (0.85 + rng.next() * 0.3)),
        electricity_kwh: Math.round((kgce * 0.85) / 0.1229),
        water_m3: Math.round(Math.max(1, inst.occupants) * 20.238 * (0.9 + rng.next() * 0.3)),
      });
    }
  }
  // floor meters (under the lighting sub-meter) of the largest institutions make up the city's 5,973 points
  const largest = [...institutions].sort((a, b) => b.occupants - a.occupants);
  let k = 0;
  const floorNo = new Map<string, number>();
  while (points.length < DEMO_POINTS) {
    const inst = largest[k % Math.min(largest.length, 200)]!;
    k++;
    const parent = lighting.get(inst.id)!;
    const n = (floorNo.get(inst.id) ?? 0) + 1;
    floorNo.set(inst.id, n);
    points.push({
      ...parent,
      id: uuid(),
      code: `${inst.code}.F${String(n).padStart(2, '0')}`,
      name: `${n}层照明插座分表`,
      sub_item: 'lighting_sockets',
      parent_id: parent.id,
      installed_at: installed(2023),
    });
  }
  if (points.length > DEMO_POINTS)
    throw new Error(`demo plan has ${points.length} points, more than ${DEMO_POINTS}`);
  return { institutions, buildings, points, quotas };
}
