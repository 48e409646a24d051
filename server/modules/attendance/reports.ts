import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import type { Db } from '../../kernel/db/schema.ts';
import type { DataScope } from '../../kernel/access/scope.ts';
import { addDays, localDate } from '../../kernel/calendar/businessDays.ts';
import { LEAVE_LABELS, LEAVE_TYPES } from './matters.ts';
import { annualBalance, correctionView, leaveView } from './requests.ts';
import { evaluatePeople, peopleWithRules } from './recompute.ts';
import type { LeaveType } from './tables.ts';
import './tables.ts';

/** Monthly reports, the daily board and a person's month. */

export const monthRange = (month: string) => {
  const from = `${month}-01`;
  const to = addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);
  return { from, to };
};

export interface ReportQuery {
  month: string;
  by: 'person' | 'department' | 'unit';
  unitId?: string | undefined;
  departmentId?: string | undefined;
}

const totals = () => [
  sql<number>`count(*) filter (where d.due)::int`.as('daysDue'),
  sql<number>`count(*) filter (where d.due and d.status in ('normal','late','early_leave','late_early','pending','missing_punch'))::int`.as(
    'daysPresent',
  ),
  sql<number>`count(*) filter (where d.status in ('late','late_early'))::int`.as('lateCount'),
  sql<number>`coalesce(sum(d.late_min) filter (where d.status in ('late','late_early','missing_punch','pending')), 0)::int`.as(
    'lateMinutes',
  ),
  sql<number>`count(*) filter (where d.status in ('early_leave','late_early'))::int`.as('earlyCount'),
  sql<number>`count(*) filter (where d.status = 'absent')::int`.as('absentDays'),
  sql<number>`count(*) filter (where d.status = 'missing_punch')::int`.as('missingPunches'),
  sql<number>`count(*) filter (where d.status = 'leave')::int`.as('leaveDays'),
  sql<number>`count(*) filter (where d.status = 'trip')::int`.as('tripDays'),
  sql<number>`coalesce(sum(d.overtime_min), 0)::int`.as('overtimeMinutes'),
];

export async function monthlyReport(db: Db, scope: DataScope, q: ReportQuery) {
  const { from, to } = monthRange(q.month);
  const keyCols =
    q.by === 'person'
      ? ([
          'p.id as key',
          'p.name as name',
          'p.employee_no as code',
          'u.name as unitName',
          'dp.name as departmentName',
        ] as const)
      : q.by === 'department'
        ? ([
            'd.department_id as key',
            sql<string>`coalesce(dp.name, '（未分部门）')`.as('name'),
            sql<string>`''`.as('code'),
            'u.name as unitName',
            'dp.name as departmentName',
          ] as const)
        : ([
            'd.unit_id as key',
            'u.name as name',
            'u.code as code',
            'u.name as unitName',
            sql<string | null>`null`.as('departmentName'),
          ] as const);
  let base = db
    .selectFrom('attendance_day as d')
    .innerJoin('org_person as p', 'p.id', 'd.person_id')
    .innerJoin('org_unit as u', 'u.id', 'd.unit_id')
    .leftJoin('org_department as dp', 'dp.id', 'd.department_id')
    .where('d.work_date', '>=', from)
    .where('d.work_date', '<=', to)
    .where(scope.where({ jurisdiction: 'd.jurisdiction_id', unit: 'd.unit_id', person: 'd.person_id' }));
  if (q.unitId) base = base.where('d.unit_id', '=', q.unitId);
  if (q.departmentId) base = base.where('d.department_id', '=', q.departmentId);
  const groupBy =
    q.by === 'person'
      ? ['p.id', 'p.name', 'p.employee_no', 'u.name', 'dp.name', 'u.sort']
      : q.by === 'department'
        ? ['d.department_id', 'dp.name', 'u.name', 'u.sort']
        : ['d.unit_id', 'u.name', 'u.code', 'u.sort'];
  const rows = await base
    .select([...keyCols])
    .select(totals())
    .select(sql<number>`count(distinct d.person_id)::int`.as('people'))
    .groupBy(groupBy as never)
    .orderBy(sql`u.sort`)
    .orderBy(sql`min(u.name)`)
    .orderBy(q.by === 'person' ? sql`min(p.employee_no)` : sql`min(dp.name)`)
    .execute();
  const leaveRows = await base
    .where('d.status', '=', 'leave')
    .select([
      q.by === 'person'
        ? 'p.id as key'
        : q.by === 'department'
          ? 'd.department_id as key'
          : 'd.unit_id as key',
      'd.leave_type',
      sql<number>`count(*)::int`.as('n'),
    ])
    .groupBy([
      q.by === 'person' ? 'p.id' : q.by === 'department' ? 'd.department_id' : 'd.unit_id',
      'd.leave_type',
    ] as never)
    .execute();
  const byType = new Map<string, Record<string, number>>();
  for (const l of leaveRows) {
    const k = String(l.key);
    const m = byType.get(k) ?? {};
    m[l.leave_type ?? 'personal'] = l.n;
    byType.set(k, m);
  }
  return {
    month: q.month,
    by: q.by,
    from,
    to,
    rows: rows.map((r) => ({
      key: r.key === null ? null : String(r.key),
      name: r.name,
      code: r.code,
      unitName: r.unitName,
      departmentName: r.departmentName ?? null,
      people: r.people,
      daysDue: r.daysDue,
      daysPresent: r.daysPresent,
      lateCount: r.lateCount,
      lateMinutes: r.lateMinutes,
      earlyCount: r.earlyCount,
      absentDays: r.absentDays,
      missingPunches: r.missingPunches,
      leaveDays: r.leaveDays,
      leaveByType: byType.get(String(r.key)) ?? {},
      tripDays: r.tripDays,
      overtimeHours: Math.round((r.overtimeMinutes / 60) * 10) / 10,
    })),
  };
}

export type MonthlyReport = Awaited<ReturnType<typeof monthlyReport>>;

export async function reportWorkbook(report: MonthlyReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'goa';
  const title = report.by === 'person' ? '人员' : report.by === 'department' ? '部门' : '单位';
  const sheet = wb.addWorksheet(`${report.month} 考勤月报（${title}）`.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const leaveCols = LEAVE_TYPES.map((t) => ({
    header: LEAVE_LABELS[t]['zh-CN'],
    key: `leave_${t}`,
    width: 9,
  }));
  sheet.columns = [
    { header: report.by === 'person' ? '姓名' : title, key: 'name', width: 22 },
    ...(report.by === 'person'
      ? [
          { header: '工号', key: 'code', width: 12 },
          { header: '部门', key: 'departmentName', width: 16 },
        ]
      : []),
    { header: '单位', key: 'unitName', width: 26 },
    ...(report.by === 'person' ? [] : [{ header: '人数', key: 'people', width: 8 }]),
    { header: '应出勤(天)', key: 'daysDue', width: 11 },
    { header: '实出勤(天)', key: 'daysPresent', width: 11 },
    { header: '迟到(次)', key: 'lateCount', width: 9 },
    { header: '迟到(分钟)', key: 'lateMinutes', width: 11 },
    { header: '早退(次)', key: 'earlyCount', width: 9 },
    { header: '旷工(天)', key: 'absentDays', width: 9 },
    { header: '缺卡(次)', key: 'missingPunches', width: 9 },
    { header: '请假(天)', key: 'leaveDays', width: 9 },
    ...leaveCols,
    { header: '出差(天)', key: 'tripDays', width: 9 },
    { header: '加班(小时)', key: 'overtimeHours', width: 11 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of report.rows) {
    const leaves = Object.fromEntries(LEAVE_TYPES.map((t) => [`leave_${t}`, r.leaveByType[t] ?? 0]));
    sheet.addRow({ ...r, ...leaves });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Today's (or a day's) board: everyone under a rule in scope with their live result. */
export async function dailyBoard(
  db: Db,
  scope: DataScope,
  timeZone: string,
  q: { date?: string | undefined; unitId?: string | undefined },
) {
  const now = new Date();
  const date = q.date ?? localDate(now, timeZone);
  let units = db
    .selectFrom('org_unit as u')
    .select('u.id')
    .where(scope.where({ jurisdiction: 'u.jurisdiction_id', unit: 'u.id' }));
  if (q.unitId) units = units.where('u.id', '=', q.unitId);
  const unitIds = (
    await units
      .where((eb) =>
        eb.exists(eb.selectFrom('attendance_rule as r').select('r.id').whereRef('r.unit_id', '=', 'u.id')),
      )
      .execute()
  ).map((u) => u.id);
  const people = await peopleWithRules(db, { unitIds });
  const days = await evaluatePeople(db, people, date, date, now, timeZone);
  const byId = new Map(people.map((p) => [p.personId, p]));
  const unitNames = new Map(
    unitIds.length === 0
      ? []
      : (await db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', unitIds).execute()).map(
          (u) => [u.id, u.name],
        ),
  );
  const rows = days.map((d) => {
    const p = byId.get(d.personId)!;
    return {
      personId: d.personId,
      name: p.name,
      employeeNo: p.employeeNo,
      unitId: p.unitId,
      unitName: unitNames.get(p.unitId) ?? '',
      status: d.status,
      firstIn: d.firstIn?.toISOString() ?? null,
      lastOut: d.lastOut?.toISOString() ?? null,
      lateMin: d.lateMin,
      earlyMin: d.earlyMin,
      leaveType: d.leaveType,
    };
  });
  const count = (s: string[]) => rows.filter((r) => s.includes(r.status)).length;
  return {
    date,
    summary: {
      people: rows.length,
      present:
        count(['normal', 'late', 'early_leave', 'late_early', 'missing_punch']) +
        rows.filter((r) => r.status === 'pending' && r.firstIn).length,
      late:
        count(['late', 'late_early']) + rows.filter((r) => r.status === 'pending' && r.lateMin > 0).length,
      absent: count(['absent']),
      notYet: rows.filter((r) => r.status === 'pending' && !r.firstIn).length,
      leave: count(['leave']),
      trip: count(['trip']),
      rest: count(['rest']),
    },
    rows,
  };
}

/** One person's month: day results (today live), requests, corrections and the annual balance. */
export async function myMonth(db: Db, timeZone: string, personId: string, month: string) {
  const { from, to } = monthRange(month);
  const now = new Date();
  const today = localDate(now, timeZone);
  const stored = await db
    .selectFrom('attendance_day')
    .select([
      'work_date',
      'status',
      'due',
      'first_in',
      'last_out',
      'late_min',
      'early_min',
      'overtime_min',
      'worked_min',
      'leave_type',
    ])
    .where('person_id', '=', personId)
    .where('work_date', '>=', from)
    .where('work_date', '<=', to)
    .where('work_date', '<', today)
    .orderBy('work_date')
    .execute();
  const days = stored.map((d) => ({
    date: d.work_date,
    status: d.status,
    due: d.due,
    firstIn: d.first_in ? new Date(d.first_in).toISOString() : null,
    lastOut: d.last_out ? new Date(d.last_out).toISOString() : null,
    lateMin: d.late_min,
    earlyMin: d.early_min,
    overtimeMin: d.overtime_min,
    workedMin: d.worked_min,
    leaveType: d.leave_type,
  }));
  if (today >= from && today <= to) {
    const people = await peopleWithRules(db, { personIds: [personId] });
    const [live] = await evaluatePeople(db, people, today, today, now, timeZone);
    if (live) {
      days.push({
        date: today,
        status: live.status,
        due: live.due,
        firstIn: live.firstIn?.toISOString() ?? null,
        lastOut: live.lastOut?.toISOString() ?? null,
        lateMin: live.lateMin,
        earlyMin: live.earlyMin,
        overtimeMin: live.overtimeMin,
        workedMin: live.workedMin,
        leaveType: live.leaveType,
      });
    }
  }
  const leaves = await db
    .selectFrom('attendance_leave')
    .selectAll()
    .where('person_id', '=', personId)
    .where('start_date', '<=', to)
    .where('end_date', '>=', from)
    .orderBy('start_date', 'desc')
    .execute();
  const corrections = await db
    .selectFrom('attendance_correction')
    .selectAll()
    .where('person_id', '=', personId)
    .where('work_date', '>=', from)
    .where('work_date', '<=', to)
    .orderBy('work_date', 'desc')
    .execute();
  const sum = (f: (d: (typeof days)[number]) => boolean) => days.filter(f).length;
  return {
    month,
    days,
    summary: {
      daysDue: sum((d) => d.due),
      daysPresent: sum(
        (d) => d.due && ['normal', 'late', 'early_leave', 'late_early', 'missing_punch'].includes(d.status),
      ),
      late: sum((d) => d.status === 'late' || d.status === 'late_early'),
      lateMinutes: days.reduce(
        (a, d) => a + (d.status === 'late' || d.status === 'late_early' ? d.lateMin : 0),
        0,
      ),
      early: sum((d) => d.status === 'early_leave' || d.status === 'late_early'),
      absent: sum((d) => d.status === 'absent'),
      missing: sum((d) => d.status === 'missing_punch'),
      leave: sum((d) => d.status === 'leave'),
      trip: sum((d) => d.status === 'trip'),
      overtimeHours: Math.round((days.reduce((a, d) => a + d.overtimeMin, 0) / 60) * 10) / 10,
    },
    leaves: leaves.map(leaveView),
    corrections: corrections.map(correctionView),
    balance: await annualBalance(db, personId, Number(month.slice(0, 4))),
  };
}

export const leaveLabel = (t: string | null, locale: 'zh-CN' | 'en') =>
  t ? (LEAVE_LABELS[t as LeaveType]?.[locale] ?? t) : '';
