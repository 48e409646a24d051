/** What every benchmark solver takes: a wall-clock budget and a seed (same seed, same answer). */
export interface SolverOptions {
  timeLimitSeconds: number;
  seed: number;
}
