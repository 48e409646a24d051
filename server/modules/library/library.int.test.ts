import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildPerson, buildUnit } from '../../kernel/testing/factories.ts';
import {
  countRows,
  createTestApp,
  dbKinds,
  signIn,
  type TestApp,
  type TestClient,
} from '../../kernel/testing/harness.ts';
import { addDays } from '../../kernel/calendar/businessDays.ts';
import { localDate } from '../../kernel/calendar/index.ts';
import { enqueue, JobRunner } from '../../kernel/jobs/index.ts';
import { isbn13 } from './rules.ts';

const TABLES = ['library_book', 'library_copy', 'library_loan', 'library_hold', 'audit_log'];

describe.each(dbKinds)('library on %s', (kind) => {
  let t: TestApp;
  let librarian: TestClient;
  let outsider: TestClient;
  let reader1: TestClient;
  let reader2: TestClient;
  let reader2Account: string;
  let libraryUnit: { id: string; jurisdiction_id: string };
  let otherUnit: { id: string };
  let strangerPerson: string;
  const isbn = isbn13('978730012345');

  beforeAll(async () => {
    t = await createTestApp(kind, { GOA_LIBRARY_MAX_LOANS: '2' });
    libraryUnit = await buildUnit(t.ctx.db);
    otherUnit = await buildUnit(t.ctx.db);
    strangerPerson = (await buildPerson(t.ctx.db, { unitId: otherUnit.id })).id;
    const lib = await buildAccount(t.ctx.db, {
      grants: [{ role: 'unit_admin', scope: 'unit', unitId: libraryUnit.id }],
    });
    const out = await buildAccount(t.ctx.db, {
      grants: [{ role: 'unit_admin', scope: 'unit', unitId: otherUnit.id }],
    });
    const p1 = await buildPerson(t.ctx.db, { unitId: libraryUnit.id, name: '读者甲' });
    const p2 = await buildPerson(t.ctx.db, { unitId: libraryUnit.id, name: '读者乙' });
    const r1 = await buildAccount(t.ctx.db, { personId: p1.id, grants: [{ role: 'staff', scope: 'self' }] });
    const r2 = await buildAccount(t.ctx.db, { personId: p2.id, grants: [{ role: 'staff', scope: 'self' }] });
    reader2Account = r2.id;
    [librarian, outsider, reader1, reader2] = await Promise.all([
      signIn(t.app, lib.username, lib.password),
      signIn(t.app, out.username, out.password),
      signIn(t.app, r1.username, r1.password),
      signIn(t.app, r2.username, r2.password),
    ]);
  });
  afterAll(() => t.close());

  const newBook = (over: Record<string, unknown> = {}) => ({
    unitId: libraryUnit.id,
    isbn,
    title: '机关事务管理概论',
    author: '王伟',
    category: 'D',
    barcodes: ['T-0001', 'T-0002'],
    ...over,
  });

  it('refuses bad catalogue input and out-of-scope units, writing nothing', async () => {
    const before = await countRows(t.ctx, TABLES);
    const badIsbn = await librarian.post('/api/library/books', newBook({ isbn: '9787300123450' }));
    expect(badIsbn.status).toBe(400);
    expect(badIsbn.body.error).toMatchObject({ code: 'isbn_invalid', details: [{ field: 'isbn' }] });
    expect((await librarian.post('/api/library/books', newBook({ category: 'DD' }))).status).toBe(400);
    expect((await librarian.post('/api/library/books', newBook({ barcodes: ['T-1', 'T-1'] }))).status).toBe(
      400,
    );
    expect((await outsider.post('/api/library/books', newBook())).status).toBe(403);
    expect((await reader1.post('/api/library/books', newBook())).status).toBe(403);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });

  let bookId = '';
  it('catalogues a title with copies, finds it by title, author and hyphenated ISBN', async () => {
    const created = await librarian.post('/api/library/books', newBook());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ isbn, copies: 2, available: 2, waiting: 0 });
    bookId = created.body.id;
    const dup = await librarian.post('/api/library/books', newBook({ barcodes: ['T-0003'] }));
    expect(dup.status).toBe(409);
    const taken = await librarian.post(
      '/api/library/books',
      newBook({ isbn: isbn13('978730099999'), barcodes: ['T-0001'] }),
    );
    expect(taken.body.error.code).toBe('barcode_taken');
    for (const q of ['事务管理', '王伟', `${isbn.slice(0, 3)}-${isbn.slice(3, 4)}-${isbn.slice(4)}`]) {
      const found = await reader1.get(`/api/library/books?q=${encodeURIComponent(q)}`);
      expect(
        found.body.items.map((b: { id: string }) => b.id),
        q,
      ).toEqual([bookId]);
    }
  });

  it('lends by ISBN and barcode, holds the title when no copy is free, and passes the returned copy on', async () => {
    const first = await reader1.post('/api/library/loans', { code: isbn });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ barcode: 'T-0001', renewals: 0, overdueDays: 0, canRenew: true });
    expect(new Date(`${first.body.dueDate}T12:00:00Z`).getUTCDay()).not.toBe(0);
    const second = await reader1.post('/api/library/loans', { code: 'T-0002' });
    expect(second.status).toBe(201);
    const none = await reader2.post('/api/library/loans', { code: isbn });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('no_copy_available');
    expect((await reader2.post('/api/library/loans', { code: 'T-0002' })).body.error.code).toBe(
      'copy_on_loan',
    );
    expect((await reader2.post('/api/library/loans', { code: 'NOPE-1' })).body.error).toMatchObject({
      code: 'library_code_unknown',
      details: [{ field: 'code' }],
    });
    // a short mistyped code is looked up too (it was refused as a bare 'invalid request')
    for (const path of ['/api/library/loans', '/api/library/returns']) {
      expect((await reader2.post(path, { code: 'XYZ' })).body.error).toMatchObject({
        code: 'library_code_unknown',
        message: '没有这个条码或 ISBN 的馆藏',
        details: [{ field: 'code' }],
      });
    }

    const hold = await reader2.post('/api/library/holds', { bookId });
    expect(hold.status).toBe(201);
    expect(hold.body).toMatchObject({ status: 'waiting', position: 1 });
    expect((await reader2.post('/api/library/holds', { bookId })).body.error.code).toBe('hold_exists');
    expect((await reader1.post(`/api/library/loans/${first.body.id}/renew`)).body.error.code).toBe(
      'renew_held',
    );
    expect((await reader2.post('/api/library/returns', { code: 'T-0001' })).status).toBe(403);

    const back = await reader1.post('/api/library/returns', { code: 'T-0001' });
    expect(back.status).toBe(200);
    expect(back.body.returnedAt).not.toBeNull();
    const ready = await reader2.get('/api/library/mine');
    expect(ready.body.holds).toMatchObject([{ status: 'ready', barcode: 'T-0001' }]);
    const told = await t.ctx.db
      .selectFrom('notification')
      .select('kind')
      .where('account_id', '=', reader2Account)
      .execute();
    expect(told.map((n) => n.kind)).toContain('library.hold_ready');
    // the held copy is not for anyone else; its reader gets it by ISBN
    expect((await reader1.post('/api/library/loans', { code: 'T-0001' })).body.error.code).toBe('copy_held');
    const got = await reader2.post('/api/library/loans', { code: isbn });
    expect(got.status).toBe(201);
    expect(got.body.barcode).toBe('T-0001');
    expect((await reader2.get('/api/library/mine')).body.holds).toEqual([]);
  });

  it('renews once, then refuses; refuses borrowing while a loan is overdue or over the limit', async () => {
    const mine = await reader1.get('/api/library/mine');
    const loan = mine.body.loans[0];
    const renewed = await reader1.post(`/api/library/loans/${loan.id}/renew`);
    expect(renewed.status).toBe(200);
    expect(renewed.body.renewals).toBe(1);
    expect(renewed.body.dueDate >= loan.dueDate).toBe(true);
    expect((await reader1.post(`/api/library/loans/${loan.id}/renew`)).body.error.code).toBe('renew_limit');

    const extra = await librarian.post(
      '/api/library/books',
      newBook({ isbn: isbn13('978730011111'), title: '公共管理学', barcodes: ['X-0001', 'X-0002'] }),
    );
    expect((await reader1.post('/api/library/loans', { code: 'X-0001' })).status).toBe(201);
    const before = await countRows(t.ctx, TABLES);
    const limit = await reader1.post('/api/library/loans', { code: 'X-0002' });
    expect(limit.status).toBe(409);
    expect(limit.body.error.code).toBe('loan_limit');
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
    expect(extra.body.available).toBe(2);

    await t.ctx.db
      .updateTable('library_loan')
      .set({ due_date: '2026-01-05' })
      .where('id', '=', loan.id)
      .execute();
    expect((await reader2.post('/api/library/loans', { code: 'X-0002' })).status).toBe(201);
    await reader1.post('/api/library/returns', { code: 'X-0001' });
    const late = await reader1.post('/api/library/loans', { code: 'X-0001' });
    expect(late.body.error.code).toBe('loans_overdue');
    expect(
      (await reader1.get('/api/library/mine')).body.loans.find((l: { id: string }) => l.id === loan.id),
    ).toMatchObject({
      canRenew: false,
    });
  });

  it('lets the desk lend and take back within its scope only', async () => {
    const before = await countRows(t.ctx, TABLES);
    expect(
      (await librarian.post('/api/library/desk/loans', { code: 'X-0001', personId: strangerPerson })).status,
    ).toBe(403);
    expect((await outsider.post('/api/library/desk/returns', { code: 'X-0002' })).status).toBe(403);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
    const overdue = await librarian.get('/api/library/desk/loans?status=overdue');
    expect(overdue.body.items.length).toBe(1);
    expect(overdue.body.items[0].overdueDays).toBeGreaterThan(0);
    const back = await librarian.post('/api/library/desk/returns', { code: overdue.body.items[0].barcode });
    expect(back.status).toBe(200);
    expect((await outsider.get('/api/library/desk/loans')).body.total).toBe(0);
  });

  it('counts loans by month, category, title and unit', async () => {
    const stats = await librarian.get('/api/library/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.loansTotal).toBe(5);
    expect(stats.body.byCategory.find((c: { category: string }) => c.category === 'D').loans).toBe(5);
    expect(stats.body.top[0]).toMatchObject({ bookId });
    expect((await reader1.get('/api/library/stats')).status).toBe(403);
  });

  it('reminds readers two days before the due date and when late, once a day', async () => {
    const today = localDate(new Date(), 'Asia/Shanghai');
    const open = await t.ctx.db
      .selectFrom('library_loan')
      .select(['id', 'person_id'])
      .where('returned_at', 'is', null)
      .execute();
    expect(open.length).toBeGreaterThanOrEqual(2);
    await t.ctx.db
      .updateTable('library_loan')
      .set({ due_date: addDays(today, 2) })
      .where('id', '=', open[0]!.id)
      .execute();
    await t.ctx.db
      .updateTable('library_loan')
      .set({ due_date: addDays(today, -7) })
      .where('id', '=', open[1]!.id)
      .execute();
    const runner = new JobRunner(t.ctx.db, { pollMs: 50, timeZone: 'Asia/Shanghai' });
    const kinds = async () =>
      (
        await t.ctx.db
          .selectFrom('notification as n')
          .innerJoin('auth_account as a', 'a.id', 'n.account_id')
          .where('a.person_id', 'in', [open[0]!.person_id, open[1]!.person_id])
          .where('n.kind', 'in', ['library.due_soon', 'library.overdue'])
          .select('n.kind')
          .execute()
      ).map((n) => n.kind);
    await enqueue(t.ctx.db, 'library.daily');
    await runner.drain();
    expect((await kinds()).sort()).toEqual(['library.due_soon', 'library.overdue']);
    await enqueue(t.ctx.db, 'library.daily');
    await runner.drain();
    expect((await kinds()).length).toBe(2);
  });

  it('returns by ISBN when the reader has one copy of the title, asks for the barcode when several', async () => {
    const title = isbn13('978730022222');
    const made = await librarian.post(
      '/api/library/books',
      newBook({ isbn: title, title: '政府采购实务', barcodes: ['R-0001', 'R-0002', 'R-0003'] }),
    );
    expect(made.status).toBe(201);
    const readers = await Promise.all(
      ['读者丙', '读者丁'].map(async (name) => {
        const p = await buildPerson(t.ctx.db, { unitId: libraryUnit.id, name });
        const a = await buildAccount(t.ctx.db, {
          personId: p.id,
          grants: [{ role: 'staff', scope: 'self' }],
        });
        return signIn(t.app, a.username, a.password);
      }),
    );
    const [two, one] = readers as [TestClient, TestClient];
    const hyphened = `${title.slice(0, 3)}-${title.slice(3, 4)}-${title.slice(4)}`;
    // nobody has it yet: the title is known, so 'not on loan'
    expect((await two.post('/api/library/returns', { code: title })).body.error).toMatchObject({
      code: 'copy_not_on_loan',
      details: [{ field: 'code' }],
    });
    expect((await two.post('/api/library/loans', { code: 'R-0001' })).status).toBe(201);
    expect((await two.post('/api/library/loans', { code: 'R-0002' })).status).toBe(201);
    expect((await one.post('/api/library/loans', { code: title })).body.barcode).toBe('R-0003');

    // two copies on loan to the same reader: which one? nothing written, on either path
    const before = await countRows(t.ctx, TABLES);
    for (const code of [title, hyphened]) {
      const which = await two.post('/api/library/returns', { code });
      expect(which.status).toBe(400);
      expect(which.body.error).toMatchObject({
        code: 'library_isbn_ambiguous',
        message: '您借了此书的多本复本，请扫描要归还那一本的条码',
        details: [{ field: 'code' }],
      });
    }
    const desk = await librarian.post('/api/library/desk/returns', { code: title });
    expect(desk.body.error).toMatchObject({ code: 'library_isbn_ambiguous', details: [{ field: 'code' }] });
    const en = await two.request({
      method: 'POST',
      url: '/api/library/returns',
      payload: { code: title },
      headers: { 'accept-language': 'en' },
    });
    expect(en.body.error.message).toMatch(/scan the barcode/);
    // a reader with none of the title on loan is told so, even though others have it
    expect((await reader2.post('/api/library/returns', { code: title })).body.error.code).toBe(
      'copy_not_on_loan',
    );
    expect(await countRows(t.ctx, TABLES)).toEqual(before);

    // one copy each: the ISBN names it (the other reader's copies are not touched)
    const back = await one.post('/api/library/returns', { code: hyphened });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ barcode: 'R-0003' });
    expect(back.body.returnedAt).not.toBeNull();
    expect((await two.post('/api/library/returns', { code: 'R-0001' })).status).toBe(200);
    const last = await two.post('/api/library/returns', { code: title });
    expect(last.status).toBe(200);
    expect(last.body.barcode).toBe('R-0002');
    expect((await two.get('/api/library/mine')).body.loans).toEqual([]);
    expect((await two.post('/api/library/returns', { code: title })).body.error.code).toBe(
      'copy_not_on_loan',
    );
  });
});
