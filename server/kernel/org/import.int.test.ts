import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildUnit } from '../testing/factories.ts';
import { countRows, createTestApp, dbKinds, TestClient, type TestApp } from '../testing/harness.ts';
import { download, orgCity, readXlsx, upload, xlsx, type OrgCity } from './test-fixture.ts';

const TABLES = ['org_unit', 'org_department', 'org_person', 'audit_log'];
const PEOPLE = ['工号', '姓名', '性别', '单位编码', '部门', '职级', '职务', '电话', '状态'];
/** the template and exports carry every column, e-mail included (optional on import) */
const PEOPLE_ALL = ['工号', '姓名', '性别', '单位编码', '部门', '职级', '职务', '电话', '电子邮箱', '状态'];
const UNITS = ['单位编码', '单位名称', '简称', '类型', '层级', '所属辖区', '上级单位编码', '编制数', '地址'];

describe.each(dbKinds)('organisation import and export on %s', (kind) => {
  let t: TestApp;
  let c: OrgCity;
  const tag = Math.random().toString(36).slice(2, 7);
  beforeAll(async () => {
    t = await createTestApp(kind);
    c = await orgCity(t);
  });
  afterAll(() => t.close());

  const auditCount = async (entity: string, action: string) =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from audit_log where entity = ${entity} and action = ${action}`.execute(
        t.ctx.db,
      )
    ).rows[0]!.n;

  it('reports every bad row of a people sheet and writes nothing', async () => {
    const file = await xlsx(PEOPLE, [
      [`${tag}-1`, '周杰', '男', c.a1.code, '办公室', '科员及以下', '科员', '13800000001', '在职'],
      ['', '缺工号', '', c.a1.code, '', '科员及以下', '', '', ''],
      [`${tag}-3`, '错职级', '', c.a1.code, '', '处长', '', '', ''],
      [`${tag}-4`, '无单位', '', 'NO-SUCH-UNIT', '', 'staff_member', '', '', ''],
      [`${tag}-5`, '越权', '', c.b1.code, '', 'staff_member', '', '', ''],
      [`${tag}-1`, '重复工号', '女', c.a2.code, '', 'staff_member', '', '', '退休'],
      [`${tag}-7`, '多处错误', '其他', c.a2.code, '', '', '', 'x', '离职'],
    ]);
    const before = await countRows(t.ctx, TABLES);
    const res = await upload(c.districtA, '/api/org/people/import', file);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('import_invalid');
    const details = res.body.error.details as { row: number; field: string; code: string; message: string }[];
    expect(details.map((d) => [d.row, d.field, d.code])).toEqual([
      [3, 'employeeNo', 'required'],
      [4, 'rank', 'unknown_value'],
      [5, 'unitCode', 'unknown_unit'],
      [6, 'unitCode', 'out_of_scope'],
      [7, 'employeeNo', 'duplicate_in_file'],
      [8, 'gender', 'unknown_value'],
      [8, 'rank', 'required'],
      [8, 'phone', 'invalid_format'],
      [8, 'status', 'unknown_value'],
    ]);
    expect(details[0]!.message).toBe('「工号」不能为空');
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });

  it('reports every reason of a row at once: its bad cells and its unknown or out-of-scope references', async () => {
    const people = await xlsx(PEOPLE, [
      [`${tag}-m1`, '两处错误', '', 'NOPE', '', '处长', '', '', ''],
      [`${tag}-m2`, '越权错电话', '', c.b1.code, '', 'staff_member', '', 'x', ''],
      [`${tag}-m1`, '重复错性别', '其他', c.a1.code, '', 'staff_member', '', '', ''],
      [`${tag}-m4`, '正确', '', c.a1.code, '', 'staff_member', '', '', ''],
    ]);
    const before = await countRows(t.ctx, TABLES);
    const res = await upload(c.districtA, '/api/org/people/import', people);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('import_invalid');
    const details = res.body.error.details as { row: number; field: string; code: string; message: string }[];
    expect(details.map((d) => [d.row, d.field, d.code])).toEqual([
      [2, 'rank', 'unknown_value'],
      [2, 'unitCode', 'unknown_unit'],
      [3, 'phone', 'invalid_format'],
      [3, 'unitCode', 'out_of_scope'],
      [4, 'gender', 'unknown_value'],
      [4, 'employeeNo', 'duplicate_in_file'],
    ]);
    expect(details[1]!.message).toBe('单位编码 NOPE 不存在');
    expect(res.body.error.message).toContain('3 行存在 6 处错误');

    const units = await xlsx(UNITS, [
      [`${tag}-M1`, '错类型无辖区', '', '企业', '区级', '火星区', 'NOPE', null, null],
      [c.b1.code, '他区单位错层级', '', '机关', '省级', c.jB.name, null, null, null],
    ]);
    const res2 = await upload(c.districtA, '/api/org/units/import', units);
    expect(res2.status).toBe(400);
    expect(res2.body.error.details.map((d: { row: number; code: string }) => [d.row, d.code])).toEqual([
      [2, 'unknown_value'],
      [2, 'unknown_jurisdiction'],
      [2, 'unknown_parent'],
      [3, 'unknown_value'],
      [3, 'out_of_scope'],
    ]);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });

  it("gives each row's message in the caller's language and asks for a missing file", async () => {
    const file = await xlsx(PEOPLE, [['', '缺工号', '', c.a1.code, '', 'staff_member', '', '', '']]);
    const english = new TestClient(t.app, c.districtA.token, 'en');
    const res = await upload(english, '/api/org/people/import', file);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({
      row: 2,
      field: 'employeeNo',
      message: '"工号" is required',
    });
    expect(res.body.error.message).toMatch(/nothing was written/);
    const other = await upload(english, '/api/org/people/import', file, 'attachment');
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('import_no_file');
    const json = await english.post('/api/org/people/import', { file: 'x' });
    expect(json.body.error.code).toBe('import_no_file');
  });

  it('imports a valid people sheet: creates people and departments, one audit record per row', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => [
      `${tag}-v${i}`,
      `导入${i}`,
      i % 2 ? '女' : '男',
      i < 20 ? c.a1.code : c.a2.code,
      i % 3 ? `导入科${tag}` : null,
      i % 5 ? 'staff_member' : '乡科级副职',
      i % 4 ? null : '科长',
      null,
      null,
    ]);
    const peopleAudits = await auditCount('org.person', 'create');
    const deptAudits = await auditCount('org.department', 'create');
    const res = await upload(c.districtA, '/api/org/people/import', await xlsx(PEOPLE, rows));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 30, updated: 0, unchanged: 0 });
    expect(await auditCount('org.person', 'create')).toBe(peopleAudits + 30);
    expect(await auditCount('org.department', 'create')).toBe(deptAudits + 2);
    const list = await c.districtA.get(`/api/org/people?q=${tag}-v1&sort=employeeNo`);
    expect(list.body.items[0]).toMatchObject({
      name: '导入1',
      gender: 'female',
      departmentName: `导入科${tag}`,
      status: 'active',
    });

    // the same sheet again with one change: one update, the rest unchanged
    rows[3]![5] = '县处级正职';
    const again = await upload(c.districtA, '/api/org/people/import', await xlsx(PEOPLE, rows));
    expect(again.body).toEqual({ created: 0, updated: 1, unchanged: 29 });
    const p3 = await c.districtA.get(`/api/org/people?q=${tag}-v3`);
    expect(p3.body.items[0].rank).toBe('division_principal');
  });

  it('refuses to update a person outside the scope, even into a unit inside it', async () => {
    const outsider = await c.bureau.post('/api/org/people', {
      unitId: c.b1.id,
      employeeNo: `${tag}-out`,
      name: '外区人员',
      rank: 'staff_member',
    });
    expect(outsider.status).toBe(201);
    const before = await countRows(t.ctx, TABLES);
    const file = await xlsx(PEOPLE, [[`${tag}-out`, '抢人', '', c.a1.code, '', 'staff_member', '', '', '']]);
    const res = await upload(c.districtA, '/api/org/people/import', file);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ row: 2, field: 'employeeNo', code: 'out_of_scope' }),
    ]);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });

  it('exports people in scope as .xlsx that re-imports without changes', async () => {
    const res = await download(c.districtA, `/api/org/people/export.xlsx?unitId=${c.a1.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const sheet = await readXlsx(res.data);
    expect(sheet.headers).toEqual([
      '工号',
      '姓名',
      '性别',
      '单位编码',
      '单位名称',
      '部门',
      '职级',
      '职务',
      '电话',
      '电子邮箱',
      '状态',
    ]);
    expect(sheet.rows.length).toBeGreaterThan(20);
    expect(sheet.rows.every((r) => r[3] === c.a1.code)).toBe(true);
    expect(sheet.rows.map((r) => r[6])).toContain('乡科级副职');
    const again = await upload(c.districtA, '/api/org/people/import', res.data);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ created: 0, updated: 0, unchanged: sheet.rows.length });
    // a district admin's export never holds another district's people
    const all = await readXlsx((await download(c.districtA, '/api/org/people/export.xlsx')).data);
    expect(all.rows.some((r) => r[0] === `${tag}-out`)).toBe(false);
  });

  it('refuses files that are not .xlsx, lack columns or hold too many rows', async () => {
    const before = await countRows(t.ctx, TABLES);
    const text = await upload(c.districtA, '/api/org/people/import', Buffer.from('工号,姓名\n1,张三\n'));
    expect(text.status).toBe(400);
    expect(text.body.error.code).toBe('import_not_xlsx');
    const zip = await upload(c.districtA, '/api/org/people/import', Buffer.from('PK\u0003\u0004 broken'));
    expect(zip.body.error.code).toBe('import_not_xlsx');
    const headers = await upload(
      c.districtA,
      '/api/org/people/import',
      await xlsx(['工号', '姓名'], [['1', '张三']]),
    );
    expect(headers.body.error.details.map((d: { column: string }) => d.column)).toEqual(['单位编码', '职级']);
    const empty = await upload(c.districtA, '/api/org/people/import', await xlsx(PEOPLE, []));
    expect(empty.body.error.code).toBe('import_empty');
    const many = Array.from({ length: 20_001 }, (_, i) => [
      `M${i}`,
      '多',
      '',
      c.a1.code,
      '',
      'staff_member',
      '',
      '',
      '',
    ]);
    const big = await upload(c.districtA, '/api/org/people/import', await xlsx(PEOPLE, many));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('import_too_many_rows');
    expect((await upload(c.staff, '/api/org/people/import', await xlsx(PEOPLE, []))).status).toBe(403);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });

  it('serves a people import template with drop-down lists and notes', async () => {
    const res = await download(c.unitA1, '/api/org/people/import-template.xlsx');
    expect(res.status).toBe(200);
    const sheet = await readXlsx(res.data);
    expect(sheet.headers).toEqual(PEOPLE_ALL);
    expect(sheet.rows).toEqual([]);
    const help = await readXlsx(res.data, 1);
    expect(help.rows.map((r) => r[0])).toEqual(expect.arrayContaining(PEOPLE_ALL));
  });

  it('imports units with parents from the same sheet and checks the whole tree first', async () => {
    const bad = await xlsx(UNITS, [
      [`${tag}-U1`, '新区一局', '', '机关', '区级', c.jA.name, null, 10, null],
      [`${tag}-U2`, '新区二局', '', '企业', '区级', c.jA.name, `${tag}-U1`, null, null],
      [`${tag}-U3`, '他区单位', '', '机关', '区级', c.jB.name, null, null, null],
      [`${tag}-U4`, '无辖区', '', '机关', '区级', '火星区', null, null, null],
      [`${tag}-U5`, '跨区上级', '', '机关', '区级', c.jA.name, c.b1.code, null, null],
      [`${tag}-U6`, '循环一', '', '机关', '区级', c.jA.name, `${tag}-U7`, null, null],
      [`${tag}-U7`, '循环二', '', '机关', '区级', c.jA.name, `${tag}-U6`, null, null],
    ]);
    const before = await countRows(t.ctx, TABLES);
    const res = await upload(c.districtA, '/api/org/units/import', bad);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { row: number; code: string }) => [d.row, d.code])).toEqual([
      [3, 'unknown_value'],
      [4, 'out_of_scope'],
      [5, 'unknown_jurisdiction'],
      [6, 'parent_other_jurisdiction'],
      [7, 'unit_cycle'],
      [8, 'unit_cycle'],
    ]);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);

    const good = await xlsx(UNITS, [
      [`${tag}-C1`, '新区二局下属中心', '中心', '事业单位', '区级', c.jA.code, `${tag}-P1`, 8, '人民路 2 号'],
      [`${tag}-P1`, '新区二局', '二局', 'organ', 'district', c.jA.name, null, 30, null],
      [c.a2.code, '甲区教育局(更名)', '', '机关', '区级', c.jA.name, null, null, null],
    ]);
    const audits = await auditCount('org.unit', 'create');
    const ok = await upload(c.districtA, '/api/org/units/import', good);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ created: 2, updated: 1, unchanged: 0 });
    expect(await auditCount('org.unit', 'create')).toBe(audits + 2);
    const child = await c.districtA.get(`/api/org/units?q=${tag}-C1`);
    expect(child.body.items[0]).toMatchObject({
      kind: 'institution',
      parentCode: `${tag}-P1`,
      establishment: 8,
    });
    expect((await c.districtA.get(`/api/org/units/${c.a2.id}`)).body.name).toBe('甲区教育局(更名)');
  });

  it('exports units that re-import without changes, and only a unit admin’s own unit', async () => {
    await buildUnit(t.ctx.db, { jurisdictionId: c.jA.id, parentId: c.a1.id });
    const res = await download(c.districtA, '/api/org/units/export.xlsx');
    const sheet = await readXlsx(res.data);
    expect(sheet.headers).toEqual([...UNITS, '实有人数']);
    expect(sheet.rows.every((r) => r[5] === c.jA.name)).toBe(true);
    const again = await upload(c.districtA, '/api/org/units/import', res.data);
    expect(again.body).toEqual({ created: 0, updated: 0, unchanged: sheet.rows.length });
    const own = await readXlsx((await download(c.unitA1, '/api/org/units/export.xlsx')).data);
    expect(own.rows.map((r) => r[0])).toEqual([c.a1.code]);
  });
});
