import { sql } from 'kysely';
import { audit, auditMany } from '../../../kernel/audit/audit.ts';
import { addDays, localDate } from '../../../kernel/calendar/businessDays.ts';
import { calendarService } from '../../../kernel/calendar/index.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import type { Db } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { errors } from '../../../kernel/errors.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import type { AppContext } from '../../../kernel/module.ts';
import { conflict } from '../shared.ts';
import type { SupervisionConfig } from './config.ts';
import { sealingDue, sealingPeriods, type SealingPeriod } from './periods.ts';
import { zoneOffsetMinutes } from './rules.ts';

/** The system actor of the sealing job's audit entries. */
export const SEALING_JOB: Actor = { accountId: null, label: 'job:vehicles.sealing', ip: null };

/** Local date and minutes after midnight of an instant. */
export function localClock(now: Date, timeZone: string): { date: string; minutes: number } {
  const local = now.getTime() / 60_000 + zoneOffsetMinutes(now.getTime(), timeZone);
  return { date: localDate(now, timeZone), minutes: Math.floor(((local % 1440) + 1440) % 1440) };
}

/** The sealing periods around a date: by default from a month before to two months after. */
export async function periodsAround(
  ctx: Pick<AppContext, 'db' | 'config'>,
  date: string,
  minDays: number,
  back = 31,
  ahead = 62,
) {
  const cal = await calendarService(ctx).get();
  return sealingPeriods(cal, addDays(date, -back), addDays(date, ahead), minDays);
}

/**
 * The sealing job (every quarter hour): from the end of the last working day before a long enough
 * non-working period, seals every available vehicle of a non-exempt category that the job has not
 * sealed for this period yet (a vehicle out on a trip is sealed once it is back; one unsealed by hand
 * stays unsealed); from the morning of the next working day, unseals the vehicles it sealed for a
 * period that are still sealed. Each change is logged with the odometer; reruns change nothing.
 */
export async function runSealing(
  ctx: Pick<AppContext, 'db' | 'config'>,
  cfg: SupervisionConfig,
  now = new Date(),
): Promise<{ sealed: number; unsealed: number }> {
  const clock = localClock(now, ctx.config.timeZone);
  const periods = await periodsAround(ctx, clock.date, cfg.seal.minDays);
  const due = sealingDue(periods, clock.date, clock.minutes, cfg.seal);
  let sealed = 0;
  let unsealed = 0;
  for (const p of due.unseal.filter((x) => x.unsealOn >= addDays(clock.date, -31))) {
    unsealed += await unsealPeriod(ctx.db, p);
  }
  if (due.seal) sealed = await sealPeriod(ctx.db, due.seal, cfg.seal.exempt);
  return { sealed, unsealed };
}

async function sealPeriod(db: Db, p: SealingPeriod, exempt: readonly string[]): Promise<number> {
  return inTransaction(db, async (tx) => {
    const reason = `节假日封存 ${p.start}–${p.end}`;
    const rows = await sql<{ id: string; jurisdiction_id: string; unit_id: string; odometer_km: number }>`
      with picked as (
        select v.id from veh_vehicle v
        where v.status = 'available'
          and not (v.category = any(${sql.val([...exempt])}::text[]))
          and not exists (select 1 from veh_seal_log l
                          where l.vehicle_id = v.id and l.action = 'seal' and l.period_start = ${p.start}::date)
        for update of v skip locked)
      update veh_vehicle v set status = 'sealed', version = version + 1, updated_at = now()
      from picked where v.id = picked.id and v.status = 'available'
      returning v.id, v.jurisdiction_id, v.unit_id, v.odometer_km`.execute(tx);
    if (!rows.rows.length) return 0;
    await tx
      .insertInto('veh_seal_log')
      .values(
        rows.rows.map((v) => ({
          vehicle_id: v.id,
          jurisdiction_id: v.jurisdiction_id,
          unit_id: v.unit_id,
          action: 'seal' as const,
          odometer_km: v.odometer_km,
          reason,
          period_start: p.start,
        })),
      )
      .execute();
    await auditMany(
      tx,
      SEALING_JOB,
      rows.rows.map((v) => ({
        entity: 'vehicles.vehicle',
        entityId: v.id,
        action: 'seal',
        after: { status: 'sealed', odometerKm: v.odometer_km, period: `${p.start}/${p.end}` },
        jurisdictionId: v.jurisdiction_id,
        unitId: v.unit_id,
      })),
    );
    return rows.rows.length;
  });
}

async function unsealPeriod(db: Db, p: SealingPeriod): Promise<number> {
  return inTransaction(db, async (tx) => {
    const rows = await sql<{ id: string; jurisdiction_id: string; unit_id: string; odometer_km: number }>`
      update veh_vehicle v set status = 'available', version = version + 1, updated_at = now()
      where v.status = 'sealed'
        and exists (select 1 from veh_seal_log l
                    where l.vehicle_id = v.id and l.action = 'seal' and l.period_start = ${p.start}::date)
        and not exists (select 1 from veh_seal_log l
                        where l.vehicle_id = v.id and l.action = 'unseal' and l.period_start = ${p.start}::date)
        and (select l.action from veh_seal_log l where l.vehicle_id = v.id order by l.at desc, l.action limit 1) = 'seal'
        and (select l.period_start from veh_seal_log l where l.vehicle_id = v.id order by l.at desc, l.action limit 1) = ${p.start}::date
      returning v.id, v.jurisdiction_id, v.unit_id, v.odometer_km`.execute(tx);
    if (!rows.rows.length) return 0;
    await tx
      .insertInto('veh_seal_log')
      .values(
        rows.rows.map((v) => ({
          vehicle_id: v.id,
          jurisdiction_id: v.jurisdiction_id,
          unit_id: v.unit_id,
          action: 'unseal' as const,
          odometer_km: v.odometer_km,
          reason: `节后启封 ${p.unsealOn}`,
          period_start: p.start,
        })),
      )
      .execute();
    await auditMany(
      tx,
      SEALING_JOB,
      rows.rows.map((v) => ({
        entity: 'vehicles.vehicle',
        entityId: v.id,
        action: 'unseal',
        after: { status: 'available', odometerKm: v.odometer_km, period: `${p.start}/${p.end}` },
        jurisdictionId: v.jurisdiction_id,
        unitId: v.unit_id,
      })),
    );
    return rows.rows.length;
  });
}

/**
 * Manual sealing or unsealing of one vehicle with a reason: an available vehicle may be sealed, a
 * sealed one unsealed; anything else (on a trip, in maintenance, retired, already so) is a 409.
 */
export async function sealManually(
  db: Db,
  actor: Actor,
  vehicleId: string,
  action: 'seal' | 'unseal',
  reason: string,
) {
  return inTransaction(db, async (tx) => {
    const from = action === 'seal' ? 'available' : 'sealed';
    const to = action === 'seal' ? 'sealed' : 'available';
    const v = await tx
      .updateTable('veh_vehicle')
      .set({ status: to, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', vehicleId)
      .where('status', '=', from)
      .returning(['id', 'plate', 'jurisdiction_id', 'unit_id', 'odometer_km'])
      .executeTakeFirst();
    if (!v) {
      const exists = await tx
        .selectFrom('veh_vehicle')
        .select('status')
        .where('id', '=', vehicleId)
        .executeTakeFirst();
      if (!exists) throw errors.notFound('vehicles.vehicle', vehicleId);
      throw action === 'seal'
        ? conflict('status', 'not_sealable', {
            'zh-CN': '只有可用（未出车、未维修、未封存）的车辆可以封存',
            en: 'Only an available vehicle (not on a trip, in maintenance or sealed) can be sealed',
          })
        : conflict('status', 'not_sealed', {
            'zh-CN': '车辆未处于封存状态',
            en: 'The vehicle is not sealed',
          });
    }
    const log = await tx
      .insertInto('veh_seal_log')
      .values({
        vehicle_id: v.id,
        jurisdiction_id: v.jurisdiction_id,
        unit_id: v.unit_id,
        action,
        odometer_km: v.odometer_km,
        reason,
        by_account_id: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'vehicles.vehicle',
      entityId: v.id,
      action,
      before: { status: from },
      after: { status: to, odometerKm: v.odometer_km, reason },
      jurisdictionId: v.jurisdiction_id,
      unitId: v.unit_id,
    });
    return { id: log.id, status: to };
  });
}

export interface SealLogQuery {
  from?: string | undefined;
  to?: string | undefined;
  action?: 'seal' | 'unseal' | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** The sealing log in scope, newest first, with the vehicle's plate and who did it. */
export async function listSealLog(db: Db, scope: DataScope, timeZone: string, q: SealLogQuery) {
  let base = db
    .selectFrom('veh_seal_log as l')
    .innerJoin('veh_vehicle as v', 'v.id', 'l.vehicle_id')
    .innerJoin('org_jurisdiction as j', 'j.id', 'l.jurisdiction_id')
    .leftJoin('auth_account as a', 'a.id', 'l.by_account_id')
    .where(scope.where({ jurisdiction: 'l.jurisdiction_id', unit: 'l.unit_id' }));
  if (q.from)
    base = base.where('l.at', '>=', sql<Date>`(${q.from}::date)::timestamp at time zone ${timeZone}`);
  if (q.to)
    base = base.where('l.at', '<', sql<Date>`(${q.to}::date + 1)::timestamp at time zone ${timeZone}`);
  if (q.action) base = base.where('l.action', '=', q.action);
  if (q.q) base = base.where('v.plate', 'ilike', `%${q.q.replace(/[%_\\]/g, '\\$&')}%`);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'l.id',
      'l.vehicle_id',
      'v.plate',
      'v.category',
      'v.status',
      'j.name as jurisdiction',
      'l.action',
      'l.odometer_km',
      'l.reason',
      'l.at',
      'l.period_start',
      'a.username',
    ])
    .orderBy('l.at', 'desc')
    .orderBy('l.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      vehicleId: r.vehicle_id,
      plate: r.plate,
      category: r.category,
      status: r.status,
      jurisdiction: r.jurisdiction,
      action: r.action,
      odometerKm: r.odometer_km,
      reason: r.reason,
      at: new Date(r.at).toISOString(),
      periodStart: r.period_start,
      by: r.username,
    })),
  };
}
