import { declarePermissions } from '../../kernel/access/permissions.ts';

declarePermissions([
  {
    name: 'attendance.manage',
    label: {
      'zh-CN': '管理考勤规则、打卡地点与考勤机数据',
      en: 'Manage attendance rules, clock-in sites and device records',
    },
    roles: ['bureau_admin', 'district_admin', 'unit_admin'],
  },
  {
    name: 'attendance.report',
    label: { 'zh-CN': '查看考勤日报与月报', en: 'See the attendance board and monthly reports' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin', 'auditor', 'staff'],
    readOnly: true,
  },
]);
