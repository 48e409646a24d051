import type { SolverOptions } from '../solver-options.ts';
import { parseMdvsp } from './instance.ts';
import { solveMdvsp } from './solve.ts';

export { parseMdvsp, VEHICLE_FIXED_COST, type MdvspInstance } from './instance.ts';
export { solveMdvsp, type MdvspSolution, type MdvspSolveOptions } from './solve.ts';

export interface MdvspResult {
  vehicles: number;
  cost: number;
  seconds: number;
  /** 0-based depot and trip indices as in the file */
  blocks: { depot: number; trips: number[] }[];
}

/** Solves a Pepin MDVSP instance given as the text of its .inp file (format: ../shared/benchmarks README). */
export async function solveMdvspText(text: string, options: SolverOptions): Promise<MdvspResult> {
  const started = Date.now();
  const inst = parseMdvsp(text);
  const s = await solveMdvsp(inst, { timeLimitSeconds: options.timeLimitSeconds, seed: options.seed });
  return { vehicles: s.vehicles, cost: s.cost, seconds: (Date.now() - started) / 1000, blocks: s.blocks };
}
