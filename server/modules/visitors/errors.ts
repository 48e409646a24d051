import { DomainError, errors } from '../../kernel/errors.ts';
import type { IdProblem } from './validate.ts';

/** The visitors module's error codes (zh-CN + English). */
export const visitorErrors = {
  idNumber(problem: IdProblem) {
    const why = {
      format: { 'zh-CN': '身份证号码应为18位', en: 'must have 18 characters' },
      birth_date: { 'zh-CN': '身份证号码中的出生日期无效', en: 'contains an invalid birth date' },
      check_digit: { 'zh-CN': '身份证号码校验位错误', en: 'has a wrong check digit' },
    }[problem];
    const e = errors.field('idNumber', 'id_number_invalid', {
      'zh-CN': `${why['zh-CN']}，请核对。`,
      en: `The ID number ${why.en}.`,
    });
    e.details[0] = { ...e.details[0], reason: problem };
    return e;
  },
  mobile: () =>
    errors.field('mobile', 'mobile_invalid', {
      'zh-CN': '手机号码格式不正确（应为11位大陆手机号）。',
      en: 'The mobile number is not a valid mainland number (11 digits).',
    }),
  plate: () =>
    errors.field('plate', 'plate_invalid', {
      'zh-CN': '车牌号格式不正确。',
      en: 'The licence plate is not a valid Chinese plate.',
    }),
  window: () =>
    errors.field('endsAt', 'time_window_invalid', {
      'zh-CN': '离开时间必须晚于到访时间，且到访时间不能早于当前时间。',
      en: 'The visit must end after it starts and must not start in the past.',
    }),
  windowTooLong: () =>
    errors.field('endsAt', 'time_window_too_long', {
      'zh-CN': '单次预约时长不能超过7天。',
      en: 'One appointment may last at most 7 days.',
    }),
  tooFarAhead: (days: number) =>
    errors.field('startsAt', 'time_window_too_far', {
      'zh-CN': `只能预约${days}天以内的来访。`,
      en: `A visit can be booked at most ${days} days ahead.`,
    }),
  hostNotFound: () =>
    errors.field('host', 'host_not_found', {
      'zh-CN': '未找到被访人，请核对姓名和电话。',
      en: 'No host with this name and phone number.',
    }),
  linkNotFound: () => errors.notFound('visitors.hostLink'),
  duplicate: () =>
    errors.conflict('visit_duplicate', {
      'zh-CN': '您已提交过相同的预约（同一被访人、同一时间），请勿重复提交。',
      en: 'You have already asked for this appointment (same host, same time).',
    }),
  notPending: () =>
    errors.conflict('visit_not_pending', {
      'zh-CN': '该预约已处理，不能再次审批。',
      en: 'This appointment has already been decided.',
    }),
  visitOver: () =>
    errors.conflict('visit_over', {
      'zh-CN': '该预约的来访时间已过，不能再批准；如需来访，请让访客重新预约。',
      en: 'The time of this visit is over, so it can no longer be approved; ask the visitor to make a new appointment.',
    }),
  passNotFound: () =>
    new DomainError('pass_not_found', 'not_found', { 'zh-CN': '通行码不存在。', en: 'No such pass code.' }, [
      { field: 'code', code: 'pass_not_found' },
    ]),
  passUsed: () =>
    errors.conflict(
      'pass_used',
      { 'zh-CN': '该通行码已使用。', en: 'This pass code has already been used.' },
      [{ field: 'code', code: 'pass_used' }],
    ),
  passExpired: () =>
    errors.conflict('pass_expired', { 'zh-CN': '该通行码已过期。', en: 'This pass code has expired.' }, [
      { field: 'code', code: 'pass_expired' },
    ]),
  passNotApproved: () =>
    errors.conflict(
      'pass_not_approved',
      { 'zh-CN': '该预约尚未获批准或已被拒绝。', en: 'This appointment is not approved.' },
      [{ field: 'code', code: 'pass_not_approved' }],
    ),
  otherSite: () =>
    errors.forbidden({ 'zh-CN': '该访客不属于您值守的场所。', en: 'This visit belongs to another site.' }),
  blacklisted: () =>
    errors.conflict('visitor_blacklisted', {
      'zh-CN': '该访客在黑名单中，禁止入内，已记录。',
      en: 'This visitor is blacklisted: entry refused and flagged.',
    }),
  checkMissing: (code: string) =>
    errors.field(`checks.${code}`, 'check_missing', {
      'zh-CN': '请填写全部核验项目。',
      en: 'Record every gate check.',
    }),
  checkFailed: (code: string) =>
    errors.field(`checks.${code}`, 'check_failed', {
      'zh-CN': '核验未通过，不能入内。',
      en: 'A gate check failed: entry refused.',
    }),
  notCheckedIn: () =>
    errors.conflict('visit_not_checked_in', {
      'zh-CN': '该访客未签入或已签出。',
      en: 'This visitor is not checked in.',
    }),
  rateLimited: () =>
    new DomainError('rate_limited', 'rate_limited', {
      'zh-CN': '请求过于频繁，请稍后再试。',
      en: 'Too many requests; try again later.',
    }),
};
