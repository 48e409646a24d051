import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../../../kernel/db/schema.ts';
import { auditMany, type AuditEntry } from '../../../kernel/audit/audit.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import {
  rowIssue,
  sheetImport,
  unknownJurisdiction,
  unknownUnit,
  type ImportResult,
} from '../../../kernel/org/import-shared.ts';
import type { RowIssue } from '../../../kernel/org/rows.ts';
import { findCycle, FormulaError, formulaRefs, parseFormula } from './formula.ts';
import {
  INSTITUTION_COLUMNS,
  parseInstitutionRow,
  parsePointRow,
  POINT_COLUMNS,
  type InstitutionRow,
  type PointRow,
} from './excel-rows.ts';
import { UNIT_OF } from './schemas.ts';
import { rebuildInstitutionRollups } from '../rollups/institution.ts';

/**
 * Bulk onboarding from .xlsx: institutions (with one building per row) and metering points. Rows
 * are matched by code (update) or created; every row is checked against the database and the rest
 * of the sheet, and every bad row is reported. Nothing is written unless every row is valid.
 */

export const importInstitutions = sheetImport({
  columns: INSTITUTION_COLUMNS,
  parse: parseInstitutionRow,
  key: (r) => r.code,
  keyField: 'code',
  keyHeader: '机构编码',
  check: checkInstitutions,
  write: (tx, plans, actor) => writeInstitutions(tx, actor, plans),
});

interface InstitutionPlan {
  row: InstitutionRow;
  id: string;
  values: Record<string, unknown>;
  before?: unknown;
}

async function checkInstitutions(
  tx: Tx,
  parsed: InstitutionRow[],
  issues: RowIssue[],
  scope: DataScope,
): Promise<InstitutionPlan[]> {
  const jurisdictions = await tx.selectFrom('org_jurisdiction').select(['id', 'code', 'name']).execute();
  const units = new Map(
    (await tx.selectFrom('org_unit').select(['id', 'code', 'jurisdiction_id']).execute()).map((u) => [
      u.code,
      u,
    ]),
  );
  const existing = new Map(
    (await tx.selectFrom('energy_institution').selectAll().execute()).map((i) => [i.code, i]),
  );
  const plans: InstitutionPlan[] = [];
  for (const r of parsed) {
    const j = jurisdictions.find((x) => x.name === r.jurisdiction || x.code === r.jurisdiction);
    if (!j) {
      issues.push(unknownJurisdiction(r.row, 'jurisdiction', '所属辖区', r.jurisdiction));
      continue;
    }
    const before = existing.get(r.code);
    if (
      !scope.covers({ jurisdictionId: j.id }) ||
      (before && !scope.covers({ jurisdictionId: before.jurisdiction_id, unitId: before.unit_id }))
    ) {
      issues.push(
        rowIssue(
          r.row,
          'jurisdiction',
          '所属辖区',
          'out_of_scope',
          `机构 ${r.code} 或辖区「${r.jurisdiction}」不在您的数据权限范围内`,
          `The institution ${r.code} or the jurisdiction "${r.jurisdiction}" is outside your data scope`,
        ),
      );
      continue;
    }
    let unitId: string | null = before?.unit_id ?? null;
    if (r.unitCode) {
      const u = units.get(r.unitCode);
      if (!u) {
        issues.push(unknownUnit(r.row, 'unitCode', '关联单位编码', r.unitCode));
        continue;
      }
      if (u.jurisdiction_id !== j.id) {
        issues.push(
          rowIssue(
            r.row,
            'unitCode',
            '关联单位编码',
            'unit_other_jurisdiction',
            `单位 ${r.unitCode} 不属于辖区「${r.jurisdiction}」`,
            `The unit ${r.unitCode} does not belong to "${r.jurisdiction}"`,
          ),
        );
        continue;
      }
      unitId = u.id;
    }
    plans.push({
      row: r,
      id: before?.id ?? crypto.randomUUID(),
      before,
      values: {
        code: r.code,
        name: r.name,
        jurisdiction_id: j.id,
        unit_id: unitId,
        kind: r.kind,
        address: r.address ?? before?.address ?? null,
        lon: r.lon ?? before?.lon ?? null,
        lat: r.lat ?? before?.lat ?? null,
        occupants: r.occupants ?? before?.occupants ?? 0,
        demonstration: r.demonstration ?? before?.demonstration ?? null,
      },
    });
  }
  return plans;
}

async function writeInstitutions(tx: Tx, actor: Actor, plans: InstitutionPlan[]): Promise<ImportResult> {
  const entries: AuditEntry[] = [];
  let created = 0;
  let updated = 0;
  for (const p of plans) {
    if (p.before) {
      await tx
        .updateTable('energy_institution')
        .set({ ...p.values, updated_at: sql`now()` })
        .where('id', '=', p.id)
        .execute();
      await tx
        .updateTable('energy_point')
        .set({ jurisdiction_id: p.values.jurisdiction_id as string })
        .where('institution_id', '=', p.id)
        .execute();
      updated++;
    } else {
      await tx
        .insertInto('energy_institution')
        .values({ id: p.id, ...p.values } as never)
        .execute();
      created++;
    }
    if (p.row.building) {
      await tx
        .insertInto('energy_building')
        .values({
          institution_id: p.id,
          name: p.row.building,
          floor_area: p.row.floorArea!,
          occupants: p.row.occupants ?? 0,
          built_year: p.row.builtYear ?? null,
        })
        .onConflict((oc) =>
          oc.columns(['institution_id', 'name']).doUpdateSet({
            floor_area: p.row.floorArea!,
            built_year: p.row.builtYear ?? null,
            updated_at: sql`now()`,
          }),
        )
        .execute();
    }
    entries.push({
      entity: 'energy.institution',
      entityId: p.id,
      action: 'import',
      after: { ...p.values, building: p.row.building, floorArea: p.row.floorArea },
      jurisdictionId: p.values.jurisdiction_id as string,
      unitId: p.values.unit_id as string | null,
    });
  }
  await auditMany(tx, actor, entries);
  return { created, updated, unchanged: 0 };
}

interface PointPlan {
  row: PointRow;
  id: string;
  exists: boolean;
  institutionId: string;
  jurisdictionId: string;
  unitId: string | null;
  buildingId: string | null;
  parentCode?: string;
}

export const importPoints = sheetImport({
  columns: POINT_COLUMNS,
  parse: parsePointRow,
  key: (r) => r.code,
  keyField: 'code',
  keyHeader: '计量点编码',
  check: checkPoints,
  write: (tx, { plans, final }, actor) => writePoints(tx, actor, plans, final),
});

async function checkPoints(tx: Tx, parsed: PointRow[], issues: RowIssue[], scope: DataScope) {
  const institutions = new Map(
    (
      await tx.selectFrom('energy_institution').select(['id', 'code', 'jurisdiction_id', 'unit_id']).execute()
    ).map((i) => [i.code, i]),
  );
  const buildings = await tx.selectFrom('energy_building').select(['id', 'institution_id', 'name']).execute();
  const points = await tx
    .selectFrom('energy_point')
    .select(['id', 'code', 'institution_id', 'energy_type', 'parent_id', 'kind', 'formula'])
    .execute();
  // the final state: the database's points overlaid with the sheet's rows
  const final = new Map(
    points.map((p) => [
      p.code,
      {
        id: p.id,
        institutionId: p.institution_id,
        energyType: p.energy_type as string,
        parentId: p.parent_id,
        formula: p.formula,
        row: 0,
      },
    ]),
  );
  const plans: PointPlan[] = [];
  for (const r of parsed) {
    const inst = institutions.get(r.institutionCode);
    if (!inst) {
      issues.push(
        rowIssue(
          r.row,
          'institutionCode',
          '机构编码',
          'unknown_institution',
          `机构编码 ${r.institutionCode} 不存在`,
          `No institution has the code ${r.institutionCode}`,
        ),
      );
      continue;
    }
    const before = final.get(r.code);
    const beforeInst = before && [...institutions.values()].find((i) => i.id === before.institutionId);
    if (
      !scope.covers({ jurisdictionId: inst.jurisdiction_id, unitId: inst.unit_id }) ||
      (beforeInst &&
        !scope.covers({ jurisdictionId: beforeInst.jurisdiction_id, unitId: beforeInst.unit_id }))
    ) {
      issues.push(
        rowIssue(
          r.row,
          'institutionCode',
          '机构编码',
          'out_of_scope',
          `机构 ${r.institutionCode} 不在您的数据权限范围内`,
          `The institution ${r.institutionCode} is outside your data scope`,
        ),
      );
      continue;
    }
    let buildingId: string | null = null;
    if (r.building) {
      const b = buildings.find((x) => x.institution_id === inst.id && x.name === r.building);
      if (!b) {
        issues.push(
          rowIssue(
            r.row,
            'building',
            '建筑名称',
            'unknown_building',
            `机构 ${r.institutionCode} 没有名为「${r.building}」的建筑`,
            `The institution ${r.institutionCode} has no building "${r.building}"`,
          ),
        );
        continue;
      }
      buildingId = b.id;
    }
    const id = before?.id ?? crypto.randomUUID();
    final.set(r.code, {
      id,
      institutionId: inst.id,
      energyType: r.energyType,
      parentId: null,
      formula: r.formula ?? null,
      row: r.row,
    });
    plans.push({
      row: r,
      id,
      exists: Boolean(before),
      institutionId: inst.id,
      jurisdictionId: inst.jurisdiction_id,
      unitId: inst.unit_id,
      buildingId,
      parentCode: r.parentCode,
    });
  }
  const byId = new Map([...final.entries()].map(([code, p]) => [p.id, { code, ...p }]));
  for (const p of plans) {
    if (!p.parentCode) continue;
    const parent = final.get(p.parentCode);
    const me = final.get(p.row.code)!;
    if (!parent) {
      issues.push(
        rowIssue(
          p.row.row,
          'parentCode',
          '上级表编码',
          'unknown_parent',
          `上级表编码 ${p.parentCode} 不存在`,
          `No point has the code ${p.parentCode}`,
        ),
      );
    } else if (parent.institutionId !== p.institutionId || parent.energyType !== p.row.energyType) {
      issues.push(
        rowIssue(
          p.row.row,
          'parentCode',
          '上级表编码',
          'parent_mismatch',
          `上级表 ${p.parentCode} 须属于同一机构且能源种类相同`,
          `The main meter ${p.parentCode} must belong to the same institution and measure the same energy`,
        ),
      );
    } else me.parentId = parent.id;
  }
  for (const p of plans) {
    const start = final.get(p.row.code)!;
    let cur = start.parentId;
    for (let steps = 0; cur && steps <= byId.size; steps++) {
      if (cur === start.id) {
        issues.push(
          rowIssue(
            p.row.row,
            'parentCode',
            '上级表编码',
            'parent_cycle',
            `计量点 ${p.row.code} 的总表关系形成循环`,
            `The main-meter chain of ${p.row.code} loops back to itself`,
          ),
        );
        break;
      }
      cur = [...final.values()].find((x) => x.id === cur)?.parentId ?? null;
    }
  }
  // formulas against the final set of points
  const graph = new Map<string, string[]>();
  for (const [code, p] of final) {
    if (!p.formula) continue;
    try {
      graph.set(code, formulaRefs(parseFormula(p.formula)));
    } catch {
      // reported below for the sheet's rows
    }
  }
  for (const p of plans) {
    if (!p.row.formula) continue;
    const issue = formulaIssue(p.row, final, graph);
    if (issue) issues.push(issue);
  }
  return { plans, final };
}

function formulaIssue(
  r: PointRow,
  final: Map<string, { energyType: string }>,
  graph: Map<string, string[]>,
): RowIssue | undefined {
  const issue = (code: string, zh: string, en: string) => rowIssue(r.row, 'formula', '公式', code, zh, en);
  let refs: string[];
  try {
    refs = formulaRefs(parseFormula(r.formula!));
  } catch (e) {
    const pos = e instanceof FormulaError ? e.position + 1 : 0;
    return issue(
      'formula_syntax',
      `公式在第 ${pos} 个字符处有语法错误`,
      `The formula has a syntax error at character ${pos}`,
    );
  }
  const unknown = refs.filter((c) => !final.has(c));
  if (unknown.length)
    return issue(
      'formula_unknown_points',
      `公式引用了不存在的计量点：${unknown.join('、')}`,
      `The formula refers to unknown points: ${unknown.join(', ')}`,
    );
  const other = refs.filter((c) => final.get(c)!.energyType !== r.energyType);
  if (other.length)
    return issue(
      'formula_energy_mismatch',
      `公式引用的计量点能源种类不同：${other.join('、')}`,
      `The formula refers to points of another energy type: ${other.join(', ')}`,
    );
  const rest = new Map(graph);
  rest.delete(r.code);
  const cycle = findCycle(r.code, refs, rest);
  if (cycle)
    return issue(
      'formula_cycle',
      `虚拟表公式形成循环引用：${cycle.join(' → ')}`,
      `The virtual meters refer to each other in a loop: ${cycle.join(' → ')}`,
    );
  return undefined;
}

async function writePoints(
  tx: Tx,
  actor: Actor,
  plans: PointPlan[],
  final: Map<string, { id: string; parentId: string | null }>,
): Promise<ImportResult> {
  const parentOf = new Map([...final.values()].map((p) => [p.id, p.parentId]));
  const depth = (id: string) => {
    let d = 0;
    for (let p = parentOf.get(id); p && d < 100; p = parentOf.get(p)) d++;
    return d;
  };
  const values = (p: PointPlan) => ({
    code: p.row.code,
    name: p.row.name,
    institution_id: p.institutionId,
    jurisdiction_id: p.jurisdictionId,
    building_id: p.buildingId,
    energy_type: p.row.energyType,
    sub_item: p.row.subItem ?? null,
    parent_id: final.get(p.row.code)!.parentId,
    kind: p.row.kind,
    formula: p.row.formula ?? null,
    unit: UNIT_OF[p.row.energyType],
    multiplier: p.row.multiplier ?? 1,
    interval_minutes: p.row.interval ?? 15,
  });
  const entries: AuditEntry[] = [];
  const sorted = [...plans].sort((a, b) => depth(a.id) - depth(b.id));
  // parents first; a new row's parent is written before it, existing rows are updated in place
  for (const p of sorted) {
    const v = values(p);
    if (p.exists) {
      await tx
        .updateTable('energy_point')
        .set({ ...v, updated_at: sql`now()` })
        .where('id', '=', p.id)
        .execute();
    } else {
      await tx
        .insertInto('energy_point')
        .values({ id: p.id, ...v })
        .execute();
    }
    entries.push({
      entity: 'energy.point',
      entityId: p.id,
      action: 'import',
      after: v,
      jurisdictionId: p.jurisdictionId,
      unitId: p.unitId,
    });
  }
  await auditMany(tx, actor, entries);
  // an updated point may have moved between series (type, sub-item, main meter, kind)
  await rebuildInstitutionRollups(tx, [
    ...new Set(plans.filter((p) => p.exists).map((p) => p.institutionId)),
  ]);
  const created = plans.filter((p) => !p.exists).length;
  return { created, updated: plans.length - created, unchanged: 0 };
}
