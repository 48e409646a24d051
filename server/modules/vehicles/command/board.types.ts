/**
 * The command view's wire types (board, alerts, tracks, trips for replay). The server builds them
 * (board.ts, track.ts) and the web imports them type-only (web/src/modules/vehicles/command/api.ts),
 * so the two cannot drift apart. No imports: the web's compiler reads this file too (board.ts checks
 * that VehicleStatus here equals the table's).
 */

/** A vehicle's status on the board (the same list as veh_vehicle.status). */
export type VehicleStatus = 'available' | 'in_use' | 'maintenance' | 'sealed' | 'retired';

/** Who measured a position: a vehicle's GPS unit, the driver's phone (its page) or the simulator. */
export const POSITION_SOURCES = ['gps', 'phone', 'simulator'] as const;
export type PositionSource = (typeof POSITION_SOURCES)[number];

export interface BoardVehicle {
  id: string;
  plate: string;
  category: string;
  label: string;
  /** the vehicle's status, `in_use` also while a trip of it is on the road */
  status: VehicleStatus;
  jurisdictionId: string;
  jurisdictionName: string;
  unitName: string;
  position: {
    at: string;
    lon: number;
    lat: number;
    speedKmh: number | null;
    stale: boolean;
    source: PositionSource;
  } | null;
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
  detail: unknown;
}

/** A track point as the command view draws it (WGS-84). */
export interface TrackPoint {
  at: string;
  lon: number;
  lat: number;
  speedKmh: number | null;
  source: PositionSource;
}

export interface Track {
  from: string;
  to: string;
  /** positions stored in the period; `points` holds at most the asked maximum of them */
  total: number;
  points: TrackPoint[];
  /** how many of the stored positions came from each source */
  sources: Partial<Record<PositionSource, number>>;
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
