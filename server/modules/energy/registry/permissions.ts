import type { Executor } from '../../../kernel/db/schema.ts';
import { declarePermissions } from '../../../kernel/access/permissions.ts';
import { registerOwnerResolver } from '../../../kernel/http/access.ts';
import '../tables.ts';
import './tables.ts';
import '../quality/tables.ts';

/**
 * Energy permissions (insight side). The bureau sees the whole city, a district admin its
 * jurisdiction, a unit admin the institution that is its own unit. Gateways list points with a
 * machine token of purpose `energy.ingest`.
 */
declarePermissions([
  {
    name: 'energy.read',
    label: { 'zh-CN': '查看能耗数据与统计', en: 'View energy data and statistics' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin', 'inspector'],
    readOnly: true,
  },
  {
    name: 'energy.registry.write',
    label: { 'zh-CN': '维护公共机构与计量点', en: 'Maintain institutions and metering points' },
    roles: ['bureau_admin', 'district_admin'],
  },
  {
    name: 'energy.entry.write',
    label: { 'zh-CN': '录入离线表月度用量', en: 'Enter monthly readings of offline meters' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin'],
  },
  {
    name: 'energy.quota.write',
    label: { 'zh-CN': '下达能耗定额', en: 'Set energy quotas' },
    roles: ['bureau_admin', 'district_admin'],
  },
  {
    name: 'energy.alert.handle',
    label: { 'zh-CN': '处置能耗预警', en: 'Handle energy alerts' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin'],
  },
  {
    name: 'energy.settings.write',
    label: { 'zh-CN': '设置能耗折算系数与阈值', en: 'Set energy factors and thresholds' },
    roles: ['bureau_admin'],
  },
]);

export const ENERGY_INGEST_PURPOSE = 'energy.ingest';

registerOwnerResolver('energy.institution', async (db: Executor, id: string) => {
  const row = await db
    .selectFrom('energy_institution')
    .select(['jurisdiction_id', 'unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: null };
});

registerOwnerResolver('energy.building', async (db: Executor, id: string) => {
  const row = await db
    .selectFrom('energy_building as b')
    .innerJoin('energy_institution as i', 'i.id', 'b.institution_id')
    .select(['i.jurisdiction_id', 'i.unit_id'])
    .where('b.id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: null };
});

registerOwnerResolver('energy.point', async (db: Executor, id: string) => {
  const row = await db
    .selectFrom('energy_point as p')
    .innerJoin('energy_institution as i', 'i.id', 'p.institution_id')
    .select(['p.jurisdiction_id', 'i.unit_id'])
    .where('p.id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: null };
});

registerOwnerResolver('energy.alert', async (db: Executor, id: string) => {
  const row = await db
    .selectFrom('energy_alert as a')
    .innerJoin('energy_institution as i', 'i.id', 'a.institution_id')
    .select(['a.jurisdiction_id', 'i.unit_id'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: null };
});
