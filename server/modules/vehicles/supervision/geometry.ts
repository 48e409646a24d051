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

/** A ring's shape check for input: at least three distinct points, each a WGS-84 pair in China's box. */
export function ringProblem(ring: readonly LonLat[]): string | null {
  const distinct = new Set(ring.map(([x, y]) => `${x},${y}`));
  if (distinct.size < 3) return 'at least three distinct points';
  for (const [x, y] of ring) {
    if (!(x >= 73 && x <= 136 && y >= 3 && y <= 54)) return `point outside China: ${x}, ${y}`;
  }
  return null;
}
