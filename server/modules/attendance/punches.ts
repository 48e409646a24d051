import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../kernel/db/schema.ts';
import { cardHolder } from '../cards/index.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { audit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/http/access.ts';
import { localDate } from '../../kernel/calendar/index.ts';
import type { AttendanceSettings } from './config.ts';
import { distanceMetres } from './engine.ts';
import { attendanceErrors } from './errors.ts';
import { evaluatePeople, peopleWithRules, recomputeDays } from './recompute.ts';
import type { PunchSource } from './tables.ts';
import './tables.ts';

/** Clock-ins: at the kiosk (staff number or one-card), on a phone (location checked against the sites). */

export interface PunchPerson {
  id: string;
  name: string;
  employee_no: string;
  unit_id: string;
  jurisdiction_id: string;
}

export async function activePerson(ex: Executor, where: { id: string } | { employeeNo: string }) {
  let q = ex
    .selectFrom('org_person')
    .select(['id', 'name', 'employee_no', 'unit_id', 'jurisdiction_id'])
    .where('status', '=', 'active');
  q = 'id' in where ? q.where('id', '=', where.id) : q.where('employee_no', '=', where.employeeNo);
  return q.executeTakeFirst();
}

export interface PunchExtra {
  device?: string | null;
  lat?: number | null;
  lng?: number | null;
  accuracyM?: number | null;
  siteId?: string | null;
  distanceM?: number | null;
  inRange?: boolean | null;
  correctionId?: string | null;
}

/** Appends one punch and recomputes that person's day; refuses a second punch within the debounce. */
export async function appendPunch(
  tx: Tx,
  s: AttendanceSettings,
  actor: Actor,
  person: PunchPerson,
  at: Date,
  source: PunchSource,
  extra: PunchExtra = {},
) {
  if (source !== 'correction' && s.debounceSeconds > 0) {
    const recent = await tx
      .selectFrom('attendance_punch')
      .select('id')
      .where('person_id', '=', person.id)
      .where('at', '>', new Date(at.getTime() - s.debounceSeconds * 1000))
      .where('at', '<=', at)
      .executeTakeFirst();
    if (recent) throw attendanceErrors.tooSoon();
  }
  const workDate = localDate(at, s.timeZone);
  const row = await tx
    .insertInto('attendance_punch')
    .values({
      person_id: person.id,
      jurisdiction_id: person.jurisdiction_id,
      unit_id: person.unit_id,
      at,
      work_date: workDate,
      source,
      device: extra.device ?? null,
      lat: extra.lat ?? null,
      lng: extra.lng ?? null,
      accuracy_m: extra.accuracyM ?? null,
      site_id: extra.siteId ?? null,
      distance_m: extra.distanceM ?? null,
      in_range: extra.inRange ?? null,
      correction_id: extra.correctionId ?? null,
    })
    .onConflict((oc) => oc.columns(['person_id', 'at']).doNothing())
    .returning(['id', 'at', 'work_date', 'source', 'in_range', 'distance_m'])
    .executeTakeFirst();
  if (!row) throw attendanceErrors.tooSoon();
  await audit(tx, actor, {
    entity: 'attendance.punch',
    entityId: row.id,
    action: 'create',
    after: { personId: person.id, at: at.toISOString(), source, inRange: extra.inRange ?? null },
    jurisdictionId: person.jurisdiction_id,
    unitId: person.unit_id,
  });
  await recomputeDays(tx, { personIds: [person.id] }, workDate, workDate, new Date(), s.timeZone);
  return row;
}

/** The nearest active site of the person's unit, or of their jurisdiction when the unit has none. */
async function nearestSite(ex: Executor, person: PunchPerson, pos: { lat: number; lng: number }) {
  const sites = await ex
    .selectFrom('attendance_site')
    .select(['id', 'name', 'lat', 'lng', 'radius_m', 'unit_id'])
    .where('active', '=', true)
    .where('jurisdiction_id', '=', person.jurisdiction_id)
    .execute();
  const own = sites.filter((x) => x.unit_id === person.unit_id);
  const candidates = own.length > 0 ? own : sites;
  let best: { id: string; name: string; distance: number; radius: number } | null = null;
  for (const site of candidates) {
    const distance = Math.round(distanceMetres(pos, site));
    if (!best || distance - site.radius_m < best.distance - best.radius) {
      best = { id: site.id, name: site.name, distance, radius: site.radius_m };
    }
  }
  return best;
}

export async function phonePunch(
  db: Db,
  s: AttendanceSettings,
  actor: Actor,
  personId: string,
  pos: { lat: number; lng: number; accuracyM?: number | undefined },
) {
  return inTransaction(db, async (tx) => {
    const person = await activePerson(tx, { id: personId });
    if (!person) throw attendanceErrors.noPerson();
    const [rule] = await peopleWithRules(tx, { personIds: [person.id] });
    if (!rule) throw attendanceErrors.noRule();
    const site = await nearestSite(tx, person, pos);
    const inRange = site !== null && site.distance <= site.radius;
    if (!inRange && s.outOfRange === 'reject') throw attendanceErrors.outOfRange(site?.distance ?? null);
    const row = await appendPunch(tx, s, actor, person, new Date(), 'phone', {
      device: 'phone',
      lat: pos.lat,
      lng: pos.lng,
      accuracyM: pos.accuracyM === undefined ? null : Math.round(pos.accuracyM),
      siteId: site?.id ?? null,
      distanceM: site?.distance ?? null,
      inRange,
    });
    return { ...punchView(row), siteName: site?.name ?? null };
  });
}

export async function kioskPunch(db: Db, s: AttendanceSettings, actor: Actor, code: string, device: string) {
  return inTransaction(db, async (tx) => {
    // a staff number typed in, or a one-card swiped (its number)
    const typed = code.trim();
    let person = await activePerson(tx, { employeeNo: typed });
    if (!person && /^[0-9]{8,20}$/.test(typed)) {
      const holder = await cardHolder(tx, typed);
      if (holder) person = await activePerson(tx, { id: holder });
    }
    if (!person) throw attendanceErrors.unknownCode();
    const row = await appendPunch(tx, s, actor, person, new Date(), 'kiosk', { device });
    const today = await tx
      .selectFrom('attendance_punch')
      .select('at')
      .where('person_id', '=', person.id)
      .where('work_date', '=', row.work_date)
      .orderBy('at')
      .execute();
    return {
      ...punchView(row),
      name: person.name,
      employeeNo: person.employee_no,
      punchesToday: today.map((p) => new Date(p.at).toISOString()),
    };
  });
}

export function punchView(r: {
  id: string;
  at: Date;
  work_date: string;
  source: PunchSource;
  in_range: boolean | null;
  distance_m: number | null;
}) {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    workDate: r.work_date,
    source: r.source,
    inRange: r.in_range,
    distanceM: r.distance_m,
  };
}

/** Today for one person: their rule, punches, the live result and the clock-in sites. */
export async function myToday(db: Db, s: AttendanceSettings, personId: string) {
  const now = new Date();
  const date = localDate(now, s.timeZone);
  const person = await activePerson(db, { id: personId });
  if (!person) throw attendanceErrors.noPerson();
  const people = await peopleWithRules(db, { personIds: [personId] });
  const rule = people[0] ?? null;
  const punches = await db
    .selectFrom('attendance_punch')
    .select(['id', 'at', 'work_date', 'source', 'in_range', 'distance_m'])
    .where('person_id', '=', personId)
    .where('work_date', '=', date)
    .orderBy('at')
    .execute();
  const [result] = rule ? await evaluatePeople(db, people, date, date, now, s.timeZone) : [];
  const sites = await db
    .selectFrom('attendance_site')
    .select(['id', 'name', 'lat', 'lng', 'radius_m as radiusM', 'unit_id'])
    .where('active', '=', true)
    .where('jurisdiction_id', '=', person.jurisdiction_id)
    .orderBy(sql`unit_id = ${person.unit_id}`, 'desc')
    .orderBy('name')
    .execute();
  const own = sites.filter((x) => x.unit_id === person.unit_id);
  return {
    date,
    now: now.toISOString(),
    rule: rule
      ? {
          startMin: rule.rule.startMin,
          endMin: rule.rule.endMin,
          flexMin: rule.rule.flexMin,
          lunchStartMin: rule.rule.lunchStartMin,
          lunchEndMin: rule.rule.lunchEndMin,
        }
      : null,
    punches: punches.map(punchView),
    result: result
      ? {
          status: result.status,
          due: result.due,
          lateMin: result.lateMin,
          earlyMin: result.earlyMin,
          overtimeMin: result.overtimeMin,
          workedMin: result.workedMin,
        }
      : null,
    sites: (own.length > 0 ? own : sites).map(({ unit_id: _u, ...x }) => x),
    outOfRange: s.outOfRange,
  };
}
