import { sql } from 'kysely';
import { DataScope } from '../../../kernel/access/scope.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import type { Db } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { errors } from '../../../kernel/errors.ts';
import { attachFiles, registerFileAccess } from '../../../kernel/files/service.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import { registerOwnerResolver } from '../../../kernel/http/access.ts';
import { conflict, fieldError } from '../shared.ts';

/**
 * Special inspections (专项督查) of units' vehicle use: subject, inspected unit, optionally a vehicle,
 * date, findings and result; 'rectify' and 'violation' carry a rectification due date, followed up until
 * done. Owned by the inspected unit; attachments are kernel files owned by 'vehicles.inspection'.
 */
export const INSPECTION_FILES = 'vehicles.inspection';

registerOwnerResolver('vehicles.inspection', async (db, id) => {
  const r = await db
    .selectFrom('veh_inspection')
    .select(['jurisdiction_id', 'unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r && { jurisdictionId: r.jurisdiction_id, unitId: r.unit_id };
});

registerFileAccess(INSPECTION_FILES, async (db, ownerId, principal) => {
  const r = await db
    .selectFrom('veh_inspection')
    .select(['jurisdiction_id', 'unit_id'])
    .where('id', '=', ownerId)
    .executeTakeFirst();
  if (!r) return false;
  return DataScope.forPermission(principal.roles, 'vehicles.supervise', principal.personId).covers({
    jurisdictionId: r.jurisdiction_id,
    unitId: r.unit_id,
  });
});

export type InspectionResult = 'compliant' | 'rectify' | 'violation';

export interface InspectionInput {
  unitId: string;
  vehicleId?: string | null | undefined;
  heldOn: string;
  subject: string;
  findings?: string | null | undefined;
  result: InspectionResult;
  rectifyDueOn?: string | null | undefined;
  fileIds?: string[] | undefined;
}

function checkRectify(result: InspectionResult, heldOn: string, due: string | null | undefined) {
  if (result === 'compliant' && due) {
    throw fieldError('rectifyDueOn', 'rectify_not_needed', {
      'zh-CN': '结论为合规时不需要整改期限',
      en: 'A compliant inspection has no rectification due date',
    });
  }
  if (result !== 'compliant' && !due) {
    throw fieldError('rectifyDueOn', 'rectify_due_required', {
      'zh-CN': '需整改或违规的督查必须填写整改期限',
      en: 'A rectify or violation result needs a rectification due date',
    });
  }
  if (due && due < heldOn) {
    throw fieldError('rectifyDueOn', 'rectify_due_before', {
      'zh-CN': '整改期限不能早于督查日期',
      en: 'The rectification due date cannot be before the inspection',
    });
  }
}

export async function createInspection(db: Db, actor: Actor, today: string, input: InspectionInput) {
  checkRectify(input.result, input.heldOn, input.rectifyDueOn);
  if (input.heldOn > today) {
    throw fieldError('heldOn', 'held_in_future', {
      'zh-CN': '督查日期不能晚于今天',
      en: 'The inspection date cannot be in the future',
    });
  }
  return inTransaction(db, async (tx) => {
    const unit = await tx
      .selectFrom('org_unit')
      .select(['id', 'jurisdiction_id'])
      .where('id', '=', input.unitId)
      .executeTakeFirst();
    if (!unit) throw fieldError('unitId', 'unknown_unit', { 'zh-CN': '单位不存在', en: 'Unknown unit' });
    if (input.vehicleId) {
      const v = await tx
        .selectFrom('veh_vehicle')
        .select(['id', 'unit_id'])
        .where('id', '=', input.vehicleId)
        .executeTakeFirst();
      if (!v)
        throw fieldError('vehicleId', 'unknown_vehicle', { 'zh-CN': '车辆不存在', en: 'Unknown vehicle' });
    }
    const row = await tx
      .insertInto('veh_inspection')
      .values({
        jurisdiction_id: unit.jurisdiction_id,
        unit_id: unit.id,
        vehicle_id: input.vehicleId ?? null,
        held_on: input.heldOn,
        subject: input.subject,
        findings: input.findings ?? null,
        result: input.result,
        rectify_due_on: input.rectifyDueOn ?? null,
        inspector_account_id: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const files = await attachFiles(tx, input.fileIds ?? [], INSPECTION_FILES, row.id, actor.accountId!);
    await audit(tx, actor, {
      entity: 'vehicles.inspection',
      entityId: row.id,
      action: 'create',
      after: { ...input, fileIds: files.map((f) => f.id) },
      jurisdictionId: unit.jurisdiction_id,
      unitId: unit.id,
    });
    return { id: row.id };
  });
}

/** Records the rectification as done (date and note); only for an open rectification. */
export async function rectifyInspection(
  db: Db,
  actor: Actor,
  id: string,
  input: { rectifiedOn: string; note: string; version: number },
) {
  return inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('veh_inspection').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw errors.notFound('vehicles.inspection', id);
    if (before.result === 'compliant' || before.rectified_on) {
      throw conflict('rectifiedOn', 'nothing_to_rectify', {
        'zh-CN': '该督查没有待完成的整改',
        en: 'This inspection has no open rectification',
      });
    }
    if (input.rectifiedOn < before.held_on) {
      throw fieldError('rectifiedOn', 'rectified_before', {
        'zh-CN': '整改完成日期不能早于督查日期',
        en: 'The rectification cannot be done before the inspection',
      });
    }
    const row = await tx
      .updateTable('veh_inspection')
      .set({
        rectified_on: input.rectifiedOn,
        rectify_note: input.note,
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('rectified_on', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!row) {
      throw conflict('version', 'stale_version', {
        'zh-CN': '记录已被他人修改，请刷新后重试',
        en: 'The record was changed by someone else; reload and try again',
      });
    }
    await audit(tx, actor, {
      entity: 'vehicles.inspection',
      entityId: id,
      action: 'rectify',
      before: { rectifiedOn: null },
      after: { rectifiedOn: input.rectifiedOn, note: input.note },
      jurisdictionId: before.jurisdiction_id,
      unitId: before.unit_id,
    });
  });
}

export interface InspectionQuery {
  result?: InspectionResult | undefined;
  jurisdictionId?: string | undefined;
  unitId?: string | undefined;
  rectification?: 'open' | 'overdue' | 'done' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listInspections(db: Db, scope: DataScope, today: string, q: InspectionQuery) {
  let base = db
    .selectFrom('veh_inspection as i')
    .innerJoin('org_unit as u', 'u.id', 'i.unit_id')
    .innerJoin('org_jurisdiction as j', 'j.id', 'i.jurisdiction_id')
    .leftJoin('veh_vehicle as v', 'v.id', 'i.vehicle_id')
    .leftJoin('auth_account as a', 'a.id', 'i.inspector_account_id')
    .where(scope.where({ jurisdiction: 'i.jurisdiction_id', unit: 'i.unit_id' }));
  if (q.result) base = base.where('i.result', '=', q.result);
  if (q.jurisdictionId) base = base.where('i.jurisdiction_id', '=', q.jurisdictionId);
  if (q.unitId) base = base.where('i.unit_id', '=', q.unitId);
  if (q.from) base = base.where('i.held_on', '>=', q.from);
  if (q.to) base = base.where('i.held_on', '<=', q.to);
  if (q.rectification === 'done') base = base.where('i.rectified_on', 'is not', null);
  if (q.rectification === 'open')
    base = base.where('i.rectify_due_on', 'is not', null).where('i.rectified_on', 'is', null);
  if (q.rectification === 'overdue')
    base = base.where('i.rectify_due_on', '<', today).where('i.rectified_on', 'is', null);
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, '\\$&')}%`;
    base = base.where((eb) =>
      eb.or([eb('i.subject', 'ilike', like), eb('u.name', 'ilike', like), eb('v.plate', 'ilike', like)]),
    );
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'i.id',
      'i.held_on',
      'i.subject',
      'i.findings',
      'i.result',
      'i.unit_id',
      'u.name as unit',
      'i.jurisdiction_id',
      'j.name as jurisdiction',
      'i.vehicle_id',
      'v.plate',
      'a.username as inspector',
      'i.rectify_due_on',
      'i.rectified_on',
      'i.rectify_note',
      'i.version',
      sql<number>`(select count(*)::int from file_object f where f.owner_entity = ${INSPECTION_FILES} and f.owner_id = i.id::text)`.as(
        'files',
      ),
    ])
    .orderBy('i.held_on', 'desc')
    .orderBy('i.created_at', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      heldOn: r.held_on,
      subject: r.subject,
      findings: r.findings,
      result: r.result,
      unitId: r.unit_id,
      unit: r.unit,
      jurisdictionId: r.jurisdiction_id,
      jurisdiction: r.jurisdiction,
      vehicleId: r.vehicle_id,
      plate: r.plate,
      inspector: r.inspector,
      rectifyDueOn: r.rectify_due_on,
      rectifiedOn: r.rectified_on,
      rectifyNote: r.rectify_note,
      overdue: !!r.rectify_due_on && !r.rectified_on && r.rectify_due_on < today,
      files: r.files,
      version: r.version,
    })),
  };
}

/** The files of an inspection (metadata), for the detail drawer. */
export async function inspectionFiles(db: Db, id: string) {
  const rows = await db
    .selectFrom('file_object')
    .select(['id', 'name', 'size_bytes', 'content_type'])
    .where('owner_entity', '=', INSPECTION_FILES)
    .where('owner_id', '=', id)
    .orderBy('created_at')
    .execute();
  return rows.map((f) => ({
    id: f.id,
    name: f.name,
    size: Number(f.size_bytes),
    contentType: f.content_type,
  }));
}
