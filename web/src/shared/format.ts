import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * The deployment's time zone (GOA_TIME_ZONE, sent by GET /api/auth/me; Asia/Shanghai until then).
 * Times are shown in it whatever zone the browser runs in, so a record reads the same on every screen
 * and in the Excel exports.
 */
let TIME_ZONE = 'Asia/Shanghai';

export function setTimeZone(zone: string): void {
  TIME_ZONE = zone;
}

/** The current moment in the deployment's zone. */
export function nowInZone(): Dayjs {
  return dayjs().tz(TIME_ZONE);
}

/** The zone's offset at `iso` (or now) as people write it: "UTC+8", "UTC+5:30". */
export function zoneOffsetLabel(iso?: string): string {
  const minutes = (iso ? dayjs(iso) : dayjs()).tz(TIME_ZONE).utcOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

/** "2026-10-01 09:30" in the deployment's zone. */
export function fmtDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(TIME_ZONE).format('YYYY-MM-DD HH:mm') : '';
}

/** "2026-10-01 09:30:05" in the deployment's zone (audit records). */
export function fmtDateTimeSeconds(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(TIME_ZONE).format('YYYY-MM-DD HH:mm:ss') : '';
}

/** A calendar date: "YYYY-MM-DD" strings stay as they are; instants are read in the deployment's zone. */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return dayjs(iso).tz(TIME_ZONE).format('YYYY-MM-DD');
}

/**
 * The first and last instant of the calendar days `from`–`to` (picked as "YYYY-MM-DD") in the deployment's
 * zone, as ISO strings with their offset, for range filters.
 */
export function zoneDayRange(
  from: string | null | undefined,
  to: string | null | undefined,
): { from?: string; to?: string } {
  return {
    ...(from ? { from: dayjs.tz(from, TIME_ZONE).startOf('day').format() } : {}),
    ...(to ? { to: dayjs.tz(to, TIME_ZONE).endOf('day').format() } : {}),
  };
}

/** integer fen → "12,345.60" */
export function fmtYuan(fen: number): string {
  return (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** "12,345.6" or "12345.60" (yuan typed by a user) → integer fen, or null when it is not an amount */
export function yuanToFen(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined || text === '') return null;
  const s = String(text).replace(/[,\s¥元]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole = '0', frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}
