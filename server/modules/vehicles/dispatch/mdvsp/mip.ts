import type { Highs } from 'highs';
import { cscOf, rowBounds } from './lp.ts';
import { ArcKind, linkReducedCost, reducedCost, rowCount, UNCOVERED_COST, type Column } from './model.ts';
import type { Network } from './network.ts';

export interface Block {
  depot: number;
  trips: number[];
}

/**
 * Every arc of the full network whose reduced cost under duals `y` is at most `delta` (uncovered
 * columns always). By LP duality any solution that uses an arc with reduced cost r costs at least
 * bound + r, so with delta ≥ (incumbent − bound) nothing that could improve on the incumbent is lost.
 */
export function arcsWithin(
  net: Network,
  y: ArrayLike<number>,
  delta: number,
): { columns: Column[]; rc: number[] } {
  const { depots: m, trips: n } = net;
  const columns: Column[] = [];
  const rc: number[] = [];
  const keep = (col: Column, r: number) => {
    if (r <= delta) {
      columns.push(col);
      rc.push(r);
    }
  };
  for (let j = 0; j < n; j++) {
    const col: Column = { kind: ArcKind.Uncovered, depot: -1, from: -1, to: j, cost: UNCOVERED_COST };
    columns.push(col);
    rc.push(reducedCost(net, col, y));
  }
  for (let k = 0; k < m; k++) {
    for (let t = 0; t < n; t++) {
      const out = net.pullOut[k * n + t] as number;
      if (out >= 0) {
        const col: Column = { kind: ArcKind.PullOut, depot: k, from: -1, to: t, cost: out };
        keep(col, reducedCost(net, col, y));
      }
      const back = net.pullIn[k * n + t] as number;
      if (back >= 0) {
        const col: Column = { kind: ArcKind.PullIn, depot: k, from: t, to: -1, cost: back };
        keep(col, reducedCost(net, col, y));
      }
    }
    for (let i = 0; i < n; i++) {
      for (let a = net.outStart[i] as number; a < (net.outStart[i + 1] as number); a++) {
        const j = net.outTo[a] as number;
        const cost = net.outCost[a] as number;
        const r = linkReducedCost(net, k, i, j, cost, y);
        if (r <= delta) keep({ kind: ArcKind.Link, depot: k, from: i, to: j, cost }, r);
      }
    }
  }
  return { columns, rc };
}

export interface MipResult {
  blocks: Block[] | null;
  objective: number;
  /** HiGHS proved the restricted model optimal */
  optimal: boolean;
  status: string;
}

/** Solves the integer model restricted to `columns`; `start` (blocks) seeds the incumbent when given. */
export function solveRestrictedMip(
  highs: Highs,
  net: Network,
  columns: Column[],
  seconds: number,
  seed: number,
  start?: Block[],
): MipResult {
  const model = highs.createModel({
    numCols: columns.length,
    numRows: rowCount(net),
    colCost: Float64Array.from(columns, (c) => c.cost),
    colLower: new Float64Array(columns.length),
    colUpper: new Float64Array(columns.length).fill(1),
    rowLower: rowBounds(net, highs).lower,
    rowUpper: rowBounds(net, highs).upper,
    matrix: cscOf(net, columns),
    integrality: new Int32Array(columns.length).fill(1),
  });
  try {
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.5, seconds),
      mip_rel_gap: 0,
      mip_abs_gap: 0,
      random_seed: seed % 2147483647,
    });
    if (start) {
      const colValue = startValues(net, columns, start);
      if (colValue) model.setSolution({ colValue });
    }
    model.run();
    const status = highs.constants.modelStatus;
    const code = model.getModelStatus();
    const sol = model.getSolution();
    const x = sol.colValue;
    const hasSolution =
      x.length === columns.length && Number.isFinite(model.getObjectiveValue()) && x.some((v) => v > 0.5);
    const blocks = hasSolution ? blocksFrom(net, columns, x) : null;
    return {
      blocks,
      objective: blocks ? model.getObjectiveValue() : Infinity,
      optimal: code === status.optimal,
      status: String(code),
    };
  } finally {
    model.dispose();
  }
}

/** The 0/1 column values of a solution given as blocks, or null when one of its arcs is not a column. */
function startValues(net: Network, columns: Column[], blocks: Block[]): Float64Array | null {
  const index = new Map<string, number>();
  columns.forEach((c, i) => index.set(`${c.kind}:${c.depot}:${c.from}:${c.to}`, i));
  const x = new Float64Array(columns.length);
  for (const b of blocks) {
    const keys = [`${ArcKind.PullOut}:${b.depot}:-1:${b.trips[0]}`];
    for (let t = 0; t + 1 < b.trips.length; t++)
      keys.push(`${ArcKind.Link}:${b.depot}:${b.trips[t]}:${b.trips[t + 1]}`);
    keys.push(`${ArcKind.PullIn}:${b.depot}:${b.trips[b.trips.length - 1]}:-1`);
    for (const key of keys) {
      const i = index.get(key);
      if (i === undefined) return null;
      x[i] = 1;
    }
  }
  void net;
  return x;
}

/** Follows the arcs set to 1 from each pull-out to its pull-in. */
export function blocksFrom(net: Network, columns: Column[], x: ArrayLike<number>): Block[] {
  const n = net.trips;
  const next = new Int32Array(net.depots * n).fill(-1);
  const starts: { depot: number; trip: number }[] = [];
  columns.forEach((c, i) => {
    if ((x[i] as number) < 0.5) return;
    if (c.kind === ArcKind.PullOut) starts.push({ depot: c.depot, trip: c.to });
    else if (c.kind === ArcKind.Link) next[c.depot * n + c.from] = c.to;
  });
  return starts.map(({ depot, trip }) => {
    const trips = [trip];
    for (
      let t = next[depot * n + trip] as number;
      t >= 0 && trips.length <= n;
      t = next[depot * n + t] as number
    )
      trips.push(t);
    return { depot, trips };
  });
}
