import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Executor, Tx } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/http/access.ts';
import type { GoaModule } from '../../kernel/module.ts';
import { errors } from '../../kernel/errors.ts';
import { post, type PostedTxn } from './ledger.ts';
import { refundTxn } from './service.ts';
import { cardRoutes } from './routes.ts';
import { seedCards } from './seed.ts';
import './tables.ts';

export type { PostedTxn } from './ledger.ts';

/**
 * Pays from a person's card inside the caller's transaction (canteen orders), idempotent by `ref`:
 * refused with a clear error when they hold no card, the card is not active or the balance is short.
 */
export async function spendFromCard(
  tx: Tx,
  actor: Actor,
  /** audit: false when the caller's own audit record names the payment (canteen orders) */
  input: { personId: string; amount: number; ref: string; memo: string; audit?: boolean },
): Promise<PostedTxn> {
  const account = await tx
    .selectFrom('card_account')
    .select('id')
    .where('person_id', '=', input.personId)
    .executeTakeFirst();
  if (!account) {
    throw errors.conflict('card_no_account', {
      'zh-CN': '您还没有一卡通账户，请先到卡务中心办卡',
      en: 'You hold no one-card account yet; please have a card issued first',
    });
  }
  return post(tx, actor, {
    ref: input.ref,
    kind: 'spend',
    accountId: account.id,
    amount: -input.amount,
    counterBook: 'canteen',
    memo: input.memo,
    audit: input.audit,
  });
}

/**
 * Refunds a spend made with `spendFromCard` (by its reference), inside the caller's transaction. A spend
 * the card office has refunded already (under its own reference) is not paid back twice: refunded 0 and
 * the balance as it stands, so that the caller (a cancelled canteen order) can still go ahead.
 */
export async function refundCardSpend(
  tx: Tx,
  actor: Actor,
  input: { spendRef: string; ref: string; memo?: string },
): Promise<{ refunded: number; balanceAfter: number | null }> {
  const spend = await tx
    .selectFrom('card_txn')
    .select(['id', 'account_id'])
    .where('ref', '=', input.spendRef)
    .executeTakeFirst();
  if (!spend) throw errors.notFound('cards.txn', input.spendRef);
  const prior = await tx
    .selectFrom('card_txn')
    .select('ref')
    .where('reverses_id', '=', spend.id)
    .executeTakeFirst();
  if (prior && prior.ref !== input.ref) {
    const account = await tx
      .selectFrom('card_account')
      .select('balance')
      .where('id', '=', spend.account_id)
      .executeTakeFirstOrThrow();
    return { refunded: 0, balanceAfter: Number(account.balance) };
  }
  const posted = await refundTxn(tx, actor, spend.id, input.ref, input.memo);
  return { refunded: posted.amount, balanceAfter: posted.balanceAfter };
}

/**
 * The person holding a card in use by its number (a swipe at a kiosk or a gate reader); null for an
 * unknown card or one reported lost, replaced or returned.
 */
export async function cardHolder(ex: Executor, cardNo: string): Promise<string | null> {
  const row = await ex
    .selectFrom('card_card as c')
    .innerJoin('card_account as a', 'a.id', 'c.account_id')
    .select('a.person_id')
    .where('c.card_no', '=', cardNo)
    .where('c.status', '=', 'active')
    .executeTakeFirst();
  return row?.person_id ?? null;
}

/** One-card (一卡通): accounts, cards, the balanced ledger, statements and terminal imports. */
export const cards: GoaModule = {
  name: 'cards',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register: (app, ctx) => cardRoutes(app, ctx),
  seedDemo: (ctx, log) => seedCards(ctx, log),
};
