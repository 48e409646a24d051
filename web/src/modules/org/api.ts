import { api, type Page, type Query } from '../../shared/api.ts';
import type { Jurisdiction } from '../../shared/OrgSelects.tsx';

export type UnitKind = 'organ' | 'institution';
export type UnitLevel = 'city' | 'district' | 'county' | 'township';
export type PersonStatus = 'active' | 'transferred' | 'retired';

export interface TreeUnit {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  level: UnitLevel;
  jurisdictionId: string;
  parentId: string | null;
  establishment: number;
  headcount: number;
}

export interface Unit extends TreeUnit {
  jurisdictionName: string;
  parentName: string | null;
  address: string | null;
  sort: number;
  createdAt: string;
  updatedAt: string;
}

export interface UnitInput {
  code: string;
  name: string;
  shortName?: string | null;
  kind: UnitKind;
  level: UnitLevel;
  jurisdictionId: string;
  parentId?: string | null;
  establishment: number;
  address?: string | null;
  sort?: number;
}

export interface Department {
  id: string;
  unitId: string;
  name: string;
  sort: number;
  headcount: number;
}

export interface Person {
  id: string;
  unitId: string;
  unitName: string;
  jurisdictionId: string;
  departmentId: string | null;
  departmentName: string | null;
  employeeNo: string;
  name: string;
  gender: 'male' | 'female' | null;
  rank: string;
  rankLabel: string;
  position: string | null;
  phone: string | null;
  email: string | null;
  status: PersonStatus;
  createdAt: string;
  updatedAt: string;
}

export interface PersonInput {
  unitId: string;
  departmentId?: string | null;
  employeeNo: string;
  name: string;
  gender?: 'male' | 'female' | null;
  rank: string;
  position?: string | null;
  phone?: string | null;
  email?: string | null;
  status?: PersonStatus;
}

export interface Rank {
  code: string;
  label: string;
  order: number;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

export const UNIT_KINDS: readonly UnitKind[] = ['organ', 'institution'];
export const UNIT_LEVELS: readonly UnitLevel[] = ['city', 'district', 'county', 'township'];
export const PERSON_STATUSES: readonly PersonStatus[] = ['active', 'transferred', 'retired'];

export const orgApi = {
  jurisdictions: () => api.get<Jurisdiction[]>('/api/org/jurisdictions'),
  tree: () => api.get<TreeUnit[]>('/api/org/tree'),
  unit: (id: string) => api.get<Unit>(`/api/org/units/${id}`),
  units: (q: Query) => api.get<Page<Unit>>('/api/org/units', q),
  createUnit: (body: UnitInput) => api.post<Unit>('/api/org/units', body),
  updateUnit: (id: string, body: Partial<UnitInput>) => api.patch<Unit>(`/api/org/units/${id}`, body),
  deleteUnit: (id: string) => api.del(`/api/org/units/${id}`),
  departments: (unitId: string) => api.get<Department[]>(`/api/org/units/${unitId}/departments`),
  createDepartment: (body: { unitId: string; name: string; sort?: number }) =>
    api.post<Department>('/api/org/departments', body),
  updateDepartment: (id: string, body: { name?: string; sort?: number }) =>
    api.patch<Department>(`/api/org/departments/${id}`, body),
  deleteDepartment: (id: string) => api.del(`/api/org/departments/${id}`),
  people: (q: Query) => api.get<Page<Person>>('/api/org/people', q),
  createPerson: (body: PersonInput) => api.post<Person>('/api/org/people', body),
  updatePerson: (id: string, body: Partial<PersonInput>) => api.patch<Person>(`/api/org/people/${id}`, body),
  deletePerson: (id: string) => api.del(`/api/org/people/${id}`),
  ranks: () => api.get<Rank[]>('/api/org/ranks'),
  importUnits: (file: File) => api.upload<ImportResult>('/api/org/units/import', file),
  importPeople: (file: File) => api.upload<ImportResult>('/api/org/people/import', file),
};
