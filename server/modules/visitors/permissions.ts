import { declarePermissions } from '../../kernel/access/permissions.ts';
import { registerOwnerResolver } from '../../kernel/http/access.ts';
import './tables.ts';

/**
 * Visitors permissions. Hosts (staff, 'self' scope) see and decide their own visits; unit admins
 * those of their unit; district and bureau admins their jurisdiction or the city. Gate guards work
 * the sites of their unit and the sites they are linked to.
 */
declarePermissions([
  {
    name: 'visitors.visit.read',
    label: { 'zh-CN': '查看访客预约', en: 'View visitor appointments' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin', 'staff', 'gate_guard'],
    readOnly: true,
  },
  {
    name: 'visitors.visit.decide',
    label: { 'zh-CN': '审批访客预约', en: 'Approve or decline visitor appointments' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin', 'staff'],
  },
  {
    name: 'visitors.gate',
    label: { 'zh-CN': '门岗登记（核验、签入签出）', en: 'Work the gate (verify, check in and out)' },
    roles: ['bureau_admin', 'district_admin', 'gate_guard'],
  },
  {
    name: 'visitors.blacklist.manage',
    label: { 'zh-CN': '维护访客黑名单', en: 'Maintain the visitor blacklist' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin', 'gate_guard'],
  },
  {
    name: 'visitors.site.manage',
    label: { 'zh-CN': '维护访客场所与核验项目', en: 'Maintain visitor sites and gate checks' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin'],
  },
]);

registerOwnerResolver('visitors.visit', async (db, id) => {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await db
    .selectFrom('visitor_visit')
    .select(['jurisdiction_id', 'unit_id', 'host_person_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: row.host_person_id };
});

registerOwnerResolver('visitors.site', async (db, id) => {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await db
    .selectFrom('visitor_site')
    .select(['jurisdiction_id', 'unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: null };
});

registerOwnerResolver('visitors.blacklist', async (db, id) => {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await db
    .selectFrom('visitor_blacklist')
    .select(['jurisdiction_id', 'unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: null };
});
