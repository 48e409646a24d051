import { sql } from 'kysely';
import type { Db, Tx } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { ensurePartitions } from '../storage/partitions.ts';
import { ensureWorkTables } from '../storage/temp.ts';
import { appendBatch } from './append.ts';
import {
  copyStage,
  LOCK_NS,
  quarantineStaged,
  resolveBatch,
  stageLine,
  type ResolvedBatch,
} from './batch.ts';
import type { ReadingSource } from '../storage/tables.ts';
import { applyRollupDiffs } from '../rollups/apply.ts';
import { quarantineBackwardRuns, quarantineBackwardSteps, recompute } from './registers.ts';
import { cleanReading, isRejected, type CleanReading, type IncomingReading, type Rejected } from './parse.ts';

export interface IngestOptions {
  source: ReadingSource;
  timeZone: string;
  /** readings later than now + this many minutes are quarantined */
  futureMinutes?: number;
  /** the historical import this batch belongs to: its quarantined rows name it */
  importId?: string;
  /**
   * 'sql' skips the append path (append.ts) and settles every batch in SQL: the two give the same
   * result, which the tests compare
   */
  path?: 'sql';
  /** runs inside the batch's transaction after the write (an import's audit record) */
  inTx?: (tx: Tx, result: IngestResult) => Promise<void>;
}

export interface IngestResult {
  /** readings written (new, or replacing an estimate) */
  stored: number;
  /** the same point and timestamp with the same value again: ignored, never counted twice */
  duplicates: number;
  /** rejected with a reason into energy_quarantine */
  quarantined: number;
}

const MAX_PASSES = 20;

/** Batches written by each path since the process started (tests and diagnostics). */
export const ingestPaths = { append: 0, general: 0 };

/**
 * Stores a batch of readings and brings the rollups up to date, in one transaction: when it returns,
 * everything is committed (HTTP answers 2xx, MQTT sends PUBACK only then). Shape errors, unknown
 * points, far-future timestamps, registers going backwards and conflicting duplicates go to the
 * quarantine with their reason; exact duplicates are counted and ignored.
 */
export async function ingestReadings(
  db: Db,
  readings: readonly (IncomingReading | Rejected)[],
  opts: IngestOptions,
): Promise<IngestResult> {
  const clean: CleanReading[] = [];
  const rejected: Rejected[] = [];
  for (const r of readings) {
    if ('reason' in r) rejected.push(r);
    else {
      const c = cleanReading(r);
      if (isRejected(c)) rejected.push(c);
      else clean.push(c);
    }
  }
  if (clean.length > 0) {
    let min = Infinity;
    let max = -Infinity;
    const horizon = Date.now() + (opts.futureMinutes ?? 60) * 60_000;
    for (const c of clean) {
      const t = c.at;
      if (t < min) min = t;
      if (t > max && t <= horizon + 86_400_000) max = t;
    }
    // ±1 day covers naive local times of any zone; future ones are quarantined before insert
    await ensurePartitions(db, new Date(min - 86_400_000), new Date(Math.max(min, max) + 86_400_000));
  }
  return inTransaction(db, async (tx) => {
    const result: IngestResult = { stored: 0, duplicates: 0, quarantined: rejected.length };
    if (rejected.length > 0) await quarantineRejected(tx, rejected, opts);
    if (clean.length === 0) {
      await opts.inTx?.(tx, result);
      return result;
    }
    await ensureWorkTables(tx);
    const batch = await resolveBatch(tx, clean, opts.futureMinutes ?? 60);
    let counts = opts.path === 'sql' ? null : await appendBatch(tx, batch, opts);
    if (counts) ingestPaths.append++;
    else {
      await stage(tx, batch, opts);
      counts = await writeStaged(tx, opts, batch.maybeTwice);
      ingestPaths.general++;
    }
    result.stored += counts.stored;
    result.duplicates += counts.duplicates;
    result.quarantined += counts.quarantined;
    await opts.inTx?.(tx, result);
    return result;
  });
}

/** Shape errors into the quarantine, with their point where its code is known (so its district sees them). */
async function quarantineRejected(tx: Tx, rows: Rejected[], opts: IngestOptions): Promise<void> {
  await sql`
    insert into energy_quarantine (source, import_id, point_code, ts, value, reason, detail,
                                   point_id, institution_id, jurisdiction_id)
    select ${opts.source}, ${opts.importId ?? null}::uuid, u.*, p.id, p.institution_id, p.jurisdiction_id
    from unnest(${rows.map((r) => r.point)}::text[], ${rows.map((r) => r.ts)}::text[],
      ${rows.map((r) => r.value)}::text[], ${rows.map((r) => r.reason)}::text[],
      ${rows.map((r) => r.detail)}::text[]) as u(code, ts, value, reason, detail)
    left join energy_point p on p.code = u.code`.execute(tx);
}

/**
 * Fills energy_stage by one COPY, with the checks that need no stored readings applied: unknown or
 * inactive point (resolved in JS), far-future timestamp (one update, when any reading may be that
 * late).
 */
async function stage(tx: Tx, b: ResolvedBatch, opts: IngestOptions): Promise<void> {
  let data = '';
  for (let i = 0; i < b.rows.length; i++) {
    const p = b.point[i];
    const reason = !p ? 'unknown_point' : p.usable ? null : 'inactive_point';
    data += stageLine(i, b.rows[i]!, p, { status: reason && 'q', reason });
  }
  await copyStage(tx, data, b.naive, opts.timeZone);
  const future = opts.futureMinutes ?? 60;
  if (b.maybeFuture)
    await sql`
      update energy_stage set status = 'q', reason = 'future_timestamp',
        detail = 'later than now + ' || ${future}::int || ' min'
      where status is null and ts > now() + make_interval(mins => ${future}::int)`.execute(tx);
}

async function writeStaged(tx: Tx, opts: IngestOptions, maybeTwice: boolean): Promise<IngestResult> {
  // one writer per institution stripe at a time, taken in a fixed order (no deadlocks)
  await sql`
    select pg_advisory_xact_lock(${LOCK_NS}::int, b) from (
      select distinct abs(hashtext(institution_id::text)) % 64 as b from energy_stage
      where status is null order by 1) x`.execute(tx);
  // the same point and ts twice in the batch: the first counts
  if (maybeTwice)
    await sql`
      update energy_stage s set
        status = case when s.value = f.value and s.is_register = f.is_register then 'dup' else 'q' end,
        reason = case when s.value = f.value and s.is_register = f.is_register then null else 'conflicting_duplicate' end,
        detail = case when s.value = f.value and s.is_register = f.is_register then null else 'earlier in the same batch: ' || f.value end
      from (select seq, first_value(seq) over w as fseq from energy_stage where status is null
            window w as (partition by point_id, ts order by seq)) d
      join energy_stage f on f.seq = d.fseq
      where s.seq = d.seq and d.seq <> d.fseq`.execute(tx);
  // the span each point's batch touches, and the stored neighbours around it
  await sql`
    insert into energy_win (institution_id, point_id, t0, t1, multiplier, register_max)
    select institution_id, point_id, min(ts), max(ts), min(multiplier), min(register_max)
    from energy_stage where status is null group by 1, 2`.execute(tx);
  // Most batches only append (live data, backfills): nothing stored at or after a point's span, no
  // meter replacement on the point. Then the only stored row that matters is the one just before the
  // span (one probe per point, which stops in the newest month partition holding a reading), and the
  // steps for stored duplicates and replaced estimates are skipped.
  const win = await sql<{ overlap: boolean | null; inside: boolean | null }>`
    with u as (
      update energy_win w set
        (lo, lo_register, lo_delta, lo_estimated) = (
          select r.ts, r.register, r.delta, r.estimated from energy_reading r
          where r.institution_id = w.institution_id and r.point_id = w.point_id and r.ts < w.t0
          order by r.ts desc limit 1),
        first_at = (select r.ts from energy_reading r
          where r.institution_id = w.institution_id and r.point_id = w.point_id and r.ts >= w.t0
          order by r.ts limit 1),
        has_reset = exists (select 1 from energy_register_reset x
          where x.institution_id = w.institution_id and x.point_id = w.point_id)
      returning w.first_at, w.t1)
    select bool_or(first_at <= t1) as overlap, bool_or(first_at is not null) as inside from u`.execute(tx);
  const overlap = win.rows[0]?.overlap === true;
  const inside = win.rows[0]?.inside === true;
  // late data: the stored reading after the span is recomputed too
  if (inside)
    await sql`
      update energy_win w set overlap = w.first_at <= w.t1,
        hi = case when w.first_at > w.t1 then w.first_at else (
          select r.ts from energy_reading r
          where r.institution_id = w.institution_id and r.point_id = w.point_id and r.ts > w.t1
          order by r.ts limit 1) end
      where w.first_at is not null`.execute(tx);
  // already stored: a real reading stands (same value: duplicate; other value: quarantined); an
  // estimate is replaced by a real reading and never replaces anything
  if (overlap)
    await sql`
      update energy_stage s set
        status = case when s.estimated or (
                   case when s.is_register then r.register = s.value else r.register is null and r.delta = s.value * s.multiplier end)
                 then 'dup' else 'q' end,
        reason = case when s.estimated or (
                   case when s.is_register then r.register = s.value else r.register is null and r.delta = s.value * s.multiplier end)
                 then null else 'conflicting_duplicate' end,
        detail = 'stored: ' || coalesce(r.register, r.delta)
      from energy_win w, energy_reading r
      where w.overlap and w.point_id = s.point_id and s.status is null
        and r.institution_id = s.institution_id and r.point_id = s.point_id and r.ts = s.ts
        and not (r.estimated and not s.estimated)`.execute(tx);
  await sql`
    insert into energy_old (institution_id, point_id, ts, register, delta, estimated)
    select institution_id, point_id, lo, lo_register, lo_delta, lo_estimated
    from energy_win where first_at is null and lo is not null`.execute(tx);
  if (inside)
    await sql`
      insert into energy_old (institution_id, point_id, ts, register, delta, estimated)
      select r.institution_id, r.point_id, r.ts, r.register, r.delta, r.estimated
      from energy_win w cross join lateral (
        select r.* from energy_reading r
        where r.institution_id = w.institution_id and r.point_id = w.point_id
          and r.ts >= coalesce(w.lo, w.t0) and r.ts <= coalesce(w.hi, w.t1)
        offset 0) r -- one index range per point (else the planner merges whole partitions)
      where w.first_at is not null`.execute(tx);

  // registers going backwards: first every run of them against the stored readings at once, then
  // what is left pair by pair until the accepted readings settle
  for (let pass = 0; ; pass++) {
    await sql`delete from energy_calc`.execute(tx);
    await recompute(tx);
    if (pass === 0 && (await quarantineBackwardRuns(tx)) > 0) continue;
    if ((await quarantineBackwardSteps(tx)) === 0) break;
    if (pass >= MAX_PASSES) throw new Error('energy ingest: register checks did not settle');
  }

  if (overlap) {
    await sql`update energy_old o set replaced = true from energy_stage s
      where s.status is null and s.point_id = o.point_id and s.ts = o.ts`.execute(tx);
    await sql`delete from energy_reading r using energy_old o
      where o.replaced and r.institution_id = o.institution_id and r.point_id = o.point_id and r.ts = o.ts`.execute(
      tx,
    );
  }
  const ins = await sql`
    insert into energy_reading (institution_id, point_id, ts, register, delta, estimated)
    select institution_id, point_id, ts, register, new_delta, estimated from energy_calc where is_new`.execute(
    tx,
  );
  // a stored reading's delta changes only when late data lands before it
  if (inside) {
    // one index probe per changed reading (a hash join would read every partition in full)
    await sql`select set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`.execute(
      tx,
    );
    await sql`
      update energy_reading r set delta = c.new_delta
      from energy_calc c
      where not c.is_new and c.new_delta is distinct from c.old_delta
        and r.institution_id = c.institution_id and r.point_id = c.point_id and r.ts = c.ts`.execute(tx);
    await sql`select set_config('enable_hashjoin', 'on', true), set_config('enable_mergejoin', 'on', true)`.execute(
      tx,
    );
  }
  await applyRollupDiffs(tx, opts.timeZone);
  await quarantineStaged(tx, opts.source, opts.importId);
  const counts = await sql<{ dup: number; q: number }>`
    select count(*) filter (where status = 'dup')::int as dup, count(*) filter (where status = 'q')::int as q
    from energy_stage`.execute(tx);
  return {
    stored: Number(ins.numAffectedRows ?? 0),
    duplicates: counts.rows[0]!.dup,
    quarantined: counts.rows[0]!.q,
  };
}
