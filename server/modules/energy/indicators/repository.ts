import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../../kernel/db/schema.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import type { EnergyType } from './calc.ts';
import '../registry/tables.ts';

/**
 * SQL of the indicators, all from the rollups. An institution's consumption of an energy type is the
 * sum of its top-level points (no main meter above them): metered points from energy_rollup_month,
 * offline points from their monthly entries. Virtual meters are views, never added in.
 */

export interface Filters {
  jurisdictionId?: string;
  institutionId?: string;
  demonstration?: 'national' | 'provincial' | 'any';
}

export interface AmountRow {
  institution_id: string | null;
  month: string | null;
  energy_type: EnergyType;
  metered: number;
  manual: number;
}

export function scopeAndFilters(scope: DataScope, f: Filters): Expression<SqlBool> {
  const parts = [scope.where({ jurisdiction: 'i.jurisdiction_id', unit: 'i.unit_id' })];
  if (f.jurisdictionId) parts.push(sql<SqlBool>`i.jurisdiction_id = ${f.jurisdictionId}::uuid`);
  if (f.institutionId) parts.push(sql<SqlBool>`i.id = ${f.institutionId}::uuid`);
  if (f.demonstration === 'any') parts.push(sql<SqlBool>`i.demonstration is not null`);
  else if (f.demonstration) parts.push(sql<SqlBool>`i.demonstration = ${f.demonstration}`);
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

export const monthDate = (m: string) => `${m}-01`;
const monthText = (col: string) => sql.raw(`to_char(${col}, 'YYYY-MM')`);

/**
 * Consumption per energy type over the months `months` (YYYY-MM), grouped by institution and/or month.
 */
export async function amounts(
  db: Executor,
  scope: DataScope,
  f: Filters,
  months: readonly string[],
  group: { institution: boolean; month: boolean },
): Promise<AmountRow[]> {
  if (months.length === 0) return [];
  const list = sql.join(months.map((m) => sql`${monthDate(m)}::date`));
  const inst = group.institution ? sql`p.institution_id` : sql`null::uuid`;
  const rMonth = group.month ? sql`${monthText('r.month')}` : sql`null::text`;
  const eMonth = group.month ? sql`${monthText('e.month')}` : sql`null::text`;
  const where = scopeAndFilters(scope, f);
  const rows = await sql<AmountRow>`
    select institution_id, month, energy_type, sum(metered)::float8 as metered, sum(manual)::float8 as manual from (
      select ${inst} as institution_id, ${rMonth} as month, p.energy_type, r.consumption as metered, 0 as manual
      from energy_rollup_month r
      join energy_point p on p.id = r.point_id
      join energy_institution i on i.id = p.institution_id
      where r.month in (${list}) and p.parent_id is null and p.kind = 'metered' and ${where}
      union all
      select ${inst}, ${eMonth}, p.energy_type, 0, e.value
      from energy_manual_entry e
      join energy_point p on p.id = e.point_id
      join energy_institution i on i.id = p.institution_id
      where e.month in (${list}) and p.parent_id is null and ${where}
    ) x group by 1, 2, 3`.execute(db);
  return rows.rows.map((r) => ({ ...r, metered: Number(r.metered), manual: Number(r.manual) }));
}

export interface InstitutionFacts {
  id: string;
  code: string;
  name: string;
  jurisdiction_id: string;
  jurisdiction_name: string;
  kind: string;
  lon: number | null;
  lat: number | null;
  occupants: number;
  demonstration: 'national' | 'provincial' | null;
  floor_area: number;
  points: number;
}

/** Institutions in scope with their floor area and number of points. */
export async function institutionFacts(
  db: Executor,
  scope: DataScope,
  f: Filters,
): Promise<InstitutionFacts[]> {
  const rows = await sql<InstitutionFacts>`
    select i.id, i.code, i.name, i.jurisdiction_id, j.name as jurisdiction_name, i.kind, i.lon, i.lat,
      i.occupants, i.demonstration,
      coalesce(b.area, 0)::float8 as floor_area, coalesce(pc.n, 0)::int as points
    from energy_institution i
    join org_jurisdiction j on j.id = i.jurisdiction_id
    left join (select institution_id, sum(floor_area) as area from energy_building group by 1) b on b.institution_id = i.id
    left join (select institution_id, count(*) as n from energy_point group by 1) pc on pc.institution_id = i.id
    where ${scopeAndFilters(scope, f)}
    order by i.code`.execute(db);
  return rows.rows.map((r) => ({ ...r, floor_area: Number(r.floor_area) }));
}

/** Yearly quotas of the institutions in scope. */
export async function quotas(db: Executor, scope: DataScope, f: Filters, year: number) {
  const rows = await sql<{
    institution_id: string;
    total_kgce: number;
    electricity_kwh: number | null;
    water_m3: number | null;
    basis: string;
  }>`
    select q.institution_id, q.total_kgce::float8 as total_kgce, q.electricity_kwh::float8 as electricity_kwh,
      q.water_m3::float8 as water_m3, q.basis
    from energy_quota q join energy_institution i on i.id = q.institution_id
    where q.year = ${year} and ${scopeAndFilters(scope, f)}`.execute(db);
  return new Map(rows.rows.map((r) => [r.institution_id, r]));
}

export type Granularity = 'hour' | 'day' | 'month';

/**
 * Every bucket between from (inclusive) and to (exclusive) as the curves label it: the hours of a day
 * in `timeZone` (23 or 25 where it shifts its clocks), the days of a month, the months of a year.
 */
export async function bucketsOf(
  db: Executor,
  granularity: Granularity,
  from: string,
  to: string,
  timeZone: string,
): Promise<string[]> {
  const q =
    granularity === 'hour'
      ? sql<{ t: string }>`select to_char(h at time zone ${timeZone}::text, 'YYYY-MM-DD"T"HH24:00') as t
          from generate_series(${from}::timestamp at time zone ${timeZone}::text,
            (${to}::timestamp at time zone ${timeZone}::text) - interval '1 hour', interval '1 hour') h`
      : granularity === 'day'
        ? sql<{ t: string }>`select to_char(d, 'YYYY-MM-DD') as t
            from generate_series(${from}::date, ${to}::date - 1, interval '1 day') d`
        : sql<{ t: string }>`select to_char(d, 'YYYY-MM') as t
            from generate_series(${from}::date, ${to}::date - interval '1 month', interval '1 month') d`;
  const rows = await q.execute(db);
  return rows.rows.map((r) => r.t);
}

/**
 * The points' consumption per bucket between from (inclusive) and to (exclusive). Each point comes
 * with its institution: the rollups' keys start with it (one index range per point).
 */
export async function pointSeries(
  db: Executor,
  points: readonly { id: string; institution_id: string }[],
  granularity: Granularity,
  from: string,
  to: string,
  timeZone: string,
): Promise<{ point_id: string; t: string; value: number; estimated: number }[]> {
  if (points.length === 0) return [];
  const ids = sql.val(points.map((p) => p.id));
  const insts = sql.val([...new Set(points.map((p) => p.institution_id))]);
  const q =
    granularity === 'hour'
      ? sql`select point_id, to_char(hour at time zone ${timeZone}::text, 'YYYY-MM-DD"T"HH24:00') as t,
            consumption as value, estimated
          from energy_rollup_hour
          where institution_id = any(${insts}::uuid[]) and point_id = any(${ids}::uuid[])
            and hour >= (${from}::timestamp at time zone ${timeZone}::text)
            and hour < (${to}::timestamp at time zone ${timeZone}::text)`
      : granularity === 'day'
        ? sql`select point_id, to_char(day, 'YYYY-MM-DD') as t, consumption as value, estimated
            from energy_rollup_day
            where institution_id = any(${insts}::uuid[]) and point_id = any(${ids}::uuid[]) and day >= ${from}::date and day < ${to}::date`
        : sql`select point_id, to_char(month, 'YYYY-MM') as t, consumption as value, estimated
            from energy_rollup_month
            where institution_id = any(${insts}::uuid[]) and point_id = any(${ids}::uuid[]) and month >= ${from}::date and month < ${to}::date
            union all
            select point_id, to_char(month, 'YYYY-MM'), value::float8, 0 from energy_manual_entry
            where point_id = any(${ids}::uuid[]) and month >= ${from}::date and month < ${to}::date`;
  const rows = await sql<{
    point_id: string;
    t: string;
    value: number;
    estimated: number;
  }>`${q} order by 2`.execute(db);
  return rows.rows.map((r) => ({ ...r, value: Number(r.value), estimated: Number(r.estimated) }));
}
