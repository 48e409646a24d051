import { sql } from 'kysely';
import type { Tx } from '../db/schema.ts';
import { auditMany, type AuditEntry } from '../audit/audit.ts';
import type { DataScope } from '../access/scope.ts';
import type { Actor } from '../http/access.ts';
import { changedFields } from './changes.ts';
import {
  chunks,
  rowIssue,
  sheetImport,
  unknownUnit,
  type ImportResult,
  type Rejected,
} from './import-shared.ts';
import { departmentsOfUnits, unitsByCode } from './repository.ts';
import { peopleByEmployeeNo } from './people-repository.ts';
import type { PersonValues } from './people.ts';
import { parsePersonRow, PEOPLE_COLUMNS, type PersonRowValues, type RowIssue } from './rows.ts';

/**
 * Imports people from an .xlsx sheet: matched by 工号 (employee number) and updated, else created.
 * Every row is checked first; one bad row (or one outside the caller's scope) means nothing is written.
 */
export const importPeople = sheetImport({
  columns: PEOPLE_COLUMNS,
  parse: parsePersonRow,
  key: (p) => p.employeeNo,
  keyField: 'employeeNo',
  keyHeader: '工号',
  check,
  write,
});

/**
 * Every row's unit must exist and, like the person it updates, lie within the caller's scope. Rows
 * with a bad cell are checked on the cells that read well, so that each row reports every reason.
 */
async function check(
  tx: Tx,
  parsed: PersonRowValues[],
  issues: RowIssue[],
  scope: DataScope,
  rejected: Rejected<PersonRowValues>[],
) {
  const everyRow = [...parsed, ...rejected].sort((a, b) => a.row - b.row);
  const codes = everyRow.flatMap((p) => (p.unitCode === undefined ? [] : [p.unitCode]));
  const numbers = everyRow.flatMap((p) => (p.employeeNo === undefined ? [] : [p.employeeNo]));
  const units = new Map((await unitsByCode(tx, [...new Set(codes)])).map((u) => [u.code, u]));
  const existing = new Map((await peopleByEmployeeNo(tx, numbers)).map((p) => [p.employee_no, p]));
  const found: RowIssue[] = [];
  for (const p of everyRow) {
    const unit = p.unitCode === undefined ? undefined : units.get(p.unitCode);
    if (p.unitCode !== undefined && !unit) {
      found.push(unknownUnit(p.row, 'unitCode', '单位编码', p.unitCode));
    } else if (unit && !scope.covers({ jurisdictionId: unit.jurisdiction_id, unitId: unit.id })) {
      found.push(
        rowIssue(
          p.row,
          'unitCode',
          '单位编码',
          'out_of_scope',
          `单位 ${p.unitCode} 不在您的数据权限范围内`,
          `The unit ${p.unitCode} is outside your data scope`,
        ),
      );
    }
    const before = p.employeeNo === undefined ? undefined : existing.get(p.employeeNo);
    if (
      before &&
      !scope.covers({ jurisdictionId: before.jurisdiction_id, unitId: before.unit_id, personId: before.id })
    ) {
      found.push(
        rowIssue(
          p.row,
          'employeeNo',
          '工号',
          'out_of_scope',
          `工号 ${p.employeeNo} 的人员属于您数据权限范围以外的单位`,
          `The person ${p.employeeNo} belongs to a unit outside your data scope`,
        ),
      );
    }
  }
  issues.push(...found);
  return { parsed, units, existing };
}

type UnitRecord = Awaited<ReturnType<typeof unitsByCode>>[number];

async function write(
  tx: Tx,
  { parsed, units, existing }: Awaited<ReturnType<typeof check>>,
  actor: Actor,
): Promise<ImportResult> {
  const entries: AuditEntry[] = [];
  const departmentId = await ensureDepartments(tx, actor, parsed, units, entries);

  const creates: PersonValues[] = [];
  const updates: {
    id: string;
    next: PersonValues;
    before: Partial<PersonValues>;
    after: Partial<PersonValues>;
  }[] = [];
  let unchanged = 0;
  for (const p of parsed) {
    const unit = units.get(p.unitCode)!;
    const dept = p.department === undefined ? undefined : departmentId(unit.id, p.department);
    const before = existing.get(p.employeeNo);
    if (!before) {
      creates.push({
        unit_id: unit.id,
        jurisdiction_id: unit.jurisdiction_id,
        department_id: dept ?? null,
        employee_no: p.employeeNo,
        name: p.name,
        gender: p.gender ?? null,
        rank: p.rank,
        position: p.position ?? null,
        phone: p.phone ?? null,
        email: p.email ?? null,
        status: p.status ?? 'active',
      });
      continue;
    }
    const moved = unit.id !== before.unit_id;
    const next: PersonValues = {
      unit_id: unit.id,
      jurisdiction_id: unit.jurisdiction_id,
      department_id: dept !== undefined ? dept : moved ? null : before.department_id,
      employee_no: p.employeeNo,
      name: p.name,
      gender: p.gender ?? before.gender,
      rank: p.rank,
      position: p.position ?? before.position,
      phone: p.phone ?? before.phone,
      email: p.email ?? before.email,
      status: p.status ?? before.status,
    };
    const diff = changedFields<PersonValues>(before, next);
    if (diff) updates.push({ id: before.id, next, ...diff });
    else unchanged++;
  }

  for (const chunk of chunks(creates, 1000)) {
    const rows = await tx.insertInto('org_person').values(chunk).returning(['id', 'employee_no']).execute();
    const byNo = new Map(chunk.map((c) => [c.employee_no, c]));
    for (const r of rows) {
      const after = byNo.get(r.employee_no)!;
      entries.push({
        entity: 'org.person',
        entityId: r.id,
        action: 'create',
        after,
        jurisdictionId: after.jurisdiction_id,
        unitId: after.unit_id,
      });
    }
  }
  for (const chunk of chunks(updates, 1000)) {
    const values = chunk.map(
      (u) =>
        sql`(${u.id}, ${u.next.unit_id}, ${u.next.jurisdiction_id}, ${u.next.department_id}, ${u.next.name},
          ${u.next.gender}, ${u.next.rank}, ${u.next.position}, ${u.next.phone}, ${u.next.email}, ${u.next.status})`,
    );
    await sql`update org_person p set unit_id = v.unit_id::uuid, jurisdiction_id = v.jurisdiction_id::uuid,
        department_id = v.department_id::uuid, name = v.name, gender = v.gender, rank = v.rank,
        position = v.position, phone = v.phone, email = v.email, status = v.status, updated_at = now()
      from (values ${sql.join(values)}) as v(id, unit_id, jurisdiction_id, department_id, name, gender, rank, position, phone, email, status)
      where p.id = v.id::uuid`.execute(tx);
    for (const u of chunk) {
      entries.push({
        entity: 'org.person',
        entityId: u.id,
        action: 'update',
        before: u.before,
        after: u.after,
        jurisdictionId: u.next.jurisdiction_id,
        unitId: u.next.unit_id,
      });
    }
  }
  await auditMany(tx, actor, entries);
  return { created: creates.length, updated: updates.length, unchanged };
}

/** Creates the departments the sheet names that do not exist yet; returns a lookup (unit, name) → id. */
async function ensureDepartments(
  tx: Tx,
  actor: Actor,
  parsed: PersonRowValues[],
  units: Map<string, UnitRecord>,
  entries: AuditEntry[],
): Promise<(unitId: string, name: string) => string> {
  const key = (unitId: string, name: string) => `${unitId}\u0000${name}`;
  const known = new Map<string, string>();
  for (const d of await departmentsOfUnits(tx, [...new Set([...units.values()].map((u) => u.id))])) {
    known.set(key(d.unit_id, d.name), d.id);
  }
  const missing = new Map<string, { unit_id: string; jurisdiction_id: string; name: string }>();
  for (const p of parsed) {
    if (p.department === undefined) continue;
    const unit = units.get(p.unitCode)!;
    const k = key(unit.id, p.department);
    if (!known.has(k) && !missing.has(k)) {
      missing.set(k, { unit_id: unit.id, jurisdiction_id: unit.jurisdiction_id, name: p.department });
    }
  }
  for (const chunk of chunks([...missing.values()], 1000)) {
    const rows = await tx
      .insertInto('org_department')
      .values(chunk)
      .returning(['id', 'unit_id', 'jurisdiction_id', 'name'])
      .execute();
    for (const r of rows) {
      known.set(key(r.unit_id, r.name), r.id);
      entries.push({
        entity: 'org.department',
        entityId: r.id,
        action: 'create',
        after: { unit_id: r.unit_id, name: r.name },
        jurisdictionId: r.jurisdiction_id,
        unitId: r.unit_id,
      });
    }
  }
  return (unitId, name) => known.get(key(unitId, name))!;
}
