import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/http/access.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { errors } from '../../kernel/errors.ts';
import { audit } from '../../kernel/audit/index.ts';
import { post, type PostedTxn } from './ledger.ts';
import type { AccountStatus } from './tables.ts';

/** Card lifecycle (发卡、挂失、补卡、冻结、解冻、退卡) and the office's postings (充值、调账、退款). */

async function lockAccount(tx: Tx, id: string) {
  const row = await tx
    .selectFrom('card_account')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw errors.notFound('cards.account', id);
  return row;
}

async function cardInUse(tx: Tx, accountId: string) {
  return tx
    .selectFrom('card_card')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('status', 'in', ['active', 'lost'])
    .forUpdate()
    .executeTakeFirst();
}

async function newCard(tx: Tx, accountId: string) {
  return tx
    .insertInto('card_card')
    .values({
      account_id: accountId,
      card_no: sql<string>`'3204' || lpad(nextval('card_no_seq')::text, 10, '0')`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

const refOf = (given: string | undefined, prefix: string) => given ?? `${prefix}:${crypto.randomUUID()}`;

/** Issues a card to a person: opens their account (or reopens a closed one) and a new card number. */
export async function issueCard(db: Db, actor: Actor, input: { personId: string; topUp?: number }) {
  return inTransaction(db, async (tx) => {
    const person = await tx
      .selectFrom('org_person')
      .select(['id', 'unit_id', 'jurisdiction_id', 'status'])
      .where('id', '=', input.personId)
      .executeTakeFirst();
    if (!person) throw errors.notFound('org.person', input.personId);
    if (person.status !== 'active') {
      throw errors.field('personId', 'card_person_inactive', {
        'zh-CN': '该人员已调离或退休，不能发卡',
        en: 'This person has left or retired; no card can be issued',
      });
    }
    let account = await tx
      .selectFrom('card_account')
      .selectAll()
      .where('person_id', '=', person.id)
      .forUpdate()
      .executeTakeFirst();
    if (account && (await cardInUse(tx, account.id))) {
      throw errors.conflict('card_already_issued', {
        'zh-CN': '该人员已有在用的一卡通，请办理补卡',
        en: 'This person already holds a card; replace it instead',
      });
    }
    if (!account) {
      account = await tx
        .insertInto('card_account')
        .values({ person_id: person.id, unit_id: person.unit_id, jurisdiction_id: person.jurisdiction_id })
        .returningAll()
        .executeTakeFirstOrThrow();
    } else {
      account = await tx
        .updateTable('card_account')
        .set({
          status: 'active',
          unit_id: person.unit_id,
          jurisdiction_id: person.jurisdiction_id,
          updated_at: sql`now()`,
        })
        .where('id', '=', account.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    const card = await newCard(tx, account.id);
    await audit(tx, actor, {
      entity: 'cards.card',
      entityId: card.id,
      action: 'issue',
      after: { accountId: account.id, cardNo: card.card_no, personId: person.id },
      jurisdictionId: account.jurisdiction_id,
      unitId: account.unit_id,
    });
    if (input.topUp) {
      await post(tx, actor, {
        ref: refOf(undefined, 'topup'),
        kind: 'topup',
        accountId: account.id,
        amount: input.topUp,
        counterBook: 'cash',
        memo: '开卡充值',
      });
    }
    return account.id;
  });
}

type CardAction = 'loss' | 'replace' | 'freeze' | 'unfreeze' | 'return';

/** which account statuses allow each step, and the audit action it writes */
const ACTION_RULES: Record<CardAction, { from: readonly AccountStatus[]; zh: string; audit: string }> = {
  loss: { from: ['active', 'frozen'], zh: '挂失', audit: 'report_loss' },
  replace: { from: ['active', 'lost', 'frozen'], zh: '补卡', audit: 'replace_card' },
  freeze: { from: ['active'], zh: '冻结', audit: 'freeze' },
  unfreeze: { from: ['frozen'], zh: '解冻', audit: 'unfreeze' },
  return: { from: ['active', 'frozen', 'lost'], zh: '退卡', audit: 'return_card' },
};

/** One lifecycle step on an account and its card; the return pays out the balance (withdrawal). */
export async function cardAction(db: Db, actor: Actor, accountId: string, action: CardAction) {
  return inTransaction(db, async (tx) => {
    const account = await lockAccount(tx, accountId);
    const rule = ACTION_RULES[action];
    if (!rule.from.includes(account.status)) {
      throw errors.conflict(
        'card_action_not_allowed',
        {
          'zh-CN': `当前状态下不能${rule.zh}`,
          en: `A card account that is ${account.status} cannot be given '${action}'`,
        },
        [{ status: account.status, action }],
      );
    }
    const card = await cardInUse(tx, accountId);
    if (!card && action !== 'freeze' && action !== 'unfreeze') {
      throw errors.conflict('card_none_in_use', {
        'zh-CN': '该账户没有在用的卡',
        en: 'This account has no card in use',
      });
    }
    let status: AccountStatus = account.status;
    let newCardNo: string | null = null;
    if (action === 'loss' && card) {
      await tx.updateTable('card_card').set({ status: 'lost' }).where('id', '=', card.id).execute();
      status = 'lost';
    } else if (action === 'replace' && card) {
      await tx
        .updateTable('card_card')
        .set({ status: 'replaced', ended_at: sql`now()` })
        .where('id', '=', card.id)
        .execute();
      newCardNo = (await newCard(tx, accountId)).card_no;
      if (status === 'lost') status = 'active';
    } else if (action === 'freeze') {
      status = 'frozen';
    } else if (action === 'unfreeze') {
      status = card?.status === 'lost' ? 'lost' : 'active';
    } else if (action === 'return' && card) {
      if (account.balance > 0) {
        await post(tx, actor, {
          ref: `withdrawal:${card.id}`,
          kind: 'withdrawal',
          accountId,
          amount: -account.balance,
          counterBook: 'cash',
          memo: '退卡退款',
          allow: ['active', 'frozen', 'lost'],
        });
      }
      await tx
        .updateTable('card_card')
        .set({ status: 'returned', ended_at: sql`now()` })
        .where('id', '=', card.id)
        .execute();
      status = 'closed';
    }
    await tx
      .updateTable('card_account')
      .set({ status, updated_at: sql`now()` })
      .where('id', '=', accountId)
      .execute();
    await audit(tx, actor, {
      entity: 'cards.account',
      entityId: accountId,
      action: rule.audit,
      before: { status: account.status, cardNo: card?.card_no ?? null },
      after: { status, cardNo: newCardNo ?? card?.card_no ?? null },
      jurisdictionId: account.jurisdiction_id,
      unitId: account.unit_id,
    });
  });
}

/** Top-up (充值) or adjustment (调账) by the card office, idempotent by `ref`. */
export async function officePosting(
  db: Db,
  actor: Actor,
  accountId: string,
  input: { kind: 'topup' | 'adjustment'; amount: number; ref?: string; memo?: string | null },
): Promise<PostedTxn> {
  if (input.kind === 'topup' && input.amount <= 0) {
    throw errors.field('amount', 'card_topup_positive', {
      'zh-CN': '充值金额必须大于零',
      en: 'A top-up must be positive',
    });
  }
  if (input.kind === 'adjustment' && !input.memo?.trim()) {
    throw errors.field('memo', 'card_adjustment_reason', {
      'zh-CN': '调账必须填写原因',
      en: 'An adjustment needs a reason',
    });
  }
  return inTransaction(db, (tx) =>
    post(tx, actor, {
      ref: refOf(input.ref, input.kind),
      kind: input.kind,
      accountId,
      amount: input.amount,
      counterBook: input.kind === 'topup' ? 'cash' : 'adjustment',
      memo: input.memo ?? null,
      allow: input.amount < 0 ? ['active', 'frozen', 'lost'] : undefined,
    }),
  );
}

/** Refunds one spend in full (退款); a spend is refunded at most once (unique index). */
export async function refundTxn(tx: Tx, actor: Actor, txnId: string, ref?: string, memo?: string | null) {
  const spend = await tx.selectFrom('card_txn').selectAll().where('id', '=', txnId).executeTakeFirst();
  if (!spend) throw errors.notFound('cards.txn', txnId);
  if (spend.kind !== 'spend') {
    throw errors.conflict('card_refund_not_spend', {
      'zh-CN': '只能对消费交易退款',
      en: 'Only a spend can be refunded',
    });
  }
  const prior = await tx
    .selectFrom('card_txn')
    .selectAll()
    .where('reverses_id', '=', spend.id)
    .executeTakeFirst();
  if (prior && prior.ref !== ref) {
    throw errors.conflict('card_already_refunded', {
      'zh-CN': '该笔消费已退款',
      en: 'This spend was already refunded',
    });
  }
  const book = await tx
    .selectFrom('card_entry')
    .select('book')
    .where('txn_id', '=', spend.id)
    .where('book', '<>', 'card')
    .executeTakeFirstOrThrow();
  return post(tx, actor, {
    ref: ref ?? `refund:${spend.id}`,
    kind: 'refund',
    accountId: spend.account_id,
    amount: -spend.amount,
    counterBook: book.book as 'canteen' | 'terminal',
    memo: memo ?? spend.memo,
    reversesId: spend.id,
  });
}

/** The account of a person, if they hold one. */
export async function accountOfPerson(db: Executor, personId: string) {
  return db.selectFrom('card_account').selectAll().where('person_id', '=', personId).executeTakeFirst();
}
