import { sql } from 'kysely';
import type { Executor } from '../../../kernel/db/schema.ts';
import { DataScope } from '../../../kernel/access/scope.ts';
import { likePattern, parseSort } from '../../../kernel/http/paging.ts';
import type { BuildingDto, InstitutionDto, InstitutionQuery, PointDto, PointQuery } from './schemas.ts';
import './tables.ts';

/** SQL of the registry: institutions with their totals, buildings, points. */

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const num = (v: string | number | null) => (v === null ? null : Number(v));

function institutionsBase(db: Executor, scope: DataScope) {
  return db
    .selectFrom('energy_institution as i')
    .innerJoin('org_jurisdiction as j', 'j.id', 'i.jurisdiction_id')
    .leftJoin('org_unit as u', 'u.id', 'i.unit_id')
    .where(scope.where({ jurisdiction: 'i.jurisdiction_id', unit: 'i.unit_id' }));
}

const institutionColumns = [
  'i.id',
  'i.code',
  'i.name',
  'i.jurisdiction_id',
  'j.name as jurisdiction_name',
  'i.unit_id',
  'u.name as unit_name',
  'i.kind',
  'i.address',
  'i.lon',
  'i.lat',
  'i.occupants',
  'i.demonstration',
  'i.updated_at',
  sql<string>`coalesce((select sum(b.floor_area) from energy_building b where b.institution_id = i.id), 0)`.as(
    'floor_area',
  ),
  sql<number>`(select count(*)::int from energy_building b where b.institution_id = i.id)`.as('buildings'),
  sql<number>`(select count(*)::int from energy_point p where p.institution_id = i.id)`.as('points'),
] as const;

type InstitutionRow = {
  id: string;
  code: string;
  name: string;
  jurisdiction_id: string;
  jurisdiction_name: string;
  unit_id: string | null;
  unit_name: string | null;
  kind: InstitutionDto['kind'];
  address: string | null;
  lon: number | null;
  lat: number | null;
  occupants: number;
  demonstration: InstitutionDto['demonstration'];
  updated_at: Date;
  floor_area: string;
  buildings: number;
  points: number;
};

function toInstitution(r: InstitutionRow): InstitutionDto {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionName: r.jurisdiction_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    kind: r.kind,
    address: r.address,
    lon: r.lon,
    lat: r.lat,
    occupants: r.occupants,
    demonstration: r.demonstration,
    floorArea: Number(r.floor_area),
    buildings: r.buildings,
    points: r.points,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function findInstitutions(
  db: Executor,
  scope: DataScope,
  f: Partial<InstitutionQuery>,
  paging?: { page: number; pageSize: number },
): Promise<{ items: InstitutionDto[]; total: number }> {
  let q = institutionsBase(db, scope);
  if (f.jurisdictionId) q = q.where('i.jurisdiction_id', '=', f.jurisdictionId);
  if (f.kind) q = q.where('i.kind', '=', f.kind);
  if (f.demonstration === 'any') q = q.where('i.demonstration', 'is not', null);
  else if (f.demonstration) q = q.where('i.demonstration', '=', f.demonstration);
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) => eb.or([eb('i.name', 'ilike', like), eb('i.code', 'ilike', like)]));
  }
  const total = (await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst())?.n ?? 0;
  const sorts = parseSort(f.sort, { code: 'i.code', name: 'i.name', occupants: 'i.occupants' } as const, [
    { column: 'i.code', direction: 'asc' },
  ]);
  let list = q.select([...institutionColumns]);
  for (const s of sorts) list = list.orderBy(s.column, s.direction);
  list = list.orderBy('i.id');
  if (paging) list = list.limit(paging.pageSize).offset((paging.page - 1) * paging.pageSize);
  const rows = (await list.execute()) as InstitutionRow[];
  return { items: rows.map(toInstitution), total };
}

export async function findInstitution(db: Executor, id: string): Promise<InstitutionDto | undefined> {
  const row = (await institutionsBase(db, DataScope.everything())
    .select([...institutionColumns])
    .where('i.id', '=', id)
    .executeTakeFirst()) as InstitutionRow | undefined;
  return row && toInstitution(row);
}

export async function institutionRecord(db: Executor, id: string) {
  return db.selectFrom('energy_institution').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listBuildings(db: Executor, institutionId: string): Promise<BuildingDto[]> {
  const rows = await db
    .selectFrom('energy_building')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .orderBy('name')
    .execute();
  return rows.map(toBuilding);
}

export function toBuilding(r: {
  id: string;
  institution_id: string;
  name: string;
  floor_area: string | number;
  occupants: number;
  built_year: number | null;
}): BuildingDto {
  return {
    id: r.id,
    institutionId: r.institution_id,
    name: r.name,
    floorArea: Number(r.floor_area),
    occupants: r.occupants,
    builtYear: r.built_year,
  };
}

function pointsBase(db: Executor, scope: DataScope) {
  return db
    .selectFrom('energy_point as p')
    .innerJoin('energy_institution as i', 'i.id', 'p.institution_id')
    .leftJoin('energy_building as b', 'b.id', 'p.building_id')
    .leftJoin('energy_point as pp', 'pp.id', 'p.parent_id')
    .where(scope.where({ jurisdiction: 'p.jurisdiction_id', unit: 'i.unit_id' }));
}

const pointColumns = [
  'p.id',
  'p.code',
  'p.name',
  'p.institution_id',
  'i.code as institution_code',
  'i.name as institution_name',
  'p.jurisdiction_id',
  'p.building_id',
  'b.name as building_name',
  'p.energy_type',
  'p.sub_item',
  'p.parent_id',
  'pp.code as parent_code',
  'p.kind',
  'p.formula',
  'p.unit',
  'p.multiplier',
  'p.register_max',
  'p.interval_minutes',
  'p.active',
  'p.installed_at',
] as const;

type PointRow = {
  id: string;
  code: string;
  name: string;
  institution_id: string;
  institution_code: string;
  institution_name: string;
  jurisdiction_id: string;
  building_id: string | null;
  building_name: string | null;
  energy_type: PointDto['energyType'];
  sub_item: PointDto['subItem'];
  parent_id: string | null;
  parent_code: string | null;
  kind: PointDto['kind'];
  formula: string | null;
  unit: PointDto['unit'];
  multiplier: string | number;
  register_max: string | number | null;
  interval_minutes: number;
  active: boolean;
  installed_at: Date | null;
};

function toPoint(r: PointRow): PointDto {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    institutionId: r.institution_id,
    institutionCode: r.institution_code,
    institutionName: r.institution_name,
    jurisdictionId: r.jurisdiction_id,
    buildingId: r.building_id,
    buildingName: r.building_name,
    energyType: r.energy_type,
    subItem: r.sub_item,
    parentId: r.parent_id,
    parentCode: r.parent_code,
    kind: r.kind,
    formula: r.formula,
    unit: r.unit,
    multiplier: Number(r.multiplier),
    registerMax: num(r.register_max),
    intervalMinutes: r.interval_minutes,
    active: r.active,
    installedAt: iso(r.installed_at),
  };
}

export async function findPoints(
  db: Executor,
  scope: DataScope,
  f: Partial<PointQuery>,
  paging?: { page: number; pageSize: number },
): Promise<{ items: PointDto[]; total: number }> {
  let q = pointsBase(db, scope);
  if (f.institutionId) q = q.where('p.institution_id', '=', f.institutionId);
  if (f.jurisdictionId) q = q.where('p.jurisdiction_id', '=', f.jurisdictionId);
  if (f.energyType) q = q.where('p.energy_type', '=', f.energyType);
  if (f.kind) q = q.where('p.kind', '=', f.kind);
  if (f.active) q = q.where('p.active', '=', f.active === 'true');
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) => eb.or([eb('p.name', 'ilike', like), eb('p.code', 'ilike', like)]));
  }
  const total = (await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst())?.n ?? 0;
  const sorts = parseSort(f.sort, { code: 'p.code', name: 'p.name' } as const, [
    { column: 'p.code', direction: 'asc' },
  ]);
  let list = q.select([...pointColumns]);
  for (const s of sorts) list = list.orderBy(s.column, s.direction);
  list = list.orderBy('p.id');
  if (paging) list = list.limit(paging.pageSize).offset((paging.page - 1) * paging.pageSize);
  return { items: ((await list.execute()) as PointRow[]).map(toPoint), total };
}

export async function findPoint(db: Executor, id: string): Promise<PointDto | undefined> {
  const row = (await pointsBase(db, DataScope.everything())
    .select([...pointColumns])
    .where('p.id', '=', id)
    .executeTakeFirst()) as PointRow | undefined;
  return row && toPoint(row);
}

export async function pointRecord(db: Executor, id: string) {
  return db.selectFrom('energy_point').selectAll().where('id', '=', id).executeTakeFirst();
}
