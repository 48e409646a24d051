import { api, type Page, type Query } from '../../shared/api.ts';

export type MatterStatus = 'draft' | 'submitted' | 'approved' | 'rejected' | 'withdrawn' | 'returned';
export type TaskStatus = 'pending' | 'approved' | 'rejected' | 'returned' | 'cancelled';
export type StepStatus = 'waiting' | 'in_progress' | 'approved' | 'rejected' | 'returned' | 'cancelled';
export type Decision = 'approve' | 'reject' | 'return';

export const MATTER_STATUSES: readonly MatterStatus[] = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'withdrawn',
  'returned',
];

export interface MatterRow {
  id: string;
  type: string;
  typeLabel: string;
  title: string;
  summary: string;
  status: MatterStatus;
  statusLabel: string;
  currentStep: string | null;
  currentStepLabel: string | null;
  requesterName: string;
  unitId: string;
  unitName: string;
  createdAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  updatedAt: string;
}

export interface InboxRow extends MatterRow {
  taskId: string;
  taskStatus: TaskStatus;
  stepKey: string;
  stepLabel: string;
  assignedAt: string;
  taskDecidedAt: string | null;
}

export interface MatterDetail {
  id: string;
  type: string;
  typeLabel: string;
  title: string;
  summary: string;
  payload: unknown;
  status: MatterStatus;
  statusLabel: string;
  version: number;
  round: number;
  requester: { accountId: string; name: string };
  unitId: string;
  unitName: string;
  jurisdictionId: string;
  currentStep: string | null;
  createdAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  steps: {
    key: string;
    label: string;
    mode: 'single' | 'any' | 'all';
    status: StepStatus;
    tasks: {
      approverAccountId: string;
      approverName: string;
      status: TaskStatus;
      opinion: string | null;
      decidedAt: string | null;
    }[];
  }[];
  attachments: {
    id: string;
    name: string;
    sizeBytes: number;
    contentType: string;
    addedByName: string;
    addedAt: string;
  }[];
  history: {
    at: string;
    actorName: string | null;
    action: string;
    stepKey: string | null;
    stepLabel: string | null;
    opinion: string | null;
    fromStatus: string | null;
    toStatus: string | null;
  }[];
  can: { edit: boolean; submit: boolean; withdraw: boolean; decide: boolean };
}

/** The payload of the kernel's own type `kernel.general` (一般事项请示). */
export interface GeneralPayload {
  body: string;
  amountFen?: number;
  /** the unit's administrators co-sign (会签) before the request goes up */
  coSign?: boolean;
}

export const GENERAL_TYPE = 'kernel.general';

export interface UploadedFile {
  id: string;
  name?: string;
  sizeBytes?: number;
}

export const approvalsApi = {
  types: () => api.get<{ type: string; label: string }[]>('/api/approvals/types'),
  mine: (q: Query) => api.get<Page<MatterRow>>('/api/approvals/mine', q),
  inbox: (q: Query) => api.get<Page<InboxRow>>('/api/approvals/inbox', q),
  all: (q: Query) => api.get<Page<MatterRow>>('/api/approvals/matters', q),
  get: (id: string) => api.get<MatterDetail>(`/api/approvals/matters/${id}`),
  create: (body: {
    type: string;
    title: string;
    payload: unknown;
    attachmentIds?: string[];
    submit?: boolean;
  }) => api.post<MatterDetail>('/api/approvals/matters', body),
  update: (
    id: string,
    body: { title?: string; payload?: unknown; attachmentIds?: string[]; version?: number },
  ) => api.patch<MatterDetail>(`/api/approvals/matters/${id}`, body),
  submit: (id: string) => api.post<MatterDetail>(`/api/approvals/matters/${id}/submit`),
  withdraw: (id: string, opinion?: string) =>
    api.post<MatterDetail>(`/api/approvals/matters/${id}/withdraw`, opinion ? { opinion } : {}),
  decide: (id: string, decision: Decision, opinion?: string) =>
    api.post<MatterDetail>(`/api/approvals/matters/${id}/decide`, {
      decision,
      opinion: opinion || undefined,
    }),
  upload: (file: File) => api.upload<UploadedFile>('/api/files', file),
  fileUrl: (id: string) => `/api/files/${id}`,
};
