import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Db } from '../../kernel/db/schema.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { audit } from '../../kernel/audit/audit.ts';
import { DomainError, type ErrorDetail } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/http/access.ts';
import type { DataScope } from '../../kernel/access/scope.ts';
import { localDate, startOfDay } from '../../kernel/calendar/businessDays.ts';
import type { AttendanceSettings } from './config.ts';
import { recomputeDays } from './recompute.ts';
import './tables.ts';

/**
 * Import of attendance-machine records (CSV or .xlsx): staff number, time, device. All or nothing:
 * every bad row is reported and nothing is written unless every row is valid. Records already stored
 * (same person, same instant) are skipped and counted as duplicates, so a file can be imported twice.
 */
export const MAX_IMPORT_ROWS = 50_000;

const HEADERS = {
  code: ['工号', 'employee_no', 'staff_no', 'staffNo'],
  time: ['时间', '打卡时间', 'time', 'timestamp'],
  device: ['设备', '考勤机', 'device'],
} as const;

interface RawRow {
  row: number;
  code: string;
  time: string;
  device: string;
}

const bad = (messages: { 'zh-CN': string; en: string }, details: ErrorDetail[] = []) =>
  new DomainError('attendance_import_invalid', 'invalid', messages, details);

function pick(record: Record<string, string>, names: readonly string[]): string {
  for (const n of names) if (record[n] !== undefined) return String(record[n]).trim();
  return '';
}

function header(cols: string[]): void {
  const missing = (Object.keys(HEADERS) as (keyof typeof HEADERS)[]).filter(
    (k) => k !== 'device' && !HEADERS[k].some((h) => cols.includes(h)),
  );
  if (missing.length > 0) {
    throw bad(
      {
        'zh-CN': '文件缺少“工号”或“时间”列',
        en: 'The file lacks the "工号" (staff number) or "时间" (time) column',
      },
      missing.map((m) => ({ field: m, code: 'required' })),
    );
  }
}

function readCsv(data: Buffer): RawRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(data, { columns: true, skip_empty_lines: true, bom: true, trim: true });
  } catch {
    throw bad({ 'zh-CN': '无法解析 CSV 文件', en: 'The CSV file cannot be parsed' });
  }
  header(Object.keys(records[0] ?? {}));
  return records.map((r, i) => ({
    row: i + 2,
    code: pick(r, HEADERS.code),
    time: pick(r, HEADERS.time),
    device: pick(r, HEADERS.device),
  }));
}

async function readXlsx(data: Buffer): Promise<RawRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch {
    throw bad({ 'zh-CN': '上传的文件不是有效的 Excel 文件', en: 'The file is not a valid Excel workbook' });
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw bad({ 'zh-CN': 'Excel 文件没有工作表', en: 'The workbook has no sheet' });
  const cols: string[] = [];
  sheet.getRow(1).eachCell((c, i) => (cols[i] = String(c.value ?? '').trim()));
  header(cols);
  const out: RawRow[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const rec: Record<string, string> = {};
    row.eachCell((c, i) => {
      const name = cols[i];
      if (!name) return;
      const v = c.value;
      // a date cell holds the wall-clock time as if it were UTC
      rec[name] = v instanceof Date ? v.toISOString().slice(0, 19).replace('T', ' ') : String(v ?? '').trim();
    });
    if (Object.values(rec).every((v) => v === '')) return;
    out.push({
      row: n,
      code: pick(rec, HEADERS.code),
      time: pick(rec, HEADERS.time),
      device: pick(rec, HEADERS.device),
    });
  });
  return out;
}

const LOCAL = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** A local wall-clock time ('2026-11-02 08:51[:07]') or an ISO instant with an offset. */
export function parseTime(text: string, timeZone: string): Date | null {
  const m = LOCAL.exec(text);
  if (m) {
    const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    const [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
    if (h > 23 || mi > 59 || sec > 59) return null;
    let midnight: Date;
    try {
      midnight = startOfDay(date, timeZone);
    } catch {
      return null;
    }
    return new Date(midnight.getTime() + ((h * 60 + mi) * 60 + sec) * 1000);
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const d = new Date(text);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

export async function importPunches(
  db: Db,
  s: AttendanceSettings,
  actor: Actor & { accountId: string | null },
  fileName: string,
  data: Buffer,
  scope: DataScope,
) {
  const isXlsx = data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;
  const rows = isXlsx ? await readXlsx(data) : readCsv(data);
  if (rows.length === 0)
    throw bad({ 'zh-CN': '文件中没有记录', en: 'The file holds no records' }, [{ field: 'file' }]);
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new DomainError('attendance_import_too_many', 'too_large', {
      'zh-CN': `一次最多导入 ${MAX_IMPORT_ROWS} 行`,
      en: `At most ${MAX_IMPORT_ROWS} rows at once`,
    });
  }
  return inTransaction(db, async (tx) => {
    const codes = [...new Set(rows.map((r) => r.code).filter(Boolean))];
    const people = new Map<string, { id: string; unit_id: string; jurisdiction_id: string }>();
    for (let i = 0; i < codes.length; i += 2000) {
      const found = await tx
        .selectFrom('org_person')
        .select(['id', 'employee_no', 'unit_id', 'jurisdiction_id'])
        .where('employee_no', 'in', codes.slice(i, i + 2000))
        .where('status', '=', 'active')
        .execute();
      for (const p of found) people.set(p.employee_no, p);
    }
    const problems: ErrorDetail[] = [];
    const seen = new Map<string, number>();
    const now = Date.now();
    const valid: {
      person: { id: string; unit_id: string; jurisdiction_id: string };
      at: Date;
      device: string;
    }[] = [];
    for (const r of rows) {
      const person = people.get(r.code);
      const at = parseTime(r.time, s.timeZone);
      if (!r.code)
        problems.push({
          row: r.row,
          field: 'code',
          code: 'required',
          message: '工号为空 / staff number missing',
        });
      else if (!person)
        problems.push({
          row: r.row,
          field: 'code',
          code: 'unknown',
          value: r.code,
          message: `未知工号 ${r.code} / unknown staff number`,
        });
      else if (!scope.covers({ jurisdictionId: person.jurisdiction_id, unitId: person.unit_id })) {
        problems.push({
          row: r.row,
          field: 'code',
          code: 'out_of_scope',
          value: r.code,
          message: `工号 ${r.code} 不在您的管理范围 / outside your scope`,
        });
      }
      if (!at)
        problems.push({
          row: r.row,
          field: 'time',
          code: 'invalid',
          value: r.time,
          message: `时间格式错误 ${r.time} / bad time`,
        });
      else if (at.getTime() > now + 5 * 60_000)
        problems.push({
          row: r.row,
          field: 'time',
          code: 'future',
          message: '时间晚于现在 / time in the future',
        });
      if (r.device.length > 60) problems.push({ row: r.row, field: 'device', code: 'too_long' });
      if (!person || !at || !scope.covers({ jurisdictionId: person.jurisdiction_id, unitId: person.unit_id }))
        continue;
      const k = `${person.id}|${at.getTime()}`;
      const first = seen.get(k);
      if (first !== undefined) {
        problems.push({
          row: r.row,
          field: 'time',
          code: 'duplicate_in_file',
          duplicateOf: first,
          message: `与第 ${first} 行重复 / same as row ${first}`,
        });
        continue;
      }
      seen.set(k, r.row);
      valid.push({ person, at, device: r.device || 'import' });
    }
    if (problems.length > 0) {
      throw new DomainError(
        'attendance_import_invalid',
        'invalid',
        {
          'zh-CN': `导入失败：${problems.length} 处错误，未写入任何记录`,
          en: `Import refused: ${problems.length} problems, nothing written`,
        },
        problems.slice(0, 500),
      );
    }
    const batch = await tx
      .insertInto('attendance_import')
      .values({
        file_name: fileName.slice(0, 200),
        rows: rows.length,
        inserted: 0,
        duplicates: 0,
        imported_by: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let inserted = 0;
    const touched = new Map<string, { min: string; max: string }>();
    for (let i = 0; i < valid.length; i += 1000) {
      const chunk = valid.slice(i, i + 1000);
      const done = await tx
        .insertInto('attendance_punch')
        .values(
          chunk.map((v) => ({
            person_id: v.person.id,
            jurisdiction_id: v.person.jurisdiction_id,
            unit_id: v.person.unit_id,
            at: v.at,
            work_date: localDate(v.at, s.timeZone),
            source: 'import' as const,
            device: v.device,
            import_id: batch.id,
          })),
        )
        .onConflict((oc) => oc.columns(['person_id', 'at']).doNothing())
        .returning(['person_id', 'work_date'])
        .execute();
      inserted += done.length;
      for (const d of done) {
        const t = touched.get(d.person_id);
        if (!t) touched.set(d.person_id, { min: d.work_date, max: d.work_date });
        else {
          if (d.work_date < t.min) t.min = d.work_date;
          if (d.work_date > t.max) t.max = d.work_date;
        }
      }
    }
    const duplicates = valid.length - inserted;
    await tx
      .updateTable('attendance_import')
      .set({ inserted, duplicates })
      .where('id', '=', batch.id)
      .execute();
    await audit(tx, actor, {
      entity: 'attendance.import',
      entityId: batch.id,
      action: 'create',
      after: { fileName, rows: rows.length, inserted, duplicates },
    });
    // recompute the touched person-days, grouped by range
    const groups = new Map<string, string[]>();
    for (const [pid, r] of touched) {
      const k = `${r.min}|${r.max}`;
      groups.set(k, [...(groups.get(k) ?? []), pid]);
    }
    for (const [k, ids] of groups) {
      const [min, max] = k.split('|') as [string, string];
      await recomputeDays(tx, { personIds: ids }, min, max, new Date(), s.timeZone);
    }
    return { id: batch.id, rows: rows.length, inserted, duplicates };
  });
}
