/**
 * Pure indicator arithmetic (no database): standard coal, carbon, intensities, change rates,
 * coverage and the quota colour. Factors from STANDARDS.md ("Energy (public institutions)").
 */

export type EnergyType = 'electricity' | 'water' | 'gas' | 'heat';

/** kgce per unit of each energy type as metered: kWh, m³ of natural gas, GJ of heat (0.03412 kgce/MJ). */
export const KGCE_PER_UNIT: Record<EnergyType, number> = {
  electricity: 0.1229,
  gas: 1.2143,
  heat: 34.12,
  // water is a resource, not energy: it is not part of 综合能耗
  water: 0,
};

export type Amounts = Record<EnergyType, number>;

export const zeroAmounts = (): Amounts => ({ electricity: 0, water: 0, gas: 0, heat: 0 });

export function addAmounts(a: Amounts, b: Partial<Amounts>): Amounts {
  return {
    electricity: a.electricity + (b.electricity ?? 0),
    water: a.water + (b.water ?? 0),
    gas: a.gas + (b.gas ?? 0),
    heat: a.heat + (b.heat ?? 0),
  };
}

/** Total energy (综合能耗) in kgce: electricity, gas and heat converted; water excluded. */
export function toKgce(a: Partial<Amounts>): number {
  return (
    (a.electricity ?? 0) * KGCE_PER_UNIT.electricity +
    (a.gas ?? 0) * KGCE_PER_UNIT.gas +
    (a.heat ?? 0) * KGCE_PER_UNIT.heat
  );
}

export interface CarbonFactors {
  kgPerKwh: number;
  kgPerM3Gas: number;
  kgPerGjHeat: number;
}

/** Carbon dioxide in kg: electricity by the configurable grid factor, gas and heat by theirs. */
export function toCarbonKg(a: Partial<Amounts>, f: CarbonFactors): number {
  return (a.electricity ?? 0) * f.kgPerKwh + (a.gas ?? 0) * f.kgPerM3Gas + (a.heat ?? 0) * f.kgPerGjHeat;
}

/** A value per unit of a denominator, or null when there is none (no area, nobody working there). */
export function per(value: number, denominator: number): number | null {
  return denominator > 0 ? value / denominator : null;
}

/** Relative change (year-on-year or period-on-period): (current − previous) / previous, null without a base. */
export function change(current: number, previous: number | null | undefined): number | null {
  if (previous === null || previous === undefined || previous <= 0) return null;
  return (current - previous) / previous;
}

/** The metered share of total consumption (kgce), 0–1; null when nothing was consumed. */
export function coverage(meteredKgce: number, manualKgce: number): number | null {
  const total = meteredKgce + manualKgce;
  return total > 0 ? meteredKgce / total : null;
}

export type QuotaColour = 'green' | 'yellow' | 'red';

/**
 * Three-colour status against a yearly quota, given how much of the year has passed (0–1]: red once
 * the quota is used up, yellow when the pace so far would exceed it by the year's end, else green.
 */
export function quotaColour(actual: number, quota: number, elapsedShare: number): QuotaColour {
  if (quota <= 0) return 'green';
  if (actual >= quota) return 'red';
  const share = Math.min(1, Math.max(elapsedShare, 1 / 365));
  return actual / share > quota ? 'yellow' : 'green';
}

export interface Caps {
  kgcePerM2: number;
  kgcePerPerson: number;
  waterM3PerPerson: number;
}

/** An institution's default yearly quota from the national caps: by floor area, or by persons without area. */
export function defaultQuota(
  floorArea: number,
  occupants: number,
  caps: Caps,
): { totalKgce: number; waterM3: number } {
  const totalKgce = floorArea > 0 ? floorArea * caps.kgcePerM2 : occupants * caps.kgcePerPerson;
  return { totalKgce, waterM3: occupants * caps.waterM3PerPerson };
}

/** The share of a year that has passed at the end of `day` (YYYY-MM-DD) of `year`. */
export function elapsedShareOfYear(year: number, day: string): number {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const at = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
  return Math.min(1, Math.max(0, (at - start) / (end - start)));
}

/** A ranking by intensity, highest first; rows without a figure go last. */
export function rankBy<T>(rows: readonly T[], value: (r: T) => number | null): (T & { rank: number })[] {
  return [...rows]
    .sort((a, b) => (value(b) ?? -Infinity) - (value(a) ?? -Infinity))
    .map((r, i) => ({ ...r, rank: i + 1 }));
}

/** The month before `month` and the same month a year before (YYYY-MM). */
export function previousMonths(month: string): { prev: string; lastYear: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return { prev, lastYear: `${y - 1}-${String(m).padStart(2, '0')}` };
}

/** The `n` months ending with `month`, oldest first (YYYY-MM). */
export function monthsEnding(month: string, n: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const idx = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}
