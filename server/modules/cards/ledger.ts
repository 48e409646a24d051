import { sql } from 'kysely';
import type { Tx } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/http/access.ts';
import { errors } from '../../kernel/errors.ts';
import { audit } from '../../kernel/audit/index.ts';
import type { AccountStatus, Book, TxnKind } from './tables.ts';

/** One posting to the ledger: the signed change of a card account and the book on the other side. */
export interface Posting {
  /** idempotency key: a second posting with the same reference returns the first */
  ref: string;
  kind: TxnKind;
  accountId: string;
  /** signed change of the card balance in fen (spend < 0, top-up > 0) */
  amount: number;
  /** the bureau's book that takes the other side */
  counterBook: Exclude<Book, 'card'>;
  memo?: string | null;
  terminalId?: string | null;
  terminalSeq?: number | null;
  occurredAt?: Date | string | null;
  reversesId?: string | null;
  /** statuses of the account that allow this posting (default: debits need 'active', credits any but 'closed') */
  allow?: readonly AccountStatus[];
  /** false when the caller writes one audit record for a whole batch (terminal import) */
  audit?: boolean;
}

export interface PostedTxn {
  id: string;
  ref: string;
  kind: TxnKind;
  accountId: string;
  amount: number;
  balanceAfter: number | null;
  memo: string | null;
  occurredAt: string;
  /** true when the reference had been posted before and this is that earlier transaction */
  replayed: boolean;
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/**
 * Posts one transaction: the transaction row (idempotent by `ref`), the conditional balance update
 * (refused when it would go below zero or the account may not take it) and its two balanced entries,
 * all in the caller's transaction, with the audit record.
 */
export async function post(tx: Tx, actor: Actor, p: Posting): Promise<PostedTxn> {
  if (!Number.isSafeInteger(p.amount) || p.amount === 0) {
    throw errors.field('amount', 'card_amount_invalid', {
      'zh-CN': '金额必须是非零的整数（分）',
      en: 'The amount must be a non-zero whole number of fen',
    });
  }
  const inserted = await tx
    .insertInto('card_txn')
    .values({
      ref: p.ref,
      kind: p.kind,
      account_id: p.accountId,
      amount: p.amount,
      memo: p.memo ?? null,
      terminal_id: p.terminalId ?? null,
      terminal_seq: p.terminalSeq ?? null,
      reverses_id: p.reversesId ?? null,
      occurred_at: p.occurredAt ? new Date(p.occurredAt) : sql<Date>`now()`,
      actor_account_id: actor.accountId,
    })
    .onConflict((oc) => oc.column('ref').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted) {
    const prior = await tx
      .selectFrom('card_txn')
      .selectAll()
      .where('ref', '=', p.ref)
      .executeTakeFirstOrThrow();
    if (prior.account_id !== p.accountId || prior.amount !== p.amount || prior.kind !== p.kind) {
      throw errors.conflict(
        'card_ref_reused',
        {
          'zh-CN': '交易参考号已用于另一笔交易',
          en: 'This transaction reference was used for another transaction',
        },
        [{ field: 'ref', ref: p.ref }],
      );
    }
    return { ...toTxn(prior), balanceAfter: null, replayed: true };
  }

  const allow = p.allow ?? (p.amount < 0 ? ['active'] : ['active', 'frozen', 'lost']);
  const updated = await tx
    .updateTable('card_account')
    .set({ balance: sql`balance + ${p.amount}`, updated_at: sql`now()` })
    .where('id', '=', p.accountId)
    .where('status', 'in', allow)
    .where(sql<boolean>`balance + ${p.amount} >= 0`)
    .returning(['balance', 'jurisdiction_id', 'unit_id'])
    .executeTakeFirst();
  if (!updated) throw await refusal(tx, p.accountId, p.amount);

  await tx
    .insertInto('card_entry')
    .values([
      { txn_id: inserted.id, book: 'card', account_id: p.accountId, amount: p.amount },
      { txn_id: inserted.id, book: p.counterBook, account_id: null, amount: -p.amount },
    ])
    .execute();
  if (p.audit !== false)
    await audit(tx, actor, {
      entity: 'cards.txn',
      entityId: inserted.id,
      action: p.kind,
      after: {
        ref: p.ref,
        accountId: p.accountId,
        amount: p.amount,
        balance: updated.balance,
        memo: p.memo ?? null,
      },
      jurisdictionId: updated.jurisdiction_id,
      unitId: updated.unit_id,
    });
  return { ...toTxn(inserted), balanceAfter: updated.balance, replayed: false };
}

function toTxn(r: {
  id: string;
  ref: string;
  kind: TxnKind;
  account_id: string;
  amount: number;
  memo: string | null;
  occurred_at: Date;
}): Omit<PostedTxn, 'balanceAfter' | 'replayed'> {
  return {
    id: r.id,
    ref: r.ref,
    kind: r.kind,
    accountId: r.account_id,
    amount: r.amount,
    memo: r.memo,
    occurredAt: iso(r.occurred_at),
  };
}

/** Why a balance update found no row: no such account, an account that may not take it, or too little money. */
async function refusal(tx: Tx, accountId: string, amount: number) {
  const account = await tx
    .selectFrom('card_account')
    .select(['status', 'balance'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account) return errors.notFound('cards.account', accountId);
  if (account.balance + amount < 0) {
    return errors.conflict(
      'card_insufficient_balance',
      {
        'zh-CN': `一卡通余额不足（余额 ${yuan(account.balance)} 元，需 ${yuan(-amount)} 元）`,
        en: `Insufficient card balance (balance ¥${yuan(account.balance)}, needed ¥${yuan(-amount)})`,
      },
      [{ field: 'amount', balance: account.balance, needed: -amount }],
    );
  }
  return errors.conflict(
    'card_not_active',
    {
      'zh-CN': `一卡通当前状态（${STATUS_ZH[account.status]}）不允许此交易`,
      en: `The card account is ${account.status} and cannot take this transaction`,
    },
    [{ status: account.status }],
  );
}

export const STATUS_ZH: Record<AccountStatus, string> = {
  active: '正常',
  frozen: '已冻结',
  lost: '已挂失',
  closed: '已退卡',
};

export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}
