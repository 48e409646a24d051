import type { MdvspInstance } from './instance.ts';

/**
 * The connection network of an instance in solver-friendly arrays. Trips are numbered 0..n-1 here
 * (matrix node m + t). Trip→trip arcs are stored by tail, cheapest first; their costs do not depend on
 * the depot. Pull-out (depot k → trip j) and pull-in (trip i → depot k) costs are per depot, -1 when
 * the arc is missing.
 */
export interface Network {
  depots: number;
  trips: number;
  capacity: number[];
  /** arcs of trip i are outTo/outCost[outStart[i] .. outStart[i+1]) */
  outStart: Int32Array;
  outTo: Int32Array;
  outCost: Int32Array;
  /** pullOut[k * n + j]: depot k → trip j */
  pullOut: Int32Array;
  /** pullIn[k * n + i]: trip i → depot k */
  pullIn: Int32Array;
  /** the trips in an order where every arc goes forward (the compatibility graph is acyclic) */
  order: Int32Array;
}

export function buildNetwork(inst: MdvspInstance): Network {
  const m = inst.depots;
  const n = inst.trips;
  const size = m + n;
  const c = inst.cost;
  const outStart = new Int32Array(n + 1);
  const arcs: number[][] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const row = (m + i) * size + m;
    const list: number[] = [];
    for (let j = 0; j < n; j++) if ((c[row + j] as number) >= 0 && i !== j) list.push(j);
    list.sort((a, b) => (c[row + a] as number) - (c[row + b] as number) || a - b);
    arcs.push(list);
    total += list.length;
  }
  const outTo = new Int32Array(total);
  const outCost = new Int32Array(total);
  let at = 0;
  for (let i = 0; i < n; i++) {
    outStart[i] = at;
    const row = (m + i) * size + m;
    for (const j of arcs[i] as number[]) {
      outTo[at] = j;
      outCost[at] = c[row + j] as number;
      at++;
    }
  }
  outStart[n] = at;
  const pullOut = new Int32Array(m * n);
  const pullIn = new Int32Array(m * n);
  for (let k = 0; k < m; k++) {
    for (let t = 0; t < n; t++) {
      pullOut[k * n + t] = c[k * size + m + t] as number;
      pullIn[k * n + t] = c[(m + t) * size + k] as number;
    }
  }
  return {
    depots: m,
    trips: n,
    capacity: inst.capacity,
    outStart,
    outTo,
    outCost,
    pullOut,
    pullIn,
    order: topoOrder(n, outStart, outTo),
  };
}

/** Kahn's algorithm; a cycle (impossible for time-feasible trips) leaves its trips at the end in index order. */
function topoOrder(n: number, outStart: Int32Array, outTo: Int32Array): Int32Array {
  const indeg = new Int32Array(n);
  for (let a = 0; a < outTo.length; a++) indeg[outTo[a] as number]!++;
  const order = new Int32Array(n);
  const placed = new Uint8Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) if (indeg[i] === 0) order[tail++] = i;
  while (head < tail) {
    const i = order[head++] as number;
    placed[i] = 1;
    for (let a = outStart[i] as number; a < (outStart[i + 1] as number); a++) {
      const j = outTo[a] as number;
      if (--indeg[j]! === 0) order[tail++] = j;
    }
  }
  for (let i = 0; i < n && tail < n; i++) if (!placed[i] && indeg[i]! > 0) order[tail++] = i;
  return order;
}

/**
 * The fewest vehicles that can cover all trips ignoring depots: trips minus a maximum matching of the
 * compatibility graph (Hopcroft–Karp). A lower bound on the fleet of every solution.
 */
export function minimumFleet(net: Network): number {
  return maximumMatching(net).fleet;
}

/** A maximum matching of the compatibility graph: `next[i]` is the trip after i in its chain, or -1. */
export function maximumMatching(net: Network): { fleet: number; next: Int32Array } {
  const n = net.trips;
  const matchL = new Int32Array(n).fill(-1);
  const matchR = new Int32Array(n).fill(-1);
  const dist = new Int32Array(n);
  const queue = new Int32Array(n);
  const INF = 1 << 30;
  const bfs = (): boolean => {
    let h = 0;
    let t = 0;
    let found = false;
    for (let u = 0; u < n; u++) {
      if (matchL[u] === -1) {
        dist[u] = 0;
        queue[t++] = u;
      } else dist[u] = INF;
    }
    while (h < t) {
      const u = queue[h++] as number;
      for (let a = net.outStart[u] as number; a < (net.outStart[u + 1] as number); a++) {
        const w = matchR[net.outTo[a] as number] as number;
        if (w === -1) found = true;
        else if (dist[w] === INF) {
          dist[w] = (dist[u] as number) + 1;
          queue[t++] = w;
        }
      }
    }
    return found;
  };
  const dfs = (u: number): boolean => {
    for (let a = net.outStart[u] as number; a < (net.outStart[u + 1] as number); a++) {
      const v = net.outTo[a] as number;
      const w = matchR[v] as number;
      if (w === -1 || (dist[w] === (dist[u] as number) + 1 && dfs(w))) {
        matchL[u] = v;
        matchR[v] = u;
        return true;
      }
    }
    dist[u] = INF;
    return false;
  };
  // start from the cheapest links taken greedily, so that the chains are cheap as well as few
  let matching = 0;
  const byCost = Array.from({ length: net.outTo.length }, (_, a) => a).sort(
    (p, q) => (net.outCost[p] as number) - (net.outCost[q] as number) || p - q,
  );
  const tail = new Int32Array(net.outTo.length);
  for (let i = 0; i < n; i++)
    for (let a = net.outStart[i] as number; a < (net.outStart[i + 1] as number); a++) tail[a] = i;
  for (const a of byCost) {
    const u = tail[a] as number;
    const v = net.outTo[a] as number;
    if (matchL[u] === -1 && matchR[v] === -1) {
      matchL[u] = v;
      matchR[v] = u;
      matching++;
    }
  }
  while (bfs()) for (let u = 0; u < n; u++) if (matchL[u] === -1 && dfs(u)) matching++;
  return { fleet: n - matching, next: matchL };
}
