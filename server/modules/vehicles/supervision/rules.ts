import { addDays, isBusinessDay, type BusinessCalendar } from '../../../kernel/calendar/businessDays.ts';
import type { AlertLevel } from '../tables.ts';
import { minutesOf } from './periods.ts';

/**
 * The three-colour alert rules (三色预警), pure: the job gathers facts from trips and positions and
 * these decide whether and how loudly to alert. Green is never raised by a rule (it is "all clear").
 */
export interface AlertThresholds {
  windowYellowMin: number;
  windowRedMin: number;
  mileageMargin: number;
  nightFrom: string;
  nightTo: string;
}

export interface Raised {
  level: Exclude<AlertLevel, 'green'>;
  detail: Record<string, unknown>;
}

const MIN = 60_000;

/**
 * A trip outside its approved window: minutes it started before the approved departure or ran past the
 * approved return (an ongoing trip counts up to `now`).
 */
export function outsideWindow(
  t: { approvedStart: number; approvedEnd: number; start: number; end: number | null },
  now: number,
  th: AlertThresholds,
): Raised | null {
  const early = Math.max(0, (t.approvedStart - t.start) / MIN);
  const late = Math.max(0, ((t.end ?? now) - t.approvedEnd) / MIN);
  const minutes = Math.round(Math.max(early, late));
  if (minutes <= th.windowYellowMin) return null;
  return {
    level: minutes > th.windowRedMin ? 'red' : 'yellow',
    detail: { minutes, early: Math.round(early), late: Math.round(late) },
  };
}

/** Distance over plan: yellow beyond plan × (1 + margin), red beyond plan × (1 + 2 × margin). */
export function mileageOverPlan(km: number, plannedKm: number, margin: number): Raised | null {
  if (!(plannedKm > 0) || !(km > 0)) return null;
  const over = km / plannedKm - 1;
  if (over <= margin) return null;
  return {
    level: over > 2 * margin ? 'red' : 'yellow',
    detail: { km, plannedKm, overPct: Math.round(over * 1000) / 10 },
  };
}

/** The offset of a zone from UTC at an instant, in minutes (Asia/Shanghai: +480). */
export function zoneOffsetMinutes(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - Math.floor(at / MIN) * MIN) / MIN);
}

const dateOfDayNumber = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/**
 * Night or non-working-day use without a special approval: red when the trip touches a weekend or a
 * holiday (kernel calendar, 调休 included), yellow when it only runs into the night hours.
 */
export function offHours(
  t: { start: number; end: number },
  approved: boolean,
  cal: BusinessCalendar,
  th: AlertThresholds,
): Raised | null {
  if (approved || t.end <= t.start) return null;
  const off = zoneOffsetMinutes(t.start, cal.timeZone);
  // local minutes since the epoch
  const a = Math.floor(t.start / MIN) + off;
  const b = Math.ceil(t.end / MIN) + off;
  const firstDay = Math.floor(a / 1440);
  const lastDay = Math.floor((b - 1) / 1440);
  const offDays: string[] = [];
  for (let d = firstDay; d <= lastDay && d - firstDay < 31; d++) {
    const date = dateOfDayNumber(d);
    if (!isBusinessDay(cal, date)) offDays.push(date);
  }
  const from = minutesOf(th.nightFrom);
  const to = minutesOf(th.nightTo);
  let nightMinutes = 0;
  for (let d = firstDay - 1; d <= lastDay; d++) {
    const s = d * 1440 + from;
    const e = from > to ? (d + 1) * 1440 + to : d * 1440 + to;
    nightMinutes += Math.max(0, Math.min(b, e) - Math.max(a, s));
  }
  if (offDays.length) return { level: 'red', detail: { offDays, nightMinutes } };
  if (nightMinutes > 0) return { level: 'yellow', detail: { nightMinutes } };
  return null;
}

/** Movement while sealed: the furthest position from where the vehicle stood when sealed. */
export function movedWhileSealed(furthestMetres: number, jitterMetres: number): Raised | null {
  if (!(furthestMetres > jitterMetres)) return null;
  return {
    level: 'red',
    detail: { metres: Math.round(furthestMetres) },
  };
}

/** Geofence exit on a trip: yellow when some position left the pool's geofences, red beyond an hour out. */
export function geofenceExit(outside: { at: number; lon: number; lat: number }[]): Raised | null {
  if (!outside.length) return null;
  const first = outside[0]!;
  const last = outside[outside.length - 1]!;
  const minutes = Math.round((last.at - first.at) / MIN);
  return {
    level: minutes > 60 ? 'red' : 'yellow',
    detail: {
      firstAt: new Date(first.at).toISOString(),
      lon: first.lon,
      lat: first.lat,
      minutes,
      points: outside.length,
    },
  };
}

/** Severity order, to raise an open alert's level but never lower it. */
export const levelRank: Record<AlertLevel, number> = { green: 0, yellow: 1, red: 2 };

/** The next calendar date (re-exported for callers iterating local dates). */
export const nextDate = (d: string) => addDays(d, 1);
