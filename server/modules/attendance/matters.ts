import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../../kernel/db/schema.ts';
import { audit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/http/access.ts';
import { registerMatterType, type MatterRef, type StepDef } from '../../kernel/approvals/index.ts';
import type { AttendanceSettings } from './config.ts';
import { appendPunch, activePerson } from './punches.ts';
import { recomputeDays } from './recompute.ts';
import type { LeaveType, RequestStatus } from './tables.ts';
import './tables.ts';

/**
 * The approval matters of attendance: leave, business trips and missing-punch corrections. Each
 * request row follows its matter: approved, rejected or withdrawn, it leaves 'pending' in the same
 * transaction, so a withdrawn or rejected request frees its dates (and annual leave days) at once.
 */

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

/**
 * The unit's own administrators decide; a unit without one (a small office) goes up to its district's
 * administrators, and a unit with neither to the bureau, rather than being unable to ask at all.
 */
const UNIT_HEAD: StepDef = {
  key: 'unit',
  label: { 'zh-CN': '单位考勤审批', en: "Unit's approval" },
  mode: 'any',
  role: 'unit_admin',
  within: 'requester_unit',
  fallback: [
    { role: 'district_admin', within: 'requester_jurisdiction' },
    { role: 'bureau_admin', within: 'city' },
  ],
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

type Outcome = Exclude<RequestStatus, 'pending'>;
const AUDIT_ACTION = { approved: 'approve', rejected: 'reject', withdrawn: 'withdraw' } as const;
const REQUEST_ENTITY = {
  attendance_leave: 'attendance.leave',
  attendance_correction: 'attendance.correction',
};

/**
 * Moves the pending request of a matter to its outcome, audited, and answers the rows it moved
 * (none when the request was settled already: a hook may run once only).
 */
async function settle(
  tx: Tx,
  table: keyof typeof REQUEST_ENTITY,
  matter: MatterRef,
  actor: Actor,
  status: Outcome,
) {
  const rows = await tx
    .updateTable(table)
    .set({ status, updated_at: sql`now()` })
    .where('matter_id', '=', matter.id)
    .where('status', '=', 'pending')
    .returning(['id', 'person_id', 'jurisdiction_id', 'unit_id'])
    .execute();
  for (const r of rows) {
    await audit(tx, actor, {
      entity: REQUEST_ENTITY[table],
      entityId: r.id,
      action: AUDIT_ACTION[status],
      before: { status: 'pending' },
      after: { status },
      jurisdictionId: r.jurisdiction_id,
      unitId: r.unit_id,
    });
  }
  return rows;
}

/** Leave and trips: approved, the days of the period are worked out again as leave or trip days. */
async function settleLeave(tx: Tx, matter: MatterRef, actor: Actor, status: Outcome) {
  const rows = await settle(tx, 'attendance_leave', matter, actor, status);
  if (status !== 'approved') return;
  for (const r of rows) {
    const period = await tx
      .selectFrom('attendance_leave')
      .select(['start_date', 'end_date'])
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    const people = { personIds: [r.person_id] };
    await recomputeDays(tx, people, period.start_date, period.end_date, new Date(), hookTimeZone);
  }
}

const range = (p: { startDate: string; endDate: string; days: number }, locale: string) =>
  `${p.startDate}${p.endDate === p.startDate ? '' : ` ~ ${p.endDate}`} ${locale === 'en' ? `${p.days} d` : `${p.days}天`}`;

const leaveHooks = {
  onApproved: (tx: Tx, m: MatterRef, actor: Actor) => settleLeave(tx, m, actor, 'approved'),
  onRejected: (tx: Tx, m: MatterRef, actor: Actor) => settleLeave(tx, m, actor, 'rejected'),
  onWithdrawn: (tx: Tx, m: MatterRef, actor: Actor) => settleLeave(tx, m, actor, 'withdrawn'),
};

registerMatterType<z.infer<typeof leavePayload>>({
  type: LEAVE_MATTER,
  label: { 'zh-CN': '请假申请', en: 'Leave request' },
  payload: leavePayload,
  steps: [UNIT_HEAD],
  summary: (p, locale) => `${LEAVE_LABELS[p.leaveType][locale]} ${range(p, locale)}`,
  ...leaveHooks,
});
registerMatterType<z.infer<typeof tripPayload>>({
  type: TRIP_MATTER,
  label: { 'zh-CN': '出差申请', en: 'Business trip' },
  payload: tripPayload,
  steps: [UNIT_HEAD],
  summary: (p, locale) => `${p.destination} ${range(p, locale)}`,
  ...leaveHooks,
});
registerMatterType<z.infer<typeof correctionPayload>>({
  type: CORRECTION_MATTER,
  label: { 'zh-CN': '补卡申请', en: 'Missing-punch correction' },
  payload: correctionPayload,
  steps: [UNIT_HEAD],
  summary: (p) => `${p.workDate} ${p.time}`,
  async onApproved(tx, matter, actor) {
    for (const r of await settle(tx, 'attendance_correction', matter, actor, 'approved')) {
      const person = await activePerson(tx, { id: r.person_id });
      if (!person) continue;
      const { at } = await tx
        .selectFrom('attendance_correction')
        .select('at')
        .where('id', '=', r.id)
        .executeTakeFirstOrThrow();
      const settings = { timeZone: hookTimeZone, debounceSeconds: 0 } as AttendanceSettings;
      await appendPunch(tx, settings, actor, person, new Date(at), 'correction', {
        device: 'correction',
        correctionId: r.id,
      });
    }
  },
  onRejected: (tx, m, actor) => settle(tx, 'attendance_correction', m, actor, 'rejected').then(() => {}),
  onWithdrawn: (tx, m, actor) => settle(tx, 'attendance_correction', m, actor, 'withdrawn').then(() => {}),
});
