/**
 * Cheapest feasible insertion and a large neighbourhood search over crews' routes (the same
 * destroy-and-repair idea as the DARP solver, on atomic jobs with time-dependent travel).
 */
import { seededRandom, type Random } from '../random.ts';
import { compatible, type Job, type Model } from './model.ts';
import { simulate } from './route.ts';

export interface Insertion {
  crew: number;
  pos: number;
  delta: number;
}

export class Solution {
  readonly routes: Job[][];
  readonly cost: number[];
  unserved: Set<Job>;
  private readonly compat = new Map<number, number[]>();

  constructor(readonly model: Model) {
    this.routes = model.crews.map(() => []);
    this.cost = model.crews.map(() => 0);
    this.unserved = new Set();
  }

  clone(): Solution {
    const s = new Solution(this.model);
    this.routes.forEach((r, k) => {
      s.routes[k] = r.slice();
      s.cost[k] = this.cost[k]!;
    });
    s.unserved = new Set(this.unserved);
    for (const [k, v] of this.compat) s.compat.set(k, v);
    return s;
  }

  total(): number {
    let c = this.unserved.size * this.model.settings.weights.unserved;
    for (const x of this.cost) c += x;
    return c;
  }

  crewsFor(job: Job): number[] {
    let list = this.compat.get(job.index);
    if (!list) {
      list = this.model.crews
        .filter(
          (c) =>
            compatible(this.model, job, c) &&
            job.earliest < c.end &&
            (job.fixedStart ?? job.latest) >= c.start,
        )
        .map((c) => c.index);
      this.compat.set(job.index, list);
    }
    return list;
  }

  /** cheapest feasible insertion of a job, or null */
  best(job: Job): Insertion | null {
    let best: Insertion | null = null;
    const latestOf = (j: Job) => j.fixedStart ?? j.latest;
    const earliestOf = (j: Job) => j.fixedStart ?? j.earliest;
    const emptyTried = new Set<string>();
    for (const ci of this.crewsFor(job)) {
      const route = this.routes[ci]!;
      const crew = this.model.crews[ci]!;
      if (route.length === 0) {
        // identical empty crews (same depot, pool, vehicle kind, hours) price the same: try one
        const v = crew.vehicle;
        const key = `${v.pool}|${v.depot.lon},${v.depot.lat}|${v.category}|${v.seats}|${v.sealed ? 1 : 0}|${crew.start}|${crew.end}|${crew.driveBudget}|${crew.maxContinuous}|${crew.minRest}`;
        if (emptyTried.has(key)) continue;
        emptyTried.add(key);
      }
      for (let p = 0; p <= route.length; p++) {
        if (p > 0 && earliestOf(route[p - 1]!) > latestOf(job)) break;
        if (p < route.length && earliestOf(job) > latestOf(route[p]!)) continue;
        const trial = route.slice();
        trial.splice(p, 0, job);
        const sim = simulate(this.model, crew, trial);
        if (!sim.feasible) continue;
        const delta = sim.cost - this.cost[ci]!;
        if (!best || delta < best.delta - 1e-9) best = { crew: ci, pos: p, delta };
      }
    }
    return best;
  }

  insert(job: Job, at: Insertion): void {
    const route = this.routes[at.crew]!;
    route.splice(at.pos, 0, job);
    this.cost[at.crew] = this.cost[at.crew]! + at.delta;
    this.unserved.delete(job);
  }

  remove(job: Job): void {
    for (let ci = 0; ci < this.routes.length; ci++) {
      const route = this.routes[ci]!;
      const k = route.indexOf(job);
      if (k < 0) continue;
      route.splice(k, 1);
      this.cost[ci] = simulate(this.model, this.model.crews[ci]!, route).cost;
      return;
    }
  }

  /** tries every job of `jobs` in order; those that fit nowhere become unserved */
  repair(jobs: Job[]): void {
    for (const job of jobs) {
      const at = this.best(job);
      if (at) this.insert(job, at);
      else this.unserved.add(job);
    }
  }
}

const byTime = (a: Job, b: Job) => a.earliest - b.earliest || a.index - b.index;

/** Locked jobs first (on their crew), then every other job by time. */
export function construct(model: Model, jobs: Job[]): Solution {
  const sol = new Solution(model);
  const locked = jobs.filter((j) => j.lockedCrew !== null).sort(byTime);
  const free = jobs.filter((j) => j.lockedCrew === null).sort(byTime);
  sol.repair(locked);
  sol.repair(free);
  return sol;
}

/** Large neighbourhood search until the deadline; locked jobs never move. */
export function improve(sol: Solution, deadline: number, rnd: Random = seededRandom(1)): Solution {
  const model = sol.model;
  let cur = sol;
  let best = sol.clone();
  let bestCost = best.total();
  let curCost = bestCost;
  const T0 = model.settings.weights.vehicle * 0.2;
  const start = performance.now();
  const span = Math.max(1, deadline - start);
  let it = 0;
  while (performance.now() < deadline && it < model.settings.maxIterations) {
    it++;
    const cand = cur.clone();
    const movable: Job[] = [];
    cand.routes.forEach((r) => r.forEach((j) => j.lockedCrew === null && movable.push(j)));
    if (movable.length === 0 && cand.unserved.size === 0) break;
    const removed: Job[] = [];
    const op = rnd.int(3);
    if (op === 0 && movable.length) {
      // random jobs
      const q = Math.min(movable.length, 3 + rnd.int(15));
      removed.push(...rnd.shuffle(movable.slice()).slice(0, q));
    } else if (op === 1 && movable.length) {
      // jobs close in time to a seed job
      const seed = movable[rnd.int(movable.length)]!;
      const q = Math.min(movable.length, 4 + rnd.int(20));
      removed.push(
        ...movable
          .slice()
          .sort((a, b) => Math.abs(a.earliest - seed.earliest) - Math.abs(b.earliest - seed.earliest))
          .slice(0, q),
      );
    } else {
      // empty one to three short routes (fewer vehicles)
      const used = cand.routes
        .map((r, k) => [r.length, k] as const)
        .filter(([len, k]) => len > 0 && cand.routes[k]!.every((j) => j.lockedCrew === null))
        .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const take = 1 + rnd.int(3);
      for (let x = 0; x < take && used.length; x++) {
        const [, k] = used.splice(rnd.int(Math.min(used.length, 6)), 1)[0]!;
        removed.push(...cand.routes[k]!);
      }
    }
    for (const j of removed) cand.remove(j);
    const retry = [...cand.unserved];
    cand.unserved.clear();
    const order = [...removed, ...retry];
    if (rnd.int(2) === 0) order.sort(byTime);
    else rnd.shuffle(order);
    cand.repair(order);
    const c = cand.total();
    const temp = T0 * Math.pow(0.01, (performance.now() - start) / span);
    if (c < curCost - 1e-9 || rnd.next() < Math.exp(-(c - curCost) / Math.max(temp, 1e-6))) {
      cur = cand;
      curCost = c;
      if (c < bestCost - 1e-9) {
        best = cand.clone();
        bestCost = c;
      }
    }
  }
  return best;
}
