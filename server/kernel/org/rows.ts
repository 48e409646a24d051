import type { Messages } from '../errors.ts';
import type { Column, SheetRow } from './excel.ts';
import { rankFromText, RANKS, type RankCode } from './ranks.ts';
import { CODE_PATTERN, EMAIL_PATTERN, LIMITS, PHONE_PATTERN } from './schemas.ts';
import { GENDERS, PERSON_STATUSES, UNIT_KINDS, UNIT_LEVELS, type Vocabulary } from './vocab.ts';
import type { PersonStatus, UnitKind, UnitLevel } from './tables.ts';

/**
 * Pure parsing of import rows: each cell is checked on its own (required, length, format, closed
 * lists by code or zh/en label). Checks that need the database (unit codes, scope) come later.
 * An optional cell left blank means "not given": a new row gets the default, an existing one keeps its value.
 */

export interface RowIssue {
  row: number;
  field: string;
  column: string;
  code: string;
  messages: Messages;
}

export const PEOPLE_COLUMNS = [
  { key: 'employeeNo', header: '工号', width: 14, required: true },
  { key: 'name', header: '姓名', width: 12, required: true },
  { key: 'gender', header: '性别', width: 8 },
  { key: 'unitCode', header: '单位编码', width: 16, required: true },
  { key: 'department', header: '部门', width: 18 },
  { key: 'rank', header: '职级', width: 14, required: true },
  { key: 'position', header: '职务', width: 16 },
  { key: 'phone', header: '电话', width: 16 },
  { key: 'email', header: '电子邮箱', width: 24 },
  { key: 'status', header: '状态', width: 8 },
] as const satisfies readonly Column[];
export type PersonColumn = (typeof PEOPLE_COLUMNS)[number]['key'];

export const UNIT_COLUMNS = [
  { key: 'code', header: '单位编码', width: 16, required: true },
  { key: 'name', header: '单位名称', width: 30, required: true },
  { key: 'shortName', header: '简称', width: 14 },
  { key: 'kind', header: '类型', width: 10, required: true },
  { key: 'level', header: '层级', width: 8, required: true },
  { key: 'jurisdiction', header: '所属辖区', width: 12, required: true },
  { key: 'parentCode', header: '上级单位编码', width: 16 },
  { key: 'establishment', header: '编制数', width: 8 },
  { key: 'address', header: '地址', width: 36 },
] as const satisfies readonly Column[];
export type UnitColumn = (typeof UNIT_COLUMNS)[number]['key'];

export interface PersonRowValues {
  row: number;
  employeeNo: string;
  name: string;
  gender: 'male' | 'female' | undefined;
  unitCode: string;
  department: string | undefined;
  rank: RankCode;
  position: string | undefined;
  phone: string | undefined;
  email: string | undefined;
  status: PersonStatus | undefined;
}

export interface UnitRowValues {
  row: number;
  code: string;
  name: string;
  shortName: string | undefined;
  kind: UnitKind;
  level: UnitLevel;
  /** a jurisdiction's code or name, resolved against the database later */
  jurisdiction: string;
  parentCode: string | undefined;
  establishment: number | undefined;
  address: string | undefined;
}

/** Collects the issues of one row while reading its cells. */
class RowReader {
  readonly issues: RowIssue[] = [];
  constructor(
    private readonly sheetRow: SheetRow,
    private readonly columns: readonly Column[],
  ) {}

  private fail(key: string, code: string, messages: (col: string) => Messages): undefined {
    const column = this.columns.find((c) => c.key === key)!.header;
    this.issues.push({ row: this.sheetRow.row, field: key, column, code, messages: messages(column) });
    return undefined;
  }

  raw(key: string): string {
    const header = this.columns.find((c) => c.key === key)!.header;
    return this.sheetRow.cells[header] ?? '';
  }

  text(key: string, max: number, pattern?: RegExp): string | undefined {
    const value = this.raw(key);
    const required = this.columns.find((c) => c.key === key)!.required === true;
    if (value === '') {
      return required
        ? this.fail(key, 'required', (c) => ({ 'zh-CN': `「${c}」不能为空`, en: `"${c}" is required` }))
        : undefined;
    }
    if (value.length > max) {
      return this.fail(key, 'too_long', (c) => ({
        'zh-CN': `「${c}」最多 ${max} 个字符`,
        en: `"${c}" may have at most ${max} characters`,
      }));
    }
    if (pattern && !pattern.test(value)) {
      return this.fail(key, 'invalid_format', (c) => ({
        'zh-CN': `「${c}」格式不正确：${value}`,
        en: `"${c}" has the wrong format: ${value}`,
      }));
    }
    return value;
  }

  choice<C extends string>(
    key: string,
    find: (text: string) => C | undefined,
    allowed: string[],
  ): C | undefined {
    const value = this.text(key, 100);
    if (value === undefined) return undefined;
    const code = find(value);
    if (code === undefined) {
      return this.fail(key, 'unknown_value', (c) => ({
        'zh-CN': `「${c}」的值「${value}」无效，可选：${allowed.join('、')}`,
        en: `"${c}" has an unknown value "${value}"; allowed: ${allowed.join(', ')}`,
      }));
    }
    return code;
  }

  vocab<C extends string>(key: string, v: Vocabulary<C>): C | undefined {
    return this.choice(
      key,
      v.fromText,
      v.codes.map((c) => v.label(c, 'zh-CN')),
    );
  }

  integer(key: string, min: number, max: number): number | undefined {
    const value = this.text(key, 20);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || n < min || n > max) {
      return this.fail(key, 'invalid_number', (c) => ({
        'zh-CN': `「${c}」须为 ${min} 至 ${max} 之间的整数：${value}`,
        en: `"${c}" must be a whole number from ${min} to ${max}: ${value}`,
      }));
    }
    return n;
  }
}

/**
 * A parsed row: `value` when every cell is good; else its `issues` and, in `partial`, the cells that
 * did read well, so that the database checks (unit codes, scope) can still report on them.
 */
export interface ParsedRow<T> {
  value?: T;
  partial?: Partial<T> & { row: number };
  issues: RowIssue[];
}

export function parsePersonRow(r: SheetRow): ParsedRow<PersonRowValues> {
  const read = new RowReader(r, PEOPLE_COLUMNS);
  const value = {
    row: r.row,
    employeeNo: read.text('employeeNo', LIMITS.employeeNo, CODE_PATTERN),
    name: read.text('name', LIMITS.personName),
    gender: read.vocab('gender', GENDERS),
    unitCode: read.text('unitCode', LIMITS.unitCode, CODE_PATTERN),
    department: read.text('department', LIMITS.departmentName),
    rank: read.choice(
      'rank',
      rankFromText,
      RANKS.map((x) => x.label['zh-CN']),
    ),
    position: read.text('position', LIMITS.position),
    phone: read.text('phone', LIMITS.phone, PHONE_PATTERN),
    email: read.text('email', LIMITS.email, EMAIL_PATTERN),
    status: read.vocab('status', PERSON_STATUSES),
  };
  if (read.issues.length > 0) return { partial: value, issues: read.issues };
  return { value: value as PersonRowValues, issues: [] };
}

export function parseUnitRow(r: SheetRow): ParsedRow<UnitRowValues> {
  const read = new RowReader(r, UNIT_COLUMNS);
  const value = {
    row: r.row,
    code: read.text('code', LIMITS.unitCode, CODE_PATTERN),
    name: read.text('name', LIMITS.unitName),
    shortName: read.text('shortName', LIMITS.shortName),
    kind: read.vocab('kind', UNIT_KINDS),
    level: read.vocab('level', UNIT_LEVELS),
    jurisdiction: read.text('jurisdiction', 100),
    parentCode: read.text('parentCode', LIMITS.unitCode, CODE_PATTERN),
    establishment: read.integer('establishment', 0, LIMITS.establishment),
    address: read.text('address', LIMITS.address),
  };
  if (read.issues.length > 0) return { partial: value, issues: read.issues };
  return { value: value as UnitRowValues, issues: [] };
}

/** Issues for required columns missing from the header row (reported against row 1). */
export function missingColumns(headers: readonly string[], columns: readonly Column[]): RowIssue[] {
  return columns
    .filter((c) => c.required && !headers.includes(c.header))
    .map((c) => ({
      row: 1,
      field: c.key,
      column: c.header,
      code: 'missing_column',
      messages: { 'zh-CN': `表头缺少「${c.header}」列`, en: `The header row lacks the "${c.header}" column` },
    }));
}

/** Issues for rows repeating a key an earlier row of the same file already used. */
export function duplicateKeys<T extends { row: number }>(
  rows: readonly T[],
  key: (r: T) => string | undefined,
  field: string,
  column: string,
): RowIssue[] {
  const first = new Map<string, number>();
  const issues: RowIssue[] = [];
  for (const r of rows) {
    const k = key(r);
    if (k === undefined) continue;
    const seen = first.get(k);
    if (seen === undefined) first.set(k, r.row);
    else {
      issues.push({
        row: r.row,
        field,
        column,
        code: 'duplicate_in_file',
        messages: {
          'zh-CN': `「${column}」${k} 与第 ${seen} 行重复`,
          en: `"${column}" ${k} repeats row ${seen}`,
        },
      });
    }
  }
  return issues;
}
