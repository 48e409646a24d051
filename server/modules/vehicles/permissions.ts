import { declarePermissions } from '../../kernel/access/permissions.ts';

/**
 * Vehicle permissions. Each role holds them within its assignment's scope: the bureau admin (city)
 * everything; a district admin and a district dispatcher their jurisdiction; a unit admin its unit;
 * staff ('self') their own requests; drivers ('self') their own trips. Read-only ones reach the auditor.
 */
declarePermissions([
  {
    name: 'vehicles.fleet.read',
    label: { 'zh-CN': '查看车辆与驾驶员', en: 'View vehicles and drivers' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin', 'dispatcher', 'inspector'],
    readOnly: true,
  },
  {
    name: 'vehicles.fleet.write',
    label: { 'zh-CN': '维护车辆、驾驶员与地点', en: 'Maintain vehicles, drivers and places' },
    roles: ['bureau_admin', 'district_admin'],
  },
  {
    name: 'vehicles.request.submit',
    label: { 'zh-CN': '提交与跟踪用车申请', en: 'Submit and follow trip requests' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin', 'staff', 'dispatcher'],
  },
  {
    name: 'vehicles.request.read',
    label: { 'zh-CN': '查看用车申请', en: 'View trip requests' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin', 'staff', 'dispatcher', 'inspector'],
    readOnly: true,
  },
  {
    name: 'vehicles.dispatch',
    label: { 'zh-CN': '派车调度', en: 'Dispatch vehicles' },
    roles: ['bureau_admin', 'district_admin', 'dispatcher'],
  },
  {
    name: 'vehicles.drive',
    label: { 'zh-CN': '驾驶员出车', en: 'Drive trips' },
    roles: ['driver'],
  },
  {
    name: 'vehicles.supervise',
    label: {
      'zh-CN': '车辆监管（封存、预警、督查）',
      en: 'Supervise vehicles (sealing, alerts, inspections)',
    },
    roles: ['bureau_admin', 'district_admin', 'inspector'],
  },
  {
    name: 'vehicles.pool.write',
    label: { 'zh-CN': '设置同城派车策略', en: 'Set city-wide pooling policies' },
    roles: ['bureau_admin'],
  },
  {
    name: 'vehicles.analysis',
    label: { 'zh-CN': '公务用车分析', en: 'Vehicle analysis' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin', 'dispatcher', 'inspector'],
    readOnly: true,
  },
]);
