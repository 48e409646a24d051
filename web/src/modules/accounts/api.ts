import { api, type Page, type Query } from '../../shared/api.ts';
import type { ScopeKind } from '../../app/session.tsx';

export interface RoleView {
  id: string;
  role: string;
  label: string;
  scopeKind: ScopeKind;
  jurisdictionId: string | null;
  jurisdictionName: string | null;
  unitId: string | null;
  unitName: string | null;
}

export interface Account {
  id: string;
  username: string;
  displayName: string;
  personId: string | null;
  personName: string | null;
  unitId: string | null;
  unitName: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  roles: RoleView[];
}

export interface RoleDef {
  role: string;
  label: string;
  permissions: string[];
}

/** a purpose a machine token can serve, with the endpoints that accept it */
export interface MachinePurpose {
  purpose: string;
  routes: string[];
}

export interface MachineToken {
  id: string;
  name: string;
  purpose: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface Grant {
  role: string;
  scopeKind: ScopeKind;
  jurisdictionId?: string | null;
  unitId?: string | null;
}

export const accountsApi = {
  list: (q: Query) => api.get<Page<Account>>('/api/accounts', q),
  create: (body: { username: string; displayName: string; personId?: string | null; password: string }) =>
    api.post<Account>('/api/accounts', body),
  update: (id: string, body: { displayName?: string; disabled?: boolean }) =>
    api.patch<Account>(`/api/accounts/${id}`, body),
  resetPassword: (id: string, newPassword: string) =>
    api.post<void>(`/api/accounts/${id}/password-reset`, { newPassword }),
  unlock: (id: string) => api.post<Account>(`/api/accounts/${id}/unlock`),
  grant: (id: string, grant: Grant) => api.post<Account>(`/api/accounts/${id}/roles`, grant),
  revoke: (id: string, assignmentId: string) => api.del(`/api/accounts/${id}/roles/${assignmentId}`),
  roles: () => api.get<RoleDef[]>('/api/access/roles'),
  tokens: () => api.get<MachineToken[]>('/api/machine-tokens'),
  purposes: () => api.get<MachinePurpose[]>('/api/machine-tokens/purposes'),
  createToken: (body: { name: string; purpose: string }) =>
    api.post<{ id: string; token: string }>('/api/machine-tokens', body),
  revokeToken: (id: string) => api.del(`/api/machine-tokens/${id}`),
};
