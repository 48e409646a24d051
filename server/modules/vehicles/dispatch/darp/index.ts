import { DomainError } from '../../../../kernel/errors.ts';
import type { SolverOptions } from '../solver-options.ts';

export interface DarpResult {
  cost: number;
  seconds: number;
  /** node numbers as in the file, each route from depot to depot */
  routes: number[][];
}

/** Solves a Cordeau DARP instance given as the text of its file (format: ../shared/benchmarks README). */
export function solveDarpText(_text: string, _options: SolverOptions): Promise<DarpResult> {
  return Promise.reject(
    new DomainError('darp_solver_unavailable', 'invalid', {
      'zh-CN': 'DARP 求解器尚未提供',
      en: 'the DARP solver is not available yet',
    }),
  );
}
