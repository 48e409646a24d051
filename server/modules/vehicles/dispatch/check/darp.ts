/**
 * Independent feasibility checker for DARP solutions (shares only the parser with the solver).
 * A route is feasible when a schedule exists; the schedule constraints are all difference constraints
 * (B_j − B_i ≤ c), so existence is decided exactly by Bellman–Ford (no negative cycle).
 */
import { darpDistance, type DarpInstance } from '../darp/parse.ts';

export interface DarpCheck {
  feasible: boolean;
  cost: number;
  violations: string[];
}

const EPS = 1e-6;

/** routes: node numbers as in the file, each from depot 0 to depot 2n+1 */
export function checkDarp(inst: DarpInstance, routes: number[][]): DarpCheck {
  const n = inst.requests;
  const end = 2 * n + 1;
  const violations: string[] = [];
  let cost = 0;
  const servedBy = new Map<number, number>();
  if (routes.length > inst.vehicles) violations.push(`too_many_routes: ${routes.length} > ${inst.vehicles}`);
  routes.forEach((route, r) => {
    if (route[0] !== 0 || route[route.length - 1] !== end || route.length < 2) {
      violations.push(`route ${r}: must run from depot 0 to depot ${end}`);
      return;
    }
    const inner = route.slice(1, -1);
    if (inner.some((v) => !Number.isInteger(v) || v < 1 || v > 2 * n)) {
      violations.push(`route ${r}: unknown node`);
      return;
    }
    for (let k = 1; k < route.length; k++) cost += darpDistance(inst, route[k - 1]!, route[k]!);
    const pos = new Map<number, number>();
    inner.forEach((v, k) => {
      if (pos.has(v)) violations.push(`route ${r}: node ${v} visited twice`);
      pos.set(v, k + 1);
    });
    let load = 0;
    for (const v of inner) {
      load += inst.load[v]!;
      if (load > inst.capacity + EPS) violations.push(`route ${r}: capacity exceeded at node ${v} (${load})`);
    }
    for (const v of inner) {
      if (v > n) continue;
      if (servedBy.has(v)) violations.push(`request ${v}: served more than once`);
      servedBy.set(v, r);
      const p = pos.get(v)!;
      const d = pos.get(v + n);
      if (d === undefined) violations.push(`request ${v}: drop-off not on the pickup's route`);
      else if (d < p) violations.push(`request ${v}: drop-off before pickup`);
    }
    for (const v of inner)
      if (v > n && !pos.has(v - n)) violations.push(`request ${v - n}: drop-off without pickup`);
    if (violations.length === 0) violations.push(...scheduleViolations(inst, route, pos, r));
  });
  for (let i = 1; i <= n; i++) if (!servedBy.has(i)) violations.push(`request ${i}: not served`);
  return { feasible: violations.length === 0, cost, violations };
}

function scheduleViolations(
  inst: DarpInstance,
  route: number[],
  pos: Map<number, number>,
  r: number,
): string[] {
  // earliest schedule: if it misses a window end, no schedule can meet it
  let t = inst.early[0]!;
  for (let k = 1; k < route.length; k++) {
    const a = route[k - 1]!;
    const b = route[k]!;
    t = Math.max(inst.early[b]!, t + inst.service[a]! + darpDistance(inst, a, b));
    if (t > inst.late[b]! + EPS) return [`route ${r}: time window missed at node ${b}`];
  }
  if (!schedulable(inst, route, pos, false))
    return [`route ${r}: route duration over ${inst.maxRouteDuration}`];
  if (!schedulable(inst, route, pos, true)) return [`route ${r}: ride time over ${inst.maxRideTime}`];
  return [];
}

/** Bellman–Ford over the route's difference constraints (node 0..m-1 = positions, m = time origin). */
function schedulable(
  inst: DarpInstance,
  route: number[],
  pos: Map<number, number>,
  rideTimes: boolean,
): boolean {
  const n = inst.requests;
  const m = route.length;
  const Z = m; // the origin: B_k − Z ≤ late, Z − B_k ≤ −early
  const edges: [number, number, number][] = []; // u → v weight w means B_v − B_u ≤ w
  for (let k = 0; k < m; k++) {
    const v = route[k]!;
    edges.push([Z, k, inst.late[v]!], [k, Z, -inst.early[v]!]);
    if (k > 0) {
      const u = route[k - 1]!;
      edges.push([k, k - 1, -(inst.service[u]! + darpDistance(inst, u, v))]);
    }
  }
  edges.push([0, m - 1, inst.maxRouteDuration]);
  if (rideTimes)
    for (const [v, k] of pos)
      if (v <= n) {
        const d = pos.get(v + n)!;
        edges.push([k, d, inst.maxRideTime + inst.service[v]!]);
      }
  const dist = new Float64Array(m + 1); // all zero = a virtual source to every node
  for (let it = 0; it <= m; it++) {
    let changed = false;
    for (const [u, v, w] of edges)
      if (dist[u]! + w < dist[v]! - EPS) {
        dist[v] = dist[u]! + w;
        changed = true;
      }
    if (!changed) return true;
  }
  return false;
}
