import { sql } from 'kysely';
import type { Db, Executor } from '../../kernel/db/schema.ts';
import type { DataScope } from '../../kernel/access/scope.ts';
import type { PageQuery } from '../../kernel/http/paging.ts';
import { errors } from '../../kernel/errors.ts';
import type { RepairStatus } from './tables.ts';
import { OPEN } from './service.ts';
import '../rooms/index.ts';
import './tables.ts';

export function requestBase(db: Executor) {
  return db
    .selectFrom('repair_request as r')
    .innerJoin('repair_category as c', 'c.id', 'r.category_id')
    .leftJoin('office_building as b', 'b.id', 'r.building_id')
    .leftJoin('repair_contractor as k', 'k.id', 'r.contractor_id')
    .leftJoin('auth_account as a', 'a.id', 'r.assignee_account_id')
    .innerJoin('org_unit as u', 'u.id', 'r.unit_id')
    .select([
      'r.id',
      'r.no',
      'r.status',
      'r.description',
      'r.floor',
      'r.room',
      'r.building_id',
      'b.name as building_name',
      'r.category_id',
      'c.name_zh as category_zh',
      'c.name_en as category_en',
      'c.sla_days',
      'r.requester_name',
      'r.requester_phone',
      'r.requester_account_id',
      'r.assignee_account_id',
      'a.display_name as assignee_name',
      'r.contractor_id',
      'k.name as contractor_name',
      'r.reported_at',
      'r.due_at',
      'r.assigned_at',
      'r.done_at',
      'r.confirmed_at',
      'r.rating',
      'r.rating_comment',
      'r.source',
      'u.name as unit_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof requestBase>['executeTakeFirstOrThrow']>>;

export function toView(r: Row, locale: 'zh-CN' | 'en', now = Date.now()) {
  const open = (OPEN as string[]).includes(r.status);
  return {
    id: r.id,
    no: r.no,
    status: r.status as RepairStatus,
    description: r.description,
    buildingId: r.building_id,
    buildingName: r.building_name,
    floor: r.floor,
    room: r.room,
    categoryId: r.category_id,
    categoryName: locale === 'en' ? r.category_en : r.category_zh,
    slaDays: r.sla_days,
    requesterName: r.requester_name,
    requesterPhone: r.requester_phone,
    requesterAccountId: r.requester_account_id,
    assigneeAccountId: r.assignee_account_id,
    assigneeName: r.assignee_name,
    contractorId: r.contractor_id,
    contractorName: r.contractor_name,
    unitName: r.unit_name,
    reportedAt: r.reported_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    assignedAt: r.assigned_at?.toISOString() ?? null,
    doneAt: r.done_at?.toISOString() ?? null,
    confirmedAt: r.confirmed_at?.toISOString() ?? null,
    overdue: open ? r.due_at.getTime() < now : (r.done_at?.getTime() ?? 0) > r.due_at.getTime(),
    rating: r.rating,
    ratingComment: r.rating_comment,
    source: r.source,
  };
}
export type RequestView = ReturnType<typeof toView>;

export interface RequestQuery extends PageQuery {
  status?: RepairStatus | 'open' | undefined;
  buildingId?: string | undefined;
  categoryId?: string | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
}

export async function listRequests(db: Db, scope: DataScope, q: RequestQuery, locale: 'zh-CN' | 'en') {
  let base = requestBase(db).where(scope.where({ jurisdiction: 'r.jurisdiction_id', unit: 'r.unit_id' }));
  if (q.status === 'open') base = base.where('r.status', 'in', OPEN);
  else if (q.status) base = base.where('r.status', '=', q.status);
  if (q.buildingId) base = base.where('r.building_id', '=', q.buildingId);
  if (q.categoryId) base = base.where('r.category_id', '=', q.categoryId);
  if (q.overdue) base = base.where('r.status', 'in', OPEN).where('r.due_at', '<', new Date());
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or([
        eb('r.no', 'like', like),
        eb('r.description', 'like', like),
        eb('r.room', 'like', like),
        eb('r.requester_name', 'like', like),
      ]),
    );
  }
  const [rows, total] = await Promise.all([
    base
      .orderBy('r.reported_at', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => toView(r, locale)), total: total.n, page: q.page, pageSize: q.pageSize };
}

/** A request with its history and photos. */
export async function requestDetail(db: Db, id: string, locale: 'zh-CN' | 'en') {
  const row = await requestBase(db).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('repairs.request', id);
  const [events, photos] = await Promise.all([
    db
      .selectFrom('repair_event')
      .select(['status', 'note', 'actor_label', 'at'])
      .where('request_id', '=', id)
      .orderBy('at')
      .execute(),
    db
      .selectFrom('file_object')
      .select(['id', 'name', 'content_type'])
      .where('owner_entity', '=', 'repairs.request')
      .where('owner_id', '=', id)
      .execute(),
  ]);
  return {
    ...toView(row, locale),
    events: events.map((e) => ({
      status: e.status,
      note: e.note,
      actor: e.actor_label,
      at: e.at.toISOString(),
    })),
    photos: photos.map((p) => ({ id: p.id, name: p.name, contentType: p.content_type })),
  };
}

/** Requests the caller reported (the "我的" page). */
export async function myRequests(db: Db, accountId: string, locale: 'zh-CN' | 'en') {
  const rows = await requestBase(db)
    .where('r.requester_account_id', '=', accountId)
    .orderBy('r.reported_at', 'desc')
    .limit(30)
    .execute();
  return rows.map((r) => toView(r, locale));
}

/** The worker's jobs: assigned to the account directly or through its contractor. */
export async function myTasks(db: Db, accountId: string, locale: 'zh-CN' | 'en', includeClosed: boolean) {
  let q = requestBase(db).where((eb) =>
    eb.or([
      eb('r.assignee_account_id', '=', accountId),
      eb(
        'r.contractor_id',
        'in',
        eb.selectFrom('repair_contractor').select('id').where('account_id', '=', accountId),
      ),
    ]),
  );
  if (!includeClosed) q = q.where('r.status', 'in', ['assigned', 'accepted', 'on_site', 'waiting_parts']);
  const rows = await q.orderBy('r.due_at').limit(100).execute();
  return rows.map((r) => toView(r, locale));
}

/** Counts per building, category and contractor: total, open, overdue, average rating, average hours to done. */
export async function statistics(db: Db, scope: DataScope, from: Date, to: Date, locale: 'zh-CN' | 'en') {
  const base = db
    .selectFrom('repair_request as r')
    .where(scope.where({ jurisdiction: 'r.jurisdiction_id', unit: 'r.unit_id' }))
    .where('r.reported_at', '>=', from)
    .where('r.reported_at', '<', to);
  const measures = [
    sql<number>`count(*)::int`.as('total'),
    sql<number>`count(*) filter (where r.status in ('reported','assigned','accepted','on_site','waiting_parts'))::int`.as(
      'open',
    ),
    sql<number>`count(*) filter (where (r.status in ('reported','assigned','accepted','on_site','waiting_parts') and r.due_at < now()) or r.done_at > r.due_at)::int`.as(
      'overdue',
    ),
    sql<number | null>`round(avg(r.rating)::numeric, 2)::float8`.as('avg_rating'),
    sql<
      number | null
    >`round((avg(extract(epoch from (r.done_at - r.reported_at))) / 3600)::numeric, 1)::float8`.as(
      'avg_hours',
    ),
  ] as const;
  const [byBuilding, byCategory, byContractor] = await Promise.all([
    base
      .leftJoin('office_building as b', 'b.id', 'r.building_id')
      .select([
        sql<string>`coalesce(b.name, ${locale === 'en' ? '(no building)' : '（未指定楼宇）'})`.as('name'),
        ...measures,
      ])
      .groupBy('b.name')
      .orderBy('total', 'desc')
      .execute(),
    base
      .innerJoin('repair_category as c', 'c.id', 'r.category_id')
      .select([(locale === 'en' ? sql<string>`c.name_en` : sql<string>`c.name_zh`).as('name'), ...measures])
      .groupBy(['c.name_zh', 'c.name_en', 'c.sort'])
      .orderBy('c.sort')
      .execute(),
    base
      .leftJoin('repair_contractor as k', 'k.id', 'r.contractor_id')
      // the requests someone took on: not those waiting for triage or withdrawn before it
      .where((eb) =>
        eb.or([eb('r.contractor_id', 'is not', null), eb('r.assignee_account_id', 'is not', null)]),
      )
      .select([
        sql<string>`coalesce(k.name, ${locale === 'en' ? 'In-house workers' : '内部维修人员'})`.as('name'),
        ...measures,
      ])
      .groupBy('k.name')
      .orderBy('total', 'desc')
      .execute(),
  ]);
  return { from: from.toISOString(), to: to.toISOString(), byBuilding, byCategory, byContractor };
}

export async function categories(db: Db, locale: 'zh-CN' | 'en') {
  const rows = await db.selectFrom('repair_category').selectAll().orderBy('sort').execute();
  return rows.map((c) => ({
    id: c.id,
    code: c.code,
    name: locale === 'en' ? c.name_en : c.name_zh,
    slaDays: c.sla_days,
  }));
}
