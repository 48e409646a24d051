import type { Highs } from 'highs';
import { DomainError } from '../../../../kernel/errors.ts';
import type { SolverOptions } from '../solver-options.ts';
import { DarpAlns } from './alns.ts';
import { parseDarp, type DarpInstance } from './parse.ts';
import { loadHighs } from './pool.ts';

export { parseDarp, type DarpInstance } from './parse.ts';
export { loadHighs } from './pool.ts';

export interface DarpResult {
  cost: number;
  seconds: number;
  /** node numbers as in the file, each route from depot to depot */
  routes: number[][];
  /** ALNS iterations done */
  iterations: number;
}

export interface DarpSolveOptions extends SolverOptions {
  /** stop after this many iterations: the same seed then gives the same answer on any machine */
  maxIterations?: number;
  /** HiGHS runtime (`loadHighs()`): enables set-partitioning recombination over the routes found */
  highs?: Highs;
}

/** Solves a parsed Cordeau DARP instance. */
export function solveDarp(inst: DarpInstance, options: DarpSolveOptions): DarpResult {
  const t0 = performance.now();
  const res = new DarpAlns(inst, options.seed).solve(options);
  if (res.unserved.length > 0)
    throw new DomainError('darp_infeasible', 'invalid', {
      'zh-CN': `未能为 ${res.unserved.length} 个请求找到可行安排`,
      en: `no feasible placement found for ${res.unserved.length} requests`,
    });
  const end = 2 * inst.requests + 1;
  return {
    cost: res.cost,
    seconds: (performance.now() - t0) / 1000,
    routes: res.routes.map((r) => [0, ...r, end]),
    iterations: res.iterations,
  };
}

/**
 * Solves a Cordeau DARP instance given as the text of its file (format: ../shared/benchmarks README),
 * with set-partitioning recombination over the routes found (HiGHS loaded here) unless `recombine: false`.
 */
export async function solveDarpText(
  text: string,
  options: DarpSolveOptions & { recombine?: boolean },
): Promise<DarpResult> {
  const inst = parseDarp(text);
  const highs = options.recombine === false ? undefined : (options.highs ?? (await loadHighs()));
  return solveDarp(inst, { ...options, highs });
}
