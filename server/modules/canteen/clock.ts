import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The calendar day of an instant in the zone, "YYYY-MM-DD". */
export function localDay(at: Date, zone: string): string {
  return dayjs(at).tz(zone).format('YYYY-MM-DD');
}

/** The instant a day's orders close: `cutoff` ("HH:mm" or "HH:mm:ss") local time on that day. */
export function cutoffInstant(day: string, cutoff: string, zone: string): Date {
  return dayjs.tz(`${day} ${cutoff.slice(0, 5)}`, zone).toDate();
}

/** A day `n` days after `day`. */
export function addDays(day: string, n: number): string {
  return dayjs.utc(day).add(n, 'day').format('YYYY-MM-DD');
}

/** Whole days from `a` to `b` (both "YYYY-MM-DD"). */
export function daysBetween(a: string, b: string): number {
  return dayjs.utc(b).diff(dayjs.utc(a), 'day');
}
