import { api, type Page, type Query } from '../../../shared/api.ts';
import type { Vehicle } from '../api.ts';

/** A vehicle as the register's form edits it (server: fleet/schemas.ts `vehicle`). */
export interface VehicleDetail extends Vehicle {
  energyType: string;
  displacementL: number | null;
  priceFen: number;
  purchaseDate: string;
  unitId: string;
  note: string | null;
  version: number;
  violations: { rule: string; kind: string; limit: number; actual: number; message: string }[];
}

export type RecordKind = 'maintenance' | 'insurance' | 'annual_inspection';
export interface VehicleRecord {
  id: string;
  vehicleId: string;
  plate: string;
  kind: RecordKind;
  doneOn: string;
  dueOn: string | null;
  costFen: number;
  vendor: string | null;
  note: string | null;
}

export interface Reminder {
  kind: RecordKind | 'licence' | 'contract';
  subjectId: string;
  subject: string;
  dueOn: string;
  daysLeft: number;
}

/** licence classes and driver statuses (server tables.ts) */
export const LICENCE_CLASSES = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2'] as const;
export const DRIVER_STATUSES = ['active', 'on_leave', 'suspended', 'left'] as const;

/** A driver as the register's form edits it (server: drivers/schemas.ts `driver`). */
export interface DriverDetail {
  id: string;
  name: string;
  phone: string | null;
  jurisdictionId: string;
  jurisdictionName: string;
  unitId: string;
  unitName: string;
  licenceClass: string;
  licenceNo: string | null;
  licenceExpiresOn: string;
  contractStartsOn: string | null;
  contractEndsOn: string | null;
  uniformIssuedOn: string | null;
  badgeNo: string | null;
  maxDailyMinutes: number;
  minRestMinutes: number;
  status: string;
  rating: number | null;
  version: number;
}

export const fleetApi = {
  vehicles: (q: Query) => api.get<Page<VehicleDetail>>('/api/vehicles/vehicles', q),
  create: (body: unknown) => api.post<VehicleDetail>('/api/vehicles/vehicles', body),
  update: (id: string, body: unknown) => api.patch<VehicleDetail>(`/api/vehicles/vehicles/${id}`, body),
  records: (id: string) => api.get<VehicleRecord[]>(`/api/vehicles/vehicles/${id}/records`),
  addRecord: (id: string, body: unknown) =>
    api.post<VehicleRecord>(`/api/vehicles/vehicles/${id}/records`, body),
  drivers: (q: Query) => api.get<Page<DriverDetail>>('/api/vehicles/drivers', q),
  createDriver: (body: unknown) => api.post<DriverDetail>('/api/vehicles/drivers', body),
  updateDriver: (id: string, body: unknown) => api.patch<DriverDetail>(`/api/vehicles/drivers/${id}`, body),
  reminders: () => api.get<Reminder[]>('/api/vehicles/reminders'),
  import: (file: File) =>
    api.upload<{ created: number; updated: number; unchanged: number }>(
      '/api/vehicles/vehicles/import',
      file,
    ),
};
