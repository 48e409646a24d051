import { sql } from 'kysely';
import type { AppContext, Log } from '../../kernel/module.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { audit } from '../../kernel/audit/index.ts';
import { SYSTEM_ACTOR } from '../../kernel/http/access.ts';

/**
 * Demo one-cards: every active person of the organs (city and districts) holds a card, topped up on
 * the 1st of this month (city staff also last month), city staff with some breakfasts swiped at the
 * canteen terminals on this month's working mornings. Set-based: the transactions are planned in a temporary table, then
 * the accounts are written with their final balance, so the ledger check runs once per account.
 */
export async function seedCards(ctx: AppContext, log: Log): Promise<void> {
  const zone = ctx.config.timeZone;
  await inTransaction(ctx.db, async (tx) => {
    await sql`
      create temp table seed_card on commit drop as
      select gen_random_uuid() as id, p.id as person_id, p.jurisdiction_id, p.unit_id, j.kind = 'city' as city
        from org_person p join org_unit u on u.id = p.unit_id join org_jurisdiction j on j.id = p.jurisdiction_id
       where p.status = 'active' and u.kind = 'organ'`.execute(tx);
    // top-ups on the 1st of this month (and of last month in the city), 300–800 yuan, in the deployment's zone
    await sql`
      create temp table seed_card_txn on commit drop as
      select gen_random_uuid() as id, 'demo-topup:' || m.k || ':' || a.id as ref, 'topup' as kind, a.id as account_id,
             (30000 + (abs(hashtext(a.id::text || m.k)) % 51) * 1000)::bigint as amount, '月度就餐补贴' as memo,
             null::text as terminal_id, null::bigint as terminal_seq,
             (date_trunc('month', (now() at time zone ${zone})) - make_interval(months => m.k) + interval '9 hours') at time zone ${zone} as occurred_at
        from seed_card a cross join (values (0), (1)) m(k)
       where m.k = 0 or a.city`.execute(tx);
    // breakfasts at the canteen terminals: this month's weekday mornings so far, about one morning in seven
    await sql`
      insert into seed_card_txn
      select gen_random_uuid(), 'terminal:' || x.terminal || ':' || x.seq, 'spend', x.account_id, -x.price, '早餐（刷卡）',
             x.terminal, x.seq, x.at
        from (
          select a.id as account_id,
                 'T-CZ-0' || (1 + abs(hashtext(a.id::text)) % 4) as terminal,
                 row_number() over () + 100000 as seq,
                 (300 + (abs(hashtext(a.id::text || d::text)) % 4) * 100)::bigint as price,
                 ((d::date + time '07:30' + make_interval(mins => abs(hashtext(d::text || a.id::text)) % 60)) at time zone ${zone}) as at
            from seed_card a
           cross join generate_series(date_trunc('month', (now() at time zone ${zone}))::date,
                                      (now() at time zone ${zone})::date - 1, interval '1 day') d
           where a.city and extract(isodow from d) < 6 and abs(hashtext(a.id::text || d::text)) % 8 = 0
        ) x`.execute(tx);
    const accounts = await sql`
      insert into card_account (id, person_id, jurisdiction_id, unit_id, balance)
      select a.id, a.person_id, a.jurisdiction_id, a.unit_id, coalesce(t.total, 0)
        from seed_card a left join (select account_id, sum(amount) as total from seed_card_txn group by account_id) t
          on t.account_id = a.id`.execute(tx);
    await sql`
      insert into card_card (account_id, card_no, issued_at)
      select a.id, '3204' || lpad(nextval('card_no_seq')::text, 10, '0'), now() - interval '400 days'
        from seed_card a order by a.unit_id, a.id`.execute(tx);
    await sql`
      insert into card_txn (id, ref, kind, account_id, amount, memo, terminal_id, terminal_seq, occurred_at)
      select id, ref, kind, account_id, amount, memo, terminal_id, terminal_seq, occurred_at from seed_card_txn`.execute(
      tx,
    );
    await sql`
      insert into card_entry (txn_id, book, account_id, amount)
      select t.id, 'card', t.account_id, t.amount from seed_card_txn t
      union all
      select t.id, case when t.kind = 'topup' then 'cash' else 'terminal' end, null, -t.amount from seed_card_txn t`.execute(
      tx,
    );
    const n = await sql<{ n: number }>`select count(*)::int as n from seed_card_txn`.execute(tx);
    const made = Number(accounts.numAffectedRows ?? 0);
    await audit(tx, SYSTEM_ACTOR, {
      entity: 'cards.account',
      action: 'seed_demo',
      after: { accounts: made, transactions: n.rows[0]?.n },
    });
    log(`seeding demo city: cards — ${made} accounts and cards, ${n.rows[0]?.n ?? 0} ledger transactions`);
  });
}
