import { sql } from 'kysely';
import type { AppContext, Log } from '../../kernel/module.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { audit } from '../../kernel/audit/index.ts';
import { SYSTEM_ACTOR } from '../../kernel/http/access.ts';

/**
 * Demo one-cards: every active person of the organs (city and districts) and of the bureau's own
 * institutions holds a card, topped up on the 1st of last month and of this month, with breakfasts
 * swiped at the canteen terminals on this month's working mornings. Set-based: a handful of
 * statements whatever the number of people; the ledger triggers check the result at commit.
 */
export async function seedCards(ctx: AppContext, log: Log): Promise<void> {
  const zone = ctx.config.timeZone;
  await inTransaction(ctx.db, async (tx) => {
    const accounts = await sql`
      insert into card_account (person_id, jurisdiction_id, unit_id)
      select p.id, p.jurisdiction_id, p.unit_id
        from org_person p join org_unit u on u.id = p.unit_id
       where p.status = 'active' and u.kind = 'organ'`.execute(tx);
    await sql`
      insert into card_card (account_id, card_no, issued_at)
      select a.id, '3204' || lpad(nextval('card_no_seq')::text, 10, '0'), now() - interval '400 days'
        from card_account a order by a.unit_id, a.id`.execute(tx);
    log(`seeding demo city: cards — ${Number(accounts.numAffectedRows ?? 0)} accounts and cards`);
    // top-ups on the 1st of last month and this month (300–800 yuan), in the deployment's zone
    await sql`
      insert into card_txn (ref, kind, account_id, amount, memo, occurred_at)
      select 'demo-topup:' || m.k || ':' || a.id, 'topup', a.id,
             30000 + (abs(hashtext(a.id::text || m.k)) % 51) * 1000, '月度就餐补贴',
             (date_trunc('month', (now() at time zone ${zone})) - make_interval(months => m.k) + interval '9 hours') at time zone ${zone}
        from card_account a cross join (values (0), (1)) m(k)`.execute(tx);
    // breakfasts at the canteen terminals: this month's weekday mornings so far, about half the people each day
    await sql`
      insert into card_txn (ref, kind, account_id, amount, memo, terminal_id, terminal_seq, occurred_at)
      select 'terminal:' || x.terminal || ':' || x.seq, 'spend', x.account_id, -x.price, '早餐（刷卡）', x.terminal, x.seq, x.at
        from (
          select a.id as account_id,
                 'T-CZ-0' || (1 + abs(hashtext(a.id::text)) % 4) as terminal,
                 row_number() over () + 100000 as seq,
                 (300 + (abs(hashtext(a.id::text || d::text)) % 4) * 100) as price,
                 ((d + time '07:30' + make_interval(mins => abs(hashtext(d::text || a.id::text)) % 60)) at time zone ${zone}) as at
            from card_account a
           cross join generate_series(date_trunc('month', (now() at time zone ${zone}))::date,
                                      (now() at time zone ${zone})::date - 1, interval '1 day') d
           where extract(isodow from d) < 6 and abs(hashtext(a.id::text || d::text)) % 2 = 0
        ) x`.execute(tx);
    await sql`
      insert into card_entry (txn_id, book, account_id, amount)
      select t.id, 'card', t.account_id, t.amount from card_txn t
      union all
      select t.id, case when t.kind = 'topup' then 'cash' else 'terminal' end, null, -t.amount from card_txn t`.execute(
      tx,
    );
    await sql`
      update card_account a set balance = s.total
        from (select account_id, sum(amount) as total from card_txn group by account_id) s
       where s.account_id = a.id`.execute(tx);
    const n = await sql<{ n: number }>`select count(*)::int as n from card_txn`.execute(tx);
    await audit(tx, SYSTEM_ACTOR, {
      entity: 'cards.account',
      action: 'seed_demo',
      after: { accounts: Number(accounts.numAffectedRows ?? 0), transactions: n.rows[0]?.n },
    });
    log(`seeding demo city: cards — ${n.rows[0]?.n ?? 0} ledger transactions`);
  });
}
