import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../db/schema.ts';
import type { DataScope } from '../access/scope.ts';
import type { Locale } from '../errors.ts';
import { likePattern, parseSort, type PageQuery } from '../http/paging.ts';
import { RANK_CODES, rankLabel } from './ranks.ts';
import { allOf } from './repository.ts';
import type { PersonDto, PersonFilters } from './schemas.ts';
import './tables.ts';
import '../auth/tables.ts';

/** SQL for people. */

function personRows(db: Executor) {
  return db
    .selectFrom('org_person as p')
    .innerJoin('org_unit as u', 'u.id', 'p.unit_id')
    .leftJoin('org_department as d', 'd.id', 'p.department_id')
    .select([
      'p.id',
      'p.unit_id',
      'u.name as unit_name',
      'u.code as unit_code',
      'p.jurisdiction_id',
      'p.department_id',
      'd.name as department_name',
      'p.employee_no',
      'p.name',
      'p.gender',
      'p.rank',
      'p.position',
      'p.phone',
      'p.email',
      'p.status',
      'p.created_at',
      'p.updated_at',
    ]);
}

export type PersonRow = Awaited<ReturnType<ReturnType<typeof personRows>['executeTakeFirstOrThrow']>>;

export function toPersonDto(r: PersonRow, locale: Locale): PersonDto {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitCode: r.unit_code,
    jurisdictionId: r.jurisdiction_id,
    departmentId: r.department_id,
    departmentName: r.department_name ?? null,
    employeeNo: r.employee_no,
    name: r.name,
    gender: r.gender,
    rank: r.rank,
    rankLabel: rankLabel(r.rank, locale),
    position: r.position,
    phone: r.phone,
    email: r.email,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

const rankPosition = sql`array_position(${sql.val([...RANK_CODES])}::text[], p.rank)`;

const PERSON_SORT = {
  employeeNo: 'employee_no',
  name: 'name',
  rank: 'rank',
  status: 'status',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const;

function personConditions(scope: DataScope, f: PersonFilters): Expression<SqlBool> {
  const conds: Expression<SqlBool>[] = [
    scope.where({ jurisdiction: 'p.jurisdiction_id', unit: 'p.unit_id', person: 'p.id' }),
  ];
  if (f.jurisdictionId) conds.push(sql<SqlBool>`p.jurisdiction_id = ${f.jurisdictionId}::uuid`);
  if (f.unitId) conds.push(sql<SqlBool>`p.unit_id = ${f.unitId}::uuid`);
  if (f.departmentId) conds.push(sql<SqlBool>`p.department_id = ${f.departmentId}::uuid`);
  if (f.rank) conds.push(sql<SqlBool>`p.rank = ${f.rank}`);
  if (f.status) conds.push(sql<SqlBool>`p.status = ${f.status}`);
  if (f.q) {
    const pattern = likePattern(f.q);
    conds.push(sql<SqlBool>`(p.name ilike ${pattern} or p.employee_no ilike ${pattern})`);
  }
  return allOf(conds);
}

/** People in scope matching the filters; `page` absent = every matching row (exports). */
export async function findPeople(
  db: Executor,
  scope: DataScope,
  f: PersonFilters,
  locale: Locale,
  page?: PageQuery,
) {
  const where = personConditions(scope, f);
  let q = personRows(db).where(where);
  for (const s of parseSort(f.sort, PERSON_SORT, [
    { column: 'rank', direction: 'asc' },
    { column: 'employee_no', direction: 'asc' },
  ])) {
    // rank sorts by grade (highest first), not alphabetically by code
    q = q.orderBy(s.column === 'rank' ? rankPosition : sql.ref(`p.${s.column}`), s.direction);
  }
  q = q.orderBy('p.id');
  if (page) q = q.limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  const rows = await q.execute();
  let total = rows.length;
  if (page) {
    const c = await db
      .selectFrom('org_person as p')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(where)
      .executeTakeFirstOrThrow();
    total = c.n;
  }
  return { items: rows.map((r) => toPersonDto(r, locale)), total };
}

export async function findPerson(db: Executor, id: string) {
  return personRows(db).where('p.id', '=', id).executeTakeFirst();
}

export async function personRecord(db: Executor, id: string) {
  return db.selectFrom('org_person').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function personIdByEmployeeNo(db: Executor, employeeNo: string) {
  const r = await db
    .selectFrom('org_person')
    .select('id')
    .where('employee_no', '=', employeeNo)
    .executeTakeFirst();
  return r?.id;
}

export async function peopleByEmployeeNo(db: Executor, employeeNos: readonly string[]) {
  if (employeeNos.length === 0) return [];
  return db
    .selectFrom('org_person')
    .selectAll()
    .where(sql<SqlBool>`employee_no = any(${sql.val(employeeNos)}::text[])`)
    .execute();
}

export async function personUsage(db: Executor, id: string) {
  const r = await db
    .selectFrom('auth_account')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('person_id', '=', id)
    .executeTakeFirstOrThrow();
  return { accounts: r.n };
}
