import { sql } from 'kysely';
import type { Db, Executor } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import { errors } from '../../../kernel/errors.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import { likePattern } from '../../../kernel/http/paging.ts';
import { conflict, fieldError, pgError } from '../shared.ts';
import type { DriverCreate, DriverPatch, DriverQuery, DriverView, TrainingCreate } from './schemas.ts';

/** Drivers (司勤人员): licence, contract, uniform and badge, working-hour rules, trainings, ratings. */

function driverSelect(ex: Executor) {
  return ex
    .selectFrom('veh_driver as d')
    .innerJoin('org_jurisdiction as j', 'j.id', 'd.jurisdiction_id')
    .innerJoin('org_unit as u', 'u.id', 'd.unit_id')
    .selectAll('d')
    .select(['j.name as jurisdiction_name', 'u.name as unit_name']);
}
type Row = Awaited<ReturnType<ReturnType<typeof driverSelect>['executeTakeFirstOrThrow']>>;

function toView(r: Row): DriverView {
  return {
    id: r.id,
    name: r.name,
    phone: r.phone,
    personId: r.person_id,
    accountId: r.account_id,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionName: r.jurisdiction_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    licenceClass: r.licence_class as DriverView['licenceClass'],
    licenceNo: r.licence_no,
    licenceExpiresOn: r.licence_expires_on,
    contractStartsOn: r.contract_starts_on,
    contractEndsOn: r.contract_ends_on,
    uniformIssuedOn: r.uniform_issued_on,
    badgeNo: r.badge_no,
    maxDailyMinutes: r.max_daily_minutes,
    minRestMinutes: r.min_rest_minutes,
    status: r.status,
    rating: r.rating_count > 0 ? Math.round((r.rating_sum / r.rating_count) * 10) / 10 : null,
    ratingCount: r.rating_count,
    version: r.version,
  };
}

export async function listDrivers(db: Db, scope: DataScope, f: DriverQuery) {
  let q = driverSelect(db).where(scope.where({ jurisdiction: 'd.jurisdiction_id', unit: 'd.unit_id' }));
  if (f.jurisdictionId) q = q.where('d.jurisdiction_id', '=', f.jurisdictionId);
  if (f.unitId) q = q.where('d.unit_id', '=', f.unitId);
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.q) {
    const p = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([eb('d.name', 'ilike', p), eb('d.phone', 'ilike', p), eb('d.badge_no', 'ilike', p)]),
    );
  }
  const [rows, total] = await Promise.all([
    q
      .orderBy('j.sort')
      .orderBy('d.name')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toView), total: Number(total.n), page: f.page, pageSize: f.pageSize };
}

export async function getDriver(ex: Executor, id: string): Promise<DriverView> {
  const r = await driverSelect(ex).where('d.id', '=', id).executeTakeFirst();
  if (!r) throw errors.notFound('vehicles.driver', id);
  return toView(r);
}

const contractOrder = () =>
  fieldError('contractEndsOn', 'contract_order', {
    'zh-CN': '合同结束日期不能早于开始日期',
    en: 'The contract cannot end before it starts',
  });
const linkTaken = () =>
  conflict('accountId', 'driver_link_taken', {
    'zh-CN': '该人员或账号已关联其他驾驶员',
    en: 'That person or account is already linked to another driver',
  });

async function checkLinks(
  ex: Executor,
  personId: string | null | undefined,
  accountId: string | null | undefined,
) {
  if (
    personId &&
    !(await ex.selectFrom('org_person').select('id').where('id', '=', personId).executeTakeFirst())
  ) {
    throw fieldError('personId', 'unknown_person', { 'zh-CN': '关联人员不存在', en: 'Unknown person' });
  }
  if (
    accountId &&
    !(await ex.selectFrom('auth_account').select('id').where('id', '=', accountId).executeTakeFirst())
  ) {
    throw fieldError('accountId', 'unknown_account', { 'zh-CN': '关联账号不存在', en: 'Unknown account' });
  }
}

export async function createDriver(db: Db, actor: Actor, input: DriverCreate): Promise<DriverView> {
  if (input.contractStartsOn && input.contractEndsOn && input.contractEndsOn < input.contractStartsOn)
    throw contractOrder();
  try {
    return await inTransaction(db, async (tx) => {
      await checkLinks(tx, input.personId, input.accountId);
      const unit = await tx
        .selectFrom('org_unit')
        .select(['id', 'jurisdiction_id'])
        .where('id', '=', input.unitId)
        .executeTakeFirst();
      if (!unit)
        throw fieldError('unitId', 'unknown_unit', { 'zh-CN': '所属单位不存在', en: 'Unknown unit' });
      const row = await tx
        .insertInto('veh_driver')
        .values({
          name: input.name,
          phone: input.phone,
          person_id: input.personId ?? null,
          account_id: input.accountId ?? null,
          jurisdiction_id: unit.jurisdiction_id,
          unit_id: unit.id,
          licence_class: input.licenceClass,
          licence_no: input.licenceNo,
          licence_expires_on: input.licenceExpiresOn,
          contract_starts_on: input.contractStartsOn,
          contract_ends_on: input.contractEndsOn,
          uniform_issued_on: input.uniformIssuedOn,
          badge_no: input.badgeNo,
          max_daily_minutes: input.maxDailyMinutes,
          min_rest_minutes: input.minRestMinutes,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(tx, actor, {
        entity: 'vehicles.driver',
        entityId: row.id,
        action: 'create',
        after: input,
        jurisdictionId: unit.jurisdiction_id,
        unitId: unit.id,
      });
      return getDriver(tx, row.id);
    });
  } catch (e) {
    if (pgError(e)?.code === '23505') throw linkTaken();
    throw e;
  }
}

export async function updateDriver(
  db: Db,
  actor: Actor,
  id: string,
  patch: DriverPatch,
): Promise<DriverView> {
  try {
    return await inTransaction(db, async (tx) => {
      const before = await tx
        .selectFrom('veh_driver')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw errors.notFound('vehicles.driver', id);
      if (patch.version !== undefined && patch.version !== before.version) {
        throw conflict('version', 'stale_version', {
          'zh-CN': '驾驶员信息已被他人修改，请刷新后重试',
          en: 'The driver was changed by someone else; reload and retry',
        });
      }
      const starts =
        patch.contractStartsOn !== undefined ? patch.contractStartsOn : before.contract_starts_on;
      const ends = patch.contractEndsOn !== undefined ? patch.contractEndsOn : before.contract_ends_on;
      if (starts && ends && ends < starts) throw contractOrder();
      await checkLinks(tx, patch.personId, patch.accountId);
      await tx
        .updateTable('veh_driver')
        .set({
          name: patch.name,
          phone: patch.phone,
          person_id: patch.personId,
          account_id: patch.accountId,
          licence_class: patch.licenceClass,
          licence_no: patch.licenceNo,
          licence_expires_on: patch.licenceExpiresOn,
          contract_starts_on: patch.contractStartsOn,
          contract_ends_on: patch.contractEndsOn,
          uniform_issued_on: patch.uniformIssuedOn,
          badge_no: patch.badgeNo,
          max_daily_minutes: patch.maxDailyMinutes,
          min_rest_minutes: patch.minRestMinutes,
          status: patch.status,
          version: sql`version + 1`,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .execute();
      const { version: _v, ...changes } = patch;
      await audit(tx, actor, {
        entity: 'vehicles.driver',
        entityId: id,
        action: 'update',
        after: changes,
        jurisdictionId: before.jurisdiction_id,
        unitId: before.unit_id,
      });
      return getDriver(tx, id);
    });
  } catch (e) {
    if (pgError(e)?.code === '23505') throw linkTaken();
    throw e;
  }
}

export async function listTrainings(ex: Executor, driverId: string) {
  const rows = await ex
    .selectFrom('veh_driver_training')
    .selectAll()
    .where('driver_id', '=', driverId)
    .orderBy('held_on', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    heldOn: r.held_on,
    topic: r.topic,
    hours: Number(r.hours),
    passed: r.passed,
  }));
}

export async function addTraining(db: Db, actor: Actor, driverId: string, input: TrainingCreate) {
  return inTransaction(db, async (tx) => {
    const d = await tx
      .selectFrom('veh_driver')
      .select(['jurisdiction_id', 'unit_id'])
      .where('id', '=', driverId)
      .executeTakeFirst();
    if (!d) throw errors.notFound('vehicles.driver', driverId);
    const row = await tx
      .insertInto('veh_driver_training')
      .values({
        driver_id: driverId,
        jurisdiction_id: d.jurisdiction_id,
        unit_id: d.unit_id,
        held_on: input.heldOn,
        topic: input.topic,
        hours: input.hours,
        passed: input.passed,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'vehicles.training',
      entityId: row.id,
      action: 'create',
      after: { driverId, ...input },
      jurisdictionId: d.jurisdiction_id,
      unitId: d.unit_id,
    });
    return (await listTrainings(tx, driverId)).find((t) => t.id === row.id)!;
  });
}
