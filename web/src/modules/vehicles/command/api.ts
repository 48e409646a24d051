import { api } from '../../../shared/api.ts';

export type VehicleStatus = 'available' | 'in_use' | 'maintenance' | 'sealed' | 'retired';
export const STATUSES: VehicleStatus[] = ['available', 'in_use', 'maintenance', 'sealed', 'retired'];

export interface BoardVehicle {
  id: string;
  plate: string;
  category: string;
  label: string;
  status: VehicleStatus;
  jurisdictionId: string;
  jurisdictionName: string;
  unitName: string;
  position: { at: string; lon: number; lat: number; speedKmh: number | null; stale: boolean } | null;
  trip: {
    id: string;
    no: string;
    status: string;
    driverName: string;
    startsAt: string;
    endsAt: string;
    route: string | null;
  } | null;
}

export interface Board {
  at: string;
  staleMinutes: number;
  counts: Record<VehicleStatus, number>;
  pools: {
    jurisdictionId: string;
    jurisdictionName: string;
    total: number;
    counts: Record<VehicleStatus, number>;
  }[];
  vehicles: BoardVehicle[];
}

export interface OpenAlert {
  id: string;
  kind: string;
  level: 'green' | 'yellow' | 'red';
  at: string;
  vehicleId: string;
  plate: string;
  tripId: string | null;
  tripNo: string | null;
  jurisdictionName: string;
}

export interface TrackPoint {
  at: string;
  lon: number;
  lat: number;
  speedKmh: number | null;
}
export interface Track {
  from: string;
  to: string;
  total: number;
  points: TrackPoint[];
}
export interface TripInfo {
  id: string;
  no: string;
  status: string;
  vehicleId: string;
  plate: string;
  driverName: string;
  startsAt: string;
  endsAt: string;
  km: number | null;
  stops: { name: string; lon: number; lat: number }[];
}

export const commandApi = {
  board: () => api.get<Board>('/api/vehicles/command/board'),
  alerts: () => api.get<OpenAlert[]>('/api/vehicles/command/alerts', { limit: 100 }),
  trips: (date: string, vehicleId?: string) =>
    api.get<TripInfo[]>('/api/vehicles/command/trips', { date, vehicleId }),
  tripTrack: (id: string) =>
    api.get<{ trip: TripInfo; track: Track }>(`/api/vehicles/command/trips/${id}/track`),
  vehicleTrack: (id: string, from: string, to: string) =>
    api.get<Track>(`/api/vehicles/command/vehicles/${id}/track`, { from, to }),
};
