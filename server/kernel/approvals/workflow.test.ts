import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import {
  abilities,
  checkOpinion,
  decide,
  isFinal,
  MATTER_STATUSES,
  requesterMove,
  stepStatus,
  type DecisionInput,
  type MatterStatus,
  type RequesterAction,
  type StepTask,
} from './workflow.ts';

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('requester moves', () => {
  const allowed: Record<RequesterAction, Partial<Record<MatterStatus, MatterStatus>>> = {
    edit: { draft: 'draft', returned: 'returned' },
    submit: { draft: 'submitted', returned: 'submitted' },
    withdraw: { draft: 'withdrawn', submitted: 'withdrawn', returned: 'withdrawn' },
  };
  for (const action of ['edit', 'submit', 'withdraw'] as const) {
    for (const status of MATTER_STATUSES) {
      const to = allowed[action][status];
      if (to) {
        it(`${action}: ${status} → ${to}`, () => {
          expect(requesterMove(status, action)).toBe(to);
        });
      } else {
        it(`${action}: refused from ${status} with 409 invalid_transition`, () => {
          const e = refusal(() => requesterMove(status, action));
          expect(e.code).toBe('invalid_transition');
          expect(e.kind).toBe('conflict');
          expect(e.details).toEqual([{ status, action }]);
          expect(e.messages['zh-CN']).toContain('不能');
        });
      }
    }
  }

  it('knows the final states', () => {
    expect(MATTER_STATUSES.filter(isFinal)).toEqual(['approved', 'rejected', 'withdrawn']);
  });
});

describe('opinions', () => {
  it('are optional for approving and trimmed', () => {
    expect(checkOpinion('approve', undefined)).toBeNull();
    expect(checkOpinion('approve', '  ')).toBeNull();
    expect(checkOpinion('approve', ' 同意 ')).toBe('同意');
  });
  it.each(['reject', 'return'] as const)('are required to %s', (decision) => {
    const e = refusal(() => checkOpinion(decision, '   '));
    expect(e.code).toBe('opinion_required');
    expect(e.kind).toBe('invalid');
    expect(e.details[0]?.field).toBe('opinion');
    expect(checkOpinion(decision, '材料不全')).toBe('材料不全');
  });
});

const task = (id: string, approver: string, status: StepTask['status'] = 'pending'): StepTask => ({
  id,
  approverAccountId: approver,
  status,
});

function input(over: Partial<DecisionInput>): DecisionInput {
  return {
    status: 'submitted',
    currentStep: 0,
    stepCount: 2,
    mode: 'single',
    tasks: [task('t1', 'a')],
    approverAccountId: 'a',
    decision: 'approve',
    ...over,
  };
}

describe('decisions', () => {
  it('single: approving moves to the next step', () => {
    expect(decide(input({}))).toEqual({
      taskId: 't1',
      taskStatus: 'approved',
      cancelTaskIds: [],
      status: 'submitted',
      currentStep: 1,
      enterStep: 1,
    });
  });

  it('approving the last step approves the matter', () => {
    expect(decide(input({ currentStep: 1 }))).toMatchObject({
      status: 'approved',
      currentStep: null,
      enterStep: null,
    });
  });

  it('any: the first approval closes the step and cancels the other tasks', () => {
    const out = decide(
      input({ mode: 'any', stepCount: 1, tasks: [task('t1', 'a'), task('t2', 'b')], approverAccountId: 'b' }),
    );
    expect(out).toMatchObject({ taskId: 't2', cancelTaskIds: ['t1'], status: 'approved' });
  });

  it('all: an approval waits while other tasks are pending', () => {
    const out = decide(input({ mode: 'all', tasks: [task('t1', 'a'), task('t2', 'b')] }));
    expect(out).toEqual({
      taskId: 't1',
      taskStatus: 'approved',
      cancelTaskIds: [],
      status: 'submitted',
      currentStep: 0,
      enterStep: null,
    });
  });

  it('all: the last approval closes the step', () => {
    const out = decide(
      input({ mode: 'all', tasks: [task('t1', 'a', 'approved'), task('t2', 'b')], approverAccountId: 'b' }),
    );
    expect(out).toMatchObject({ taskId: 't2', status: 'submitted', currentStep: 1, enterStep: 1 });
  });

  it.each(['single', 'any', 'all'] as const)('%s: a rejection rejects the matter at once', (mode) => {
    const out = decide(input({ mode, decision: 'reject', tasks: [task('t1', 'a'), task('t2', 'b')] }));
    expect(out).toEqual({
      taskId: 't1',
      taskStatus: 'rejected',
      cancelTaskIds: ['t2'],
      status: 'rejected',
      currentStep: null,
      enterStep: null,
    });
  });

  it.each(['single', 'any', 'all'] as const)(
    '%s: a return sends the matter back to the requester',
    (mode) => {
      const out = decide(
        input({ mode, currentStep: 1, decision: 'return', tasks: [task('t1', 'a'), task('t2', 'b')] }),
      );
      expect(out).toMatchObject({
        taskStatus: 'returned',
        cancelTaskIds: ['t2'],
        status: 'returned',
        currentStep: null,
      });
    },
  );

  it.each(MATTER_STATUSES.filter((s) => s !== 'submitted'))('is refused on a %s matter (409)', (status) => {
    const e = refusal(() => decide(input({ status, currentStep: null })));
    expect(e.code).toBe('invalid_transition');
    expect(e.kind).toBe('conflict');
  });

  it('is refused to someone without a task on the step (403)', () => {
    const e = refusal(() => decide(input({ approverAccountId: 'stranger' })));
    expect(e.kind).toBe('forbidden');
  });

  it('is refused when the task was closed by another approver or already decided (409)', () => {
    expect(refusal(() => decide(input({ tasks: [task('t1', 'a', 'cancelled')] }))).code).toBe('task_closed');
    expect(refusal(() => decide(input({ tasks: [task('t1', 'a', 'approved')] }))).code).toBe('task_closed');
  });
});

describe('abilities', () => {
  it('lets the requester edit and submit drafts and returned matters, and withdraw undecided ones', () => {
    const of = (status: MatterStatus) => abilities({ status, isRequester: true, hasPendingTask: false });
    expect(of('draft')).toEqual({ edit: true, submit: true, withdraw: true, decide: false });
    expect(of('returned')).toEqual({ edit: true, submit: true, withdraw: true, decide: false });
    expect(of('submitted')).toEqual({ edit: false, submit: false, withdraw: true, decide: false });
    for (const s of ['approved', 'rejected', 'withdrawn'] as const) {
      expect(of(s)).toEqual({ edit: false, submit: false, withdraw: false, decide: false });
    }
  });

  it('lets an approver with a pending task decide a submitted matter, and nothing else', () => {
    expect(abilities({ status: 'submitted', isRequester: false, hasPendingTask: true })).toEqual({
      edit: false,
      submit: false,
      withdraw: false,
      decide: true,
    });
    expect(abilities({ status: 'draft', isRequester: false, hasPendingTask: false })).toEqual({
      edit: false,
      submit: false,
      withdraw: false,
      decide: false,
    });
  });
});

describe('step status', () => {
  const base = { index: 0, mode: 'any' as const, matterStatus: 'submitted' as const, currentStep: 0 };
  it('shows the current step in progress and later ones waiting', () => {
    expect(stepStatus({ ...base, tasks: ['pending', 'pending'] })).toBe('in_progress');
    expect(stepStatus({ ...base, index: 1, tasks: [] })).toBe('waiting');
  });
  it('approves an any-step on one approval, an all-step only on every approval', () => {
    expect(stepStatus({ ...base, currentStep: 1, tasks: ['approved', 'cancelled'] })).toBe('approved');
    expect(stepStatus({ ...base, mode: 'all', tasks: ['approved', 'pending'] })).toBe('in_progress');
    expect(stepStatus({ ...base, mode: 'all', currentStep: 1, tasks: ['approved', 'approved'] })).toBe(
      'approved',
    );
  });
  it('marks rejected, returned and cancelled steps', () => {
    expect(
      stepStatus({ ...base, matterStatus: 'rejected', currentStep: null, tasks: ['rejected', 'cancelled'] }),
    ).toBe('rejected');
    expect(stepStatus({ ...base, matterStatus: 'returned', currentStep: null, tasks: ['returned'] })).toBe(
      'returned',
    );
    expect(stepStatus({ ...base, matterStatus: 'withdrawn', currentStep: null, tasks: ['cancelled'] })).toBe(
      'cancelled',
    );
  });
});
