import type { Db, Executor } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { DomainError, errors } from '../errors.ts';
import { audit } from '../audit/audit.ts';
import type { Actor } from '../http/access.ts';
import { changedFields, fieldError, refuseIfReferenced } from './changes.ts';
import { departmentRecord, listDepartments, unitRecord } from './repository.ts';

/** Departments (部门/处室) inside a unit. */

export interface DepartmentDto {
  id: string;
  unitId: string;
  name: string;
  sort: number;
  headcount: number;
}

async function assertNameFree(db: Executor, unitId: string, name: string, exceptId: string | null) {
  let q = db.selectFrom('org_department').select('id').where('unit_id', '=', unitId).where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) {
    throw fieldError('conflict', 'name', 'department_name_taken', {
      'zh-CN': '本单位已有同名部门',
      en: 'The unit already has a department of this name',
    });
  }
}

async function dto(db: Executor, unitId: string, id: string): Promise<DepartmentDto> {
  const all = await listDepartments(db, unitId);
  return all.find((d) => d.id === id)!;
}

export async function createDepartment(
  db: Db,
  actor: Actor,
  input: { unitId: string; name: string; sort: number },
): Promise<DepartmentDto> {
  return inTransaction(db, async (tx) => {
    const unit = await unitRecord(tx, input.unitId);
    if (!unit) throw errors.notFound('org.unit', input.unitId);
    await assertNameFree(tx, unit.id, input.name, null);
    const values = {
      unit_id: unit.id,
      jurisdiction_id: unit.jurisdiction_id,
      name: input.name,
      sort: input.sort,
    };
    const row = await tx
      .insertInto('org_department')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'org.department',
      entityId: row.id,
      action: 'create',
      after: values,
      jurisdictionId: unit.jurisdiction_id,
      unitId: unit.id,
    });
    return dto(tx, unit.id, row.id);
  });
}

export async function updateDepartment(
  db: Db,
  actor: Actor,
  id: string,
  patch: { name?: string; sort?: number },
): Promise<DepartmentDto> {
  return inTransaction(db, async (tx) => {
    const before = await departmentRecord(tx, id);
    if (!before) throw errors.notFound('org.department', id);
    const diff = changedFields(before, { name: patch.name, sort: patch.sort });
    if (diff) {
      if (diff.after.name !== undefined) await assertNameFree(tx, before.unit_id, diff.after.name, id);
      await tx.updateTable('org_department').set(diff.after).where('id', '=', id).execute();
      await audit(tx, actor, {
        entity: 'org.department',
        entityId: id,
        action: 'update',
        before: diff.before,
        after: diff.after,
        jurisdictionId: before.jurisdiction_id,
        unitId: before.unit_id,
      });
    }
    return dto(tx, before.unit_id, id);
  });
}

export async function deleteDepartment(db: Db, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await departmentRecord(tx, id);
    if (!before) throw errors.notFound('org.department', id);
    const people = await tx
      .selectFrom('org_person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('department_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(people.n) > 0) {
      throw new DomainError(
        'department_in_use',
        'conflict',
        {
          'zh-CN': `该部门仍有人员 ${people.n} 人，不能删除`,
          en: `The department still has ${people.n} people: it cannot be deleted`,
        },
        [{ people: Number(people.n) }],
      );
    }
    await refuseIfReferenced(() => tx.deleteFrom('org_department').where('id', '=', id).execute(), {
      'zh-CN': '该部门仍被其他数据引用，不能删除',
      en: 'Other records still refer to this department: it cannot be deleted',
    });
    await audit(tx, actor, {
      entity: 'org.department',
      entityId: id,
      action: 'delete',
      before,
      jurisdictionId: before.jurisdiction_id,
      unitId: before.unit_id,
    });
  });
}
