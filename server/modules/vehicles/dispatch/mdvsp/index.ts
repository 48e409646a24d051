import { DomainError } from '../../../../kernel/errors.ts';
import type { SolverOptions } from '../solver-options.ts';

export interface MdvspResult {
  vehicles: number;
  cost: number;
  seconds: number;
  /** 0-based depot and trip indices as in the file */
  blocks: { depot: number; trips: number[] }[];
}

/** Solves a Pepin MDVSP instance given as the text of its .inp file (format: ../shared/benchmarks README). */
export function solveMdvspText(_text: string, _options: SolverOptions): Promise<MdvspResult> {
  return Promise.reject(
    new DomainError('mdvsp_solver_unavailable', 'invalid', {
      'zh-CN': 'MDVSP 求解器尚未提供',
      en: 'the MDVSP solver is not available yet',
    }),
  );
}
