import { api, type Page, type Query } from '../../shared/api.ts';

export type VisitStatus = 'pending' | 'approved' | 'declined' | 'cancelled' | 'checked_in' | 'checked_out';
export const VISIT_STATUSES: VisitStatus[] = [
  'pending',
  'approved',
  'declined',
  'cancelled',
  'checked_in',
  'checked_out',
];
export const STATUS_COLORS: Record<VisitStatus, string> = {
  pending: 'orange',
  approved: 'blue',
  declined: 'red',
  cancelled: 'default',
  checked_in: 'green',
  checked_out: 'default',
};

export interface Visit {
  id: string;
  siteId: string;
  siteName: string;
  unitName: string;
  hostName: string;
  visitorName: string;
  idMasked: string | null;
  mobile: string | null;
  company: string | null;
  purpose: string;
  startsAt: string;
  endsAt: string;
  plate: string | null;
  status: VisitStatus;
  walkIn: boolean;
  flagged: boolean;
  passCode: string | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  checks: Record<string, unknown> | null;
  declineReason: string | null;
}

export interface SiteCheck {
  code: string;
  kind: 'temperature' | 'health_code' | 'yes_no';
  label: { 'zh-CN': string; en: string };
  max?: number;
}
export interface GateSite {
  id: string;
  name: string;
  address: string | null;
  checks: SiteCheck[];
}
/** a site as the visitors office keeps it */
export interface ManagedSite extends GateSite {
  unitId: string;
  unitName: string;
  guards: { personId: string; name: string; unitName: string }[];
  visits: number;
}
export interface SiteInput {
  name: string;
  address: string | null;
  unitId: string;
  guardIds: string[];
}
export interface Pass {
  status: VisitStatus;
  expired: boolean;
  visitorName: string;
  hostName: string;
  unitName: string;
  siteName: string;
  siteAddress: string | null;
  startsAt: string;
  endsAt: string;
  plate: string | null;
  passCode: string | null;
  declineReason: string | null;
}
export interface BlacklistEntry {
  id: string;
  name: string;
  idMasked: string;
  reason: string;
  createdAt: string;
  flags: number;
}

export const visitorsApi = {
  visits: (q: Query) => api.get<Page<Visit>>('/api/visitors/visits', q),
  visit: (id: string) => api.get<Visit>(`/api/visitors/visits/${id}`),
  mine: () => api.get<Visit[]>('/api/visitors/mine'),
  hostLink: () => api.get<{ token: string }>('/api/visitors/host-link'),
  approve: (id: string) => api.post<Visit>(`/api/visitors/visits/${id}/approve`, {}),
  decline: (id: string, reason: string) => api.post<Visit>(`/api/visitors/visits/${id}/decline`, { reason }),
  gateSites: () => api.get<GateSite[]>('/api/visitors/gate/sites'),
  /** the sites a visitors office manages (their checks), within its scope */
  managedSites: () => api.get<ManagedSite[]>('/api/visitors/sites'),
  createSite: (body: SiteInput) => api.post<{ id: string }>('/api/visitors/sites', body),
  updateSite: (id: string, body: SiteInput) => api.patch<null>(`/api/visitors/sites/${id}`, body),
  deleteSite: (id: string) => api.del(`/api/visitors/sites/${id}`),
  setSiteChecks: (id: string, checks: SiteCheck[]) =>
    api.put<GateSite>(`/api/visitors/sites/${id}/checks`, { checks }),
  find: (q: string) => api.get<Visit[]>('/api/visitors/gate/find', { q }),
  checkIn: (body: { code?: string; visitId?: string; checks: Record<string, unknown> }) =>
    api.post<Visit>('/api/visitors/gate/check-in', body),
  checkOut: (id: string) => api.post<Visit>(`/api/visitors/gate/check-out/${id}`),
  hosts: (q: string) =>
    api.get<{ id: string; name: string; unitName: string }[]>('/api/visitors/gate/hosts', { q }),
  walkIn: (body: Record<string, unknown>) => api.post<Visit>('/api/visitors/gate/walk-ins', body),
  blacklist: () => api.get<BlacklistEntry[]>('/api/visitors/blacklist'),
  /** the sites a blacklist entry may name (in scope or guarded; no gate permission needed) */
  blacklistSites: () => api.get<GateSite[]>('/api/visitors/blacklist/sites'),
  addBlacklist: (body: { siteId: string; name: string; idNumber: string; reason: string }) =>
    api.post<BlacklistEntry>('/api/visitors/blacklist', body),
  removeBlacklist: (id: string) => api.del(`/api/visitors/blacklist/${id}`),
  // public
  sites: () => api.get<{ id: string; name: string; address: string | null }[]>('/api/public/visitors/sites'),
  link: (token: string) =>
    api.get<{ hostName: string; unitName: string; siteName: string }>(`/api/public/visitors/links/${token}`),
  register: (body: Record<string, unknown>) =>
    api.post<{ passToken: string; status: VisitStatus }>('/api/public/visitors/appointments', body),
  pass: (token: string) => api.get<Pass>(`/api/public/visitors/passes/${token}`),
};
