import { haversineKm } from '../geo.ts';

/** Path generation for the vehicle simulator: pure functions of a trip and a time, so tests pin them. */

export interface LonLat {
  lon: number;
  lat: number;
}

export interface SimTrip {
  id: string;
  vehicleId: string;
  /** planned window, epoch ms */
  startsAt: number;
  endsAt: number;
  /** the depot, the pick-up, the destinations, (the pick-up again for a round trip), the depot */
  waypoints: LonLat[];
  /** index in `waypoints` where the vehicle waits out the spare time (the last destination) */
  turn: number;
}

/** A deterministic PRNG (mulberry32) seeded from a string, so a trip always follows the same path. */
export function seeded(key: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Typical urban speed (km/h) at a local hour: rush hours slow, nights fast. */
export function speedAtHour(hour: number): number {
  if ((hour >= 7 && hour < 9) || (hour >= 17 && hour < 19)) return 22;
  if (hour >= 9 && hour < 17) return 32;
  if (hour >= 19 && hour < 23) return 40;
  return 50;
}

export function localHour(ms: number, timeZone: string): number {
  const h = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(ms);
  return Number(h);
}

/**
 * The road-like path through the waypoints: each straight leg is cut into pieces of about a kilometre
 * whose inner corners are pushed sideways by up to 6% of the leg's length (at most 400 m), so the
 * line bends like a street grid but always passes through every waypoint exactly.
 */
export function roadPath(waypoints: readonly LonLat[], key: string): { points: LonLat[]; marks: number[] } {
  const rand = seeded(key);
  const points: LonLat[] = [];
  const marks: number[] = [];
  waypoints.forEach((w, i) => {
    if (i === 0) {
      points.push({ ...w });
      marks.push(0);
      return;
    }
    const a = waypoints[i - 1]!;
    const km = haversineKm(a, w);
    const pieces = Math.max(1, Math.min(60, Math.round(km)));
    const kmPerLat = 110.57;
    const kmPerLon = 111.32 * Math.cos((a.lat * Math.PI) / 180);
    // unit normal of the leg, in degrees per km
    const dx = (w.lon - a.lon) * kmPerLon;
    const dy = (w.lat - a.lat) * kmPerLat;
    const len = Math.hypot(dx, dy) || 1;
    const nx = -dy / len / kmPerLon;
    const ny = dx / len / kmPerLat;
    const amp = Math.min(0.4, 0.06 * km);
    for (let p = 1; p < pieces; p++) {
      const f = p / pieces;
      const off = (rand() * 2 - 1) * amp * Math.sin(Math.PI * f);
      points.push({
        lon: a.lon + (w.lon - a.lon) * f + nx * off,
        lat: a.lat + (w.lat - a.lat) * f + ny * off,
      });
    }
    points.push({ ...w });
    marks.push(points.length - 1);
  });
  return { points, marks };
}

export interface TripMotion {
  path: LonLat[];
  /** cumulative km at each path point */
  cum: number[];
  /** km from the start to the turn, and in all */
  outKm: number;
  totalKm: number;
  /** driving time out and back (ms): the rest of the window is spent waiting at the turn */
  outMs: number;
  backMs: number;
}

/**
 * How a trip is driven: out at the time-of-day speed of its departure, back at that of its end; when
 * the window is too short for those speeds, both legs are compressed to fit it.
 */
export function motion(trip: SimTrip, timeZone: string): TripMotion {
  const { points, marks } = roadPath(trip.waypoints, trip.id);
  const cum = [0];
  for (let i = 1; i < points.length; i++) cum.push(cum[i - 1]! + haversineKm(points[i - 1]!, points[i]!));
  const totalKm = cum[cum.length - 1]!;
  const outKm = cum[marks[Math.min(trip.turn, marks.length - 1)]!]!;
  const window = Math.max(1, trip.endsAt - trip.startsAt);
  let outMs = (outKm / speedAtHour(localHour(trip.startsAt, timeZone))) * 3_600_000;
  let backMs = ((totalKm - outKm) / speedAtHour(localHour(trip.endsAt, timeZone))) * 3_600_000;
  if (outMs + backMs > window) {
    const k = window / (outMs + backMs);
    outMs *= k;
    backMs *= k;
  }
  return { path: points, cum, outKm, totalKm, outMs, backMs };
}

function pointAtKm(m: TripMotion, km: number): LonLat {
  if (km <= 0) return { ...m.path[0]! };
  if (km >= m.totalKm) return { ...m.path[m.path.length - 1]! };
  let lo = 0;
  let hi = m.cum.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (m.cum[mid]! <= km) lo = mid;
    else hi = mid;
  }
  const a = m.path[lo]!;
  const b = m.path[hi]!;
  const span = m.cum[hi]! - m.cum[lo]! || 1;
  const f = (km - m.cum[lo]!) / span;
  return { lon: a.lon + (b.lon - a.lon) * f, lat: a.lat + (b.lat - a.lat) * f };
}

export interface SimPosition extends LonLat {
  speedKmh: number;
  moving: boolean;
}

/**
 * Where the vehicle of a trip is at `at` (epoch ms): at the depot before the window, driving out,
 * waiting at the turn, driving back, at the depot after it. `overrun`: a trip still on the road past
 * its window waits at the turn instead of appearing back home (its driver has not finished it).
 */
export function positionAt(trip: SimTrip, m: TripMotion, at: number, overrun = false): SimPosition {
  const t = at - trip.startsAt;
  const backFrom = trip.endsAt - trip.startsAt - m.backMs;
  const jitter = 0.85 + 0.3 * seeded(`${trip.id}:${Math.floor(at / 10_000)}`)();
  if (t <= 0) return { ...m.path[0]!, speedKmh: 0, moving: false };
  if (t < m.outMs) {
    const p = pointAtKm(m, (m.outKm * t) / m.outMs);
    return { ...p, speedKmh: round1((m.outKm / m.outMs) * 3_600_000 * jitter), moving: true };
  }
  if (t < backFrom || overrun) return { ...pointAtKm(m, m.outKm), speedKmh: 0, moving: false };
  if (t < backFrom + m.backMs) {
    const back = m.totalKm - m.outKm;
    const p = pointAtKm(m, m.outKm + (back * (t - backFrom)) / m.backMs);
    return { ...p, speedKmh: round1((back / m.backMs) * 3_600_000 * jitter), moving: true };
  }
  return { ...m.path[m.path.length - 1]!, speedKmh: 0, moving: false };
}

const round1 = (x: number) => Math.min(300, Math.round(x * 10) / 10);

/** The waypoints of a trip: depot → pick-up → destinations (→ pick-up again when it returns) → depot. */
export function waypointsOf(
  depot: LonLat,
  origin: LonLat | null,
  destinations: readonly LonLat[],
  returns: boolean,
): { waypoints: LonLat[]; turn: number } {
  const w: LonLat[] = [depot];
  if (origin) w.push(origin);
  w.push(...destinations);
  const turn = w.length - 1;
  if (returns && origin) w.push(origin);
  w.push(depot);
  return { waypoints: w, turn };
}
