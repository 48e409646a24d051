import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { DomainError, errors } from '../errors.ts';
import { audit } from '../audit/audit.ts';
import type { DataScope } from '../access/scope.ts';
import type { Actor } from '../http/access.ts';
import { changedFields, fieldError, refuseIfReferenced } from './changes.ts';
import { ancestorIds, findUnit, unitRecord, unitUsage } from './repository.ts';
import type { UnitCreate, UnitDto, UnitPatch } from './schemas.ts';

/** Units and departments: domain rules and writes. */

type UnitRecord = NonNullable<Awaited<ReturnType<typeof unitRecord>>>;
export type UnitValues = Pick<
  UnitRecord,
  | 'code'
  | 'name'
  | 'short_name'
  | 'kind'
  | 'level'
  | 'jurisdiction_id'
  | 'parent_id'
  | 'establishment'
  | 'address'
  | 'sort'
>;

/** Fields only an admin of the unit's jurisdiction may change; a unit admin edits the rest. */
const STRUCTURAL: (keyof UnitValues)[] = [
  'code',
  'kind',
  'level',
  'jurisdiction_id',
  'parent_id',
  'establishment',
];

export function unitValues(input: UnitCreate): UnitValues {
  return {
    code: input.code,
    name: input.name,
    short_name: input.shortName,
    kind: input.kind,
    level: input.level,
    jurisdiction_id: input.jurisdictionId,
    parent_id: input.parentId,
    establishment: input.establishment,
    address: input.address,
    sort: input.sort,
  };
}

function patchValues(p: UnitPatch): Partial<UnitValues> {
  return {
    code: p.code,
    name: p.name,
    short_name: p.shortName,
    kind: p.kind,
    level: p.level,
    jurisdiction_id: p.jurisdictionId,
    parent_id: p.parentId,
    establishment: p.establishment,
    address: p.address,
    sort: p.sort,
  };
}

export const unitErrors = {
  codeTaken: () =>
    fieldError('conflict', 'code', 'unit_code_taken', {
      'zh-CN': '单位编码已被其他单位使用',
      en: 'The unit code is already used by another unit',
    }),
  unknownParent: () =>
    fieldError('invalid', 'parentId', 'unknown_parent', {
      'zh-CN': '上级单位不存在',
      en: 'The parent unit does not exist',
    }),
  parentOtherJurisdiction: () =>
    fieldError('invalid', 'parentId', 'parent_other_jurisdiction', {
      'zh-CN': '上级单位须属于同一辖区',
      en: 'The parent unit must belong to the same jurisdiction',
    }),
  cycle: () =>
    fieldError('invalid', 'parentId', 'unit_cycle', {
      'zh-CN': '上级单位不能是本单位或其下级单位',
      en: 'A unit cannot be its own parent or a parent of its own ancestors',
    }),
  structureForbidden: () =>
    errors.forbidden({
      'zh-CN': '修改单位编码、类型、层级、辖区、上级单位或编制数需要该辖区的管理权限',
      en: "Changing a unit's code, kind, level, jurisdiction, parent or establishment needs the jurisdiction's admin scope",
    }),
};

/** Checks a unit's parent link: it exists, lies in the same jurisdiction and makes no cycle. */
export async function checkParent(db: Executor, unitId: string | null, next: UnitValues): Promise<void> {
  if (!next.parent_id) return;
  if (unitId && next.parent_id === unitId) throw unitErrors.cycle();
  const parent = await unitRecord(db, next.parent_id);
  if (!parent) throw unitErrors.unknownParent();
  if (parent.jurisdiction_id !== next.jurisdiction_id) throw unitErrors.parentOtherJurisdiction();
  if (unitId && (await ancestorIds(db, next.parent_id)).includes(unitId)) throw unitErrors.cycle();
}

export function mayChangeStructure(scope: DataScope, before: UnitValues, after: UnitValues): boolean {
  const changed = STRUCTURAL.some((k) => before[k] !== after[k]);
  if (!changed) return true;
  return (
    scope.covers({ jurisdictionId: before.jurisdiction_id }) &&
    scope.covers({ jurisdictionId: after.jurisdiction_id })
  );
}

async function assertCodeFree(db: Executor, code: string, exceptId: string | null): Promise<void> {
  let q = db.selectFrom('org_unit').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw unitErrors.codeTaken();
}

/** Moves a unit's departments and people along when the unit changes jurisdiction. */
export async function cascadeJurisdiction(tx: Tx, unitIds: readonly string[]): Promise<void> {
  if (unitIds.length === 0) return;
  const ids = sql.val(unitIds);
  await sql`update org_department d set jurisdiction_id = u.jurisdiction_id from org_unit u
    where d.unit_id = u.id and u.id = any(${ids}::uuid[]) and d.jurisdiction_id <> u.jurisdiction_id`.execute(
    tx,
  );
  await sql`update org_person p set jurisdiction_id = u.jurisdiction_id, updated_at = now() from org_unit u
    where p.unit_id = u.id and u.id = any(${ids}::uuid[]) and p.jurisdiction_id <> u.jurisdiction_id`.execute(
    tx,
  );
}

export async function createUnit(db: Db, actor: Actor, input: UnitCreate): Promise<UnitDto> {
  return inTransaction(db, async (tx) => {
    const values = unitValues(input);
    await assertCodeFree(tx, values.code, null);
    await checkParent(tx, null, values);
    const row = await tx.insertInto('org_unit').values(values).returning('id').executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'org.unit',
      entityId: row.id,
      action: 'create',
      after: values,
      jurisdictionId: values.jurisdiction_id,
      unitId: row.id,
    });
    return (await findUnit(tx, row.id))!;
  });
}

export async function updateUnit(
  db: Db,
  scope: DataScope,
  actor: Actor,
  id: string,
  patch: UnitPatch,
): Promise<UnitDto> {
  return inTransaction(db, async (tx) => {
    const before = await unitRecord(tx, id);
    if (!before) throw errors.notFound('org.unit', id);
    const diff = changedFields<UnitValues>(before, patchValues(patch));
    if (!diff) return (await findUnit(tx, id))!;
    const next: UnitValues = { ...before, ...diff.after };
    if (!mayChangeStructure(scope, before, next)) throw unitErrors.structureForbidden();
    if (diff.after.code !== undefined) await assertCodeFree(tx, next.code, id);
    if (diff.after.parent_id !== undefined || diff.after.jurisdiction_id !== undefined) {
      await checkParent(tx, id, next);
    }
    if (diff.after.jurisdiction_id !== undefined && (await unitUsage(tx, id)).children > 0) {
      throw fieldError('conflict', 'jurisdictionId', 'unit_has_children', {
        'zh-CN': '该单位有下级单位，不能单独调整所属辖区',
        en: 'This unit has child units: it cannot move to another jurisdiction on its own',
      });
    }
    await tx
      .updateTable('org_unit')
      .set({ ...diff.after, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    if (diff.after.jurisdiction_id !== undefined) await cascadeJurisdiction(tx, [id]);
    await audit(tx, actor, {
      entity: 'org.unit',
      entityId: id,
      action: 'update',
      before: diff.before,
      after: diff.after,
      jurisdictionId: next.jurisdiction_id,
      unitId: id,
    });
    return (await findUnit(tx, id))!;
  });
}

export async function deleteUnit(db: Db, scope: DataScope, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await unitRecord(tx, id);
    if (!before) throw errors.notFound('org.unit', id);
    if (!scope.covers({ jurisdictionId: before.jurisdiction_id })) {
      throw errors.forbidden({
        'zh-CN': '删除单位需要该辖区的管理权限',
        en: "Deleting a unit needs the jurisdiction's admin scope",
      });
    }
    const usage = await unitUsage(tx, id);
    if (usage.people + usage.departments + usage.children > 0) {
      throw new DomainError(
        'unit_in_use',
        'conflict',
        {
          'zh-CN': `该单位仍有人员 ${usage.people} 人、部门 ${usage.departments} 个、下级单位 ${usage.children} 个，不能删除`,
          en: `The unit still has ${usage.people} people, ${usage.departments} departments and ${usage.children} child units: it cannot be deleted`,
        },
        [usage],
      );
    }
    await refuseIfReferenced(() => tx.deleteFrom('org_unit').where('id', '=', id).execute(), {
      'zh-CN': '该单位仍被其他数据（如账号权限）引用，不能删除',
      en: 'Other records (such as role assignments) still refer to this unit: it cannot be deleted',
    });
    await audit(tx, actor, {
      entity: 'org.unit',
      entityId: id,
      action: 'delete',
      before,
      jurisdictionId: before.jurisdiction_id,
      unitId: id,
    });
  });
}
