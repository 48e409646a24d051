import type { Point, SpeedBand, TravelModel } from './types.ts';

const EARTH_RADIUS_M = 6_371_008.8;
const DAY_MS = 86_400_000;

/** Great-circle distance in metres. */
export function haversineMetres(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

export interface StraightLineOptions {
  /** road distance = straight line × detour factor; default 1.3 */
  detourFactor?: number;
  /** speed outside the bands; default 35 km/h */
  defaultKmh?: number;
  /** slower (or faster) bands of the local day; default the two rush hours at 20 km/h */
  bands?: SpeedBand[];
  /** local clock offset from UTC in minutes; default 480 (Asia/Shanghai) */
  utcOffsetMinutes?: number;
  /**
   * Long legs leave the city: the road distance beyond `urbanKm` (default 15) is driven on expressways
   * at `expresswayKmh` (default 75), unaffected by the city's rush hours. Without it a trip to Nanjing
   * (~140 km by road) took four hours at city speed and broke the drivers' continuous-driving limit.
   */
  urbanKm?: number;
  expresswayKmh?: number;
}

export const defaultSpeedBands: SpeedBand[] = [
  { from: '07:30', to: '09:00', kmh: 20 },
  { from: '17:00', to: '18:30', kmh: 20 },
];

function minuteOfDay(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`speed band time must be HH:MM, got ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * Haversine distance × a detour factor, driven at time-of-day speeds. The time integrates the speed
 * over the bands crossed on the way, so leaving later never arrives earlier (FIFO).
 */
export class StraightLineTravel implements TravelModel {
  readonly detourFactor: number;
  private readonly defaultMps: number;
  /** sorted, non-overlapping [fromMs, toMs, metres per second] within a day (local) */
  private readonly bands: [number, number, number][];
  private readonly offsetMs: number;
  private readonly urbanM: number;
  private readonly expresswayMps: number;

  constructor(options: StraightLineOptions = {}) {
    this.detourFactor = options.detourFactor ?? 1.3;
    this.defaultMps = ((options.defaultKmh ?? 35) * 1000) / 3600;
    this.offsetMs = (options.utcOffsetMinutes ?? 480) * 60_000;
    this.urbanM = (options.urbanKm ?? 15) * 1000;
    this.expresswayMps = ((options.expresswayKmh ?? 75) * 1000) / 3600;
    this.bands = (options.bands ?? defaultSpeedBands)
      .map((b): [number, number, number] => [
        minuteOfDay(b.from) * 60_000,
        minuteOfDay(b.to) * 60_000,
        (b.kmh * 1000) / 3600,
      ])
      .sort((x, y) => x[0] - y[0]);
    if (
      !(this.detourFactor >= 1) ||
      !(this.defaultMps > 0) ||
      !(this.expresswayMps > 0) ||
      !(this.urbanM >= 0) ||
      this.bands.some((b) => !(b[2] > 0) || b[1] <= b[0])
    )
      throw new Error('travel: detour factor ≥ 1, positive speeds and from < to are required');
  }

  distance(from: Point, to: Point): number {
    return haversineMetres(from, to) * this.detourFactor;
  }

  /** default speed ÷ the speed in force at this moment (1 outside the bands, 1.75 at 20 of 35 km/h) */
  slowdown(at: number): number {
    const tod = (((at + this.offsetMs) % DAY_MS) + DAY_MS) % DAY_MS;
    const band = this.bands.find(([a, b]) => tod >= a && tod < b);
    return band ? this.defaultMps / band[2] : 1;
  }

  time(from: Point, to: Point, departAt: number): number {
    const total = this.distance(from, to);
    if (total === 0) return 0;
    // the expressway part at a constant speed: leaving later still never arrives earlier
    const expressway = Math.max(0, total - this.urbanM) / this.expresswayMps;
    return this.cityTime(Math.min(total, this.urbanM), departAt) + expressway;
  }

  /** seconds to drive `metres` in the city leaving at `departAt`, integrating the speed bands */
  private cityTime(metres: number, departAt: number): number {
    let t = departAt + this.offsetMs; // local clock
    const start = t;
    for (let guard = 0; guard < 64; guard++) {
      const dayStart = Math.floor(t / DAY_MS) * DAY_MS;
      const tod = t - dayStart;
      let speed = this.defaultMps;
      let until = DAY_MS;
      for (const [a, b, v] of this.bands) {
        if (tod >= a && tod < b) {
          speed = v;
          until = b;
          break;
        }
        if (a > tod) {
          until = a;
          break;
        }
      }
      const span = (until - tod) / 1000;
      if (metres <= speed * span) return (t - start) / 1000 + metres / speed;
      metres -= speed * span;
      t = dayStart + until;
    }
    return (t - start) / 1000 + metres / this.defaultMps;
  }
}
