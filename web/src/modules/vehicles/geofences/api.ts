import { api } from '../../../shared/api.ts';

/** A vertex as stored and sent: [lon, lat] in WGS-84. */
export type Vertex = [number, number];

export { CATEGORIES, type Category } from '../api.ts';
import type { Category } from '../api.ts';

/** GET /api/vehicles/supervision/geofences */
export interface Geofence {
  id: string;
  jurisdictionId: string;
  jurisdiction: string;
  name: string;
  ring: Vertex[];
  active: boolean;
  pools: { id: string; name: string }[];
  categories: Category[];
  vehicles: { id: string; plate: string }[];
  updatedAt: string;
}

export interface GeofenceBody {
  jurisdictionId?: string;
  name?: string;
  ring?: Vertex[];
  active?: boolean;
  pools?: string[];
  categories?: Category[];
  vehicleIds?: string[];
}

const URL = '/api/vehicles/supervision/geofences';

export const geofenceApi = {
  list: (q: { jurisdictionId?: string | undefined; active?: string | undefined } = {}) =>
    api.get<Geofence[]>(URL, q),
  create: (body: GeofenceBody) => api.post<{ id: string }>(URL, body),
  update: (id: string, body: GeofenceBody) => api.patch<void>(`${URL}/${id}`, body),
  remove: (id: string) => api.del(`${URL}/${id}`),
};
