import { sql } from 'kysely';
import type { Db, Executor } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { DomainError, errors, type Locale } from '../errors.ts';
import { audit } from '../audit/audit.ts';
import type { DataScope } from '../access/scope.ts';
import type { Actor } from '../http/access.ts';
import { changedFields, fieldError, refuseIfReferenced } from './changes.ts';
import { isRank } from './ranks.ts';
import { departmentRecord, unitRecord } from './repository.ts';
import {
  findPerson,
  personIdByEmployeeNo,
  personRecord,
  personUsage,
  toPersonDto,
} from './people-repository.ts';
import type { PersonCreate, PersonDto, PersonPatch } from './schemas.ts';

/** People: domain rules and writes. */

type PersonRecord = NonNullable<Awaited<ReturnType<typeof personRecord>>>;
export type PersonValues = Pick<
  PersonRecord,
  | 'unit_id'
  | 'jurisdiction_id'
  | 'department_id'
  | 'employee_no'
  | 'name'
  | 'gender'
  | 'rank'
  | 'position'
  | 'phone'
  | 'email'
> & { status: PersonRecord['status'] };

export const personErrors = {
  employeeNoTaken: () =>
    fieldError('conflict', 'employeeNo', 'employee_no_taken', {
      'zh-CN': '工号已被其他人员使用',
      en: 'The employee number is already used by another person',
    }),
  departmentNotInUnit: () =>
    fieldError('invalid', 'departmentId', 'department_not_in_unit', {
      'zh-CN': '部门不存在或不属于所选单位',
      en: 'The department does not exist or does not belong to the unit',
    }),
  unknownRank: () =>
    fieldError('invalid', 'rank', 'unknown_rank', {
      'zh-CN': '职级不在职级目录中',
      en: 'The rank is not in the rank catalogue',
    }),
};

async function assertEmployeeNoFree(db: Executor, employeeNo: string, exceptId: string | null) {
  const id = await personIdByEmployeeNo(db, employeeNo);
  if (id && id !== exceptId) throw personErrors.employeeNoTaken();
}

async function assertDepartment(db: Executor, departmentId: string | null, unitId: string) {
  if (!departmentId) return;
  const d = await departmentRecord(db, departmentId);
  if (!d || d.unit_id !== unitId) throw personErrors.departmentNotInUnit();
}

async function dto(db: Executor, id: string, locale: Locale): Promise<PersonDto> {
  return toPersonDto((await findPerson(db, id))!, locale);
}

export async function createPerson(
  db: Db,
  actor: Actor,
  locale: Locale,
  input: PersonCreate,
): Promise<PersonDto> {
  if (!isRank(input.rank)) throw personErrors.unknownRank();
  return inTransaction(db, async (tx) => {
    const unit = await unitRecord(tx, input.unitId);
    if (!unit) throw errors.notFound('org.unit', input.unitId);
    await assertDepartment(tx, input.departmentId, unit.id);
    await assertEmployeeNoFree(tx, input.employeeNo, null);
    const values: PersonValues = {
      unit_id: unit.id,
      jurisdiction_id: unit.jurisdiction_id,
      department_id: input.departmentId,
      employee_no: input.employeeNo,
      name: input.name,
      gender: input.gender,
      rank: input.rank,
      position: input.position,
      phone: input.phone,
      email: input.email,
      status: input.status,
    };
    const row = await tx.insertInto('org_person').values(values).returning('id').executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'org.person',
      entityId: row.id,
      action: 'create',
      after: values,
      jurisdictionId: unit.jurisdiction_id,
      unitId: unit.id,
    });
    return dto(tx, row.id, locale);
  });
}

export async function updatePerson(
  db: Db,
  scope: DataScope,
  actor: Actor,
  locale: Locale,
  id: string,
  patch: PersonPatch,
): Promise<PersonDto> {
  if (patch.rank !== undefined && !isRank(patch.rank)) throw personErrors.unknownRank();
  return inTransaction(db, async (tx) => {
    const before = await personRecord(tx, id);
    if (!before) throw errors.notFound('org.person', id);
    const next: Partial<PersonValues> = {
      employee_no: patch.employeeNo,
      name: patch.name,
      gender: patch.gender,
      rank: patch.rank,
      position: patch.position,
      phone: patch.phone,
      email: patch.email,
      status: patch.status,
      department_id: patch.departmentId,
    };
    const unitId = patch.unitId ?? before.unit_id;
    if (unitId !== before.unit_id) {
      // a transfer: the caller needs scope over the receiving unit too
      const unit = await unitRecord(tx, unitId);
      if (!unit) {
        throw fieldError('invalid', 'unitId', 'unknown_unit', {
          'zh-CN': '单位不存在',
          en: 'The unit does not exist',
        });
      }
      if (!scope.covers({ jurisdictionId: unit.jurisdiction_id, unitId: unit.id })) throw errors.outOfScope();
      next.unit_id = unit.id;
      next.jurisdiction_id = unit.jurisdiction_id;
      // the old department belongs to the old unit
      if (patch.departmentId === undefined) next.department_id = null;
    }
    await assertDepartment(tx, next.department_id === undefined ? null : next.department_id, unitId);
    const diff = changedFields<PersonValues>(before, next);
    if (!diff) return dto(tx, id, locale);
    if (diff.after.employee_no !== undefined) await assertEmployeeNoFree(tx, diff.after.employee_no, id);
    await tx
      .updateTable('org_person')
      .set({ ...diff.after, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, {
      entity: 'org.person',
      entityId: id,
      action: 'update',
      before: diff.before,
      after: diff.after,
      jurisdictionId: next.jurisdiction_id ?? before.jurisdiction_id,
      unitId,
    });
    return dto(tx, id, locale);
  });
}

export async function deletePerson(db: Db, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await personRecord(tx, id);
    if (!before) throw errors.notFound('org.person', id);
    if ((await personUsage(tx, id)).accounts > 0) {
      throw new DomainError('person_has_account', 'conflict', {
        'zh-CN': '该人员关联了登录账号，不能删除；可将其状态改为调出或退休',
        en: 'This person has a sign-in account and cannot be deleted; set the status to transferred or retired instead',
      });
    }
    await refuseIfReferenced(() => tx.deleteFrom('org_person').where('id', '=', id).execute(), {
      'zh-CN': '该人员仍被其他数据引用，不能删除；可将其状态改为调出或退休',
      en: 'Other records still refer to this person; set the status to transferred or retired instead',
    });
    await audit(tx, actor, {
      entity: 'org.person',
      entityId: id,
      action: 'delete',
      before,
      jurisdictionId: before.jurisdiction_id,
      unitId: before.unit_id,
    });
  });
}
