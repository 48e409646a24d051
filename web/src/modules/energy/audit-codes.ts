import { defineMessages } from '../../app/i18n.ts';

/** The audit codes the energy module's server writes, named in both languages. */
export const auditEntities = defineMessages(
  'energy.audit.entities',
  {
    'energy.institution': '公共机构',
    'energy.building': '建筑',
    'energy.point': '计量点',
    'energy.manual_entry': '离线表月度用量',
    'energy.quota': '能耗定额',
    'energy.alert': '能耗预警',
    'energy.setting': '能耗系数与阈值',
    'energy.registry': '能耗档案',
    'energy.import': '历史读数导入',
    'energy.reading': '能耗读数',
  },
  {
    'energy.institution': 'Public institution',
    'energy.building': 'Building',
    'energy.point': 'Metering point',
    'energy.manual_entry': 'Offline meter entry',
    'energy.quota': 'Energy quota',
    'energy.alert': 'Energy alert',
    'energy.setting': 'Energy factors and thresholds',
    'energy.registry': 'Energy registry',
    'energy.import': 'Historical readings import',
    'energy.reading': 'Energy readings',
  },
);

export const auditActions = defineMessages(
  'energy.audit.actions',
  {
    acknowledge: '确认预警',
    resolve: '处置完成',
    import: '导入',
    detect: '自动检测',
    start: '开始导入',
    complete: '导入完成',
    fail: '导入失败',
    cancel: '取消导入',
    estimate: '估算补点',
  },
  {
    acknowledge: 'Acknowledge',
    resolve: 'Resolve',
    import: 'Import',
    detect: 'Automatic check',
    start: 'Import started',
    complete: 'Import finished',
    fail: 'Import failed',
    cancel: 'Import cancelled',
    estimate: 'Gap fill (estimates)',
  },
);

export const auditFields = defineMessages(
  'energy.audit.fields',
  {
    energy_type: '能源种类',
    sub_item: '分项',
    formula: '公式',
    floor_area: '建筑面积',
    occupants: '用能人数',
    demonstration: '示范类型',
    multiplier: '倍率',
    interval_minutes: '采集间隔',
    total_kgce: '综合能耗定额',
    carbon_kg_per_kwh: '电力碳排放因子',
  },
  {
    energy_type: 'Energy type',
    sub_item: 'Sub-item',
    formula: 'Formula',
    floor_area: 'Floor area',
    occupants: 'Occupants',
    demonstration: 'Demonstration',
    multiplier: 'Multiplier',
    interval_minutes: 'Interval',
    total_kgce: 'Energy quota',
    carbon_kg_per_kwh: 'Grid carbon factor',
  },
);
