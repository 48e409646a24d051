import type { Executor } from '../db/schema.ts';
import { declarePermissions } from '../access/permissions.ts';
import { registerOwnerResolver } from '../http/access.ts';
import '../org/tables.ts';
import './tables.ts';

/**
 * Account administration. Administrators hold these within their assignment's scope: the bureau
 * admin city-wide, a district admin its jurisdiction, a unit admin its unit. Machine tokens belong
 * to no jurisdiction, so only the bureau admin manages them.
 */
declarePermissions([
  {
    name: 'accounts.read',
    label: { 'zh-CN': '查看账号与角色', en: 'View accounts and roles' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin'],
    readOnly: true,
  },
  {
    name: 'accounts.write',
    label: { 'zh-CN': '管理账号与角色授权', en: 'Manage accounts and grant roles' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin'],
  },
  {
    name: 'tokens.manage',
    label: { 'zh-CN': '管理设备令牌', en: 'Manage machine tokens' },
    roles: ['bureau_admin'],
  },
]);

/**
 * An account is owned by its linked person (their jurisdiction and unit). An account without a
 * person is city-level: only a city-wide scope covers it.
 */
registerOwnerResolver('auth.account', async (db: Executor, id: string) => {
  const row = await db
    .selectFrom('auth_account as a')
    .leftJoin('org_person as p', 'p.id', 'a.person_id')
    .select(['a.id', 'p.id as personId', 'p.unit_id', 'p.jurisdiction_id'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: row.personId };
});
