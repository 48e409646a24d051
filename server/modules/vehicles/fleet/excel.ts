import type { Db } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { auditMany, type AuditEntry } from '../../../kernel/audit/audit.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import type { Locale } from '../../../kernel/errors.ts';
import { writeSheet, type Column } from '../../../kernel/org/excel.ts';
import {
  importInvalid,
  parseImportSheet,
  rowIssue,
  type ImportResult,
} from '../../../kernel/org/import-shared.ts';
import { checkStandard } from '../standards.ts';
import { listVehicles, type FleetEnv } from './service.ts';
import { vehicleCreate, type VehicleFilters } from './schemas.ts';
import type { BodyType, Category, EnergyType } from '../tables.ts';

/** Excel export and import of the fleet register (matched by plate: existing plates are updated). */

export const CATEGORY_ZH: Record<Category, string> = {
  confidential_comms: '机要通信用车',
  emergency: '应急保障用车',
  law_enforcement: '执法执勤用车',
  special_technical: '特种专业技术用车',
  general: '其他公务用车',
};
export const BODY_ZH: Record<BodyType, string> = {
  sedan: '轿车',
  suv: '越野车',
  mpv: '多用途乘用车',
  small_bus: '小型客车',
  medium_bus: '中型客车',
  large_bus: '大型客车',
  van: '厢式货车',
};
export const ENERGY_ZH: Record<EnergyType, string> = {
  petrol: '汽油',
  diesel: '柴油',
  hybrid: '油电混合',
  plugin_hybrid: '插电混动',
  electric: '纯电动',
};

const COLUMNS = [
  { key: 'plate', header: '车牌号', width: 12, required: true },
  { key: 'category', header: '车辆类别', width: 16, required: true },
  { key: 'bodyType', header: '车型', width: 12, required: true },
  { key: 'brand', header: '品牌', width: 12, required: true },
  { key: 'model', header: '型号', width: 18, required: true },
  { key: 'energyType', header: '能源类型', width: 10, required: true },
  { key: 'displacement', header: '排气量(升)', width: 10 },
  { key: 'price', header: '购置价格(元)', width: 14, required: true },
  { key: 'seats', header: '座位数', width: 8, required: true },
  { key: 'purchaseDate', header: '购置日期', width: 12, required: true },
  { key: 'odometer', header: '里程表(公里)', width: 12 },
  { key: 'unitCode', header: '使用单位编码', width: 16, required: true },
  { key: 'unitName', header: '使用单位', width: 28 },
  { key: 'jurisdiction', header: '车辆池(辖区)', width: 12 },
  { key: 'status', header: '状态', width: 8 },
  { key: 'violation', header: '超标情况', width: 60 },
] as const satisfies readonly Column[];
type Key = (typeof COLUMNS)[number]['key'];

const STATUS_ZH: Record<string, string> = {
  available: '可用',
  in_use: '出车中',
  maintenance: '维修中',
  sealed: '封存',
  retired: '已报废',
};

const reverse = <K extends string>(m: Record<K, string>) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k])) as Record<string, K>;

export async function exportVehicles(
  db: Db,
  scope: DataScope,
  env: FleetEnv,
  f: VehicleFilters,
): Promise<Buffer> {
  const { items } = await listVehicles(db, scope, env, 'zh-CN', f, 20_000);
  const codes = new Map(
    (await db.selectFrom('org_unit').select(['id', 'code']).execute()).map((u) => [u.id, u.code]),
  );
  return writeSheet<Key>(
    '车辆',
    COLUMNS,
    items.map((v) => ({
      plate: v.plate,
      category: CATEGORY_ZH[v.category],
      bodyType: BODY_ZH[v.bodyType],
      brand: v.brand,
      model: v.model,
      energyType: ENERGY_ZH[v.energyType],
      displacement: v.displacementL === null ? '' : v.displacementL.toFixed(1),
      price: (v.priceFen / 100).toFixed(2),
      seats: v.seats,
      purchaseDate: v.purchaseDate,
      odometer: v.odometerKm,
      unitCode: codes.get(v.unitId) ?? '',
      unitName: v.unitName,
      jurisdiction: v.jurisdictionName,
      status: STATUS_ZH[v.status] ?? v.status,
      violation: v.violations.map((x) => x.message).join('；'),
    })),
  );
}

interface Parsed {
  row: number;
  plate: string;
  unitCode: string;
  value: Record<string, unknown>;
}

export async function importVehicles(
  db: Db,
  scope: DataScope,
  actor: Actor,
  locale: Locale,
  data: Buffer,
): Promise<ImportResult> {
  const categories = reverse(CATEGORY_ZH);
  const bodies = reverse(BODY_ZH);
  const energies = reverse(ENERGY_ZH);
  const { parsed, issues } = await parseImportSheet<Parsed>(data, locale, {
    columns: COLUMNS,
    key: (p) => p.plate,
    keyField: 'plate',
    keyHeader: '车牌号',
    parse: (r) => {
      const c = r.cells;
      const candidate = {
        plate: c['车牌号'] ?? '',
        category: categories[c['车辆类别'] ?? ''] ?? c['车辆类别'],
        bodyType: bodies[c['车型'] ?? ''] ?? c['车型'],
        brand: c['品牌'],
        model: c['型号'],
        energyType: energies[c['能源类型'] ?? ''] ?? c['能源类型'],
        displacementL: c['排气量(升)'] ? Number(c['排气量(升)']) : null,
        priceFen: Math.round(Number(c['购置价格(元)'] ?? 'x') * 100),
        seats: Number(c['座位数']),
        purchaseDate: c['购置日期'],
        odometerKm: c['里程表(公里)'] ? Number(c['里程表(公里)']) : 0,
        unitId: '00000000-0000-4000-8000-000000000000',
      };
      const res = vehicleCreate.safeParse(candidate);
      if (!res.success) {
        return {
          issues: res.error.issues.map((i) => {
            const field = String(i.path[0] ?? 'row');
            const col = COLUMNS.find((x) => x.key === field || field.startsWith(x.key))?.header ?? field;
            return rowIssue(
              r.row,
              field,
              col,
              'invalid',
              `「${col}」不正确：${i.message}`,
              `${col}: ${i.message}`,
            );
          }),
        };
      }
      return {
        value: { row: r.row, plate: res.data.plate, unitCode: c['使用单位编码'] ?? '', value: res.data },
        issues: [],
      };
    },
  });

  return inTransaction(db, async (tx) => {
    const units = new Map(
      (await tx.selectFrom('org_unit').select(['id', 'code', 'jurisdiction_id']).execute()).map((u) => [
        u.code,
        u,
      ]),
    );
    const existing = new Map(
      (
        await tx.selectFrom('veh_vehicle').select(['id', 'plate', 'jurisdiction_id', 'unit_id']).execute()
      ).map((v) => [v.plate, v]),
    );
    for (const p of parsed) {
      const unit = units.get(p.unitCode);
      if (!unit) {
        issues.push(
          rowIssue(
            p.row,
            'unitCode',
            '使用单位编码',
            'unknown_unit',
            `单位编码「${p.unitCode}」不存在`,
            `Unknown unit code "${p.unitCode}"`,
          ),
        );
        continue;
      }
      const ex = existing.get(p.plate);
      const owners = [{ jurisdictionId: unit.jurisdiction_id, unitId: unit.id }];
      if (ex) owners.push({ jurisdictionId: ex.jurisdiction_id, unitId: ex.unit_id });
      if (!owners.every((o) => scope.covers(o))) {
        issues.push(
          rowIssue(
            p.row,
            'unitCode',
            '使用单位编码',
            'out_of_scope',
            '该车辆或单位不在您的管理范围内',
            'The vehicle or unit is outside your scope',
          ),
        );
      }
      const v = p.value as { energyType: string; displacementL: number | null };
      if ((v.energyType === 'electric') !== (v.displacementL === null)) {
        issues.push(
          rowIssue(
            p.row,
            'displacementL',
            '排气量(升)',
            'displacement_mismatch',
            '纯电动车无排气量，其他车辆须填写排气量',
            'Electric: no displacement; others: required',
          ),
        );
      }
    }
    if (issues.length > 0) throw importInvalid(issues, locale);
    const result: ImportResult = { created: 0, updated: 0, unchanged: 0 };
    const entries: AuditEntry[] = [];
    for (const p of parsed) {
      const unit = units.get(p.unitCode)!;
      const v = p.value as {
        plate: string;
        category: Category;
        bodyType: BodyType;
        brand: string;
        model: string;
        energyType: EnergyType;
        displacementL: number | null;
        priceFen: number;
        seats: number;
        purchaseDate: string;
        odometerKm: number;
      };
      const values = {
        plate: v.plate,
        category: v.category,
        body_type: v.bodyType,
        brand: v.brand,
        model: v.model,
        energy_type: v.energyType,
        displacement_l: v.displacementL,
        price_fen: v.priceFen,
        seats: v.seats,
        purchase_date: v.purchaseDate,
        jurisdiction_id: unit.jurisdiction_id,
        unit_id: unit.id,
        violations: JSON.stringify(checkStandard(v)),
      };
      const ex = existing.get(p.plate);
      if (ex) {
        await tx.updateTable('veh_vehicle').set(values).where('id', '=', ex.id).execute();
        result.updated += 1;
        entries.push({
          entity: 'vehicles.vehicle',
          entityId: ex.id,
          action: 'import',
          after: v,
          jurisdictionId: unit.jurisdiction_id,
          unitId: unit.id,
        });
      } else {
        const row = await tx
          .insertInto('veh_vehicle')
          .values({ ...values, odometer_km: v.odometerKm })
          .returning('id')
          .executeTakeFirstOrThrow();
        result.created += 1;
        entries.push({
          entity: 'vehicles.vehicle',
          entityId: row.id,
          action: 'import',
          after: v,
          jurisdictionId: unit.jurisdiction_id,
          unitId: unit.id,
        });
      }
    }
    await auditMany(tx, actor, entries);
    return result;
  });
}
