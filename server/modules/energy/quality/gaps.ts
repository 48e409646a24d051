import { sql } from 'kysely';
import type { Db } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import { SYSTEM_ACTOR } from '../../../kernel/http/access.ts';
import { ingestReadings } from '../ingest/pipeline.ts';
import type { IncomingReading } from '../ingest/parse.ts';

export interface GapFillOptions {
  timeZone: string;
  now?: Date;
  /** how far back gaps are looked for */
  lookbackHours?: number;
  /** longer gaps are left open (an outage, not a few lost messages) */
  maxGapHours?: number;
  /** estimates written per transaction */
  batchRows?: number;
}

export interface GapFillResult {
  gaps: number;
  estimated: number;
}

/**
 * Fills gaps in register readings with estimates (估算): between two real readings of a point more
 * than one interval apart, the missing instants of its interval grid get a register interpolated
 * linearly. They go through the ingest path marked `estimated`, which never lets an estimate replace a
 * stored reading (a stored estimate: a duplicate; a real one: it stands) and lets a real reading that
 * arrives later replace the estimate, the rollups following (their `estimated` part shows in the curves).
 * Instants that already hold a reading (an earlier estimate, a late real one) are skipped.
 * Gaps across a rollover (register lower after the gap) or longer than maxGapHours are left open.
 */
export async function fillGaps(db: Db, opts: GapFillOptions): Promise<GapFillResult> {
  const now = opts.now ?? new Date();
  const from = new Date(now.getTime() - (opts.lookbackHours ?? 48) * 3_600_000);
  const maxGap = (opts.maxGapHours ?? 24) * 3600;
  const rows = await sql<{ code: string; ts: Date; register: number; gap: number }>`
    with real as (
      select r.institution_id, r.point_id, r.ts, r.register,
             lag(r.ts) over w as prev_ts, lag(r.register) over w as prev_reg
      from energy_reading r
      where r.ts > ${from} and r.ts <= ${now} and r.register is not null and not r.estimated
      window w as (partition by r.institution_id, r.point_id order by r.ts)
    ), gaps as (
      select p.code, g.institution_id, g.point_id, g.prev_ts, g.ts, g.prev_reg, g.register,
             make_interval(mins => p.interval_minutes) as step,
             row_number() over () as gap
      from real g join energy_point p on p.id = g.point_id
      where g.prev_ts is not null and g.register >= g.prev_reg
        and g.ts - g.prev_ts > make_interval(mins => p.interval_minutes)
        and extract(epoch from g.ts - g.prev_ts) <= ${maxGap}
        and p.kind = 'metered' and p.active
    )
    select code, t as ts, gap::int as gap,
           prev_reg + (register - prev_reg) * extract(epoch from t - prev_ts) / extract(epoch from ts - prev_ts) as register
    from gaps cross join lateral generate_series(prev_ts + step, ts - step, step) t
    where not exists (select 1 from energy_reading x
                      where x.institution_id = gaps.institution_id and x.point_id = gaps.point_id and x.ts = t)
    order by code, t`.execute(db);
  const batchRows = opts.batchRows ?? 20_000;
  let estimated = 0;
  for (let i = 0; i < rows.rows.length; i += batchRows) {
    const batch: IncomingReading[] = rows.rows.slice(i, i + batchRows).map((r) => ({
      point: r.code,
      ts: new Date(r.ts),
      value: Math.round(Number(r.register) * 1000) / 1000,
      estimated: true,
    }));
    const res = await ingestReadings(db, batch, { source: 'estimate', timeZone: opts.timeZone });
    estimated += res.stored;
  }
  const gaps = new Set(rows.rows.map((r) => r.gap)).size;
  if (estimated > 0)
    await inTransaction(db, (tx) =>
      audit(tx, SYSTEM_ACTOR, {
        entity: 'energy.reading',
        action: 'estimate',
        after: { gaps, estimated, from: from.toISOString(), to: now.toISOString() },
      }),
    );
  return { gaps, estimated };
}
