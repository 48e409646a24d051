import { sql } from 'kysely';
import type { Executor } from '../../kernel/db/schema.ts';
import type { DataScope } from '../../kernel/access/scope.ts';
import type { AccountStatus, TxnKind } from './tables.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function accountQuery(db: Executor) {
  return db
    .selectFrom('card_account as a')
    .innerJoin('org_person as p', 'p.id', 'a.person_id')
    .innerJoin('org_unit as u', 'u.id', 'a.unit_id')
    .leftJoin('card_card as c', (j) =>
      j.onRef('c.account_id', '=', 'a.id').on('c.status', 'in', ['active', 'lost']),
    )
    .select([
      'a.id',
      'a.person_id',
      'p.name as person_name',
      'p.employee_no',
      'a.unit_id',
      'u.name as unit_name',
      'a.jurisdiction_id',
      'a.status',
      'a.balance',
      'c.card_no',
      'c.status as card_status',
      'a.updated_at',
    ]);
}

type AccountRow = Awaited<ReturnType<ReturnType<typeof accountQuery>['executeTakeFirstOrThrow']>>;

export const toAccount = (r: AccountRow) => ({
  id: r.id,
  personId: r.person_id,
  personName: r.person_name,
  employeeNo: r.employee_no,
  unitId: r.unit_id,
  unitName: r.unit_name,
  jurisdictionId: r.jurisdiction_id,
  status: r.status,
  balance: r.balance,
  cardNo: r.card_no,
  cardStatus: r.card_status,
  updatedAt: new Date(r.updated_at).toISOString(),
});

export async function findAccounts(
  db: Executor,
  scope: DataScope,
  q: {
    q?: string | undefined;
    status?: AccountStatus | undefined;
    unitId?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  let query = accountQuery(db).where(
    scope.where({ jurisdiction: 'a.jurisdiction_id', unit: 'a.unit_id', person: 'a.person_id' }),
  );
  if (q.status) query = query.where('a.status', '=', q.status);
  if (q.unitId) query = query.where('a.unit_id', '=', q.unitId);
  if (q.q) {
    const like = `%${q.q}%`;
    query = query.where((eb) =>
      eb.or([eb('p.name', 'like', like), eb('p.employee_no', 'like', like), eb('c.card_no', 'like', like)]),
    );
  }
  const [rows, total] = await Promise.all([
    query
      .orderBy('u.name')
      .orderBy('p.name')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toAccount), total: total.n };
}

export async function findAccount(db: Executor, id: string) {
  const row = await accountQuery(db).where('a.id', '=', id).executeTakeFirst();
  return row && toAccount(row);
}

export async function findAccountOfPerson(db: Executor, personId: string) {
  const row = await accountQuery(db).where('a.person_id', '=', personId).executeTakeFirst();
  return row && toAccount(row);
}

export async function cardsOf(db: Executor, accountId: string) {
  const rows = await db
    .selectFrom('card_card')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('issued_at', 'desc')
    .execute();
  return rows.map((c) => ({
    id: c.id,
    cardNo: c.card_no,
    status: c.status,
    issuedAt: iso(c.issued_at)!,
    endedAt: iso(c.ended_at),
  }));
}

export interface TxnItem {
  id: string;
  ref: string;
  kind: TxnKind;
  amount: number;
  memo: string | null;
  terminalId: string | null;
  occurredAt: string;
  balanceAfter: number;
  refunded: boolean;
}

/** An account's transactions between two instants, each with the balance after it (running sum of the ledger). */
export async function transactions(
  db: Executor,
  accountId: string,
  from: Date | null,
  to: Date | null,
  limit?: number,
) {
  const { rows } = await sql<{
    id: string;
    ref: string;
    kind: TxnKind;
    amount: number;
    memo: string | null;
    terminal_id: string | null;
    occurred_at: Date;
    balance_after: number;
    refunded: boolean;
  }>`
    select * from (
      select t.id, t.ref, t.kind, t.amount, t.memo, t.terminal_id, t.occurred_at,
             (sum(t.amount) over (order by t.occurred_at, t.created_at, t.id))::bigint as balance_after,
             exists (select 1 from card_txn r where r.reverses_id = t.id) as refunded
        from card_txn t
       where t.account_id = ${accountId}::uuid
         and (${to}::timestamptz is null or t.occurred_at < ${to}::timestamptz)
    ) x
    where (${from}::timestamptz is null or x.occurred_at >= ${from}::timestamptz)
    order by x.occurred_at desc, x.id desc
    ${limit ? sql`limit ${limit}` : sql``}`.execute(db);
  return rows.map((r): TxnItem => ({
    id: r.id,
    ref: r.ref,
    kind: r.kind,
    amount: r.amount,
    memo: r.memo,
    terminalId: r.terminal_id,
    occurredAt: iso(r.occurred_at)!,
    balanceAfter: r.balance_after,
    refunded: r.refunded,
  }));
}

/** Opening balance before an instant: the sum of the account's postings before it. */
export async function balanceBefore(db: Executor, accountId: string, at: Date): Promise<number> {
  const row = await db
    .selectFrom('card_txn')
    .select(sql<number>`coalesce(sum(amount), 0)::bigint`.as('n'))
    .where('account_id', '=', accountId)
    .where('occurred_at', '<', at)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Totals of the whole ledger: every book's sum (zero overall) and the card balances against the card book. */
export async function ledgerTotals(db: Executor) {
  const books = await db
    .selectFrom('card_entry')
    .select(['book', sql<number>`sum(amount)::bigint`.as('total')])
    .groupBy('book')
    .execute();
  const balances = await db
    .selectFrom('card_account')
    .select([
      sql<number>`coalesce(sum(balance), 0)::bigint`.as('total'),
      sql<number>`count(*) filter (where balance < 0)::int`.as('negative'),
    ])
    .executeTakeFirstOrThrow();
  return {
    books: Object.fromEntries(books.map((b) => [b.book, b.total])),
    cardBalances: balances.total,
    negative: balances.negative,
  };
}
