import { declarePermissions } from '../../kernel/access/permissions.ts';

declarePermissions([
  {
    name: 'library.manage',
    label: { 'zh-CN': '管理图书馆藏与借阅', en: 'Manage the library catalogue and loans' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin'],
  },
  {
    name: 'library.stats',
    label: { 'zh-CN': '查看借阅统计', en: 'See library statistics' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin', 'auditor'],
    readOnly: true,
  },
]);
