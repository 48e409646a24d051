/**
 * Cordeau DARP instance files (../shared/benchmarks/darp-cordeau-ab/README.md): header `K n T Q L`,
 * then 2n+2 node lines `i x y d q e l` (0 start depot, 1..n pickups, n+1..2n drop-offs, 2n+1 end depot).
 * Shared by the solver and the independent checker; nothing else is.
 */
export interface DarpInstance {
  vehicles: number;
  requests: number;
  /** maximum route duration (also the depot's window end) */
  maxRouteDuration: number;
  capacity: number;
  maxRideTime: number;
  x: Float64Array;
  y: Float64Array;
  service: Float64Array;
  load: Float64Array;
  early: Float64Array;
  late: Float64Array;
}

export function parseDarp(text: string): DarpInstance {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const head = (lines[0] ?? '').split(/\s+/).map(Number);
  if (head.length < 5 || head.some((v) => !Number.isFinite(v)))
    throw new Error('darp: header must be "K n T Q L"');
  const [K, n, T, Q, L] = head as [number, number, number, number, number];
  const size = 2 * n + 2;
  if (!Number.isInteger(n) || n <= 0 || lines.length - 1 < size - 1)
    throw new Error(`darp: expected ${size} node lines, found ${lines.length - 1}`);
  const inst: DarpInstance = {
    vehicles: K,
    requests: n,
    maxRouteDuration: T,
    capacity: Q,
    maxRideTime: L,
    x: new Float64Array(size),
    y: new Float64Array(size),
    service: new Float64Array(size),
    load: new Float64Array(size),
    early: new Float64Array(size),
    late: new Float64Array(size),
  };
  let seenEnd = false;
  for (const line of lines.slice(1, size + 1)) {
    const f = line.split(/\s+/).map(Number);
    const i = f[0]!;
    if (f.length < 7 || f.some((v) => !Number.isFinite(v)) || !Number.isInteger(i) || i < 0 || i >= size)
      throw new Error(`darp: bad node line "${line}"`);
    inst.x[i] = f[1]!;
    inst.y[i] = f[2]!;
    inst.service[i] = f[3]!;
    inst.load[i] = f[4]!;
    inst.early[i] = f[5]!;
    inst.late[i] = f[6]!;
    if (i === size - 1) seenEnd = true;
  }
  if (!seenEnd) {
    // some copies drop the end-depot line: it repeats the start depot
    const e = size - 1;
    inst.x[e] = inst.x[0]!;
    inst.y[e] = inst.y[0]!;
    inst.early[e] = inst.early[0]!;
    inst.late[e] = inst.late[0]!;
  }
  return inst;
}

/** Euclidean distance = travel time = cost, full double precision. */
export function darpDistance(inst: DarpInstance, a: number, b: number): number {
  return Math.hypot(inst.x[a]! - inst.x[b]!, inst.y[a]! - inst.y[b]!);
}
