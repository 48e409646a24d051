import { declarePermissions } from '../../../kernel/access/permissions.ts';

/** Data stewardship of the readings (a meter replacement is recorded with energy.registry.write). */
declarePermissions([
  {
    name: 'energy.quarantine.resolve',
    label: {
      'zh-CN': '处理被隔离的能耗读数（重新入库、忽略）',
      en: 'Resolve quarantined energy readings (re-admit, dismiss)',
    },
    roles: ['bureau_admin', 'district_admin'],
  },
]);
