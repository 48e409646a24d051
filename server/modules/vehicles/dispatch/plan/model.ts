/**
 * The planner's internal model: requests become jobs (one per leg a vehicle drives), vehicles and
 * drivers become crews, and the static rules (seats, category, sealing, pooling) become a
 * compatibility test.
 */
import type {
  LockedAssignment,
  PlanDriver,
  PlanInput,
  PlanOptions,
  PlanRequest,
  PlanVehicle,
  PlanWeights,
  Point,
  PoolingPolicy,
  TravelModel,
  UnservedReason,
} from './types.ts';

export const defaultWeights: PlanWeights = {
  vehicle: 30,
  emptyKm: 1,
  loadedKm: 0.2,
  lateMinute: 0.5,
  loan: 5,
  loanApproval: 40,
  unserved: 10_000,
};

export type Leg = 'outbound' | 'return';

export interface Job {
  index: number;
  request: PlanRequest;
  leg: Leg;
  pool: string;
  passengers: number;
  /** points driven through, in order: [pickup, …drop-offs] */
  path: Point[];
  /** waiting trips: the vehicle leaves the last drop-off not before this, back to path[0] */
  holdUntil: number | null;
  earliest: number;
  latest: number;
  latestArrival: number;
  serviceMs: number;
  /** set when locked: the crew that must keep it, and a fixed start for a started job */
  lockedCrew: number | null;
  fixedStart: number | null;
  /** locked: the crew stays busy with this job until then at least */
  busyUntil: number | null;
}

export interface Crew {
  index: number;
  vehicle: PlanVehicle;
  driver: PlanDriver;
  pool: string;
  start: number;
  end: number;
  /** driving allowed in this plan, seconds */
  driveBudget: number;
  maxContinuous: number;
  minRest: number;
}

export interface Settings {
  travel: TravelModel;
  weights: PlanWeights;
  maxLateMs: number;
  serviceMs: number;
  timeLimitSeconds: number;
  maxIterations: number;
  seed: number;
}

export interface Model {
  settings: Settings;
  jobs: Job[];
  crews: Crew[];
  pooling: NonNullable<PlanInput['pooling']>;
  /** jobs that cannot be planned at all (locked to an unknown crew) */
  rejected: { job: Job; reason: UnservedReason }[];
}

export function settingsOf(input: PlanInput, options: PlanOptions): Settings {
  return {
    travel: options.travel,
    weights: { ...defaultWeights, ...input.weights },
    maxLateMs: (options.maxLatenessMinutes ?? 15) * 60_000,
    serviceMs: (options.serviceMinutes ?? 2) * 60_000,
    timeLimitSeconds: options.timeLimitSeconds ?? 5,
    maxIterations: options.maxIterations ?? Infinity,
    seed: options.seed ?? 1,
  };
}

export function jobsOf(request: PlanRequest, settings: Settings, first: number): Job[] {
  const serviceMs =
    request.serviceMinutes !== undefined ? request.serviceMinutes * 60_000 : settings.serviceMs;
  const latest = request.latestPickup ?? request.earliestPickup + settings.maxLateMs;
  const base = {
    request,
    pool: request.pool,
    passengers: request.passengers,
    serviceMs,
    lockedCrew: null,
    fixedStart: null,
    busyUntil: null,
  };
  const dest = request.dropoffs.at(-1) ?? request.pickup;
  const out: Job[] = [
    {
      ...base,
      index: first,
      leg: 'outbound',
      path: [request.pickup, ...request.dropoffs],
      holdUntil: request.tripType === 'waiting' ? (request.returnAt ?? request.earliestPickup) : null,
      earliest: request.earliestPickup,
      latest,
      latestArrival: request.latestArrival ?? Infinity,
    },
  ];
  if (request.tripType === 'round_trip' && request.returnAt !== undefined)
    out.push({
      ...base,
      index: first + 1,
      leg: 'return',
      path: [dest, request.pickup],
      holdUntil: null,
      earliest: request.returnAt,
      latest: request.returnAt + settings.maxLateMs,
      latestArrival: Infinity,
    });
  return out;
}

/** Pairs drivers with vehicles: locked pairs first, then each driver's own vehicle, then by pool. */
export function crewsOf(input: PlanInput, options: PlanOptions): Crew[] {
  const vehicles = new Map(input.vehicles.map((v) => [v.id, v]));
  const drivers = new Map(input.drivers.map((d) => [d.id, d]));
  const usedV = new Set<string>();
  const usedD = new Set<string>();
  const pairs: [PlanVehicle, PlanDriver][] = [];
  const pair = (v: PlanVehicle | undefined, d: PlanDriver | undefined) => {
    if (!v || !d || usedV.has(v.id) || usedD.has(d.id)) return;
    usedV.add(v.id);
    usedD.add(d.id);
    pairs.push([v, d]);
  };
  for (const l of input.locked ?? []) pair(vehicles.get(l.vehicleId), drivers.get(l.driverId));
  for (const d of input.drivers) if (d.vehicleId) pair(vehicles.get(d.vehicleId), d);
  const freeByPool = new Map<string, PlanVehicle[]>();
  for (const v of [...input.vehicles].sort((a, b) => a.id.localeCompare(b.id)))
    if (!usedV.has(v.id)) freeByPool.set(v.pool, [...(freeByPool.get(v.pool) ?? []), v]);
  for (const d of [...input.drivers].sort((a, b) => a.id.localeCompare(b.id))) {
    if (usedD.has(d.id)) continue;
    const list = freeByPool.get(d.pool);
    // prefer unsealed vehicles for free drivers
    const k = list?.findIndex((v) => !v.sealed) ?? -1;
    const v = list && list.length ? list.splice(k >= 0 ? k : 0, 1)[0] : undefined;
    pair(v, d);
  }
  return pairs.map(([v, d], index) => ({
    index,
    vehicle: v,
    driver: d,
    pool: v.pool,
    start: Math.max(v.availableFrom, d.shiftStart),
    end: Math.min(v.availableUntil, d.shiftEnd),
    driveBudget: Math.max(0, d.maxDrivingMinutes - (d.drivenMinutes ?? 0)) * 60,
    maxContinuous: (d.maxContinuousDrivingMinutes ?? options.maxContinuousDrivingMinutes ?? 240) * 60,
    minRest: (d.minRestMinutes ?? options.minRestMinutes ?? 20) * 60_000,
  }));
}

export function policy(model: Model, lender: string, borrower: string): PoolingPolicy {
  if (lender === borrower) return 'automatic';
  return model.pooling[lender]?.[borrower] ?? 'never';
}

/** Static rules: may this crew serve this job at all? */
export function compatible(model: Model, job: Job, crew: Crew): boolean {
  if (job.lockedCrew !== null) return job.lockedCrew === crew.index;
  const v = crew.vehicle;
  if (v.seats < job.passengers) return false;
  if (job.request.category && job.request.category !== v.category) return false;
  if (v.sealed && !job.request.sealedApproved) return false;
  return policy(model, crew.pool, job.pool) !== 'never';
}

export function buildModel(input: PlanInput, options: PlanOptions): Model {
  const settings = settingsOf(input, options);
  const jobs: Job[] = [];
  for (const r of input.requests) jobs.push(...jobsOf(r, settings, jobs.length));
  const crews = crewsOf(input, options);
  const model: Model = { settings, jobs, crews, pooling: input.pooling ?? {}, rejected: [] };
  applyLocks(model, input.locked ?? []);
  return model;
}

export function applyLocks(model: Model, locked: LockedAssignment[]): void {
  for (const l of locked) {
    const job = model.jobs.find((j) => j.request.id === l.requestId && j.leg === (l.leg ?? 'outbound'));
    if (!job) continue;
    const crew = model.crews.find((c) => c.vehicle.id === l.vehicleId && c.driver.id === l.driverId);
    if (!crew) {
      model.rejected.push({ job, reason: 'locked_vehicle_unknown' });
      continue;
    }
    job.lockedCrew = crew.index;
    if (l.started) job.fixedStart = l.pickupAt ?? job.earliest;
    if (l.busyUntil !== undefined) job.busyUntil = l.busyUntil;
  }
}
