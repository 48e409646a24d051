import fs from 'node:fs';
import type { Db } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import { SYSTEM_ACTOR, type Actor } from '../../../kernel/http/access.ts';
import { failImport, runImport, type ImportProgress, type RunHooks } from './import/run.ts';
import { kindOf } from './import/source.ts';
import './import/tables.ts';

export type { ImportProgress } from './import/run.ts';

export interface ImportOptions {
  timeZone: string;
  batchRows?: number;
  /** who imports: every batch's audit record names them (the CLI: system) */
  actor?: Actor;
  /** the name shown and audited (default: the file's own name) */
  fileName?: string;
  onProgress?: (p: ImportProgress) => void;
  /** after each committed batch (tests: a throw stops the import as a crash would) */
  afterBatch?: RunHooks['afterBatch'];
}

export const isExcel = (name: string) => kindOf(name) === 'xlsx';

/** Records an import about to start (status running) and its run row, audited; returns its id. */
export async function createImport(
  db: Db,
  o: { fileName: string; totalBytes: number; actor: Actor; batchRows: number; fileId?: string },
): Promise<string> {
  return inTransaction(db, async (tx) => {
    const row = await tx
      .insertInto('energy_import')
      .values({
        file_name: o.fileName,
        total_bytes: o.totalBytes,
        kind: kindOf(o.fileName),
        created_by: o.actor.accountId,
        created_by_label: o.actor.label,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('energy_import_run')
      .values({ import_id: row.id, file_id: o.fileId ?? null, batch_rows: o.batchRows })
      .execute();
    await audit(tx, o.actor, {
      entity: 'energy.import',
      entityId: row.id,
      action: 'start',
      after: { file: o.fileName, bytes: o.totalBytes },
    });
    return row.id;
  });
}

/**
 * Imports a historical CSV or Excel file by path, in this process (the CLI and the benchmark; the web
 * import runs the same batches as a job). Rows are read and written in batches of `batchRows`, so
 * memory stays bounded whatever the file's size; each batch commits with its counts, offset and audit
 * record. A re-run of the same file skips what was stored, as duplicates. Progress in energy_import.
 */
/**
 * Readings per batch of a bulk import (the CLI; the benchmark's backfill). Large batches spread each
 * batch's per-point work — one neighbour probe, the day and month rollup rows — over more readings:
 * 200,000 imported at 1.4–1.6× the rows/s of 50,000 (bench/RESULTS.md), for ~100 MB more heap.
 */
export const IMPORT_BATCH_ROWS = 200_000;

export async function importFile(
  db: Db,
  file: string,
  opts: ImportOptions,
): Promise<ImportProgress & { importId: string }> {
  const actor = opts.actor ?? SYSTEM_ACTOR;
  const fileName = opts.fileName ?? file.split('/').at(-1)!;
  const totalBytes = fs.statSync(file).size;
  const batchRows = opts.batchRows ?? IMPORT_BATCH_ROWS;
  const importId = await createImport(db, { fileName, totalBytes, actor, batchRows });
  let last: ImportProgress = { bytes: 0, totalBytes, rows: 0, stored: 0, duplicates: 0, quarantined: 0 };
  const run = {
    importId,
    fileName,
    kind: kindOf(fileName),
    path: file,
    totalBytes,
    batchRows,
    timeZone: opts.timeZone,
    actor,
  };
  try {
    const outcome = await runImport(db, run, {
      onProgress: (p) => {
        last = p;
        opts.onProgress?.(p);
      },
      afterBatch: opts.afterBatch,
    });
    return { ...last, bytes: outcome === 'done' ? totalBytes : last.bytes, importId };
  } catch (e) {
    await failImport(db, run, e);
    throw e;
  }
}

/** The CLI's and the benchmark's entry: a CSV or Excel file by path. */
export const importCsvFile = importFile;
