import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { parseCsvLines, type IncomingReading, type Rejected } from '../parse.ts';

export type Row = IncomingReading | Rejected;

/** One row of a file with where it ends: what a batch commits as its resume point. */
export interface SourceRow {
  row: Row;
  /** the file's line (CSV, 1-based) or worksheet row number (Excel) that held the row */
  rowNo: number;
  /** CSV: the byte just past the row's line; Excel: the compressed bytes read so far (progress only) */
  endByte: number;
}

export type FileKind = 'csv' | 'xlsx';

export const kindOf = (name: string): FileKind => (/\.xlsx$/i.test(name) ? 'xlsx' : 'csv');

/** The file could not be read as a CSV or Excel file (retrying will not help). */
export class FileUnreadable extends Error {
  constructor(cause: unknown) {
    super(`file unreadable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'FileUnreadable';
  }
}

/**
 * The rows of a CSV file (`point,ts,value[,kind]`) from byte `start` (the start of a line), with the
 * byte offset after each row's line, so that an import can resume exactly there. Lines are split on
 * LF in bytes (UTF-8 never has 0x0A inside a character); a UTF-8 BOM at the file's start is dropped.
 */
export async function* csvSource(file: string, start = 0, startLine = 0): AsyncGenerator<SourceRow> {
  const stream = fs.createReadStream(file, { start, highWaterMark: 1 << 20 });
  let base = start; // file offset of rest[0]
  let rest: Buffer = Buffer.alloc(0);
  let line = startLine;
  const out: Row[] = [];
  const emit = function* (buf: Buffer, from: number, to: number, end: number) {
    line++;
    let text = buf.toString('utf8', from, to);
    if (base + from === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    parseCsvLines([text], (r) => out.push(r)); // a `point,ts,value` header line yields nothing
    for (const row of out.splice(0)) yield { row, rowNo: line, endByte: end };
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      let from = 0;
      for (;;) {
        const nl = buf.indexOf(10, from);
        if (nl < 0) break;
        yield* emit(buf, from, nl, base + nl + 1);
        from = nl + 1;
      }
      rest = buf.subarray(from);
      base += from;
    }
    if (rest.length > 0) yield* emit(rest, 0, rest.length, base + rest.length);
  } finally {
    stream.destroy();
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
 * The rows of the first worksheet of an .xlsx file, streamed (exceljs WorkbookReader), after worksheet
 * row `afterRow` (a zip cannot be entered in the middle: a resumed import reads past the committed
 * rows without writing them). Columns point, ts (a date cell or ISO text), value, kind; a first row
 * whose first cell reads "point" (or 计量点编码) is a header. Dates without a zone are the
 * deployment's local time, as Excel stores them.
 */
export async function* xlsxSource(file: string, afterRow = 0): AsyncGenerator<SourceRow> {
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'cache', // date cells are numbers formatted as dates
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (row.number <= afterRow) continue;
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
          row: {
            point: String(point ?? '').trim(),
            ts: when,
            value: typeof value === 'number' ? value : String(value ?? ''),
            kind: k === 'interval' || k === 'register' ? k : k ? ('bad' as 'register') : undefined,
          },
          rowNo: row.number,
          endByte: stream.bytesRead,
        };
      }
      break; // the first worksheet only
    }
  } finally {
    stream.destroy();
  }
}

/** The rows of a file after a committed offset; read errors become FileUnreadable. */
export async function* rowsAfter(
  file: string,
  kind: FileKind,
  at: { byteOffset: number; rowOffset: number },
): AsyncGenerator<SourceRow> {
  const source =
    kind === 'xlsx' ? xlsxSource(file, at.rowOffset) : csvSource(file, at.byteOffset, at.rowOffset);
  for (;;) {
    let next: IteratorResult<SourceRow>;
    try {
      next = await source.next();
    } catch (e) {
      throw new FileUnreadable(e);
    }
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Whether a file looks importable before anything is stored: its first rows must include at least one
 * with the shape `point,ts,value` (a header, blank and malformed lines aside). Throws FileUnreadable.
 */
export async function probe(file: string, kind: FileKind): Promise<boolean> {
  let seen = 0;
  for await (const r of rowsAfter(file, kind, { byteOffset: 0, rowOffset: 0 })) {
    if (!('reason' in r.row && r.row.reason === 'malformed' && r.row.detail === 'fields')) return true;
    if (++seen >= 50) break;
  }
  return false;
}
