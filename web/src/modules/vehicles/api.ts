import { api, type Page, type Query } from '../../shared/api.ts';

/** vehicle categories (STANDARDS.md), in the order the pages list them */
export const CATEGORIES = [
  'confidential_comms',
  'emergency',
  'law_enforcement',
  'special_technical',
  'general',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface PlaceRef {
  id: string;
  name: string;
  lon: number;
  lat: number;
}
export interface Place extends PlaceRef {
  kind: string;
  address: string | null;
}
export interface RequestTrip {
  id: string;
  no: string;
  leg: string;
  status: string;
  plate: string;
  driverName: string;
  driverPhone: string | null;
  startsAt: string;
  endsAt: string;
  km: number | null;
}
/** how far the caller sees trip requests (the read permission's widest scope) */
export type RequestReach = 'city' | 'jurisdiction' | 'unit' | 'self' | 'none';

export interface TripRequest {
  id: string;
  no: string;
  requesterName: string;
  unitName: string;
  jurisdictionId: string;
  jurisdictionName: string;
  passengers: number;
  passengerNames: string | null;
  contactPhone: string | null;
  needCategory: string | null;
  specialWork: boolean;
  origin: PlaceRef;
  destinations: PlaceRef[];
  departsAt: string;
  returnsAt: string;
  kind: 'one_way' | 'round_trip' | 'waiting';
  purpose: string;
  status: string;
  /** the use of a sealed vehicle for this open request: approved, waiting for approval, or not asked */
  sealedUse: 'approved' | 'pending' | null;
  rating: number | null;
  confirmedAt: string | null;
  trips: RequestTrip[];
}
export interface Vehicle {
  id: string;
  plate: string;
  category: string;
  bodyType: string;
  brand: string;
  model: string;
  seats: number;
  odometerKm: number;
  jurisdictionId: string;
  jurisdictionName: string;
  unitName: string;
  status: string;
  violations: { rule: string; message: string }[];
  replacement: { eligible: boolean; reason: string | null };
}
export interface Driver {
  id: string;
  name: string;
  phone: string | null;
  jurisdictionId: string;
  jurisdictionName: string;
  licenceClass: string;
  licenceExpiresOn: string;
  contractEndsOn: string | null;
  status: string;
  rating: number | null;
}
export interface TimelineTrip {
  id: string;
  no: string;
  vehicleId: string;
  driverId: string;
  plate: string;
  driverName: string;
  status: string;
  source: string;
  loan: boolean;
  requestNo: string | null;
  purpose: string | null;
  startsAt: string;
  endsAt: string;
  /** a sealed vehicle sent out under an approved sealed-use matter */
  sealedOverride: boolean;
}
export interface Timeline {
  vehicles: {
    id: string;
    plate: string;
    label: string;
    seats: number;
    category: string;
    status: string;
    /** own pool, lent automatically (assignable here), or only by the lender's dispatcher */
    lendMode: 'own' | 'automatic' | 'approval';
    jurisdictionId: string;
    jurisdictionName: string;
  }[];
  drivers: {
    id: string;
    name: string;
    phone: string | null;
    jurisdictionId: string;
    licenceExpiresOn: string;
  }[];
  trips: TimelineTrip[];
}
export interface PlanStop {
  kind: string;
  requestId?: string;
  point: { lon: number; lat: number };
  start: number;
  depart: number;
}
export interface PlanRoute {
  vehicleId: string;
  driverId: string;
  pool: string;
  stops: PlanStop[];
  requestIds: string[];
  km: number;
  emptyKm: number;
  lateMinutes: number;
}
/** why the planner could not serve a request (dispatch/plan/types.ts) */
export type UnservedReason =
  | 'no_vehicle_with_seats'
  | 'no_vehicle_of_category'
  | 'vehicle_sealed'
  | 'no_pool_allowed'
  | 'time_window'
  | 'driver_hours'
  | 'no_capacity_left'
  | 'locked_vehicle_unknown';
export interface PlanMove {
  requestId: string;
  tripId: string;
  fromVehicleId: string;
  fromDriverId: string;
  toVehicleId: string;
  toDriverId: string;
}
/** a re-planning proposal waiting for the dispatcher (a request arrived or was cancelled) */
export interface OpenProposal {
  id: string;
  kind: 'insert' | 'replan';
  triggerRequestId: string | null;
  triggerEvent: 'arrived' | 'cancelled' | null;
  moves: number;
  figures: PlanOutcome['plan']['figures'];
  createdAt: string;
}
export interface PlanOutcome {
  id: string;
  day: string;
  kind?: 'day' | 'insert' | 'replan';
  moves?: PlanMove[];
  plan: {
    routes: PlanRoute[];
    unserved: { requestId: string; leg: 'outbound' | 'return'; reason: UnservedReason }[];
    loans: { requestId: string; vehicleId: string; needsApproval: boolean }[];
    figures: {
      vehiclesUsed: number;
      requests: number;
      served: number;
      km: number;
      emptyKm: number;
      lateMinutes: number;
      loans: number;
    };
  };
}
export interface DriverTrip {
  id: string;
  no: string;
  status: string;
  plate: string;
  lastOdometer: number;
  startOdometer: number | null;
  km: number | null;
  passengers: number | null;
  passengerNames: string | null;
  contactPhone: string | null;
  purpose: string | null;
  requesterName: string | null;
  unitName: string | null;
  stops: { name: string }[];
  startsAt: string;
  endsAt: string;
}
export interface Slip {
  no: string;
  startsAt: string;
  endsAt: string;
  plate: string;
  vehicle: string;
  seats: number;
  /** a sealed vehicle sent out under an approved sealed-use matter */
  sealedOverride: boolean;
  driverName: string;
  driverPhone: string | null;
  jurisdictionName: string;
  lenderName: string;
  requestNo: string | null;
  requesterName: string | null;
  unitName: string | null;
  passengers: number | null;
  passengerNames: string | null;
  contactPhone: string | null;
  purpose: string | null;
  route: string[];
  startOdometer: number | null;
  endOdometer: number | null;
  km: number | null;
  dispatcherName: string | null;
  issuedAt: string;
}
export interface Jurisdiction {
  id: string;
  name: string;
  kind: string;
}

export const vehiclesApi = {
  places: () => api.get<Place[]>('/api/vehicles/places'),
  requests: (q: Query) => api.get<Page<TripRequest>>('/api/vehicles/requests', q),
  requestReach: () => api.get<{ reach: RequestReach }>('/api/vehicles/requests/reach').then((r) => r.reach),
  submit: (body: unknown) => api.post<TripRequest>('/api/vehicles/requests', body),
  change: (id: string, body: unknown) => api.put<TripRequest>(`/api/vehicles/requests/${id}`, body),
  cancel: (id: string, reason: string) =>
    api.post<TripRequest>(`/api/vehicles/requests/${id}/cancel`, { reason }),
  confirm: (id: string, rating: number) =>
    api.post<TripRequest>(`/api/vehicles/requests/${id}/confirm`, { rating }),
  openDays: () => api.get<{ date: string; count: number }[]>('/api/vehicles/desk/open-days'),
  queue: (date: string) => api.get<Page<TripRequest>>('/api/vehicles/desk/queue', { date }),
  timeline: (date: string, jurisdictionId?: string) =>
    api.get<Timeline>('/api/vehicles/desk/timeline', { date, jurisdictionId }),
  askSealedUse: (requestId: string, reason: string) =>
    api.post<{ matterId: string }>(`/api/vehicles/requests/${requestId}/sealed-use`, { reason }),
  assign: (body: unknown) => api.post<{ tripId: string }>('/api/vehicles/desk/assign', body),
  plan: (day: string, pools: string[]) => api.post<PlanOutcome>('/api/vehicles/plans', { day, pools }),
  proposals: (day: string) => api.get<OpenProposal[]>('/api/vehicles/plans', { day }),
  getPlan: (id: string) => api.get<PlanOutcome>(`/api/vehicles/plans/${id}`),
  acceptPlan: (id: string, vehicleIds?: string[]) =>
    api.post<{ accepted: number; skipped: number; moved: number; failed: unknown[] }>(
      `/api/vehicles/plans/${id}/accept`,
      vehicleIds ? { vehicleIds } : {},
    ),
  slip: (id: string) => api.get<Slip>(`/api/vehicles/trips/${id}/slip`),
  myTrips: () => api.get<{ driver: { name: string }; trips: DriverTrip[] }>('/api/vehicles/my/trips'),
  act: (id: string, action: string, body?: unknown) =>
    api.post<void>(`/api/vehicles/my/trips/${id}/${action}`, body ?? {}),
  vehicles: (q: Query) => api.get<Page<Vehicle>>('/api/vehicles/vehicles', q),
  drivers: (q: Query) => api.get<Page<Driver>>('/api/vehicles/drivers', q),
  jurisdictions: () => api.get<Jurisdiction[]>('/api/org/jurisdictions'),
  summary: (from: string, to: string) =>
    api.get<{
      trips: number;
      km: number;
      rows: {
        id: string;
        name: string;
        trips: number;
        km: number;
        hours: number;
        emptyKm: number;
        costFen: number;
        onTime: number | null;
        loansLent: number;
        loansBorrowed: number;
      }[];
    }>('/api/vehicles/analysis/summary', { from, to }),
};
