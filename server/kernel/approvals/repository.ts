import { sql } from 'kysely';
import type { Executor, Tx } from '../db/schema.ts';
import type { EventAction, StoredWithin } from './tables.ts';
import type { TaskStatus } from './workflow.ts';
import '../auth/tables.ts';
import '../org/tables.ts';
import '../files/tables.ts';
import './tables.ts';

/** SQL of the approval workflow, and nothing else. */

export type MatterRow = Awaited<ReturnType<typeof findMatter>>;

export function findMatter(ex: Executor, id: string) {
  return ex.selectFrom('approval_matter').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the matter row for the rest of the transaction: decisions on one matter run one at a time. */
export function lockMatter(tx: Tx, id: string) {
  return tx.selectFrom('approval_matter').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** A person's name when the account is a person, else the account's display name. */
export const actorName = sql<string>`coalesce(p.name, a.display_name)`;

export interface Requester {
  accountId: string;
  unitId: string;
  jurisdictionId: string;
}

/**
 * The accounts that may approve one step for a requester: holders of the step's role whose grant
 * covers what `within` names, enabled, never the requester. Narrowest grant first, then username,
 * so 'single' steps always pick the same approver.
 */
export async function eligibleApprovers(
  ex: Executor,
  step: { role: string; within: StoredWithin },
  requester: Requester,
) {
  return ex
    .selectFrom('auth_role_assignment as r')
    .innerJoin('auth_account as a', 'a.id', 'r.account_id')
    .select([
      'a.id',
      'a.username',
      sql<number>`min(case r.scope_kind when 'unit' then 0 when 'jurisdiction' then 1 else 2 end)`.as(
        'reach',
      ),
    ])
    .where('r.role', '=', step.role)
    .where('a.disabled', '=', false)
    .where('a.id', '!=', requester.accountId)
    .where((eb) => {
      const city = eb('r.scope_kind', '=', 'city');
      const jurisdiction = eb.and([
        eb('r.scope_kind', '=', 'jurisdiction'),
        eb('r.jurisdiction_id', '=', requester.jurisdictionId),
      ]);
      const unit = eb.and([eb('r.scope_kind', '=', 'unit'), eb('r.unit_id', '=', requester.unitId)]);
      if (step.within === 'city') return city;
      if (step.within === 'requester_jurisdiction') return eb.or([city, jurisdiction]);
      return eb.or([city, jurisdiction, unit]);
    })
    .groupBy(['a.id', 'a.username'])
    .orderBy('reach')
    .orderBy('a.username')
    .execute();
}

export function stepTasks(ex: Executor, matterId: string, round: number, stepIndex: number) {
  return ex
    .selectFrom('approval_task')
    .select(['id', 'approver_account_id', 'status'])
    .where('matter_id', '=', matterId)
    .where('round', '=', round)
    .where('step_index', '=', stepIndex)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertTasks(
  tx: Tx,
  matterId: string,
  round: number,
  stepIndex: number,
  stepKey: string,
  approverIds: readonly string[],
): Promise<void> {
  if (approverIds.length === 0) return;
  await tx
    .insertInto('approval_task')
    .values(
      approverIds.map((approverId) => ({
        matter_id: matterId,
        round,
        step_index: stepIndex,
        step_key: stepKey,
        approver_account_id: approverId,
      })),
    )
    .execute();
}

export async function closeTask(tx: Tx, id: string, status: TaskStatus, opinion: string | null) {
  await tx
    .updateTable('approval_task')
    .set({ status, opinion, decided_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Cancels pending tasks (given ones, or all of the matter) and answers whose they were. */
export async function cancelTasks(tx: Tx, matterId: string, ids?: readonly string[]): Promise<string[]> {
  if (ids && ids.length === 0) return [];
  let q = tx
    .updateTable('approval_task')
    .set({ status: 'cancelled', decided_at: sql`now()` })
    .where('matter_id', '=', matterId)
    .where('status', '=', 'pending');
  if (ids) q = q.where('id', 'in', ids);
  const rows = await q.returning('approver_account_id').execute();
  return rows.map((r) => r.approver_account_id);
}

export async function insertEvent(
  tx: Tx,
  e: {
    matterId: string;
    actorAccountId: string | null;
    action: EventAction;
    round: number;
    stepKey?: string | null;
    opinion?: string | null;
    fromStatus: string | null;
    toStatus: string | null;
  },
): Promise<void> {
  await tx
    .insertInto('approval_event')
    .values({
      matter_id: e.matterId,
      actor_account_id: e.actorAccountId,
      action: e.action,
      round: e.round,
      step_key: e.stepKey ?? null,
      opinion: e.opinion ?? null,
      from_status: e.fromStatus,
      to_status: e.toStatus,
    })
    .execute();
}

export function filesById(ex: Executor, ids: readonly string[]) {
  return ex
    .selectFrom('file_object')
    .select(['id', 'uploaded_by', 'owner_entity', 'owner_id'])
    .where('id', 'in', ids)
    .forUpdate()
    .execute();
}

export async function addAttachments(tx: Tx, matterId: string, fileIds: readonly string[], by: string) {
  if (fileIds.length === 0) return;
  await tx
    .insertInto('approval_attachment')
    .values(fileIds.map((fileId) => ({ matter_id: matterId, file_id: fileId, added_by: by })))
    .execute();
  await tx
    .updateTable('file_object')
    .set({ owner_entity: 'approvals.matter', owner_id: matterId })
    .where('id', 'in', fileIds)
    .execute();
}

export async function removeAttachments(tx: Tx, matterId: string, fileIds: readonly string[]) {
  if (fileIds.length === 0) return;
  await tx
    .deleteFrom('approval_attachment')
    .where('matter_id', '=', matterId)
    .where('file_id', 'in', fileIds)
    .execute();
  await tx
    .updateTable('file_object')
    .set({ owner_entity: null, owner_id: null })
    .where('id', 'in', fileIds)
    .where('owner_entity', '=', 'approvals.matter')
    .where('owner_id', '=', matterId)
    .execute();
}

export function attachmentsOf(ex: Executor, matterId: string) {
  return ex
    .selectFrom('approval_attachment as t')
    .innerJoin('file_object as f', 'f.id', 't.file_id')
    .innerJoin('auth_account as a', 'a.id', 't.added_by')
    .leftJoin('org_person as p', 'p.id', 'a.person_id')
    .select([
      'f.id',
      'f.name',
      'f.size_bytes',
      'f.content_type',
      't.added_by',
      't.added_at',
      actorName.as('added_by_name'),
    ])
    .where('t.matter_id', '=', matterId)
    .orderBy('t.added_at')
    .orderBy('f.name')
    .execute();
}

export function tasksOfMatter(ex: Executor, matterId: string) {
  return ex
    .selectFrom('approval_task as t')
    .innerJoin('auth_account as a', 'a.id', 't.approver_account_id')
    .leftJoin('org_person as p', 'p.id', 'a.person_id')
    .select([
      't.id',
      't.round',
      't.step_index',
      't.approver_account_id',
      't.status',
      't.opinion',
      't.decided_at',
      actorName.as('approver_name'),
    ])
    .where('t.matter_id', '=', matterId)
    .orderBy('t.round')
    .orderBy('t.step_index')
    .orderBy('t.created_at')
    .orderBy('a.username')
    .execute();
}

export function eventsOf(ex: Executor, matterId: string) {
  return ex
    .selectFrom('approval_event as e')
    .leftJoin('auth_account as a', 'a.id', 'e.actor_account_id')
    .leftJoin('org_person as p', 'p.id', 'a.person_id')
    .select([
      'e.id',
      'e.at',
      'e.action',
      'e.round',
      'e.step_key',
      'e.opinion',
      'e.from_status',
      'e.to_status',
      sql<string | null>`coalesce(p.name, a.display_name)`.as('actor_name'),
    ])
    .where('e.matter_id', '=', matterId)
    .orderBy('e.id')
    .execute();
}
