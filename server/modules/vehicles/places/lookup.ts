import type { Executor } from '../../../kernel/db/schema.ts';

export interface PlaceRef {
  id: string;
  name: string;
  lon: number;
  lat: number;
}

/**
 * The places of these ids by id (repeats and an empty list allowed): what requests, slips, the driver's
 * trips and the planner read to name and locate a route's stops.
 */
export async function placesById(ex: Executor, ids: Iterable<string>): Promise<Map<string, PlaceRef>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map();
  const rows = await ex
    .selectFrom('veh_place')
    .select(['id', 'name', 'lon', 'lat'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((p) => [p.id, { id: p.id, name: p.name, lon: Number(p.lon), lat: Number(p.lat) }]));
}
