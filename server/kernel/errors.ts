/**
 * Domain errors. Services throw these; only the HTTP edge (http/errors.ts) turns them into responses.
 * Every error has a stable code and a message in zh-CN and English; `field` names the offending input.
 */
export type Locale = 'zh-CN' | 'en';

export interface Messages {
  'zh-CN': string;
  en: string;
}

export type ErrorKind =
  | 'invalid' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'too_large' // 413
  | 'locked' // 423
  | 'rate_limited'; // 429

export interface ErrorDetail {
  field?: string;
  row?: number;
  code?: string;
  message?: string;
  [key: string]: unknown;
}

export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly messages: Messages;
  readonly details: ErrorDetail[];

  constructor(code: string, kind: ErrorKind, messages: Messages, details: ErrorDetail[] = []) {
    super(messages.en);
    this.name = 'DomainError';
    this.code = code;
    this.kind = kind;
    this.messages = messages;
    this.details = details;
  }
}

/** Convenience constructors for the common cases; modules may define their own codes. */
export const errors = {
  invalid(code: string, messages: Messages, details: ErrorDetail[] = []) {
    return new DomainError(code, 'invalid', messages, details);
  },
  field(field: string, code: string, messages: Messages) {
    return new DomainError(code, 'invalid', messages, [{ field, code, message: messages.en }]);
  },
  notFound(entity: string, id?: string) {
    return new DomainError(
      'not_found',
      'not_found',
      { 'zh-CN': `未找到${entity}`, en: `${entity} not found` },
      id ? [{ entity, id }] : [{ entity }],
    );
  },
  forbidden(reason?: Messages) {
    return new DomainError(
      'forbidden',
      'forbidden',
      reason ?? { 'zh-CN': '无权执行此操作', en: 'You are not allowed to do this' },
    );
  },
  outOfScope() {
    return new DomainError('out_of_scope', 'forbidden', {
      'zh-CN': '该数据不在您的数据权限范围内',
      en: 'This record is outside your data scope',
    });
  },
  unauthenticated() {
    return new DomainError('unauthenticated', 'unauthenticated', {
      'zh-CN': '请先登录',
      en: 'Please sign in first',
    });
  },
  conflict(code: string, messages: Messages, details: ErrorDetail[] = []) {
    return new DomainError(code, 'conflict', messages, details);
  },
};

export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
