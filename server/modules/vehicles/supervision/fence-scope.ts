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
 * The rings that bound a vehicle's trip. Of the fences that apply to it (its pool covered, its category
 * admitted, the vehicle itself listed when vehicles are named) the most specific level counts: fences
 * naming the vehicle, else fences limited to categories, else the pool-wide ones — so a narrow fence for
 * confidential cars is not widened by the pool's own. On a loan under pool-wide fences, the borrower's
 * pool-wide fences that admit the vehicle count too. Null when no fence applies: the trip is unfenced.
 */
export function ringsFor(fences: readonly ScopedFence[], v: FencedVehicle): LonLat[][] | null {
  const admits = (f: ScopedFence) => !f.categories.length || f.categories.includes(v.category);
  const own = fences.filter(
    (f) => f.pools.includes(v.pool) && admits(f) && (!f.vehicles.length || f.vehicles.includes(v.id)),
  );
  const named = own.filter((f) => f.vehicles.length);
  if (named.length) return named.map((f) => f.ring);
  const typed = own.filter((f) => f.categories.length);
  if (typed.length) return typed.map((f) => f.ring);
  if (!own.length) return null;
  const lent =
    v.borrower === v.pool
      ? []
      : fences.filter((f) => f.pools.includes(v.borrower) && !f.categories.length && !f.vehicles.length);
  return [...own, ...lent].map((f) => f.ring);
}
