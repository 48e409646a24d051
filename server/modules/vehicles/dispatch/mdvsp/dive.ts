import type { ArcLp } from './lp.ts';
import { blocksFrom, type Block } from './mip.ts';
import { ArcKind } from './model.ts';
import type { Network } from './network.ts';

const EPS = 1e-6;

export interface DiveResult {
  blocks: Block[] | null;
  rounds: number;
  backtracks: number;
}

/**
 * LP diving: repeatedly fix the arcs the LP is most sure of to 1 (every fractional arc ≥ `sure`, else
 * the largest few) and re-solve warm with pricing, until the LP solution is integral. A fix that forces
 * a trip out (the uncovered column comes in) is undone and its arcs are forbidden instead.
 */
export function dive(lp: ArcLp, net: Network, deadline: number, sure = 0.8, few = 3): DiveResult {
  let rounds = 0;
  let backtracks = 0;
  let lastFixed: number[] = [];
  const fixed = new Set<number>();
  while (Date.now() < deadline) {
    const uncovered =
      !lp.optimal || lp.columns.some((c, i) => c.kind === ArcKind.Uncovered && (lp.x[i] ?? 0) > EPS);
    if (uncovered) {
      if (Date.now() >= deadline) break;
      if (lastFixed.length === 0) return { blocks: null, rounds, backtracks };
      for (const c of lastFixed) {
        lp.bound(c, 0, 0);
        fixed.delete(c);
      }
      backtracks++;
      lastFixed = [];
      lp.solve(deadline);
      continue;
    }
    const frac: number[] = [];
    lp.columns.forEach((c, i) => {
      const v = lp.x[i] as number;
      if (c.kind !== ArcKind.Uncovered && v > EPS && v < 1 - EPS && !fixed.has(i)) frac.push(i);
    });
    if (frac.length === 0) return { blocks: blocksFrom(net, lp.columns, lp.x), rounds, backtracks };
    frac.sort((a, b) => (lp.x[b] as number) - (lp.x[a] as number) || a - b);
    let pick = frac.filter((i) => (lp.x[i] as number) >= sure);
    if (pick.length === 0) pick = frac.slice(0, few);
    for (const c of pick) {
      lp.bound(c, 1, Infinity);
      fixed.add(c);
    }
    lastFixed = pick;
    rounds++;
    lp.solve(deadline);
  }
  return { blocks: null, rounds, backtracks };
}
