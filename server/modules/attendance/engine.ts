import type { DayStatus } from './tables.ts';

/**
 * The day-result rule engine: pure, no I/O. One person's working day from their rule, the calendar's
 * verdict (a working day or not), their punches and any approved leave or trip. Times are minutes
 * after local midnight of the working day.
 */
export interface WorkRule {
  startMin: number;
  endMin: number;
  /** arrive up to this many minutes before or after the start; the required day moves with arrival */
  flexMin: number;
  lunchStartMin: number | null;
  lunchEndMin: number | null;
  /** minutes past the latest start that are still on time */
  graceMin: number;
  /** arriving this late counts as absent */
  absentLateMin: number;
  /** staying this long past the required leave time counts as overtime */
  overtimeMinThreshold: number;
}

export interface DayInput {
  /** true when the calendar makes the date a working day (weekday not a holiday, or a 调休 make-up day) */
  workday: boolean;
  rule: WorkRule;
  /** the punches of the day, minutes after local midnight, any order */
  punches: readonly number[];
  leave: { kind: 'leave' | 'trip'; leaveType: string | null } | null;
  /** when the day is today: the minute of the day now; null for a day that is over */
  nowMin: number | null;
}

export interface DayOutcome {
  due: boolean;
  status: DayStatus;
  firstInMin: number | null;
  lastOutMin: number | null;
  lateMin: number;
  earlyMin: number;
  overtimeMin: number;
  workedMin: number;
  leaveType: string | null;
}

/** The rule's required working minutes: the span less the lunch break. */
export function requiredMinutes(rule: WorkRule): number {
  return rule.endMin - rule.startMin - lunchOverlap(rule, rule.startMin, rule.endMin);
}

function lunchOverlap(rule: WorkRule, from: number, to: number): number {
  if (rule.lunchStartMin === null || rule.lunchEndMin === null) return 0;
  return Math.max(0, Math.min(to, rule.lunchEndMin) - Math.max(from, rule.lunchStartMin));
}

/** Worked minutes between two punches, less the part of the lunch break inside them. */
export function workedBetween(rule: WorkRule, from: number, to: number): number {
  return Math.max(0, to - from - lunchOverlap(rule, from, to));
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function evaluateDay(input: DayInput): DayOutcome {
  const { rule, workday, leave, nowMin } = input;
  const punches = [...input.punches].sort((a, b) => a - b);
  const first = punches[0] ?? null;
  const last = punches.length >= 2 ? punches[punches.length - 1]! : null;
  const worked = first !== null && last !== null ? workedBetween(rule, first, last) : 0;
  const base: DayOutcome = {
    due: workday,
    status: 'normal',
    firstInMin: first,
    lastOutMin: last,
    lateMin: 0,
    earlyMin: 0,
    overtimeMin: 0,
    workedMin: worked,
    leaveType: null,
  };

  if (!workday) {
    // a rest day: any work on it is overtime
    const overtime = worked >= rule.overtimeMinThreshold && worked > 0 ? worked : 0;
    return { ...base, status: 'rest', overtimeMin: overtime };
  }
  if (leave) {
    return { ...base, status: leave.kind, leaveType: leave.leaveType };
  }

  const latestStart = rule.startMin + rule.flexMin;
  const span = rule.endMin - rule.startMin;
  const lateOf = (arrival: number) => (arrival > latestStart + rule.graceMin ? arrival - latestStart : 0);

  if (first === null) {
    // nobody came: absent once the latest start (plus the absence threshold) has passed; before, pending
    if (nowMin !== null && nowMin < rule.endMin) return { ...base, status: 'pending' };
    return { ...base, status: 'absent' };
  }

  const arrival = clamp(first, rule.startMin - rule.flexMin, latestStart);
  const requiredLeave = arrival + span;
  const late = lateOf(first);

  if (last === null) {
    // one punch: the day is still running, or a punch is missing
    const morning = first < (rule.startMin + rule.endMin) / 2;
    if (nowMin !== null && nowMin < requiredLeave + 4 * 60 && morning) {
      return { ...base, status: late >= rule.absentLateMin ? 'absent' : 'pending', lateMin: late };
    }
    return { ...base, status: 'missing_punch', lateMin: morning ? late : 0 };
  }

  if (late >= rule.absentLateMin) return { ...base, status: 'absent', lateMin: late };
  const early = last < requiredLeave ? requiredLeave - last : 0;
  const extra = last - requiredLeave;
  const overtime = extra >= rule.overtimeMinThreshold && extra > 0 ? extra : 0;
  if (nowMin !== null && early > 0 && nowMin < requiredLeave) {
    // still at work: the last punch so far is not the leaving one yet
    return { ...base, status: 'pending', lateMin: late, lastOutMin: null };
  }
  const status: DayStatus =
    late > 0 && early > 0 ? 'late_early' : late > 0 ? 'late' : early > 0 ? 'early_leave' : 'normal';
  return { ...base, status, lateMin: late, earlyMin: early, overtimeMin: overtime };
}

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Completed years of service on a date. */
export function serviceYears(serviceStart: string, on: string): number {
  const [y1, m1, d1] = serviceStart.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = on.split('-').map(Number) as [number, number, number];
  let years = y2 - y1;
  if (m2 < m1 || (m2 === m1 && d2 < d1)) years -= 1;
  return Math.max(0, years);
}

/** The entitlement row that applies: the one with the largest min_years not above the years served. */
export function entitlementFor(table: readonly { minYears: number; days: number }[], years: number): number {
  let days = 0;
  let best = -1;
  for (const row of table) {
    if (row.minYears <= years && row.minYears > best) {
      best = row.minYears;
      days = row.days;
    }
  }
  return days;
}
