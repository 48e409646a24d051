/**
 * Route pool and set-partitioning recombination for the DARP ALNS: every distinct route (set of
 * requests) met during the search is kept with its cheapest feasible sequence; a MILP over the pool
 * (cover each request exactly once, at most K routes, minimise cost) picks the best combination of
 * routes found in different solutions — HiGHS (WASM) solves it.
 */
import highsModule, { type Highs } from 'highs';

type HighsLoader = () => Promise<Highs>;
/** highs ships CommonJS types for an ES module: under NodeNext the default import types as the namespace. */
const highsLoader: HighsLoader =
  typeof highsModule === 'function'
    ? (highsModule as unknown as HighsLoader)
    : (highsModule as unknown as { default: HighsLoader }).default;

let loaded: Promise<Highs> | null = null;
/** The HiGHS runtime, loaded once per process. */
export function loadHighs(): Promise<Highs> {
  loaded ??= highsLoader();
  return loaded;
}

interface PoolRoute {
  /** inner nodes, in order */
  seq: number[];
  cost: number;
  /** requests (pickup numbers), ascending */
  requests: number[];
}

export class RoutePool {
  private readonly byKey = new Map<string, PoolRoute>();

  constructor(
    private readonly n: number,
    /** most routes kept; beyond it new sets are ignored (existing ones still improve) */
    private readonly maxSize = 60000,
  ) {}

  get size(): number {
    return this.byKey.size;
  }

  /** adds a feasible route (inner nodes) with its cost; keeps the cheaper sequence per request set */
  add(seq: readonly number[], cost: number): void {
    if (!seq.length) return;
    const requests: number[] = [];
    for (const v of seq) if (v <= this.n) requests.push(v);
    requests.sort((a, b) => a - b);
    const key = requests.join(',');
    const old = this.byKey.get(key);
    if (old) {
      if (cost < old.cost - 1e-9) {
        old.cost = cost;
        old.seq = seq.slice();
      }
      return;
    }
    if (this.byKey.size >= this.maxSize) return;
    this.byKey.set(key, { seq: seq.slice(), cost, requests });
  }

  /**
   * Best set partition of the requests by pool routes with at most K routes, within `seconds`;
   * `start` (routes of a known solution, all in the pool) seeds the incumbent. Null when HiGHS finds
   * nothing.
   */
  solve(
    highs: Highs,
    K: number,
    seconds: number,
    start?: number[][],
  ): { routes: number[][]; cost: number } | null {
    const cols = [...this.byKey.values()];
    const numCols = cols.length;
    const numRows = this.n + 1;
    const starts = new Int32Array(numCols + 1);
    let nnz = 0;
    for (const c of cols) nnz += c.requests.length + 1;
    const indices = new Int32Array(nnz);
    const values = new Float64Array(nnz).fill(1);
    let e = 0;
    cols.forEach((c, j) => {
      for (const i of c.requests) indices[e++] = i - 1;
      indices[e++] = this.n;
      starts[j + 1] = e;
    });
    const rowLower = new Float64Array(numRows).fill(1);
    const rowUpper = new Float64Array(numRows).fill(1);
    rowLower[this.n] = 0;
    rowUpper[this.n] = K;
    const model = highs.createModel({
      numCols,
      numRows,
      colCost: Float64Array.from(cols, (c) => c.cost),
      colLower: new Float64Array(numCols),
      colUpper: new Float64Array(numCols).fill(1),
      rowLower,
      rowUpper,
      matrix: { format: 'csc', numRows, numCols, starts, indices, values },
      integrality: new Int32Array(numCols).fill(1),
    });
    try {
      model.options.set({
        output_flag: false,
        time_limit: Math.max(0.2, seconds),
        mip_rel_gap: 0,
        mip_abs_gap: 0,
        random_seed: 1,
      });
      if (start) {
        const index = new Map<string, number>();
        cols.forEach((c, j) => index.set(c.requests.join(','), j));
        const x = new Float64Array(numCols);
        let ok = true;
        for (const r of start) {
          const key = r
            .filter((v) => v <= this.n)
            .sort((a, b) => a - b)
            .join(',');
          const j = index.get(key);
          if (j === undefined) ok = false;
          else x[j] = 1;
        }
        if (ok) model.setSolution({ colValue: x });
      }
      model.run();
      const x = model.getSolution().colValue;
      if (x.length !== numCols || !Number.isFinite(model.getObjectiveValue())) return null;
      const routes: number[][] = [];
      let cost = 0;
      const covered = new Uint8Array(this.n + 1);
      for (let j = 0; j < numCols; j++)
        if (x[j]! > 0.5) {
          routes.push(cols[j]!.seq.slice());
          cost += cols[j]!.cost;
          for (const i of cols[j]!.requests) covered[i] = (covered[i] ?? 0) + 1;
        }
      for (let i = 1; i <= this.n; i++) if (covered[i] !== 1) return null;
      if (routes.length > K) return null;
      return { routes, cost };
    } finally {
      model.dispose();
    }
  }
}
