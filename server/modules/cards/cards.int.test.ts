import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildAccount, buildJurisdiction, buildPerson, buildUnit } from '../../kernel/testing/factories.ts';
import {
  countRows,
  createTestApp,
  dbKinds,
  signIn,
  type TestApp,
  type TestClient,
} from '../../kernel/testing/harness.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { SYSTEM_ACTOR } from '../../kernel/http/access.ts';
import { spendFromCard } from './index.ts';

const TABLES = ['card_account', 'card_card', 'card_txn', 'card_entry', 'audit_log'];

describe.each(dbKinds)('one-card on %s', (kind) => {
  let t: TestApp;
  let office: TestClient;
  let unitAdmin: TestClient;
  let staff: TestClient;
  let staffPersonId: string;
  let otherUnitPersonId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.ctx.db;
    const j = await buildJurisdiction(db);
    const unit = await buildUnit(db, { jurisdictionId: j.id });
    const other = await buildUnit(db, { jurisdictionId: j.id });
    staffPersonId = (await buildPerson(db, { unitId: unit.id, name: '李娜' })).id;
    otherUnitPersonId = (await buildPerson(db, { unitId: other.id })).id;
    const client = async (grants: Parameters<typeof buildAccount>[1]) => {
      const acc = await buildAccount(db, grants);
      return signIn(t.app, acc.username, acc.password);
    };
    office = await client({ personId: null, grants: [{ role: 'bureau_admin', scope: 'city' }] });
    unitAdmin = await client({
      personId: null,
      grants: [{ role: 'unit_admin', scope: 'unit', unitId: unit.id }],
    });
    staff = await client({ personId: staffPersonId, grants: [{ role: 'staff', scope: 'self' }] });
  });
  afterAll(() => t.close());

  const issue = async (personId: string, topUp = 0) => {
    const res = await office.post('/api/cards/accounts', { personId, topUp });
    expect(res.status).toBe(201);
    return res.body as { id: string; cardNo: string; balance: number };
  };

  it('issues a card, tops it up idempotently and shows it to its holder', async () => {
    const acc = await issue(staffPersonId, 5000);
    expect(acc.cardNo).toMatch(/^3204\d{10}$/);
    expect(acc.balance).toBe(5000);
    const first = await office.post(`/api/cards/accounts/${acc.id}/topups`, {
      amount: 2000,
      ref: 'cash-001',
    });
    expect(first.status).toBe(201);
    expect(first.body.balanceAfter).toBe(7000);
    const again = await office.post(`/api/cards/accounts/${acc.id}/topups`, {
      amount: 2000,
      ref: 'cash-001',
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, replayed: true });
    const reused = await office.post(`/api/cards/accounts/${acc.id}/topups`, {
      amount: 3000,
      ref: 'cash-001',
    });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('card_ref_reused');
    const mine = await staff.get('/api/cards/mine');
    expect(mine.body.account).toMatchObject({ balance: 7000, personName: '李娜', status: 'active' });
    expect(mine.body.account.recent.map((r: { kind: string }) => r.kind)).toEqual(['topup', 'topup']);
    const twice = await office.post('/api/cards/accounts', { personId: staffPersonId });
    expect(twice.body.error.code).toBe('card_already_issued');
  });

  it('scopes accounts: a unit admin sees only its unit, staff cannot list', async () => {
    const otherAcc = await issue(otherUnitPersonId);
    const list = await unitAdmin.get('/api/cards/accounts');
    expect(list.body.items.map((a: { personId: string }) => a.personId)).toEqual([staffPersonId]);
    expect((await unitAdmin.get(`/api/cards/accounts/${otherAcc.id}`)).status).toBe(403);
    expect((await staff.get('/api/cards/accounts')).status).toBe(403);
  });

  it('refuses a spend beyond the balance or on a frozen card, writing nothing', async () => {
    const mine = (await staff.get('/api/cards/mine')).body.account;
    const before = await countRows(t.ctx, TABLES);
    const spend = (amount: number, ref: string) =>
      inTransaction(t.ctx.db, (tx) =>
        spendFromCard(tx, SYSTEM_ACTOR, { personId: staffPersonId, amount, ref, memo: '午餐' }),
      );
    await expect(spend(mine.balance + 1, 'too-much')).rejects.toMatchObject({
      code: 'card_insufficient_balance',
    });
    await office.post(`/api/cards/accounts/${mine.id}/freeze`);
    const afterFreeze = await countRows(t.ctx, TABLES);
    expect(afterFreeze.audit_log).toBe((before.audit_log ?? 0) + 1);
    await expect(spend(100, 'frozen-spend')).rejects.toMatchObject({ code: 'card_not_active' });
    expect(await countRows(t.ctx, TABLES)).toEqual(afterFreeze);
    await office.post(`/api/cards/accounts/${mine.id}/unfreeze`);
    const ok = await spend(1500, 'lunch-1');
    expect(ok.balanceAfter).toBe(mine.balance - 1500);
    const refund = await office.post(`/api/cards/txns/${ok.id}/refund`, {});
    expect(refund.status).toBe(201);
    expect(refund.body.balanceAfter).toBe(mine.balance);
    const twice = await office.post(`/api/cards/txns/${ok.id}/refund`, { ref: 'other' });
    expect(twice.body.error.code).toBe('card_already_refunded');
  });

  it('reports a loss, replaces the card with a new number and keeps the balance; return pays out', async () => {
    const acc = await issue((await buildPerson(t.ctx.db)).id, 8800);
    const lost = await office.post(`/api/cards/accounts/${acc.id}/loss`);
    expect(lost.body).toMatchObject({ status: 'lost', cardStatus: 'lost', balance: 8800 });
    const replaced = await office.post(`/api/cards/accounts/${acc.id}/replace`);
    expect(replaced.body).toMatchObject({ status: 'active', cardStatus: 'active', balance: 8800 });
    expect(replaced.body.cardNo).not.toBe(acc.cardNo);
    expect(replaced.body.cards.map((c: { status: string }) => c.status)).toEqual(['active', 'replaced']);
    const returned = await office.post(`/api/cards/accounts/${acc.id}/return`);
    expect(returned.body).toMatchObject({ status: 'closed', balance: 0, cardNo: null });
    expect(returned.body.recent[0]).toMatchObject({ kind: 'withdrawal', amount: -8800 });
    const bad = await office.post(`/api/cards/accounts/${acc.id}/freeze`);
    expect(bad.body.error.code).toBe('card_action_not_allowed');
  });

  it('lets the holder report their own card lost at once, audited; once only; not without a card', async () => {
    const personId = (await buildPerson(t.ctx.db)).id;
    const acc = await issue(personId, 3000);
    const holder = await signIn(
      t.app,
      ...(await buildAccount(t.ctx.db, { personId, grants: [{ role: 'staff', scope: 'self' }] }).then(
        (a) => [a.username, a.password] as const,
      )),
    );
    const before = await countRows(t.ctx, TABLES);
    const lost = await holder.post('/api/cards/mine/loss');
    expect(lost.status).toBe(200);
    expect(lost.body.account).toMatchObject({
      id: acc.id,
      status: 'lost',
      cardStatus: 'lost',
      balance: 3000,
    });
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', acc.id)
      .where('action', '=', 'report_loss')
      .execute();
    expect(log).toHaveLength(1);
    const after = await countRows(t.ctx, TABLES);
    expect(after).toEqual({ ...before, audit_log: (before.audit_log ?? 0) + 1 });
    // a lost card cannot be spent, and a second report changes nothing
    await expect(
      inTransaction(t.ctx.db, (tx) =>
        spendFromCard(tx, SYSTEM_ACTOR, { personId, amount: 100, ref: 'after-loss', memo: '午餐' }),
      ),
    ).rejects.toMatchObject({ code: 'card_not_active' });
    const again = await holder.post('/api/cards/mine/loss');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('card_action_not_allowed');
    expect(await countRows(t.ctx, TABLES)).toEqual(after);
    // someone without a card (the office account has no person) gets a clear not-found
    const none = await office.post('/api/cards/mine/loss');
    expect(none.status).toBe(404);
    // the card office replaces it: active again, same balance
    const replaced = await office.post(`/api/cards/accounts/${acc.id}/replace`);
    expect(replaced.body).toMatchObject({ status: 'active', balance: 3000 });
  });

  it('gives a monthly statement with opening and closing balance, and as Excel', async () => {
    const acc = (await staff.get('/api/cards/mine')).body.account;
    const month = new Date().toISOString().slice(0, 7);
    const st = await office.get(`/api/cards/accounts/${acc.id}/statement?month=${month}`);
    expect(st.status).toBe(200);
    expect(st.body.opening).toBe(0);
    expect(st.body.closing).toBe(acc.balance);
    expect(st.body.totals.topup).toBe(7000);
    const xlsx = await office.get(`/api/cards/accounts/${acc.id}/statement.xlsx?month=${month}`);
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
    const bad = await office.get(`/api/cards/accounts/${acc.id}/statement?month=2026-13`);
    expect(bad.status).toBe(400);
    // the holder downloads their own statement too; someone without a card gets a not-found
    const mine = await staff.get(`/api/cards/mine/statement.xlsx?month=${month}`);
    expect(mine.status).toBe(200);
    expect(String(mine.headers['content-type'])).toContain('spreadsheetml');
    expect(mine.raw.length).toBeGreaterThan(1000);
    expect((await office.get(`/api/cards/mine/statement.xlsx?month=${month}`)).status).toBe(404);
  });

  it('imports terminal records all-or-nothing, reporting every bad line and duplicates', async () => {
    const acc = (await staff.get('/api/cards/mine')).body.account;
    const header = '终端号,流水号,卡号,交易时间,金额(元),类型';
    const good = [
      header,
      `T-01,1,${acc.cardNo},2026-11-20 07:45,4.50,消费`,
      `T-01,2,${acc.cardNo},2026-11-20 12:01,12,消费`,
    ].join('\n');
    const before = await countRows(t.ctx, TABLES);
    const bad = await office.post('/api/cards/import', {
      csv: [
        header,
        `T-01,1,${acc.cardNo},2026-11-20 07:45,4.50,消费`,
        'T-01,x,123,yesterday,-3,吃饭',
        `T-01,1,${acc.cardNo},2026-11-20 08:00,1,消费`,
        `T-02,9,99999999,2026-11-20 08:00,1,消费`,
      ].join('\n'),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('card_import_invalid');
    const rows = bad.body.error.details.map((d: { row: number; code: string }) => `${d.row}:${d.code}`);
    expect(rows).toEqual(
      expect.arrayContaining([
        '3:terminal_seq_invalid',
        '3:card_no_invalid',
        '3:time_invalid',
        '3:amount_invalid',
        '3:kind_invalid',
        '4:terminal_duplicate_in_file',
      ]),
    );
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
    const unknownCard = await office.post('/api/cards/import', {
      csv: [header, 'T-02,9,99999999,2026-11-20 08:00,1,消费'].join('\n'),
    });
    expect(unknownCard.body.error.details).toEqual([
      expect.objectContaining({ row: 2, code: 'card_unknown' }),
    ]);
    const ok = await office.post('/api/cards/import', { csv: good });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ imported: 2, spent: 1650, refunded: 0 });
    const dup = await office.post('/api/cards/import', { csv: good });
    expect(dup.body.error.details.map((d: { code: string }) => d.code)).toEqual([
      'terminal_duplicate',
      'terminal_duplicate',
    ]);
    const over = await office.post('/api/cards/import', {
      csv: [header, `T-01,3,${acc.cardNo},2026-11-21 12:00,99999,消费`].join('\n'),
    });
    expect(over.body.error.details[0]).toMatchObject({ row: 2, code: 'card_insufficient_balance' });
  });

  it('the database refuses an unbalanced entry, a negative balance and a balance that does not match its ledger', async () => {
    const acc = (await staff.get('/api/cards/mine')).body.account;
    await expect(
      inTransaction(t.ctx.db, async (tx) => {
        const txn = await tx
          .insertInto('card_txn')
          .values({ ref: 'raw-1', kind: 'adjustment', account_id: acc.id, amount: 100 })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('card_entry')
          .values({ txn_id: txn.id, book: 'card', account_id: acc.id, amount: 100 })
          .execute();
      }),
    ).rejects.toThrow(/does not balance/);
    await expect(
      sql`update card_account set balance = -1 where id = ${acc.id}`.execute(t.ctx.db),
    ).rejects.toThrow();
    await expect(
      sql`update card_account set balance = balance + 1 where id = ${acc.id}`.execute(t.ctx.db),
    ).rejects.toThrow(/does not match/);
    await expect(sql`delete from card_entry`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('concurrent spends on one card never overdraw it and the ledger balances', async () => {
    const acc = await issue((await buildPerson(t.ctx.db)).id, 10_000);
    const personId = (
      await t.ctx.db
        .selectFrom('card_account')
        .select('person_id')
        .where('id', '=', acc.id)
        .executeTakeFirstOrThrow()
    ).person_id;
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        inTransaction(t.ctx.db, (tx) =>
          spendFromCard(tx, SYSTEM_ACTOR, { personId, amount: 300, ref: `race-${i}`, memo: '并发' }),
        ),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    expect(ok).toBe(33);
    for (const r of results)
      if (r.status === 'rejected')
        expect((r.reason as { code: string }).code).toBe('card_insufficient_balance');
    const totals = (await office.get('/api/cards/ledger')).body;
    expect(Object.values(totals.books as Record<string, number>).reduce((s, n) => s + n, 0)).toBe(0);
    expect(totals.books.card).toBe(totals.cardBalances);
    expect(totals.negative).toBe(0);
    expect((await office.get(`/api/cards/accounts/${acc.id}`)).body.balance).toBe(100);
  });
});
