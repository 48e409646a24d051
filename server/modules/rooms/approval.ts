import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../../kernel/db/schema.ts';
import { registerMatterType, type StepDef } from '../../kernel/approvals/index.ts';
import { moveBookings } from './status.ts';
import './tables.ts';

/** Bookings of rooms that need approval: the slot is held as `pending` until the matter is decided. */
export const MATTER_TYPE = 'rooms.booking';

const payload = z.object({
  roomId: z.string(),
  roomName: z.string(),
  start: z.string(),
  end: z.string(),
  occurrences: z.number().int().min(1),
  /** who decides: the district office when the room and the organiser are in the same district, else the bureau */
  approver: z.enum(['district', 'bureau']),
});
type Payload = z.infer<typeof payload>;

const DISTRICT: StepDef = {
  key: 'district',
  label: { 'zh-CN': '辖区机关事务审批', en: 'District offices approval' },
  mode: 'any',
  role: 'district_admin',
  within: 'requester_jurisdiction',
  // a district without its own administrator: the bureau decides
  fallback: [{ role: 'bureau_admin', within: 'city' }],
};
const BUREAU: StepDef = {
  key: 'bureau',
  label: { 'zh-CN': '机关事务局审批', en: 'Bureau approval' },
  mode: 'any',
  role: 'bureau_admin',
  within: 'city',
};

/** The approver of a booking: the district when room and organiser share a district, else the bureau. */
export async function approverFor(
  db: Executor,
  roomJurisdictionId: string,
  organizerJurisdictionId: string | null,
): Promise<Payload['approver']> {
  if (roomJurisdictionId !== organizerJurisdictionId) return 'bureau';
  const j = await db
    .selectFrom('org_jurisdiction')
    .select('kind')
    .where('id', '=', roomJurisdictionId)
    .executeTakeFirst();
  return j?.kind === 'city' ? 'bureau' : 'district';
}

/** the deployment's zone (config), set when the module registers: the summary shows local times */
let zone = 'Asia/Shanghai';
export function setSummaryTimeZone(timeZone: string): void {
  zone = timeZone;
}

const time = (iso: string, locale: 'zh-CN' | 'en', timeZone: string) =>
  new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

/** A booking matter's one-line summary: room, local day and times, and the number of occurrences. */
export function bookingSummary(
  p: Pick<Payload, 'roomName' | 'start' | 'end' | 'occurrences'>,
  locale: 'zh-CN' | 'en',
  timeZone = zone,
): string {
  return (
    `${p.roomName} ${time(p.start, locale, timeZone)}–${time(p.end, locale, timeZone).slice(-5)}` +
    (p.occurrences > 1 ? (locale === 'en' ? ` ×${p.occurrences}` : ` 共${p.occurrences}次`) : '')
  );
}

/** The bookings a matter holds pending (a recurring booking's occurrences share one matter). */
const heldBy = (matterId: string) => sql<boolean>`k.approval_matter_id = ${matterId}`;

registerMatterType<Payload>({
  type: MATTER_TYPE,
  label: { 'zh-CN': '会议室预订审批', en: 'Meeting room booking' },
  payload,
  steps: (p) => (p.approver === 'district' ? [DISTRICT] : [BUREAU]),
  summary: (p, locale) => bookingSummary(p, locale),
  async onApproved(tx, matter, actor) {
    await moveBookings(tx, actor, { from: 'pending', to: 'confirmed', action: 'approve' }, heldBy(matter.id));
  },
  async onRejected(tx, matter, actor) {
    await moveBookings(tx, actor, { from: 'pending', to: 'rejected', action: 'reject' }, heldBy(matter.id));
  },
});
