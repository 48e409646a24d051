import { defineMessages, type Locale } from '../app/i18n.ts';
import type { ApiError, ErrorDetail } from './api.ts';

/** Texts for the validation issue codes the API reports in `details[].code` (zod's issue codes). */
export const issueMessages = defineMessages(
  'shared.issues',
  {
    too_small: '内容过短或缺少必填项',
    too_big: '内容过长或数值过大',
    invalid_type: '类型不正确或缺少必填项',
    invalid_format: '格式不正确',
    invalid_value: '取值不在允许范围内',
    invalid_union: '取值不正确',
    unrecognized_keys: '包含不允许的字段',
    custom: '取值不正确',
    required: '必填',
  },
  {
    too_small: 'Too short, or a required value is missing',
    too_big: 'Too long, or the value is too large',
    invalid_type: 'Wrong type, or a required value is missing',
    invalid_format: 'Wrong format',
    invalid_value: 'Not one of the allowed values',
    invalid_union: 'Not a valid value',
    unrecognized_keys: 'Contains fields that are not allowed',
    custom: 'Not a valid value',
    required: 'Required',
  },
);

export type NamePath = (string | number)[];

export interface FieldError {
  name: NamePath;
  errors: string[];
}

export interface MappedErrors {
  /** errors to put on form fields (`form.setFields`) */
  fields: FieldError[];
  /** details that name no field of the form */
  rest: ErrorDetail[];
}

export interface MapOptions {
  /** top-level names of the form's fields; details naming other fields go to `rest` */
  fields?: readonly string[];
  /** server field → form field, e.g. `{ 'payload.title': 'title' }` */
  rename?: Record<string, string | NamePath>;
}

/** `payload.items.0.name` → ['payload', 'items', 0, 'name'] */
export function toNamePath(field: string): NamePath {
  return field
    .split('.')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The message to show on a field for one detail, in the user's language. */
export function detailMessage(err: ApiError, detail: ErrorDetail, locale: Locale): string {
  const issue = detail.code ? (issueMessages[locale] as Record<string, string>)[detail.code] : undefined;
  if (err.code === 'invalid_input') return issue ?? detail.message ?? err.message;
  // domain errors carry the localized message on the error; a detail's own message is English
  if (!detail.message || detail.code === err.code || err.details.length === 1) return err.message;
  return locale === 'en' ? detail.message : (issue ?? err.message);
}

/** Spreads an API error over a form's fields (`details[].field` → Form field errors). */
export function mapFieldErrors(err: ApiError, locale: Locale, opts: MapOptions = {}): MappedErrors {
  const byField = new Map<string, FieldError>();
  const rest: ErrorDetail[] = [];
  for (const d of err.details) {
    if (typeof d.field !== 'string' || d.field === '') {
      rest.push(d);
      continue;
    }
    const renamed = opts.rename?.[d.field];
    const name =
      renamed === undefined ? toNamePath(d.field) : Array.isArray(renamed) ? renamed : toNamePath(renamed);
    const top = name[0];
    if (top === undefined || (opts.fields && !opts.fields.includes(String(top)))) {
      rest.push(d);
      continue;
    }
    const key = name.join('.');
    const text = detailMessage(err, d, locale);
    const entry = byField.get(key);
    if (entry) {
      if (!entry.errors.includes(text)) entry.errors.push(text);
    } else byField.set(key, { name, errors: [text] });
  }
  return { fields: [...byField.values()], rest };
}
