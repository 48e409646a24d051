/** From the search's solution to the Plan the vehicles module shows and stores. */
import { compatible, policy, type Job, type Model } from './model.ts';
import { simulate, stopsOf, type Timed } from './route.ts';
import type { Solution } from './search.ts';
import type { Loan, Plan, PlannedRoute, UnservedReason } from './types.ts';

export function diagnose(model: Model, job: Job, sol?: Solution): UnservedReason {
  const crews = model.crews;
  const seats = crews.filter((c) => c.vehicle.seats >= job.passengers);
  if (!seats.length) return 'no_vehicle_with_seats';
  const cat = job.request.category;
  const kind = seats.filter((c) => !cat || c.vehicle.category === cat);
  if (!kind.length) return 'no_vehicle_of_category';
  const open = kind.filter((c) => !c.vehicle.sealed || job.request.sealedApproved);
  if (!open.length) return 'vehicle_sealed';
  const allowed = open.filter((c) => compatible(model, job, c));
  if (!allowed.length) return job.lockedCrew !== null ? 'locked_vehicle_unknown' : 'no_pool_allowed';
  // on an idle vehicle of its own: the request's times or the driving it needs rule it out
  if (!allowed.some((c) => simulate(model, c, [job]).feasible))
    return allowed.some((c) => simulate(model, c, [job], undefined, true).feasible)
      ? 'driver_hours'
      : 'time_window';
  // it would fit on its own, so the suitable crews are busy: say driver hours when only they stand in
  // the way of a place in the plan
  if (sol)
    for (const c of allowed) {
      const route = sol.routes[c.index]!;
      for (let p = 0; p <= route.length; p++) {
        const trial = [...route.slice(0, p), job, ...route.slice(p)];
        if (simulate(model, c, trial, undefined, true).feasible && !simulate(model, c, trial).feasible)
          return 'driver_hours';
      }
    }
  return 'no_capacity_left';
}

export function toPlan(model: Model, sol: Solution, seconds: number): Plan {
  const routes: PlannedRoute[] = [];
  const loans: Loan[] = [];
  let km = 0;
  let emptyKm = 0;
  let late = 0;
  sol.routes.forEach((jobs, ci) => {
    if (!jobs.length) return;
    const crew = model.crews[ci]!;
    const timed: Timed = { leave: [], arrive: [], start: [], end: [], backAt: 0 };
    const sim = simulate(model, crew, jobs, timed);
    const requestIds: string[] = [];
    for (const j of jobs) if (!requestIds.includes(j.request.id)) requestIds.push(j.request.id);
    for (const j of jobs) {
      if (j.pool === crew.pool) continue;
      let m = 0;
      for (let s = 1; s < j.path.length; s++) m += model.settings.travel.distance(j.path[s - 1]!, j.path[s]!);
      if (j.holdUntil !== null) m += model.settings.travel.distance(j.path[j.path.length - 1]!, j.path[0]!);
      loans.push({
        requestId: j.request.id,
        leg: j.leg,
        vehicleId: crew.vehicle.id,
        fromPool: crew.pool,
        toPool: j.pool,
        needsApproval: policy(model, crew.pool, j.pool) === 'approval',
        km: m / 1000,
      });
    }
    const r: PlannedRoute = {
      vehicleId: crew.vehicle.id,
      driverId: crew.driver.id,
      pool: crew.pool,
      stops: stopsOf(model, crew, jobs, timed),
      requestIds,
      km: (sim.emptyM + sim.loadedM) / 1000,
      emptyKm: sim.emptyM / 1000,
      drivingMinutes: sim.driveSec / 60,
      lateMinutes: sim.lateMs / 60_000,
    };
    km += r.km;
    emptyKm += r.emptyKm;
    late += r.lateMinutes;
    routes.push(r);
  });
  const unserved = [
    ...model.rejected.map(({ job, reason }) => ({ requestId: job.request.id, leg: job.leg, reason })),
    ...[...sol.unserved]
      .sort((a, b) => a.index - b.index)
      .map((job) => ({ requestId: job.request.id, leg: job.leg, reason: diagnose(model, job, sol) })),
  ];
  const requests = new Set(model.jobs.map((j) => j.request.id));
  const failed = new Set(unserved.map((u) => u.requestId));
  return {
    routes,
    unserved,
    loans,
    figures: {
      vehiclesUsed: routes.length,
      requests: requests.size,
      served: [...requests].filter((id) => !failed.has(id)).length,
      km,
      emptyKm,
      lateMinutes: late,
      loans: loans.length,
      loansNeedingApproval: loans.filter((l) => l.needsApproval).length,
      cost: sol.total() + model.rejected.length * model.settings.weights.unserved,
      seconds,
    },
  };
}
