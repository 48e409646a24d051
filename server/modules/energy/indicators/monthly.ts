import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../kernel/db/schema.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import { ENERGY_TYPES } from '../registry/schemas.ts';
import type { EnergyType } from './calc.ts';
import { monthDate, scopeAndFilters, type AmountRow, type Filters } from './repository.ts';

/**
 * Reads of the institution rollups (energy_rollup_institution: per institution, year and series, the
 * twelve months as columns) for the overview and an institution's page: two years of every institution in a few thousand
 * narrow rows, summed in SQL to what the page shows. On the embedded database handing rows over costs
 * more than reading them, so few rows leave the database.
 */

/** A month (YYYY-MM) as its year and the column holding it. */
function cell(month: string): { year: number; column: string } {
  return { year: Number(month.slice(0, 4)), column: `m${Number(month.slice(5, 7))}` };
}

/** The sum of `months` of a row, as SQL over its year and month columns (0 outside them and for gaps). */
function over(months: readonly string[]): RawBuilder<number> {
  const byYear = new Map<number, string[]>();
  for (const m of months) {
    const c = cell(m);
    byYear.set(c.year, [...(byYear.get(c.year) ?? []), c.column]);
  }
  if (byYear.size === 0) return sql<number>`0`;
  const arms = [...byYear].map(
    ([y, cols]) => `when ${y} then ${cols.map((c) => `coalesce(${c}, 0)`).join(' + ')}`,
  );
  return sql.raw<number>(`(case year ${arms.join(' ')} else 0 end)`);
}

const COLUMNS = Array.from({ length: 12 }, (_, k) => `m${k + 1}`);
const sums = sql.raw(COLUMNS.map((c) => `sum(${c})::float8 as ${c}`).join(', '));

/** One institution's figures in the overview: its month by energy type, and kgce a year before and to date. */
export interface InstitutionWindow {
  institution_id: string;
  electricity: number;
  water: number;
  gas: number;
  heat: number;
  last_year_kgce: number;
  ytd_kgce: number;
}

type Row = {
  source: 'metered' | 'manual' | 'institution';
  institution_id: string | null;
  year: number | null;
  series: string | null;
} & Record<string, number | null>;

/**
 * The rows in scope of `years`: metered (institution rollups) and manual (offline points' entries of
 * `months`). A month column is null where no reading (or entry) lies in that month.
 */
function scoped(scope: DataScope, f: Filters, years: readonly number[], months: readonly string[]) {
  const where = scopeAndFilters(scope, f);
  const list = sql.join(months.map((m) => sql`${monthDate(m)}::date`));
  const pivot = sql.raw(
    COLUMNS.map(
      (c, k) => `(sum(e.value) filter (where extract(month from e.month) = ${k + 1}))::float8 as ${c}`,
    ).join(', '),
  );
  return sql`
    with metered as materialized (
      select r.* from energy_rollup_institution r join energy_institution i on i.id = r.institution_id
      where r.year = any(${sql.val([...years])}::int[]) and ${where}
    ), manual as materialized (
      select p.institution_id, extract(year from e.month)::int as year, p.energy_type as series, ${pivot}
      from energy_manual_entry e
      join energy_point p on p.id = e.point_id
      join energy_institution i on i.id = p.institution_id
      where e.month in (${list}) and p.parent_id is null and ${where}
      group by 1, 2, 3
    )`;
}

/** Per year and series, metered and manual apart. */
const perSeries = sql`
    select 'metered' as source, null::uuid as institution_id, year, series, ${sums}
    from metered group by year, series
    union all
    select 'manual', null, year, series, ${sums} from manual group by year, series`;

const yearsOf = (months: readonly string[]) => [...new Set(months.map((m) => cell(m).year))];

/**
 * The per-series rows folded into amounts per month and energy type, and kWh per sub-item over
 * `subItemMonths`. A month and type without readings gets no amount row (a gap, not a zero).
 */
function fold(rows: readonly Row[], months: readonly string[], subItemMonths: readonly string[]) {
  const value = (r: Row, month: string) => {
    const v = r[cell(month).column];
    return v === null || v === undefined ? null : Number(v);
  };
  const totals = new Map<string, { metered: number; manual: number }>();
  const items = new Map<string, number>();
  for (const r of rows) {
    if (r.source === 'institution') continue;
    if (r.series!.startsWith('sub_item:')) {
      for (const m of subItemMonths)
        if (cell(m).year === r.year)
          items.set(r.series!.slice(9), (items.get(r.series!.slice(9)) ?? 0) + (value(r, m) ?? 0));
      continue;
    }
    for (const m of months) {
      const v = cell(m).year === r.year ? value(r, m) : null;
      if (v === null) continue;
      const key = `${m}|${r.series}`;
      const t = totals.get(key) ?? { metered: 0, manual: 0 };
      t[r.source] += v;
      totals.set(key, t);
    }
  }
  const amounts: AmountRow[] = [...totals].map(([key, t]) => {
    const [month, type] = key.split('|') as [string, EnergyType];
    return { institution_id: null, month, energy_type: type, ...t };
  });
  const subItems = [...items]
    .map(([subItem, kwh]) => ({ subItem, kwh }))
    .sort((a, b) => a.subItem.localeCompare(b.subItem));
  return { months: amounts, subItems };
}

/**
 * Amounts per month of `months` and energy type (metered and manual apart) and electricity per
 * sub-item over `subItemMonths`, of the institutions in scope and filter: an institution's page.
 */
export async function monthlyAmounts(
  db: Executor,
  scope: DataScope,
  f: Filters,
  months: readonly string[],
  subItemMonths: readonly string[] = months,
) {
  if (months.length === 0) return { months: [], subItems: [] };
  const rows = await sql<Row>`${scoped(scope, f, yearsOf(months), months)} ${perSeries}`.execute(db);
  return fold(rows.rows, months, subItemMonths);
}

/**
 * The overview's amounts: per month of `window` and energy type (the trend; metered and manual
 * apart), electricity per sub-item in `month`, and one row per institution with its `month` by energy
 * type and its kgce in `lastYear` and over the months `ytd` (`kgcePerUnit` converts).
 */
export async function windowAmounts(
  db: Executor,
  scope: DataScope,
  f: Filters,
  window: readonly string[],
  at: { month: string; lastYear: string; ytd: readonly string[] },
  kgcePerUnit: Record<EnergyType, number>,
): Promise<{
  months: AmountRow[];
  subItems: { subItem: string; kwh: number }[];
  institutions: InstitutionWindow[];
}> {
  const factor = sql`(case series when 'electricity' then ${kgcePerUnit.electricity}::float8
    when 'gas' then ${kgcePerUnit.gas}::float8 when 'heat' then ${kgcePerUnit.heat}::float8
    when 'water' then ${kgcePerUnit.water}::float8 else 0 end)`;
  const now = over([at.month]);
  const inMonth = (type: EnergyType) => sql`coalesce(sum(${now}) filter (where series = ${type}), 0)::float8`;
  const kgce = (months: readonly string[]) => sql`coalesce(sum(${over(months)} * ${factor}), 0)::float8`;
  const rows = await sql<Row>`
    ${scoped(scope, f, yearsOf(window), window)}, types as (
      select * from metered where series = any(${sql.val([...ENERGY_TYPES])}::text[])
      union all select * from manual
    )
    ${perSeries}
    union all
    select 'institution', institution_id, null, null,
      ${inMonth('electricity')}, ${inMonth('water')}, ${inMonth('gas')}, ${inMonth('heat')},
      ${kgce([at.lastYear])}, ${kgce(at.ytd)}, ${sql.raw(
        COLUMNS.slice(6)
          .map((c) => `null::float8 as ${c}`)
          .join(', '),
      )}
    from types group by institution_id`.execute(db);
  const institutions: InstitutionWindow[] = rows.rows
    .filter((r) => r.source === 'institution')
    .map((r) => ({
      institution_id: r.institution_id!,
      electricity: Number(r.m1),
      water: Number(r.m2),
      gas: Number(r.m3),
      heat: Number(r.m4),
      last_year_kgce: Number(r.m5),
      ytd_kgce: Number(r.m6),
    }));
  return { ...fold(rows.rows, window, [at.month]), institutions };
}
