import { sql, type RawBuilder } from 'kysely';
import type { Executor, Tx } from '../../../kernel/db/schema.ts';

/**
 * Institution rollups (energy_rollup_institution): per institution, year and series (an energy type,
 * or 'sub_item:<code>'), the twelve months as columns m1…m12. Kept current with the month rollups:
 * every write that adds to energy_rollup_month adds the same differences here, and a registry change
 * that moves a point in or out of a series rebuilds its institution from the month rollups. A month
 * column is null until a reading lands in that month (a month without readings is a gap, not a zero).
 */

const MONTHS = Array.from({ length: 12 }, (_, k) => k + 1);

/** The twelve month columns. */
export const monthColumns = MONTHS.map((k) => `m${k}`);

/**
 * Rows of (institution_id, year, series, m1…m12) from `rows`, which select (institution_id, series,
 * month date, value): summed per month first (one date part per row), then pivoted; a month without
 * rows stays null.
 */
function pivoted(rows: RawBuilder<unknown>): RawBuilder<unknown> {
  const columns = sql.raw(MONTHS.map((k) => `sum(v) filter (where k = ${k})`).join(', '));
  return sql`
    select institution_id, year, series, ${columns} from (
      select institution_id, extract(year from month)::int as year, extract(month from month)::int as k,
        series, sum(value) as v
      from (${rows}) x group by 1, 2, 3, 4
    ) y group by 1, 2, 3`;
}

const COLUMNS = sql.raw(`institution_id, year, series, ${monthColumns.join(', ')}`);
// null (no readings yet) + a difference = the difference; a month the batch did not touch stays as it was
const ADD = sql.raw(
  monthColumns.map((c) => `${c} = coalesce(r.${c} + excluded.${c}, r.${c}, excluded.${c})`).join(', '),
);

/**
 * Adds month differences to the institution rollups: `source` selects rows of (point_id, month, d),
 * `month` the first day of a month in the deployment's zone. A zero difference still marks its month
 * as having readings (a meter that reported no consumption is not a meter that did not report).
 */
export async function addInstitutionMonths(tx: Tx, source: RawBuilder<unknown>): Promise<void> {
  await sql`
    insert into energy_rollup_institution as r (${COLUMNS})
    ${pivoted(sql`
      select s.institution_id, s.series, x.month, x.d as value
      from (${source}) x join energy_point_series s on s.point_id = x.point_id`)}
    on conflict (institution_id, year, series) do update set ${ADD}`.execute(tx);
}

/**
 * Rebuilds the institution rollups of `institutionIds` (all when omitted) from the month rollups:
 * after a registry change that moves points between series, and after writing month rollups
 * directly (the demo's history).
 */
export async function rebuildInstitutionRollups(
  tx: Executor,
  institutionIds?: readonly string[],
): Promise<void> {
  if (institutionIds && institutionIds.length === 0) return;
  const only = (column: string) =>
    institutionIds ? sql`${sql.ref(column)} = any(${sql.val([...institutionIds])}::uuid[])` : sql`true`;
  await sql`delete from energy_rollup_institution where ${only('institution_id')}`.execute(tx);
  await sql`
    insert into energy_rollup_institution (${COLUMNS})
    ${pivoted(sql`
      select r.institution_id, s.series, r.month, r.consumption as value
      from energy_rollup_month r join energy_point_series s on s.point_id = r.point_id
      where ${only('r.institution_id')}`)}`.execute(tx);
}
