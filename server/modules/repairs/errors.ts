import { errors } from '../../kernel/errors.ts';

/** The repairs module's error codes (zh-CN + English). */
export const repairErrors = {
  category: () =>
    errors.field('categoryId', 'repair_category_unknown', {
      'zh-CN': '报修类别不存在。',
      en: 'Unknown repair category.',
    }),
  building: () =>
    errors.field('buildingId', 'building_unknown', { 'zh-CN': '楼宇不存在。', en: 'Unknown building.' }),
  location: () =>
    errors.field('room', 'location_required', {
      'zh-CN': '请选择楼宇或填写报修位置。',
      en: 'Choose a building or describe where the fault is.',
    }),
  mobile: () =>
    errors.field('phone', 'mobile_invalid', {
      'zh-CN': '手机号码格式不正确（应为11位大陆手机号）。',
      en: 'The mobile number is not a valid mainland number (11 digits).',
    }),
  assignee: () =>
    errors.field('assigneeAccountId', 'assignee_required', {
      'zh-CN': '请指定维修人员或维修单位。',
      en: 'Choose a worker or a contractor.',
    }),
  assigneeUnknown: () =>
    errors.field('assigneeAccountId', 'assignee_unknown', {
      'zh-CN': '维修人员账号不存在或已停用。',
      en: 'The worker account does not exist or is disabled.',
    }),
  contractorUnknown: () =>
    errors.field('contractorId', 'contractor_unknown', {
      'zh-CN': '维修单位不存在或不属于本单位。',
      en: 'The contractor does not exist or belongs to another unit.',
    }),
  transition: (from: string, to: string) =>
    errors.conflict(
      'repair_status_conflict',
      {
        'zh-CN': `当前状态下不能进行此操作（${from} → ${to}）。`,
        en: `This step is not possible now (${from} → ${to}).`,
      },
      [{ field: 'status', from, to }],
    ),
  notAssignee: () =>
    errors.forbidden({ 'zh-CN': '该报修单未派给您。', en: 'This request is not assigned to you.' }),
  notRequester: () =>
    errors.forbidden({
      'zh-CN': '只有报修人可以确认和评价。',
      en: 'Only the requester may confirm and rate.',
    }),
  qrClosed: () =>
    errors.forbidden({
      'zh-CN': '此二维码未开放免登录报修，请登录后报修。',
      en: 'This code does not accept reports without signing in.',
    }),
};
