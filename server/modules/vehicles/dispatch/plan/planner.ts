import type { InsertResult, Plan, PlanInput, PlanOptions, PlanRequest } from './types.ts';

/** Plans every request of the input (not implemented yet: lands next). */
export function planDay(_input: PlanInput, _options: PlanOptions): Promise<Plan> {
  return Promise.reject(new Error('planDay: not implemented yet'));
}

/** Inserts one request into an accepted plan at its cheapest feasible place (not implemented yet). */
export function insertRequest(
  _plan: Plan,
  _input: PlanInput,
  _request: PlanRequest,
  _options: PlanOptions,
): Promise<InsertResult> {
  return Promise.reject(new Error('insertRequest: not implemented yet'));
}

/** Re-plans keeping input.locked (not implemented yet). */
export function replan(_previous: Plan, _input: PlanInput, _options: PlanOptions): Promise<Plan> {
  return Promise.reject(new Error('replan: not implemented yet'));
}
