import type { DayKind } from './tables.ts';

/**
 * Business-day arithmetic over a loaded holiday calendar. Pure functions: dates are 'YYYY-MM-DD'
 * strings (a calendar day, no time zone), instants are Dates, and the calendar carries the
 * deployment's time zone. Nothing here reads the process time zone (tests run with TZ=UTC).
 *
 * A day is a business day when the calendar marks it 'workday' (调休: a weekend working day), or when
 * it is Monday to Friday and the calendar does not mark it 'holiday'.
 */
export interface BusinessCalendar {
  /** IANA zone of the deployment, e.g. 'Asia/Shanghai' */
  readonly timeZone: string;
  /** the exceptions to the week: date → holiday | workday */
  readonly days: ReadonlyMap<string, DayKind>;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** a guard against runaway loops: no business question spans more than a century */
const MAX_SPAN_DAYS = 36_600;

/** Whether `date` is a real 'YYYY-MM-DD' calendar date. */
export function isIsoDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === date;
}

function dayNumber(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The date `n` calendar days after `date` (n may be negative). */
export function addDays(date: string, n: number): string {
  return fromDayNumber(dayNumber(date) + n);
}

/** 0 = Sunday … 6 = Saturday, of the calendar date itself. */
export function weekday(date: string): number {
  // day 0 (1970-01-01) was a Thursday
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: string): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

export function isBusinessDay(cal: BusinessCalendar, date: string): boolean {
  const kind = cal.days.get(date);
  if (kind === 'workday') return true;
  if (kind === 'holiday') return false;
  return !isWeekend(date);
}

/**
 * The business day `n` business days after `date` (before it when n is negative); the start day
 * itself is not counted. n = 0 returns `date` unchanged, business day or not.
 */
export function addBusinessDays(cal: BusinessCalendar, date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`business days must be an integer: ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = dayNumber(date);
  let left = Math.abs(n);
  let walked = 0;
  while (left > 0) {
    day += step;
    if (++walked > MAX_SPAN_DAYS) throw new RangeError('business-day span too large');
    if (isBusinessDay(cal, fromDayNumber(day))) left -= 1;
  }
  return fromDayNumber(day);
}

/**
 * The number of business days from `from` to `to`: those d with from < d <= to when from <= to, and
 * minus those with to <= d < from when `to` is earlier. So that for every date d and integer n,
 * businessDaysBetween(cal, d, addBusinessDays(cal, d, n)) === n.
 */
export function businessDaysBetween(cal: BusinessCalendar, from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (Math.abs(b - a) > MAX_SPAN_DAYS) throw new RangeError('business-day span too large');
  let count = 0;
  if (a <= b) {
    for (let day = a + 1; day <= b; day++) if (isBusinessDay(cal, fromDayNumber(day))) count++;
    return count;
  }
  for (let day = b; day < a; day++) if (isBusinessDay(cal, fromDayNumber(day))) count++;
  return -count;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function zonedParts(instant: Date, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out;
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in ms. */
function zoneOffsetMs(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The calendar date of an instant in the zone: 2026-09-30T17:00Z is 2026-10-01 in Asia/Shanghai. */
export function localDate(instant: Date | string, timeZone: string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) throw new RangeError(`not an instant: ${String(instant)}`);
  const p = zonedParts(d, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The instant the calendar date begins in the zone (its local midnight). */
export function startOfDay(date: string, timeZone: string): Date {
  const wall = dayNumber(date) * DAY_MS;
  let guess = wall - zoneOffsetMs(new Date(wall), timeZone);
  const corrected = wall - zoneOffsetMs(new Date(guess), timeZone);
  if (corrected !== guess) guess = corrected;
  return new Date(guess);
}

/** The last millisecond of the calendar date in the zone. */
export function endOfDay(date: string, timeZone: string): Date {
  return new Date(startOfDay(addDays(date, 1), timeZone).getTime() - 1);
}

/**
 * A deadline of `n` business days after an instant: the end (in the zone) of the business day that
 * is n business days after the instant's local date. n = 0 gives the end of that same day when it is
 * a business day, else of the next business day.
 */
export function deadline(cal: BusinessCalendar, instant: Date | string, n: number): Date {
  const start = localDate(instant, cal.timeZone);
  const due =
    n === 0 && !isBusinessDay(cal, start) ? addBusinessDays(cal, start, 1) : addBusinessDays(cal, start, n);
  return endOfDay(due, cal.timeZone);
}
