import highsModule, { type Highs } from 'highs';
import { constructBlocks } from './construct.ts';
import { dive } from './dive.ts';
import { VEHICLE_FIXED_COST, type MdvspInstance } from './instance.ts';
import { ArcLp } from './lp.ts';
import { arcsWithin, solveRestrictedMip, type Block } from './mip.ts';
import { ArcKind, reducedCost, type Column } from './model.ts';
import { buildNetwork, minimumFleet, type Network } from './network.ts';

type HighsLoader = () => Promise<Highs>;
/** highs ships CommonJS types for an ES module: under NodeNext the default import types as the namespace. */
const loadHighs: HighsLoader =
  typeof highsModule === 'function'
    ? (highsModule as unknown as HighsLoader)
    : (highsModule as unknown as { default: HighsLoader }).default;

export interface MdvspSolveOptions {
  timeLimitSeconds: number;
  seed: number;
  /** the most columns given to the final MIP (the cheapest by reduced cost) */
  maxMipColumns?: number;
  /** progress lines (phase, seconds, figures) for benchmarks and debugging */
  log?: (line: string) => void;
}

export interface MdvspSolution {
  blocks: Block[];
  cost: number;
  vehicles: number;
  /** LP lower bound on the cost (when the LP was priced out), else null */
  lowerBound: number | null;
  /** the fewest vehicles any schedule needs (depots ignored) */
  minimumFleet: number;
  /** the restricted MIP proved that no schedule is cheaper */
  provenOptimal: boolean;
  phases: { name: string; seconds: number; cost: number | null }[];
}

/** Total cost of a schedule from the network (pull-outs, links, pull-ins). */
export function scheduleCost(net: Network, blocks: Block[]): number {
  const n = net.trips;
  let cost = 0;
  for (const b of blocks) {
    cost +=
      (net.pullOut[b.depot * n + (b.trips[0] as number)] as number) +
      (net.pullIn[b.depot * n + (b.trips[b.trips.length - 1] as number)] as number);
    for (let t = 0; t + 1 < b.trips.length; t++) {
      const i = b.trips[t] as number;
      const j = b.trips[t + 1] as number;
      for (let a = net.outStart[i] as number; a < (net.outStart[i + 1] as number); a++) {
        if (net.outTo[a] === j) cost += net.outCost[a] as number;
      }
    }
  }
  return cost;
}

/**
 * LP-based MDVSP solver:
 * 1. a quick minimum-fleet schedule (maximum matching + depot assignment) as a safety net;
 * 2. the LP relaxation of the arc-based multi-commodity flow model, solved by HiGHS with arc pricing
 *    over the full network — a lower bound and near-integral flows;
 * 3. LP diving (fix the surest arcs, re-solve warm) for a good incumbent;
 * 4. a HiGHS MIP over the arcs whose reduced cost is within the incumbent's gap to the bound (capped to
 *    the cheapest `maxMipColumns`), started from the incumbent; when it is solved to optimality and the
 *    cap did not bite, the answer is proven optimal.
 */
export async function solveMdvsp(inst: MdvspInstance, options: MdvspSolveOptions): Promise<MdvspSolution> {
  const started = Date.now();
  const budget = options.timeLimitSeconds * 1000;
  const at = (share: number) => started + budget * share;
  const log = options.log ?? (() => {});
  const phases: MdvspSolution['phases'] = [];
  const mark = (name: string, cost: number | null) => {
    phases.push({ name, seconds: (Date.now() - started) / 1000, cost });
    log(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s, cost ${cost ?? '-'}`);
  };

  const net = buildNetwork(inst);
  const fleet = minimumFleet(net);
  let best = constructBlocks(net);
  let bestCost = scheduleCost(net, best);
  mark('construct', bestCost);

  const highs = await loadHighs();
  const lp = new ArcLp(highs, net, { seed: best });
  let bound: number | null = null;
  let y: Float64Array;
  const lpColumns = lp.columns;
  try {
    lp.solve(at(0.65));
    if (lp.complete) bound = lp.objective;
    y = lp.y;
    mark(lp.complete ? 'lp' : 'lp (stopped)', null);
    if (bound !== null)
      log(`lp bound ${bound.toFixed(1)} in ${lp.rounds} rounds, ${lp.columns.length} columns`);
    if (lp.optimal && Date.now() < at(0.8)) {
      const d = dive(lp, net, at(0.8));
      if (d.blocks) {
        const c = scheduleCost(net, d.blocks);
        if (c < bestCost) {
          best = d.blocks;
          bestCost = c;
        }
      }
      mark(`dive (${d.rounds} rounds, ${d.backtracks} backtracks)`, bestCost);
    }
  } finally {
    lp.dispose();
  }

  let provenOptimal = provenByBound(bestCost, bound);
  const mipDeadline = at(0.95);
  // a small MIP first (quick improvements), then a larger one from its answer
  const caps = options.maxMipColumns ? [options.maxMipColumns] : [5_000, 15_000];
  for (let stage = 0; stage < caps.length && !provenOptimal && Date.now() < mipDeadline - 200; stage++) {
    const gap = bound === null ? Infinity : bestCost - bound;
    // without a bound (LP stopped early) the MIP works on the LP's own columns, depot arcs first
    const all =
      bound === null
        ? {
            columns: lpColumns,
            rc: lpColumns.map((c) => (c.kind === ArcKind.Link ? reducedCost(net, c, y) : -Infinity)),
          }
        : arcsWithin(net, y, gap);
    const limit = caps[stage] as number;
    let columns = all.columns;
    let capped = false;
    if (columns.length > limit) {
      const order = columns
        .map((_, i) => i)
        .sort((p, q) => (all.rc[p] as number) - (all.rc[q] as number) || p - q);
      const keepIdx = order.slice(0, limit).sort((p, q) => p - q);
      columns = keepIdx.map((i) => all.columns[i] as Column);
      capped = true;
    }
    columns = withSchedule(net, columns, best);
    const last = !capped || stage === caps.length - 1;
    const seconds = ((mipDeadline - Date.now()) / 1000) * (last ? 1 : 0.4);
    const mip = solveRestrictedMip(highs, net, columns, seconds, options.seed, best);
    if (mip.blocks && covers(net, mip.blocks)) {
      const c = scheduleCost(net, mip.blocks);
      if (c < bestCost) {
        best = mip.blocks;
        bestCost = c;
      }
      if (mip.optimal && !capped && bound !== null) provenOptimal = true;
    }
    mark(
      `mip (${columns.length} columns${capped ? ', capped' : ''}, ${mip.optimal ? 'optimal' : 'stopped'})`,
      bestCost,
    );
    if (!capped) break;
  }

  const vehicles = best.length;
  best = best
    .map((b) => ({ depot: b.depot, trips: b.trips.slice() }))
    .sort((p, q) => p.depot - q.depot || (p.trips[0] as number) - (q.trips[0] as number));
  void VEHICLE_FIXED_COST;
  return {
    blocks: best,
    cost: bestCost,
    vehicles,
    lowerBound: bound,
    minimumFleet: fleet,
    provenOptimal,
    phases,
  };
}

/**
 * Whether a lower bound proves an integral cost optimal: no integral cost lies between them, i.e. cost ≤
 * ⌈bound⌉. The bound is a floating-point LP objective of size ~10⁶ (the vehicles' fixed cost), so a
 * value a hair above an integer is rounding noise, not a proof that the integer is out of reach:
 * it is lowered by a relative tolerance before rounding up (an absolute 1e-6 let 1283811.0004
 * prove 1283812 optimal when 1283811 might exist).
 */
export function provenByBound(cost: number, bound: number | null): boolean {
  if (bound === null || !Number.isFinite(bound)) return false;
  const tolerance = 1e-6 + 1e-9 * Math.abs(bound);
  return cost <= Math.ceil(bound - tolerance);
}

/** Adds the arcs of a schedule that are missing from `columns`. */
function withSchedule(net: Network, columns: Column[], blocks: Block[]): Column[] {
  const n = net.trips;
  const key = (c: Column) => `${c.kind}:${c.depot}:${c.from}:${c.to}`;
  const have = new Set(columns.map(key));
  const out = columns.slice();
  const add = (c: Column) => {
    if (!have.has(key(c))) {
      have.add(key(c));
      out.push(c);
    }
  };
  for (const b of blocks) {
    const first = b.trips[0] as number;
    const last = b.trips[b.trips.length - 1] as number;
    add({
      kind: ArcKind.PullOut,
      depot: b.depot,
      from: -1,
      to: first,
      cost: net.pullOut[b.depot * n + first] as number,
    });
    add({
      kind: ArcKind.PullIn,
      depot: b.depot,
      from: last,
      to: -1,
      cost: net.pullIn[b.depot * n + last] as number,
    });
    for (let t = 0; t + 1 < b.trips.length; t++) {
      const i = b.trips[t] as number;
      const j = b.trips[t + 1] as number;
      for (let a = net.outStart[i] as number; a < (net.outStart[i + 1] as number); a++) {
        if (net.outTo[a] === j)
          add({ kind: ArcKind.Link, depot: b.depot, from: i, to: j, cost: net.outCost[a] as number });
      }
    }
  }
  return out;
}

/** Every trip in exactly one block (a MIP answer that leaves a trip uncovered is not a schedule). */
function covers(net: Network, blocks: Block[]): boolean {
  const seen = new Uint8Array(net.trips);
  for (const b of blocks) for (const t of b.trips) seen[t] = (seen[t] as number) + 1;
  return seen.every((v) => v === 1);
}
