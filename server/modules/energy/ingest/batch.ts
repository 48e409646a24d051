import { sql } from 'kysely';
import type { Tx } from '../../../kernel/db/schema.ts';
import { copyInto, copyLine } from '../../../kernel/db/copy.ts';
import type { CleanReading } from './parse.ts';

/** Advisory lock namespace: writers of the same institution (hashed into 64 stripes) take turns. */
export const LOCK_NS = 7_420_500;

/** A point as the ingest path needs it. */
export interface StagePoint {
  code: string;
  id: string;
  institution_id: string;
  jurisdiction_id: string;
  multiplier: number;
  register_max: number | null;
  usable: boolean;
}

/** A batch with its points resolved and what JS can tell about it before any stored reading is read. */
export interface ResolvedBatch {
  rows: CleanReading[];
  /** per row: its point, when the code is known */
  point: (StagePoint | undefined)[];
  /** per row: epoch ms (a naive local time read as if UTC) */
  at: number[];
  /** some timestamp is a naive local time of the deployment's zone */
  naive: boolean;
  /**
   * the same point and instant may occur twice: true for naive local times (a DST gap can map two to
   * one instant) until the append path has looked (a certain "false" only from there)
   */
  maybeTwice: boolean;
  /** some reading may lie beyond now + futureMinutes */
  maybeFuture: boolean;
}

/** Resolves the batch's point codes in one lookup and reads its timestamps. */
export async function resolveBatch(
  tx: Tx,
  rows: CleanReading[],
  futureMinutes: number,
): Promise<ResolvedBatch> {
  const codes = [...new Set(rows.map((r) => r.point))];
  const found = await sql<StagePoint>`
    select code, id, institution_id, jurisdiction_id, multiplier::float8 as multiplier,
           register_max::float8 as register_max, (active and kind = 'metered') as usable
    from energy_point where code = any(${codes}::text[])`.execute(tx);
  const points = new Map(found.rows.map((p) => [p.code, p]));
  const horizon = Date.now() + futureMinutes * 60_000;
  const b: ResolvedBatch = {
    rows,
    point: new Array(rows.length),
    at: new Array(rows.length),
    naive: false,
    maybeTwice: true,
    maybeFuture: false,
  };
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const at = r.at;
    b.point[i] = points.get(r.point);
    b.at[i] = at;
    if (r.naive) {
      b.naive = true;
      // a naive local time is at most 14 h behind UTC's reading of the same digits
      if (at + 14 * 3_600_000 > horizon) b.maybeFuture = true;
    } else if (at > horizon) b.maybeFuture = true;
  }
  return b;
}

/** One staged row beyond the reading itself: its computed delta and status. */
export interface StageExtra {
  status: 'q' | 'hi' | null;
  reason?: string | null;
  detail?: string | null;
  delta?: number | null;
  oldDelta?: number | null;
}

export const STAGE_COLUMNS = [
  'seq',
  'code',
  'ts',
  'value',
  'is_register',
  'estimated',
  'point_id',
  'institution_id',
  'jurisdiction_id',
  'multiplier',
  'register_max',
  'usable',
  'status',
  'reason',
  'detail',
  'delta',
  'old_delta',
] as const;

/** The COPY line of a reading (`seq`: its place in the batch) for energy_stage. */
export function stageLine(seq: number, r: CleanReading, p: StagePoint | undefined, x: StageExtra): string {
  return copyLine([
    seq,
    r.point,
    r.ts,
    r.value,
    r.register,
    r.estimated,
    p?.id,
    p?.institution_id,
    p?.jurisdiction_id,
    p?.multiplier,
    p?.register_max,
    p?.usable ?? false,
    x.status,
    x.reason,
    x.detail,
    x.delta,
    x.oldDelta,
  ]);
}

/** Copies staged lines into energy_stage; naive local times are read in the deployment's zone. */
export async function copyStage(tx: Tx, data: string, naive: boolean, timeZone: string): Promise<void> {
  if (!naive) {
    await copyInto(tx, 'energy_stage', STAGE_COLUMNS, data);
    return;
  }
  const zone = await sql<{ old: string }>`
    select current_setting('TimeZone') as old, set_config('TimeZone', ${timeZone}, true)`.execute(tx);
  await copyInto(tx, 'energy_stage', STAGE_COLUMNS, data);
  await sql`select set_config('TimeZone', ${zone.rows[0]!.old}, true)`.execute(tx);
}

/** Moves the staged rows marked 'q' into the quarantine with their reason. */
export async function quarantineStaged(tx: Tx, source: string, importId: string | undefined): Promise<void> {
  await sql`
    insert into energy_quarantine (source, import_id, point_code, point_id, institution_id, jurisdiction_id, ts, value,
                                   reason, detail, kind, estimated)
    select ${source}, ${importId ?? null}::uuid, code, point_id, institution_id, jurisdiction_id, ts::text, value::text,
           reason, detail, case when is_register then 'register' else 'interval' end, estimated
    from energy_stage where status = 'q'`.execute(tx);
}

/** Takes the advisory locks of the institutions' stripes, in a fixed order (no deadlocks). */
export async function lockInstitutions(tx: Tx, institutionIds: readonly string[]): Promise<void> {
  await sql`
    select pg_advisory_xact_lock(${LOCK_NS}::int, b) from (
      select distinct abs(hashtext(i::text)) % 64 as b from unnest(${institutionIds}::uuid[]) i order by 1) x`.execute(
    tx,
  );
}
