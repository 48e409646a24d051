import { describe, expect, it, vi } from 'vitest';
import { DataScope } from '../access/scope.ts';
import type { Db, Tx } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../http/access.ts';
import { writeSheet, type Column, type SheetRow } from './excel.ts';
import { rowIssue, sheetImport, unknownJurisdiction, unknownUnit } from './import-shared.ts';
import type { RowIssue } from './rows.ts';

// a database already inside a transaction: inTransaction() runs the callback on it directly
const db = { isTransaction: true } as unknown as Db;
const scope = DataScope.everything();
const actor: Actor = { accountId: null, label: 'test', ip: null };
const COLUMNS = [
  { key: 'code', header: '编码', width: 10, required: true },
  { key: 'name', header: '名称', width: 10 },
] as const satisfies readonly Column[];
type Row = { row: number; code: string; name: string };

const sheet = (rows: [string, string][]) =>
  writeSheet(
    'test',
    COLUMNS,
    rows.map(([code, name]) => ({ code, name })),
  );

/** An import whose database check refuses the names listed in `bad`. */
function fixture(bad: string[] = []) {
  const check = vi.fn(async (_tx: Tx, parsed: Row[], issues: RowIssue[], s: DataScope) => {
    for (const p of parsed)
      if (bad.includes(p.name))
        issues.push(rowIssue(p.row, 'name', '名称', 'bad_name', '名称不可用', 'Bad name'));
    return { count: parsed.length, scoped: s === scope };
  });
  const write = vi.fn(async (_tx: Tx, plan: { count: number; scoped: boolean }, a: Actor) => ({
    created: plan.scoped && a === actor ? plan.count : -1,
    updated: 0,
    unchanged: 0,
  }));
  const run = sheetImport({
    columns: COLUMNS,
    parse: (r: SheetRow) => ({
      value: { row: r.row, code: r.cells['编码'] ?? '', name: r.cells['名称'] ?? '' },
      issues: [],
    }),
    key: (r) => r.code,
    keyField: 'code',
    keyHeader: '编码',
    check,
    write,
  });
  return { check, write, run };
}

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
};

describe('sheetImport', () => {
  it('checks every parsed row with the scope, then writes the plan as the actor', async () => {
    const f = fixture();
    const result = await f.run(
      db,
      scope,
      actor,
      'en',
      await sheet([
        ['A', 'one'],
        ['B', 'two'],
      ]),
    );
    expect(result).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(f.check.mock.calls[0]![1].map((r) => r.row)).toEqual([2, 3]);
    expect(f.write).toHaveBeenCalledTimes(1);
  });

  it('writes nothing when a row fails the database check, and reports it by row', async () => {
    const f = fixture(['two']);
    const e = await refusal(
      f.run(
        db,
        scope,
        actor,
        'en',
        await sheet([
          ['A', 'one'],
          ['B', 'two'],
        ]),
      ),
    );
    expect(e.code).toBe('import_invalid');
    expect(e.details).toEqual([
      { row: 3, field: 'name', column: '名称', code: 'bad_name', message: 'Bad name' },
    ]);
    expect(f.write).not.toHaveBeenCalled();
  });

  it('reports the sheet’s own issues together with the database’s, rows in order', async () => {
    const f = fixture(['one']);
    const e = await refusal(
      f.run(
        db,
        scope,
        actor,
        'zh-CN',
        await sheet([
          ['A', 'x'],
          ['A', 'y'],
          ['C', 'one'],
        ]),
      ),
    );
    expect(f.check).toHaveBeenCalledTimes(1);
    expect(e.details.map((d) => [d.row, d.code])).toEqual([
      [3, 'duplicate_in_file'],
      [4, 'bad_name'],
    ]);
    expect(e.details[1]!.message).toBe('名称不可用');
    expect(f.write).not.toHaveBeenCalled();
  });

  it('refuses a sheet without a required column before looking anything up', async () => {
    const f = fixture();
    const data = await writeSheet('test', [{ key: 'name', header: '名称', width: 10 }], [{ name: 'x' }]);
    const e = await refusal(f.run(db, scope, actor, 'en', data));
    expect(e.details).toMatchObject([{ row: 1, column: '编码', code: 'missing_column' }]);
    expect(f.check).not.toHaveBeenCalled();
  });
});

describe('unknown references', () => {
  it('names the jurisdiction as given, in both languages', () => {
    expect(unknownJurisdiction(5, 'jurisdiction', '所属辖区', '新区')).toEqual({
      row: 5,
      field: 'jurisdiction',
      column: '所属辖区',
      code: 'unknown_jurisdiction',
      messages: { 'zh-CN': '辖区「新区」不存在', en: 'No jurisdiction is named "新区"' },
    });
  });

  it('names the unit code as given, under the page’s column', () => {
    expect(unknownUnit(6, 'unitCode', '关联单位编码', 'U-9')).toEqual({
      row: 6,
      field: 'unitCode',
      column: '关联单位编码',
      code: 'unknown_unit',
      messages: { 'zh-CN': '单位编码 U-9 不存在', en: 'No unit has the code U-9' },
    });
  });
});
