import type { DataScope } from '../access/scope.ts';
import type { Db, Tx } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { DomainError, type Locale } from '../errors.ts';
import type { Actor } from '../http/access.ts';
import { readSheet, type Column, type SheetRow } from './excel.ts';
import { duplicateKeys, missingColumns, type ParsedRow, type RowIssue } from './rows.ts';

/** What every import shares: reading and checking the sheet, the all-or-nothing frame, chunking. */

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

export function importInvalid(issues: readonly RowIssue[], locale: Locale): DomainError {
  const sorted = [...issues].sort((a, b) => a.row - b.row);
  const rows = new Set(sorted.map((i) => i.row)).size;
  return new DomainError(
    'import_invalid',
    'invalid',
    {
      'zh-CN': `导入文件有 ${rows} 行存在 ${sorted.length} 处错误，未写入任何数据；请修正后重新导入`,
      en: `${rows} rows of the file have ${sorted.length} problems; nothing was written. Fix them and import again`,
    },
    sorted.map((i) => ({
      row: i.row,
      field: i.field,
      column: i.column,
      code: i.code,
      message: i.messages[locale],
    })),
  );
}

export const emptyImport = () =>
  new DomainError('import_empty', 'invalid', {
    'zh-CN': '文件中没有数据行',
    en: 'The file has no data rows',
  });

export function rowIssue(
  row: number,
  field: string,
  column: string,
  code: string,
  zh: string,
  en: string,
): RowIssue {
  return { row, field, column, code, messages: { 'zh-CN': zh, en } };
}

/** A row naming a jurisdiction (by code or name) that does not exist. */
export function unknownJurisdiction(row: number, field: string, column: string, given: string): RowIssue {
  return rowIssue(
    row,
    field,
    column,
    'unknown_jurisdiction',
    `辖区「${given}」不存在`,
    `No jurisdiction is named "${given}"`,
  );
}

/** A row naming a unit code that no unit has. */
export function unknownUnit(row: number, field: string, column: string, given: string): RowIssue {
  return rowIssue(
    row,
    field,
    column,
    'unknown_unit',
    `单位编码 ${given} 不存在`,
    `No unit has the code ${given}`,
  );
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The columns of an import's sheet, how one row is parsed, and the key that must not repeat. */
export interface SheetSpec<T> {
  columns: readonly Column[];
  parse: (row: SheetRow) => ParsedRow<T>;
  key: (value: T) => string;
  keyField: string;
  keyHeader: string;
}

/**
 * The first step of every import: read the sheet, refuse missing columns and empty sheets at once,
 * parse every row, and flag keys repeated within the file. Issues are collected, not thrown, so that
 * the caller can add its database checks and report every bad row together. Rows with a bad cell come
 * back in `rejected` with the cells that read well, for the database checks to report on them too.
 */
export async function parseImportSheet<T extends { row: number }>(
  data: Buffer,
  locale: Locale,
  spec: SheetSpec<T>,
): Promise<{ parsed: T[]; rejected: Rejected<T>[]; issues: RowIssue[] }> {
  const sheet = await readSheet(data);
  const headerIssues = missingColumns(sheet.headers, spec.columns);
  if (headerIssues.length > 0) throw importInvalid(headerIssues, locale);
  if (sheet.rows.length === 0) throw emptyImport();
  const issues: RowIssue[] = [];
  const parsed: T[] = [];
  const rejected: Rejected<T>[] = [];
  for (const r of sheet.rows) {
    const p = spec.parse(r);
    issues.push(...p.issues);
    if (p.value) parsed.push(p.value);
    else if (p.partial) rejected.push(p.partial);
  }
  const everyRow = [...parsed, ...rejected].sort((a, b) => a.row - b.row);
  issues.push(...duplicateKeys(everyRow, keyOf(spec.key), spec.keyField, spec.keyHeader));
  return { parsed, rejected, issues };
}

/** A row with a bad cell: only the cells that read well. */
export type Rejected<T> = Partial<T> & { row: number };

/** The key of a whole row, or of a rejected one whose key cell read well (else undefined). */
function keyOf<T>(key: (value: T) => string): (r: T | Rejected<T>) => string | undefined {
  return (r) => {
    try {
      return key(r as T) || undefined;
    } catch {
      return undefined;
    }
  };
}

/** An import of one sheet: its columns and rows, then the database checks and the writes. */
export interface SheetImport<T, Plan> extends SheetSpec<T> {
  /**
   * looks the parsed rows up in the database, adds an issue for every bad one, and plans the writes;
   * checks the good cells of the `rejected` rows as well, so that each row reports every reason at once
   */
  check(tx: Tx, parsed: T[], issues: RowIssue[], scope: DataScope, rejected: Rejected<T>[]): Promise<Plan>;
  /** carries the plan out; runs only when no row of the sheet has an issue */
  write(tx: Tx, plan: Plan, actor: Actor): Promise<ImportResult>;
}

/**
 * An all-or-nothing import: parses the sheet (`parseImportSheet`), then in one transaction `check`s
 * every row against the database and — only when no row has an issue — `write`s; else it throws
 * `import_invalid` with every issue of every row, and nothing is written.
 */
export function sheetImport<T extends { row: number }, Plan>(spec: SheetImport<T, Plan>) {
  return async (
    db: Db,
    scope: DataScope,
    actor: Actor,
    locale: Locale,
    data: Buffer,
  ): Promise<ImportResult> => {
    const { parsed, rejected, issues } = await parseImportSheet(data, locale, spec);
    return inTransaction(db, async (tx) => {
      const plan = await spec.check(tx, parsed, issues, scope, rejected);
      if (issues.length > 0) throw importInvalid(issues, locale);
      return spec.write(tx, plan, actor);
    });
  };
}
