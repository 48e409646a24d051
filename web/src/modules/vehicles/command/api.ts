import { api } from '../../../shared/api.ts';

// the wire types are the server's own (type-only: nothing of the server is bundled)
import type {
  Board,
  OpenAlert,
  PositionSource,
  Track,
  TripInfo,
  VehicleStatus,
} from '../../../../../server/modules/vehicles/command/board.types.ts';

export type {
  Board,
  BoardVehicle,
  OpenAlert,
  PositionSource,
  Track,
  TrackPoint,
  TripInfo,
  VehicleStatus,
} from '../../../../../server/modules/vehicles/command/board.types.ts';

export const STATUSES: VehicleStatus[] = ['available', 'in_use', 'maintenance', 'sealed', 'retired'];
export const SOURCES: PositionSource[] = ['gps', 'phone', 'simulator'];

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
