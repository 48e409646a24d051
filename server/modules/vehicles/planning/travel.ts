import { OsrmTravel, StraightLineTravel, type TravelModel } from '../dispatch/plan/index.ts';

/**
 * The travel model automated dispatch plans with. By default straight-line distance × the detour factor
 * (GOA_VEHICLES_PLAN_DETOUR) at time-of-day speeds, expressway beyond the city; with `OSRM_URL` set,
 * OSRM's table service behind the same interface: the planner has the matrix of its points fetched
 * before planning (kept, so a later insertion fetches only its new points); pairs OSRM cannot route — or
 * all of them, when the server does not answer — fall back to the straight-line model, so the
 * dispatcher still gets a plan.
 */
let osrmUrl: string | null = null;
let osrm: OsrmTravel | null = null;
let detourFactor = 1.3;

/** Set at start from the module's settings (OSRM_URL, '' = none; GOA_VEHICLES_PLAN_DETOUR). */
export function configureTravel(url: string | null, detour = 1.3): void {
  osrmUrl = url ? url : null;
  detourFactor = detour;
  osrm = null;
}

export function travelModel(): TravelModel {
  const straight = new StraightLineTravel({ detourFactor });
  if (!osrmUrl) return straight;
  const url = osrmUrl;
  const routed = (osrm ??= new OsrmTravel({ url, fallback: straight }));
  return {
    async prepare(points) {
      try {
        await routed.prepare(points);
      } catch (e) {
        console.warn(
          `vehicles: OSRM at ${url} did not answer (${(e as Error).message}); planning on straight lines`,
        );
      }
    },
    time: (from, to, departAt) => routed.time(from, to, departAt),
    distance: (from, to) => routed.distance(from, to),
  };
}
