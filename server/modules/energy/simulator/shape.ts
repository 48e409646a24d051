/** The demo's consumption model in TypeScript (the same as shape.sql.ts), for the simulator. */
export interface SimPoint {
  id: string;
  code: string;
  energyType: string;
  subItem: string | null;
  multiplier: number;
  /** base load per 15 minutes (POINT_BASES in shape.sql.ts); unknown when listed over the API */
  base?: number | null;
}

/** PostgreSQL's hashtext is not available here; any stable hash gives the same kind of spread. */
export function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return Math.abs(h | 0);
}

/** a typical small institution's base per 15 minutes, for points listed without theirs */
const FALLBACK_BASE: Record<string, number> = { electricity: 2, water: 0.05, gas: 0.1, heat: 0.01 };

export const baseOf = (p: SimPoint) =>
  p.base ?? (FALLBACK_BASE[p.energyType] ?? 1) * (0.8 + (hash(p.id) % 400) / 1000);

export function seasonOf(p: SimPoint, doy: number): number {
  const c = (peak: number) => Math.max(0, Math.cos((2 * Math.PI * (doy - peak)) / 365));
  if (p.subItem === 'hvac') return 0.25 + 0.9 * c(205) + 0.6 * c(15);
  if (p.energyType === 'heat') return 0.05 + 1.2 * c(15);
  if (p.subItem === 'lighting_sockets') return 1 + 0.15 * Math.cos((2 * Math.PI * (doy - 355)) / 365);
  return 1;
}

export function profileOf(p: SimPoint, hour: number, isoDow: number): number {
  if (p.subItem === 'special') return 0.9;
  if (isoDow >= 6) return hour >= 9 && hour <= 16 ? 0.35 : 0.25;
  if (hour >= 8 && hour <= 17) return 1;
  if (hour === 7 || hour === 18) return 0.6;
  return 0.25;
}

const noiseOf = (p: SimPoint, doy: number) => 1 + 0.08 * Math.sin(doy * 1.7 + (hash(p.id) % 628) / 100);

/** Local calendar fields of an instant in a time zone. */
export function localFields(ts: Date, timeZone: string): { doy: number; hour: number; dow: number } {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    hourCycle: 'h23',
    weekday: 'short',
  }).formatToParts(ts);
  const get = (t: string) => f.find((x) => x.type === t)!.value;
  const y = Number(get('year'));
  const doy = Math.round(
    (Date.UTC(y, Number(get('month')) - 1, Number(get('day'))) - Date.UTC(y, 0, 0)) / 86_400_000,
  );
  const dow = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { doy, hour: Number(get('hour')), dow };
}

/** Consumption of the `minutes` interval ending at `end` (the point's unit, multiplier applied). */
export function consumption(p: SimPoint, end: Date, minutes: number, timeZone: string): number {
  const l = localFields(new Date(end.getTime() - 1), timeZone);
  const v = baseOf(p) * (minutes / 15) * seasonOf(p, l.doy) * profileOf(p, l.hour, l.dow) * noiseOf(p, l.doy);
  return Math.round(v * 100) / 100;
}
