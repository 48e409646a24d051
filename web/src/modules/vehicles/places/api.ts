import { api } from '../../../shared/api.ts';

export const PLACE_KINDS = [
  'government',
  'station',
  'airport',
  'hospital',
  'school',
  'venue',
  'depot',
  'other',
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** GET /api/vehicles/places */
export interface PlaceRow {
  id: string;
  name: string;
  kind: PlaceKind;
  address: string | null;
  lon: number;
  lat: number;
  jurisdictionId: string | null;
  active: boolean;
}
export type PlaceBody = Omit<PlaceRow, 'id'>;

export const POOL_MODES = ['never', 'approval', 'automatic'] as const;
export type PoolMode = (typeof POOL_MODES)[number];
export interface PoolPolicy {
  lenderId: string;
  borrowerId: string;
  mode: PoolMode;
}

const URL = '/api/vehicles/places';

export const placeApi = {
  list: (q: { q?: string | undefined; all?: 'true' | undefined }) => api.get<PlaceRow[]>(URL, q),
  create: (body: PlaceBody) => api.post<PlaceRow>(URL, body),
  update: (id: string, body: Partial<PlaceBody>) => api.patch<PlaceRow>(`${URL}/${id}`, body),
  remove: (id: string) => api.del(`${URL}/${id}`),
  policies: () => api.get<PoolPolicy[]>('/api/vehicles/pool-policies'),
  setPolicy: (p: PoolPolicy) => api.put<void>('/api/vehicles/pool-policies', p),
};
