/** What downsampling needs of a point (WGS-84); points keep their other fields (time, speed, source). */
export interface LonLat {
  lon: number;
  lat: number;
}

/** Squared distance of p from segment a–b in a local flat frame (degrees of longitude shrunk by cos(lat)). */
function segDist2(p: LonLat, a: LonLat, b: LonLat, k: number): number {
  const ax = a.lon * k;
  const bx = b.lon * k;
  const px = p.lon * k;
  const dx = bx - ax;
  const dy = b.lat - a.lat;
  const len = dx * dx + dy * dy;
  let t = len === 0 ? 0 : ((px - ax) * dx + (p.lat - a.lat) * dy) / len;
  t = Math.max(0, Math.min(1, t));
  const x = ax + t * dx - px;
  const y = a.lat + t * dy - p.lat;
  return x * x + y * y;
}

/**
 * Ramer–Douglas–Peucker simplification keeping at most `max` points: the points that deviate most
 * from the simplified line are kept first (an iterative, priority-driven variant), so the shape
 * survives and the first and last points always stay. Points keep their own timestamps, so a replay
 * interpolates between the kept ones. Returns the input when it is already small enough.
 */
export function downsample<P extends LonLat>(points: readonly P[], max: number): P[] {
  max = Math.max(2, Math.floor(max));
  if (points.length <= max) return points.slice();
  const k = Math.cos((points[0]!.lat * Math.PI) / 180);
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  let kept = 2;
  // a max-heap of segments by their farthest inner point
  type Seg = { from: number; to: number; idx: number; d: number };
  const heap: Seg[] = [];
  const push = (s: Seg) => {
    heap.push(s);
    let i = heap.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (heap[up]!.d >= heap[i]!.d) break;
      [heap[up], heap[i]] = [heap[i]!, heap[up]!];
      i = up;
    }
  };
  const pop = (): Seg | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l]!.d > heap[m]!.d) m = l;
        if (r < heap.length && heap[r]!.d > heap[m]!.d) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
    return top;
  };
  const consider = (from: number, to: number) => {
    if (to - from < 2) return;
    let best = -1;
    let idx = from + 1;
    for (let i = from + 1; i < to; i++) {
      const d = segDist2(points[i]!, points[from]!, points[to]!, k);
      if (d > best) {
        best = d;
        idx = i;
      }
    }
    push({ from, to, idx, d: best });
  };
  consider(0, points.length - 1);
  while (kept < max) {
    const s = pop();
    if (!s) break;
    keep[s.idx] = 1;
    kept++;
    consider(s.from, s.idx);
    consider(s.idx, s.to);
  }
  return points.filter((_, i) => keep[i] === 1);
}
