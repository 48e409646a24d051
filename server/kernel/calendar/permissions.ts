import { declarePermissions } from '../access/permissions.ts';

declarePermissions([
  {
    name: 'calendar.write',
    label: { 'zh-CN': '维护节假日日历', en: 'Edit the holiday calendar' },
    roles: ['bureau_admin'],
  },
]);
