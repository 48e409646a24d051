import { sql } from 'kysely';
import type { Db, Executor } from '../../kernel/db/schema.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { audit } from '../../kernel/audit/audit.ts';
import { errors } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/http/access.ts';
import type { DataScope } from '../../kernel/access/scope.ts';
import { addDays, localDate } from '../../kernel/calendar/businessDays.ts';
import { attendanceErrors } from './errors.ts';
import { RULE_TIME_COLUMNS, recomputeDays, ruleTimes } from './recompute.ts';
import './tables.ts';

/** Working-hour rules (per unit or department) and clock-in sites. */

export interface RuleInput {
  unitId: string;
  departmentId?: string | null | undefined;
  name: string;
  startMin: number;
  endMin: number;
  flexMin: number;
  lunchStartMin?: number | null | undefined;
  lunchEndMin?: number | null | undefined;
  graceMin: number;
  absentLateMin: number;
  overtimeMinThreshold: number;
}

const ruleColumns = [
  'r.id',
  'r.unit_id',
  'u.name as unit_name',
  'r.department_id',
  'd.name as department_name',
  'r.name',
  ...RULE_TIME_COLUMNS,
] as const;

/** The columns of a rule that its input sets, on creation and on change alike. */
function ruleValues(i: Omit<RuleInput, 'unitId' | 'departmentId'>) {
  return {
    name: i.name,
    start_min: i.startMin,
    end_min: i.endMin,
    flex_min: i.flexMin,
    lunch_start_min: i.lunchStartMin ?? null,
    lunch_end_min: i.lunchEndMin ?? null,
    grace_min: i.graceMin,
    absent_late_min: i.absentLateMin,
    overtime_min_threshold: i.overtimeMinThreshold,
  };
}

function ruleQuery(ex: Executor) {
  return ex
    .selectFrom('attendance_rule as r')
    .innerJoin('org_unit as u', 'u.id', 'r.unit_id')
    .leftJoin('org_department as d', 'd.id', 'r.department_id')
    .select(ruleColumns);
}

type RuleRow = Awaited<ReturnType<ReturnType<typeof ruleQuery>['executeTakeFirstOrThrow']>>;

const ruleView = (r: RuleRow) => ({
  id: r.id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  departmentId: r.department_id,
  departmentName: r.department_name,
  name: r.name,
  ...ruleTimes(r),
});

export async function listRules(db: Db, scope: DataScope, unitId?: string) {
  let q = ruleQuery(db).where(scope.where({ jurisdiction: 'r.jurisdiction_id', unit: 'r.unit_id' }));
  if (unitId) q = q.where('r.unit_id', '=', unitId);
  const rows = await q
    .orderBy('u.sort')
    .orderBy('u.name')
    .orderBy(sql`d.name nulls first`)
    .execute();
  return rows.map(ruleView);
}

function checkRule(i: RuleInput) {
  if (i.endMin <= i.startMin)
    throw errors.field('endMin', 'attendance_rule_times', {
      'zh-CN': '下班时间须晚于上班时间',
      en: 'The end must be after the start',
    });
  const ls = i.lunchStartMin ?? null;
  const le = i.lunchEndMin ?? null;
  if (
    (ls === null) !== (le === null) ||
    (ls !== null && le !== null && (ls >= le || ls < i.startMin || le > i.endMin))
  ) {
    throw errors.field('lunchStartMin', 'attendance_rule_lunch', {
      'zh-CN': '午休须在上下班时间之内，且开始早于结束',
      en: 'The lunch break must lie within the working hours, start before end',
    });
  }
}

/** After a rule change: the current month up to today, for the people it covers. */
async function unitOrFail(ex: Executor, unitId: string) {
  const unit = await ex
    .selectFrom('org_unit')
    .select(['id', 'jurisdiction_id'])
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit) throw errors.notFound('org.unit', unitId);
  return unit;
}

async function recomputeUnit(ex: Executor, unitId: string, timeZone: string) {
  const today = localDate(new Date(), timeZone);
  await recomputeDays(ex, { unitIds: [unitId] }, `${today.slice(0, 7)}-01`, today, new Date(), timeZone);
}

export async function createRule(db: Db, actor: Actor, timeZone: string, i: RuleInput) {
  checkRule(i);
  return inTransaction(db, async (tx) => {
    const unit = await unitOrFail(tx, i.unitId);
    if (i.departmentId) {
      const d = await tx
        .selectFrom('org_department')
        .select('unit_id')
        .where('id', '=', i.departmentId)
        .executeTakeFirst();
      if (!d || d.unit_id !== unit.id) throw attendanceErrors.departmentOutside();
    }
    const row = await tx
      .insertInto('attendance_rule')
      .values({
        jurisdiction_id: unit.jurisdiction_id,
        unit_id: unit.id,
        department_id: i.departmentId ?? null,
        ...ruleValues(i),
      })
      .onConflict((oc) => oc.constraint('attendance_rule_unit_id_department_id_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw attendanceErrors.ruleTaken();
    await audit(tx, actor, {
      entity: 'attendance.rule',
      entityId: row.id,
      action: 'create',
      after: i,
      jurisdictionId: unit.jurisdiction_id,
      unitId: unit.id,
    });
    await recomputeUnit(tx, unit.id, timeZone);
    return ruleView(await ruleQuery(tx).where('r.id', '=', row.id).executeTakeFirstOrThrow());
  });
}

export async function updateRule(
  db: Db,
  actor: Actor,
  timeZone: string,
  id: string,
  i: Omit<RuleInput, 'unitId' | 'departmentId'>,
) {
  return inTransaction(db, async (tx) => {
    const before = await ruleQuery(tx).where('r.id', '=', id).executeTakeFirst();
    if (!before) throw errors.notFound('attendance.rule', id);
    checkRule({ ...i, unitId: before.unit_id });
    await tx
      .updateTable('attendance_rule')
      .set({
        ...ruleValues(i),
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    const after = await ruleQuery(tx).where('r.id', '=', id).executeTakeFirstOrThrow();
    const j = await tx
      .selectFrom('attendance_rule')
      .select('jurisdiction_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'attendance.rule',
      entityId: id,
      action: 'update',
      before: ruleView(before),
      after: ruleView(after),
      jurisdictionId: j.jurisdiction_id,
      unitId: before.unit_id,
    });
    await recomputeUnit(tx, before.unit_id, timeZone);
    return ruleView(after);
  });
}

export async function deleteRule(db: Db, actor: Actor, id: string) {
  await inTransaction(db, async (tx) => {
    const row = await tx.deleteFrom('attendance_rule').where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw errors.notFound('attendance.rule', id);
    await audit(tx, actor, {
      entity: 'attendance.rule',
      entityId: id,
      action: 'delete',
      before: row,
      jurisdictionId: row.jurisdiction_id,
      unitId: row.unit_id,
    });
  });
}

// ── sites ────────────────────────────────────────────────────────────────────────────────────────

export interface SiteInput {
  unitId: string;
  name: string;
  lat: number;
  lng: number;
  radiusM: number;
  active?: boolean | undefined;
}

function siteQuery(ex: Executor) {
  return ex
    .selectFrom('attendance_site as s')
    .innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .select([
      's.id',
      's.unit_id as unitId',
      'u.name as unitName',
      's.name',
      's.lat',
      's.lng',
      's.radius_m as radiusM',
      's.active',
    ]);
}

export async function listSites(db: Db, scope: DataScope, unitId?: string) {
  let q = siteQuery(db).where(scope.where({ jurisdiction: 's.jurisdiction_id', unit: 's.unit_id' }));
  if (unitId) q = q.where('s.unit_id', '=', unitId);
  return q.orderBy('u.name').orderBy('s.name').execute();
}

const siteTaken = () =>
  errors.conflict(
    'attendance_site_taken',
    { 'zh-CN': '该单位已有同名打卡地点', en: 'The unit already has a site of that name' },
    [{ field: 'name', code: 'attendance_site_taken' }],
  );

export async function createSite(db: Db, actor: Actor, i: SiteInput) {
  return inTransaction(db, async (tx) => {
    const unit = await unitOrFail(tx, i.unitId);
    const row = await tx
      .insertInto('attendance_site')
      .values({
        jurisdiction_id: unit.jurisdiction_id,
        unit_id: unit.id,
        name: i.name,
        lat: i.lat,
        lng: i.lng,
        radius_m: i.radiusM,
        active: i.active ?? true,
      })
      .onConflict((oc) => oc.columns(['unit_id', 'name']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw siteTaken();
    await audit(tx, actor, {
      entity: 'attendance.site',
      entityId: row.id,
      action: 'create',
      after: i,
      jurisdictionId: unit.jurisdiction_id,
      unitId: unit.id,
    });
    return siteQuery(tx).where('s.id', '=', row.id).executeTakeFirstOrThrow();
  });
}

export async function updateSite(db: Db, actor: Actor, id: string, i: Omit<SiteInput, 'unitId'>) {
  return inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('attendance_site').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw errors.notFound('attendance.site', id);
    const clash = await tx
      .selectFrom('attendance_site')
      .select('id')
      .where('unit_id', '=', before.unit_id)
      .where('name', '=', i.name)
      .where('id', '!=', id)
      .executeTakeFirst();
    if (clash) throw siteTaken();
    await tx
      .updateTable('attendance_site')
      .set({ name: i.name, lat: i.lat, lng: i.lng, radius_m: i.radiusM, active: i.active ?? before.active })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, {
      entity: 'attendance.site',
      entityId: id,
      action: 'update',
      before,
      after: i,
      jurisdictionId: before.jurisdiction_id,
      unitId: before.unit_id,
    });
    return siteQuery(tx).where('s.id', '=', id).executeTakeFirstOrThrow();
  });
}

export async function deleteSite(db: Db, actor: Actor, id: string) {
  await inTransaction(db, async (tx) => {
    const used = await tx
      .selectFrom('attendance_punch')
      .select('id')
      .where('site_id', '=', id)
      .executeTakeFirst();
    const before = await tx.selectFrom('attendance_site').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw errors.notFound('attendance.site', id);
    if (used) {
      // punches keep pointing at it: retire it instead
      await tx.updateTable('attendance_site').set({ active: false }).where('id', '=', id).execute();
    } else {
      await tx.deleteFrom('attendance_site').where('id', '=', id).execute();
    }
    await audit(tx, actor, {
      entity: 'attendance.site',
      entityId: id,
      action: used ? 'deactivate' : 'delete',
      before,
      jurisdictionId: before.jurisdiction_id,
      unitId: before.unit_id,
    });
  });
}

/** The nightly close: yesterday's results (and today's so far) for everyone under a rule. */
export async function closeDays(db: Db, timeZone: string, now = new Date()) {
  const today = localDate(now, timeZone);
  return inTransaction(db, (tx) =>
    recomputeDays(tx, { unitIds: null }, addDays(today, -1), addDays(today, -1), now, timeZone),
  );
}

/** Recomputes a unit's days over a range (after back-dated rule changes or corrections by hand). */
export async function recomputeRange(
  db: Db,
  actor: Actor,
  timeZone: string,
  unitId: string,
  from: string,
  to: string,
) {
  if (to < from) throw attendanceErrors.rangeInvalid('to');
  if (addDays(from, 92) < to) {
    throw errors.field('to', 'attendance_range_too_long', {
      'zh-CN': '一次最多重算 92 天',
      en: 'At most 92 days at once',
    });
  }
  return inTransaction(db, async (tx) => {
    const unit = await tx
      .selectFrom('org_unit')
      .select(['id', 'jurisdiction_id'])
      .where('id', '=', unitId)
      .executeTakeFirstOrThrow();
    const days = await recomputeDays(tx, { unitIds: [unitId] }, from, to, new Date(), timeZone);
    await audit(tx, actor, {
      entity: 'attendance.day',
      action: 'recompute',
      after: { from, to, days },
      jurisdictionId: unit.jurisdiction_id,
      unitId,
    });
    return { days };
  });
}
