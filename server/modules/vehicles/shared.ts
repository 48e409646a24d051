import { z } from 'zod';
import { DomainError, errors, type Messages } from '../../kernel/errors.ts';

/** Contract pieces and helpers shared by the vehicle module's folders. */

export const idParams = z.object({ id: z.uuid() });

export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a date');
export const optionalDate = isoDate.nullish().transform((v) => v ?? null);
export const instant = z.iso.datetime({ offset: true });

export const fen = z.number().int().min(0).max(100_000_000_000);

/** A 400 naming the field. */
export function fieldError(field: string, code: string, messages: Messages): DomainError {
  return errors.field(field, code, messages);
}

/** A 409 naming the field. */
export function conflict(field: string, code: string, messages: Messages): DomainError {
  return new DomainError(code, 'conflict', messages, [{ field, code, message: messages.en }]);
}

/** The PostgreSQL error of a failed statement, when it is one. */
export function pgError(e: unknown): { code?: string; constraint?: string } | null {
  if (e && typeof e === 'object' && 'code' in e) return e as { code?: string; constraint?: string };
  return null;
}

/** ISO date of an instant in a time zone (YYYY-MM-DD). */
export function dateIn(instantValue: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instantValue);
}

export const iso = (d: Date | string | null): string | null =>
  d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString();

/** A short human number: prefix + yymmdd + 4 random digits (not a key; ids are UUIDs). */
export function humanNo(prefix: string, at: Date, timeZone: string): string {
  const d = dateIn(at, timeZone).replaceAll('-', '').slice(2);
  return `${prefix}${d}${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`;
}
