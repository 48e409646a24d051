import ExcelJS from 'exceljs';
import type { Executor } from '../../../kernel/db/schema.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import { errors } from '../../../kernel/errors.ts';
import { addAmounts, change, per, toKgce, zeroAmounts, type Amounts } from '../indicators/calc.ts';
import { amounts, institutionFacts, type Filters } from '../indicators/repository.ts';

/**
 * Monthly statistics in the layout of the public-institution energy and resource consumption
 * statistics (公共机构能源资源消费统计): one row per institution with persons, building area,
 * electricity, water, gas, heat, total energy, the three intensities and the change on last year;
 * subtotals per jurisdiction and a total. A period is a run of months within one year.
 */

export interface StatisticsRow {
  kind: 'institution' | 'jurisdiction' | 'total';
  id: string;
  code: string | null;
  name: string;
  jurisdictionName: string | null;
  occupants: number;
  floorArea: number;
  electricity: number;
  water: number;
  gas: number;
  heat: number;
  kgce: number;
  perPerson: number | null;
  perM2: number | null;
  waterPerPerson: number | null;
  kgceLastYear: number;
  yoy: number | null;
}

function monthRange(from: string, to: string): string[] {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = fy * 12 + fm - 1; i <= ty * 12 + tm - 1; i++) {
    out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const r4 = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);

function row(
  base: Pick<StatisticsRow, 'kind' | 'id' | 'code' | 'name' | 'jurisdictionName' | 'occupants' | 'floorArea'>,
  a: Amounts,
  last: Amounts,
): StatisticsRow {
  const kgce = toKgce(a);
  const kgceLastYear = toKgce(last);
  return {
    ...base,
    floorArea: r2(base.floorArea),
    electricity: r2(a.electricity),
    water: r2(a.water),
    gas: r2(a.gas),
    heat: r2(a.heat),
    kgce: r2(kgce),
    perPerson: r4(per(kgce, base.occupants)),
    perM2: r4(per(kgce, base.floorArea)),
    waterPerPerson: r4(per(a.water, base.occupants)),
    kgceLastYear: r2(kgceLastYear),
    yoy: r4(change(kgce, kgceLastYear)),
  };
}

export async function statistics(db: Executor, scope: DataScope, f: Filters, from: string, to: string) {
  if (from > to || from.slice(0, 4) !== to.slice(0, 4)) {
    throw errors.field('from', 'invalid_period', {
      'zh-CN': '统计期间须在同一年内，且起始月份不晚于截止月份',
      en: 'The period must lie within one year, from a month not after the last',
    });
  }
  const months = monthRange(from, to);
  const lastYear = months.map((m) => `${Number(m.slice(0, 4)) - 1}${m.slice(4)}`);
  const [facts, now, before] = await Promise.all([
    institutionFacts(db, scope, f),
    amounts(db, scope, f, months, { institution: true, month: false }),
    amounts(db, scope, f, lastYear, { institution: true, month: false }),
  ]);
  const sum = (rows: typeof now) => {
    const out = new Map<string, Amounts>();
    for (const r of rows)
      out.set(
        r.institution_id!,
        addAmounts(out.get(r.institution_id!) ?? zeroAmounts(), { [r.energy_type]: r.metered + r.manual }),
      );
    return out;
  };
  const a = sum(now);
  const b = sum(before);
  const rows: StatisticsRow[] = [];
  const groups = new Map<string, typeof facts>();
  for (const i of facts) groups.set(i.jurisdiction_id, [...(groups.get(i.jurisdiction_id) ?? []), i]);
  let total = zeroAmounts();
  let totalLast = zeroAmounts();
  let people = 0;
  let area = 0;
  for (const [jid, list] of groups) {
    let ja = zeroAmounts();
    let jb = zeroAmounts();
    let jp = 0;
    let jarea = 0;
    for (const i of list) {
      const ia = a.get(i.id) ?? zeroAmounts();
      const ib = b.get(i.id) ?? zeroAmounts();
      rows.push(
        row(
          {
            kind: 'institution',
            id: i.id,
            code: i.code,
            name: i.name,
            jurisdictionName: i.jurisdiction_name,
            occupants: i.occupants,
            floorArea: i.floor_area,
          },
          ia,
          ib,
        ),
      );
      ja = addAmounts(ja, ia);
      jb = addAmounts(jb, ib);
      jp += i.occupants;
      jarea += i.floor_area;
    }
    rows.push(
      row(
        {
          kind: 'jurisdiction',
          id: jid,
          code: null,
          name: `${list[0]!.jurisdiction_name}小计`,
          jurisdictionName: list[0]!.jurisdiction_name,
          occupants: jp,
          floorArea: jarea,
        },
        ja,
        jb,
      ),
    );
    total = addAmounts(total, ja);
    totalLast = addAmounts(totalLast, jb);
    people += jp;
    area += jarea;
  }
  rows.push(
    row(
      {
        kind: 'total',
        id: 'total',
        code: null,
        name: '合计',
        jurisdictionName: null,
        occupants: people,
        floorArea: area,
      },
      total,
      totalLast,
    ),
  );
  return { from, to, rows };
}

const HEADERS = [
  ['序号', 'no', 6],
  ['单位名称', 'name', 34],
  ['所属辖区', 'jurisdictionName', 10],
  ['用能人数（人）', 'occupants', 10],
  ['建筑面积（m²）', 'floorArea', 13],
  ['电（kWh）', 'electricity', 13],
  ['水（m³）', 'water', 11],
  ['天然气（m³）', 'gas', 11],
  ['热力（GJ）', 'heat', 10],
  ['综合能耗（kgce）', 'kgce', 14],
  ['人均综合能耗（kgce/人）', 'perPerson', 13],
  ['单位建筑面积能耗（kgce/m²）', 'perM2', 14],
  ['人均用水量（m³/人）', 'waterPerPerson', 12],
  ['上年同期综合能耗（kgce）', 'kgceLastYear', 14],
  ['同比（%）', 'yoy', 9],
] as const;

/** The statistics as an .xlsx in the reporting layout: title, period, header, rows, subtotals, total. */
export async function statisticsWorkbook(
  s: Awaited<ReturnType<typeof statistics>>,
  title: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'goa';
  const ws = wb.addWorksheet('能源资源消费统计', { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = HEADERS.map(([, key, width]) => ({ key, width }));
  ws.mergeCells(1, 1, 1, HEADERS.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, HEADERS.length);
  ws.getCell(2, 1).value =
    `统计期间：${s.from} 至 ${s.to}    综合能耗按当量值折算：电 0.1229 kgce/kWh，天然气 1.2143 kgce/m³，热力 0.03412 kgce/MJ；水不计入综合能耗`;
  const header = ws.getRow(3);
  HEADERS.forEach(([label], i) => {
    const cell = header.getCell(i + 1);
    cell.value = label;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.border = {
      top: { style: 'thin' },
      bottom: { style: 'thin' },
      left: { style: 'thin' },
      right: { style: 'thin' },
    };
  });
  header.height = 36;
  let no = 0;
  for (const r of s.rows) {
    const added = ws.addRow({
      no: r.kind === 'institution' ? ++no : '',
      name: r.name,
      jurisdictionName: r.kind === 'institution' ? r.jurisdictionName : '',
      occupants: r.occupants,
      floorArea: r.floorArea,
      electricity: r.electricity,
      water: r.water,
      gas: r.gas,
      heat: r.heat,
      kgce: r.kgce,
      perPerson: r.perPerson,
      perM2: r.perM2,
      waterPerPerson: r.waterPerPerson,
      kgceLastYear: r.kgceLastYear,
      yoy: r.yoy === null ? null : Math.round(r.yoy * 10000) / 100,
    });
    if (r.kind !== 'institution') added.font = { bold: true };
    for (const col of [5, 6, 7, 8, 10, 14]) added.getCell(col).numFmt = '#,##0.00';
    for (const col of [11, 12, 13]) added.getCell(col).numFmt = '0.000';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
