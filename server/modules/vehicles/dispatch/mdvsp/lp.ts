import type { Highs } from 'highs';
import {
  ArcKind,
  capRow,
  columnEntries,
  linkReducedCost,
  rowCount,
  UNCOVERED_COST,
  type Column,
} from './model.ts';
import type { Block } from './mip.ts';
import type { Network } from './network.ts';

/** Pull-outs, pull-ins and the `cheapest` cheapest links out of every trip, for every depot. */
function initialColumns(
  net: Network,
  cheapest: number,
  seed: Block[],
): { columns: Column[]; inModel: Uint8Array } {
  const { depots: m, trips: n } = net;
  const A = net.outTo.length;
  const inModel = new Uint8Array(m * A);
  const columns: Column[] = [];
  for (let j = 0; j < n; j++)
    columns.push({ kind: ArcKind.Uncovered, depot: -1, from: -1, to: j, cost: UNCOVERED_COST });
  for (let k = 0; k < m; k++) {
    for (let t = 0; t < n; t++) {
      const out = net.pullOut[k * n + t] as number;
      if (out >= 0) columns.push({ kind: ArcKind.PullOut, depot: k, from: -1, to: t, cost: out });
      const back = net.pullIn[k * n + t] as number;
      if (back >= 0) columns.push({ kind: ArcKind.PullIn, depot: k, from: t, to: -1, cost: back });
    }
    for (let i = 0; i < n; i++) {
      const end = Math.min(net.outStart[i + 1] as number, (net.outStart[i] as number) + cheapest);
      for (let a = net.outStart[i] as number; a < end; a++) inModel[k * A + a] = 1;
    }
    for (const b of seed) {
      for (let t = 0; t + 1 < b.trips.length; t++) {
        const i = b.trips[t] as number;
        const j = b.trips[t + 1] as number;
        for (let a = net.outStart[i] as number; a < (net.outStart[i + 1] as number); a++) {
          if (net.outTo[a] === j) inModel[k * A + a] = 1;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      for (let a = net.outStart[i] as number; a < (net.outStart[i + 1] as number); a++) {
        if (inModel[k * A + a]) {
          columns.push({
            kind: ArcKind.Link,
            depot: k,
            from: i,
            to: net.outTo[a] as number,
            cost: net.outCost[a] as number,
          });
        }
      }
    }
  }
  return { columns, inModel };
}

export function cscOf(net: Network, columns: Column[]) {
  const starts = new Int32Array(columns.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  columns.forEach((col, c) => {
    const e = columnEntries(net, col);
    indices.push(...e.rows);
    values.push(...e.values);
    starts[c + 1] = indices.length;
  });
  return {
    format: 'csc' as const,
    numRows: rowCount(net),
    numCols: columns.length,
    starts,
    indices: Int32Array.from(indices),
    values: Float64Array.from(values),
  };
}

export function rowBounds(net: Network, highs: Highs) {
  const rows = rowCount(net);
  const lower = new Float64Array(rows);
  const upper = new Float64Array(rows);
  for (let j = 0; j < net.trips; j++) {
    lower[j] = 1;
    upper[j] = 1;
  }
  for (let k = 0; k < net.depots; k++) {
    lower[capRow(net, k)] = -highs.infinity;
    upper[capRow(net, k)] = net.capacity[k] as number;
  }
  return { lower, upper };
}

export interface LpOptions {
  /** links per trip in the first model (cheapest first) */
  cheapest?: number;
  /** links added per tail and depot in a pricing round */
  perTail?: number;
  /** a schedule whose links are put in the first model (for every depot) */
  seed?: Block[];
}

/**
 * The LP relaxation over the full network, kept in one HiGHS model so that every re-solve starts
 * warm: `solve` prices links in by reduced cost (at most `perTail` per tail and depot a round) until
 * none prices out; `fix` sets arcs to 1 for diving. Call `dispose` when done.
 */
export class ArcLp {
  readonly columns: Column[];
  private readonly inModel: Uint8Array;
  private readonly model;
  private readonly perTail: number;
  y: Float64Array;
  x: Float64Array = new Float64Array(0);
  objective = Infinity;
  /** the last solve priced out the whole network (then `objective` is the restricted LP's true optimum) */
  complete = false;
  /** the last solve ended optimal for the columns in the model (false: infeasible, or stopped) */
  optimal = false;
  rounds = 0;

  constructor(
    private readonly highs: Highs,
    private readonly net: Network,
    opts: LpOptions = {},
  ) {
    const { columns, inModel } = initialColumns(net, opts.cheapest ?? 6, opts.seed ?? []);
    this.columns = columns;
    this.inModel = inModel;
    this.perTail = opts.perTail ?? 4;
    this.y = new Float64Array(rowCount(net));
    const rb = rowBounds(net, highs);
    this.model = highs.createModel({
      numCols: columns.length,
      numRows: rowCount(net),
      colCost: Float64Array.from(columns, (c) => c.cost),
      colLower: new Float64Array(columns.length),
      colUpper: new Float64Array(columns.length).fill(highs.infinity),
      rowLower: rb.lower,
      rowUpper: rb.upper,
      matrix: cscOf(net, columns),
    });
    this.model.options.set({ output_flag: false });
  }

  /** Re-solves and prices until no link has a negative reduced cost or the deadline passes. */
  solve(deadline: number): void {
    this.complete = false;
    for (;;) {
      // HiGHS's time limit counts the model's cumulative run time: restart the clock for each run
      this.model.zeroAllClocks();
      this.model.options.set({ time_limit: Math.max(0.05, (deadline - Date.now()) / 1000) });
      this.model.run();
      this.rounds++;
      this.optimal = this.model.getModelStatus() === this.highs.constants.modelStatus.optimal;
      // an interrupted or infeasible solve leaves the last optimal duals and values in place
      if (!this.optimal) return;
      const sol = this.model.getSolution();
      this.y = Float64Array.from(sol.rowDual);
      this.x = Float64Array.from(sol.colValue);
      this.objective = this.model.getObjectiveValue();
      if (Date.now() >= deadline) return;
      const added = this.price();
      if (added.length === 0) {
        this.complete = true;
        return;
      }
      this.model.addCols({
        cost: Float64Array.from(added, (c) => c.cost),
        lower: new Float64Array(added.length),
        upper: new Float64Array(added.length).fill(this.highs.infinity),
        matrix: cscOf(this.net, added),
      });
      this.columns.push(...added);
    }
  }

  private price(): Column[] {
    const net = this.net;
    const { depots: m, trips: n } = net;
    const A = net.outTo.length;
    const added: Column[] = [];
    const best: { rc: number; a: number }[] = [];
    for (let k = 0; k < m; k++) {
      for (let i = 0; i < n; i++) {
        best.length = 0;
        for (let a = net.outStart[i] as number; a < (net.outStart[i + 1] as number); a++) {
          if (this.inModel[k * A + a]) continue;
          const rc = linkReducedCost(net, k, i, net.outTo[a] as number, net.outCost[a] as number, this.y);
          if (rc < -1e-6) best.push({ rc, a });
        }
        if (best.length === 0) continue;
        best.sort((p, q) => p.rc - q.rc || p.a - q.a);
        for (const { a } of best.slice(0, this.perTail)) {
          this.inModel[k * A + a] = 1;
          added.push({
            kind: ArcKind.Link,
            depot: k,
            from: i,
            to: net.outTo[a] as number,
            cost: net.outCost[a] as number,
          });
        }
      }
    }
    return added;
  }

  /** Bounds column `index` to [lower, upper]. */
  bound(index: number, lower: number, upper: number): void {
    this.model.changeColBounds(index, lower, upper === Infinity ? this.highs.infinity : upper);
  }

  dispose(): void {
    this.model.dispose();
  }
}
