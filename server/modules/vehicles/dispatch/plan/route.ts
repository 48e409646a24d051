/**
 * One crew's day: drive empty to each job, serve it, drive back to the depot. `simulate` checks the
 * time windows, the crew's availability and the driver's hours and prices the route by the weights.
 */
import { compatible, policy, type Crew, type Job, type Model } from './model.ts';
import type { PlannedStop, Point } from './types.ts';

export interface Simulation {
  feasible: boolean;
  /** why not, when infeasible */
  reason?: 'time_window' | 'driver_hours';
  cost: number;
  emptyM: number;
  loadedM: number;
  driveSec: number;
  lateMs: number;
  loans: number;
  loansApproval: number;
}

export interface Timed {
  /** per job: leave previous place, arrive at pickup, start service, end (free again) */
  leave: number[];
  arrive: number[];
  start: number[];
  end: number[];
  backAt: number;
}

const INFEASIBLE = (reason: 'time_window' | 'driver_hours'): Simulation => ({
  feasible: false,
  reason,
  cost: Infinity,
  emptyM: 0,
  loadedM: 0,
  driveSec: 0,
  lateMs: 0,
  loans: 0,
  loansApproval: 0,
});

/**
 * Simulates jobs (in order) for a crew. `timed` receives the schedule when given. With
 * `ignoreHours`, driver-hour limits are not checked (used to tell the reason of a failure).
 */
export function simulate(
  model: Model,
  crew: Crew,
  jobs: readonly Job[],
  timed?: Timed,
  ignoreHours = false,
): Simulation {
  const { travel, weights } = model.settings;
  if (jobs.length === 0)
    return {
      feasible: true,
      cost: 0,
      emptyM: 0,
      loadedM: 0,
      driveSec: 0,
      lateMs: 0,
      loans: 0,
      loansApproval: 0,
    };
  let t = crew.start;
  let at: Point = crew.vehicle.depot;
  let emptyM = 0;
  let loadedM = 0;
  let drive = 0;
  let cont = 0;
  let lateMs = 0;
  let loans = 0;
  let loansApproval = 0;
  const hoursOk = () => ignoreHours || (drive <= crew.driveBudget && cont <= crew.maxContinuous);
  const rest = (gapMs: number) => {
    if (gapMs >= crew.minRest) cont = 0;
  };
  for (let k = 0; k < jobs.length; k++) {
    const job = jobs[k]!;
    const from = at;
    const pickup = job.path[0]!;
    const tt = travel.time(from, pickup, t) * 1000;
    let arrive = t + tt;
    // a job already on the road keeps its times: nothing new may run into it
    if (job.fixedStart !== null && t > job.fixedStart && jobs.slice(0, k).some((j) => j.lockedCrew === null))
      return INFEASIBLE('time_window');
    const start = job.fixedStart ?? Math.max(arrive, job.earliest);
    if (job.fixedStart === null && start > job.latest) return INFEASIBLE('time_window');
    if (job.fixedStart !== null && arrive > start) arrive = start; // on the road already
    // idle time before the pickup: long enough, it holds a rest — taken where it helps most (on the
    // way or at the pickup), so that continuous driving is what is left of this drive after the rest
    const idle = start - (t + tt);
    const rests = idle >= crew.minRest;
    // the latest departure (the driver may leave earlier to rest at the pickup)
    const leave = Math.max(t, start - tt);
    emptyM += travel.distance(from, pickup);
    drive += tt / 1000;
    cont = rests ? Math.max(0, cont + tt / 1000 - crew.maxContinuous) : cont + tt / 1000;
    if (!hoursOk()) return INFEASIBLE('driver_hours');
    lateMs += Math.max(0, start - job.earliest);
    // serve the job
    let now = start + job.serviceMs;
    for (let s = 1; s < job.path.length; s++) {
      const a = job.path[s - 1]!;
      const b = job.path[s]!;
      const dt = travel.time(a, b, now) * 1000;
      loadedM += travel.distance(a, b);
      drive += dt / 1000;
      cont += dt / 1000;
      now += dt + job.serviceMs;
    }
    if (now - job.serviceMs > job.latestArrival) return INFEASIBLE('time_window');
    if (job.holdUntil !== null) {
      const leaveBack = Math.max(now, job.holdUntil);
      rest(leaveBack - now);
      const a = job.path[job.path.length - 1]!;
      const b = job.path[0]!;
      const dt = travel.time(a, b, leaveBack) * 1000;
      loadedM += travel.distance(a, b);
      drive += dt / 1000;
      cont += dt / 1000;
      now = leaveBack + dt + job.serviceMs;
    }
    if (!hoursOk()) return INFEASIBLE('driver_hours');
    if (job.busyUntil !== null) now = Math.max(now, job.busyUntil);
    if (job.pool !== crew.pool) {
      if (policy(model, crew.pool, job.pool) === 'approval') loansApproval++;
      else loans++;
    }
    if (timed) {
      timed.leave[k] = leave;
      timed.arrive[k] = arrive;
      timed.start[k] = start;
      timed.end[k] = now;
    }
    t = now;
    at = job.holdUntil !== null ? job.path[0]! : job.path[job.path.length - 1]!;
  }
  const home = travel.time(at, crew.vehicle.depot, t) * 1000;
  emptyM += travel.distance(at, crew.vehicle.depot);
  drive += home / 1000;
  // a rest on the way home when there is time for it before the vehicle is due back
  cont =
    crew.end - (t + home) >= crew.minRest
      ? Math.max(0, cont + home / 1000 - crew.maxContinuous)
      : cont + home / 1000;
  if (t + home > crew.end) return INFEASIBLE('time_window');
  if (!hoursOk()) return INFEASIBLE('driver_hours');
  if (timed) timed.backAt = t + home;
  const cost =
    weights.vehicle +
    (weights.emptyKm * emptyM) / 1000 +
    (weights.loadedKm * loadedM) / 1000 +
    (weights.lateMinute * lateMs) / 60_000 +
    weights.loan * loans +
    weights.loanApproval * loansApproval;
  return { feasible: true, cost, emptyM, loadedM, driveSec: drive, lateMs, loans, loansApproval };
}

/** The stops of a simulated route, for the Plan. */
export function stopsOf(model: Model, crew: Crew, jobs: readonly Job[], timed: Timed): PlannedStop[] {
  const { travel } = model.settings;
  const depot = crew.vehicle.depot;
  const stops: PlannedStop[] = [];
  const first = timed.leave[0] ?? crew.start;
  stops.push({ kind: 'start', point: depot, arrive: first, start: first, depart: first, load: 0 });
  jobs.forEach((job, k) => {
    const start = timed.start[k]!;
    let now = start + job.serviceMs;
    const id = job.request.id;
    stops.push({
      kind: 'pickup',
      requestId: id,
      leg: job.leg,
      point: job.path[0]!,
      arrive: timed.arrive[k]!,
      start,
      depart: now,
      load: job.passengers,
    });
    for (let s = 1; s < job.path.length; s++) {
      const arrive = now + travel.time(job.path[s - 1]!, job.path[s]!, now) * 1000;
      now = arrive + job.serviceMs;
      const last = s === job.path.length - 1;
      stops.push({
        kind: 'dropoff',
        requestId: id,
        leg: job.leg,
        point: job.path[s]!,
        arrive,
        start: arrive,
        depart: last && job.holdUntil !== null ? Math.max(now, job.holdUntil) : now,
        load: last ? 0 : job.passengers,
      });
    }
    if (job.holdUntil !== null) {
      const leaveBack = Math.max(now, job.holdUntil);
      const back = leaveBack + travel.time(job.path[job.path.length - 1]!, job.path[0]!, leaveBack) * 1000;
      stops.push({
        kind: 'dropoff',
        requestId: id,
        leg: 'return',
        point: job.path[0]!,
        arrive: back,
        start: back,
        depart: back + job.serviceMs,
        load: 0,
      });
    }
  });
  stops.push({
    kind: 'end',
    point: depot,
    arrive: timed.backAt,
    start: timed.backAt,
    depart: timed.backAt,
    load: 0,
  });
  return stops;
}

export { compatible };
