import { DomainError } from '../../../../kernel/errors.ts';
import type { SolverOptions } from '../solver-options.ts';
import { DarpAlns } from './alns.ts';
import { parseDarp, type DarpInstance } from './parse.ts';

export { parseDarp, type DarpInstance } from './parse.ts';

export interface DarpResult {
  cost: number;
  seconds: number;
  /** node numbers as in the file, each route from depot to depot */
  routes: number[][];
}

export interface DarpSolveOptions extends SolverOptions {
  /** stop after this many iterations: the same seed then gives the same answer on any machine */
  maxIterations?: number;
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
  };
}

/** Solves a Cordeau DARP instance given as the text of its file (format: ../shared/benchmarks README). */
export function solveDarpText(text: string, options: DarpSolveOptions): Promise<DarpResult> {
  try {
    return Promise.resolve(solveDarp(parseDarp(text), options));
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}
