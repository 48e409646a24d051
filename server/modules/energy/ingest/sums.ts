import { hourBucket, wholeHourOffset } from '../rollups/hours.ts';
import type { After } from './append.ts';
import type { ResolvedBatch, StagePoint } from './batch.ts';

/**
 * The append path's rollup sums, made in JS: the batch's deltas per point and hour, and from those
 * per day and month of the deployment's zone — written as COPY lines for energy_dh and energy_dm and
 * added to the rollups by rollups/apply.ts.
 */

export interface HourSum {
  p: StagePoint;
  /** the point's span in the batch */
  k: number;
  hour: number;
  d: number;
  n: number;
  e: number;
}

/**
 * The batch's deltas summed per point and hour (the changed deltas of the stored readings after the
 * spans included), or null where SQL must cut the hours: a zone whose offset is not whole hours, or
 * timestamps finer than a millisecond.
 */
export function hourSums(
  b: ResolvedBatch,
  spans: number[][],
  delta: (number | null)[],
  after: After[],
  zone: string,
): HourSum[] | null {
  const sums: HourSum[] = [];
  // each span is sorted by time, so its hours come in order: a sum is the span's last or a new one
  const last = new Array<HourSum | undefined>(spans.length);
  const add = (k: number, p: StagePoint, ms: number, d: number, n: number, estimated: boolean): boolean => {
    if (!Number.isInteger(ms)) return false;
    const hour = hourBucket(ms);
    const s = last[k];
    if (s && s.hour === hour) {
      s.d += d;
      s.n += n;
      if (estimated) s.e += d;
      return true;
    }
    if (!wholeHourOffset(zone, hour)) return false;
    const x = { p, k, hour, d, n, e: estimated ? d : 0 };
    last[k] = x;
    sums.push(x);
    return true;
  };
  for (let k = 0; k < spans.length; k++)
    for (const i of spans[k]!) {
      const r = b.rows[i]!;
      if (r.fine || !add(k, b.point[i]!, b.at[i]!, delta[i] ?? 0, 1, r.estimated)) return null;
    }
  for (const a of after) {
    const p = b.point[spans[a.k]![0]!]!;
    if (!add(a.k, p, a.n.f_ms!, (a.delta ?? 0) - (a.n.f_delta ?? 0), 0, a.n.f_estimated === true))
      return null;
  }
  return sums;
}

/** The hour sums' COPY lines for energy_dh (an hour's text made once: a batch spans a few hours). */
export function hourLines(sums: HourSum[]): string {
  const iso = new Map<number, string>();
  let data = '';
  for (const x of sums) {
    let hour = iso.get(x.hour);
    if (hour === undefined) iso.set(x.hour, (hour = new Date(x.hour).toISOString()));
    if (!Number.isFinite(x.d) || !Number.isFinite(x.e))
      throw new Error('energy ingest: a sum that is not finite');
    data += `${x.p.institution_id}\t${x.p.id}\t${hour}\t${x.d}\t${x.n}\t${x.e}\n`;
  }
  return data;
}

export const PERIOD_COLUMNS = ['institution_id', 'point_id', 'day', 'month', 'd', 'n', 'e'];

/** The local date ('YYYY-MM-DD') of an hour's start in a zone, cut once per zone and hour. */
const dates = new Map<string, { format: Intl.DateTimeFormat; byHour: Map<number, string> }>();

function localDate(zone: string, hour: number): string {
  let z = dates.get(zone);
  if (!z) {
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dates.set(zone, (z = { format, byHour: new Map() }));
  }
  let d = z.byHour.get(hour);
  if (d === undefined) {
    d = z.format.format(hour);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`energy ingest: unexpected local date ${d}`);
    if (z.byHour.size > 100_000) z.byHour.clear();
    z.byHour.set(hour, d);
  }
  return d;
}

interface PeriodSum {
  p: StagePoint;
  /** a day, or a month's first day */
  day: string;
  d: number;
  n: number;
  e: number;
}

/**
 * The hour sums added up per point and local day and per point and month (SQL's
 * `(hour at time zone zone)::date` and its month), as COPY lines for energy_dm: `month` false for a
 * day's row, true for a month's. A point's hours come in time order (its span, then its stored
 * reading after the span), so a point's day or month is its last one or a new one.
 */
export function periodLines(sums: HourSum[], spans: number, zone: string): string {
  const lastDay = new Array<PeriodSum | undefined>(spans);
  const lastMonth = new Array<PeriodSum | undefined>(spans);
  const days: PeriodSum[] = [];
  const months: PeriodSum[] = [];
  const add = (last: (PeriodSum | undefined)[], list: PeriodSum[], x: HourSum, day: string) => {
    const s = last[x.k];
    if (s && s.day === day) {
      s.d += x.d;
      s.n += x.n;
      s.e += x.e;
    } else {
      const y = { p: x.p, day, d: x.d, n: x.n, e: x.e };
      last[x.k] = y;
      list.push(y);
    }
  };
  for (const x of sums) {
    const day = localDate(zone, x.hour);
    add(lastDay, days, x, day);
    add(lastMonth, months, x, `${day.slice(0, 8)}01`);
  }
  let data = '';
  for (const [list, month] of [
    [days, 'f'],
    [months, 't'],
  ] as const)
    for (const y of list) {
      if (!Number.isFinite(y.d) || !Number.isFinite(y.e))
        throw new Error('energy ingest: a sum that is not finite');
      data += `${y.p.institution_id}\t${y.p.id}\t${y.day}\t${month}\t${y.d}\t${y.n}\t${y.e}\n`;
    }
  return data;
}
