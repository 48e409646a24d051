import { declarePermissions } from '../../kernel/access/permissions.ts';
import { registerOwnerResolver } from '../../kernel/http/access.ts';
import './tables.ts';

/**
 * Repairs permissions. Anyone signed in reports and follows their own requests (no permission
 * needed); the facilities office (unit, district and bureau admins) triages, assigns, manages QR
 * codes and contractors and reads the statistics within its scope. Workers update the requests
 * assigned to their account.
 */
declarePermissions([
  {
    name: 'repairs.read',
    label: { 'zh-CN': '查看报修单与统计', en: 'View repair requests and statistics' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin', 'inspector'],
    readOnly: true,
  },
  {
    name: 'repairs.manage',
    label: { 'zh-CN': '报修受理与派单', en: 'Triage and assign repair requests' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin'],
  },
]);

registerOwnerResolver('repairs.request', async (db, id) => {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await db
    .selectFrom('repair_request')
    .select(['jurisdiction_id', 'unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: null };
});

registerOwnerResolver('repairs.contractor', async (db, id) => {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await db
    .selectFrom('repair_contractor')
    .select(['jurisdiction_id', 'unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: null };
});
