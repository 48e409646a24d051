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

export const fleetApi = {
  vehicles: (q: Query) => api.get<Page<VehicleDetail>>('/api/vehicles/vehicles', q),
  create: (body: unknown) => api.post<VehicleDetail>('/api/vehicles/vehicles', body),
  update: (id: string, body: unknown) => api.patch<VehicleDetail>(`/api/vehicles/vehicles/${id}`, body),
  records: (id: string) => api.get<VehicleRecord[]>(`/api/vehicles/vehicles/${id}/records`),
  addRecord: (id: string, body: unknown) =>
    api.post<VehicleRecord>(`/api/vehicles/vehicles/${id}/records`, body),
  reminders: () => api.get<Reminder[]>('/api/vehicles/reminders'),
  import: (file: File) =>
    api.upload<{ created: number; updated: number; unchanged: number }>(
      '/api/vehicles/vehicles/import',
      file,
    ),
};
