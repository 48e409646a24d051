import ExcelJS from 'exceljs';
import type { AnalysisResult, Dimension } from './service.ts';

const DIM_ZH: Record<Dimension, string> = {
  jurisdiction: '辖区',
  unit: '用车单位',
  vehicle: '车辆',
  category: '车辆类别',
};

/** One breakdown as a workbook: a row per group, the totals row, number formats (not text). */
export async function analysisWorkbook(a: AnalysisResult): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'goa';
  const ws = wb.addWorksheet(`按${DIM_ZH[a.dimension]}`, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.mergeCells(1, 1, 1, 14);
  ws.getCell(1, 1).value =
    `公务用车分析（按${DIM_ZH[a.dimension]}） ${a.from} 至 ${a.to}，工作日 ${a.workingDays} 天`;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  const cols: { header: string; width: number; fmt?: string }[] = [
    { header: DIM_ZH[a.dimension], width: 26 },
    { header: a.dimension === 'vehicle' || a.dimension === 'unit' ? '所属辖区' : '', width: 12 },
    { header: '出车次数', width: 10, fmt: '#,##0' },
    { header: '行驶公里', width: 12, fmt: '#,##0' },
    { header: '用车时长(小时)', width: 14, fmt: '#,##0.0' },
    { header: '车辆数', width: 8, fmt: '#,##0' },
    { header: '利用率', width: 9, fmt: '0.0%' },
    { header: '准时率', width: 9, fmt: '0.0%' },
    { header: '空驶公里', width: 10, fmt: '#,##0' },
    { header: '空驶率', width: 9, fmt: '0.0%' },
    { header: '费用(元)', width: 14, fmt: '#,##0.00' },
    { header: '每公里费用(元)', width: 14, fmt: '0.00' },
    { header: '借出/跨区出车', width: 13, fmt: '#,##0' },
    { header: '借入', width: 8, fmt: '#,##0' },
  ];
  const head = ws.getRow(2);
  cols.forEach((c, i) => {
    head.getCell(i + 1).value = c.header;
    ws.getColumn(i + 1).width = c.width;
    if (c.fmt) ws.getColumn(i + 1).numFmt = c.fmt;
  });
  head.font = { bold: true };
  const line = (name: string, group: string | null, r: AnalysisResult['totals']) => [
    name,
    group ?? '',
    r.trips,
    r.km,
    r.hours,
    r.vehicles || null,
    r.utilisation,
    r.onTime,
    r.emptyKm,
    r.emptyShare,
    r.costFen / 100,
    r.costPerKmFen === null ? null : r.costPerKmFen / 100,
    r.lent,
    r.borrowed,
  ];
  for (const r of a.rows) ws.addRow(line(r.name, r.group, r));
  const total = ws.addRow(line('合计', null, a.totals));
  total.font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
