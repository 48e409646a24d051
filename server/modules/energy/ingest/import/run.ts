import { sql } from 'kysely';
import type { Db } from '../../../../kernel/db/schema.ts';
import { inTransaction } from '../../../../kernel/db/tx.ts';
import { audit } from '../../../../kernel/audit/audit.ts';
import type { Actor } from '../../../../kernel/http/access.ts';
import { ingestReadings, type IngestResult } from '../pipeline.ts';
import { rowsAfter, type FileKind, type Row } from './source.ts';
import './tables.ts';

export interface ImportCounts extends IngestResult {
  rows: number;
}

export interface ImportProgress extends ImportCounts {
  bytes: number;
  totalBytes: number;
}

/** What a run needs: the import, its file on disk and where its last committed batch ended. */
export interface ImportRun {
  importId: string;
  fileName: string;
  kind: FileKind;
  path: string;
  totalBytes: number;
  batchRows: number;
  timeZone: string;
  actor: Actor;
}

export interface RunHooks {
  onProgress?: (p: ImportProgress) => void;
  /** called after each committed batch (1, 2, …); a throw here stops the run as a crash would */
  afterBatch?: (batch: number) => void | Promise<void>;
  /** asked before each batch: true ends the run early with 'interrupted' (the platform is stopping) */
  interrupted?: () => boolean;
  /**
   * After each batch, pause for this share of the batch's duration. Embedded PGlite runs queries on
   * the event loop and holds its one connection for the whole batch: without a pause, every other
   * request (even a static file) waits behind batch after batch.
   */
  yieldShare?: number;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type RunOutcome = 'done' | 'cancelled' | 'interrupted';

/** The import is no longer running (cancelled, or finished by another runner): its batch rolls back. */
export class ImportNotRunning extends Error {
  constructor(readonly status: string | null) {
    super(`the import is ${status ?? 'gone'}`);
    this.name = 'ImportNotRunning';
  }
}

/** Another runner committed a batch since this one read the offset: this one's batch rolls back. */
export class ImportSuperseded extends Error {
  constructor() {
    super('another runner moved the import on');
    this.name = 'ImportSuperseded';
  }
}

interface State {
  byteOffset: number;
  rowOffset: number;
  batches: number;
  counts: ImportCounts;
}

async function readState(db: Db, importId: string): Promise<State & { status: string }> {
  const x = await db
    .selectFrom('energy_import as i')
    .innerJoin('energy_import_run as r', 'r.import_id', 'i.id')
    .select([
      'i.status',
      'i.rows_read',
      'i.rows_stored',
      'i.rows_duplicate',
      'i.rows_quarantined',
      'r.byte_offset',
      'r.row_offset',
      'r.batches',
    ])
    .where('i.id', '=', importId)
    .executeTakeFirst();
  if (!x) throw new ImportNotRunning(null);
  return {
    status: String(x.status),
    byteOffset: Number(x.byte_offset),
    rowOffset: Number(x.row_offset),
    batches: Number(x.batches),
    counts: {
      rows: Number(x.rows_read),
      stored: Number(x.rows_stored),
      duplicates: Number(x.rows_duplicate),
      quarantined: Number(x.rows_quarantined),
    },
  };
}

/**
 * Imports a file from where its last committed batch ended, in batches of `batchRows`. Each batch
 * goes through the ingest pipeline in one transaction that also adds the batch's counts to the
 * import, moves its offset past the batch (only if no other runner moved it meanwhile) and writes
 * the batch's audit record: a batch is either committed and counted once, or neither. A crash or
 * retry resumes after the last committed batch; a cancelled import rolls its batch in flight back.
 */
export async function runImport(db: Db, run: ImportRun, hooks: RunHooks = {}): Promise<RunOutcome> {
  let state: Awaited<ReturnType<typeof readState>>;
  try {
    state = await readState(db, run.importId);
  } catch (e) {
    if (e instanceof ImportNotRunning) return 'done';
    throw e;
  }
  if (state.status !== 'running') return state.status === 'cancelled' ? 'cancelled' : 'done';
  const progress = (bytes: number): ImportProgress => ({
    ...state.counts,
    bytes,
    totalBytes: run.totalBytes,
  });
  let batch: Row[] = [];
  let last = { rowNo: state.rowOffset, endByte: state.byteOffset };

  const flush = async () => {
    const rows = batch;
    batch = [];
    const from = { byte: state.byteOffset, row: state.rowOffset };
    const to = last;
    const processed = Math.min(to.endByte, run.totalBytes);
    const began = Date.now();
    await ingestReadings(db, rows, {
      source: 'import',
      timeZone: run.timeZone,
      futureMinutes: 60,
      importId: run.importId,
      inTx: async (tx, r) => {
        // first the import row (a cancel takes the same lock: whichever commits first wins)
        const counted = await tx
          .updateTable('energy_import')
          .set((eb) => ({
            processed_bytes: processed,
            rows_read: eb('rows_read', '+', rows.length),
            rows_stored: eb('rows_stored', '+', r.stored),
            rows_duplicate: eb('rows_duplicate', '+', r.duplicates),
            rows_quarantined: eb('rows_quarantined', '+', r.quarantined),
          }))
          .where('id', '=', run.importId)
          .where('status', '=', 'running')
          .returning(['rows_read', 'rows_stored', 'rows_duplicate', 'rows_quarantined'])
          .executeTakeFirst();
        if (!counted) {
          const s = await tx
            .selectFrom('energy_import')
            .select('status')
            .where('id', '=', run.importId)
            .executeTakeFirst();
          throw new ImportNotRunning(s ? String(s.status) : null);
        }
        const moved = await tx
          .updateTable('energy_import_run')
          .set({
            byte_offset: to.endByte,
            row_offset: to.rowNo,
            batches: sql`batches + 1`,
            updated_at: sql`now()`,
          })
          .where('import_id', '=', run.importId)
          .where('byte_offset', '=', from.byte)
          .where('row_offset', '=', from.row)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw new ImportSuperseded();
        await audit(tx, run.actor, {
          entity: 'energy.import',
          entityId: run.importId,
          action: 'import',
          after: { file: run.fileName, rows: rows.length, ...r, row: to.rowNo },
        });
        state.counts = {
          rows: Number(counted.rows_read),
          stored: Number(counted.rows_stored),
          duplicates: Number(counted.rows_duplicate),
          quarantined: Number(counted.rows_quarantined),
        };
      },
    });
    state.byteOffset = to.endByte;
    state.rowOffset = to.rowNo;
    state.batches++;
    hooks.onProgress?.(progress(processed));
    await hooks.afterBatch?.(state.batches);
    if (hooks.yieldShare) await pause(Math.round((Date.now() - began) * hooks.yieldShare));
  };

  try {
    for await (const r of rowsAfter(run.path, run.kind, state)) {
      if (batch.length === 0 && hooks.interrupted?.()) return 'interrupted';
      batch.push(r.row);
      last = r;
      if (batch.length >= run.batchRows) await flush();
    }
    if (batch.length > 0) {
      if (hooks.interrupted?.()) return 'interrupted';
      await flush();
    }
  } catch (e) {
    if (e instanceof ImportNotRunning) return e.status === 'cancelled' ? 'cancelled' : 'done';
    throw e;
  }

  const finished = await inTransaction(db, async (tx) => {
    const row = await tx
      .updateTable('energy_import')
      .set({ status: 'done', processed_bytes: run.totalBytes, finished_at: new Date() })
      .where('id', '=', run.importId)
      .where('status', '=', 'running')
      .returning('id')
      .executeTakeFirst();
    if (!row) return false;
    await audit(tx, run.actor, {
      entity: 'energy.import',
      entityId: run.importId,
      action: 'complete',
      after: { file: run.fileName, ...state.counts },
    });
    return true;
  });
  if (!finished) return (await readState(db, run.importId)).status === 'cancelled' ? 'cancelled' : 'done';
  return 'done';
}

/** Marks a running import failed (the file is unreadable, or the job ran out of attempts), audited. */
export async function failImport(
  db: Db,
  run: Pick<ImportRun, 'importId' | 'fileName' | 'actor'>,
  error: unknown,
) {
  const text = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  await inTransaction(db, async (tx) => {
    const row = await tx
      .updateTable('energy_import')
      .set({ status: 'failed', error: text, finished_at: new Date() })
      .where('id', '=', run.importId)
      .where('status', '=', 'running')
      .returning(['rows_read'])
      .executeTakeFirst();
    if (!row) return;
    await audit(tx, run.actor, {
      entity: 'energy.import',
      entityId: run.importId,
      action: 'fail',
      after: { file: run.fileName, rows: Number(row.rows_read), error: text.slice(0, 200) },
    });
  });
}
