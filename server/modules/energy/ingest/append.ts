import { sql } from 'kysely';
import type { Tx } from '../../../kernel/db/schema.ts';
import { copyInto } from '../../../kernel/db/copy.ts';
import { upsertHours, upsertPeriods, upsertRollups } from '../rollups/apply.ts';
import { hourLines, hourSums, PERIOD_COLUMNS, periodLines } from './sums.ts';
import {
  copyStage,
  lockInstitutions,
  quarantineStaged,
  stageLine,
  type ResolvedBatch,
  type StagePoint,
} from './batch.ts';
import type { IngestOptions, IngestResult } from './pipeline.ts';
import type { CleanReading } from './parse.ts';

export interface Neighbours {
  k: number;
  lo_register: number | null;
  /** the first stored reading at or after the point's first reading in the batch */
  f_ts: string | null;
  overlap: boolean;
  f_register: number | null;
  f_delta: number | null;
  f_estimated: boolean | null;
  /** its instant, epoch ms */
  f_ms: number | null;
  has_reset: boolean;
}

/**
 * The append path: most batches (live data, a backfill of a period) bring, per point, readings that
 * all lie between two stored ones — after the last stored reading, or in a gap before the next. Then
 * the deltas follow from one probe per point (the stored reading before the batch's span and the
 * first after it) and are computed here; the readings go in by one INSERT from the COPY-staged batch,
 * and the rollups take the batch plus the one stored reading per point whose delta changes. Returns
 * null — nothing written — when the batch needs the general path (pipeline.ts writeStaged): naive
 * local times, a point and instant twice, a stored reading inside a point's span, a meter
 * replacement on a point, or a register going backwards. Both paths give the same result.
 */
export async function appendBatch(
  tx: Tx,
  b: ResolvedBatch,
  opts: IngestOptions,
): Promise<IngestResult | null> {
  if (b.naive) return null;
  const future = opts.futureMinutes ?? 60;
  const horizon = Date.now() + future * 60_000;
  const byPoint = new Map<string, number[]>();
  const quarantined = new Map<number, { reason: string; detail: string | null }>();
  for (let i = 0; i < b.rows.length; i++) {
    const p = b.point[i];
    if (!p) quarantined.set(i, { reason: 'unknown_point', detail: null });
    else if (!p.usable) quarantined.set(i, { reason: 'inactive_point', detail: null });
    else if (b.at[i]! > horizon)
      quarantined.set(i, { reason: 'future_timestamp', detail: `later than now + ${future} min` });
    else {
      const list = byPoint.get(p.id);
      if (list) list.push(i);
      else byPoint.set(p.id, [i]);
    }
  }
  if (byPoint.size === 0) return null;
  const spans = [...byPoint.values()];
  b.maybeTwice = false;
  for (const list of spans) {
    list.sort((x, y) => b.at[x]! - b.at[y]!);
    for (let j = 1; j < list.length; j++) if (b.at[list[j]!] === b.at[list[j - 1]!]) b.maybeTwice = true;
  }
  if (b.maybeTwice) return null;
  const first = spans.map((l) => b.point[l[0]!]!);
  await lockInstitutions(tx, [...new Set(first.map((p) => p.institution_id))]);
  const probe = await sql<Neighbours>`
    select u.k, lo.register as lo_register, f.ts::text as f_ts, coalesce(f.ts <= u.t1, false) as overlap,
           f.register as f_register, f.delta as f_delta, f.estimated as f_estimated,
           (extract(epoch from f.ts) * 1000)::float8 as f_ms,
           exists (select 1 from energy_register_reset x where x.institution_id = u.i and x.point_id = u.p) as has_reset
    from unnest(${spans.map((_, k) => k)}::int[], ${first.map((p) => p.institution_id)}::uuid[],
                ${first.map((p) => p.id)}::uuid[], ${spans.map((l) => b.rows[l[0]!]!.ts)}::timestamptz[],
                ${spans.map((l) => b.rows[l.at(-1)!]!.ts)}::timestamptz[]) as u(k, i, p, t0, t1)
    left join lateral (
      select r.ts, r.register from energy_reading r
      where r.institution_id = u.i and r.point_id = u.p and r.ts < u.t0 order by r.ts desc limit 1) lo on true
    left join lateral (
      select r.ts, r.register, r.delta, r.estimated from energy_reading r
      where r.institution_id = u.i and r.point_id = u.p and r.ts >= u.t0 order by r.ts limit 1) f on true`.execute(
    tx,
  );
  const delta = new Array<number | null>(b.rows.length);
  const after: After[] = [];
  for (const n of probe.rows) {
    if (n.overlap || n.has_reset) return null;
    const list = spans[n.k]!;
    const p = b.point[list[0]!]!;
    let prev = n.lo_register;
    let sawRegister = false;
    for (const i of list) {
      const r = b.rows[i]!;
      if (!r.register) {
        delta[i] = r.value * p.multiplier;
        continue;
      }
      const d = step(prev, r.value, p.multiplier, p.register_max);
      if (d === undefined) return null;
      delta[i] = d;
      prev = r.value;
      sawRegister = true;
    }
    // the stored reading after the span now follows the batch's last register reading
    if (n.f_ts !== null && n.f_register !== null && sawRegister) {
      const d = step(prev, n.f_register, p.multiplier, p.register_max);
      if (d === undefined) return null;
      if (d !== n.f_delta) after.push({ k: n.k, n, delta: d });
    }
  }

  // where JS can cut the hours, the readings go straight into energy_reading by COPY — no stored
  // reading lies in any span, under the institutions' locks — and the hour sums into energy_dh;
  // elsewhere they are staged and SQL sums them
  const sums = hourSums(b, spans, delta, after, opts.timeZone);
  let staged = '';
  for (const [i, q] of quarantined) staged += stageLine(i, b.rows[i]!, b.point[i], { status: 'q', ...q });
  for (const a of after) {
    const i = spans[a.k]![0]!;
    const r = b.rows[i]!;
    const next = { ...r, ts: a.n.f_ts!, value: a.n.f_register!, estimated: a.n.f_estimated === true };
    staged += stageLine(-1, next, b.point[i], { status: 'hi', delta: a.delta, oldDelta: a.n.f_delta });
  }
  let stored = 0;
  for (const list of spans)
    for (const i of list) {
      if (!sums) staged += stageLine(i, b.rows[i]!, b.point[i], { status: null, delta: delta[i] });
      stored++;
    }
  await sql`savepoint goa_append`.execute(tx);
  if (staged) await copyStage(tx, staged, false, opts.timeZone);
  if (sums) {
    try {
      // lines made as the server takes them: on a server it parses one chunk while this builds the next
      await copyInto(tx, 'energy_reading', READING_COLUMNS, readingChunks(b, spans, delta));
    } catch (e) {
      // a reading written meanwhile by a writer that bypasses the locks: the general path settles it
      if ((e as { code?: string }).code !== '23505') throw e;
      await sql`rollback to savepoint goa_append`.execute(tx);
      return null;
    }
  } else
    await sql`
      insert into energy_reading (institution_id, point_id, ts, register, delta, estimated)
      select institution_id, point_id, ts, case when is_register then value end, delta, estimated
      from energy_stage where status is null`.execute(tx);
  await sql`release savepoint goa_append`.execute(tx);
  if (after.length > 0) {
    // one index probe per changed reading (a hash join would read every partition in full)
    await sql`select set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`.execute(
      tx,
    );
    await sql`
      update energy_reading r set delta = s.delta from energy_stage s
      where s.status = 'hi' and r.institution_id = s.institution_id and r.point_id = s.point_id and r.ts = s.ts`.execute(
      tx,
    );
    await sql`select set_config('enable_hashjoin', 'on', true), set_config('enable_mergejoin', 'on', true)`.execute(
      tx,
    );
  }
  if (sums) {
    // the days and months from the hours here too (a batch's hours are few: each cut once)
    await copyInto(tx, 'energy_dh', ['institution_id', 'point_id', 'hour', 'd', 'n', 'e'], hourLines(sums));
    await copyInto(tx, 'energy_dm', PERIOD_COLUMNS, periodLines(sums, spans.length, opts.timeZone));
    await upsertHours(tx);
    await upsertPeriods(tx);
  } else {
    // a reading's delta belongs to the hour holding the instant just before its ts
    await sql`
      insert into energy_dh (institution_id, point_id, hour, d, n, e)
      select institution_id, point_id, date_trunc('hour', ts - interval '1 microsecond', ${opts.timeZone}::text),
             sum(d), sum(n)::int, sum(case when estimated then d else 0 end)
      from (select institution_id, point_id, ts, estimated, (status is null)::int as n,
                   coalesce(delta, 0) - coalesce(old_delta, 0) as d
            from energy_stage where status is null or status = 'hi') x
      group by 1, 2, 3`.execute(tx);
    await upsertRollups(tx, opts.timeZone);
  }
  if (quarantined.size > 0) await quarantineStaged(tx, opts.source, opts.importId);
  return { stored, duplicates: 0, quarantined: quarantined.size };
}

/**
 * The consumption between two register readings × multiplier: null without a previous reading (the
 * baseline), a rollover at register_max when the register wrapped by less than half its range,
 * undefined when the register went backwards (the general path quarantines that reading).
 */
function step(
  prev: number | null,
  register: number,
  multiplier: number,
  max: number | null,
): number | null | undefined {
  if (prev === null) return null;
  if (register >= prev) return (register - prev) * multiplier;
  if (max !== null && max - prev + register <= max / 2) return (max - prev + register) * multiplier;
  return undefined;
}

export type After = { k: number; n: Neighbours; delta: number | null };

const READING_COLUMNS = ['institution_id', 'point_id', 'ts', 'register', 'delta', 'estimated'];

/** The readings' COPY lines for energy_reading, 5,000 at a time. */
function* readingChunks(b: ResolvedBatch, spans: number[][], delta: (number | null)[]): Generator<string> {
  let chunk = '';
  let n = 0;
  for (const list of spans)
    for (const i of list) {
      chunk += readingLine(b.point[i]!, b.rows[i]!, delta[i] ?? null);
      if (++n === 5000) {
        yield chunk;
        chunk = '';
        n = 0;
      }
    }
  if (chunk) yield chunk;
}

/** A reading's COPY line for energy_reading (codes and timestamps passed the shape checks: no escapes). */
function readingLine(p: StagePoint, r: CleanReading, delta: number | null): string {
  if (!Number.isFinite(r.value) || (delta !== null && !Number.isFinite(delta)))
    throw new Error('energy ingest: a value that is not finite');
  const register = r.register ? String(r.value) : '\\N';
  return `${p.institution_id}\t${p.id}\t${r.ts}\t${register}\t${delta ?? '\\N'}\t${r.estimated ? 't' : 'f'}\n`;
}
