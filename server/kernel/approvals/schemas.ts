import { z } from 'zod';
import { pageQuery } from '../http/paging.ts';
import { MATTER_STATUSES, TASK_STATUSES } from './workflow.ts';

/** Request and response contracts of the approvals API (also what the web client reads). */

const matterTypeName = z
  .string()
  .trim()
  .min(3)
  .max(60)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/);
const title = z.string().trim().min(1).max(200);
const attachmentIds = z.array(z.uuid()).max(20);
const opinion = z.string().trim().max(2000);

export const createBody = z.object({
  type: matterTypeName,
  title,
  payload: z.unknown(),
  attachmentIds: attachmentIds.optional(),
  submit: z.boolean().optional(),
});

export const patchBody = z
  .object({
    title: title.optional(),
    payload: z.unknown().optional(),
    attachmentIds: attachmentIds.optional(),
    version: z.number().int().min(1).optional(),
  })
  .refine((b) => b.title !== undefined || b.payload !== undefined || b.attachmentIds !== undefined, {
    message: 'nothing to change',
    path: ['title'],
  });

export const decideBody = z.object({
  decision: z.enum(['approve', 'reject', 'return']),
  opinion: opinion.optional(),
  attachmentIds: attachmentIds.optional(),
});

/** optional: a bodiless POST arrives as null */
export const withdrawBody = z.object({ opinion: opinion.optional() }).nullish();

export const idParams = z.object({ id: z.uuid() });

export const matterStatus = z.enum(MATTER_STATUSES);

export const mineQuery = pageQuery.extend({
  status: matterStatus.optional(),
  type: matterTypeName.optional(),
});

export const inboxQuery = pageQuery.extend({
  state: z.enum(['pending', 'done']).default('pending'),
  type: matterTypeName.optional(),
});

export const allQuery = mineQuery.extend({
  unitId: z.uuid().optional(),
  jurisdictionId: z.uuid().optional(),
});

export const typeView = z.object({ type: z.string(), label: z.string() });

export const matterRow = z.object({
  id: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  title: z.string(),
  summary: z.string(),
  status: matterStatus,
  statusLabel: z.string(),
  currentStep: z.string().nullable(),
  currentStepLabel: z.string().nullable(),
  requesterName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type MatterRowView = z.infer<typeof matterRow>;

export const inboxRow = matterRow.extend({
  taskId: z.string(),
  taskStatus: z.enum(TASK_STATUSES),
  stepKey: z.string(),
  stepLabel: z.string(),
  assignedAt: z.string(),
  taskDecidedAt: z.string().nullable(),
});
export type InboxRowView = z.infer<typeof inboxRow>;

export const matterDetail = z.object({
  id: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  title: z.string(),
  summary: z.string(),
  payload: z.unknown(),
  status: matterStatus,
  statusLabel: z.string(),
  version: z.number().int(),
  round: z.number().int(),
  requester: z.object({ accountId: z.string(), name: z.string() }),
  unitId: z.string(),
  unitName: z.string(),
  jurisdictionId: z.string(),
  currentStep: z.string().nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  steps: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      mode: z.enum(['single', 'any', 'all']),
      /** the role whose holders got (or will get) the step's tasks: the step's own, or its escalation */
      approverRole: z.string(),
      approverRoleLabel: z.string(),
      escalated: z.boolean(),
      status: z.enum(['waiting', 'in_progress', 'approved', 'rejected', 'returned', 'cancelled']),
      tasks: z.array(
        z.object({
          approverAccountId: z.string(),
          approverName: z.string(),
          status: z.enum(TASK_STATUSES),
          opinion: z.string().nullable(),
          decidedAt: z.string().nullable(),
        }),
      ),
    }),
  ),
  attachments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      sizeBytes: z.number(),
      contentType: z.string(),
      addedByName: z.string(),
      addedAt: z.string(),
    }),
  ),
  history: z.array(
    z.object({
      at: z.string(),
      actorName: z.string().nullable(),
      action: z.string(),
      stepKey: z.string().nullable(),
      stepLabel: z.string().nullable(),
      opinion: z.string().nullable(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
    }),
  ),
  can: z.object({ edit: z.boolean(), submit: z.boolean(), withdraw: z.boolean(), decide: z.boolean() }),
});
export type MatterDetailView = z.infer<typeof matterDetail>;
