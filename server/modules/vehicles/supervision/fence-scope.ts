import type { LonLat } from './geometry.ts';

/** An active geofence with the vehicles it watches (empty categories / vehicles: all of its pools'). */
export interface ScopedFence {
  ring: LonLat[];
  pools: readonly string[];
  categories: readonly string[];
  vehicles: readonly string[];
}

/** The vehicle of a trip: its id, home pool, category, and the pool it serves on the trip (a loan). */
export interface FencedVehicle {
  id: string;
  pool: string;
  category: string;
  borrower: string;
}

/**
 * The rings that bound a vehicle's trip: every fence that applies to it (its pool covered, its category
 * and — when named — the vehicle itself listed); on a loan also the borrower's pool fences that admit
 * its category and name no vehicles. Null when no fence applies: the trip is not fenced at all.
 */
export function ringsFor(fences: readonly ScopedFence[], v: FencedVehicle): LonLat[][] | null {
  const admits = (f: ScopedFence) => !f.categories.length || f.categories.includes(v.category);
  const own = fences.filter(
    (f) => f.pools.includes(v.pool) && admits(f) && (!f.vehicles.length || f.vehicles.includes(v.id)),
  );
  if (!own.length) return null;
  const lent =
    v.borrower === v.pool
      ? []
      : fences.filter((f) => f.pools.includes(v.borrower) && admits(f) && !f.vehicles.length);
  return [...own, ...lent].map((f) => f.ring);
}
