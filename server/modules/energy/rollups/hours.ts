/**
 * Hour buckets in JS, where the zone allows: a reading's delta belongs to the hour holding the instant
 * just before its ts, cut in the deployment's zone (SQL: date_trunc('hour', ts - 1 µs, zone)). While
 * the zone's offset is a whole number of hours (Asia/Shanghai always; most zones always), its hours
 * begin where UTC hours begin, so the bucket is the UTC hour of ts − 1 ms for a timestamp in whole
 * milliseconds. Elsewhere (a +05:30 zone) the caller leaves the bucketing to SQL.
 */
const HOUR = 3_600_000;
interface ZoneHours {
  format: Intl.DateTimeFormat;
  whole: Map<number, boolean>;
}
const zones = new Map<string, ZoneHours>();

/** Whether the zone's offset is whole hours during the UTC hour holding `ms` (cached per zone and hour). */
export function wholeHourOffset(zone: string, ms: number): boolean {
  let z = zones.get(zone);
  if (!z) {
    z = {
      format: new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }),
      whole: new Map(),
    };
    zones.set(zone, z);
  }
  const hour = Math.floor(ms / HOUR);
  let ok = z.whole.get(hour);
  if (ok === undefined) {
    const name = z.format.formatToParts(hour * HOUR).find((p) => p.type === 'timeZoneName')?.value ?? '';
    // "GMT", "GMT+08:00", "GMT-03:30"
    ok = name === 'GMT' || /^GMT[+-]\d{2}:00$/.test(name);
    if (z.whole.size > 200_000) z.whole.clear();
    z.whole.set(hour, ok);
  }
  return ok;
}

/** The start (epoch ms) of the bucket of a reading at `ms` (whole milliseconds, whole-hour offset). */
export const hourBucket = (ms: number): number => Math.floor((ms - 1) / HOUR) * HOUR;
