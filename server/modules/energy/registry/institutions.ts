import { sql } from 'kysely';
import type { Db, Executor } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { DomainError, errors } from '../../../kernel/errors.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import { changedFields } from './changes.ts';
import { registryErrors } from './errors.ts';
import { findInstitution, institutionRecord, toBuilding } from './repository.ts';
import type {
  BuildingCreate,
  BuildingDto,
  BuildingPatch,
  InstitutionCreate,
  InstitutionDto,
  InstitutionPatch,
} from './schemas.ts';

/** Public institutions and their buildings: rules and writes. */

type InstitutionRecord = NonNullable<Awaited<ReturnType<typeof institutionRecord>>>;
type InstitutionValues = Omit<InstitutionRecord, 'id' | 'created_at' | 'updated_at'>;

function values(i: InstitutionPatch): Partial<InstitutionValues> {
  return {
    code: i.code,
    name: i.name,
    jurisdiction_id: i.jurisdictionId,
    unit_id: i.unitId,
    kind: i.kind,
    address: i.address,
    lon: i.lon,
    lat: i.lat,
    occupants: i.occupants,
    demonstration: i.demonstration,
  };
}

async function assertCodeFree(db: Executor, code: string, exceptId: string | null) {
  let q = db.selectFrom('energy_institution').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw registryErrors.institutionCodeTaken();
}

async function checkUnit(db: Executor, unitId: string | null | undefined, jurisdictionId: string) {
  if (!unitId) return;
  const unit = await db
    .selectFrom('org_unit')
    .select('jurisdiction_id')
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit) throw registryErrors.unknownUnit();
  if (unit.jurisdiction_id !== jurisdictionId) throw registryErrors.unitOtherJurisdiction();
}

export async function createInstitution(
  db: Db,
  actor: Actor,
  input: InstitutionCreate,
): Promise<InstitutionDto> {
  return inTransaction(db, async (tx) => {
    const v = values(input) as InstitutionValues;
    v.unit_id = v.unit_id ?? null;
    v.address = v.address ?? null;
    v.lon = v.lon ?? null;
    v.lat = v.lat ?? null;
    v.demonstration = v.demonstration ?? null;
    await assertCodeFree(tx, v.code, null);
    await checkUnit(tx, v.unit_id, v.jurisdiction_id);
    const row = await tx.insertInto('energy_institution').values(v).returning('id').executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'energy.institution',
      entityId: row.id,
      action: 'create',
      after: v,
      jurisdictionId: v.jurisdiction_id,
      unitId: v.unit_id,
    });
    return (await findInstitution(tx, row.id))!;
  });
}

export async function updateInstitution(
  db: Db,
  scope: DataScope,
  actor: Actor,
  id: string,
  patch: InstitutionPatch,
): Promise<InstitutionDto> {
  return inTransaction(db, async (tx) => {
    const before = await institutionRecord(tx, id);
    if (!before) throw errors.notFound('energy.institution', id);
    const diff = changedFields<InstitutionValues>(before, values(patch));
    if (!diff) return (await findInstitution(tx, id))!;
    const next = { ...before, ...diff.after };
    if (diff.after.jurisdiction_id !== undefined && !scope.covers({ jurisdictionId: next.jurisdiction_id })) {
      throw registryErrors.jurisdictionOutOfScope();
    }
    if (diff.after.code !== undefined) await assertCodeFree(tx, next.code, id);
    if (diff.after.unit_id !== undefined || diff.after.jurisdiction_id !== undefined) {
      await checkUnit(tx, next.unit_id, next.jurisdiction_id);
    }
    await tx
      .updateTable('energy_institution')
      .set({ ...diff.after, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    if (diff.after.jurisdiction_id !== undefined) {
      // points, quotas, entries and alerts follow their institution
      for (const table of ['energy_point', 'energy_quota', 'energy_manual_entry', 'energy_alert'] as const) {
        await tx
          .updateTable(table)
          .set({ jurisdiction_id: next.jurisdiction_id })
          .where('institution_id', '=', id)
          .execute();
      }
    }
    await audit(tx, actor, {
      entity: 'energy.institution',
      entityId: id,
      action: 'update',
      before: diff.before,
      after: diff.after,
      jurisdictionId: next.jurisdiction_id,
      unitId: next.unit_id,
    });
    return (await findInstitution(tx, id))!;
  });
}

export async function deleteInstitution(db: Db, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await institutionRecord(tx, id);
    if (!before) throw errors.notFound('energy.institution', id);
    const points = await tx
      .selectFrom('energy_point')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('institution_id', '=', id)
      .executeTakeFirstOrThrow();
    if (points.n > 0) {
      throw new DomainError(
        'institution_has_points',
        'conflict',
        {
          'zh-CN': `该公共机构仍有 ${points.n} 个计量点，请先删除或迁移计量点`,
          en: `The institution still has ${points.n} metering points: delete or move them first`,
        },
        [{ points: points.n }],
      );
    }
    await tx.deleteFrom('energy_institution').where('id', '=', id).execute();
    await audit(tx, actor, {
      entity: 'energy.institution',
      entityId: id,
      action: 'delete',
      before,
      jurisdictionId: before.jurisdiction_id,
      unitId: before.unit_id,
    });
  });
}

async function assertBuildingNameFree(
  db: Executor,
  institutionId: string,
  name: string,
  exceptId: string | null,
) {
  let q = db
    .selectFrom('energy_building')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw registryErrors.buildingNameTaken();
}

export async function createBuilding(db: Db, actor: Actor, input: BuildingCreate): Promise<BuildingDto> {
  return inTransaction(db, async (tx) => {
    const inst = await institutionRecord(tx, input.institutionId);
    if (!inst) throw errors.notFound('energy.institution', input.institutionId);
    await assertBuildingNameFree(tx, inst.id, input.name, null);
    const v = {
      institution_id: inst.id,
      name: input.name,
      floor_area: input.floorArea,
      occupants: input.occupants,
      built_year: input.builtYear ?? null,
    };
    const row = await tx.insertInto('energy_building').values(v).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'energy.building',
      entityId: row.id,
      action: 'create',
      after: v,
      jurisdictionId: inst.jurisdiction_id,
      unitId: inst.unit_id,
    });
    return toBuilding(row);
  });
}

export async function updateBuilding(
  db: Db,
  actor: Actor,
  id: string,
  patch: BuildingPatch,
): Promise<BuildingDto> {
  return inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('energy_building').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw errors.notFound('energy.building', id);
    const inst = (await institutionRecord(tx, before.institution_id))!;
    const diff = changedFields(before, {
      name: patch.name,
      floor_area: patch.floorArea,
      occupants: patch.occupants,
      built_year: patch.builtYear,
    });
    if (!diff) return toBuilding(before);
    if (diff.after.name !== undefined) await assertBuildingNameFree(tx, inst.id, diff.after.name, id);
    const row = await tx
      .updateTable('energy_building')
      .set({ ...diff.after, updated_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'energy.building',
      entityId: id,
      action: 'update',
      before: diff.before,
      after: diff.after,
      jurisdictionId: inst.jurisdiction_id,
      unitId: inst.unit_id,
    });
    return toBuilding(row);
  });
}

export async function deleteBuilding(db: Db, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('energy_building').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw errors.notFound('energy.building', id);
    const inst = (await institutionRecord(tx, before.institution_id))!;
    await tx.deleteFrom('energy_building').where('id', '=', id).execute();
    await audit(tx, actor, {
      entity: 'energy.building',
      entityId: id,
      action: 'delete',
      before,
      jurisdictionId: inst.jurisdiction_id,
      unitId: inst.unit_id,
    });
  });
}
