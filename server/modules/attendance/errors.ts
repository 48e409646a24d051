import { DomainError, errors } from '../../kernel/errors.ts';

export const attendanceErrors = {
  noPerson: () =>
    new DomainError('attendance_no_person', 'forbidden', {
      'zh-CN': '该账号未关联人员档案，不能打卡或请假',
      en: 'This account is not linked to a person and cannot clock in or request leave',
    }),
  unknownCode: () =>
    errors.field('code', 'attendance_unknown_code', {
      'zh-CN': '未找到该工号对应的在职人员',
      en: 'No active person has this staff number',
    }),
  noRule: () =>
    new DomainError('attendance_no_rule', 'invalid', {
      'zh-CN': '您所在单位尚未设置考勤规则',
      en: 'Your unit has no working-hour rule yet',
    }),
  outOfRange: (distance: number | null) =>
    new DomainError(
      'attendance_out_of_range',
      'invalid',
      {
        'zh-CN':
          distance === null
            ? '您的单位未设置打卡地点，不能手机打卡'
            : `不在打卡范围内（距最近的打卡点约 ${distance} 米）`,
        en:
          distance === null
            ? 'Your unit has no clock-in site; phone clock-in is not possible'
            : `Outside the clock-in area (about ${distance} m from the nearest site)`,
      },
      [{ field: 'lat', code: 'attendance_out_of_range', distance }],
    ),
  tooSoon: () =>
    errors.conflict('attendance_punch_too_soon', {
      'zh-CN': '刚刚已打卡，请勿重复打卡',
      en: 'You clocked in a moment ago',
    }),
  rangeInvalid: (field: string) =>
    errors.field(field, 'attendance_range_invalid', {
      'zh-CN': '结束日期不能早于开始日期',
      en: 'The end date is before the start date',
    }),
  leaveTooEarly: (earliest: string, days: number) =>
    new DomainError(
      'attendance_leave_too_early',
      'invalid',
      {
        'zh-CN': `补请假最多追溯 ${days} 天：开始日期不能早于 ${earliest}`,
        en: `Leave may be requested at most ${days} days back: the start date cannot be before ${earliest}`,
      },
      [{ field: 'startDate', code: 'attendance_leave_too_early', earliest }],
    ),
  leaveTooFar: (latest: string) =>
    new DomainError(
      'attendance_leave_too_far',
      'invalid',
      {
        'zh-CN': `只能申请一年以内的请假或出差：结束日期不能晚于 ${latest}`,
        en: `Leave and trips can be requested up to a year ahead: the end date cannot be after ${latest}`,
      },
      [{ field: 'endDate', code: 'attendance_leave_too_far', latest }],
    ),
  leaveTooLong: (maxDays: number) =>
    new DomainError(
      'attendance_leave_too_long',
      'invalid',
      {
        'zh-CN': `一次申请最长 ${maxDays} 天，请分成几次申请`,
        en: `One request spans at most ${maxDays} days; split it into several requests`,
      },
      [{ field: 'endDate', code: 'attendance_leave_too_long', maxDays }],
    ),
  annualCrossYear: () =>
    errors.field('endDate', 'attendance_annual_cross_year', {
      'zh-CN': '年休假按年度计算，不能跨年申请；请按年度分成两次申请',
      en: 'Annual leave is counted per year and cannot span two years; request each year separately',
    }),
  noWorkdays: () =>
    errors.field('endDate', 'attendance_no_workdays', {
      'zh-CN': '所选日期内没有工作日',
      en: 'The dates chosen contain no working day',
    }),
  overlap: () =>
    errors.conflict(
      'attendance_leave_overlap',
      { 'zh-CN': '与已有的请假或出差时间重叠', en: 'Overlaps a leave or trip already requested' },
      [{ field: 'startDate', code: 'attendance_leave_overlap' }],
    ),
  balance: (left: number, asked: number) =>
    new DomainError(
      'attendance_annual_balance',
      'invalid',
      {
        'zh-CN': `年休假余额不足：剩余 ${left} 天，申请 ${asked} 天`,
        en: `Not enough annual leave: ${left} days left, ${asked} asked`,
      },
      [{ field: 'endDate', code: 'attendance_annual_balance', left, asked }],
    ),
  correctionLimit: (limit: number) =>
    new DomainError(
      'attendance_correction_limit',
      'invalid',
      {
        'zh-CN': `本月补卡次数已达上限（${limit} 次）`,
        en: `The month's corrections are used up (${limit})`,
      },
      [{ field: 'workDate', code: 'attendance_correction_limit', limit }],
    ),
  correctionDate: () =>
    errors.field('workDate', 'attendance_correction_date', {
      'zh-CN': '补卡日期须为过去的工作日，且在可补卡期限内',
      en: 'A correction must be for a past working day within the allowed period',
    }),
  correctionTaken: () =>
    errors.conflict(
      'attendance_correction_taken',
      { 'zh-CN': '该时间已有打卡或补卡记录', en: 'There is already a punch or correction at that time' },
      [{ field: 'time', code: 'attendance_correction_taken' }],
    ),
  ruleTaken: () =>
    errors.conflict(
      'attendance_rule_taken',
      {
        'zh-CN': '该单位（部门）已有考勤规则',
        en: 'That unit (department) already has a rule',
      },
      [{ field: 'departmentId', code: 'attendance_rule_taken' }],
    ),
  departmentOutside: () =>
    errors.field('departmentId', 'attendance_department_outside', {
      'zh-CN': '部门不属于该单位',
      en: 'The department is not part of that unit',
    }),
};
