import type { Db } from '../../../kernel/db/schema.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import { writeSheet } from '../../../kernel/org/excel.ts';
import { findInstitutions, findPoints } from './repository.ts';
import { INSTITUTION_COLUMNS, POINT_COLUMNS } from './excel-rows.ts';
import type { InstitutionFilters, PointFilters } from './schemas.ts';
import { DEMONSTRATION, ENERGY_TYPE, INSTITUTION_KIND, POINT_KIND, SUB_ITEM } from './vocab.ts';

/** Exports in the import's columns: an exported file re-imports unchanged. */

const zh = 'zh-CN' as const;

export async function exportInstitutions(db: Db, scope: DataScope, f: InstitutionFilters): Promise<Buffer> {
  const { items } = await findInstitutions(db, scope, f);
  const unitCodes = new Map(
    (await db.selectFrom('org_unit').select(['id', 'code']).execute()).map((u) => [u.id, u.code]),
  );
  return writeSheet(
    '公共机构',
    INSTITUTION_COLUMNS,
    items.map((i) => ({
      code: i.code,
      name: i.name,
      jurisdiction: i.jurisdictionName,
      kind: INSTITUTION_KIND.label(i.kind, zh),
      unitCode: i.unitId ? (unitCodes.get(i.unitId) ?? null) : null,
      address: i.address,
      lon: i.lon,
      lat: i.lat,
      occupants: i.occupants,
      demonstration: i.demonstration ? DEMONSTRATION.label(i.demonstration, zh) : null,
      building: null,
      floorArea: null,
      builtYear: null,
    })),
  );
}

export async function exportPoints(db: Db, scope: DataScope, f: PointFilters): Promise<Buffer> {
  const { items } = await findPoints(db, scope, f);
  return writeSheet(
    '计量点',
    POINT_COLUMNS,
    items.map((p) => ({
      code: p.code,
      name: p.name,
      institutionCode: p.institutionCode,
      building: p.buildingName,
      energyType: ENERGY_TYPE.label(p.energyType, zh),
      subItem: p.subItem ? SUB_ITEM.label(p.subItem, zh) : null,
      parentCode: p.parentCode,
      kind: POINT_KIND.label(p.kind, zh),
      formula: p.formula,
      multiplier: p.multiplier,
      interval: p.intervalMinutes,
    })),
  );
}
