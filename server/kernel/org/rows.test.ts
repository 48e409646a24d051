import { describe, expect, it } from 'vitest';
import { cellText } from './excel.ts';
import { isRank, rankFromText, rankOrder, listRanks } from './ranks.ts';
import { duplicateKeys, missingColumns, parsePersonRow, parseUnitRow, PEOPLE_COLUMNS } from './rows.ts';
import { UNIT_LEVELS } from './vocab.ts';

const personCells = (over: Record<string, string> = {}) => ({
  row: 7,
  cells: {
    工号: 'E1001',
    姓名: '张伟',
    性别: '男',
    单位编码: 'U-01',
    部门: '办公室',
    职级: '县处级副职',
    职务: '副主任',
    电话: '0519-88880000',
    状态: '在职',
    ...over,
  },
});

describe('rank catalogue', () => {
  it('orders nine national grades with staff_member last', () => {
    const ranks = listRanks('zh-CN');
    expect(ranks).toHaveLength(9);
    expect(ranks[0]).toEqual({ code: 'provincial_principal', label: '省部级正职', order: 1 });
    expect(ranks[8]).toEqual({ code: 'staff_member', label: '科员及以下', order: 9 });
    expect(rankOrder('bureau_principal')).toBeLessThan(rankOrder('division_principal'));
    expect(listRanks('en')[2]!.label).toBe('Department/bureau principal');
  });

  it('finds a rank by code or by either label, and nothing else', () => {
    expect(rankFromText('乡科级正职')).toBe('section_principal');
    expect(rankFromText(' division_deputy ')).toBe('division_deputy');
    expect(rankFromText('staff member and below')).toBe('staff_member');
    expect(rankFromText('处长')).toBeUndefined();
    expect(isRank('staff_member')).toBe(true);
    expect(isRank('general')).toBe(false);
  });
});

describe('cellText', () => {
  it('reads cells as typed', () => {
    expect(cellText(null)).toBe('');
    expect(cellText('  张伟 ')).toBe('张伟');
    expect(cellText(13800000000)).toBe('13800000000');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText({ richText: [{ text: '办公' }, { text: '室' }] })).toBe('办公室');
    expect(cellText({ formula: 'A1', result: 42 })).toBe('42');
    expect(cellText({ text: 'link', hyperlink: 'http://x' })).toBe('link');
    expect(cellText(new Date('2026-01-02T00:00:00Z'))).toBe('2026-01-02');
  });
});

describe('parsePersonRow', () => {
  it('accepts a complete row with labels and returns codes', () => {
    const { value, issues } = parsePersonRow(personCells());
    expect(issues).toEqual([]);
    expect(value).toEqual({
      row: 7,
      employeeNo: 'E1001',
      name: '张伟',
      gender: 'male',
      unitCode: 'U-01',
      department: '办公室',
      rank: 'division_deputy',
      position: '副主任',
      phone: '0519-88880000',
      status: 'active',
    });
  });

  it('accepts codes instead of labels and leaves blank optional cells undefined', () => {
    const { value } = parsePersonRow(
      personCells({ 性别: '', 部门: '', 职级: 'staff_member', 职务: '', 电话: '', 状态: 'retired' }),
    );
    expect(value).toMatchObject({
      gender: undefined,
      department: undefined,
      rank: 'staff_member',
      status: 'retired',
    });
  });

  it('reports every bad cell of a row with its field, column and code', () => {
    const { value, issues } = parsePersonRow(
      personCells({
        工号: '',
        姓名: '张'.repeat(51),
        性别: '未知',
        职级: '处长',
        电话: 'call me',
        状态: '离职',
      }),
    );
    expect(value).toBeUndefined();
    expect(issues.map((i) => [i.row, i.field, i.column, i.code])).toEqual([
      [7, 'employeeNo', '工号', 'required'],
      [7, 'name', '姓名', 'too_long'],
      [7, 'gender', '性别', 'unknown_value'],
      [7, 'rank', '职级', 'unknown_value'],
      [7, 'phone', '电话', 'invalid_format'],
      [7, 'status', '状态', 'unknown_value'],
    ]);
    expect(issues[3]!.messages['zh-CN']).toContain('科员及以下');
    expect(issues[0]!.messages.en).toBe('"工号" is required');
  });
});

describe('parseUnitRow', () => {
  const unitCells = (over: Record<string, string> = {}) => ({
    row: 3,
    cells: {
      单位编码: 'WJ-001',
      单位名称: '武进区机关事务管理中心',
      简称: '机关事务中心',
      类型: '事业单位',
      层级: '区级',
      所属辖区: '武进区',
      上级单位编码: 'WJ-000',
      编制数: '25',
      地址: '武进区人民路 1 号',
      ...over,
    },
  });

  it('accepts a complete row', () => {
    const { value, issues } = parseUnitRow(unitCells());
    expect(issues).toEqual([]);
    expect(value).toMatchObject({
      kind: 'institution',
      level: 'district',
      establishment: 25,
      parentCode: 'WJ-000',
    });
  });

  it('refuses bad kinds, levels, codes and establishments', () => {
    const { issues } = parseUnitRow(unitCells({ 单位编码: '武进 1', 类型: '企业', 层级: '', 编制数: '2.5' }));
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['code', 'invalid_format'],
      ['kind', 'unknown_value'],
      ['level', 'required'],
      ['establishment', 'invalid_number'],
    ]);
    expect(parseUnitRow(unitCells({ 编制数: '-1' })).issues[0]!.code).toBe('invalid_number');
    expect(UNIT_LEVELS.fromText('乡镇级')).toBe('township');
  });
});

describe('sheet-level checks', () => {
  it('lists required columns missing from the header', () => {
    const issues = missingColumns(['工号', '姓名', '部门'], PEOPLE_COLUMNS);
    expect(issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [1, '单位编码', 'missing_column'],
      [1, '职级', 'missing_column'],
    ]);
  });

  it('flags every repeat of a key after its first row', () => {
    const rows = [
      { row: 2, k: 'a' },
      { row: 3, k: 'b' },
      { row: 4, k: 'a' },
      { row: 5, k: 'a' },
    ];
    const issues = duplicateKeys(rows, (r) => r.k, 'employeeNo', '工号');
    expect(issues.map((i) => i.row)).toEqual([4, 5]);
    expect(issues[0]!.messages['zh-CN']).toContain('第 2 行');
  });
});
