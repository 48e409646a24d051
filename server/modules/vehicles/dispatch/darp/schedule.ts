/**
 * Route feasibility for the DARP solver: the eight-step scheduling procedure of Cordeau & Laporte
 * (2003), which delays departures using forward time slack so that ride times shrink without breaking
 * time windows. Conservative: when it says feasible, a schedule exists (the checker proves it
 * independently); it may rarely reject a route that has a schedule.
 */
import type { DarpInstance } from './parse.ts';

const EPS = 1e-9;

export class Scheduler {
  readonly n: number;
  readonly end: number;
  readonly dist: Float64Array;
  readonly size: number;
  private readonly A: Float64Array;
  private readonly B: Float64Array;
  private readonly W: Float64Array;
  private readonly D: Float64Array;
  private readonly nodes: Int32Array;
  private readonly pickPos: Int32Array;

  constructor(readonly inst: DarpInstance) {
    this.n = inst.requests;
    this.size = 2 * this.n + 2;
    this.end = this.size - 1;
    this.dist = new Float64Array(this.size * this.size);
    for (let a = 0; a < this.size; a++)
      for (let b = 0; b < this.size; b++)
        this.dist[a * this.size + b] = Math.hypot(inst.x[a]! - inst.x[b]!, inst.y[a]! - inst.y[b]!);
    const cap = this.size + 2;
    this.A = new Float64Array(cap);
    this.B = new Float64Array(cap);
    this.W = new Float64Array(cap);
    this.D = new Float64Array(cap);
    this.nodes = new Int32Array(cap);
    this.pickPos = new Int32Array(this.size);
  }

  d(a: number, b: number): number {
    return this.dist[a * this.size + b]!;
  }

  /** routing cost of the inner nodes (depots added) */
  cost(route: readonly number[]): number {
    const { dist, size } = this;
    let c = 0;
    let prev = 0;
    for (const v of route) {
      c += dist[prev * size + v]!;
      prev = v;
    }
    return c + dist[prev * size + this.end]!;
  }

  /** is there a schedule for these inner nodes (pickups before their drop-offs assumed)? */
  feasible(route: readonly number[]): boolean {
    const { dist, size } = this;
    const { early, late, service, load: load_ } = this.inst;
    const { inst, A, B, W, D, nodes, pickPos, n } = this;
    const m = route.length;
    const last = m + 1;
    nodes[0] = 0;
    for (let k = 0; k < m; k++) nodes[k + 1] = route[k]!;
    nodes[last] = this.end;
    // steps 1–2: earliest schedule, windows and capacity
    let load = 0;
    A[0] = B[0] = D[0] = early[0]!;
    W[0] = 0;
    for (let k = 1; k <= last; k++) {
      const v = nodes[k]!;
      A[k] = D[k - 1]! + dist[nodes[k - 1]! * size + v]!;
      const b = A[k]! > early[v]! ? A[k]! : early[v]!;
      if (b > late[v]! + EPS) return false;
      B[k] = b;
      W[k] = b - A[k]!;
      D[k] = b + service[v]!;
      if (k < last) {
        load += load_[v]!;
        if (load > inst.capacity + EPS) return false;
        if (v <= n) pickPos[v] = k;
      }
    }
    // step 3: delay the departure from the depot by the forward slack
    let sumW = 0;
    for (let p = 1; p < last; p++) sumW += W[p]!;
    const f0 = this.slack(0, last);
    D[0] = early[0]! + Math.min(f0, sumW);
    B[0] = D[0]!;
    this.forward(1, last);
    // steps 5–6
    if (this.ridesOk(last)) return this.durationOk(last);
    // step 7: delay each pickup by its slack
    for (let j = 1; j < last; j++) {
      const v = nodes[j]!;
      if (v > n) continue;
      let sw = 0;
      for (let p = j + 1; p < last; p++) sw += W[p]!;
      const fj = this.slack(j, last);
      W[j] = W[j]! + Math.min(fj, sw);
      B[j] = A[j]! + W[j]!;
      D[j] = B[j]! + service[v]!;
      this.forward(j + 1, last);
    }
    // step 8
    for (let k = 1; k <= last; k++)
      if (B[k]! > late[nodes[k]!]! + EPS) return this.exact && this.exactCheck(last);
    if (this.ridesOk(last) && this.durationOk(last)) return true;
    return this.exact && this.exactCheck(last);
  }

  /** also try the exact test when the eight steps fail (slower; finds the schedules they miss) */
  exact = true;
  private lo = new Float64Array(0);
  private hi = new Float64Array(0);

  /**
   * Exact: tighten [earliest, latest] start bounds per position by propagating the difference
   * constraints (travel, ride time, duration) to a fixpoint; infeasible when some bound crosses.
   */
  private exactCheck(last: number): boolean {
    const { dist, size } = this;
    const { early, late, service } = this.inst;
    if (this.lo.length < last + 1) {
      this.lo = new Float64Array(this.size + 2);
      this.hi = new Float64Array(this.size + 2);
    }
    const { inst, nodes, pickPos, n, lo, hi } = this;
    const L = inst.maxRideTime;
    for (let k = 0; k <= last; k++) {
      lo[k] = early[nodes[k]!]!;
      hi[k] = late[nodes[k]!]!;
    }
    for (let round = 0; round < 4 * (last + 2); round++) {
      let changed = false;
      for (let k = 1; k <= last; k++) {
        const step = service[nodes[k - 1]!]! + dist[nodes[k - 1]! * size + nodes[k]!]!;
        if (lo[k - 1]! + step > lo[k]! + EPS) {
          lo[k] = lo[k - 1]! + step;
          changed = true;
        }
      }
      for (let k = last - 1; k >= 0; k--) {
        const step = service[nodes[k]!]! + dist[nodes[k]! * size + nodes[k + 1]!]!;
        if (hi[k + 1]! - step < hi[k]! - EPS) {
          hi[k] = hi[k + 1]! - step;
          changed = true;
        }
      }
      for (let k = 1; k < last; k++) {
        const v = nodes[k]!;
        if (v <= n) continue;
        const pp = pickPos[v - n]!;
        const span = L + service[nodes[pp]!]!;
        // B_drop ≤ B_pick + span and B_pick ≥ B_drop − span
        if (hi[pp]! + span < hi[k]! - EPS) {
          hi[k] = hi[pp]! + span;
          changed = true;
        }
        if (lo[k]! - span > lo[pp]! + EPS) {
          lo[pp] = lo[k]! - span;
          changed = true;
        }
      }
      const T = inst.maxRouteDuration;
      if (hi[0]! + T < hi[last]! - EPS) {
        hi[last] = hi[0]! + T;
        changed = true;
      }
      if (lo[last]! - T > lo[0]! + EPS) {
        lo[0] = lo[last]! - T;
        changed = true;
      }
      for (let k = 0; k <= last; k++) if (lo[k]! > hi[k]! + EPS) return false;
      if (!changed) return true;
    }
    return false;
  }

  private forward(from: number, last: number): void {
    const { dist, size } = this;
    const { early, service } = this.inst;
    const { A, B, W, D, nodes } = this;
    for (let k = from; k <= last; k++) {
      const v = nodes[k]!;
      A[k] = D[k - 1]! + dist[nodes[k - 1]! * size + v]!;
      B[k] = A[k]! > early[v]! ? A[k]! : early[v]!;
      W[k] = B[k]! - A[k]!;
      D[k] = B[k]! + service[v]!;
    }
  }

  /** forward time slack at position i (Cordeau & Laporte 2003) */
  private slack(i: number, last: number): number {
    const { late } = this.inst;
    const { inst, B, W, D, nodes, pickPos, n } = this;
    let best = Infinity;
    let waits = 0;
    for (let j = i; j <= last; j++) {
      if (j > i) waits += W[j]!;
      const v = nodes[j]!;
      let room = late[v]! - B[j]!;
      if (v > n && j < last) {
        const pp = pickPos[v - n]!;
        if (pp < i) {
          const ride = inst.maxRideTime - (B[j]! - D[pp]!);
          if (ride < room) room = ride;
        }
      }
      const s = waits + (room > 0 ? room : 0);
      if (s < best) best = s;
    }
    return best;
  }

  private ridesOk(last: number): boolean {
    const { inst, B, D, nodes, pickPos, n } = this;
    for (let k = 1; k < last; k++) {
      const v = nodes[k]!;
      if (v > n && B[k]! - D[pickPos[v - n]!]! > inst.maxRideTime + EPS) return false;
    }
    return true;
  }

  private durationOk(last: number): boolean {
    return this.B[last]! - this.D[0]! <= this.inst.maxRouteDuration + EPS;
  }
}
