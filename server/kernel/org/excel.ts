import ExcelJS from 'exceljs';
import { DomainError } from '../errors.ts';

/** Reading and writing the organisation's spreadsheets (.xlsx through exceljs). */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_IMPORT_ROWS = 20_000;

export interface Column<K extends string = string> {
  key: K;
  /** the Chinese header, as written to and read from the sheet */
  header: string;
  width: number;
  required?: boolean;
}

export interface SheetRow {
  /** the spreadsheet's own row number (the header is row 1) */
  row: number;
  cells: Record<string, string>;
}

/** The text of a cell as a person typed it: numbers without exponent, rich text flattened. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('hyperlink' in value) return String(value.text ?? '').trim();
  if ('formula' in value || 'sharedFormula' in value) {
    return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  }
  if ('error' in value) return String(value.error);
  return '';
}

export const notXlsx = () =>
  new DomainError('import_not_xlsx', 'invalid', {
    'zh-CN': '上传的文件不是有效的 Excel（.xlsx）文件',
    en: 'The uploaded file is not a valid Excel (.xlsx) workbook',
  });

/** Reads the first worksheet: headers from row 1, one record per non-blank row below it. */
export async function readSheet(
  data: Buffer,
  maxRows = MAX_IMPORT_ROWS,
): Promise<{ headers: string[]; rows: SheetRow[] }> {
  // an .xlsx file is a zip archive: refuse anything else before parsing it
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50) throw notXlsx();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw notXlsx();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw notXlsx();
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => {
    headers[col] = cellText(cell.value);
  });
  const rows: SheetRow[] = [];
  let tooMany = false;
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1 || tooMany) return;
    const cells: Record<string, string> = {};
    let blank = true;
    row.eachCell((cell, col) => {
      const header = headers[col];
      if (!header) return;
      const text = cellText(cell.value);
      if (text !== '') blank = false;
      cells[header] = text;
    });
    if (blank) return;
    if (rows.length >= maxRows) tooMany = true;
    else rows.push({ row: rowNumber, cells });
  });
  if (tooMany) {
    throw new DomainError(
      'import_too_many_rows',
      'too_large',
      {
        'zh-CN': `一次最多导入 ${maxRows} 行，请拆分文件后分批导入`,
        en: `At most ${maxRows} rows can be imported at once; split the file`,
      },
      [{ max: maxRows }],
    );
  }
  return { headers: headers.filter(Boolean), rows };
}

/** Builds a workbook of one sheet with a bold, frozen header row. */
export async function writeSheet<K extends string>(
  sheetName: string,
  columns: readonly Column<K>[],
  rows: readonly Record<K, string | number | null>[],
  decorate?: (workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet) => void,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'goa';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  // codes and numbers typed as text stay text (leading zeros of 工号 and phone numbers survive)
  for (let i = 1; i <= columns.length; i++) sheet.getColumn(i).numFmt = '@';
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  decorate?.(workbook, sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `attachment; filename=…` with the UTF-8 form for Chinese names. */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
