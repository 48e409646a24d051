import type { Executor } from '../db/schema.ts';
import { declarePermissions } from '../access/permissions.ts';
import { registerOwnerResolver } from '../http/access.ts';
import './tables.ts';

/**
 * Organisation permissions. Each role holds them within its assignment's scope: the bureau admin
 * (city) everything, a district admin its jurisdiction, a unit admin its own unit (its departments
 * and people), staff with a 'self' scope only their own person row. The auditor reads everything
 * it is assigned, read-only.
 */
declarePermissions([
  {
    name: 'org.read',
    label: { 'zh-CN': '查看组织机构与人员', en: 'View organisations and people' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin', 'inspector', 'staff', 'dispatcher'],
    readOnly: true,
  },
  {
    name: 'org.write',
    label: { 'zh-CN': '维护组织机构与人员', en: 'Maintain organisations and people' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin'],
  },
]);

registerOwnerResolver('org.jurisdiction', async (db: Executor, id: string) => {
  const row = await db.selectFrom('org_jurisdiction').select('id').where('id', '=', id).executeTakeFirst();
  return row && { jurisdictionId: row.id, unitId: null, personId: null };
});

registerOwnerResolver('org.unit', async (db: Executor, id: string) => {
  const row = await db
    .selectFrom('org_unit')
    .select(['id', 'jurisdiction_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.id, personId: null };
});

registerOwnerResolver('org.department', async (db: Executor, id: string) => {
  const row = await db
    .selectFrom('org_department')
    .select(['unit_id', 'jurisdiction_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: null };
});

registerOwnerResolver('org.person', async (db: Executor, id: string) => {
  const row = await db
    .selectFrom('org_person')
    .select(['id', 'unit_id', 'jurisdiction_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: row.id };
});
