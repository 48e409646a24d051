import { api, type Page, type Query } from '../../../shared/api.ts';

export type AlertLevel = 'green' | 'yellow' | 'red';
export const ALERT_KINDS = [
  'outside_window',
  'mileage_over_plan',
  'off_hours',
  'moved_while_sealed',
  'geofence_exit',
  'sealed_dispatch',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface VehicleAlert {
  id: string;
  kind: AlertKind;
  level: AlertLevel;
  vehicleId: string;
  plate: string;
  tripId: string | null;
  tripNo: string | null;
  jurisdictionId: string;
  jurisdiction: string;
  detail: Record<string, unknown>;
  at: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}
export type AlertPage = Page<VehicleAlert> & {
  counts: { red: number; yellow: number; green: number; open: number };
};

export interface SealPeriod {
  start: string;
  end: string;
  days: number;
  sealOn: string;
  unsealOn: string;
}
export interface SealEntry {
  id: string;
  vehicleId: string;
  plate: string;
  category: string;
  status: string;
  jurisdiction: string;
  action: 'seal' | 'unseal';
  odometerKm: number;
  reason: string | null;
  at: string;
  periodStart: string | null;
  by: string | null;
}

export type InspectionResult = 'compliant' | 'rectify' | 'violation';
export interface Inspection {
  id: string;
  heldOn: string;
  subject: string;
  findings: string | null;
  result: InspectionResult;
  unitId: string;
  unit: string;
  jurisdictionId: string;
  jurisdiction: string;
  vehicleId: string | null;
  plate: string | null;
  inspector: string | null;
  rectifyDueOn: string | null;
  rectifiedOn: string | null;
  rectifyNote: string | null;
  overdue: boolean;
  files: number;
  version: number;
}

export const supervisionApi = {
  alerts: (q: Query) => api.get<AlertPage>('/api/vehicles/supervision/alerts', q),
  resolve: (id: string, note: string) =>
    api.post<void>(`/api/vehicles/supervision/alerts/${id}/resolve`, { note }),
  periods: () =>
    api.get<{ minDays: number; sealAt: string; unsealAt: string; exempt: string[]; periods: SealPeriod[] }>(
      '/api/vehicles/supervision/seal-periods',
    ),
  sealLog: (q: Query) => api.get<Page<SealEntry>>('/api/vehicles/supervision/seal-log', q),
  seal: (vehicleId: string, action: 'seal' | 'unseal', reason: string) =>
    api.post<{ status: string }>(`/api/vehicles/vehicles/${vehicleId}/seal`, { action, reason }),
  inspections: (q: Query) => api.get<Page<Inspection>>('/api/vehicles/supervision/inspections', q),
  createInspection: (body: unknown) =>
    api.post<{ id: string }>('/api/vehicles/supervision/inspections', body),
  rectified: (id: string, body: { rectifiedOn: string; note: string; version: number }) =>
    api.post<void>(`/api/vehicles/supervision/inspections/${id}/rectified`, body),
  inspectionFiles: (id: string) =>
    api.get<{ id: string; name: string; size: number; contentType: string }[]>(
      `/api/vehicles/supervision/inspections/${id}/files`,
    ),
};
