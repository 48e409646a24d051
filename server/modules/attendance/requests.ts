import { sql } from 'kysely';
import { z } from 'zod';
import type { Db, Executor, Tx } from '../../kernel/db/schema.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { audit } from '../../kernel/audit/audit.ts';
import type { Actor, UserPrincipal } from '../../kernel/http/access.ts';
import {
  createMatter,
  registerMatterType,
  type MatterRef,
  type StepDef,
} from '../../kernel/approvals/index.ts';
import { addDays, isBusinessDay, localDate } from '../../kernel/calendar/businessDays.ts';
import { loadCalendar } from '../../kernel/calendar/service.ts';
import type { AttendanceSettings } from './config.ts';
import { entitlementFor, serviceYears } from './engine.ts';
import { attendanceErrors } from './errors.ts';
import { appendPunch, activePerson } from './punches.ts';
import { parseTime } from './importing.ts';
import { recomputeDays } from './recompute.ts';
import type { LeaveType } from './tables.ts';
import './tables.ts';

/** Leave, business trips and missing-punch corrections, decided through the kernel's approvals. */

export const LEAVE_MATTER = 'attendance.leave';
export const TRIP_MATTER = 'attendance.trip';
export const CORRECTION_MATTER = 'attendance.correction';

export const LEAVE_TYPES = [
  'annual',
  'sick',
  'personal',
  'marriage',
  'maternity',
  'paternity',
  'bereavement',
  'compensatory',
] as const satisfies readonly LeaveType[];

export const LEAVE_LABELS: Record<LeaveType, { 'zh-CN': string; en: string }> = {
  annual: { 'zh-CN': '年休假', en: 'Annual leave' },
  sick: { 'zh-CN': '病假', en: 'Sick leave' },
  personal: { 'zh-CN': '事假', en: 'Personal leave' },
  marriage: { 'zh-CN': '婚假', en: 'Marriage leave' },
  maternity: { 'zh-CN': '产假', en: 'Maternity leave' },
  paternity: { 'zh-CN': '陪产假', en: 'Paternity leave' },
  bereavement: { 'zh-CN': '丧假', en: 'Bereavement leave' },
  compensatory: { 'zh-CN': '调休假', en: 'Time off in lieu' },
};

/** The deployment's time zone, for the approval hooks (they receive only the transaction). */
let hookTimeZone = 'Asia/Shanghai';
export function setHookTimeZone(tz: string): void {
  hookTimeZone = tz;
}

const UNIT_HEAD: StepDef = {
  key: 'unit',
  label: { 'zh-CN': '单位考勤审批', en: "Unit's approval" },
  mode: 'any',
  role: 'unit_admin',
  within: 'requester_unit',
};

const leavePayload = z.object({
  requestId: z.string(),
  leaveType: z.enum(LEAVE_TYPES),
  startDate: z.string(),
  endDate: z.string(),
  days: z.number().int(),
});
const tripPayload = z.object({
  requestId: z.string(),
  destination: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  days: z.number().int(),
});
const correctionPayload = z.object({ requestId: z.string(), workDate: z.string(), time: z.string() });

const DECISION_ACTION = { approved: 'approve', rejected: 'reject' } as const;

async function decideLeave(tx: Tx, matter: MatterRef, actor: Actor, status: 'approved' | 'rejected') {
  const rows = await tx
    .updateTable('attendance_leave')
    .set({ status, updated_at: sql`now()` })
    .where('matter_id', '=', matter.id)
    .where('status', '=', 'pending')
    .returning(['id', 'person_id', 'start_date', 'end_date', 'jurisdiction_id', 'unit_id'])
    .execute();
  for (const r of rows) {
    await audit(tx, actor, {
      entity: 'attendance.leave',
      entityId: r.id,
      action: DECISION_ACTION[status],
      before: { status: 'pending' },
      after: { status },
      jurisdictionId: r.jurisdiction_id,
      unitId: r.unit_id,
    });
    if (status === 'approved') {
      await recomputeDays(
        tx,
        { personIds: [r.person_id] },
        r.start_date,
        r.end_date,
        new Date(),
        hookTimeZone,
      );
    }
  }
}

const range = (p: { startDate: string; endDate: string; days: number }, locale: string) =>
  `${p.startDate}${p.endDate === p.startDate ? '' : ` ~ ${p.endDate}`} ${locale === 'en' ? `${p.days} d` : `${p.days}天`}`;

registerMatterType<z.infer<typeof leavePayload>>({
  type: LEAVE_MATTER,
  label: { 'zh-CN': '请假申请', en: 'Leave request' },
  payload: leavePayload,
  steps: [UNIT_HEAD],
  summary: (p, locale) => `${LEAVE_LABELS[p.leaveType][locale]} ${range(p, locale)}`,
  onApproved: (tx, m, actor) => decideLeave(tx, m, actor, 'approved'),
  onRejected: (tx, m, actor) => decideLeave(tx, m, actor, 'rejected'),
});
registerMatterType<z.infer<typeof tripPayload>>({
  type: TRIP_MATTER,
  label: { 'zh-CN': '出差申请', en: 'Business trip' },
  payload: tripPayload,
  steps: [UNIT_HEAD],
  summary: (p, locale) => `${p.destination} ${range(p, locale)}`,
  onApproved: (tx, m, actor) => decideLeave(tx, m, actor, 'approved'),
  onRejected: (tx, m, actor) => decideLeave(tx, m, actor, 'rejected'),
});
registerMatterType<z.infer<typeof correctionPayload>>({
  type: CORRECTION_MATTER,
  label: { 'zh-CN': '补卡申请', en: 'Missing-punch correction' },
  payload: correctionPayload,
  steps: [UNIT_HEAD],
  summary: (p) => `${p.workDate} ${p.time}`,
  async onApproved(tx, matter, actor) {
    const rows = await tx
      .updateTable('attendance_correction')
      .set({ status: 'approved', updated_at: sql`now()` })
      .where('matter_id', '=', matter.id)
      .where('status', '=', 'pending')
      .returning(['id', 'person_id', 'at', 'jurisdiction_id', 'unit_id'])
      .execute();
    for (const r of rows) {
      await audit(tx, actor, {
        entity: 'attendance.correction',
        entityId: r.id,
        action: 'approve',
        before: { status: 'pending' },
        after: { status: 'approved' },
        jurisdictionId: r.jurisdiction_id,
        unitId: r.unit_id,
      });
      const person = await activePerson(tx, { id: r.person_id });
      if (!person) continue;
      const settings = { timeZone: hookTimeZone, debounceSeconds: 0 } as AttendanceSettings;
      await appendPunch(tx, settings, actor, person, new Date(r.at), 'correction', {
        device: 'correction',
        correctionId: r.id,
      });
    }
  },
  async onRejected(tx, matter, actor) {
    const rows = await tx
      .updateTable('attendance_correction')
      .set({ status: 'rejected', updated_at: sql`now()` })
      .where('matter_id', '=', matter.id)
      .where('status', '=', 'pending')
      .returning(['id', 'jurisdiction_id', 'unit_id'])
      .execute();
    for (const r of rows) {
      await audit(tx, actor, {
        entity: 'attendance.correction',
        entityId: r.id,
        action: 'reject',
        before: { status: 'pending' },
        after: { status: 'rejected' },
        jurisdictionId: r.jurisdiction_id,
        unitId: r.unit_id,
      });
    }
  },
});

/** Requests whose matter the requester withdrew free their dates (approvals has no withdraw hook). */
async function releaseWithdrawn(tx: Tx, personId: string) {
  const withdrawn = sql<boolean>`exists (select 1 from approval_matter m where m.id = matter_id and m.status = 'withdrawn')`;
  await tx
    .updateTable('attendance_leave')
    .set({ status: 'withdrawn', updated_at: sql`now()` })
    .where('person_id', '=', personId)
    .where('status', '=', 'pending')
    .where(withdrawn)
    .execute();
  await tx
    .updateTable('attendance_correction')
    .set({ status: 'withdrawn', updated_at: sql`now()` })
    .where('person_id', '=', personId)
    .where('status', '=', 'pending')
    .where(withdrawn)
    .execute();
}

function workdaysIn(cal: Awaited<ReturnType<typeof loadCalendar>>, from: string, to: string): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isBusinessDay(cal, d)) n++;
  return n;
}

/** A person's annual leave for a year: entitlement, days taken or asked (approved + pending), left. */
export async function annualBalance(ex: Executor, personId: string, year: number) {
  const profile = await ex
    .selectFrom('attendance_profile')
    .select('service_start')
    .where('person_id', '=', personId)
    .executeTakeFirst();
  const table = await ex
    .selectFrom('attendance_entitlement')
    .select(['min_years as minYears', 'days'])
    .execute();
  const years = profile ? serviceYears(profile.service_start, `${year}-01-01`) : null;
  const entitled = years === null ? entitlementFor(table, 1) : entitlementFor(table, years);
  const used = await ex
    .selectFrom('attendance_leave')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('days'), eb.lit(0)).as('n'))
    .where('person_id', '=', personId)
    .where('leave_type', '=', 'annual')
    .where('status', '=', 'approved')
    .where('start_date', '>=', `${year}-01-01`)
    .where('start_date', '<=', `${year}-12-31`)
    .executeTakeFirstOrThrow();
  const pending = await ex
    .selectFrom('attendance_leave')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('days'), eb.lit(0)).as('n'))
    .where('person_id', '=', personId)
    .where('leave_type', '=', 'annual')
    .where('status', '=', 'pending')
    .where('start_date', '>=', `${year}-01-01`)
    .where('start_date', '<=', `${year}-12-31`)
    .executeTakeFirstOrThrow();
  const u = Number(used.n);
  const p = Number(pending.n);
  return { year, serviceYears: years, entitled, used: u, pending: p, left: entitled - u - p };
}

export interface LeaveInput {
  kind: 'leave' | 'trip';
  leaveType?: LeaveType | undefined;
  destination?: string | undefined;
  startDate: string;
  endDate: string;
  reason: string;
}

export async function requestLeave(
  db: Db,
  s: AttendanceSettings,
  p: UserPrincipal,
  actor: Actor,
  input: LeaveInput,
) {
  if (!p.personId) throw attendanceErrors.noPerson();
  const personId = p.personId;
  if (input.endDate < input.startDate) throw attendanceErrors.rangeInvalid('endDate');
  return inTransaction(db, async (tx) => {
    const person = await activePerson(tx, { id: personId });
    if (!person) throw attendanceErrors.noPerson();
    // one request at a time per person: the balance check and the insert see a settled state
    await sql`select pg_advisory_xact_lock(hashtext(${'attendance:' + personId}))`.execute(tx);
    await releaseWithdrawn(tx, personId);
    const cal = await loadCalendar(tx, s.timeZone);
    const days = workdaysIn(cal, input.startDate, input.endDate);
    if (days === 0) throw attendanceErrors.noWorkdays();
    if (input.kind === 'leave' && input.leaveType === 'annual') {
      if (input.startDate.slice(0, 4) !== input.endDate.slice(0, 4))
        throw attendanceErrors.rangeInvalid('endDate');
      const b = await annualBalance(tx, personId, Number(input.startDate.slice(0, 4)));
      if (days > b.left) throw attendanceErrors.balance(b.left, days);
    }
    const overlap = await tx
      .selectFrom('attendance_leave')
      .select('id')
      .where('person_id', '=', personId)
      .where('status', 'in', ['pending', 'approved'])
      .where('start_date', '<=', input.endDate)
      .where('end_date', '>=', input.startDate)
      .executeTakeFirst();
    if (overlap) throw attendanceErrors.overlap();
    const row = await tx
      .insertInto('attendance_leave')
      .values({
        person_id: personId,
        jurisdiction_id: person.jurisdiction_id,
        unit_id: person.unit_id,
        kind: input.kind,
        leave_type: input.kind === 'leave' ? (input.leaveType ?? 'personal') : null,
        start_date: input.startDate,
        end_date: input.endDate,
        days,
        reason: input.reason,
        destination: input.kind === 'trip' ? (input.destination ?? '') : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const title =
      input.kind === 'leave'
        ? `${person.name} ${LEAVE_LABELS[row.leave_type!]['zh-CN']} ${input.startDate}${input.endDate !== input.startDate ? '至' + input.endDate : ''}`
        : `${person.name} 出差${input.destination} ${input.startDate}${input.endDate !== input.startDate ? '至' + input.endDate : ''}`;
    const matterId = await createMatter(
      tx,
      p,
      input.kind === 'leave'
        ? {
            type: LEAVE_MATTER,
            title,
            payload: {
              requestId: row.id,
              leaveType: row.leave_type,
              startDate: input.startDate,
              endDate: input.endDate,
              days,
            },
            submit: true,
          }
        : {
            type: TRIP_MATTER,
            title,
            payload: {
              requestId: row.id,
              destination: input.destination,
              startDate: input.startDate,
              endDate: input.endDate,
              days,
            },
            submit: true,
          },
      actor,
    );
    await tx.updateTable('attendance_leave').set({ matter_id: matterId }).where('id', '=', row.id).execute();
    await audit(tx, actor, {
      entity: 'attendance.leave',
      entityId: row.id,
      action: 'create',
      after: {
        kind: row.kind,
        leaveType: row.leave_type,
        startDate: row.start_date,
        endDate: row.end_date,
        days,
        matterId,
      },
      jurisdictionId: row.jurisdiction_id,
      unitId: row.unit_id,
    });
    return leaveView({ ...row, matter_id: matterId });
  });
}

export function leaveView(r: {
  id: string;
  kind: 'leave' | 'trip';
  leave_type: string | null;
  start_date: string;
  end_date: string;
  days: number;
  reason: string;
  destination: string | null;
  status: string;
  matter_id: string | null;
}) {
  return {
    id: r.id,
    kind: r.kind,
    leaveType: r.leave_type,
    startDate: r.start_date,
    endDate: r.end_date,
    days: r.days,
    reason: r.reason,
    destination: r.destination,
    status: r.status,
    matterId: r.matter_id,
  };
}

export async function requestCorrection(
  db: Db,
  s: AttendanceSettings,
  p: UserPrincipal,
  actor: Actor,
  input: { workDate: string; time: string; reason: string },
) {
  if (!p.personId) throw attendanceErrors.noPerson();
  const personId = p.personId;
  const at = parseTime(`${input.workDate} ${input.time}`, s.timeZone);
  if (!at) throw attendanceErrors.correctionDate();
  const today = localDate(new Date(), s.timeZone);
  if (
    input.workDate > today ||
    input.workDate < addDays(today, -s.correctionDays) ||
    at.getTime() > Date.now()
  ) {
    throw attendanceErrors.correctionDate();
  }
  return inTransaction(db, async (tx) => {
    const person = await activePerson(tx, { id: personId });
    if (!person) throw attendanceErrors.noPerson();
    await sql`select pg_advisory_xact_lock(hashtext(${'attendance:' + personId}))`.execute(tx);
    await releaseWithdrawn(tx, personId);
    const cal = await loadCalendar(tx, s.timeZone);
    if (!isBusinessDay(cal, input.workDate)) throw attendanceErrors.correctionDate();
    const month = input.workDate.slice(0, 7);
    const used = await tx
      .selectFrom('attendance_correction')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', personId)
      .where('status', 'in', ['pending', 'approved'])
      .where('work_date', '>=', `${month}-01`)
      .where('work_date', '<', addDays(`${month}-28`, 4).slice(0, 7) + '-01')
      .executeTakeFirstOrThrow();
    if (Number(used.n) >= s.correctionsPerMonth)
      throw attendanceErrors.correctionLimit(s.correctionsPerMonth);
    const taken = await tx
      .selectFrom('attendance_punch')
      .select('id')
      .where('person_id', '=', personId)
      .where('at', '=', at)
      .executeTakeFirst();
    if (taken) throw attendanceErrors.correctionTaken();
    const row = await tx
      .insertInto('attendance_correction')
      .values({
        person_id: personId,
        jurisdiction_id: person.jurisdiction_id,
        unit_id: person.unit_id,
        work_date: input.workDate,
        at,
        reason: input.reason,
      })
      .onConflict((oc) =>
        oc.columns(['person_id', 'at']).where('status', 'in', ['pending', 'approved']).doNothing(),
      )
      .returningAll()
      .executeTakeFirst();
    if (!row) throw attendanceErrors.correctionTaken();
    const matterId = await createMatter(
      tx,
      p,
      {
        type: CORRECTION_MATTER,
        title: `${person.name} 补卡 ${input.workDate} ${input.time}`,
        payload: { requestId: row.id, workDate: input.workDate, time: input.time },
        submit: true,
      },
      actor,
    );
    await tx
      .updateTable('attendance_correction')
      .set({ matter_id: matterId })
      .where('id', '=', row.id)
      .execute();
    await audit(tx, actor, {
      entity: 'attendance.correction',
      entityId: row.id,
      action: 'create',
      after: { workDate: input.workDate, at: at.toISOString(), matterId },
      jurisdictionId: row.jurisdiction_id,
      unitId: row.unit_id,
    });
    return correctionView({ ...row, matter_id: matterId });
  });
}

export function correctionView(r: {
  id: string;
  work_date: string;
  at: Date;
  reason: string;
  status: string;
  matter_id: string | null;
}) {
  return {
    id: r.id,
    workDate: r.work_date,
    at: new Date(r.at).toISOString(),
    reason: r.reason,
    status: r.status,
    matterId: r.matter_id,
  };
}
