import fs from 'node:fs';
import readline from 'node:readline';
import type { Db } from '../../../kernel/db/schema.ts';
import { ingestReadings, type IngestResult } from './pipeline.ts';
import { parseCsvLines, type IncomingReading, type Rejected } from './parse.ts';

export interface ImportProgress extends IngestResult {
  bytes: number;
  totalBytes: number;
  rows: number;
}

/**
 * Imports a historical CSV file (`point,ts,value[,kind]`) streaming: lines are read and written in
 * batches of `batchRows`, so memory stays bounded whatever the file's size; each batch commits on its
 * own (a re-run after a failure skips what was stored, as duplicates). Progress in energy_import.
 */
export async function importCsvFile(
  db: Db,
  file: string,
  opts: { timeZone: string; batchRows?: number; onProgress?: (p: ImportProgress) => void },
): Promise<ImportProgress> {
  const totalBytes = fs.statSync(file).size;
  const job = await db
    .insertInto('energy_import')
    .values({ file_name: file.split('/').at(-1)!, total_bytes: totalBytes })
    .returning('id')
    .executeTakeFirstOrThrow();
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  const p: ImportProgress = { bytes: 0, totalBytes, rows: 0, stored: 0, duplicates: 0, quarantined: 0 };
  const batchRows = opts.batchRows ?? 20_000;
  let batch: (IncomingReading | Rejected)[] = [];
  const flush = async () => {
    const r = await ingestReadings(db, batch, {
      source: 'import',
      timeZone: opts.timeZone,
      futureMinutes: 60,
    });
    p.rows += batch.length;
    p.stored += r.stored;
    p.duplicates += r.duplicates;
    p.quarantined += r.quarantined;
    p.bytes = stream.bytesRead;
    batch = [];
    await db
      .updateTable('energy_import')
      .set({
        processed_bytes: p.bytes,
        rows_read: p.rows,
        rows_stored: p.stored,
        rows_duplicate: p.duplicates,
        rows_quarantined: p.quarantined,
      })
      .where('id', '=', job.id)
      .execute();
    opts.onProgress?.(p);
  };
  try {
    for await (const line of lines) {
      parseCsvLines([line], (r) => batch.push(r)); // a `point,ts,value` header line is skipped
      if (batch.length >= batchRows) await flush();
    }
    if (batch.length > 0) await flush();
    p.bytes = totalBytes;
    await db
      .updateTable('energy_import')
      .set({ status: 'done', processed_bytes: totalBytes, finished_at: new Date() })
      .where('id', '=', job.id)
      .execute();
    return p;
  } catch (e) {
    await db
      .updateTable('energy_import')
      .set({ status: 'failed', error: String(e).slice(0, 500), finished_at: new Date() })
      .where('id', '=', job.id)
      .execute();
    throw e;
  }
}
