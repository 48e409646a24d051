import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../kernel/db/schema.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { audit } from '../../kernel/audit/audit.ts';
import type { Actor, UserPrincipal } from '../../kernel/http/access.ts';
import { createMatter } from '../../kernel/approvals/index.ts';
import { addDays, isBusinessDay, localDate } from '../../kernel/calendar/businessDays.ts';
import { loadCalendar } from '../../kernel/calendar/service.ts';
import { LEAVE_AHEAD_DAYS, LEAVE_MAX_SPAN_DAYS, type AttendanceSettings } from './config.ts';
import { entitlementFor, serviceYears } from './engine.ts';
import { attendanceErrors } from './errors.ts';
import { activePerson } from './punches.ts';
import { parseTime } from './importing.ts';
import type { LeaveType } from './tables.ts';
import { CORRECTION_MATTER, LEAVE_LABELS, LEAVE_MATTER, TRIP_MATTER } from './matters.ts';
import './tables.ts';

/** Leave, business trips and missing-punch corrections, decided through the kernel's approvals. */

/**
 * The requester's active person row, with the person's attendance lock held for the transaction:
 * one request at a time per person, so the balance and overlap checks see a settled state.
 */
async function lockedPerson(tx: Tx, personId: string) {
  const person = await activePerson(tx, { id: personId });
  if (!person) throw attendanceErrors.noPerson();
  await sql`select pg_advisory_xact_lock(hashtext(${'attendance:' + personId}))`.execute(tx);
  return person;
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
  const taken = await ex
    .selectFrom('attendance_leave')
    .select([
      sql<number>`coalesce(sum(days) filter (where status = 'approved'), 0)::int`.as('used'),
      sql<number>`coalesce(sum(days) filter (where status = 'pending'), 0)::int`.as('pending'),
    ])
    .where('person_id', '=', personId)
    .where('leave_type', '=', 'annual')
    .where('status', 'in', ['approved', 'pending'])
    .where('start_date', '>=', `${year}-01-01`)
    .where('start_date', '<=', `${year}-12-31`)
    .executeTakeFirstOrThrow();
  const u = Number(taken.used);
  const p = Number(taken.pending);
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

/**
 * The dates a leave or trip request may cover, today being `today` (local): it starts at most
 * `backdateDays` back (补假), ends at most a year ahead and spans at most 180 calendar days.
 */
export function checkLeaveDates(
  s: Pick<AttendanceSettings, 'backdateDays'>,
  input: { startDate: string; endDate: string },
  today: string,
) {
  if (input.endDate < input.startDate) throw attendanceErrors.rangeInvalid('endDate');
  const earliest = addDays(today, -s.backdateDays);
  if (input.startDate < earliest) throw attendanceErrors.leaveTooEarly(earliest, s.backdateDays);
  const latest = addDays(today, LEAVE_AHEAD_DAYS);
  if (input.endDate > latest) throw attendanceErrors.leaveTooFar(latest);
  if (input.endDate > addDays(input.startDate, LEAVE_MAX_SPAN_DAYS - 1))
    throw attendanceErrors.leaveTooLong(LEAVE_MAX_SPAN_DAYS);
}

/** The dates the request forms accept today, for the date pickers (the server checks them again). */
export function requestWindow(s: AttendanceSettings, today = localDate(new Date(), s.timeZone)) {
  return {
    leaveEarliest: addDays(today, -s.backdateDays),
    leaveLatest: addDays(today, LEAVE_AHEAD_DAYS),
    leaveMaxDays: LEAVE_MAX_SPAN_DAYS,
    correctionEarliest: addDays(today, -s.correctionDays),
    today,
  };
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
  checkLeaveDates(s, input, localDate(new Date(), s.timeZone));
  return inTransaction(db, async (tx) => {
    const person = await lockedPerson(tx, personId);
    const cal = await loadCalendar(tx, s.timeZone);
    const days = workdaysIn(cal, input.startDate, input.endDate);
    if (days === 0) throw attendanceErrors.noWorkdays();
    if (input.kind === 'leave' && input.leaveType === 'annual') {
      if (input.startDate.slice(0, 4) !== input.endDate.slice(0, 4)) throw attendanceErrors.annualCrossYear();
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
    const period = `${input.startDate}${input.endDate !== input.startDate ? '至' + input.endDate : ''}`;
    const common = { requestId: row.id, startDate: input.startDate, endDate: input.endDate, days };
    const matterId = await createMatter(
      tx,
      p,
      input.kind === 'leave'
        ? {
            type: LEAVE_MATTER,
            title: `${person.name} ${LEAVE_LABELS[row.leave_type!]['zh-CN']} ${period}`,
            payload: { ...common, leaveType: row.leave_type },
            submit: true,
          }
        : {
            type: TRIP_MATTER,
            title: `${person.name} 出差${input.destination} ${period}`,
            payload: { ...common, destination: input.destination },
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
    const person = await lockedPerson(tx, personId);
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
