import fs from 'node:fs';
import readline from 'node:readline';
import ExcelJS from 'exceljs';
import type { Db } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import { SYSTEM_ACTOR, type Actor } from '../../../kernel/http/access.ts';
import { ingestReadings, type IngestResult } from './pipeline.ts';
import { parseCsvLines, type IncomingReading, type Rejected } from './parse.ts';

export interface ImportProgress extends IngestResult {
  bytes: number;
  totalBytes: number;
  rows: number;
}

export interface ImportOptions {
  timeZone: string;
  batchRows?: number;
  /** who imports: every batch's audit record names them (the CLI: system) */
  actor?: Actor;
  /** the name shown and audited (default: the file's own name) */
  fileName?: string;
  /** an import row made beforehand (the web upload answers with its id before the work starts) */
  importId?: string;
  onProgress?: (p: ImportProgress) => void;
}

type Row = IncomingReading | Rejected;

export const isExcel = (name: string) => /\.xlsx$/i.test(name);

/** Records an import about to start (status running), audited; its id is what progress is polled by. */
export async function createImport(
  db: Db,
  o: { fileName: string; totalBytes: number; actor: Actor },
): Promise<string> {
  return inTransaction(db, async (tx) => {
    const row = await tx
      .insertInto('energy_import')
      .values({
        file_name: o.fileName,
        total_bytes: o.totalBytes,
        kind: isExcel(o.fileName) ? 'xlsx' : 'csv',
        created_by: o.actor.accountId,
        created_by_label: o.actor.label,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, o.actor, {
      entity: 'energy.import',
      entityId: row.id,
      action: 'start',
      after: { file: o.fileName, bytes: o.totalBytes },
    });
    return row.id;
  });
}

/** The rows of a CSV file (`point,ts,value[,kind]`), line by line. */
async function* csvRows(stream: fs.ReadStream): AsyncGenerator<Row> {
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  const out: Row[] = [];
  for await (const line of lines) {
    parseCsvLines([line], (r) => out.push(r)); // a `point,ts,value` header line is skipped
    yield* out.splice(0);
  }
}

const cellText = (v: ExcelJS.CellValue): unknown => {
  if (v instanceof Date) return v;
  if (v && typeof v === 'object') {
    if ('result' in v) return v.result; // a formula's cached value
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return v.text;
  }
  return v ?? null;
};

/**
 * The rows of the first worksheet of an .xlsx file, streamed (exceljs WorkbookReader): columns point,
 * ts (a date cell or ISO text), value, kind; a first row whose first cell reads "point" (or 计量点编码)
 * is a header. Dates without a zone are the deployment's local time, as Excel stores them.
 */
async function* xlsxRows(stream: fs.ReadStream): AsyncGenerator<Row> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'cache', // date cells are numbers formatted as dates
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
      if (row.number === 1 && /^(point|计量点编码|计量点)$/i.test(String(cells[0] ?? '').trim())) continue;
      if (cells.every((c) => c === null || String(c).trim() === '')) continue;
      const [point, ts, value, kind] = cells;
      // a date cell (or a bare serial day number, 1900 system) is a naive local time
      const date =
        ts instanceof Date
          ? ts
          : typeof ts === 'number' && ts > 36_526 && ts < 73_051
            ? new Date(Math.round((ts - 25_569) * 86_400) * 1000)
            : null;
      const when = date ? date.toISOString().slice(0, 19).replace('T', ' ') : String(ts ?? '').trim();
      const k = kind === null || kind === undefined ? '' : String(kind).trim();
      yield {
        point: String(point ?? '').trim(),
        ts: when,
        value: typeof value === 'number' ? value : String(value ?? ''),
        kind: k === 'interval' || k === 'register' ? k : k ? ('bad' as 'register') : undefined,
      };
    }
    break; // the first worksheet only
  }
}

/**
 * Imports a historical CSV or Excel file streaming: rows are read and written in batches of
 * `batchRows`, so memory stays bounded whatever the file's size. Each batch commits on its own with
 * its audit record (who, file, rows stored / duplicate / quarantined) in the same transaction; a
 * re-run after a failure skips what was stored, as duplicates. Progress in energy_import.
 */
export async function importFile(db: Db, file: string, opts: ImportOptions): Promise<ImportProgress> {
  const actor = opts.actor ?? SYSTEM_ACTOR;
  const fileName = opts.fileName ?? file.split('/').at(-1)!;
  const totalBytes = fs.statSync(file).size;
  const importId = opts.importId ?? (await createImport(db, { fileName, totalBytes, actor }));
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const p: ImportProgress = { bytes: 0, totalBytes, rows: 0, stored: 0, duplicates: 0, quarantined: 0 };
  const batchRows = opts.batchRows ?? 50_000;
  let batch: Row[] = [];
  const flush = async () => {
    const rows = batch;
    batch = [];
    const bytes = Math.min(stream.bytesRead, totalBytes);
    await ingestReadings(db, rows, {
      source: 'import',
      timeZone: opts.timeZone,
      futureMinutes: 60,
      importId,
      inTx: async (tx, r) => {
        p.rows += rows.length;
        p.stored += r.stored;
        p.duplicates += r.duplicates;
        p.quarantined += r.quarantined;
        p.bytes = bytes;
        await tx
          .updateTable('energy_import')
          .set({
            processed_bytes: p.bytes,
            rows_read: p.rows,
            rows_stored: p.stored,
            rows_duplicate: p.duplicates,
            rows_quarantined: p.quarantined,
          })
          .where('id', '=', importId)
          .execute();
        await audit(tx, actor, {
          entity: 'energy.import',
          entityId: importId,
          action: 'import',
          after: { file: fileName, rows: rows.length, ...r },
        });
      },
    });
    opts.onProgress?.(p);
  };
  try {
    const rows = isExcel(fileName) ? xlsxRows(stream) : csvRows(stream);
    for await (const r of rows) {
      batch.push(r);
      if (batch.length >= batchRows) await flush();
    }
    if (batch.length > 0) await flush();
    p.bytes = totalBytes;
    await inTransaction(db, async (tx) => {
      await tx
        .updateTable('energy_import')
        .set({ status: 'done', processed_bytes: totalBytes, finished_at: new Date() })
        .where('id', '=', importId)
        .execute();
      await audit(tx, actor, {
        entity: 'energy.import',
        entityId: importId,
        action: 'complete',
        after: {
          file: fileName,
          rows: p.rows,
          stored: p.stored,
          duplicates: p.duplicates,
          quarantined: p.quarantined,
        },
      });
    });
    return p;
  } catch (e) {
    stream.destroy();
    await inTransaction(db, async (tx) => {
      await tx
        .updateTable('energy_import')
        .set({ status: 'failed', error: String(e).slice(0, 500), finished_at: new Date() })
        .where('id', '=', importId)
        .execute();
      await audit(tx, actor, {
        entity: 'energy.import',
        entityId: importId,
        action: 'fail',
        after: { file: fileName, rows: p.rows, error: String(e).slice(0, 200) },
      });
    });
    throw e;
  }
}

/** The CLI's and the benchmark's entry: a CSV or Excel file by path. */
export const importCsvFile = importFile;
