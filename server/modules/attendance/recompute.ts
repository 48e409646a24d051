import { sql } from 'kysely';
import type { Executor } from '../../kernel/db/schema.ts';
import { isBusinessDay, localDate, type BusinessCalendar } from '../../kernel/calendar/index.ts';
import { addDays, startOfDay } from '../../kernel/calendar/businessDays.ts';

import { loadCalendar } from '../../kernel/calendar/service.ts';
import { evaluateDay, type DayOutcome, type WorkRule } from './engine.ts';
import type { DayStatus } from './tables.ts';
import './tables.ts';

/** The times of a working-hour rule, as selected from `attendance_rule as r`. */
export const RULE_TIME_COLUMNS = [
  'r.start_min',
  'r.end_min',
  'r.flex_min',
  'r.lunch_start_min',
  'r.lunch_end_min',
  'r.grace_min',
  'r.absent_late_min',
  'r.overtime_min_threshold',
] as const;

/** A rule's times as the engine reads them, from a row selected with RULE_TIME_COLUMNS. */
export function ruleTimes(r: {
  start_min: number;
  end_min: number;
  flex_min: number;
  lunch_start_min: number | null;
  lunch_end_min: number | null;
  grace_min: number;
  absent_late_min: number;
  overtime_min_threshold: number;
}): WorkRule {
  return {
    startMin: r.start_min,
    endMin: r.end_min,
    flexMin: r.flex_min,
    lunchStartMin: r.lunch_start_min,
    lunchEndMin: r.lunch_end_min,
    graceMin: r.grace_min,
    absentLateMin: r.absent_late_min,
    overtimeMinThreshold: r.overtime_min_threshold,
  };
}

/**
 * Day results from stored facts: a person's rule (their department's, else their unit's), the
 * calendar, punches and approved leave. `evaluatePeople` computes without writing (the daily board);
 * `recomputeDays` writes the results of the days that have begun (incremental per person and range).
 */

export interface PersonRule {
  personId: string;
  name: string;
  employeeNo: string;
  jurisdictionId: string;
  unitId: string;
  departmentId: string | null;
  ruleId: string;
  rule: WorkRule;
}

export interface PersonDay extends Omit<DayOutcome, 'firstInMin' | 'lastOutMin'> {
  personId: string;
  date: string;
  firstIn: Date | null;
  lastOut: Date | null;
}

/** Which people to compute: explicit ids, or everyone under a rule in some units (null: all units). */
export type Who = { personIds: readonly string[] } | { unitIds: readonly string[] | null };

export async function peopleWithRules(ex: Executor, who: Who): Promise<PersonRule[]> {
  let q = ex
    .selectFrom('org_person as p')
    .innerJoin('attendance_rule as r', (j) =>
      j.on((eb) =>
        eb.and([
          eb('r.unit_id', '=', eb.ref('p.unit_id')),
          eb.or([eb('r.department_id', '=', eb.ref('p.department_id')), eb('r.department_id', 'is', null)]),
        ]),
      ),
    )
    .select([
      'p.id as personId',
      'p.name',
      'p.employee_no as employeeNo',
      'p.jurisdiction_id as jurisdictionId',
      'p.unit_id as unitId',
      'p.department_id as departmentId',
      'r.id as ruleId',
      'r.department_id as ruleDepartment',
      ...RULE_TIME_COLUMNS,
    ])
    .where('p.status', '=', 'active');
  if ('personIds' in who) {
    if (who.personIds.length === 0) return [];
    q = q.where('p.id', 'in', [...who.personIds]);
  } else if (who.unitIds) {
    if (who.unitIds.length === 0) return [];
    q = q.where('p.unit_id', 'in', [...who.unitIds]);
  }
  const rows = await q.orderBy('p.employee_no').execute();
  const byPerson = new Map<string, PersonRule>();
  for (const r of rows) {
    const existing = byPerson.get(r.personId);
    // a department's own rule wins over the unit's
    if (existing && r.ruleDepartment === null) continue;
    byPerson.set(r.personId, {
      personId: r.personId,
      name: r.name,
      employeeNo: r.employeeNo,
      jurisdictionId: r.jurisdictionId,
      unitId: r.unitId,
      departmentId: r.departmentId,
      ruleId: r.ruleId,
      rule: ruleTimes(r),
    });
  }
  return [...byPerson.values()];
}

const key = (personId: string, date: string) => `${personId}|${date}`;

/** Computes the given people's days from `from` to `to` (inclusive; days after today are skipped). */
export async function evaluatePeople(
  ex: Executor,
  people: readonly PersonRule[],
  from: string,
  to: string,
  now: Date,
  timeZone: string,
  calendar?: BusinessCalendar,
): Promise<PersonDay[]> {
  const today = localDate(now, timeZone);
  const last = to < today ? to : today;
  if (people.length === 0 || last < from) return [];
  const cal = calendar ?? (await loadCalendar(ex, timeZone));
  const ids = people.map((p) => p.personId);
  const punches = new Map<string, Date[]>();
  const leaves = new Map<string, { kind: 'leave' | 'trip'; leaveType: string | null }>();
  // chunks keep the parameter lists small
  for (let i = 0; i < ids.length; i += 2000) {
    const chunk = ids.slice(i, i + 2000);
    const rows = await ex
      .selectFrom('attendance_punch')
      .select(['person_id', 'work_date', 'at'])
      .where('person_id', 'in', chunk)
      .where('work_date', '>=', from)
      .where('work_date', '<=', last)
      .execute();
    for (const r of rows) {
      const k = key(r.person_id, r.work_date);
      const list = punches.get(k) ?? [];
      list.push(new Date(r.at));
      punches.set(k, list);
    }
    const ls = await ex
      .selectFrom('attendance_leave')
      .select(['person_id', 'kind', 'leave_type', 'start_date', 'end_date'])
      .where('person_id', 'in', chunk)
      .where('status', '=', 'approved')
      .where('start_date', '<=', last)
      .where('end_date', '>=', from)
      .execute();
    for (const l of ls) {
      for (
        let d = l.start_date < from ? from : l.start_date;
        d <= l.end_date && d <= last;
        d = addDays(d, 1)
      ) {
        leaves.set(key(l.person_id, d), { kind: l.kind, leaveType: l.leave_type });
      }
    }
  }
  const out: PersonDay[] = [];
  for (let d = from; d <= last; d = addDays(d, 1)) {
    const midnight = startOfDay(d, timeZone).getTime();
    const workday = isBusinessDay(cal, d);
    const nowMin = d === today ? Math.floor((now.getTime() - midnight) / 60_000) : null;
    for (const p of people) {
      const ps = punches.get(key(p.personId, d)) ?? [];
      const r = evaluateDay({
        workday,
        rule: p.rule,
        punches: ps.map((t) => (t.getTime() - midnight) / 60_000),
        leave: leaves.get(key(p.personId, d)) ?? null,
        nowMin,
      });
      const at = (min: number | null) => (min === null ? null : new Date(midnight + min * 60_000));
      const { firstInMin, lastOutMin, ...rest } = r;
      out.push({
        ...rest,
        lateMin: Math.round(rest.lateMin),
        earlyMin: Math.round(rest.earlyMin),
        overtimeMin: Math.round(rest.overtimeMin),
        workedMin: Math.round(rest.workedMin),
        personId: p.personId,
        date: d,
        firstIn: at(firstInMin),
        lastOut: at(lastOutMin),
      });
    }
  }
  return out;
}

/** Recomputes and stores the days of some people over a range; returns how many rows it wrote. */
export async function recomputeDays(
  ex: Executor,
  who: Who,
  from: string,
  to: string,
  now: Date,
  timeZone: string,
): Promise<number> {
  const people = await peopleWithRules(ex, who);
  const days = await evaluatePeople(ex, people, from, to, now, timeZone);
  const byId = new Map(people.map((p) => [p.personId, p]));
  for (let i = 0; i < days.length; i += 1000) {
    const batch = days.slice(i, i + 1000).map((d) => {
      const p = byId.get(d.personId)!;
      return {
        person_id: d.personId,
        work_date: d.date,
        jurisdiction_id: p.jurisdictionId,
        unit_id: p.unitId,
        department_id: p.departmentId,
        rule_id: p.ruleId,
        due: d.due,
        status: d.status as DayStatus,
        first_in: d.firstIn,
        last_out: d.lastOut,
        late_min: d.lateMin,
        early_min: d.earlyMin,
        overtime_min: d.overtimeMin,
        worked_min: d.workedMin,
        leave_type: d.leaveType,
      };
    });
    await ex
      .insertInto('attendance_day')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['person_id', 'work_date']).doUpdateSet((eb) => ({
          jurisdiction_id: eb.ref('excluded.jurisdiction_id'),
          unit_id: eb.ref('excluded.unit_id'),
          department_id: eb.ref('excluded.department_id'),
          rule_id: eb.ref('excluded.rule_id'),
          due: eb.ref('excluded.due'),
          status: eb.ref('excluded.status'),
          first_in: eb.ref('excluded.first_in'),
          last_out: eb.ref('excluded.last_out'),
          late_min: eb.ref('excluded.late_min'),
          early_min: eb.ref('excluded.early_min'),
          overtime_min: eb.ref('excluded.overtime_min'),
          worked_min: eb.ref('excluded.worked_min'),
          leave_type: eb.ref('excluded.leave_type'),
          computed_at: sql`now()`,
        })),
      )
      .execute();
  }
  return days.length;
}
