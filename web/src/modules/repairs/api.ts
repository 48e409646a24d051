import { api, toApiError, type Page, type Query } from '../../shared/api.ts';
import { getLocale } from '../../app/i18n.ts';

export type RepairStatus =
  'reported' | 'assigned' | 'accepted' | 'on_site' | 'waiting_parts' | 'done' | 'confirmed' | 'cancelled';
export const STATUS_COLORS: Record<RepairStatus, string> = {
  reported: 'orange',
  assigned: 'blue',
  accepted: 'geekblue',
  on_site: 'cyan',
  waiting_parts: 'purple',
  done: 'gold',
  confirmed: 'green',
  cancelled: 'default',
};

export interface RepairRequest {
  id: string;
  no: string;
  status: RepairStatus;
  description: string;
  buildingId: string | null;
  buildingName: string | null;
  floor: string | null;
  room: string | null;
  categoryId: string;
  categoryName: string;
  slaDays: number;
  requesterName: string;
  requesterPhone: string | null;
  requesterAccountId: string | null;
  assigneeAccountId: string | null;
  assigneeName: string | null;
  contractorId: string | null;
  contractorName: string | null;
  unitName: string;
  reportedAt: string;
  dueAt: string;
  assignedAt: string | null;
  doneAt: string | null;
  confirmedAt: string | null;
  overdue: boolean;
  rating: number | null;
  ratingComment: string | null;
  source: 'app' | 'qr';
}
export interface RepairDetail extends RepairRequest {
  events: { status: string; note: string | null; actor: string; at: string }[];
  photos: { id: string; name: string; contentType: string }[];
}
export interface Contractor {
  id: string;
  name: string;
  phone: string | null;
  unitName: string;
  hasAccount: boolean;
}
export interface Category {
  id: string;
  code: string;
  name: string;
  slaDays: number;
}
export interface StatRow {
  name: string;
  total: number;
  open: number;
  overdue: number;
  avg_rating: number | null;
  avg_hours: number | null;
}
export interface Qr {
  token: string;
  label: string;
  buildingId: string | null;
  buildingName: string | null;
  floor: string | null;
  room: string | null;
  categoryId: string | null;
  publicEnabled: boolean;
}

export const repairsApi = {
  categories: () => api.get<Category[]>('/api/repairs/categories'),
  buildings: () =>
    api.get<{ id: string; name: string; floors: number; jurisdictionName: string }[]>(
      '/api/repairs/buildings',
    ),
  report: (body: Record<string, unknown>) => api.post<RepairDetail>('/api/repairs/requests', body),
  upload: (file: File) => api.upload<{ id: string }>('/api/files', file),
  mine: () => api.get<RepairRequest[]>('/api/repairs/mine'),
  tasks: (all = false) => api.get<RepairRequest[]>('/api/repairs/tasks', { all }),
  list: (q: Query) => api.get<Page<RepairRequest>>('/api/repairs/requests', q),
  get: (id: string) => api.get<RepairDetail>(`/api/repairs/requests/${id}`),
  assign: (id: string, body: Record<string, unknown>) =>
    api.post<RepairDetail>(`/api/repairs/requests/${id}/assign`, body),
  step: (id: string, status: string, note?: string) =>
    api.post<RepairDetail>(`/api/repairs/requests/${id}/steps`, { status, note }),
  confirm: (id: string, body: { fixed: boolean; rating?: number; comment?: string }) =>
    api.post<RepairDetail>(`/api/repairs/requests/${id}/confirm`, body),
  cancel: (id: string, reason?: string) =>
    api.post<RepairDetail>(`/api/repairs/requests/${id}/cancel`, reason ? { reason } : {}),
  stats: (q: { from?: string; to?: string } = {}) =>
    api.get<{ byBuilding: StatRow[]; byCategory: StatRow[]; byContractor: StatRow[] }>(
      '/api/repairs/stats',
      q,
    ),
  workers: (q: string) =>
    api.get<{ accountId: string; name: string; unitName: string; position: string | null }[]>(
      '/api/repairs/workers',
      { q },
    ),
  contractors: () => api.get<Contractor[]>('/api/repairs/contractors'),
  addContractor: (body: { unitId: string; name: string; phone: string | null; accountId: string | null }) =>
    api.post<Contractor>('/api/repairs/contractors', body),
  qrList: () => api.get<Qr[]>('/api/repairs/qr'),
  qrCreate: (body: Record<string, unknown>) => api.post<Qr>('/api/repairs/qr', body),
  // public
  qrInfo: (token: string) =>
    api.get<Qr & { categories: { id: string; name: string }[] }>(`/api/public/repairs/qr/${token}`),
  qrReport: (token: string, body: Record<string, unknown>) =>
    api.post<{ no: string; dueAt: string }>(`/api/public/repairs/qr/${token}/reports`, body),
  /** the public report with photos: one multipart request, all or nothing */
  qrReportWithPhotos: async (token: string, body: Record<string, unknown>, photos: File[]) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(body)) if (v !== undefined && v !== null) form.append(k, String(v));
    for (const f of photos) form.append('photos', f, f.name);
    const res = await fetch(`/api/public/repairs/qr/${token}/reports/with-photos`, {
      method: 'POST',
      headers: { 'accept-language': getLocale(), accept: 'application/json' },
      body: form,
      // a public report: no session cookie (a signed-in phone would otherwise need the CSRF header)
      credentials: 'omit',
    });
    if (!res.ok) throw await toApiError(res);
    return (await res.json()) as { no: string; dueAt: string; photos: number };
  },
};
