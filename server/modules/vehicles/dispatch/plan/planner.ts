/** planDay / insertRequest / replan: see ./types.ts for the contract. */
import { seededRandom } from '../random.ts';
import { buildModel, type Job, type Model } from './model.ts';
import { toPlan } from './output.ts';
import { simulate } from './route.ts';
import { construct, improve, Solution } from './search.ts';
import type { InsertResult, Plan, PlanInput, PlanOptions, PlanRequest, Point } from './types.ts';

function points(input: PlanInput): Point[] {
  const out: Point[] = input.vehicles.map((v) => v.depot);
  for (const r of input.requests) out.push(r.pickup, ...r.dropoffs);
  return out;
}

function plannable(model: Model): Job[] {
  const rejected = new Set(model.rejected.map((r) => r.job));
  return model.jobs.filter((j) => !rejected.has(j));
}

/** Plans every request of the input from scratch. */
export async function planDay(input: PlanInput, options: PlanOptions): Promise<Plan> {
  const t0 = performance.now();
  await options.travel.prepare?.(points(input));
  const model = buildModel(input, options);
  const sol = construct(model, plannable(model));
  const deadline = t0 + model.settings.timeLimitSeconds * 1000;
  const best = improve(sol, deadline, seededRandom(model.settings.seed));
  return toPlan(model, best, (performance.now() - t0) / 1000);
}

/** Puts the jobs of a previous plan back into a fresh solution (those that no longer fit are returned). */
function restore(model: Model, previous: Plan, jobs: Job[]): { sol: Solution; rest: Job[] } {
  const sol = new Solution(model);
  const byKey = new Map(jobs.map((j) => [`${j.request.id}|${j.leg}`, j]));
  const crewOf = new Map(model.crews.map((c) => [`${c.vehicle.id}|${c.driver.id}`, c.index]));
  const placed = new Set<Job>();
  for (const route of previous.routes) {
    const ci = crewOf.get(`${route.vehicleId}|${route.driverId}`);
    if (ci === undefined) continue;
    for (const stop of route.stops) {
      if (stop.kind !== 'pickup' || !stop.requestId) continue;
      const job = byKey.get(`${stop.requestId}|${stop.leg ?? 'outbound'}`);
      if (!job || placed.has(job) || (job.lockedCrew !== null && job.lockedCrew !== ci)) continue;
      sol.routes[ci]!.push(job);
      placed.add(job);
    }
  }
  const rest: Job[] = jobs.filter((j) => !placed.has(j));
  // drop what became infeasible (changed times, new locks), latest unlocked job first
  sol.routes.forEach((route, ci) => {
    const crew = model.crews[ci]!;
    for (;;) {
      const sim = simulate(model, crew, route);
      if (sim.feasible) {
        sol.cost[ci] = sim.cost;
        return;
      }
      const k = route.findLastIndex((j) => j.lockedCrew === null);
      if (k < 0) break;
      rest.push(...route.splice(k, 1));
    }
    // only locked jobs left and still over a limit: keep them (they are on the road), priced loosely
    const loose = simulate(model, crew, route, undefined, true);
    sol.cost[ci] = Number.isFinite(loose.cost) ? loose.cost : model.settings.weights.vehicle;
  });
  return { sol, rest };
}

/**
 * Inserts one request (its one or two jobs) into an accepted plan at the cheapest feasible place,
 * moving nothing else. `input` is the plan's input; the request is added if it is not there yet.
 */
export async function insertRequest(
  plan: Plan,
  input: PlanInput,
  request: PlanRequest,
  options: PlanOptions,
): Promise<InsertResult> {
  const t0 = performance.now();
  const full: PlanInput = input.requests.some((r) => r.id === request.id)
    ? input
    : { ...input, requests: [...input.requests, request] };
  await options.travel.prepare?.(points(full)); // a prepared model fetches only what is new
  const model = buildModel(full, options);
  const jobs = plannable(model);
  const mine = jobs.filter((j) => j.request.id === request.id);
  const { sol, rest } = restore(
    model,
    plan,
    jobs.filter((j) => j.request.id !== request.id),
  );
  for (const j of rest) sol.unserved.add(j);
  const routeCost = () => sol.cost.reduce((a, b) => a + b, 0);
  const before = routeCost();
  sol.repair(mine);
  const inserted = mine.every((j) => !sol.unserved.has(j));
  return {
    plan: toPlan(model, sol, (performance.now() - t0) / 1000),
    inserted,
    deltaCost: routeCost() - before,
  };
}

/**
 * Re-plans after requests arrived, changed or were cancelled: starts from the previous plan, keeps
 * every locked (accepted or started) job on its crew, places the rest and improves within the budget.
 */
export async function replan(previous: Plan, input: PlanInput, options: PlanOptions): Promise<Plan> {
  const t0 = performance.now();
  await options.travel.prepare?.(points(input));
  const model = buildModel(input, options);
  const { sol, rest } = restore(model, previous, plannable(model));
  sol.repair(rest.sort((a, b) => a.earliest - b.earliest || a.index - b.index));
  const deadline = t0 + model.settings.timeLimitSeconds * 1000;
  const best = improve(sol, deadline, seededRandom(model.settings.seed));
  return toPlan(model, best, (performance.now() - t0) / 1000);
}
