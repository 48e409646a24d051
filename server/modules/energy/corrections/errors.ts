import { DomainError, type ErrorKind, type Messages } from '../../../kernel/errors.ts';

/** The corrections' stable error codes, each with the field it is about. */
function fieldError(kind: ErrorKind, field: string, code: string, messages: Messages) {
  return new DomainError(code, kind, messages, [{ field, code, message: messages.en }]);
}

export const correctionErrors = {
  notMetered: () =>
    fieldError('invalid', 'pointId', 'point_not_metered', {
      'zh-CN': '只有远传计量点可以登记换表',
      en: 'A meter replacement is recorded on a metered point only',
    }),
  atInFuture: () =>
    fieldError('invalid', 'at', 'replacement_in_future', {
      'zh-CN': '换表时间不能晚于当前时间',
      en: 'The replacement time cannot be in the future',
    }),
  replacementExists: () =>
    fieldError('conflict', 'at', 'replacement_exists', {
      'zh-CN': '该计量点在此时间已登记换表',
      en: 'A replacement is already recorded for this point at that time',
    }),
  finalBelowLast: (last: number) =>
    fieldError('invalid', 'finalValue', 'final_below_last_reading', {
      'zh-CN': `旧表止码不能小于换表前最后一次读数（${last}）`,
      en: `The old meter's final reading cannot be below its last reading before the replacement (${last})`,
    }),
  startAboveNext: (next: number) =>
    fieldError('invalid', 'startValue', 'start_above_next_reading', {
      'zh-CN': `新表起码不能大于换表后第一次读数（${next}）`,
      en: `The new meter's start reading cannot be above its first reading after the replacement (${next})`,
    }),
  notResolvable: () =>
    fieldError('invalid', 'ids', 'quarantine_not_open', {
      'zh-CN': '所选读数中有已处理或不在您数据权限内的记录',
      en: 'Some selected readings are already resolved or outside your data scope',
    }),
  notReadmissible: () =>
    fieldError('invalid', 'ids', 'quarantine_not_readmissible', {
      'zh-CN': '格式错误的读数不能重新入库，只能忽略',
      en: 'A reading rejected for its shape cannot be re-admitted, only dismissed',
    }),
};
