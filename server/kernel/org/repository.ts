import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../db/schema.ts';
import type { DataScope } from '../access/scope.ts';
import { likePattern, parseSort, type PageQuery } from '../http/paging.ts';
import type { UnitDto, UnitFilters } from './schemas.ts';
import './tables.ts';

/** SQL for jurisdictions, units and departments. People live in people-repository.ts. */

export function allOf(conds: Expression<SqlBool>[]): Expression<SqlBool> {
  return conds.length === 0 ? sql<SqlBool>`true` : sql<SqlBool>`(${sql.join(conds, sql` and `)})`;
}

export async function listJurisdictions(db: Executor) {
  return db
    .selectFrom('org_jurisdiction')
    .select(['id', 'code', 'name', 'kind', 'parent_id as parentId'])
    .orderBy('sort')
    .orderBy('code')
    .execute();
}

export async function jurisdictionsByCodeOrName(db: Executor) {
  return db.selectFrom('org_jurisdiction').select(['id', 'code', 'name']).execute();
}

const headcount = sql<number>`(select count(*)::int from org_person hp
  where hp.unit_id = u.id and hp.status = 'active')`;

function unitRows(db: Executor) {
  return db
    .selectFrom('org_unit as u')
    .innerJoin('org_jurisdiction as j', 'j.id', 'u.jurisdiction_id')
    .leftJoin('org_unit as pu', 'pu.id', 'u.parent_id')
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.short_name',
      'u.kind',
      'u.level',
      'u.jurisdiction_id',
      'j.name as jurisdiction_name',
      'u.parent_id',
      'pu.name as parent_name',
      'pu.code as parent_code',
      'u.establishment',
      'u.address',
      'u.sort',
      'u.created_at',
      'u.updated_at',
      headcount.as('headcount'),
    ]);
}

type UnitRow = Awaited<ReturnType<ReturnType<typeof unitRows>['executeTakeFirstOrThrow']>>;

export function toUnitDto(r: UnitRow): UnitDto {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind,
    level: r.level,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionName: r.jurisdiction_name,
    parentId: r.parent_id,
    parentName: r.parent_name ?? null,
    parentCode: r.parent_code ?? null,
    establishment: r.establishment,
    address: r.address,
    sort: r.sort,
    headcount: r.headcount,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

const UNIT_SORT = {
  code: 'u.code',
  name: 'u.name',
  sort: 'u.sort',
  establishment: 'u.establishment',
  createdAt: 'u.created_at',
  updatedAt: 'u.updated_at',
} as const;

function unitConditions(scope: DataScope, f: UnitFilters): Expression<SqlBool> {
  const conds: Expression<SqlBool>[] = [scope.where({ jurisdiction: 'u.jurisdiction_id', unit: 'u.id' })];
  if (f.jurisdictionId) conds.push(sql<SqlBool>`u.jurisdiction_id = ${f.jurisdictionId}::uuid`);
  if (f.kind) conds.push(sql<SqlBool>`u.kind = ${f.kind}`);
  if (f.level) conds.push(sql<SqlBool>`u.level = ${f.level}`);
  if (f.parentId) conds.push(sql<SqlBool>`u.parent_id = ${f.parentId}::uuid`);
  if (f.q) {
    const p = likePattern(f.q);
    conds.push(sql<SqlBool>`(u.name ilike ${p} or u.short_name ilike ${p} or u.code ilike ${p})`);
  }
  return allOf(conds);
}

/** Units in scope matching the filters; `page` absent = every matching row (exports). */
export async function findUnits(db: Executor, scope: DataScope, f: UnitFilters, page?: PageQuery) {
  const where = unitConditions(scope, f);
  let q = unitRows(db).where(where);
  for (const s of parseSort(f.sort, UNIT_SORT, [
    { column: 'u.sort', direction: 'asc' },
    { column: 'u.code', direction: 'asc' },
  ])) {
    q = q.orderBy(sql.ref(s.column), s.direction);
  }
  q = q.orderBy('u.id');
  if (page) q = q.limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  const rows = await q.execute();
  let total = rows.length;
  if (page) {
    const c = await db
      .selectFrom('org_unit as u')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(where)
      .executeTakeFirstOrThrow();
    total = c.n;
  }
  return { items: rows.map(toUnitDto), total };
}

export async function findUnit(db: Executor, id: string) {
  const row = await unitRows(db).where('u.id', '=', id).executeTakeFirst();
  return row && toUnitDto(row);
}

export async function unitsByCode(db: Executor, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('org_unit')
    .selectAll()
    .where(sql<SqlBool>`code = any(${sql.val(codes)}::text[])`)
    .execute();
}

export async function unitRecord(db: Executor, id: string) {
  return db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What still hangs on a unit: a unit is deleted only when all three are zero. */
export async function unitUsage(db: Executor, id: string) {
  const r = await sql<{ people: number; departments: number; children: number }>`select
      (select count(*)::int from org_person where unit_id = ${id}::uuid) as people,
      (select count(*)::int from org_department where unit_id = ${id}::uuid) as departments,
      (select count(*)::int from org_unit where parent_id = ${id}::uuid) as children`.execute(db);
  return r.rows[0] ?? { people: 0, departments: 0, children: 0 };
}

/** Ids of `unitId`'s ancestors, nearest first (the chain above a prospective parent). */
export async function ancestorIds(db: Executor, unitId: string): Promise<string[]> {
  const r = await sql<{ id: string }>`with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from org_unit where id = ${unitId}::uuid
      union all
      select u.id, u.parent_id, up.depth + 1 from org_unit u join up on u.id = up.parent_id where up.depth < 100
    ) select id from up order by depth`.execute(db);
  return r.rows.map((x) => x.id);
}

export async function treeUnits(db: Executor, scope: DataScope) {
  return db
    .selectFrom('org_unit as u')
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.short_name as shortName',
      'u.kind',
      'u.level',
      'u.jurisdiction_id as jurisdictionId',
      'u.parent_id as parentId',
      'u.establishment',
      headcount.as('headcount'),
    ])
    .where(scope.where({ jurisdiction: 'u.jurisdiction_id', unit: 'u.id' }))
    .orderBy('u.jurisdiction_id')
    .orderBy('u.sort')
    .orderBy('u.code')
    .execute();
}

export async function listDepartments(db: Executor, unitId: string) {
  return db
    .selectFrom('org_department as d')
    .select([
      'd.id',
      'd.unit_id as unitId',
      'd.name',
      'd.sort',
      sql<number>`(select count(*)::int from org_person p
        where p.department_id = d.id and p.status = 'active')`.as('headcount'),
    ])
    .where('d.unit_id', '=', unitId)
    .orderBy('d.sort')
    .orderBy('d.name')
    .execute();
}

export async function departmentRecord(db: Executor, id: string) {
  return db.selectFrom('org_department').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function departmentsOfUnits(db: Executor, unitIds: readonly string[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('org_department')
    .selectAll()
    .where(sql<SqlBool>`unit_id = any(${sql.val(unitIds)}::uuid[])`)
    .execute();
}
