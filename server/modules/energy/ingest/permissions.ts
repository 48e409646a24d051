import { declarePermissions } from '../../../kernel/access/permissions.ts';

/** Ingestion permissions (the registry's and indicators' are energy-insight's). */
declarePermissions([
  {
    name: 'energy.quarantine.read',
    label: { 'zh-CN': '查看被隔离的能耗读数', en: 'View quarantined energy readings' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin', 'inspector'],
    readOnly: true,
  },
  {
    name: 'energy.import',
    label: { 'zh-CN': '导入历史能耗数据', en: 'Import historical energy readings' },
    roles: ['bureau_admin', 'district_admin'],
  },
]);
