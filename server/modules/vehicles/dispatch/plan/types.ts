/**
 * The city-scale planning API for automated dispatch (issue 3, items 6 and 7). Pure and DB-free: the
 * vehicles module reads requests, vehicles, drivers and pooling policies from its tables, calls
 * `planDay` / `insertRequest` / `replan` (./index.ts) and shows or stores the Plan it gets back.
 *
 * Conventions
 * - Times are epoch milliseconds (`Date.getTime()`); durations in the options are minutes.
 * - Distances in the figures are kilometres; the travel model works in metres and seconds.
 * - A "pool" is a jurisdiction's vehicle pool: use the jurisdiction id.
 * - Each request is an atomic job for one vehicle and one driver: official cars do not mix passengers
 *   of different requests. A vehicle serves its jobs one after another, driving empty in between.
 * - Trip types:
 *   one_way    pickup → drop-off(s); the vehicle is free at the last drop-off.
 *   round_trip two legs: outbound (pickup → drop-offs) and, if `returnAt` is set, a return leg from the
 *              last drop-off back to the pickup point starting at `returnAt`. The legs are planned as
 *              two jobs (any vehicles may serve them; the vehicle is free in between).
 *   waiting    the vehicle waits at the last drop-off until `returnAt` and drives the passengers back:
 *              one job, the vehicle is busy from pickup to return.
 * - Pooling: `pooling[lender][borrower]` (ordered pair of pools, default 'never'; a pool always serves
 *   its own requests). 'automatic' loans carry `weights.loan`, 'approval' loans `weights.loanApproval`
 *   and are listed in `plan.loans` with `needsApproval: true` (the dispatcher asks the lender first).
 * - Locked assignments (accepted or started trips) stay on their vehicle and driver in `replan` and
 *   `insertRequest`; a started job keeps its planned times.
 */
import type { Point, TravelModel } from '../travel/types.ts';

export type { Point, TravelModel };

export type PoolId = string;
export type PoolingPolicy = 'never' | 'approval' | 'automatic';
export type TripType = 'one_way' | 'round_trip' | 'waiting';
/** GLOSSARY.md vehicle categories. */
export type VehicleCategory =
  'confidential_comms' | 'emergency' | 'law_enforcement' | 'special_technical' | 'general';

export interface PlanRequest {
  id: string;
  /** the requesting unit's jurisdiction */
  pool: PoolId;
  passengers: number;
  pickup: Point;
  /** one or more destinations, visited in this order */
  dropoffs: Point[];
  /** requested departure: service at the pickup starts no earlier */
  earliestPickup: number;
  /** hard latest pickup start; default earliestPickup + options.maxLatenessMinutes */
  latestPickup?: number;
  /** hard latest arrival at the last drop-off (outbound leg) */
  latestArrival?: number;
  tripType: TripType;
  /** round_trip: start of the return leg; waiting: when the waiting vehicle leaves the destination */
  returnAt?: number;
  /** the request needs this category (null/undefined: any category) */
  category?: VehicleCategory | null;
  /** boarding / alighting minutes at each stop; default options.serviceMinutes */
  serviceMinutes?: number;
  /** a special approval lets this request use a sealed vehicle */
  sealedApproved?: boolean;
}

export interface PlanVehicle {
  id: string;
  pool: PoolId;
  /** passenger seats (driver excluded) */
  seats: number;
  category: VehicleCategory;
  depot: Point;
  /** the vehicle may leave its depot at / must be back by (epoch ms) */
  availableFrom: number;
  availableUntil: number;
  /** sealed (holiday sealing): only requests with `sealedApproved` may use it */
  sealed?: boolean;
}

export interface PlanDriver {
  id: string;
  pool: PoolId;
  /** the driver's own vehicle (a fixed crew); otherwise the planner pairs drivers and vehicles by pool */
  vehicleId?: string;
  shiftStart: number;
  shiftEnd: number;
  /** daily maximum driving (loaded + empty), minutes */
  maxDrivingMinutes: number;
  /** continuous driving above this needs a rest first; default options.maxContinuousDrivingMinutes */
  maxContinuousDrivingMinutes?: number;
  /** minimum rest that resets continuous driving, minutes; default options.minRestMinutes */
  minRestMinutes?: number;
  /** driving already done today before the plan (e.g. in replan), minutes */
  drivenMinutes?: number;
}

/** An accepted or started trip that planning must keep on this vehicle and driver. */
export interface LockedAssignment {
  requestId: string;
  /** which job of a round_trip: 'outbound' (default) or 'return' */
  leg?: 'outbound' | 'return';
  vehicleId: string;
  driverId: string;
  /** started: keeps its times too (the vehicle is on the road) */
  started?: boolean;
  /** planned/actual pickup start for a started job (epoch ms) */
  pickupAt?: number;
  /** the vehicle and driver are booked for this job until then (the trip's booked end, epoch ms) */
  busyUntil?: number;
}

export interface PlanWeights {
  /** cost units per vehicle used (one unit = one km) */
  vehicle: number;
  /** per empty km (depot → first pickup, between jobs, back to the depot) */
  emptyKm: number;
  /** per loaded km */
  loadedKm: number;
  /** per minute of pickup after the requested departure */
  lateMinute: number;
  /** per automatic loan / per loan that needs approval */
  loan: number;
  loanApproval: number;
  /** per unserved request (must dominate everything else) */
  unserved: number;
}

export interface PlanInput {
  requests: PlanRequest[];
  vehicles: PlanVehicle[];
  drivers: PlanDriver[];
  /** pooling[lender][borrower]; missing pairs are 'never' */
  pooling?: Record<PoolId, Record<PoolId, PoolingPolicy>>;
  locked?: LockedAssignment[];
  weights?: Partial<PlanWeights>;
}

export interface PlanOptions {
  travel: TravelModel;
  /** wall-clock budget for improvement after construction; default 5 s */
  timeLimitSeconds?: number;
  /** default 1: same seed and input, same plan (with maxIterations: on any machine) */
  seed?: number;
  /** stop improving after this many iterations as well */
  maxIterations?: number;
  /** default 15: how late a pickup may start when the request gives no latestPickup */
  maxLatenessMinutes?: number;
  /** default 2 */
  serviceMinutes?: number;
  /** defaults 240 and 20 (continuous driving limit, rest that resets it) */
  maxContinuousDrivingMinutes?: number;
  minRestMinutes?: number;
}

export type StopKind = 'start' | 'pickup' | 'dropoff' | 'end';

export interface PlannedStop {
  kind: StopKind;
  /** for pickup/dropoff: the request and its leg */
  requestId?: string;
  leg?: 'outbound' | 'return';
  point: Point;
  /** arrival, start of service and departure (epoch ms) */
  arrive: number;
  start: number;
  depart: number;
  /** passengers on board after this stop */
  load: number;
}

export interface PlannedRoute {
  vehicleId: string;
  driverId: string;
  /** the vehicle's own pool */
  pool: PoolId;
  stops: PlannedStop[];
  /** requests served, in order (a round_trip may appear with one leg only) */
  requestIds: string[];
  km: number;
  emptyKm: number;
  drivingMinutes: number;
  lateMinutes: number;
}

export type UnservedReason =
  | 'no_vehicle_with_seats'
  | 'no_vehicle_of_category'
  | 'vehicle_sealed'
  | 'no_pool_allowed'
  | 'time_window'
  | 'driver_hours'
  | 'no_capacity_left'
  | 'locked_vehicle_unknown';

export interface Loan {
  requestId: string;
  leg: 'outbound' | 'return';
  vehicleId: string;
  /** lender (the vehicle's pool) → borrower (the request's pool) */
  fromPool: PoolId;
  toPool: PoolId;
  needsApproval: boolean;
  km: number;
}

export interface PlanFigures {
  vehiclesUsed: number;
  requests: number;
  served: number;
  km: number;
  emptyKm: number;
  lateMinutes: number;
  loans: number;
  loansNeedingApproval: number;
  /** the objective (weights) */
  cost: number;
  seconds: number;
}

export interface Plan {
  routes: PlannedRoute[];
  unserved: { requestId: string; leg: 'outbound' | 'return'; reason: UnservedReason }[];
  loans: Loan[];
  figures: PlanFigures;
}

export interface InsertResult {
  plan: Plan;
  /** false: the request could not be placed (see plan.unserved for the reason) */
  inserted: boolean;
  /** cost added by the insertion */
  deltaCost: number;
}
