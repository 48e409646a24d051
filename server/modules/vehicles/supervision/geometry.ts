/** Plane geometry on WGS-84 [lon, lat] pairs, good enough for a city's geofences (no projection). */
export type LonLat = readonly [number, number];

/**
 * Whether a point lies inside a polygon ring (even–odd rule, ray cast along +lon). The ring may be
 * closed (first = last) or not; points exactly on an edge count as inside.
 */
export function pointInPolygon(p: LonLat, ring: readonly LonLat[]): boolean {
  const n = ring.length;
  if (n < 3) return false;
  const [x, y] = p;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (onSegment(x, y, xi, yi, xj, yj)) return true;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function onSegment(x: number, y: number, x1: number, y1: number, x2: number, y2: number): boolean {
  const cross = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1);
  if (Math.abs(cross) > 1e-12) return false;
  return x >= Math.min(x1, x2) && x <= Math.max(x1, x2) && y >= Math.min(y1, y2) && y <= Math.max(y1, y2);
}

/** Whether a point is inside any of the rings (a jurisdiction may have several geofences). */
export function insideAny(p: LonLat, rings: readonly (readonly LonLat[])[]): boolean {
  return rings.some((r) => pointInPolygon(p, r));
}

/** Great-circle distance in metres. */
export function metresBetween(a: LonLat, b: LonLat): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** What is wrong with a drawn ring, if anything (the geofence service turns it into a field error). */
export type RingProblem =
  | { code: 'too_few_points' }
  | { code: 'out_of_range'; point: LonLat }
  | { code: 'self_intersecting'; edges: [number, number] };

/** The ring as stored: consecutive repeats and a closing repeat of the first point dropped. */
export function normaliseRing(ring: readonly LonLat[]): LonLat[] {
  const out: LonLat[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push([p[0], p[1]]);
  }
  while (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1])
    out.pop();
  return out;
}

/** Sign of the turn a → b → c: 1 left, -1 right, 0 straight. */
function turn(a: LonLat, b: LonLat, c: LonLat): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return Math.abs(v) < 1e-15 ? 0 : Math.sign(v);
}

function within(a: LonLat, b: LonLat, p: LonLat): boolean {
  return (
    p[0] >= Math.min(a[0], b[0]) &&
    p[0] <= Math.max(a[0], b[0]) &&
    p[1] >= Math.min(a[1], b[1]) &&
    p[1] <= Math.max(a[1], b[1])
  );
}

/** Whether segments ab and cd share any point (touching and overlapping included). */
export function segmentsMeet(a: LonLat, b: LonLat, c: LonLat, d: LonLat): boolean {
  const d1 = turn(c, d, a);
  const d2 = turn(c, d, b);
  const d3 = turn(a, b, c);
  const d4 = turn(a, b, d);
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;
  return (
    (d1 === 0 && within(c, d, a)) ||
    (d2 === 0 && within(c, d, b)) ||
    (d3 === 0 && within(a, b, c)) ||
    (d4 === 0 && within(a, b, d))
  );
}

/**
 * A ring's shape check for input (after normaliseRing): at least three distinct points, each a WGS-84
 * pair in China's box, and a simple polygon — no two edges meet but neighbours at their shared
 * vertex, and no edge folds back over its neighbour. O(n²) over at most 2,000 points.
 */
export function ringProblem(ring: readonly LonLat[]): RingProblem | null {
  const distinct = new Set(ring.map(([x, y]) => `${x},${y}`));
  if (distinct.size < 3) return { code: 'too_few_points' };
  for (const p of ring) {
    const [x, y] = p;
    if (!(x >= 73 && x <= 136 && y >= 3 && y <= 54)) return { code: 'out_of_range', point: p };
  }
  const n = ring.length;
  if (distinct.size < n) {
    // a vertex visited twice pinches the polygon
    const seen = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const k = `${ring[i]![0]},${ring[i]![1]}`;
      const j = seen.get(k);
      if (j !== undefined) return { code: 'self_intersecting', edges: [j, i] };
      seen.set(k, i);
    }
  }
  const at = (i: number) => ring[i % n]!;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const [a, b, c, d] = [at(i), at(i + 1), at(j), at(j + 1)];
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (!adjacent) {
        if (segmentsMeet(a, b, c, d)) return { code: 'self_intersecting', edges: [i, j] };
      } else {
        // neighbours share one vertex; they must not lie over each other beyond it
        const [shared, p, q] = j === i + 1 ? [b, a, d] : [a, b, c];
        if (turn(p, shared, q) === 0 && (within(shared, p, q) || within(shared, q, p)))
          return { code: 'self_intersecting', edges: [i, j] };
      }
    }
  }
  return null;
}
