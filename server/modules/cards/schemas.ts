import { z } from 'zod';
import { pageQuery } from '../../kernel/http/paging.ts';

/** Request and response contracts of the one-card API. Money in integer fen. */

export const ACCOUNT_STATUSES = ['active', 'frozen', 'lost', 'closed'] as const;
export const TXN_KINDS = ['topup', 'spend', 'refund', 'adjustment', 'withdrawal'] as const;

const fen = z.number().int();
export const idParams = z.object({ id: z.uuid() });
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const account = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  employeeNo: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  jurisdictionId: z.uuid(),
  status: z.enum(ACCOUNT_STATUSES),
  balance: fen,
  cardNo: z.string().nullable(),
  cardStatus: z.string().nullable(),
  updatedAt: z.string(),
});

export const txn = z.object({
  id: z.uuid(),
  ref: z.string(),
  kind: z.enum(TXN_KINDS),
  amount: fen,
  memo: z.string().nullable(),
  terminalId: z.string().nullable(),
  occurredAt: z.string(),
  balanceAfter: fen,
  refunded: z.boolean(),
});

export const card = z.object({
  id: z.uuid(),
  cardNo: z.string(),
  status: z.string(),
  issuedAt: z.string(),
  endedAt: z.string().nullable(),
});

export const accountDetail = account.extend({ cards: z.array(card), recent: z.array(txn) });

export const accountQuery = pageQuery.extend({
  status: z.enum(ACCOUNT_STATUSES).optional(),
  unitId: z.uuid().optional(),
});

export const issueBody = z.object({
  personId: z.uuid(),
  topUp: z.number().int().min(0).max(10_000_00).optional(),
});

const ref = z.string().trim().min(1).max(120).optional();

export const topUpBody = z.object({
  amount: z.number().int().min(1).max(10_000_00),
  ref,
  memo: z.string().trim().max(200).nullish(),
});
export const adjustBody = z.object({
  amount: z
    .number()
    .int()
    .min(-10_000_00)
    .max(10_000_00)
    .refine((n) => n !== 0, 'not zero'),
  ref,
  memo: z.string().trim().min(1).max(200),
});
export const refundBody = z.object({ ref, memo: z.string().trim().max(200).nullish() });
export const actionParams = idParams.extend({
  action: z.enum(['loss', 'replace', 'freeze', 'unfreeze', 'return']),
});

export const posted = z.object({
  id: z.uuid(),
  ref: z.string(),
  kind: z.enum(TXN_KINDS),
  accountId: z.uuid(),
  amount: fen,
  balanceAfter: fen.nullable(),
  memo: z.string().nullable(),
  occurredAt: z.string(),
  replayed: z.boolean(),
});

export const statementQuery = z.object({ month });
export const statementBody = z.object({
  account,
  month: z.string(),
  opening: fen,
  closing: fen,
  totals: z.record(z.string(), fen),
  items: z.array(txn),
});

export const importBody = z.object({ csv: z.string().min(1).max(900_000) });
export const importResult = z.object({ imported: z.number().int(), spent: fen, refunded: fen });

export const mine = z.object({ account: accountDetail.nullable() });

export const ledgerTotals = z.object({
  books: z.record(z.string(), fen),
  cardBalances: fen,
  negative: z.number().int(),
});
