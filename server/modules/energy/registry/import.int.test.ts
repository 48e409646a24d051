import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { download, readXlsx, upload, xlsx } from '../../../kernel/org/test-fixture.ts';
import { energyCity, type EnergyCity } from './test-fixture.ts';

const TABLES = ['energy_institution', 'energy_building', 'energy_point', 'audit_log'];
const INST = [
  '机构编码',
  '机构名称',
  '所属辖区',
  '机构类型',
  '关联单位编码',
  '地址',
  '经度',
  '纬度',
  '用能人数',
  '示范类型',
  '建筑名称',
  '建筑面积(m²)',
  '建成年份',
];
const POINTS = [
  '计量点编码',
  '计量点名称',
  '机构编码',
  '建筑名称',
  '能源种类',
  '分项',
  '上级表编码',
  '计量方式',
  '公式',
  '倍率',
  '采集间隔(分钟)',
];

describe.each(dbKinds)('energy registry import on %s', (kind) => {
  let t: TestApp;
  let c: EnergyCity;
  beforeAll(async () => {
    t = await createTestApp(kind);
    c = await energyCity(t);
  });
  afterAll(() => t.close());

  it('imports institutions with a building, and points with hierarchy and a formula', async () => {
    const jA = c.jA.name;
    const inst = await upload(
      c.districtA,
      '/api/energy/institutions/import',
      await xlsx(INST, [
        [
          `I1${c.tag}`,
          '甲区图书馆',
          jA,
          '场馆',
          null,
          '文化路1号',
          119.9,
          31.7,
          30,
          null,
          '主馆',
          5200,
          2010,
        ],
        [
          `I2${c.tag}`,
          '甲区实验小学',
          jA,
          'school',
          null,
          null,
          null,
          null,
          60,
          '省级',
          '教学楼',
          8000,
          null,
        ],
      ]),
    );
    expect(inst.status, inst.raw).toBe(200);
    expect(inst.body).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const p = (code: string, over: (string | number | null)[]) => [code, `表${code}`, `I1${c.tag}`, ...over];
    const pts = await upload(
      c.districtA,
      '/api/energy/points/import',
      await xlsx(POINTS, [
        // a sub-meter may come before its main meter in the sheet
        p(`L1${c.tag}.1`, ['主馆', '电', '照明插座', `L1${c.tag}`, null, null, null, 15]),
        p(`L1${c.tag}`, ['主馆', '电', null, null, '在线计量', null, 40, 15]),
        p(`L1${c.tag}.V`, [null, '电', null, null, '虚拟表', `L1${c.tag} - L1${c.tag}.1`, null, null]),
        p(`L1${c.tag}.W`, [null, '水', null, null, '离线手工录入', null, null, 60]),
      ]),
    );
    expect(pts.status, pts.raw).toBe(200);
    expect(pts.body.created).toBe(4);
    const list = await c.districtA.get(`/api/energy/points?q=L1${c.tag}&pageSize=50`);
    const sub = list.body.items.find((x: { code: string }) => x.code === `L1${c.tag}.1`);
    expect(sub).toMatchObject({
      parentCode: `L1${c.tag}`,
      subItem: 'lighting_sockets',
      buildingName: '主馆',
    });
    expect(list.body.items.find((x: { code: string }) => x.code === `L1${c.tag}`).multiplier).toBe(40);

    const exported = await download(c.districtA, `/api/energy/points/export.xlsx?q=L1${c.tag}`);
    expect(exported.status).toBe(200);
    const sheet = await readXlsx(exported.data);
    expect(sheet.headers).toEqual(POINTS);
    expect(sheet.rows.map((r) => r[0])).toContain(`L1${c.tag}.V`);
  });

  it('reports every bad row and writes nothing', async () => {
    const before = await countRows(t.ctx, TABLES);
    const bad = await upload(
      c.districtA,
      '/api/energy/points/import',
      await xlsx(POINTS, [
        [`B1${c.tag}`, '好行', c.iA.code, null, '电', null, null, null, null, null, null],
        [`B2${c.tag}`, '未知机构', 'NOPE', null, '电', null, null, null, null, null, null],
        [`B3${c.tag}`, '越权', c.iB.code, null, '电', null, null, null, null, null, null],
        [`B4${c.tag}`, '水表分项', c.iA.code, null, '水', '空调', null, null, null, null, null],
        [`B5${c.tag}`, '公式错', c.iA.code, null, '电', null, null, '虚拟表', `B1${c.tag} +`, null, null],
        [`B6${c.tag}`, '循环', c.iA.code, null, '电', null, `B7${c.tag}`, null, null, null, null],
        [`B7${c.tag}`, '循环', c.iA.code, null, '电', null, `B6${c.tag}`, null, null, null, null],
        [`B1${c.tag}`, '重复', c.iA.code, null, '电', null, null, null, null, null, null],
        [`B8${c.tag}`, '未知种类', c.iA.code, null, '煤', null, null, null, null, null, null],
      ]),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('import_invalid');
    const byRow = (row: number) =>
      bad.body.error.details
        .filter((d: { row: number }) => d.row === row)
        .map((d: { code: string }) => d.code);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3)).toEqual(['unknown_institution']);
    expect(byRow(4)).toEqual(['out_of_scope']);
    expect(byRow(5)).toEqual(['sub_item_not_electricity']);
    expect(byRow(6)).toEqual(['formula_syntax']);
    expect(byRow(7)).toEqual(['parent_cycle']);
    expect(byRow(8)).toEqual(['parent_cycle']);
    expect(byRow(9)).toEqual(['duplicate_in_file']);
    expect(byRow(10)).toEqual(['unknown_value']);
    const inst = await upload(
      c.districtA,
      '/api/energy/institutions/import',
      await xlsx(INST, [
        [`J1${c.tag}`, '乙区的机构', c.jB.name, '学校', null, null, null, null, 1, null, null, null, null],
        [`J2${c.tag}`, '没有面积', c.jA.name, '学校', null, null, 500, null, 1, null, '楼', null, null],
      ]),
    );
    expect(inst.status).toBe(400);
    expect(
      inst.body.error.details.map((d: { row: number; code: string }) => `${d.row}:${d.code}`).sort(),
    ).toEqual(['2:out_of_scope', '3:invalid_number', '3:required']);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });
});
