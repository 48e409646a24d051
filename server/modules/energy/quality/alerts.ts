import { sql } from 'kysely';
import { z } from 'zod';
import type { Db, Executor } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { errors } from '../../../kernel/errors.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import { pageQuery } from '../../../kernel/http/paging.ts';
import './tables.ts';

/** The alert list and its handling: acknowledge (seen, being handled), resolve (done). */

export const RULES = ['offline', 'gap', 'imbalance', 'spike', 'base_load', 'over_quota'] as const;
export const alertQuery = pageQuery.extend({
  status: z.enum(['open', 'acknowledged', 'resolved', 'live']).optional(),
  level: z.enum(['yellow', 'red']).optional(),
  rule: z.enum(RULES).optional(),
  institutionId: z.uuid().optional(),
  jurisdictionId: z.uuid().optional(),
});
export type AlertQuery = z.infer<typeof alertQuery>;

export const alert = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  jurisdictionId: z.uuid(),
  jurisdictionName: z.string(),
  pointId: z.uuid().nullable(),
  pointCode: z.string().nullable(),
  pointName: z.string().nullable(),
  rule: z.enum(RULES),
  level: z.enum(['yellow', 'red']),
  status: z.enum(['open', 'acknowledged', 'resolved']),
  periodStart: z.string(),
  periodEnd: z.string(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  detail: z.record(z.string(), z.unknown()),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type AlertDto = z.infer<typeof alert>;
export const alertAction = z.object({ note: z.string().trim().max(500).nullish() });

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function base(db: Executor, scope: DataScope) {
  return db
    .selectFrom('energy_alert as a')
    .innerJoin('energy_institution as i', 'i.id', 'a.institution_id')
    .innerJoin('org_jurisdiction as j', 'j.id', 'a.jurisdiction_id')
    .leftJoin('energy_point as p', 'p.id', 'a.point_id')
    .where(scope.where({ jurisdiction: 'a.jurisdiction_id', unit: 'i.unit_id' }));
}

const columns = [
  'a.id',
  'a.institution_id',
  'i.name as institution_name',
  'a.jurisdiction_id',
  'j.name as jurisdiction_name',
  'a.point_id',
  'p.code as point_code',
  'p.name as point_name',
  'a.rule',
  'a.level',
  'a.status',
  'a.period_start',
  'a.period_end',
  'a.value',
  'a.threshold',
  'a.detail',
  'a.first_seen_at',
  'a.last_seen_at',
  'a.acknowledged_at',
  'a.acknowledged_by',
  'a.resolved_at',
  'a.resolved_by',
  'a.note',
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toDto(r: any): AlertDto {
  return {
    id: r.id,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionName: r.jurisdiction_name,
    pointId: r.point_id,
    pointCode: r.point_code,
    pointName: r.point_name,
    rule: r.rule,
    level: r.level,
    status: r.status,
    periodStart: iso(r.period_start)!,
    periodEnd: iso(r.period_end)!,
    value: r.value,
    threshold: r.threshold,
    detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) ?? {},
    firstSeenAt: iso(r.first_seen_at)!,
    lastSeenAt: iso(r.last_seen_at)!,
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by,
    resolvedAt: iso(r.resolved_at),
    resolvedBy: r.resolved_by,
    note: r.note,
  };
}

export async function listAlerts(db: Executor, scope: DataScope, q: AlertQuery) {
  let b = base(db, scope);
  if (q.status === 'live') b = b.where('a.status', '!=', 'resolved');
  else if (q.status) b = b.where('a.status', '=', q.status);
  if (q.level) b = b.where('a.level', '=', q.level);
  if (q.rule) b = b.where('a.rule', '=', q.rule);
  if (q.institutionId) b = b.where('a.institution_id', '=', q.institutionId);
  if (q.jurisdictionId) b = b.where('a.jurisdiction_id', '=', q.jurisdictionId);
  if (q.q) b = b.where((eb) => eb.or([eb('i.name', 'ilike', `%${q.q}%`), eb('p.code', 'ilike', `%${q.q}%`)]));
  const total = (await b.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
  const counts = await b
    .select(['a.level', 'a.status', sql<number>`count(*)::int`.as('n')])
    .groupBy(['a.level', 'a.status'])
    .execute();
  const rows = await b
    .select([...columns])
    .orderBy(sql`case a.status when 'open' then 0 when 'acknowledged' then 1 else 2 end`)
    .orderBy(sql`case a.level when 'red' then 0 else 1 end`)
    .orderBy('a.last_seen_at', 'desc')
    .orderBy('a.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize, counts };
}

export async function findAlert(db: Executor, scope: DataScope, id: string) {
  const row = await base(db, scope)
    .select([...columns])
    .where('a.id', '=', id)
    .executeTakeFirst();
  return row && toDto(row);
}

const transitions = {
  acknowledge: { from: ['open'], to: 'acknowledged' },
  resolve: { from: ['open', 'acknowledged'], to: 'resolved' },
} as const;

/** Acknowledges or resolves an alert; the conditional UPDATE refuses a stale status change. */
export async function handleAlert(
  db: Db,
  scope: DataScope,
  actor: Actor,
  id: string,
  action: keyof typeof transitions,
  note: string | null | undefined,
): Promise<AlertDto> {
  return inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('energy_alert').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw errors.notFound('energy.alert', id);
    const t = transitions[action];
    const set =
      action === 'acknowledge'
        ? { status: t.to, acknowledged_at: sql<Date>`now()`, acknowledged_by: actor.label }
        : { status: t.to, resolved_at: sql<Date>`now()`, resolved_by: actor.label };
    const res = await tx
      .updateTable('energy_alert')
      .set({ ...set, note: note ?? before.note })
      .where('id', '=', id)
      .where('status', 'in', [...t.from])
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) {
      throw errors.conflict('alert_status_changed', {
        'zh-CN': `该预警当前状态为「${before.status}」，不能执行此操作`,
        en: `The alert is ${before.status}: this action does not apply`,
      });
    }
    const inst = await tx
      .selectFrom('energy_institution')
      .select('unit_id')
      .where('id', '=', before.institution_id)
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'energy.alert',
      entityId: id,
      action,
      before: { status: before.status },
      after: { status: t.to, note: note ?? null },
      jurisdictionId: before.jurisdiction_id,
      unitId: inst.unit_id,
    });
    return (await findAlert(tx, scope, id))!;
  });
}
