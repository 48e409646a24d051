import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../kernel/db/schema.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { audit } from '../../kernel/audit/index.ts';
import { notify, type NotificationInput } from '../../kernel/notify/index.ts';
import { attachFiles } from '../../kernel/files/index.ts';
import { deadline, type BusinessCalendar } from '../../kernel/calendar/index.ts';
import { errors } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/http/access.ts';
import type { DataScope } from '../../kernel/access/scope.ts';
import { getBuilding } from '../rooms/index.ts';
import { isMobile } from '../visitors/index.ts';
import { repairErrors as re } from './errors.ts';
import type { RepairStatus } from './tables.ts';
import './tables.ts';

export interface Reporter {
  accountId: string | null;
  personId: string | null;
  name: string;
  phone: string | null;
  /** the requester's own unit: the owner when no building is named */
  unitId: string | null;
  jurisdictionId: string | null;
}

export interface ReportInput {
  categoryId: string;
  description: string;
  buildingId?: string | null | undefined;
  floor?: string | null | undefined;
  room?: string | null | undefined;
  fileIds?: string[] | undefined;
}

const OPEN: RepairStatus[] = ['reported', 'assigned', 'accepted', 'on_site', 'waiting_parts'];

/** Accounts of the facilities office over a unit: its unit admins and its district's admins. */
export async function managerAccounts(
  db: Executor,
  unitId: string,
  jurisdictionId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('auth_role_assignment as r')
    .innerJoin('auth_account as a', 'a.id', 'r.account_id')
    .select('a.id')
    .where('a.disabled', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('r.role', '=', 'unit_admin'),
          eb('r.scope_kind', '=', 'unit'),
          eb('r.unit_id', '=', unitId),
        ]),
        eb.and([
          eb('r.role', '=', 'district_admin'),
          eb('r.scope_kind', '=', 'jurisdiction'),
          eb('r.jurisdiction_id', '=', jurisdictionId),
        ]),
      ]),
    )
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

/** one step of a request's history, signed with the account's display name (the requester and the
 * office read it; a user name like "staff2" told them nothing), else the actor's label */
async function event(tx: Tx, requestId: string, status: string, note: string | null, actor: Actor) {
  const account = actor.accountId
    ? await tx
        .selectFrom('auth_account')
        .select('display_name')
        .where('id', '=', actor.accountId)
        .executeTakeFirst()
    : undefined;
  await tx
    .insertInto('repair_event')
    .values({ request_id: requestId, status, note, actor_label: account?.display_name ?? actor.label })
    .execute();
}

async function nextNo(tx: Tx, at: Date, timeZone: string): Promise<string> {
  const { rows } = await sql<{ n: string }>`select nextval('repair_request_no')::text as n`.execute(tx);
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(at)
    .replaceAll('-', '');
  return `BX${day}-${(rows[0]?.n ?? '0').padStart(5, '0')}`;
}

/** Files a repair request: its owner is the building's managing unit (else the requester's unit). */
export async function report(
  db: Db,
  cal: BusinessCalendar,
  reporter: Reporter,
  input: ReportInput,
  actor: Actor,
  source: 'app' | 'qr' = 'app',
  /** more rows of the same report, written in its transaction (a public report's photos) */
  withRequest?: (tx: Tx, row: { id: string; jurisdiction_id: string; unit_id: string }) => Promise<void>,
) {
  if (reporter.phone && !isMobile(reporter.phone)) throw re.mobile();
  return inTransaction(db, async (tx) => {
    const category = await tx
      .selectFrom('repair_category')
      .selectAll()
      .where('id', '=', input.categoryId)
      .executeTakeFirst();
    if (!category) throw re.category();
    let owner =
      reporter.unitId && reporter.jurisdictionId
        ? { unitId: reporter.unitId, jurisdictionId: reporter.jurisdictionId }
        : null;
    if (input.buildingId) {
      const b = await getBuilding(tx, input.buildingId);
      if (!b) throw re.building();
      owner = { unitId: b.unitId, jurisdictionId: b.jurisdictionId };
    } else if (!input.room?.trim()) throw re.location();
    if (!owner) throw re.building();
    const now = new Date();
    const row = await tx
      .insertInto('repair_request')
      .values({
        no: await nextNo(tx, now, cal.timeZone),
        jurisdiction_id: owner.jurisdictionId,
        unit_id: owner.unitId,
        requester_account_id: reporter.accountId,
        requester_person_id: reporter.personId,
        requester_name: reporter.name,
        requester_phone: reporter.phone,
        building_id: input.buildingId ?? null,
        floor: input.floor?.trim() || null,
        room: input.room?.trim() || null,
        category_id: category.id,
        description: input.description.trim(),
        source,
        reported_at: now,
        due_at: deadline(cal, now, category.sla_days),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await event(tx, row.id, 'reported', null, actor);
    if (withRequest) await withRequest(tx, row);
    if (input.fileIds?.length) {
      if (!reporter.accountId) throw errors.forbidden();
      await attachFiles(tx, input.fileIds, 'repairs.request', row.id, reporter.accountId);
    }
    await audit(tx, actor, {
      entity: 'repairs.request',
      entityId: row.id,
      action: 'create',
      after: { no: row.no, category: category.code, buildingId: row.building_id, room: row.room, source },
      jurisdictionId: row.jurisdiction_id,
      unitId: row.unit_id,
    });
    await notify(tx, await managerAccounts(tx, row.unit_id, row.jurisdiction_id), {
      kind: 'repairs.reported',
      title: {
        'zh-CN': `新报修：${category.name_zh}（${row.no}）`,
        en: `New repair request: ${category.name_en} (${row.no})`,
      },
      body: row.description,
      link: `/repairs/requests/${row.id}`,
    });
    return row;
  });
}

async function loadForUpdate(tx: Tx, id: string) {
  const row = await tx
    .selectFrom('repair_request')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw errors.notFound('repairs.request', id);
  return row;
}

async function setStatus(
  tx: Tx,
  id: string,
  from: readonly RepairStatus[],
  to: RepairStatus,
  patch: Record<string, unknown>,
  current: RepairStatus,
) {
  const row = await tx
    .updateTable('repair_request')
    .set({ status: to, ...patch })
    .where('id', '=', id)
    .where('status', 'in', from)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw re.transition(current, to);
  return row;
}

/** The facilities office assigns (or re-assigns) a request to a worker account or a contractor. */
export async function assign(
  db: Db,
  cal: BusinessCalendar,
  id: string,
  input: {
    assigneeAccountId?: string | null | undefined;
    contractorId?: string | null | undefined;
    categoryId?: string | undefined;
    note?: string | undefined;
  },
  actor: Actor,
) {
  if (!input.assigneeAccountId && !input.contractorId) throw re.assignee();
  return inTransaction(db, async (tx) => {
    const before = await loadForUpdate(tx, id);
    let assignee = input.assigneeAccountId ?? null;
    if (assignee) {
      const a = await tx
        .selectFrom('auth_account')
        .select('id')
        .where('id', '=', assignee)
        .where('disabled', '=', false)
        .executeTakeFirst();
      if (!a) throw re.assigneeUnknown();
    }
    if (input.contractorId) {
      const c = await tx
        .selectFrom('repair_contractor')
        .select(['account_id'])
        .where('id', '=', input.contractorId)
        .where('active', '=', true)
        .where((eb) =>
          eb.or([eb('unit_id', '=', before.unit_id), eb('jurisdiction_id', '=', before.jurisdiction_id)]),
        )
        .executeTakeFirst();
      if (!c) throw re.contractorUnknown();
      assignee = assignee ?? c.account_id;
    }
    const patch: Record<string, unknown> = {
      assignee_account_id: assignee,
      contractor_id: input.contractorId ?? null,
      assigned_at: new Date(),
    };
    if (input.categoryId && input.categoryId !== before.category_id) {
      const cat = await tx
        .selectFrom('repair_category')
        .selectAll()
        .where('id', '=', input.categoryId)
        .executeTakeFirst();
      if (!cat) throw re.category();
      patch.category_id = cat.id;
      patch.due_at = deadline(cal, before.reported_at, cat.sla_days);
    }
    const row = await setStatus(
      tx,
      id,
      ['reported', 'assigned', 'accepted'],
      'assigned',
      patch,
      before.status,
    );
    await event(tx, id, 'assigned', input.note ?? null, actor);
    await audit(tx, actor, {
      entity: 'repairs.request',
      entityId: id,
      action: 'assign',
      before: {
        status: before.status,
        assignee: before.assignee_account_id,
        contractor: before.contractor_id,
      },
      after: { status: row.status, assignee: row.assignee_account_id, contractor: row.contractor_id },
      jurisdictionId: row.jurisdiction_id,
      unitId: row.unit_id,
    });
    if (assignee) {
      await notify(tx, [assignee], {
        kind: 'repairs.assigned',
        title: { 'zh-CN': `新维修任务：${row.no}`, en: `New repair job: ${row.no}` },
        body: row.description,
        link: `/repairs/tasks/${row.id}`,
      });
    }
    return row;
  });
}

/** The worker's steps on the phone; each from the states it may follow. */
export const WORKER_STEPS: Record<
  'accepted' | 'on_site' | 'waiting_parts' | 'done',
  readonly RepairStatus[]
> = {
  accepted: ['assigned'],
  on_site: ['accepted', 'waiting_parts'],
  waiting_parts: ['accepted', 'on_site'],
  done: ['accepted', 'on_site', 'waiting_parts'],
};

export async function workerStep(
  db: Db,
  id: string,
  to: keyof typeof WORKER_STEPS,
  note: string | null,
  accountId: string,
  actor: Actor,
) {
  return inTransaction(db, async (tx) => {
    const before = await loadForUpdate(tx, id);
    const contractorAccount = before.contractor_id
      ? (
          await tx
            .selectFrom('repair_contractor')
            .select('account_id')
            .where('id', '=', before.contractor_id)
            .executeTakeFirst()
        )?.account_id
      : null;
    if (before.assignee_account_id !== accountId && contractorAccount !== accountId) throw re.notAssignee();
    const row = await setStatus(
      tx,
      id,
      WORKER_STEPS[to],
      to,
      to === 'done' ? { done_at: new Date() } : {},
      before.status,
    );
    await event(tx, id, to, note, actor);
    await audit(tx, actor, {
      entity: 'repairs.request',
      entityId: id,
      action: to,
      before: { status: before.status },
      after: { status: to, note },
      jurisdictionId: row.jurisdiction_id,
      unitId: row.unit_id,
    });
    if (row.requester_account_id && (to === 'done' || to === 'accepted' || to === 'waiting_parts')) {
      const titles: Record<string, NotificationInput['title']> = {
        accepted: { 'zh-CN': `报修已受理：${row.no}`, en: `Repair accepted: ${row.no}` },
        waiting_parts: { 'zh-CN': `报修等待配件：${row.no}`, en: `Repair waiting for parts: ${row.no}` },
        done: {
          'zh-CN': `报修已完成，请确认并评价：${row.no}`,
          en: `Repair done — please confirm and rate: ${row.no}`,
        },
      };
      await notify(tx, [row.requester_account_id], {
        kind: `repairs.${to}`,
        title: titles[to] ?? titles.done!,
        body: note,
        link: `/repairs/requests/${row.id}`,
      });
    }
    return row;
  });
}

/** The requester confirms the repair and rates it (1–5), or reopens it when it is not fixed. */
export async function confirm(
  db: Db,
  id: string,
  input: { fixed: boolean; rating?: number | undefined; comment?: string | undefined },
  accountId: string,
  actor: Actor,
) {
  return inTransaction(db, async (tx) => {
    const before = await loadForUpdate(tx, id);
    if (before.requester_account_id !== accountId) throw re.notRequester();
    if (input.fixed && !input.rating) {
      throw errors.field('rating', 'rating_required', {
        'zh-CN': '请为本次维修评分（1–5星）。',
        en: 'Rate the repair (1–5 stars).',
      });
    }
    const row = input.fixed
      ? await setStatus(
          tx,
          id,
          ['done'],
          'confirmed',
          { confirmed_at: new Date(), rating: input.rating, rating_comment: input.comment ?? null },
          before.status,
        )
      : await setStatus(tx, id, ['done'], 'assigned', { done_at: null }, before.status);
    await event(tx, id, input.fixed ? 'confirmed' : 'reopened', input.comment ?? null, actor);
    await audit(tx, actor, {
      entity: 'repairs.request',
      entityId: id,
      action: input.fixed ? 'confirm' : 'reopen',
      before: { status: before.status },
      after: { status: row.status, rating: row.rating, comment: row.rating_comment },
      jurisdictionId: row.jurisdiction_id,
      unitId: row.unit_id,
    });
    if (!input.fixed && row.assignee_account_id) {
      await notify(tx, [row.assignee_account_id], {
        kind: 'repairs.reopened',
        title: { 'zh-CN': `报修被退回（未修好）：${row.no}`, en: `Repair reopened (not fixed): ${row.no}` },
        body: input.comment ?? null,
        link: `/repairs/tasks/${row.id}`,
      });
    }
    return row;
  });
}

/** The requester withdraws a request nobody has taken up yet; the office may cancel any open one. */
export async function cancel(
  db: Db,
  id: string,
  accountId: string | null,
  manager: boolean,
  reason: string | null,
  actor: Actor,
) {
  return inTransaction(db, async (tx) => {
    const before = await loadForUpdate(tx, id);
    if (!manager && before.requester_account_id !== accountId) throw re.notRequester();
    const from: RepairStatus[] = manager ? OPEN : ['reported'];
    const row = await setStatus(tx, id, from, 'cancelled', {}, before.status);
    await event(tx, id, 'cancelled', reason, actor);
    // the office cancelling: the requester and the worker hear of it (a withdrawal concerns nobody else)
    const told = [before.requester_account_id, before.assignee_account_id].filter(
      (a): a is string => a !== null && a !== accountId,
    );
    if (told.length > 0) {
      await notify(tx, told, {
        kind: 'repairs.cancelled',
        title: { 'zh-CN': `报修已被取消：${row.no}`, en: `Repair request cancelled: ${row.no}` },
        body: reason,
        link: `/repairs/requests/${row.id}`,
      });
    }
    await audit(tx, actor, {
      entity: 'repairs.request',
      entityId: id,
      action: 'cancel',
      before: { status: before.status },
      after: { status: 'cancelled', reason },
      jurisdictionId: row.jurisdiction_id,
      unitId: row.unit_id,
    });
    return row;
  });
}

/** Open requests past their SLA deadline, alerted once: the office and the assignee are notified. */
export async function alertOverdue(db: Db, actor: Actor, now = new Date()): Promise<number> {
  return inTransaction(db, async (tx) => {
    const rows = await tx
      .updateTable('repair_request')
      .set({ overdue_notified_at: now })
      .where('status', 'in', OPEN)
      .where('due_at', '<', now)
      .where('overdue_notified_at', 'is', null)
      .returningAll()
      .execute();
    for (const r of rows) {
      const to = await managerAccounts(tx, r.unit_id, r.jurisdiction_id);
      if (r.assignee_account_id) to.push(r.assignee_account_id);
      await notify(tx, to, {
        kind: 'repairs.overdue',
        title: { 'zh-CN': `报修超时未完成：${r.no}`, en: `Repair request overdue: ${r.no}` },
        body: r.description,
        link: `/repairs/requests/${r.id}`,
      });
      await audit(tx, actor, {
        entity: 'repairs.request',
        entityId: r.id,
        action: 'overdue',
        after: { dueAt: r.due_at.toISOString() },
        jurisdictionId: r.jurisdiction_id,
        unitId: r.unit_id,
      });
    }
    return rows.length;
  });
}

export const newQrToken = () => crypto.randomBytes(12).toString('base64url');
export { OPEN };

// —— contractors and QR codes ——

export async function addContractor(
  db: Db,
  input: {
    unitId: string;
    name: string;
    phone?: string | null | undefined;
    accountId?: string | null | undefined;
  },
  actor: Actor,
) {
  if (input.phone && !isMobile(input.phone) && !/^0\d{2,3}-?\d{7,8}$/.test(input.phone)) throw re.mobile();
  return inTransaction(db, async (tx) => {
    const unit = await tx
      .selectFrom('org_unit')
      .select(['id', 'name', 'jurisdiction_id'])
      .where('id', '=', input.unitId)
      .executeTakeFirstOrThrow();
    const row = await tx
      .insertInto('repair_contractor')
      .values({
        name: input.name,
        phone: input.phone ?? null,
        account_id: input.accountId ?? null,
        jurisdiction_id: unit.jurisdiction_id,
        unit_id: unit.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'repairs.contractor',
      entityId: row.id,
      action: 'create',
      after: { name: row.name },
      jurisdictionId: row.jurisdiction_id,
      unitId: row.unit_id,
    });
    return {
      id: row.id,
      name: row.name,
      phone: row.phone,
      unitName: unit.name,
      hasAccount: row.account_id !== null,
    };
  });
}

function qrBase(db: Executor) {
  return db
    .selectFrom('repair_qr as q')
    .leftJoin('office_building as b', 'b.id', 'q.building_id')
    .select([
      'q.token',
      'q.label',
      'q.building_id',
      'b.name as building_name',
      'q.floor',
      'q.room',
      'q.category_id',
      'q.public_enabled',
    ]);
}
type QrRow = Awaited<ReturnType<ReturnType<typeof qrBase>['executeTakeFirstOrThrow']>>;
const qrView = (r: QrRow) => ({
  token: r.token,
  label: r.label,
  buildingId: r.building_id,
  buildingName: r.building_name,
  floor: r.floor,
  room: r.room,
  categoryId: r.category_id,
  publicEnabled: r.public_enabled,
});

export async function listQr(db: Db, scope: DataScope) {
  const rows = await qrBase(db)
    .where(scope.where({ jurisdiction: 'q.jurisdiction_id', unit: 'q.unit_id' }))
    .orderBy('q.created_at', 'desc')
    .limit(500)
    .execute();
  return rows.map(qrView);
}

export async function qrByToken(db: Db, token: string) {
  const row = await qrBase(db).where('q.token', '=', token).executeTakeFirst();
  if (!row) throw errors.notFound('repairs.qr');
  return qrView(row);
}

export async function createQr(
  db: Db,
  input: {
    buildingId: string;
    label: string;
    floor?: string | null | undefined;
    room?: string | null | undefined;
    categoryId?: string | null | undefined;
    publicEnabled: boolean;
    unitId: string;
    jurisdictionId: string;
    buildingName: string;
  },
  actor: Actor,
) {
  return inTransaction(db, async (tx) => {
    const token = newQrToken();
    await tx
      .insertInto('repair_qr')
      .values({
        token,
        label: input.label,
        building_id: input.buildingId,
        floor: input.floor ?? null,
        room: input.room ?? null,
        category_id: input.categoryId ?? null,
        jurisdiction_id: input.jurisdictionId,
        unit_id: input.unitId,
        public_enabled: input.publicEnabled,
      })
      .execute();
    await audit(tx, actor, {
      entity: 'repairs.qr',
      entityId: null,
      action: 'create',
      after: { label: input.label, building: input.buildingName, room: input.room },
      jurisdictionId: input.jurisdictionId,
      unitId: input.unitId,
    });
    return qrView(await qrBase(tx).where('q.token', '=', token).executeTakeFirstOrThrow());
  });
}
