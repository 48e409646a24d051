import { errors, type DomainError, type Messages } from '../errors.ts';
import type { StepMode } from './registry.ts';

/**
 * The approval state machine, as pure functions: no database, no clock. The service loads the rows,
 * asks these functions what happens, and writes the answer.
 *
 *   draft ──submit──▶ submitted ──(last step approved)──▶ approved
 *     ▲                 │  ├──reject──▶ rejected
 *     │                 │  └──return──▶ returned ──submit──▶ submitted (from step 1 again)
 *     └─edit            └──withdraw──▶ withdrawn  (also from draft and returned)
 */
export const MATTER_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'withdrawn',
  'returned',
] as const;
export type MatterStatus = (typeof MATTER_STATUSES)[number];

export const TASK_STATUSES = ['pending', 'approved', 'rejected', 'returned', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export type RequesterAction = 'edit' | 'submit' | 'withdraw';
export type Decision = 'approve' | 'reject' | 'return';

export const STATUS_LABELS: Record<MatterStatus, Messages> = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  submitted: { 'zh-CN': '审批中', en: 'In progress' },
  approved: { 'zh-CN': '已通过', en: 'Approved' },
  rejected: { 'zh-CN': '已驳回', en: 'Rejected' },
  withdrawn: { 'zh-CN': '已撤回', en: 'Withdrawn' },
  returned: { 'zh-CN': '已退回修改', en: 'Returned for changes' },
};

const REQUESTER_MOVES: Record<RequesterAction, Partial<Record<MatterStatus, MatterStatus>>> = {
  edit: { draft: 'draft', returned: 'returned' },
  submit: { draft: 'submitted', returned: 'submitted' },
  withdraw: { draft: 'withdrawn', submitted: 'withdrawn', returned: 'withdrawn' },
};

const ACTION_LABELS: Record<RequesterAction | Decision, Messages> = {
  edit: { 'zh-CN': '修改', en: 'edited' },
  submit: { 'zh-CN': '提交', en: 'submitted' },
  withdraw: { 'zh-CN': '撤回', en: 'withdrawn' },
  approve: { 'zh-CN': '审批', en: 'decided' },
  reject: { 'zh-CN': '审批', en: 'decided' },
  return: { 'zh-CN': '审批', en: 'decided' },
};

function invalidTransition(status: MatterStatus, action: RequesterAction | Decision): DomainError {
  const s = STATUS_LABELS[status];
  const a = ACTION_LABELS[action];
  return errors.conflict(
    'invalid_transition',
    {
      'zh-CN': `事项当前状态为“${s['zh-CN']}”，不能${a['zh-CN']}`,
      en: `A matter that is ${s.en.toLowerCase()} cannot be ${a.en}`,
    },
    [{ status, action }],
  );
}

/** The status after a requester's action, or a 409 `invalid_transition`. */
export function requesterMove(status: MatterStatus, action: RequesterAction): MatterStatus {
  const next = REQUESTER_MOVES[action][status];
  if (!next) throw invalidTransition(status, action);
  return next;
}

/** Whether a matter in this status is finished (no one may act on it any more). */
export function isFinal(status: MatterStatus): boolean {
  return status === 'approved' || status === 'rejected' || status === 'withdrawn';
}

/** Rejecting and returning must say why; an opinion is optional for approving. */
export function checkOpinion(decision: Decision, opinion: string | null | undefined): string | null {
  const text = opinion?.trim() ?? '';
  if (decision !== 'approve' && text === '') {
    throw errors.field('opinion', 'opinion_required', {
      'zh-CN': decision === 'reject' ? '驳回时必须填写审批意见' : '退回修改时必须填写审批意见',
      en: decision === 'reject' ? 'Rejecting needs an opinion' : 'Returning for changes needs an opinion',
    });
  }
  return text === '' ? null : text;
}

export interface StepTask {
  id: string;
  approverAccountId: string;
  status: TaskStatus;
}

export interface DecisionInput {
  status: MatterStatus;
  currentStep: number | null;
  stepCount: number;
  /** the mode of the current step */
  mode: StepMode;
  /** the tasks of the current step in the current round */
  tasks: readonly StepTask[];
  approverAccountId: string;
  decision: Decision;
}

export interface DecisionOutcome {
  /** the decider's task and its new status */
  taskId: string;
  taskStatus: Exclude<TaskStatus, 'pending' | 'cancelled'>;
  /** other pending tasks of the step that the decision closes */
  cancelTaskIds: string[];
  status: MatterStatus;
  currentStep: number | null;
  /** the step whose tasks must now be created, when the decision moves the matter on */
  enterStep: number | null;
}

const TASK_STATUS_OF: Record<Decision, DecisionOutcome['taskStatus']> = {
  approve: 'approved',
  reject: 'rejected',
  return: 'returned',
};

/**
 * One approver's decision on the current step. 'single' and 'any' steps close on the first decision;
 * an 'all' step closes when every task is approved, or at once on a rejection or a return.
 */
export function decide(input: DecisionInput): DecisionOutcome {
  if (input.status !== 'submitted' || input.currentStep === null) {
    throw invalidTransition(input.status, input.decision);
  }
  const mine = input.tasks.filter((t) => t.approverAccountId === input.approverAccountId);
  if (mine.length === 0) {
    throw errors.forbidden({
      'zh-CN': '您不是该事项当前环节的审批人',
      en: 'You are not an approver of the current step of this matter',
    });
  }
  const task = mine.find((t) => t.status === 'pending');
  if (!task) {
    throw errors.conflict('task_closed', {
      'zh-CN': '您的审批任务已处理或已被其他审批人办结',
      en: 'Your task was already decided or closed by another approver',
    });
  }
  const others = input.tasks.filter((t) => t.id !== task.id && t.status === 'pending').map((t) => t.id);
  const taskStatus = TASK_STATUS_OF[input.decision];
  const base = { taskId: task.id, taskStatus };

  if (input.decision === 'reject') {
    return { ...base, cancelTaskIds: others, status: 'rejected', currentStep: null, enterStep: null };
  }
  if (input.decision === 'return') {
    return { ...base, cancelTaskIds: others, status: 'returned', currentStep: null, enterStep: null };
  }
  if (input.mode === 'all' && others.length > 0) {
    return {
      ...base,
      cancelTaskIds: [],
      status: 'submitted',
      currentStep: input.currentStep,
      enterStep: null,
    };
  }
  const next = input.currentStep + 1;
  if (next < input.stepCount) {
    return { ...base, cancelTaskIds: others, status: 'submitted', currentStep: next, enterStep: next };
  }
  return { ...base, cancelTaskIds: others, status: 'approved', currentStep: null, enterStep: null };
}

export interface Abilities {
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  decide: boolean;
}

/** What the viewer of a matter may do now: drives the buttons of the detail page. */
export function abilities(input: {
  status: MatterStatus;
  isRequester: boolean;
  hasPendingTask: boolean;
}): Abilities {
  const { status, isRequester } = input;
  return {
    edit: isRequester && REQUESTER_MOVES.edit[status] !== undefined,
    submit: isRequester && REQUESTER_MOVES.submit[status] !== undefined,
    withdraw: isRequester && REQUESTER_MOVES.withdraw[status] !== undefined,
    decide: status === 'submitted' && input.hasPendingTask,
  };
}

export type StepStatus = 'waiting' | 'in_progress' | 'approved' | 'rejected' | 'returned' | 'cancelled';

/** How one step of the current round stands, for the detail view. */
export function stepStatus(input: {
  index: number;
  mode: StepMode;
  matterStatus: MatterStatus;
  currentStep: number | null;
  /** the step's task statuses in the current round */
  tasks: readonly TaskStatus[];
}): StepStatus {
  const { tasks } = input;
  if (tasks.includes('rejected')) return 'rejected';
  if (tasks.includes('returned')) return 'returned';
  const approved =
    input.mode === 'all'
      ? tasks.length > 0 && tasks.every((t) => t === 'approved')
      : tasks.includes('approved');
  if (approved) return 'approved';
  if (input.matterStatus === 'submitted' && input.currentStep === input.index) return 'in_progress';
  return tasks.length > 0 ? 'cancelled' : 'waiting';
}
