import type { Network } from './network.ts';

/**
 * The arc-based multi-commodity flow model of the MDVSP, one commodity per depot:
 *   rows   cover_j (n):        Σ_k Σ_{arcs into j} x^k = 1
 *          flow_kj (m·n):      Σ_{arcs into j} x^k − Σ_{arcs out of j} x^k = 0
 *          cap_k (m):          Σ_j x^k(k → j) ≤ v_k
 *   columns an arc of depot k's copy of the network: pull-out k→j, trip i→j, pull-in i→k;
 *           plus one "uncovered" column per trip at a prohibitive cost, so every restricted model is feasible.
 * Only a subset of the trip→trip arcs is ever in the model: the rest are priced in by reduced cost.
 */
export const UNCOVERED_COST = 1_000_000;

export const enum ArcKind {
  Uncovered = 0,
  PullOut = 1,
  Link = 2,
  PullIn = 3,
}

export interface Column {
  kind: ArcKind;
  depot: number;
  /** tail trip (−1 for a pull-out or an uncovered column) */
  from: number;
  /** head trip (−1 for a pull-in) */
  to: number;
  cost: number;
}

export const coverRow = (_net: Network, j: number): number => j;
export const flowRow = (net: Network, k: number, j: number): number => net.trips + k * net.trips + j;
export const capRow = (net: Network, k: number): number => net.trips * (1 + net.depots) + k;
export const rowCount = (net: Network): number => net.trips * (1 + net.depots) + net.depots;

/** Rows and coefficients of a column (row indices ascending are not required by HiGHS within a column). */
export function columnEntries(net: Network, col: Column): { rows: number[]; values: number[] } {
  switch (col.kind) {
    case ArcKind.Uncovered:
      return { rows: [coverRow(net, col.to)], values: [1] };
    case ArcKind.PullOut:
      return {
        rows: [coverRow(net, col.to), flowRow(net, col.depot, col.to), capRow(net, col.depot)],
        values: [1, 1, 1],
      };
    case ArcKind.Link:
      return {
        rows: [coverRow(net, col.to), flowRow(net, col.depot, col.to), flowRow(net, col.depot, col.from)],
        values: [1, 1, -1],
      };
    case ArcKind.PullIn:
      return { rows: [flowRow(net, col.depot, col.from)], values: [-1] };
  }
}

/** Reduced cost c − aᵀy of a column for row duals y (HiGHS sign convention, minimisation). */
export function reducedCost(net: Network, col: Column, y: ArrayLike<number>): number {
  const { rows, values } = columnEntries(net, col);
  let rc = col.cost;
  for (let e = 0; e < rows.length; e++) rc -= (values[e] as number) * (y[rows[e] as number] as number);
  return rc;
}

/** Reduced cost of the link i→j of depot k (the arc at position a of the network's arc list). */
export function linkReducedCost(
  net: Network,
  k: number,
  i: number,
  j: number,
  cost: number,
  y: ArrayLike<number>,
): number {
  const n = net.trips;
  return cost - (y[j] as number) - (y[n + k * n + j] as number) + (y[n + k * n + i] as number);
}
