import { CompiledQuery } from 'kysely';
import type { Executor } from './schema.ts';

/**
 * COPY … FROM STDIN for bulk writes, inside the caller's transaction, on PGlite and on a server: a
 * text marked here is sent by the pool (prepared.ts, `preparingPool`) as a COPY whose data is the
 * query's one value — through pg-copy-streams on a server, through the engine's `/dev/blob` on PGlite
 * (whose wire protocol has no COPY FROM STDIN). Several times cheaper than the same rows as array
 * parameters of an INSERT … SELECT unnest(…): no array literal to build and parse.
 */
export const COPY_MARK = '/* goa:copy */ ';

/**
 * Copies `data` (COPY text format: one line per row, tab-separated, see copyLine) into `table`. Given
 * chunks, a server receives each as it is made (it parses one while the next is built).
 */
export async function copyInto(
  ex: Executor,
  table: string,
  columns: readonly string[],
  data: string | Iterable<string>,
): Promise<number> {
  if (!/^[a-z_][a-z0-9_.]*$/.test(table) || columns.some((c) => !/^[a-z_][a-z0-9_]*$/.test(c)))
    throw new Error(`copyInto: bad table or column name (${table})`);
  if (typeof data === 'string' && data.length === 0) return 0;
  const text = `${COPY_MARK}copy ${table} (${columns.join(', ')}) from stdin`;
  const res = await ex.executeQuery(CompiledQuery.raw(text, [data]));
  return Number((res.rows[0] as { count?: number } | undefined)?.count ?? 0);
}

/**
 * One row in COPY text format, newline included: null as \N, booleans as t/f, numbers as written,
 * strings with backslash, tab, newline and carriage return escaped.
 */
export function copyLine(values: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += '\t';
    const v = values[i];
    if (v === null || v === undefined) line += '\\N';
    else if (typeof v === 'boolean') line += v ? 't' : 'f';
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`copyLine: ${v} is not a finite number`);
      line += String(v);
    } else line += escape(String(v));
  }
  return `${line}\n`;
}

const SPECIAL = /[\\\t\n\r]/;

function escape(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}
