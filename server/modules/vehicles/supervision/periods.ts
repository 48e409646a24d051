import { addDays, isBusinessDay, type BusinessCalendar } from '../../../kernel/calendar/businessDays.ts';

/**
 * Holiday sealing periods (节假日封存) from the kernel calendar. A period is a run of consecutive
 * non-working days (weekends and holidays, minus 调休 make-up workdays) at least `minDays` long; the
 * fleet is sealed at the end of the last working day before it and unsealed on the first working day
 * after it. Pure: dates are 'YYYY-MM-DD' in the deployment's zone.
 */
export interface SealingPeriod {
  /** first non-working day */
  start: string;
  /** last non-working day */
  end: string;
  days: number;
  /** the last working day before the period: sealing happens at its end */
  sealOn: string;
  /** the first working day after it: unsealing happens on its morning */
  unsealOn: string;
}

/** Longest run we look for (a guard: no holiday period lasts more than a month). */
const MAX_RUN = 31;

/** Periods of at least `minDays` non-working days that overlap [from, to] (inclusive dates). */
export function sealingPeriods(
  cal: BusinessCalendar,
  from: string,
  to: string,
  minDays: number,
): SealingPeriod[] {
  if (!(minDays >= 1)) throw new RangeError(`minDays must be at least 1: ${minDays}`);
  const out: SealingPeriod[] = [];
  // start from the beginning of a run that may already be under way at `from`
  let d = from;
  for (let i = 0; i < MAX_RUN && !isBusinessDay(cal, d) && !isBusinessDay(cal, addDays(d, -1)); i++) {
    d = addDays(d, -1);
  }
  while (d <= to) {
    if (isBusinessDay(cal, d)) {
      d = addDays(d, 1);
      continue;
    }
    const start = d;
    let days = 0;
    while (!isBusinessDay(cal, d) && days < MAX_RUN) {
      d = addDays(d, 1);
      days++;
    }
    if (days >= minDays) {
      out.push({ start, end: addDays(d, -1), days, sealOn: addDays(start, -1), unsealOn: d });
    }
  }
  return out;
}

/** Minutes after local midnight of 'HH:MM'. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export interface SealingTimes {
  /** local time on sealOn when sealing starts, e.g. '17:30' */
  sealAt: string;
  /** local time on unsealOn when unsealing happens, e.g. '07:00' */
  unsealAt: string;
}

/**
 * What the sealing job should do now (local date and minutes after midnight): the period it must
 * seal (inside [sealOn sealAt, unsealOn unsealAt)) and the periods whose unsealing is due.
 */
export function sealingDue(
  periods: readonly SealingPeriod[],
  today: string,
  minutes: number,
  times: SealingTimes,
): { seal: SealingPeriod | null; unseal: SealingPeriod[] } {
  const sealMin = minutesOf(times.sealAt);
  const unsealMin = minutesOf(times.unsealAt);
  const after = (date: string, min: number) => today > date || (today === date && minutes >= min);
  let seal: SealingPeriod | null = null;
  const unseal: SealingPeriod[] = [];
  for (const p of periods) {
    const started = after(p.sealOn, sealMin);
    const ended = after(p.unsealOn, unsealMin);
    if (started && !ended) seal = p;
    if (ended) unseal.push(p);
  }
  return { seal, unseal };
}
