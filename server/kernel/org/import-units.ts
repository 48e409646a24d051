import crypto from 'node:crypto';
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
  unknownJurisdiction,
  type ImportResult,
  type Rejected,
} from './import-shared.ts';
import { jurisdictionsByCodeOrName } from './repository.ts';
import { parseUnitRow, UNIT_COLUMNS, type RowIssue, type UnitRowValues } from './rows.ts';
import { cascadeJurisdiction, mayChangeStructure, type UnitValues } from './units.ts';

/**
 * Imports units from an .xlsx sheet: matched by 单位编码 and updated, else created. A parent may be an
 * existing unit or another row of the same sheet. The whole final tree is checked (same jurisdiction
 * as the parent, no cycles) before anything is written.
 */

interface Planned {
  row: number;
  id: string;
  values: UnitValues;
  before?: UnitValues;
}

export const importUnits = sheetImport({
  columns: UNIT_COLUMNS,
  parse: parseUnitRow,
  key: (p) => p.code,
  keyField: 'code',
  keyHeader: '单位编码',
  check,
  write: (tx, { planned, byId }, actor) => write(tx, actor, planned, byId),
});

/**
 * Plans every row against the database and the rest of the sheet, adding an issue for each bad one.
 * Rows with a bad cell are checked on the cells that read well (jurisdiction, scope, parent code).
 */
async function check(
  tx: Tx,
  parsed: UnitRowValues[],
  issues: RowIssue[],
  scope: DataScope,
  rejected: Rejected<UnitRowValues>[],
) {
  const jurisdictions = await jurisdictionsByCodeOrName(tx);
  const all = await tx.selectFrom('org_unit').selectAll().execute();
  // the final state of every unit: the database's, overlaid with the sheet's rows
  const final = new Map<string, Planned>(
    all.map((u) => [u.code, { row: 0, id: u.id, values: u, before: u }]),
  );
  const planned: Planned[] = [];
  for (const p of parsed) {
    const j = jurisdictions.find((x) => x.code === p.jurisdiction || x.name === p.jurisdiction);
    if (!j) {
      issues.push(unknownJurisdiction(p.row, 'jurisdiction', '所属辖区', p.jurisdiction));
      continue;
    }
    const before = final.get(p.code)?.before;
    const values: UnitValues = {
      code: p.code,
      name: p.name,
      short_name: p.shortName ?? before?.short_name ?? null,
      kind: p.kind,
      level: p.level,
      jurisdiction_id: j.id,
      parent_id: before?.parent_id ?? null, // resolved below, once every row is known
      establishment: p.establishment ?? before?.establishment ?? 0,
      address: p.address ?? before?.address ?? null,
      sort: before?.sort ?? 0,
    };
    if (!before && !scope.covers({ jurisdictionId: j.id })) {
      issues.push(jurisdictionOutOfScope(p.row, p.jurisdiction!));
    }
    if (before && !scope.covers({ jurisdictionId: before.jurisdiction_id, unitId: final.get(p.code)!.id })) {
      issues.push(unitOutOfScope(p.row, p.code!));
    }
    const plan: Planned = { row: p.row, id: final.get(p.code)?.id ?? crypto.randomUUID(), values, before };
    final.set(p.code, plan);
    planned.push(plan);
  }
  for (const p of rejected) {
    const j =
      p.jurisdiction === undefined
        ? undefined
        : jurisdictions.find((x) => x.code === p.jurisdiction || x.name === p.jurisdiction);
    if (p.jurisdiction !== undefined && !j) {
      issues.push(unknownJurisdiction(p.row, 'jurisdiction', '所属辖区', p.jurisdiction));
    }
    const existing = p.code === undefined ? undefined : final.get(p.code);
    const before = existing?.before;
    if (!before && j && !scope.covers({ jurisdictionId: j.id })) {
      issues.push(jurisdictionOutOfScope(p.row, p.jurisdiction!));
    }
    if (before && !scope.covers({ jurisdictionId: before.jurisdiction_id, unitId: existing.id })) {
      issues.push(unitOutOfScope(p.row, p.code!));
    }
    if (
      p.parentCode !== undefined &&
      !final.has(p.parentCode) &&
      !rejected.some((r) => r.code === p.parentCode)
    ) {
      issues.push(unknownParent(p.row, p.parentCode));
    }
  }
  const byId = new Map([...final.values()].map((u) => [u.id, u]));
  for (const p of parsed) {
    const plan = final.get(p.code);
    if (!plan || plan.row !== p.row) continue;
    if (p.parentCode !== undefined) {
      const parent = final.get(p.parentCode);
      if (!parent) {
        if (!rejected.some((r) => r.code === p.parentCode)) issues.push(unknownParent(p.row, p.parentCode));
        continue;
      }
      plan.values.parent_id = parent.id;
    }
    if (plan.before && !mayChangeStructure(scope, plan.before, plan.values)) {
      issues.push(
        rowIssue(
          p.row,
          'code',
          '单位编码',
          'structure_forbidden',
          `修改单位 ${p.code} 的类型、层级、辖区、上级单位或编制数需要该辖区的管理权限`,
          `Changing the kind, level, jurisdiction, parent or establishment of ${p.code} needs the jurisdiction's admin scope`,
        ),
      );
    }
  }
  // the final tree: every parent in its child's jurisdiction, no unit its own ancestor
  for (const u of final.values()) {
    if (!u.values.parent_id) continue;
    const parent = byId.get(u.values.parent_id);
    const row = u.row || (parent?.row ?? 0);
    if (!parent || row === 0) continue;
    if (parent.values.jurisdiction_id !== u.values.jurisdiction_id) {
      const [field, column] = u.row ? ['parentCode', '上级单位编码'] : ['jurisdiction', '所属辖区'];
      issues.push(
        rowIssue(
          row,
          field,
          column,
          'parent_other_jurisdiction',
          `单位 ${u.values.code} 与上级单位 ${parent.values.code} 须属于同一辖区`,
          `The unit ${u.values.code} and its parent ${parent.values.code} must belong to the same jurisdiction`,
        ),
      );
    }
    if (u.row && hasCycle(u, byId)) {
      issues.push(
        rowIssue(
          u.row,
          'parentCode',
          '上级单位编码',
          'unit_cycle',
          `单位 ${u.values.code} 的上级关系形成循环`,
          `The parent chain of ${u.values.code} loops back to itself`,
        ),
      );
    }
  }
  return { planned, byId };
}

function unknownParent(row: number, code: string): RowIssue {
  return rowIssue(
    row,
    'parentCode',
    '上级单位编码',
    'unknown_parent',
    `上级单位编码 ${code} 不存在`,
    `No unit has the parent code ${code}`,
  );
}

function hasCycle(start: Planned, byId: Map<string, Planned>): boolean {
  let current = start.values.parent_id;
  for (let steps = 0; current && steps <= byId.size; steps++) {
    if (current === start.id) return true;
    current = byId.get(current)?.values.parent_id ?? null;
  }
  return false;
}

function depth(u: Planned, byId: Map<string, Planned>): number {
  let d = 0;
  for (let p = u.values.parent_id; p; p = byId.get(p)?.values.parent_id ?? null) d++;
  return d;
}

async function write(
  tx: Tx,
  actor: Actor,
  planned: Planned[],
  byId: Map<string, Planned>,
): Promise<ImportResult> {
  const entries: AuditEntry[] = [];
  // parents before children, so that every chunk's parent references already exist
  const creates = planned.filter((p) => !p.before).sort((a, b) => depth(a, byId) - depth(b, byId));
  for (const chunk of chunks(creates, 1000)) {
    await tx
      .insertInto('org_unit')
      .values(chunk.map((c) => ({ id: c.id, ...c.values })))
      .execute();
    for (const c of chunk) {
      entries.push({
        entity: 'org.unit',
        entityId: c.id,
        action: 'create',
        after: c.values,
        jurisdictionId: c.values.jurisdiction_id,
        unitId: c.id,
      });
    }
  }
  const updates = planned.flatMap((p) => {
    const diff = p.before && changedFields<UnitValues>(p.before, p.values);
    return diff ? [{ ...p, diff }] : [];
  });
  for (const chunk of chunks(updates, 1000)) {
    const values = chunk.map(
      (u) =>
        sql`(${u.id}, ${u.values.name}, ${u.values.short_name}, ${u.values.kind}, ${u.values.level},
          ${u.values.jurisdiction_id}, ${u.values.parent_id}, ${u.values.establishment}, ${u.values.address})`,
    );
    await sql`update org_unit u set name = v.name, short_name = v.short_name, kind = v.kind, level = v.level,
        jurisdiction_id = v.jurisdiction_id::uuid, parent_id = v.parent_id::uuid,
        establishment = v.establishment::int, address = v.address, updated_at = now()
      from (values ${sql.join(values)}) as v(id, name, short_name, kind, level, jurisdiction_id, parent_id, establishment, address)
      where u.id = v.id::uuid`.execute(tx);
    for (const u of chunk) {
      entries.push({
        entity: 'org.unit',
        entityId: u.id,
        action: 'update',
        before: u.diff.before,
        after: u.diff.after,
        jurisdictionId: u.values.jurisdiction_id,
        unitId: u.id,
      });
    }
  }
  await cascadeJurisdiction(
    tx,
    updates.filter((u) => u.diff.after.jurisdiction_id !== undefined).map((u) => u.id),
  );
  await auditMany(tx, actor, entries);
  return {
    created: creates.length,
    updated: updates.length,
    unchanged: planned.length - creates.length - updates.length,
  };
}

const jurisdictionOutOfScope = (row: number, jurisdiction: string) =>
  rowIssue(
    row,
    'jurisdiction',
    '所属辖区',
    'out_of_scope',
    `辖区「${jurisdiction}」不在您的数据权限范围内`,
    `The jurisdiction "${jurisdiction}" is outside your data scope`,
  );

const unitOutOfScope = (row: number, code: string) =>
  rowIssue(
    row,
    'code',
    '单位编码',
    'out_of_scope',
    `单位 ${code} 不在您的数据权限范围内`,
    `The unit ${code} is outside your data scope`,
  );
