import { api, type Page, type Query } from '../../shared/api.ts';

export const ENERGY_TYPES = ['electricity', 'water', 'gas', 'heat'] as const;
export const SUB_ITEMS = ['lighting_sockets', 'hvac', 'power', 'special'] as const;
export const INSTITUTION_KINDS = ['organ', 'institution', 'school', 'hospital', 'venue', 'other'] as const;
export type EnergyType = (typeof ENERGY_TYPES)[number];
export type SubItem = (typeof SUB_ITEMS)[number];
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export interface Institution {
  id: string;
  code: string;
  name: string;
  jurisdictionId: string;
  jurisdictionName: string;
  unitId: string | null;
  unitName: string | null;
  kind: InstitutionKind;
  address: string | null;
  lon: number | null;
  lat: number | null;
  occupants: number;
  demonstration: 'national' | 'provincial' | null;
  floorArea: number;
  buildings: number;
  points: number;
  updatedAt: string;
}

export interface Building {
  id: string;
  institutionId: string;
  name: string;
  floorArea: number;
  occupants: number;
  builtYear: number | null;
}

export interface Point {
  id: string;
  code: string;
  name: string;
  institutionId: string;
  institutionCode: string;
  institutionName: string;
  jurisdictionId: string;
  buildingId: string | null;
  buildingName: string | null;
  energyType: EnergyType;
  subItem: SubItem | null;
  parentId: string | null;
  parentCode: string | null;
  kind: 'metered' | 'virtual' | 'manual';
  formula: string | null;
  unit: 'kWh' | 'm3' | 'GJ';
  multiplier: number;
  registerMax: number | null;
  intervalMinutes: number;
  active: boolean;
  installedAt: string | null;
}

export interface ManualEntry {
  id: string;
  pointId: string;
  month: string;
  value: number;
  note: string | null;
  enteredBy: string;
  updatedAt: string;
}

export interface InstitutionInput {
  code: string;
  name: string;
  jurisdictionId: string;
  unitId: string | null;
  kind: InstitutionKind;
  address: string | null;
  lon: number | null;
  lat: number | null;
  occupants: number;
  demonstration: 'national' | 'provincial' | null;
}
export interface BuildingInput {
  name: string;
  floorArea: number;
  occupants: number;
  builtYear: number | null;
}
export interface PointInput {
  code: string;
  name: string;
  buildingId: string | null;
  energyType: EnergyType;
  subItem: SubItem | null;
  parentId: string | null;
  kind: Point['kind'];
  formula: string | null;
  multiplier: number;
  registerMax: number | null;
  intervalMinutes: number;
  active: boolean;
}
export const POINT_KINDS = ['metered', 'virtual', 'manual'] as const;
export const INTERVALS = [1, 5, 15, 30, 60] as const;

export const energyApi = {
  institutions: (q: Query) => api.get<Page<Institution>>('/api/energy/institutions', q),
  institution: (id: string) => api.get<Institution>(`/api/energy/institutions/${id}`),
  buildings: (id: string) => api.get<Building[]>(`/api/energy/institutions/${id}/buildings`),
  points: (q: Query) => api.get<Page<Point>>('/api/energy/points', q),
  entries: (pointId: string) => api.get<ManualEntry[]>(`/api/energy/points/${pointId}/entries`),
  putEntry: (pointId: string, body: { month: string; value: number; note?: string | null }) =>
    api.put<ManualEntry>(`/api/energy/points/${pointId}/entries`, body),
  createInstitution: (body: InstitutionInput) => api.post<Institution>('/api/energy/institutions', body),
  updateInstitution: (id: string, body: Partial<InstitutionInput>) =>
    api.patch<Institution>(`/api/energy/institutions/${id}`, body),
  deleteInstitution: (id: string) => api.del(`/api/energy/institutions/${id}`),
  createBuilding: (institutionId: string, body: BuildingInput) =>
    api.post<Building>('/api/energy/buildings', { institutionId, ...body }),
  updateBuilding: (id: string, body: BuildingInput) =>
    api.patch<Building>(`/api/energy/buildings/${id}`, body),
  deleteBuilding: (id: string) => api.del(`/api/energy/buildings/${id}`),
  createPoint: (institutionId: string, body: PointInput) =>
    api.post<Point>('/api/energy/points', { institutionId, ...body }),
  updatePoint: (id: string, body: PointInput) => api.patch<Point>(`/api/energy/points/${id}`, body),
  deletePoint: (id: string) => api.del(`/api/energy/points/${id}`),
};
