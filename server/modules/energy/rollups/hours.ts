/**
 * Hour buckets in JS, where the zone allows: a reading's delta belongs to the hour holding the instant
 * just before its ts, cut in the deployment's zone (SQL: date_trunc('hour', ts - 1 µs, zone)). While
 * the zone's offset is a whole number of hours (Asia/Shanghai always; most zones always), its hours
 * begin where UTC hours begin, so the bucket is the UTC hour of ts − 1 ms for a timestamp in whole
 * milliseconds. Elsewhere (a +05:30 zone) the caller leaves the bucketing to SQL.
 */
const HOUR = 3_600_000;
const whole = new Map<string, boolean>();
const formats = new Map<string, Intl.DateTimeFormat>();

/** Whether the zone's offset is whole hours during the UTC hour holding `ms` (cached per zone and hour). */
export function wholeHourOffset(zone: string, ms: number): boolean {
  const hour = Math.floor(ms / HOUR);
  const key = `${zone}|${hour}`;
  let ok = whole.get(key);
  if (ok === undefined) {
    let f = formats.get(zone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
      formats.set(zone, f);
    }
    const name = f.formatToParts(hour * HOUR).find((p) => p.type === 'timeZoneName')?.value ?? '';
    // "GMT", "GMT+08:00", "GMT-03:30"
    ok = name === 'GMT' || /^GMT[+-]\d{2}:00$/.test(name);
    if (whole.size > 200_000) whole.clear();
    whole.set(key, ok);
  }
  return ok;
}

/** The start (epoch ms) of the bucket of a reading at `ms` (whole milliseconds, whole-hour offset). */
export const hourBucket = (ms: number): number => Math.floor((ms - 1) / HOUR) * HOUR;
