import { addBusinessDays, isBusinessDay, type BusinessCalendar } from '../../kernel/calendar/index.ts';
import { addDays } from '../../kernel/calendar/businessDays.ts';

/** Pure lending rules: due dates, ISBN checks, what a scanned code is. */

/** The due date of a loan (or renewal) starting on `from`: `days` later, moved to a working day. */
export function dueDate(cal: BusinessCalendar, from: string, days: number): string {
  const due = addDays(from, days);
  return isBusinessDay(cal, due) ? due : addBusinessDays(cal, due, 1);
}

/** Whether an ISBN-10 or ISBN-13 (digits only, X allowed last in ISBN-10) has a valid check digit. */
export function isValidIsbn(isbn: string): boolean {
  if (/^97[89]\d{10}$/.test(isbn)) {
    const sum = [...isbn].reduce((s, c, i) => s + Number(c) * (i % 2 === 0 ? 1 : 3), 0);
    return sum % 10 === 0;
  }
  if (/^\d{9}[\dX]$/.test(isbn)) {
    const sum = [...isbn].reduce((s, c, i) => s + (c === 'X' ? 10 : Number(c)) * (10 - i), 0);
    return sum % 11 === 0;
  }
  return false;
}

/** An ISBN as typed or scanned ("978-7-5086-…", lower-case x) in its stored form. */
export function normalizeIsbn(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase();
}

/** What a scanned or typed code is: a valid ISBN names a title, anything else is a copy's barcode. */
export function readCode(
  text: string,
): { kind: 'isbn'; isbn: string } | { kind: 'barcode'; barcode: string } {
  const isbn = normalizeIsbn(text);
  if (isValidIsbn(isbn)) return { kind: 'isbn', isbn };
  return { kind: 'barcode', barcode: text.trim() };
}

/** Calendar days from `today` to `due` (negative once it has passed). */
export function daysUntil(due: string, today: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Days overdue on `today` (0 when not yet due). */
export function daysOverdue(due: string, today: string): number {
  return Math.max(0, -daysUntil(due, today));
}

/** The ISBN-13 check digit for 12 digits (demo data and tests build valid ISBNs with it). */
export function isbn13(first12: string): string {
  const sum = [...first12].reduce((s, c, i) => s + Number(c) * (i % 2 === 0 ? 1 : 3), 0);
  return `${first12}${(10 - (sum % 10)) % 10}`;
}
