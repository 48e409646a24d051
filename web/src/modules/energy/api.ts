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

export const energyApi = {
  institutions: (q: Query) => api.get<Page<Institution>>('/api/energy/institutions', q),
  institution: (id: string) => api.get<Institution>(`/api/energy/institutions/${id}`),
  buildings: (id: string) => api.get<Building[]>(`/api/energy/institutions/${id}/buildings`),
  points: (q: Query) => api.get<Page<Point>>('/api/energy/points', q),
  entries: (pointId: string) => api.get<ManualEntry[]>(`/api/energy/points/${pointId}/entries`),
  putEntry: (pointId: string, body: { month: string; value: number; note?: string | null }) =>
    api.put<ManualEntry>(`/api/energy/points/${pointId}/entries`, body),
};
