import { defineMessages } from '../../app/i18n.ts';

/** Names of the audit codes the attendance server writes. */
export const entities = defineMessages(
  'attendance.audit.entities',
  {
    'attendance.punch': '打卡记录',
    'attendance.import': '考勤机数据导入',
    'attendance.leave': '请假/出差',
    'attendance.correction': '补卡',
    'attendance.rule': '考勤规则',
    'attendance.site': '打卡地点',
    'attendance.day': '考勤日结果',
  },
  {
    'attendance.punch': 'Clock-in',
    'attendance.import': 'Device record import',
    'attendance.leave': 'Leave / trip',
    'attendance.correction': 'Punch correction',
    'attendance.rule': 'Working-hour rule',
    'attendance.site': 'Clock-in site',
    'attendance.day': 'Attendance day result',
  },
);
export const actions = defineMessages(
  'attendance.audit.actions',
  { deactivate: '停用', recompute: '重新计算' },
  { deactivate: 'Deactivate', recompute: 'Recompute' },
);
export const fields = defineMessages(
  'attendance.audit.fields',
  {
    inRange: '在范围内',
    source: '来源',
    leaveType: '假别',
    startDate: '开始日期',
    endDate: '结束日期',
    days: '天数',
    matterId: '审批事项',
    workDate: '日期',
    startMin: '上班时间',
    endMin: '下班时间',
    flexMin: '弹性分钟',
    radiusM: '半径(米)',
    inserted: '写入',
    duplicates: '重复',
  },
  {
    inRange: 'In range',
    source: 'Source',
    leaveType: 'Leave type',
    startDate: 'Start date',
    endDate: 'End date',
    days: 'Days',
    matterId: 'Matter',
    workDate: 'Date',
    startMin: 'Start',
    endMin: 'End',
    flexMin: 'Flex minutes',
    radiusM: 'Radius (m)',
    inserted: 'Inserted',
    duplicates: 'Duplicates',
  },
);
