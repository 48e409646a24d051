import { sql } from 'kysely';
import type { Tx } from '../../../kernel/db/schema.ts';

/**
 * The general path's register arithmetic (pipeline.ts writeStaged): deltas recomputed over the
 * affected spans in energy_calc, and the readings whose register goes backwards quarantined. The
 * policy is the greedy one a meter reader would apply in time order: a reading is kept when its
 * register does not fall below the last kept one and does not rise above the stored reading after it
 * (a rollover at register_max, by less than half the range, is no fall; a recorded meter replacement
 * restarts the count).
 */

const BACKWARDS = `register below the reading before it (or above the one after it)`;

/**
 * Recomputes the deltas of every reading in the affected spans: stored neighbours (minus replaced
 * estimates) and the batch's accepted readings, in ts order per point. The stored reading just
 * before a span keeps its delta (its own predecessor is outside). Register deltas: the step to the
 * previous register reading, rollover at register_max, a meter replacement (energy_register_reset)
 * between the two counting (final − previous) + (register − start); × multiplier.
 */
export async function recompute(tx: Tx): Promise<void> {
  await sql`
    insert into energy_calc (institution_id, point_id, ts, register, old_delta, new_delta, estimated,
                             is_new, seq, backwards, prev_new, prev_seq)
    with rows as (
      select o.institution_id, o.point_id, o.ts, o.register, o.delta as old_delta, o.estimated,
             false as is_new, null::int as seq
      from energy_old o
      where not exists (select 1 from energy_stage s
                        where s.status is null and s.point_id = o.point_id and s.ts = o.ts)
      union all
      select s.institution_id, s.point_id, s.ts,
             case when s.is_register then s.value end,
             case when s.is_register then null else s.value * s.multiplier end,
             s.estimated, true, s.seq
      from energy_stage s where s.status is null
    ),
    reg as (
      select r.*, lag(r.register) over w as prev_reg, lag(r.ts) over w as prev_ts,
             lag(r.is_new) over w as prev_new, lag(r.seq) over w as prev_seq
      from rows r where r.register is not null
      window w as (partition by r.point_id order by r.ts)
    ),
    calc as (
      select g.*, w.t0, w.multiplier, w.register_max, z.at as reset_at, z.final_value, z.start_value
      from reg g
      join energy_win w on w.institution_id = g.institution_id and w.point_id = g.point_id
      left join lateral (
        select x.at, x.final_value, x.start_value from energy_register_reset x
        where w.has_reset and x.institution_id = g.institution_id and x.point_id = g.point_id
          and x.at <= g.ts and (g.prev_ts is null or x.at > g.prev_ts)
        order by x.at desc limit 1) z on true
    )
    select institution_id, point_id, ts, register, old_delta,
      case
        when ts < t0 and not is_new then old_delta
        when reset_at is not null then
          (coalesce(final_value - prev_reg, 0) + (register - start_value)) * multiplier
        when prev_reg is null then null
        when register >= prev_reg then (register - prev_reg) * multiplier
        when register_max is not null and register_max - prev_reg + register <= register_max / 2
          then (register_max - prev_reg + register) * multiplier
      end,
      estimated, is_new, seq,
      not (ts < t0 and not is_new) and reset_at is null and prev_reg is not null and register < prev_reg
        and not (register_max is not null and register_max - prev_reg + register <= register_max / 2),
      prev_new, prev_seq
    from calc
    union all
    select institution_id, point_id, ts, null, old_delta, old_delta, estimated, is_new, seq, false, null, null
    from rows where register is null`.execute(tx);
}

/**
 * One pass of the pairwise check: a reading whose register falls below its predecessor's in
 * energy_calc (or whose stored successor then falls below it) is quarantined. Returns how many.
 */
export async function quarantineBackwardSteps(tx: Tx): Promise<number> {
  const bad = await sql<{ n: number }>`
    update energy_stage s set status = 'q', reason = 'register_backwards', detail = ${BACKWARDS}
    from energy_calc c
    where c.backwards and s.status is null
      and s.seq = case when c.is_new then c.seq when c.prev_new then c.prev_seq end
    returning 1 as n`.execute(tx);
  return bad.rows.length;
}

/**
 * The whole runs at once, from energy_calc as recomputed: every new reading below the stored reading
 * before it or above the stored one after it, and — on points without a register maximum, whose
 * registers only rise — below the highest kept new reading before it since that stored one. Without
 * this, each pairwise pass would drop one reading of a run (a meter replaced without its reset
 * recorded sends a day of registers below the last stored one). Points with a recorded replacement
 * are left to the pairwise passes. Returns how many were quarantined.
 */
export async function quarantineBackwardRuns(tx: Tx): Promise<number> {
  const bad = await sql<{ n: number }>`
    with o as (
      select c.point_id, c.ts, c.register, c.is_new, c.seq, w.register_max as mx,
             sum((not c.is_new)::int) over (partition by c.point_id order by c.ts) as run_lo,
             sum((not c.is_new)::int) over (partition by c.point_id order by c.ts desc) as run_hi
      from energy_calc c
      join energy_win w on w.institution_id = c.institution_id and w.point_id = c.point_id
      where c.register is not null and not w.has_reset),
    n as (
      select o.*,
             case when run_lo > 0 then first_value(register) over (partition by point_id, run_lo order by ts) end as lo_reg,
             case when run_hi > 0 then first_value(register) over (partition by point_id, run_hi order by ts desc) end as hi_reg
      from o),
    m as (
      select n.*,
             max(case when is_new and (hi_reg is null or register <= hi_reg) then register end)
               over (partition by point_id, run_lo order by ts rows between unbounded preceding and 1 preceding) as run_max
      from n)
    update energy_stage s set status = 'q', reason = 'register_backwards', detail = ${BACKWARDS}
    from m
    where m.is_new and s.seq = m.seq and s.status is null and (
      (m.lo_reg is not null and m.register < m.lo_reg
        and not (m.mx is not null and m.mx - m.lo_reg + m.register <= m.mx / 2))
      or (m.hi_reg is not null and m.hi_reg < m.register
        and not (m.mx is not null and m.mx - m.register + m.hi_reg <= m.mx / 2))
      or (m.mx is null and m.register < m.run_max))
    returning 1 as n`.execute(tx);
  return bad.rows.length;
}
