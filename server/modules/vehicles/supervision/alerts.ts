import { sql } from 'kysely';
import type { DataScope } from '../../../kernel/access/scope.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import type { Db } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { errors } from '../../../kernel/errors.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import { conflict } from '../shared.ts';
import type { AlertKind, AlertLevel } from '../tables.ts';

export interface AlertQuery {
  level?: AlertLevel | undefined;
  kind?: AlertKind | undefined;
  jurisdictionId?: string | undefined;
  status?: 'open' | 'resolved' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** Alerts in scope (the vehicle pool's jurisdiction and holding unit), newest first, with counts per level. */
export async function listAlerts(db: Db, scope: DataScope, timeZone: string, q: AlertQuery) {
  let base = db
    .selectFrom('veh_alert as a')
    .innerJoin('veh_vehicle as v', 'v.id', 'a.vehicle_id')
    .innerJoin('org_jurisdiction as j', 'j.id', 'a.jurisdiction_id')
    .leftJoin('veh_trip as t', 't.id', 'a.trip_id')
    .leftJoin('auth_account as r', 'r.id', 'a.resolved_by')
    .where(scope.where({ jurisdiction: 'a.jurisdiction_id', unit: 'a.unit_id' }));
  if (q.kind) base = base.where('a.kind', '=', q.kind);
  if (q.jurisdictionId) base = base.where('a.jurisdiction_id', '=', q.jurisdictionId);
  if (q.status === 'open') base = base.where('a.resolved_at', 'is', null);
  if (q.status === 'resolved') base = base.where('a.resolved_at', 'is not', null);
  if (q.from)
    base = base.where('a.at', '>=', sql<Date>`(${q.from}::date)::timestamp at time zone ${timeZone}`);
  if (q.to)
    base = base.where('a.at', '<', sql<Date>`(${q.to}::date + 1)::timestamp at time zone ${timeZone}`);
  if (q.q) base = base.where('v.plate', 'ilike', `%${q.q.replace(/[%_\\]/g, '\\$&')}%`);
  const counts = await base
    .select([
      sql<number>`count(*) filter (where a.level = 'red')::int`.as('red'),
      sql<number>`count(*) filter (where a.level = 'yellow')::int`.as('yellow'),
      sql<number>`count(*) filter (where a.level = 'green')::int`.as('green'),
      sql<number>`count(*) filter (where a.resolved_at is null)::int`.as('open'),
    ])
    .executeTakeFirstOrThrow();
  const filtered = q.level ? base.where('a.level', '=', q.level) : base;
  const total = await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await filtered
    .select([
      'a.id',
      'a.kind',
      'a.level',
      'a.vehicle_id',
      'v.plate',
      'a.trip_id',
      't.no as trip_no',
      'a.jurisdiction_id',
      'j.name as jurisdiction',
      'a.detail',
      'a.at',
      'a.resolved_at',
      'r.username as resolved_by',
      'a.resolution',
    ])
    .orderBy('a.at', 'desc')
    .orderBy('a.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
    counts: { red: counts.red, yellow: counts.yellow, green: counts.green, open: counts.open },
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      level: r.level,
      vehicleId: r.vehicle_id,
      plate: r.plate,
      tripId: r.trip_id,
      tripNo: r.trip_no,
      jurisdictionId: r.jurisdiction_id,
      jurisdiction: r.jurisdiction,
      detail: (r.detail ?? {}) as Record<string, unknown>,
      at: new Date(r.at).toISOString(),
      resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
      resolvedBy: r.resolved_by,
      resolution: r.resolution,
    })),
  };
}

/** Resolves an open alert with a note (处置说明); a resolved one is a 409. */
export async function resolveAlert(db: Db, actor: Actor, id: string, note: string) {
  return inTransaction(db, async (tx) => {
    const a = await tx
      .updateTable('veh_alert')
      .set({ resolved_at: sql`now()`, resolved_by: actor.accountId, resolution: note })
      .where('id', '=', id)
      .where('resolved_at', 'is', null)
      .returning(['id', 'kind', 'level', 'jurisdiction_id', 'unit_id', 'vehicle_id'])
      .executeTakeFirst();
    if (!a) {
      const exists = await tx.selectFrom('veh_alert').select('id').where('id', '=', id).executeTakeFirst();
      if (!exists) throw errors.notFound('vehicles.alert', id);
      throw conflict('id', 'alert_resolved', {
        'zh-CN': '该预警已处置',
        en: 'The alert is already resolved',
      });
    }
    await audit(tx, actor, {
      entity: 'vehicles.alert',
      entityId: a.id,
      action: 'resolve',
      before: { resolved: false },
      after: { kind: a.kind, level: a.level, vehicleId: a.vehicle_id, resolution: note },
      jurisdictionId: a.jurisdiction_id,
      unitId: a.unit_id,
    });
  });
}
