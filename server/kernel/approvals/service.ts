import { sql } from 'kysely';
import type { Db, Tx } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { audit } from '../audit/audit.ts';
import { DomainError, errors } from '../errors.ts';
import type { Actor, UserPrincipal } from '../http/access.ts';
import { roleHolds } from '../access/permissions.ts';
import { notify } from '../notify/service.ts';
import { SUBMIT } from './permissions.ts';
import { matterType, type MatterRef, type MatterTypeDef } from './registry.ts';
import * as repo from './repository.ts';
import { syncAttachments } from './attachments.ts';
import {
  approversForSteps,
  assignStep,
  markAssigned,
  parsePayload,
  requesterContext,
  storedSteps,
  typeOrFail,
} from './steps.ts';
import { matterNotice, outcomeNotice } from './notices.ts';
import { assertVisible } from './visibility.ts';
import { checkOpinion, decide, requesterMove, type Decision, type MatterStatus } from './workflow.ts';

type Matter = NonNullable<repo.MatterRow>;

export interface MatterInput {
  type: string;
  title: string;
  payload: unknown;
  attachmentIds?: string[] | undefined;
  submit?: boolean | undefined;
}

export interface MatterPatch {
  title?: string | undefined;
  payload?: unknown;
  attachmentIds?: string[] | undefined;
  /** the version the client edited; a different current version is a 409 */
  version?: number | undefined;
}

/** The requester of a new matter: a person's account holding `approvals.submit`. */
function requesterOf(p: UserPrincipal) {
  if (!p.personId || !p.unitId || !p.jurisdictionId) {
    throw new DomainError('no_person', 'forbidden', {
      'zh-CN': '只有关联了人员档案的账号才能发起审批',
      en: 'Only an account linked to a person can raise a matter',
    });
  }
  if (!p.roles.some((a) => roleHolds(a.role, SUBMIT))) throw errors.forbidden();
  return { personId: p.personId, unitId: p.unitId, jurisdictionId: p.jurisdictionId };
}

async function lockOrFail(tx: Tx, id: string): Promise<Matter> {
  const m = await repo.lockMatter(tx, id);
  if (!m) throw errors.notFound('approvals.matter', id);
  return m;
}

/** Locks a matter the caller raised; anyone else is refused (403, or 404 for an unknown id). */
async function lockOwn(tx: Tx, id: string, p: UserPrincipal): Promise<Matter> {
  const m = await lockOrFail(tx, id);
  if (m.requester_account_id !== p.accountId) {
    await assertVisible(tx, m, p);
    throw errors.forbidden({
      'zh-CN': '只有发起人可以执行此操作',
      en: 'Only the requester can do this',
    });
  }
  return m;
}

const snapshot = (m: Pick<Matter, 'status' | 'current_step' | 'steps' | 'round'>) => ({
  status: m.status,
  step: m.current_step === null ? null : (m.steps?.[m.current_step]?.key ?? null),
  round: m.round,
});

/** What a type's hooks see of a matter. */
function refOf(m: Matter): MatterRef {
  return {
    id: m.id,
    type: m.type,
    title: m.title,
    payload: m.payload,
    requesterAccountId: m.requester_account_id,
    requesterPersonId: m.requester_person_id,
    unitId: m.unit_id,
    jurisdictionId: m.jurisdiction_id,
  };
}

function where(m: Matter) {
  return { entity: 'approvals.matter', entityId: m.id, jurisdictionId: m.jurisdiction_id, unitId: m.unit_id };
}

export async function createMatter(
  db: Db,
  p: UserPrincipal,
  input: MatterInput,
  actor: Actor,
): Promise<string> {
  const requester = requesterOf(p);
  const def = typeOrFail(input.type);
  const payload = parsePayload(def, input.payload);
  return inTransaction(db, async (tx) => {
    const m = await tx
      .insertInto('approval_matter')
      .values({
        type: def.type,
        title: input.title,
        payload: JSON.stringify(payload),
        requester_account_id: p.accountId,
        requester_person_id: requester.personId,
        unit_id: requester.unitId,
        jurisdiction_id: requester.jurisdictionId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await syncAttachments(tx, m.id, p.accountId, input.attachmentIds ?? []);
    await repo.insertEvent(tx, {
      matterId: m.id,
      actorAccountId: p.accountId,
      action: 'create',
      round: 0,
      fromStatus: null,
      toStatus: 'draft',
    });
    await audit(tx, actor, {
      ...where(m),
      action: 'create',
      after: { type: m.type, title: m.title, status: 'draft', attachmentIds: input.attachmentIds ?? [] },
    });
    if (input.submit) await submitLocked(tx, m, def, actor);
    return m.id;
  });
}

export async function updateMatter(
  db: Db,
  p: UserPrincipal,
  id: string,
  patch: MatterPatch,
  actor: Actor,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const m = await lockOwn(tx, id, p);
    requesterMove(m.status, 'edit');
    if (patch.version !== undefined && patch.version !== m.version) {
      throw errors.conflict(
        'stale_version',
        {
          'zh-CN': '该事项已被修改，请刷新后重试',
          en: 'The matter has changed since you loaded it; reload and retry',
        },
        [{ field: 'version', expected: m.version }],
      );
    }
    const def = typeOrFail(m.type);
    const payload = patch.payload === undefined ? m.payload : parsePayload(def, patch.payload);
    const title = patch.title ?? m.title;
    if (patch.attachmentIds) await syncAttachments(tx, m.id, p.accountId, patch.attachmentIds);
    await tx
      .updateTable('approval_matter')
      .set({
        title,
        payload: JSON.stringify(payload),
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('id', '=', m.id)
      .execute();
    await repo.insertEvent(tx, {
      matterId: m.id,
      actorAccountId: p.accountId,
      action: 'update',
      round: m.round,
      fromStatus: m.status,
      toStatus: m.status,
    });
    await audit(tx, actor, {
      ...where(m),
      action: 'update',
      before: { status: m.status, title: m.title, payload: m.payload },
      after: { status: m.status, title, payload, attachmentIds: patch.attachmentIds },
    });
  });
}

export async function submitMatter(db: Db, p: UserPrincipal, id: string, actor: Actor): Promise<void> {
  await inTransaction(db, async (tx) => {
    const m = await lockOwn(tx, id, p);
    requesterMove(m.status, 'submit');
    if (!p.roles.some((a) => roleHolds(a.role, SUBMIT))) throw errors.forbidden();
    await submitLocked(tx, m, typeOrFail(m.type), actor);
  });
}

/** Starts a new round at the first step; every step must have an approver, or nothing happens. */
async function submitLocked(tx: Tx, m: Matter, def: MatterTypeDef, actor: Actor): Promise<void> {
  const payload = parsePayload(def, m.payload);
  const declared = storedSteps(def, payload, await requesterContext(tx, m.jurisdiction_id));
  const assignments = await approversForSteps(tx, declared, m);
  const steps = markAssigned(declared, 0, assignments[0]!);
  const first = steps[0]!;
  const round = m.round + 1;
  const assigned = assignments[0]!.approvers;
  await repo.insertTasks(tx, m.id, round, 0, first.key, assigned);
  const after = { status: 'submitted' as MatterStatus, current_step: 0, steps, round };
  await tx
    .updateTable('approval_matter')
    .set({
      status: 'submitted',
      steps: JSON.stringify(steps),
      current_step: 0,
      round,
      submitted_at: sql`now()`,
      decided_at: null,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', m.id)
    .execute();
  await repo.insertEvent(tx, {
    matterId: m.id,
    actorAccountId: actor.accountId,
    action: 'submit',
    round,
    stepKey: first.key,
    fromStatus: m.status,
    toStatus: 'submitted',
  });
  await audit(tx, actor, { ...where(m), action: 'submit', before: snapshot(m), after: snapshot(after) });
  await notify(tx, assigned, matterNotice('task', def, m));
}

export async function withdrawMatter(
  db: Db,
  p: UserPrincipal,
  id: string,
  reason: string | undefined,
  actor: Actor,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const m = await lockOwn(tx, id, p);
    requesterMove(m.status, 'withdraw');
    const opinion = reason?.trim() || null;
    const cancelled = await repo.cancelTasks(tx, m.id);
    await tx
      .updateTable('approval_matter')
      .set({
        status: 'withdrawn',
        current_step: null,
        decided_at: sql`now()`,
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('id', '=', m.id)
      .execute();
    await repo.insertEvent(tx, {
      matterId: m.id,
      actorAccountId: p.accountId,
      action: 'withdraw',
      round: m.round,
      opinion,
      fromStatus: m.status,
      toStatus: 'withdrawn',
    });
    await audit(tx, actor, {
      ...where(m),
      action: 'withdraw',
      before: snapshot(m),
      after: { ...snapshot({ ...m, status: 'withdrawn', current_step: null }), opinion },
    });
    const def = matterType(m.type);
    await def?.onWithdrawn?.(tx, refOf(m), actor);
    if (def) await notify(tx, cancelled, matterNotice('withdrawn', def, m));
  });
}

export interface DecisionInput {
  decision: Decision;
  opinion?: string | undefined;
  attachmentIds?: string[] | undefined;
}

export async function decideMatter(
  db: Db,
  p: UserPrincipal,
  id: string,
  input: DecisionInput,
  actor: Actor,
): Promise<void> {
  const opinion = checkOpinion(input.decision, input.opinion);
  await inTransaction(db, async (tx) => {
    const m = await lockOrFail(tx, id);
    await assertVisible(tx, m, p);
    const steps = m.steps ?? [];
    const step = m.current_step === null ? undefined : steps[m.current_step];
    const tasks =
      m.current_step === null
        ? []
        : (await repo.stepTasks(tx, m.id, m.round, m.current_step)).map((t) => ({
            id: t.id,
            approverAccountId: t.approver_account_id,
            status: t.status,
          }));
    const outcome = decide({
      status: m.status,
      currentStep: m.current_step,
      stepCount: steps.length,
      mode: step?.mode ?? 'single',
      tasks,
      approverAccountId: p.accountId,
      decision: input.decision,
    });
    await repo.closeTask(tx, outcome.taskId, outcome.taskStatus, opinion);
    await repo.cancelTasks(tx, m.id, outcome.cancelTaskIds);
    if (input.attachmentIds?.length) await syncAttachments(tx, m.id, p.accountId, input.attachmentIds, 'add');
    const def = typeOrFail(m.type);
    let entered: typeof steps | null = null;
    if (outcome.enterStep !== null) {
      const next = steps[outcome.enterStep]!;
      const assignment = await assignStep(tx, next, m);
      entered = markAssigned(steps, outcome.enterStep, assignment);
      await repo.insertTasks(tx, m.id, m.round, outcome.enterStep, next.key, assignment.approvers);
      await notify(tx, assignment.approvers, matterNotice('task', def, m));
    }
    const final = outcome.status !== 'submitted';
    await tx
      .updateTable('approval_matter')
      .set({
        ...(entered ? { steps: JSON.stringify(entered) } : {}),
        status: outcome.status,
        current_step: outcome.currentStep,
        decided_at: outcome.status === 'approved' || outcome.status === 'rejected' ? sql`now()` : null,
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('id', '=', m.id)
      .execute();
    await repo.insertEvent(tx, {
      matterId: m.id,
      actorAccountId: p.accountId,
      action: input.decision,
      round: m.round,
      stepKey: step?.key ?? null,
      opinion,
      fromStatus: m.status,
      toStatus: outcome.status,
    });
    const after = { ...m, status: outcome.status, current_step: outcome.currentStep };
    await audit(tx, actor, {
      ...where(m),
      action: input.decision,
      before: snapshot(m),
      after: { ...snapshot(after), decidedStep: step?.key ?? null, opinion },
    });
    const ref = refOf(m);
    if (outcome.status === 'approved') await def.onApproved?.(tx, ref, actor);
    if (outcome.status === 'rejected') await def.onRejected?.(tx, ref, actor);
    if (final) await notify(tx, [m.requester_account_id], outcomeNotice(outcome.status, def, m, opinion));
  });
}
