import { z } from 'zod';
import { pageQuery } from '../../kernel/http/paging.ts';

/** Request and response contracts of the library API (also the shapes the web client uses). */

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const CATEGORY = z
  .string()
  .regex(/^[A-Z]$/, 'a class letter of the Chinese Library Classification, A–Z');

export const book = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  isbn: z.string(),
  title: z.string(),
  author: z.string(),
  publisher: z.string().nullable(),
  publishedYear: z.number().int().nullable(),
  category: z.string(),
  location: z.string().nullable(),
  summary: z.string().nullable(),
  copies: z.number().int(),
  available: z.number().int(),
  waiting: z.number().int(),
});
export type BookDto = z.infer<typeof book>;

export const bookQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  category: CATEGORY.optional(),
  unitId: z.uuid().optional(),
  availableOnly: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const bookCreate = z.object({
  unitId: z.uuid(),
  isbn: z.string().trim().min(10).max(17),
  title: text(200),
  author: text(200),
  publisher: optionalText(100),
  publishedYear: z.number().int().min(1800).max(2100).nullish(),
  category: CATEGORY,
  location: optionalText(100),
  summary: optionalText(2000),
  /** barcodes of the copies received with the title */
  barcodes: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9-]{4,32}$/),
    )
    .max(200)
    .default([]),
});
export const bookPatch = bookCreate.omit({ unitId: true, isbn: true, barcodes: true }).partial().strict();

export const copy = z.object({
  id: z.string(),
  barcode: z.string(),
  status: z.enum(['available', 'on_loan', 'held', 'lost', 'withdrawn']),
  dueDate: z.string().nullable(),
  borrower: z.string().nullable(),
});

export const loan = z.object({
  id: z.string(),
  bookId: z.string(),
  title: z.string(),
  author: z.string(),
  isbn: z.string(),
  barcode: z.string(),
  personId: z.string(),
  personName: z.string(),
  unitName: z.string(),
  borrowedAt: z.string(),
  dueDate: z.string(),
  renewals: z.number().int(),
  canRenew: z.boolean(),
  returnedAt: z.string().nullable(),
  overdueDays: z.number().int(),
  /** days until the due date (negative once overdue; 0 on the day) */
  daysLeft: z.number().int(),
});
export type LoanDto = z.infer<typeof loan>;

export const hold = z.object({
  id: z.string(),
  bookId: z.string(),
  title: z.string(),
  status: z.enum(['waiting', 'ready', 'fulfilled', 'cancelled', 'expired']),
  position: z.number().int().nullable(),
  readyUntil: z.string().nullable(),
  barcode: z.string().nullable(),
  createdAt: z.string(),
});
export type HoldDto = z.infer<typeof hold>;

export const loanQuery = pageQuery.extend({
  status: z.enum(['open', 'overdue', 'returned']).optional(),
  q: z.string().trim().max(100).optional(),
});

// any scanned or typed text is looked up: a short or odd one gets 'no such barcode or ISBN', not a bare
// 'invalid request' (the length limit only keeps junk out of the query)
export const codeBody = z.object({ code: z.string().trim().min(1).max(100) });
export const deskLoanBody = codeBody.extend({ personId: z.uuid() });

export const mine = z.object({
  loans: z.array(loan),
  holds: z.array(hold),
  history: z.number().int(),
});

export const stats = z.object({
  titles: z.number().int(),
  copies: z.number().int(),
  loansTotal: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  readers: z.number().int(),
  byMonth: z.array(z.object({ month: z.string(), loans: z.number().int() })),
  byCategory: z.array(z.object({ category: z.string(), loans: z.number().int(), titles: z.number().int() })),
  top: z.array(
    z.object({ bookId: z.string(), title: z.string(), author: z.string(), loans: z.number().int() }),
  ),
  byUnit: z.array(z.object({ unitName: z.string(), loans: z.number().int() })),
});
export const statsQuery = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
