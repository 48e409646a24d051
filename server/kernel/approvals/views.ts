import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db, Tables } from '../db/schema.ts';
import { errors, type Locale } from '../errors.ts';
import type { UserPrincipal } from '../http/access.ts';
import type { DataScope } from '../access/scope.ts';
import { likePattern, parseSort, type PageQuery } from '../http/paging.ts';
import { matterType, type MatterTypeDef, type RequesterContext } from './registry.ts';
import * as repo from './repository.ts';
import { escalated, requesterContext, roleLabel, stepTitle, storedSteps } from './steps.ts';
import type { StoredStep } from './tables.ts';
import { assertVisible } from './visibility.ts';
import { abilities, STATUS_LABELS, stepStatus, type MatterStatus } from './workflow.ts';
import type { InboxRowView, MatterDetailView, MatterRowView } from './schemas.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summaryOf(def: MatterTypeDef | undefined, payload: unknown, locale: Locale): string {
  return def?.summary ? def.summary(payload, locale) : '';
}

const typeLabel = (def: MatterTypeDef | undefined, type: string, locale: Locale) =>
  def?.label[locale] ?? type;

function previewSteps(
  def: MatterTypeDef | undefined,
  payload: unknown,
  requester: RequesterContext,
): StoredStep[] {
  if (!def) return [];
  try {
    return storedSteps(def, def.payload.parse(payload), requester);
  } catch {
    return []; // a draft saved under an older contract shows no preview until it is edited
  }
}

export async function getDetail(
  db: Db,
  p: UserPrincipal,
  id: string,
  locale: Locale,
): Promise<MatterDetailView> {
  const m = await repo.findMatter(db, id);
  if (!m) throw errors.notFound('approvals.matter', id);
  await assertVisible(db, m, p);
  const def = matterType(m.type);
  const [unit, requester, tasks, files, events] = await Promise.all([
    db.selectFrom('org_unit').select('name').where('id', '=', m.unit_id).executeTakeFirstOrThrow(),
    db
      .selectFrom('auth_account as a')
      .leftJoin('org_person as p', 'p.id', 'a.person_id')
      .select(repo.actorName.as('name'))
      .where('a.id', '=', m.requester_account_id)
      .executeTakeFirstOrThrow(),
    repo.tasksOfMatter(db, m.id),
    repo.attachmentsOf(db, m.id),
    repo.eventsOf(db, m.id),
  ]);
  const steps = m.steps ?? previewSteps(def, m.payload, await requesterContext(db, m.jurisdiction_id));
  const roundTasks = tasks.filter((t) => t.round === m.round);
  const stepLabel = (key: string | null) => {
    const s = key === null ? undefined : steps.find((x) => x.key === key);
    return s ? stepTitle(s, locale) : key;
  };
  const hasPendingTask =
    m.status === 'submitted' &&
    roundTasks.some(
      (t) =>
        t.step_index === m.current_step && t.approver_account_id === p.accountId && t.status === 'pending',
    );
  return {
    id: m.id,
    type: m.type,
    typeLabel: typeLabel(def, m.type, locale),
    title: m.title,
    summary: summaryOf(def, m.payload, locale),
    payload: m.payload,
    status: m.status,
    statusLabel: STATUS_LABELS[m.status][locale],
    version: m.version,
    round: m.round,
    requester: { accountId: m.requester_account_id, name: requester.name },
    unitId: m.unit_id,
    unitName: unit.name,
    jurisdictionId: m.jurisdiction_id,
    currentStep: m.current_step === null ? null : (steps[m.current_step]?.key ?? null),
    createdAt: m.created_at.toISOString(),
    submittedAt: iso(m.submitted_at),
    decidedAt: iso(m.decided_at),
    steps: steps.map((s, index) => {
      const own = roundTasks.filter((t) => t.step_index === index);
      const role = s.assignedRole ?? s.role;
      return {
        key: s.key,
        label: stepTitle(s, locale),
        mode: s.mode,
        approverRole: role,
        approverRoleLabel: roleLabel(role)[locale],
        escalated: escalated(s),
        status: stepStatus({
          index,
          mode: s.mode,
          matterStatus: m.status,
          currentStep: m.current_step,
          tasks: own.map((t) => t.status),
        }),
        tasks: own.map((t) => ({
          approverAccountId: t.approver_account_id,
          approverName: t.approver_name,
          status: t.status,
          opinion: t.opinion,
          decidedAt: iso(t.decided_at),
        })),
      };
    }),
    attachments: files.map((f) => ({
      id: f.id,
      name: f.name,
      sizeBytes: Number(f.size_bytes),
      contentType: f.content_type,
      addedByName: f.added_by_name,
      addedAt: f.added_at.toISOString(),
    })),
    history: events.map((e) => ({
      at: e.at.toISOString(),
      actorName: e.actor_name,
      action: e.action,
      stepKey: e.step_key,
      stepLabel: stepLabel(e.step_key),
      opinion: e.opinion,
      fromStatus: e.from_status,
      toStatus: e.to_status,
    })),
    can: abilities({
      status: m.status,
      isRequester: m.requester_account_id === p.accountId,
      hasPendingTask,
    }),
  };
}

/** Matters with what every list shows: unit and requester names. */
function matterRows(db: Db) {
  return db
    .selectFrom('approval_matter as m')
    .innerJoin('org_unit as u', 'u.id', 'm.unit_id')
    .innerJoin('auth_account as a', 'a.id', 'm.requester_account_id')
    .leftJoin('org_person as p', 'p.id', 'a.person_id');
}

const ROW_COLUMNS = [
  'm.id',
  'm.type',
  'm.title',
  'm.payload',
  'm.status',
  'm.steps',
  'm.current_step',
  'm.unit_id',
  'm.created_at',
  'm.submitted_at',
  'm.decided_at',
  'm.updated_at',
  'u.name as unit_name',
] as const;

interface RowData {
  id: string;
  type: string;
  title: string;
  payload: unknown;
  status: MatterStatus;
  steps: StoredStep[] | null;
  current_step: number | null;
  unit_id: string;
  unit_name: string;
  requester_name: string;
  created_at: Date;
  submitted_at: Date | null;
  decided_at: Date | null;
  updated_at: Date;
}

function toRow(r: RowData, locale: Locale): MatterRowView {
  const def = matterType(r.type);
  const step = r.current_step === null ? undefined : r.steps?.[r.current_step];
  return {
    id: r.id,
    type: r.type,
    typeLabel: typeLabel(def, r.type, locale),
    title: r.title,
    summary: summaryOf(def, r.payload, locale),
    status: r.status,
    statusLabel: STATUS_LABELS[r.status][locale],
    currentStep: step?.key ?? null,
    currentStepLabel: step ? stepTitle(step, locale) : null,
    requesterName: r.requester_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    createdAt: r.created_at.toISOString(),
    submittedAt: iso(r.submitted_at),
    decidedAt: iso(r.decided_at),
    updatedAt: r.updated_at.toISOString(),
  };
}

const MATTER_SORT = {
  createdAt: 'm.created_at',
  updatedAt: 'm.updated_at',
  submittedAt: 'm.submitted_at',
  decidedAt: 'm.decided_at',
  title: 'm.title',
  status: 'm.status',
} as const;

type MatterQuery = SelectQueryBuilder<
  Tables & { m: Tables['approval_matter']; u: Tables['org_unit']; a: Tables['auth_account'] } & {
    p: Tables['org_person'];
  },
  'm' | 'u' | 'a' | 'p',
  object
>;

async function page(
  base: MatterQuery,
  query: PageQuery & { status?: MatterStatus | undefined; type?: string | undefined },
  locale: Locale,
) {
  let q = base;
  if (query.status) q = q.where('m.status', '=', query.status);
  if (query.type) q = q.where('m.type', '=', query.type);
  if (query.q) q = q.where('m.title', 'ilike', likePattern(query.q));
  const sorts = parseSort(query.sort, MATTER_SORT, [{ column: 'm.created_at', direction: 'desc' }]);
  let rows = q.select([...ROW_COLUMNS, repo.actorName.as('requester_name')]);
  for (const s of sorts)
    rows = rows.orderBy(s.column, (ob) => (s.direction === 'desc' ? ob.desc().nullsLast() : ob.asc()));
  const [items, total] = await Promise.all([
    rows
      .orderBy('m.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: items.map((r) => toRow(r as RowData, locale)),
    total: total.n,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** My requests (我的申请). */
export function listMine(
  db: Db,
  p: UserPrincipal,
  query: PageQuery & { status?: MatterStatus | undefined; type?: string | undefined },
  locale: Locale,
) {
  return page(matterRows(db).where('m.requester_account_id', '=', p.accountId), query, locale);
}

/** Every submitted matter in the caller's `approvals.admin` scope (审批台账); drafts stay private. */
export function listAll(
  db: Db,
  scope: DataScope,
  query: PageQuery & {
    status?: MatterStatus | undefined;
    type?: string | undefined;
    unitId?: string | undefined;
    jurisdictionId?: string | undefined;
  },
  locale: Locale,
) {
  let base = matterRows(db)
    .where(
      scope.where({ jurisdiction: 'm.jurisdiction_id', unit: 'm.unit_id', person: 'm.requester_person_id' }),
    )
    .where('m.status', '!=', 'draft');
  if (query.unitId) base = base.where('m.unit_id', '=', query.unitId);
  if (query.jurisdictionId) base = base.where('m.jurisdiction_id', '=', query.jurisdictionId);
  return page(base, query, locale);
}

const INBOX_SORT = {
  assignedAt: 't.created_at',
  decidedAt: 't.decided_at',
  submittedAt: 'm.submitted_at',
  title: 'm.title',
} as const;

/** My tasks (待办), or the ones I decided (已办). */
export async function listInbox(
  db: Db,
  p: UserPrincipal,
  query: PageQuery & { state: 'pending' | 'done'; type?: string | undefined },
  locale: Locale,
): Promise<{ items: InboxRowView[]; total: number; page: number; pageSize: number }> {
  let q = matterRows(db)
    .innerJoin('approval_task as t', 't.matter_id', 'm.id')
    .where('t.approver_account_id', '=', p.accountId);
  q =
    query.state === 'pending'
      ? q.where('t.status', '=', 'pending')
      : q.where('t.status', 'in', ['approved', 'rejected', 'returned']);
  if (query.type) q = q.where('m.type', '=', query.type);
  if (query.q) q = q.where('m.title', 'ilike', likePattern(query.q));
  const fallback =
    query.state === 'pending'
      ? [{ column: 't.created_at' as const, direction: 'asc' as const }]
      : [{ column: 't.decided_at' as const, direction: 'desc' as const }];
  const sorts = parseSort(query.sort, INBOX_SORT, fallback);
  let rows = q.select([
    ...ROW_COLUMNS,
    repo.actorName.as('requester_name'),
    't.id as task_id',
    't.status as task_status',
    't.step_index',
    't.step_key',
    't.created_at as assigned_at',
    't.decided_at as task_decided_at',
  ]);
  for (const s of sorts)
    rows = rows.orderBy(s.column, (ob) => (s.direction === 'desc' ? ob.desc().nullsLast() : ob.asc()));
  const [items, total] = await Promise.all([
    rows
      .orderBy('t.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: items.map((r) => {
      const step = r.steps?.[r.step_index];
      return {
        ...toRow(r as RowData, locale),
        taskId: r.task_id,
        taskStatus: r.task_status,
        stepKey: r.step_key,
        stepLabel: step ? stepTitle(step, locale) : r.step_key,
        assignedAt: r.assigned_at.toISOString(),
        taskDecidedAt: iso(r.task_decided_at),
      };
    }),
    total: total.n,
    page: query.page,
    pageSize: query.pageSize,
  };
}
