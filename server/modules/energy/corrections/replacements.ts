import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { errors } from '../../../kernel/errors.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import { lockInstitutions } from '../ingest/batch.ts';
import { upsertRollups } from '../rollups/apply.ts';
import { ensureWorkTables } from '../storage/temp.ts';
import { correctionErrors } from './errors.ts';
import '../tables.ts';
import '../storage/tables.ts';

/** A meter replacement (换表) as recorded. */
export interface Replacement {
  at: string;
  /** the old meter's last register (null: unknown — that part counts as 0) */
  finalValue: number | null;
  /** the new meter's register when fitted */
  startValue: number;
  note: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface ReplacementInput {
  at: string;
  finalValue?: number | null;
  startValue?: number;
  note?: string | null;
}

export interface ReplacementResult {
  replacement: Replacement;
  /** the first stored reading after the replacement, whose delta now counts across it */
  recomputed: { ts: string; oldDelta: number | null; newDelta: number | null } | null;
  /** the point's open quarantined readings of reason register_backwards from the replacement on */
  openBackwards: number;
}

interface RegisterRow {
  ts: Date;
  register: number;
  delta: number | null;
  estimated: boolean;
}

export async function listReplacements(db: Executor, pointId: string): Promise<Replacement[]> {
  const rows = await db
    .selectFrom('energy_register_reset')
    .selectAll()
    .where('point_id', '=', pointId)
    .orderBy('at', 'desc')
    .execute();
  return rows.map(toReplacement);
}

/**
 * Records a meter replacement at `at` and counts the first stored register reading after it across
 * the two meters — (old final − last reading before) + (reading − new start), × multiplier, as the
 * ingest path does — with that change added to its hour, day and month. Readings the new meter sent
 * before this was recorded were quarantined as going backwards: the answer says how many, to be
 * re-admitted from the quarantine. Under the institution's ingest lock: no batch of the point runs
 * meanwhile.
 */
export async function recordReplacement(
  db: Db,
  actor: Actor,
  pointId: string,
  input: ReplacementInput,
  timeZone: string,
): Promise<ReplacementResult> {
  const at = new Date(input.at);
  if (at.getTime() > Date.now()) throw correctionErrors.atInFuture();
  const start = input.startValue ?? 0;
  const final = input.finalValue ?? null;
  return inTransaction(db, async (tx) => {
    const p = await tx
      .selectFrom('energy_point as p')
      .innerJoin('energy_institution as i', 'i.id', 'p.institution_id')
      .select(['p.id', 'p.institution_id', 'p.jurisdiction_id', 'p.kind', 'i.unit_id'])
      .select(sql<number>`p.multiplier::float8`.as('multiplier'))
      .where('p.id', '=', pointId)
      .executeTakeFirst();
    if (!p) throw errors.notFound('energy.point', pointId);
    if (p.kind !== 'metered') throw correctionErrors.notMetered();
    await lockInstitutions(tx, [p.institution_id]);
    const taken = await tx
      .selectFrom('energy_register_reset')
      .select('at')
      .where('institution_id', '=', p.institution_id)
      .where('point_id', '=', p.id)
      .where('at', '=', at)
      .executeTakeFirst();
    if (taken) throw correctionErrors.replacementExists();
    const prev = await neighbour(tx, p.institution_id, p.id, at, 'before');
    const next = await neighbour(tx, p.institution_id, p.id, at, 'after');
    if (final !== null && prev && final < prev.register) throw correctionErrors.finalBelowLast(prev.register);
    if (next && next.register < start) throw correctionErrors.startAboveNext(next.register);
    const row = await tx
      .insertInto('energy_register_reset')
      .values({
        institution_id: p.institution_id,
        point_id: p.id,
        at,
        final_value: final,
        start_value: start,
        note: input.note?.trim() || null,
        created_by_label: actor.label,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const recomputed = next ? await recount(tx, p, prev, next, timeZone) : null;
    const backwards = await tx
      .selectFrom('energy_quarantine')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('point_id', '=', p.id)
      .where('reason', '=', 'register_backwards')
      .where('resolved_at', 'is', null)
      // only these rows' ts is sure to be a timestamp (a shape error's is the text as it came)
      .where(sql<boolean>`case when reason = 'register_backwards' then ts::timestamptz end >= ${at}`)
      .executeTakeFirstOrThrow();
    const replacement = toReplacement(row);
    await audit(tx, actor, {
      entity: 'energy.point',
      entityId: p.id,
      action: 'replace_meter',
      after: { ...replacement, recomputed },
      jurisdictionId: p.jurisdiction_id,
      unitId: p.unit_id,
    });
    return { replacement, recomputed, openBackwards: backwards.n };
  });
}

/** The stored register reading just before `at`, or the first at or after it. */
async function neighbour(
  tx: Tx,
  institutionId: string,
  pointId: string,
  at: Date,
  side: 'before' | 'after',
): Promise<RegisterRow | undefined> {
  const r = await sql<RegisterRow>`
    select ts, register, delta, estimated from energy_reading
    where institution_id = ${institutionId} and point_id = ${pointId} and register is not null
      and ${side === 'before' ? sql`ts < ${at}` : sql`ts >= ${at}`}
    order by ts ${side === 'before' ? sql`desc` : sql`asc`} limit 1`.execute(tx);
  return r.rows[0];
}

/** The next reading's delta under the latest replacement between it and the reading before it. */
async function recount(
  tx: Tx,
  p: { id: string; institution_id: string; multiplier: number },
  prev: RegisterRow | undefined,
  next: RegisterRow,
  timeZone: string,
): Promise<ReplacementResult['recomputed']> {
  const governing = await tx
    .selectFrom('energy_register_reset')
    .select([
      sql<number | null>`final_value::float8`.as('final'),
      sql<number>`start_value::float8`.as('start'),
    ])
    .where('institution_id', '=', p.institution_id)
    .where('point_id', '=', p.id)
    .where('at', '<=', next.ts)
    .$if(prev !== undefined, (q) => q.where('at', '>', prev!.ts))
    .orderBy('at', 'desc')
    .executeTakeFirstOrThrow();
  const across = governing.final !== null && prev ? governing.final - prev.register : 0;
  const delta = (across + (next.register - governing.start)) * p.multiplier;
  const ts = new Date(next.ts).toISOString();
  if (delta === next.delta) return { ts, oldDelta: next.delta, newDelta: delta };
  await tx
    .updateTable('energy_reading')
    .set({ delta })
    .where('institution_id', '=', p.institution_id)
    .where('point_id', '=', p.id)
    .where('ts', '=', next.ts)
    .execute();
  // the change belongs to the hour holding the instant just before the reading, as every delta
  const change = delta - (next.delta ?? 0);
  await ensureWorkTables(tx);
  await sql`
    insert into energy_dh (institution_id, point_id, hour, d, n, e)
    values (${p.institution_id}, ${p.id}, date_trunc('hour', ${next.ts}::timestamptz - interval '1 microsecond', ${timeZone}::text),
            ${change}, 0, ${next.estimated ? change : 0})`.execute(tx);
  await upsertRollups(tx, timeZone);
  return { ts, oldDelta: next.delta, newDelta: delta };
}

function toReplacement(r: {
  at: Date | string;
  final_value: number | null;
  start_value: number;
  note: string | null;
  created_at: Date;
  created_by_label: string | null;
}): Replacement {
  return {
    at: new Date(r.at).toISOString(),
    finalValue: r.final_value === null ? null : Number(r.final_value),
    startValue: Number(r.start_value),
    note: r.note,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by_label,
  };
}
