import { sql } from 'kysely';
import type { Tx } from '../../../kernel/db/schema.ts';
import { addInstitutionMonths } from './institution.ts';

/**
 * Rollups are kept current by differences: every change to a reading's delta (a new reading, a late
 * one that splits an interval, a replaced estimate) is written as +/− to the hour, day and month of
 * the bucket holding the instant just before the reading's ts. Only the affected buckets are touched.
 * Days and months are cut in `timeZone`. The institution rollups take the month differences too.
 */
export async function applyRollupDiffs(tx: Tx, timeZone: string): Promise<void> {
  await sql`
    insert into energy_dh (institution_id, point_id, hour, d, n, e)
    select institution_id, point_id, date_trunc('hour', ts - interval '1 microsecond', ${timeZone}::text),
           sum(d), sum(n)::int, sum(e)
    from (
      select institution_id, point_id, ts, coalesce(new_delta, 0) as d, 1 as n,
             case when estimated then coalesce(new_delta, 0) else 0 end as e
      from energy_calc where is_new
      union all
      select institution_id, point_id, ts, coalesce(new_delta, 0) - coalesce(old_delta, 0), 0,
             case when estimated then coalesce(new_delta, 0) - coalesce(old_delta, 0) else 0 end
      from energy_calc where not is_new and new_delta is distinct from old_delta
      union all
      select institution_id, point_id, ts, -coalesce(delta, 0), -1, -coalesce(delta, 0)
      from energy_old where replaced
    ) x
    group by 1, 2, 3`.execute(tx);
  await upsertRollups(tx, timeZone);
}

/** Adds the hour differences in energy_dh to the hour, day and month rollups. */
export async function upsertRollups(tx: Tx, timeZone: string): Promise<void> {
  await upsertHours(tx);
  await sql`
    insert into energy_rollup_day as r (institution_id, point_id, day, consumption, samples, estimated)
    select institution_id, point_id, (hour at time zone ${timeZone}::text)::date, sum(d), sum(n)::int, sum(e)
    from energy_dh group by 1, 2, 3
    on conflict (institution_id, point_id, day) do update
      set consumption = r.consumption + excluded.consumption,
          samples = r.samples + excluded.samples,
          estimated = r.estimated + excluded.estimated`.execute(tx);
  await sql`
    insert into energy_rollup_month as r (institution_id, point_id, month, consumption, samples, estimated)
    select institution_id, point_id, date_trunc('month', hour at time zone ${timeZone}::text)::date,
           sum(d), sum(n)::int, sum(e)
    from energy_dh group by 1, 2, 3
    on conflict (institution_id, point_id, month) do update
      set consumption = r.consumption + excluded.consumption,
          samples = r.samples + excluded.samples,
          estimated = r.estimated + excluded.estimated`.execute(tx);
  await addInstitutionMonths(
    tx,
    sql`select point_id, date_trunc('month', hour at time zone ${timeZone}::text)::date as month, d from energy_dh`,
  );
}

/** Adds the hour differences in energy_dh to the hour rollups. */
export async function upsertHours(tx: Tx): Promise<void> {
  await sql`
    insert into energy_rollup_hour as r (institution_id, point_id, hour, consumption, samples, estimated)
    select institution_id, point_id, hour, d, n, e from energy_dh
    on conflict (institution_id, point_id, hour) do update
      set consumption = r.consumption + excluded.consumption,
          samples = r.samples + excluded.samples,
          estimated = r.estimated + excluded.estimated`.execute(tx);
}

/** Adds the day and month differences in energy_dm (summed by the caller) to the day and month rollups. */
export async function upsertPeriods(tx: Tx): Promise<void> {
  await sql`
    insert into energy_rollup_day as r (institution_id, point_id, day, consumption, samples, estimated)
    select institution_id, point_id, day, d, n, e from energy_dm where not month
    on conflict (institution_id, point_id, day) do update
      set consumption = r.consumption + excluded.consumption,
          samples = r.samples + excluded.samples,
          estimated = r.estimated + excluded.estimated`.execute(tx);
  await sql`
    insert into energy_rollup_month as r (institution_id, point_id, month, consumption, samples, estimated)
    select institution_id, point_id, day, d, n, e from energy_dm where month
    on conflict (institution_id, point_id, month) do update
      set consumption = r.consumption + excluded.consumption,
          samples = r.samples + excluded.samples,
          estimated = r.estimated + excluded.estimated`.execute(tx);
  await addInstitutionMonths(tx, sql`select point_id, day as month, d from energy_dm where month`);
}
