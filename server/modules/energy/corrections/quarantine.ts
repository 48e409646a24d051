import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import { ingestReadings, type IngestResult } from '../ingest/pipeline.ts';
import type { IncomingReading } from '../ingest/parse.ts';
import type { QuarantineReason } from '../storage/tables.ts';
import { correctionErrors } from './errors.ts';
import '../storage/tables.ts';

/**
 * Reasons whose reading was well-formed: it can be ingested again once its cause is mended (the
 * meter replacement recorded, the point registered or activated, the clock fixed). A shape error
 * would be rejected again as it came: it can only be dismissed.
 */
export const READMISSIBLE: readonly QuarantineReason[] = [
  'register_backwards',
  'unknown_point',
  'inactive_point',
  'future_timestamp',
];

export interface ReadmitResult extends IngestResult {
  readmitted: number;
}

/**
 * Ingests the selected open quarantined readings again, as they came (point code, instant, value,
 * kind, estimate flag), and marks them re-admitted — in the ingest's own transaction, so either both
 * or neither. What is rejected again goes back to the quarantine as a new row (source 'readmit').
 */
export async function readmitQuarantined(
  db: Db,
  scope: DataScope,
  actor: Actor,
  ids: readonly string[],
  opts: { timeZone: string; futureMinutes: number },
): Promise<ReadmitResult> {
  const rows = await openInScope(db, scope, ids)
    .select(['q.id', 'q.point_code', 'q.value', 'q.kind', 'q.estimated', 'q.reason'])
    .select(
      // the instant as ISO 8601 UTC (stored as the session's text of a timestamptz for these reasons)
      sql<string>`case when q.reason = any(${[...READMISSIBLE]}::text[])
        then replace(to_char(q.ts::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '.000000', '') || 'Z' end`.as(
        'iso',
      ),
    )
    .execute();
  if (rows.length !== new Set(ids).size) throw correctionErrors.notResolvable();
  if (rows.some((r) => !READMISSIBLE.includes(r.reason) || r.iso === null || r.point_code === null))
    throw correctionErrors.notReadmissible();
  const readings: IncomingReading[] = rows.map((r) => ({
    point: r.point_code!,
    ts: r.iso!,
    value: r.value,
    kind: r.kind ?? undefined,
    estimated: r.estimated === true,
  }));
  let readmitted = 0;
  const result = await ingestReadings(db, readings, {
    source: 'readmit',
    timeZone: opts.timeZone,
    futureMinutes: opts.futureMinutes,
    inTx: async (tx, r) => {
      readmitted = await resolve(
        tx,
        rows.map((x) => x.id),
        'readmitted',
        actor,
        null,
      );
      await audit(tx, actor, {
        entity: 'energy.quarantine',
        entityId: rows[0]!.id,
        action: 'readmit',
        after: { ids: rows.map((x) => x.id), ...r },
      });
    },
  });
  return { ...result, readmitted };
}

/** Marks the selected open quarantined readings dismissed, with the steward's note. */
export async function dismissQuarantined(
  db: Db,
  scope: DataScope,
  actor: Actor,
  ids: readonly string[],
  note: string,
): Promise<{ dismissed: number }> {
  return inTransaction(db, async (tx) => {
    const inScope = await openInScope(tx, scope, ids).select('q.id').execute();
    if (inScope.length !== new Set(ids).size) throw correctionErrors.notResolvable();
    const dismissed = await resolve(
      tx,
      inScope.map((x) => x.id),
      'dismissed',
      actor,
      note,
    );
    await audit(tx, actor, {
      entity: 'energy.quarantine',
      entityId: inScope[0]!.id,
      action: 'dismiss',
      after: { ids: inScope.map((x) => x.id), note },
    });
    return { dismissed };
  });
}

/** Resolves open rows; a row resolved meanwhile by another steward fails the whole action. */
async function resolve(
  tx: Tx,
  ids: string[],
  resolution: 'readmitted' | 'dismissed',
  actor: Actor,
  note: string | null,
): Promise<number> {
  const done = await tx
    .updateTable('energy_quarantine')
    .set({ resolved_at: new Date(), resolution, resolved_by_label: actor.label, resolution_note: note })
    .where('id', 'in', ids)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== ids.length) throw correctionErrors.notResolvable();
  return ids.length;
}

/** The selected quarantined readings that are still open and in the caller's data scope. */
function openInScope(ex: Executor, scope: DataScope, ids: readonly string[]) {
  return ex
    .selectFrom('energy_quarantine as q')
    .where('q.id', 'in', ids)
    .where('q.resolved_at', 'is', null)
    .where(scope.where({ jurisdiction: 'q.jurisdiction_id' }));
}
