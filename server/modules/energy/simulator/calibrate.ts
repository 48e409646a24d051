import { sql } from 'kysely';
import type { Tx } from '../../../kernel/db/schema.ts';
import { DataScope } from '../../../kernel/access/scope.ts';
import { addAmounts, elapsedShareOfYear, monthsEnding, toKgce, zeroAmounts } from '../indicators/calc.ts';
import { amounts } from '../indicators/repository.ts';

/** One parent meter in IMBALANCED_EVERY is deliberately off (+30 %): the demo's intended imbalance alerts. */
export const IMBALANCED_EVERY = 50;
/** One institution in OVER_QUOTA_EVERY is deliberately on course to exceed its quota: intended yellow alerts. */
export const OVER_QUOTA_EVERY = 30;

/** The factor a parent meter reads above the sum of its sub-meters: 2–8 % unallocated, or the intended +30 %. */
const factor = (
  id: string,
) => `(case when abs(hashtext(${id}::text || 'imbalance')) % ${IMBALANCED_EVERY} = 0 then 1.3
  else 1.02 + (abs(hashtext(${id}::text)) % 60) / 1000.0 end)`;

/**
 * Makes the demo history agree with the registry, so that a fresh demo shows only the intended alerts.
 * Every point is seeded from its own shape, so a main meter and its sub-meters were independent. Here,
 * deepest level first, each parent meter's rollups and raw readings become the sum of its metered
 * sub-meters times 1.02–1.08 (the unallocated share, inside the 10 % balance tolerance), except one
 * parent in IMBALANCED_EVERY (+30 %). Then each institution's quota for this year (and last year's)
 * is set from its seeded consumption so that it stays within it, except one in OVER_QUOTA_EVERY.
 */
export async function calibrateDemoHistory(tx: Tx, timeZone: string, today: string): Promise<void> {
  const depths = await sql<{ depth: number }>`
    with recursive d as (
      select id, 0 as depth from energy_point where parent_id is null
      union all
      select p.id, d.depth + 1 from energy_point p join d on p.parent_id = d.id)
    select distinct depth from d order by depth desc`.execute(tx);
  for (const { depth } of depths.rows) {
    await sql`
      create temp table if not exists energy_seed_parent (id uuid primary key, institution_id uuid not null,
        multiplier float8 not null, f float8 not null) on commit drop`.execute(tx);
    await sql`delete from energy_seed_parent`.execute(tx);
    await sql`
      with recursive d as (
        select id, 0 as depth from energy_point where parent_id is null
        union all
        select p.id, d.depth + 1 from energy_point p join d on p.parent_id = d.id)
      insert into energy_seed_parent (id, institution_id, multiplier, f)
      select p.id, p.institution_id, p.multiplier::float8, ${sql.raw(factor('p.id'))}
      from energy_point p join d on d.id = p.id
      where d.depth = ${depth} and p.kind = 'metered' and p.active
        and exists (select 1 from energy_point c where c.parent_id = p.id and c.kind = 'metered' and c.active)`.execute(
      tx,
    );
    for (const [table, col] of [
      ['energy_rollup_hour', 'hour'],
      ['energy_rollup_day', 'day'],
      ['energy_rollup_month', 'month'],
    ] as const) {
      await sql`
        update ${sql.table(table)} r set consumption = c.s * x.f
        from energy_seed_parent x,
          lateral (select h.${sql.ref(col)} as at, sum(h.consumption) as s
                   from energy_point ch join ${sql.table(table)} h
                     on h.institution_id = ch.institution_id and h.point_id = ch.id
                   where ch.parent_id = x.id and ch.kind = 'metered' and ch.active
                   group by 1) c
        where r.institution_id = x.institution_id and r.point_id = x.id and r.${sql.ref(col)} = c.at`.execute(
        tx,
      );
    }
    // raw readings: the parent's delta is its sub-meters' at the same instant; registers follow
    await sql`
      update energy_reading r set delta = c.s * x.f
      from energy_seed_parent x,
        lateral (select h.ts, sum(h.delta) as s
                 from energy_point ch join energy_reading h
                   on h.institution_id = ch.institution_id and h.point_id = ch.id
                 where ch.parent_id = x.id and ch.kind = 'metered' and ch.active
                 group by 1) c
      where r.institution_id = x.institution_id and r.point_id = x.id and r.ts = c.ts`.execute(tx);
    await sql`
      update energy_reading r set register = y.reg
      from (select r2.institution_id, r2.point_id, r2.ts,
                   10000 + (abs(hashtext(x.id::text)) % 90000)
                     + sum(r2.delta) over (partition by r2.point_id order by r2.ts) / x.multiplier as reg
            from energy_seed_parent x join energy_reading r2
              on r2.institution_id = x.institution_id and r2.point_id = x.id) y
      where r.institution_id = y.institution_id and r.point_id = y.point_id and r.ts = y.ts`.execute(tx);
  }

  // quotas from the seeded consumption: this year's pace (and last year's) inside the quota
  const year = Number(today.slice(0, 4));
  const used = await amounts(
    tx,
    DataScope.everything(),
    {},
    monthsEnding(today.slice(0, 7), Number(today.slice(5, 7))),
    { institution: true, month: false },
  );
  const byInst = new Map<string, ReturnType<typeof zeroAmounts>>();
  for (const r of used)
    byInst.set(
      r.institution_id!,
      addAmounts(byInst.get(r.institution_id!) ?? zeroAmounts(), { [r.energy_type]: r.metered + r.manual }),
    );
  const elapsed = Math.max(elapsedShareOfYear(year, today), 1 / 365);
  const ids: string[] = [];
  const pace: number[] = [];
  for (const [id, a] of byInst) {
    const kgce = toKgce(a);
    if (kgce <= 0) continue;
    ids.push(id);
    pace.push(kgce / elapsed);
  }
  void timeZone;
  await sql`
    update energy_quota q set
      total_kgce = round((u.pace * case
        when abs(hashtext(q.institution_id::text || 'quota')) % ${OVER_QUOTA_EVERY} = 0 then 0.93
        else 1.1 + (abs(hashtext(q.institution_id::text || 'q' || q.year)) % 300) / 1000.0 end)::numeric, 2),
      updated_at = now()
    from unnest(${ids}::uuid[], ${pace}::float8[]) as u(id, pace)
    where q.institution_id = u.id and q.year in (${year}, ${year - 1})`.execute(tx);
}
