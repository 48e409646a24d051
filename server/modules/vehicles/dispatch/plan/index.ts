/**
 * Automated dispatch planning (issue 3 items 6, 7): see ./types.ts for the contract.
 *   planDay(input, options)            plan every request of the input from scratch
 *   insertRequest(plan, input, req, o) cheapest feasible insertion of one new request into a plan
 *   replan(previous, input, options)   re-plan after arrivals / cancellations, keeping input.locked
 */
export * from './types.ts';
export { planDay, insertRequest, replan } from './planner.ts';
export { StraightLineTravel, haversineMetres, defaultSpeedBands } from '../travel/straight-line.ts';
export { OsrmTravel } from '../travel/osrm.ts';
