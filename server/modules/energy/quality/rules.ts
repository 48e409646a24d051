/**
 * Pure anomaly rules: each turns figures into a finding (yellow or red) or nothing. The job in
 * checks.ts feeds them from the readings and rollups and stores the findings as alerts.
 */

export type Level = 'yellow' | 'red';
export interface Finding {
  level: Level;
  value: number;
  threshold: number;
}

/** Offline: no reading for `missing` intervals; red after a whole day. */
export function offlineRule(
  missingIntervals: number,
  thresholdIntervals: number,
  intervalsPerDay: number,
): Finding | null {
  if (missingIntervals < thresholdIntervals) return null;
  return {
    level: missingIntervals >= intervalsPerDay ? 'red' : 'yellow',
    value: missingIntervals,
    threshold: thresholdIntervals,
  };
}

/** Main meter vs the sum of its sub-meters: the relative difference beyond the tolerance; red beyond twice it. */
export function imbalanceRule(main: number, subs: number, tolerance: number): Finding | null {
  if (main <= 0 && subs <= 0) return null;
  const base = Math.max(main, 1e-9);
  const diff = Math.abs(main - subs) / base;
  if (diff <= tolerance) return null;
  return { level: diff > 2 * tolerance ? 'red' : 'yellow', value: diff, threshold: tolerance };
}

/** A spike: an hour above `factor` × the point's median hour; red above twice that. Tiny loads are ignored. */
export function spikeRule(hour: number, median: number, factor: number, minimum = 1): Finding | null {
  if (median <= 0 || hour < minimum) return null;
  const ratio = hour / median;
  if (ratio <= factor) return null;
  return { level: ratio > 2 * factor ? 'red' : 'yellow', value: ratio, threshold: factor };
}

/** Night or weekend base load: its average against the working-hours average; red beyond 1.5 × the ratio. */
export function baseLoadRule(offHours: number, workingHours: number, ratio: number): Finding | null {
  if (workingHours <= 0 || offHours <= 0) return null;
  const r = offHours / workingHours;
  if (r <= ratio) return null;
  return { level: r > 1.5 * ratio ? 'red' : 'yellow', value: r, threshold: ratio };
}

/** Missing intervals between consecutive readings (timestamps in ms, sorted), gaps up to `maxFill` intervals. */
export function findGaps(
  ts: readonly number[],
  intervalMs: number,
  maxFill: number,
): { from: number; to: number; missing: number }[] {
  const gaps: { from: number; to: number; missing: number }[] = [];
  for (let i = 1; i < ts.length; i++) {
    const steps = Math.round((ts[i]! - ts[i - 1]!) / intervalMs);
    if (steps > 1 && steps - 1 <= maxFill) gaps.push({ from: ts[i - 1]!, to: ts[i]!, missing: steps - 1 });
  }
  return gaps;
}

/**
 * Linear estimates of a cumulative register inside a gap: one per missing interval, marked as
 * estimates by the caller. The consumption between the two real readings is unchanged; it is only
 * spread over the intervals.
 */
export function interpolateRegister(
  from: { t: number; register: number },
  to: { t: number; register: number },
  intervalMs: number,
): { t: number; register: number }[] {
  const out: { t: number; register: number }[] = [];
  const span = to.t - from.t;
  if (span <= intervalMs || to.register < from.register) return out;
  for (let t = from.t + intervalMs; t < to.t; t += intervalMs) {
    out.push({ t, register: from.register + ((to.register - from.register) * (t - from.t)) / span });
  }
  return out;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
