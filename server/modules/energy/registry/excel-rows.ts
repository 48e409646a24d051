import type { Messages } from '../../../kernel/errors.ts';
import type { Column, SheetRow } from '../../../kernel/org/excel.ts';
import type { RowIssue } from '../../../kernel/org/rows.ts';
import { DEMONSTRATION, ENERGY_TYPE, INSTITUTION_KIND, POINT_KIND, SUB_ITEM, type Vocab } from './vocab.ts';
import type { Demonstration, EnergyType, InstitutionKind, PointKind, SubItem } from '../tables.ts';

/** Pure parsing of the registry's import rows; database checks come later. */

export const INSTITUTION_COLUMNS = [
  { key: 'code', header: '机构编码', width: 14, required: true },
  { key: 'name', header: '机构名称', width: 32, required: true },
  { key: 'jurisdiction', header: '所属辖区', width: 12, required: true },
  { key: 'kind', header: '机构类型', width: 12, required: true },
  { key: 'unitCode', header: '关联单位编码', width: 16 },
  { key: 'address', header: '地址', width: 30 },
  { key: 'lon', header: '经度', width: 11 },
  { key: 'lat', header: '纬度', width: 11 },
  { key: 'occupants', header: '用能人数', width: 10 },
  { key: 'demonstration', header: '示范类型', width: 10 },
  { key: 'building', header: '建筑名称', width: 14 },
  { key: 'floorArea', header: '建筑面积(m²)', width: 13 },
  { key: 'builtYear', header: '建成年份', width: 10 },
] as const satisfies readonly Column[];

export const POINT_COLUMNS = [
  { key: 'code', header: '计量点编码', width: 18, required: true },
  { key: 'name', header: '计量点名称', width: 22, required: true },
  { key: 'institutionCode', header: '机构编码', width: 14, required: true },
  { key: 'building', header: '建筑名称', width: 14 },
  { key: 'energyType', header: '能源种类', width: 10, required: true },
  { key: 'subItem', header: '分项', width: 12 },
  { key: 'parentCode', header: '上级表编码', width: 18 },
  { key: 'kind', header: '计量方式', width: 14 },
  { key: 'formula', header: '公式', width: 36 },
  { key: 'multiplier', header: '倍率', width: 8 },
  { key: 'interval', header: '采集间隔(分钟)', width: 14 },
] as const satisfies readonly Column[];

export interface InstitutionRow {
  row: number;
  code: string;
  name: string;
  jurisdiction: string;
  kind: InstitutionKind;
  unitCode?: string;
  address?: string;
  lon?: number;
  lat?: number;
  occupants?: number;
  demonstration?: Demonstration;
  building?: string;
  floorArea?: number;
  builtYear?: number;
}

export interface PointRow {
  row: number;
  code: string;
  name: string;
  institutionCode: string;
  building?: string;
  energyType: EnergyType;
  subItem?: SubItem;
  parentCode?: string;
  kind: PointKind;
  formula?: string;
  multiplier?: number;
  interval?: number;
}

class Reader {
  readonly issues: RowIssue[] = [];
  constructor(
    private readonly r: SheetRow,
    private readonly columns: readonly Column[],
  ) {}
  private col(key: string) {
    return this.columns.find((c) => c.key === key)!;
  }
  fail(key: string, code: string, messages: (c: string) => Messages): undefined {
    const column = this.col(key).header;
    this.issues.push({ row: this.r.row, field: key, column, code, messages: messages(column) });
    return undefined;
  }
  text(key: string, max: number, pattern?: RegExp): string | undefined {
    const v = this.r.cells[this.col(key).header] ?? '';
    if (v === '') {
      return this.col(key).required
        ? this.fail(key, 'required', (c) => ({ 'zh-CN': `「${c}」不能为空`, en: `"${c}" is required` }))
        : undefined;
    }
    if (v.length > max) {
      return this.fail(key, 'too_long', (c) => ({
        'zh-CN': `「${c}」最多 ${max} 个字符`,
        en: `"${c}" may have at most ${max} characters`,
      }));
    }
    if (pattern && !pattern.test(v)) {
      return this.fail(key, 'invalid_format', (c) => ({
        'zh-CN': `「${c}」格式不正确：${v}`,
        en: `"${c}" has the wrong format: ${v}`,
      }));
    }
    return v;
  }
  number(key: string, min: number, max: number, integer = false): number | undefined {
    const v = this.text(key, 30);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      return this.fail(key, 'invalid_number', (c) => ({
        'zh-CN': `「${c}」须为 ${min} 至 ${max} 之间的${integer ? '整数' : '数值'}：${v}`,
        en: `"${c}" must be a ${integer ? 'whole number' : 'number'} from ${min} to ${max}: ${v}`,
      }));
    }
    return n;
  }
  choice<C extends string>(key: string, v: Vocab<C>): C | undefined {
    const text = this.text(key, 40);
    if (text === undefined) return undefined;
    const code = v.fromText(text);
    if (code === undefined) {
      const allowed = v.codes.map((c) => v.label(c, 'zh-CN'));
      return this.fail(key, 'unknown_value', (c) => ({
        'zh-CN': `「${c}」的值「${text}」无效，可选：${allowed.join('、')}`,
        en: `"${c}" has an unknown value "${text}"; allowed: ${allowed.join(', ')}`,
      }));
    }
    return code;
  }
}

const CODE40 = /^[A-Za-z0-9_.-]{1,40}$/;
const CODE64 = /^[A-Za-z0-9_.-]{1,64}$/;

export function parseInstitutionRow(r: SheetRow): { value?: InstitutionRow; issues: RowIssue[] } {
  const read = new Reader(r, INSTITUTION_COLUMNS);
  const v = {
    row: r.row,
    code: read.text('code', 40, CODE40),
    name: read.text('name', 120),
    jurisdiction: read.text('jurisdiction', 60),
    kind: read.choice('kind', INSTITUTION_KIND),
    unitCode: read.text('unitCode', 64),
    address: read.text('address', 200),
    lon: read.number('lon', -180, 180),
    lat: read.number('lat', -90, 90),
    occupants: read.number('occupants', 0, 1_000_000, true),
    demonstration: read.choice('demonstration', DEMONSTRATION),
    building: read.text('building', 120),
    floorArea: read.number('floorArea', 0.01, 10_000_000),
    builtYear: read.number('builtYear', 1900, 2100, true),
  };
  if (v.building && v.floorArea === undefined && read.issues.every((i) => i.field !== 'floorArea')) {
    read.fail('floorArea', 'required', (c) => ({
      'zh-CN': `填写了建筑名称时「${c}」不能为空`,
      en: `"${c}" is required with a building name`,
    }));
  }
  if (read.issues.length > 0 || !v.code || !v.name || !v.jurisdiction || !v.kind)
    return { issues: read.issues };
  return { value: v as InstitutionRow, issues: [] };
}

export function parsePointRow(r: SheetRow): { value?: PointRow; issues: RowIssue[] } {
  const read = new Reader(r, POINT_COLUMNS);
  const v = {
    row: r.row,
    code: read.text('code', 64, CODE64),
    name: read.text('name', 120),
    institutionCode: read.text('institutionCode', 40, CODE40),
    building: read.text('building', 120),
    energyType: read.choice('energyType', ENERGY_TYPE),
    subItem: read.choice('subItem', SUB_ITEM),
    parentCode: read.text('parentCode', 64, CODE64),
    kind: read.choice('kind', POINT_KIND) ?? 'metered',
    formula: read.text('formula', 500),
    multiplier: read.number('multiplier', 0.0001, 100_000),
    interval: read.number('interval', 1, 60, true),
  };
  if (v.interval !== undefined && ![1, 5, 15, 30, 60].includes(v.interval)) {
    read.fail('interval', 'invalid_interval', (c) => ({
      'zh-CN': `「${c}」须为 1、5、15、30 或 60`,
      en: `"${c}" must be 1, 5, 15, 30 or 60`,
    }));
  }
  if (v.subItem && v.energyType && v.energyType !== 'electricity') {
    read.fail('subItem', 'sub_item_not_electricity', () => ({
      'zh-CN': '只有电计量点可以设置分项',
      en: 'Only electricity points carry a sub-item',
    }));
  }
  if ((v.kind === 'virtual') !== Boolean(v.formula)) {
    read.fail('formula', 'formula_required', () => ({
      'zh-CN': '虚拟表须填写公式，其他计量方式不能填写公式',
      en: 'A virtual meter needs a formula; other kinds take none',
    }));
  }
  if (read.issues.length > 0 || !v.code || !v.name || !v.institutionCode || !v.energyType) {
    return { issues: read.issues };
  }
  return { value: v as PointRow, issues: [] };
}
