import { declarePermissions } from '../access/permissions.ts';

/**
 * Reading the audit trail. Records are scoped by the jurisdiction and unit they were written with;
 * records without an owner (sign-ins of city-level accounts, machine tokens, …) only a city-wide
 * scope sees.
 */
declarePermissions([
  {
    name: 'audit.read',
    label: { 'zh-CN': '查看审计日志', en: 'View the audit log' },
    roles: ['bureau_admin', 'district_admin', 'inspector'],
    readOnly: true,
  },
]);
