/**
 * Adaptive large neighbourhood search for the static DARP (Ropke & Pisinger style): destroy (random,
 * worst, related) and repair (greedy, regret-2, regret-3, with or without noise) chosen by adaptive
 * weights, simulated-annealing acceptance, seeded and bounded by wall-clock time and/or iterations.
 * With a HiGHS runtime, the routes met are pooled and recombined by a set-partitioning MILP (pool.ts).
 */
import type { Highs } from 'highs';
import { seededRandom, type Random } from '../random.ts';
import type { DarpInstance } from './parse.ts';
import { RoutePool } from './pool.ts';
import { Scheduler } from './schedule.ts';

export interface AlnsOptions {
  timeLimitSeconds: number;
  seed: number;
  /** stop after this many iterations (makes the answer independent of machine speed) */
  maxIterations?: number;
  /** start temperature as a share of the first solution's cost (default 0.01: 1% worse accepted half the time) */
  temperature?: number;
  /** most requests removed per iteration (default min(12, 20% of n), at least 3) */
  maxRemove?: number;
  /**
   * HiGHS runtime: when given, the routes met are pooled and a set-partitioning MILP over the pool
   * recombines them at 30/55/80% of the budget and once more at the end (in the last `poolShare`)
   */
  highs?: Highs;
  /** share of the budget kept for the final set-partitioning solve (default 0.08) */
  poolShare?: number;
}

export interface AlnsResult {
  /** inner nodes of each non-empty route */
  routes: number[][];
  cost: number;
  unserved: number[];
  iterations: number;
}

type Routes = number[][];

interface Candidate {
  delta: number;
  p: number;
  d: number;
}

export class DarpAlns {
  private readonly s: Scheduler;
  private readonly n: number;
  private readonly K: number;
  private readonly rnd: Random;
  private readonly penalty: number;
  private readonly refTime: Float64Array;
  private readonly maxDist: number;
  private noise = 0;

  constructor(
    private readonly inst: DarpInstance,
    seed: number,
  ) {
    this.s = new Scheduler(inst);
    this.n = inst.requests;
    this.K = inst.vehicles;
    this.rnd = seededRandom(seed);
    let maxD = 0;
    for (const v of this.s.dist) if (v > maxD) maxD = v;
    this.maxDist = maxD;
    this.penalty = 10 * maxD + 100;
    // a reference pickup time per request, for relatedness
    this.refTime = new Float64Array(this.n + 1);
    for (let i = 1; i <= this.n; i++) {
      const drop = i + this.n;
      const constrainedDrop = inst.late[drop]! - inst.early[drop]! < inst.late[i]! - inst.early[i]!;
      this.refTime[i] = constrainedDrop
        ? inst.early[drop]! - this.s.d(i, drop) - inst.service[i]!
        : inst.early[i]!;
    }
  }

  solve(options: AlnsOptions): AlnsResult {
    const t0 = performance.now();
    const limitMs = options.timeLimitSeconds * 1000;
    const maxIt = options.maxIterations ?? Infinity;
    let cur: Routes = Array.from({ length: this.K }, () => []);
    const pending = this.rnd.shuffle(Array.from({ length: this.n }, (_, k) => k + 1));
    let unserved = this.regretInsert(cur, pending, 2);
    let curCost = this.total(cur, unserved.length);
    let best = cur.map((r) => r.slice());
    let bestCost = curCost;
    let bestUnserved = unserved.slice();

    const destroyW = [1, 1, 1];
    const repairW = [1, 1, 1, 1, 1, 1];
    const destroyS = [0, 0, 0];
    const repairS = [0, 0, 0, 0, 0, 0];
    const destroyN = [0, 0, 0];
    const repairN = [0, 0, 0, 0, 0, 0];
    const T0 = ((options.temperature ?? 0.01) * curCost) / Math.LN2;
    const seen = new Set<number>();
    let it = 0;
    let sinceBest = 0;
    const qMax = Math.max(3, options.maxRemove ?? Math.min(12, Math.round(0.2 * this.n)));
    const highs = options.highs;
    const pool = highs ? new RoutePool(this.n) : null;
    const poolShare = highs ? (options.poolShare ?? 0.08) : 0;
    const searchMs = limitMs * (1 - poolShare);
    const stops = [0.3, 0.55, 0.8];
    const addToPool = (routes: Routes) => {
      for (const r of routes) if (r.length) pool!.add(r, this.s.cost(r));
    };
    const recombine = (seconds: number) => {
      if (!pool || !highs || bestUnserved.length) return;
      addToPool(best);
      const res = pool.solve(highs, this.K, seconds, best);
      if (!res || res.cost >= bestCost - 1e-9) return;
      const routes: Routes = res.routes;
      while (routes.length < this.K) routes.push([]);
      best = routes.map((r) => r.slice());
      bestCost = res.cost;
      cur = routes;
      curCost = res.cost;
      unserved = [];
      sinceBest = 0;
    };
    if (pool && !unserved.length) addToPool(cur);
    for (; it < maxIt; it++) {
      const elapsed = performance.now() - t0;
      if (elapsed >= searchMs) break;
      const progress = Number.isFinite(maxIt) ? it / maxIt : elapsed / searchMs;
      if (pool && stops.length && progress >= stops[0]!) {
        stops.shift();
        recombine(
          Number.isFinite(maxIt)
            ? 10
            : Math.max(0.2, Math.min(0.03 * limitMs, limitMs - (performance.now() - t0)) / 1000),
        );
      }
      const temp = T0 * Math.pow(0.002, progress);
      const cand = cur.map((r) => r.slice());
      const q = 2 + this.rnd.int(qMax - 1);
      const di = this.pick(destroyW);
      const ri = this.pick(repairW);
      const removed =
        di === 0
          ? this.randomRemove(cand, q)
          : di === 1
            ? this.worstRemove(cand, q)
            : this.relatedRemove(cand, q);
      this.noise = ri >= 3 ? 0.025 * this.maxDist : 0;
      const k = ri % 3 === 0 ? 1 : ri % 3 === 1 ? 2 : 3;
      const left = this.regretInsert(cand, [...unserved, ...removed], k);
      this.noise = 0;
      const candCost = this.total(cand, left.length);
      if (pool)
        for (let r = 0; r < cand.length; r++) {
          const a = cand[r]!;
          const b = cur[r]!;
          let same = a.length === b.length;
          for (let h = 0; same && h < a.length; h++) same = a[h] === b[h];
          if (!same && a.length) pool.add(a, this.s.cost(a));
        }
      const key = this.hash(cand);
      let score = 0;
      if (candCost < bestCost - 1e-9) {
        best = cand.map((r) => r.slice());
        bestCost = candCost;
        bestUnserved = left.slice();
        sinceBest = 0;
        score = 33;
      }
      if (
        candCost < curCost - 1e-9 ||
        this.rnd.next() < Math.exp(-(candCost - curCost) / Math.max(temp, 1e-9))
      ) {
        if (score === 0) score = candCost < curCost - 1e-9 ? 9 : seen.has(key) ? 0 : 13;
        cur = cand;
        curCost = candCost;
        unserved = left;
      }
      seen.add(key);
      destroyS[di] = destroyS[di]! + score;
      repairS[ri] = repairS[ri]! + score;
      destroyN[di] = destroyN[di]! + 1;
      repairN[ri] = repairN[ri]! + 1;
      if ((it + 1) % 100 === 0) {
        for (let x = 0; x < destroyW.length; x++) {
          if (destroyN[x]) destroyW[x] = 0.8 * destroyW[x]! + (0.2 * destroyS[x]!) / destroyN[x]!;
          destroyW[x] = Math.max(destroyW[x]!, 0.05);
          destroyS[x] = destroyN[x] = 0;
        }
        for (let x = 0; x < repairW.length; x++) {
          if (repairN[x]) repairW[x] = 0.8 * repairW[x]! + (0.2 * repairS[x]!) / repairN[x]!;
          repairW[x] = Math.max(repairW[x]!, 0.05);
          repairS[x] = repairN[x] = 0;
        }
      }
      if (++sinceBest > 2000) {
        cur = best.map((r) => r.slice());
        curCost = bestCost;
        unserved = bestUnserved.slice();
        sinceBest = 0;
      }
    }
    recombine(Number.isFinite(maxIt) ? 30 : Math.max(0.2, (limitMs - (performance.now() - t0)) / 1000));
    return {
      routes: best.filter((r) => r.length > 0),
      cost: best.reduce((c, r) => c + (r.length ? this.s.cost(r) : 0), 0),
      unserved: bestUnserved,
      iterations: it,
    };
  }

  private hash(routes: Routes): number {
    let h = 0;
    for (const r of [...routes].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))) {
      for (const v of r) h = (Math.imul(h, 31) + v) | 0;
      h = (Math.imul(h, 31) + 7777) | 0;
    }
    return h;
  }

  private total(routes: Routes, unserved: number): number {
    let c = unserved * this.penalty;
    for (const r of routes) if (r.length) c += this.s.cost(r);
    return c;
  }

  private pick(weights: number[]): number {
    let sum = 0;
    for (const w of weights) sum += w;
    let x = this.rnd.next() * sum;
    for (let k = 0; k < weights.length; k++) {
      x -= weights[k]!;
      if (x < 0) return k;
    }
    return weights.length - 1;
  }

  private removeRequest(routes: Routes, i: number): void {
    for (const r of routes) {
      const a = r.indexOf(i);
      if (a >= 0) {
        r.splice(a, 1);
        r.splice(r.indexOf(i + this.n), 1);
        return;
      }
    }
  }

  private served(routes: Routes): number[] {
    const out: number[] = [];
    for (const r of routes) for (const v of r) if (v <= this.n) out.push(v);
    return out;
  }

  private randomRemove(routes: Routes, q: number): number[] {
    const all = this.rnd.shuffle(this.served(routes)).slice(0, q);
    for (const i of all) this.removeRequest(routes, i);
    return all;
  }

  private worstRemove(routes: Routes, q: number): number[] {
    const out: number[] = [];
    const { dist, size, end } = this.s;
    const n = this.n;
    const at = (r: number[], k: number) => (k < 0 ? 0 : k >= r.length ? end : r[k]!);
    while (out.length < q) {
      const gains: [number, number][] = [];
      for (const r of routes) {
        for (let a = 0; a < r.length; a++) {
          const v = r[a]!;
          if (v > n) continue;
          let b = a + 1;
          while (r[b] !== v + n) b++;
          // saving of removing the pickup at a and the drop-off at b (adjacent or not)
          const pa = at(r, a - 1);
          const nb = at(r, b + 1);
          let gain: number;
          if (b === a + 1)
            gain =
              dist[pa * size + v]! +
              dist[v * size + v + n]! +
              dist[(v + n) * size + nb]! -
              dist[pa * size + nb]!;
          else {
            const na = r[a + 1]!;
            const pb = r[b - 1]!;
            gain =
              dist[pa * size + v]! +
              dist[v * size + na]! -
              dist[pa * size + na]! +
              dist[pb * size + v + n]! +
              dist[(v + n) * size + nb]! -
              dist[pb * size + nb]!;
          }
          gains.push([gain, v]);
        }
      }
      if (!gains.length) break;
      gains.sort((a, b) => b[0] - a[0]);
      const pick = gains[Math.floor(Math.pow(this.rnd.next(), 4) * gains.length)]![1];
      this.removeRequest(routes, pick);
      out.push(pick);
    }
    return out;
  }

  private relatedness(i: number, j: number): number {
    const s = this.s;
    return s.d(i, j) + s.d(i + this.n, j + this.n) + 0.5 * Math.abs(this.refTime[i]! - this.refTime[j]!);
  }

  private relatedRemove(routes: Routes, q: number): number[] {
    const pool = this.served(routes);
    if (!pool.length) return [];
    const out = [pool[this.rnd.int(pool.length)]!];
    const rest = new Set(pool);
    rest.delete(out[0]!);
    while (out.length < q && rest.size) {
      const ref = out[this.rnd.int(out.length)]!;
      const sorted = [...rest].sort((a, b) => this.relatedness(ref, a) - this.relatedness(ref, b));
      const pick = sorted[Math.floor(Math.pow(this.rnd.next(), 6) * sorted.length)]!;
      rest.delete(pick);
      out.push(pick);
    }
    for (const i of out) this.removeRequest(routes, i);
    return out;
  }

  private readonly E = new Float64Array(512);
  private readonly Lat = new Float64Array(512);
  private readonly Q = new Float64Array(512);
  private readonly RS = new Float64Array(512);
  private cDelta = new Float64Array(4096);
  private cP = new Int32Array(4096);
  private cD = new Int32Array(4096);
  private readonly trial: number[] = [];

  /** cheapest feasible insertion of request i into route r, or null */
  bestInsertion(r: readonly number[], i: number): Candidate | null {
    const s = this.s;
    const inst = this.inst;
    const { dist, size } = s;
    const { early, late, service, load: qLoad } = inst;
    const n = this.n;
    const drop = i + n;
    const m = r.length;
    const { E, Lat, Q } = this;
    const node = (k: number) => (k === 0 ? 0 : k === m + 1 ? s.end : r[k - 1]!);
    // earliest starts, latest starts, and no-wait time along the route (positions 0..m+1)
    E[0] = early[0]!;
    Q[0] = 0;
    for (let k = 1; k <= m + 1; k++) {
      const a = node(k - 1);
      const v = node(k);
      const step = service[a]! + dist[a * size + v]!;
      E[k] = Math.max(early[v]!, E[k - 1]! + step);
      Q[k] = Q[k - 1]! + step;
    }
    Lat[m + 1] = late[s.end]!;
    for (let k = m; k >= 0; k--) {
      const v = node(k);
      Lat[k] = Math.min(late[v]!, Lat[k + 1]! - service[v]! - dist[v * size + node(k + 1)]!);
    }
    const L = inst.maxRideTime;
    // ride-time room per gap: inserting into gap g (between positions g and g+1) lengthens the
    // no-wait ride of every passenger on board there; it must stay within the ride limit
    const RS = this.RS;
    for (let g = 0; g <= m; g++) RS[g] = Infinity;
    for (let a = 1; a <= m; a++) {
      const v = r[a - 1]!;
      if (v > n) continue;
      let b = a + 1;
      while (r[b - 1] !== v + n) b++;
      const room = L - (Q[b]! - Q[a]! - service[v]!);
      for (let g = a; g < b; g++) if (room < RS[g]!) RS[g] = room;
    }
    const si = service[i]!;
    const sd = service[drop]!;
    const qi = qLoad[i]!;
    const cap = inst.capacity + 1e-9;
    const need = (m + 1) * (m + 2);
    if (this.cDelta.length < need) {
      this.cDelta = new Float64Array(need * 2);
      this.cP = new Int32Array(need * 2);
      this.cD = new Int32Array(need * 2);
    }
    const { cDelta, cP, cD } = this;
    let nc = 0;
    let loadBefore = 0;
    for (let p = 0; p <= m; p++) {
      if (p > 0) loadBefore += qLoad[r[p - 1]!]!;
      if (loadBefore + qi > cap) continue;
      const a = node(p);
      const b = node(p + 1);
      const bi = Math.max(early[i]!, E[p]! + service[a]! + dist[a * size + i]!);
      if (bi > late[i]! + 1e-9) continue;
      const leaveI = bi + si;
      // drop right after the pickup
      const bd = Math.max(early[drop]!, leaveI + dist[i * size + drop]!);
      if (
        bd <= late[drop]! + 1e-9 &&
        bd + sd + dist[drop * size + b]! <= Lat[p + 1]! + 1e-9 &&
        si +
          dist[a * size + i]! +
          dist[i * size + drop]! +
          sd +
          dist[drop * size + b]! -
          dist[a * size + b]! <=
          RS[p]! + 1e-9
      ) {
        cDelta[nc] =
          dist[a * size + i]! + dist[i * size + drop]! + dist[drop * size + b]! - dist[a * size + b]!;
        cP[nc] = p;
        cD[nc++] = p;
      }
      if (p === m) continue;
      const atB = Math.max(early[b]!, leaveI + dist[i * size + b]!);
      if (atB > Lat[p + 1]! + 1e-9) continue;
      if (si + dist[a * size + i]! + dist[i * size + b]! - dist[a * size + b]! > RS[p]! + 1e-9) continue;
      const dp = dist[a * size + i]! + dist[i * size + b]! - dist[a * size + b]!;
      let load = loadBefore + qi;
      for (let d = p + 1; d <= m; d++) {
        const c = r[d - 1]!;
        load += qLoad[c]!;
        if (load > cap) break;
        const along = dist[i * size + b]! + Q[d]! - Q[p + 1]!;
        if (along > L + 1e-9) break;
        if (along + service[c]! + dist[c * size + drop]! > L + 1e-9) continue;
        const atC = Math.max(E[d]!, leaveI + along);
        if (atC > Lat[d]! + 1e-9) break;
        const bd2 = Math.max(early[drop]!, atC + service[c]! + dist[c * size + drop]!);
        if (bd2 > late[drop]! + 1e-9) continue;
        const e = node(d + 1);
        if (bd2 + sd + dist[drop * size + e]! > Lat[d + 1]! + 1e-9) continue;
        if (sd + dist[c * size + drop]! + dist[drop * size + e]! - dist[c * size + e]! > RS[d]! + 1e-9)
          continue;
        cDelta[nc] = dp + dist[c * size + drop]! + dist[drop * size + e]! - dist[c * size + e]!;
        cP[nc] = p;
        cD[nc++] = d;
      }
    }
    // cheapest first: selection (the first one usually passes), no full sort
    const trial = this.trial;
    for (let tries = 0; tries < nc; tries++) {
      let k = -1;
      let kd = Infinity;
      for (let x = 0; x < nc; x++)
        if (cDelta[x]! < kd) {
          kd = cDelta[x]!;
          k = x;
        }
      if (k < 0) break;
      cDelta[k] = Infinity;
      const cp = cP[k]!;
      const cd = cD[k]!;
      trial.length = 0;
      for (let h = 0; h < m; h++) {
        if (h === cp) trial.push(i);
        if (h === cd) trial.push(drop);
        trial.push(r[h]!);
      }
      if (cp === m) trial.push(i);
      if (cd === m) trial.push(drop);
      if (s.feasible(trial)) return { delta: kd, p: cp, d: cd };
    }
    return null;
  }

  private apply(r: number[], i: number, c: Candidate): void {
    r.splice(c.d, 0, i + this.n);
    r.splice(c.p, 0, i);
  }

  /** regret-k insertion (k = 1: greedy); returns the requests left out */
  private regretInsert(routes: Routes, pending: number[], k: number): number[] {
    const R = routes.length;
    const todo = pending.slice();
    // cache[i][r]
    const cache = new Map<number, (Candidate | null)[]>();
    for (const i of todo)
      cache.set(
        i,
        routes.map((r) => this.bestInsertion(r, i)),
      );
    const left: number[] = [];
    while (todo.length) {
      let bestI = -1;
      let bestR = -1;
      let bestScore = -Infinity;
      let bestDelta = Infinity;
      for (let x = 0; x < todo.length; x++) {
        const i = todo[x]!;
        const row = cache.get(i)!;
        const deltas: number[] = [];
        let rBest = -1;
        let dBest = Infinity;
        let emptySeen = false;
        for (let r = 0; r < R; r++) {
          const c = row[r];
          if (!c) continue;
          // identical empty routes: count one
          if (routes[r]!.length === 0) {
            if (emptySeen) continue;
            emptySeen = true;
          }
          const dl = c.delta + (this.noise ? (this.rnd.next() * 2 - 1) * this.noise : 0);
          deltas.push(dl);
          if (dl < dBest) {
            dBest = dl;
            rBest = r;
          }
        }
        if (rBest < 0) continue;
        let score: number;
        if (k === 1) score = -dBest;
        else {
          deltas.sort((a, b) => a - b);
          score = 0;
          for (let h = 1; h < k; h++) score += (deltas[h] ?? dBest + this.penalty) - dBest;
        }
        if (score > bestScore + 1e-12 || (Math.abs(score - bestScore) <= 1e-12 && dBest < bestDelta)) {
          bestScore = score;
          bestDelta = dBest;
          bestI = x;
          bestR = rBest;
        }
      }
      if (bestI < 0) {
        left.push(...todo);
        break;
      }
      const i = todo[bestI]!;
      todo.splice(bestI, 1);
      this.apply(routes[bestR]!, i, cache.get(i)![bestR]!);
      cache.delete(i);
      for (const j of todo) cache.get(j)![bestR] = this.bestInsertion(routes[bestR]!, j);
    }
    return left;
  }
}
