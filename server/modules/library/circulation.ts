import { sql } from 'kysely';
import { audit } from '../../kernel/audit/audit.ts';
import type { DataScope } from '../../kernel/access/scope.ts';
import { addBusinessDays, localDate, type BusinessCalendar } from '../../kernel/calendar/index.ts';
import type { Db, Executor, Tx } from '../../kernel/db/schema.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { errors, type Messages } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/http/access.ts';
import { notify } from '../../kernel/notify/index.ts';
import type { LibraryRules } from './config.ts';
import { daysOverdue, daysUntil, dueDate, readCode } from './rules.ts';
import type { HoldDto, LoanDto } from './schemas.ts';
import './tables.ts';

/** Circulation: borrowing, returning, renewing and holds, for readers at a kiosk and at the desk. */

const conflict = (code: string, zh: string, en: string) => errors.conflict(code, { 'zh-CN': zh, en });

export const circulationErrors = {
  unknownCode: () =>
    errors.field('code', 'library_code_unknown', {
      'zh-CN': '没有这个条码或 ISBN 的馆藏',
      en: 'No copy or title has this barcode or ISBN',
    }),
  notOnLoan: () =>
    errors.field('code', 'copy_not_on_loan', {
      'zh-CN': '该复本不在借出状态',
      en: 'This copy is not on loan',
    }),
  whichCopy: (own: boolean) =>
    errors.field(
      'code',
      'library_isbn_ambiguous',
      own
        ? {
            'zh-CN': '您借了此书的多本复本，请扫描要归还那一本的条码',
            en: 'You have several copies of this title on loan: scan the barcode of the copy you are returning',
          }
        : {
            'zh-CN': '此书有多本复本在借，请扫描要归还那一本的条码',
            en: 'Several copies of this title are on loan: scan the barcode of the copy being returned',
          },
    ),
  noReader: () =>
    errors.forbidden({
      'zh-CN': '您的账号未关联人员，不能借书',
      en: 'Your account is not linked to a person',
    }),
  inactiveReader: () =>
    conflict(
      'reader_inactive',
      '该人员已调出或退休，不能借书',
      'The person has left or retired and cannot borrow',
    ),
  loanLimit: (max: number) =>
    conflict(
      'loan_limit',
      `在借图书已达上限 ${max} 本`,
      `You already have the maximum of ${max} books on loan`,
    ),
  overdue: () =>
    conflict('loans_overdue', '有逾期未还的图书，请先归还', 'You have overdue books; return them first'),
  noCopyFree: () =>
    conflict('no_copy_available', '该书暂无可借复本，可预约', 'No copy is available; place a hold instead'),
  copyTaken: () => conflict('copy_on_loan', '该复本已借出', 'This copy is already on loan'),
  copyHeld: () =>
    conflict('copy_held', '该复本已为其他读者预留', 'This copy is set aside for another reader'),
  copyGone: () => conflict('copy_unavailable', '该复本已报失或注销', 'This copy is lost or withdrawn'),
  notYours: () => errors.forbidden({ 'zh-CN': '这不是您借的书', en: 'This is not your loan' }),
  renewLimit: () => conflict('renew_limit', '已达续借次数上限', 'The loan cannot be renewed again'),
  renewOverdue: () => conflict('renew_overdue', '已逾期的借阅不能续借', 'An overdue loan cannot be renewed'),
  renewHeld: () => conflict('renew_held', '有读者在预约此书，不能续借', 'Others are waiting for this title'),
  holdAvailable: () =>
    conflict('hold_copy_available', '该书有可借复本，请直接借阅', 'A copy is available: borrow it directly'),
  holdExists: () => conflict('hold_exists', '您已预约此书', 'You already hold this title'),
  holdOnLoan: () => conflict('hold_on_loan', '您正在借阅此书', 'You already have this title on loan'),
};

export interface Reader {
  personId: string;
}

interface Deps {
  db: Db;
  rules: LibraryRules;
  calendar: (tx?: Executor) => Promise<BusinessCalendar>;
  timeZone: string;
}

function loans(db: Executor) {
  return db
    .selectFrom('library_loan as l')
    .innerJoin('library_copy as c', 'c.id', 'l.copy_id')
    .innerJoin('library_book as b', 'b.id', 'l.book_id')
    .innerJoin('org_person as p', 'p.id', 'l.person_id')
    .innerJoin('org_unit as u', 'u.id', 'l.unit_id')
    .select([
      'l.id',
      'l.book_id',
      'b.title',
      'b.author',
      'b.isbn',
      'c.barcode',
      'l.person_id',
      'p.name as person_name',
      'u.name as unit_name',
      'l.borrowed_at',
      'l.due_date',
      'l.renewals',
      'l.returned_at',
      sql<number>`(select count(*)::int from library_hold h where h.book_id = l.book_id and h.status = 'waiting')`.as(
        'waiting',
      ),
    ]);
}
type LoanRow = Awaited<ReturnType<ReturnType<typeof loans>['execute']>>[number];

function loanDto(r: LoanRow, today: string, rules: LibraryRules): LoanDto {
  const overdueDays = r.returned_at ? 0 : daysOverdue(r.due_date, today);
  return {
    id: r.id,
    bookId: r.book_id,
    title: r.title,
    author: r.author,
    isbn: r.isbn,
    barcode: r.barcode,
    personId: r.person_id,
    personName: r.person_name,
    unitName: r.unit_name,
    borrowedAt: r.borrowed_at.toISOString(),
    dueDate: r.due_date,
    renewals: r.renewals,
    canRenew: !r.returned_at && overdueDays === 0 && r.renewals < rules.maxRenewals && r.waiting === 0,
    returnedAt: r.returned_at ? r.returned_at.toISOString() : null,
    overdueDays,
    daysLeft: daysUntil(r.due_date, today),
  };
}

async function accountsOf(tx: Executor, personId: string): Promise<string[]> {
  const rows = await tx.selectFrom('auth_account').select('id').where('person_id', '=', personId).execute();
  return rows.map((r) => r.id);
}

export class Circulation {
  constructor(private readonly d: Deps) {}

  today(): string {
    return localDate(new Date(), this.d.timeZone);
  }

  private async loanView(tx: Executor, id: string): Promise<LoanDto> {
    const row = await loans(tx).where('l.id', '=', id).executeTakeFirstOrThrow();
    return loanDto(row, this.today(), this.d.rules);
  }

  /** Lends a copy (by its barcode) or any free copy of a title (by ISBN) to a person. */
  async borrow(actor: Actor, reader: Reader, code: string): Promise<LoanDto> {
    const { rules } = this.d;
    return inTransaction(this.d.db, async (tx) => {
      const person = await tx
        .selectFrom('org_person')
        .select(['id', 'status', 'unit_id', 'jurisdiction_id'])
        .where('id', '=', reader.personId)
        .forUpdate()
        .executeTakeFirst();
      if (!person) throw errors.notFound('org.person', reader.personId);
      if (person.status !== 'active') throw circulationErrors.inactiveReader();
      const today = this.today();
      const open = await tx
        .selectFrom('library_loan')
        .select([
          sql<number>`count(*)::int`.as('n'),
          sql<number>`count(*) filter (where due_date < ${today})::int`.as('late'),
        ])
        .where('person_id', '=', person.id)
        .where('returned_at', 'is', null)
        .executeTakeFirstOrThrow();
      if (open.late > 0) throw circulationErrors.overdue();
      if (open.n >= rules.maxLoans) throw circulationErrors.loanLimit(rules.maxLoans);

      const { copyId, holdId } = await this.pickCopy(tx, person.id, code);
      const cal = await this.d.calendar(tx);
      const copy = await tx
        .updateTable('library_copy')
        .set({ status: 'on_loan' })
        .where('id', '=', copyId)
        .where('status', 'in', holdId ? ['held'] : ['available'])
        .returning(['id', 'book_id'])
        .executeTakeFirst();
      // someone else took it between our read and this write
      if (!copy) throw circulationErrors.copyTaken();
      const values = {
        copy_id: copy.id,
        book_id: copy.book_id,
        person_id: person.id,
        jurisdiction_id: person.jurisdiction_id,
        unit_id: person.unit_id,
        due_date: dueDate(cal, today, rules.loanDays),
      };
      const loan = await tx
        .insertInto('library_loan')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      if (holdId)
        await tx.updateTable('library_hold').set({ status: 'fulfilled' }).where('id', '=', holdId).execute();
      await audit(tx, actor, {
        entity: 'library.loan',
        entityId: loan.id,
        action: 'borrow',
        after: { ...values, code },
        jurisdictionId: person.jurisdiction_id,
        unitId: person.unit_id,
      });
      return this.loanView(tx, loan.id);
    });
  }

  private async pickCopy(
    tx: Tx,
    personId: string,
    code: string,
  ): Promise<{ copyId: string; holdId: string | null }> {
    const read = readCode(code);
    const ready = (bookIds: string[]) =>
      bookIds.length === 0
        ? Promise.resolve(undefined)
        : tx
            .selectFrom('library_hold')
            .select(['id', 'copy_id', 'book_id'])
            .where('person_id', '=', personId)
            .where('status', '=', 'ready')
            .where('book_id', 'in', bookIds)
            .executeTakeFirst();
    if (read.kind === 'barcode') {
      const copy = await tx
        .selectFrom('library_copy')
        .select(['id', 'book_id', 'status'])
        .where('barcode', '=', read.barcode)
        .executeTakeFirst();
      if (!copy) throw circulationErrors.unknownCode();
      if (copy.status === 'on_loan') throw circulationErrors.copyTaken();
      if (copy.status === 'lost' || copy.status === 'withdrawn') throw circulationErrors.copyGone();
      if (copy.status === 'held') {
        const mine = await ready([copy.book_id]);
        if (mine?.copy_id !== copy.id) throw circulationErrors.copyHeld();
        return { copyId: copy.id, holdId: mine.id };
      }
      return { copyId: copy.id, holdId: null };
    }
    const titles = await tx.selectFrom('library_book').select('id').where('isbn', '=', read.isbn).execute();
    if (titles.length === 0) throw circulationErrors.unknownCode();
    const mine = await ready(titles.map((t) => t.id));
    if (mine?.copy_id) return { copyId: mine.copy_id, holdId: mine.id };
    const free = await tx
      .selectFrom('library_copy')
      .select('id')
      .where(
        'book_id',
        'in',
        titles.map((t) => t.id),
      )
      .where('status', '=', 'available')
      .orderBy('barcode')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!free) throw circulationErrors.noCopyFree();
    return { copyId: free.id, holdId: null };
  }

  /**
   * Takes a copy back. A reader returns their own loans; the desk (scope given) any loan of a library
   * in its scope. The copy goes to the first reader waiting for the title, or back on the shelf.
   */
  async giveBack(actor: Actor, code: string, by: { reader: Reader } | { desk: DataScope }): Promise<LoanDto> {
    return inTransaction(this.d.db, async (tx) => {
      const loan = await this.loanToReturn(tx, code, by);
      if ('reader' in by && loan.person_id !== by.reader.personId) throw circulationErrors.notYours();
      if ('desk' in by && !by.desk.covers({ jurisdictionId: loan.jurisdiction_id, unitId: loan.unit_id }))
        throw errors.outOfScope();
      await tx
        .updateTable('library_loan')
        .set({ returned_at: new Date() })
        .where('id', '=', loan.id)
        .execute();
      const next = await this.passOn(tx, loan.copy_id, loan.book_id);
      await audit(tx, actor, {
        entity: 'library.loan',
        entityId: loan.id,
        action: 'return',
        before: { due_date: loan.due_date },
        after: { returned: true, overdue_days: daysOverdue(loan.due_date, this.today()), held_for: next },
        jurisdictionId: loan.jurisdiction_id,
        unitId: loan.unit_id,
      });
      return this.loanView(tx, loan.id);
    });
  }

  /**
   * The open loan a returned code names: the loan of the copy with that barcode, or — for an ISBN, as
   * a kiosk reader types it from the cover — the one open loan of a copy of that title (the reader's
   * own; at the desk, anyone's). Several such loans need the copy's barcode; none is 'not on loan'.
   */
  private async loanToReturn(tx: Tx, code: string, by: { reader: Reader } | { desk: DataScope }) {
    const open = () =>
      tx
        .selectFrom('library_loan as l')
        .innerJoin('library_copy as c', 'c.id', 'l.copy_id')
        .innerJoin('library_book as b', 'b.id', 'l.book_id')
        .select([
          'l.id',
          'l.person_id',
          'l.copy_id',
          'l.book_id',
          'l.due_date',
          'b.jurisdiction_id',
          'b.unit_id',
        ])
        .where('l.returned_at', 'is', null)
        .orderBy('c.barcode')
        .forUpdate();
    const byBarcode = await open().where('c.barcode', '=', code.trim()).executeTakeFirst();
    if (byBarcode) return byBarcode;
    const read = readCode(code);
    if (read.kind === 'isbn') {
      let q = open().where('b.isbn', '=', read.isbn);
      if ('reader' in by) q = q.where('l.person_id', '=', by.reader.personId);
      const found = await q.limit(2).execute();
      if (found.length > 1) throw circulationErrors.whichCopy('reader' in by);
      if (found[0]) return found[0];
    }
    // a code that names no copy and no title is said to be unknown, not 'not on loan'
    const known =
      (await tx
        .selectFrom('library_copy')
        .select('id')
        .where('barcode', '=', code.trim())
        .executeTakeFirst()) ??
      (read.kind === 'isbn'
        ? await tx.selectFrom('library_book').select('id').where('isbn', '=', read.isbn).executeTakeFirst()
        : undefined);
    throw known ? circulationErrors.notOnLoan() : circulationErrors.unknownCode();
  }

  /** Gives a free copy to the first reader waiting for the title (and tells them), or shelves it. */
  private async passOn(tx: Tx, copyId: string, bookId: string): Promise<string | null> {
    const next = await tx
      .selectFrom('library_hold as h')
      .innerJoin('library_book as b', 'b.id', 'h.book_id')
      .select(['h.id', 'h.person_id', 'b.title'])
      .where('h.book_id', '=', bookId)
      .where('h.status', '=', 'waiting')
      .orderBy('h.seq')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!next) {
      await tx.updateTable('library_copy').set({ status: 'available' }).where('id', '=', copyId).execute();
      return null;
    }
    const cal = await this.d.calendar(tx);
    const until = addBusinessDays(cal, this.today(), this.d.rules.holdDays);
    await tx.updateTable('library_copy').set({ status: 'held' }).where('id', '=', copyId).execute();
    await tx
      .updateTable('library_hold')
      .set({ status: 'ready', copy_id: copyId, ready_until: until })
      .where('id', '=', next.id)
      .execute();
    const title: Messages = {
      'zh-CN': `您预约的《${next.title}》已到馆，请于 ${until} 前借阅`,
      en: `"${next.title}", which you reserved, is waiting for you until ${until}`,
    };
    await notify(tx, await accountsOf(tx, next.person_id), {
      kind: 'library.hold_ready',
      title,
      link: '/library/mine',
    });
    return next.person_id;
  }

  async renew(actor: Actor, loanId: string, by: { reader: Reader } | { desk: DataScope }): Promise<LoanDto> {
    const { rules } = this.d;
    return inTransaction(this.d.db, async (tx) => {
      const loan = await tx
        .selectFrom('library_loan')
        .selectAll()
        .where('id', '=', loanId)
        .where('returned_at', 'is', null)
        .forUpdate()
        .executeTakeFirst();
      if (!loan) throw errors.notFound('library.loan', loanId);
      if ('reader' in by && loan.person_id !== by.reader.personId) throw circulationErrors.notYours();
      if ('desk' in by && !by.desk.covers({ jurisdictionId: loan.jurisdiction_id, unitId: loan.unit_id }))
        throw errors.outOfScope();
      const today = this.today();
      if (daysOverdue(loan.due_date, today) > 0) throw circulationErrors.renewOverdue();
      if (loan.renewals >= rules.maxRenewals) throw circulationErrors.renewLimit();
      const waiting = await tx
        .selectFrom('library_hold')
        .select('id')
        .where('book_id', '=', loan.book_id)
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      if (waiting) throw circulationErrors.renewHeld();
      const cal = await this.d.calendar(tx);
      const extended = dueDate(cal, today, rules.loanDays);
      const due = extended > loan.due_date ? extended : loan.due_date;
      await tx
        .updateTable('library_loan')
        .set({ due_date: due, renewals: loan.renewals + 1, reminded_on: null })
        .where('id', '=', loan.id)
        .execute();
      await audit(tx, actor, {
        entity: 'library.loan',
        entityId: loan.id,
        action: 'renew',
        before: { due_date: loan.due_date, renewals: loan.renewals },
        after: { due_date: due, renewals: loan.renewals + 1 },
        jurisdictionId: loan.jurisdiction_id,
        unitId: loan.unit_id,
      });
      return this.loanView(tx, loan.id);
    });
  }

  async placeHold(actor: Actor, reader: Reader, bookId: string): Promise<HoldDto> {
    return inTransaction(this.d.db, async (tx) => {
      const book = await tx
        .selectFrom('library_book')
        .select(['id', 'title'])
        .where('id', '=', bookId)
        .executeTakeFirst();
      if (!book) throw errors.notFound('library.book', bookId);
      const person = await tx
        .selectFrom('org_person')
        .select(['id', 'unit_id', 'jurisdiction_id', 'status'])
        .where('id', '=', reader.personId)
        .executeTakeFirstOrThrow();
      if (person.status !== 'active') throw circulationErrors.inactiveReader();
      const free = await tx
        .selectFrom('library_copy')
        .select('id')
        .where('book_id', '=', bookId)
        .where('status', '=', 'available')
        .executeTakeFirst();
      if (free) throw circulationErrors.holdAvailable();
      const onLoan = await tx
        .selectFrom('library_loan')
        .select('id')
        .where('book_id', '=', bookId)
        .where('person_id', '=', person.id)
        .where('returned_at', 'is', null)
        .executeTakeFirst();
      if (onLoan) throw circulationErrors.holdOnLoan();
      const live = await tx
        .selectFrom('library_hold')
        .select('id')
        .where('book_id', '=', bookId)
        .where('person_id', '=', person.id)
        .where('status', 'in', ['waiting', 'ready'])
        .executeTakeFirst();
      if (live) throw circulationErrors.holdExists();
      const values = {
        book_id: bookId,
        person_id: person.id,
        jurisdiction_id: person.jurisdiction_id,
        unit_id: person.unit_id,
      };
      const hold = await tx
        .insertInto('library_hold')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(tx, actor, {
        entity: 'library.hold',
        entityId: hold.id,
        action: 'create',
        after: { ...values, title: book.title },
        jurisdictionId: person.jurisdiction_id,
        unitId: person.unit_id,
      });
      const [view] = await this.holdsOf(tx, person.id, [hold.id]);
      return view!;
    });
  }

  async cancelHold(actor: Actor, reader: Reader, holdId: string): Promise<void> {
    await inTransaction(this.d.db, async (tx) => {
      const hold = await tx
        .selectFrom('library_hold')
        .selectAll()
        .where('id', '=', holdId)
        .forUpdate()
        .executeTakeFirst();
      if (!hold || hold.person_id !== reader.personId) throw errors.notFound('library.hold', holdId);
      if (hold.status !== 'waiting' && hold.status !== 'ready') return;
      await tx.updateTable('library_hold').set({ status: 'cancelled' }).where('id', '=', hold.id).execute();
      if (hold.copy_id) await this.passOn(tx, hold.copy_id, hold.book_id);
      await audit(tx, actor, {
        entity: 'library.hold',
        entityId: hold.id,
        action: 'cancel',
        before: { status: hold.status },
        after: { status: 'cancelled' },
        jurisdictionId: hold.jurisdiction_id,
        unitId: hold.unit_id,
      });
    });
  }

  async holdsOf(db: Executor, personId: string, ids?: string[]): Promise<HoldDto[]> {
    let q = db
      .selectFrom('library_hold as h')
      .innerJoin('library_book as b', 'b.id', 'h.book_id')
      .leftJoin('library_copy as c', 'c.id', 'h.copy_id')
      .select([
        'h.id',
        'h.book_id',
        'b.title',
        'h.status',
        'h.ready_until',
        'c.barcode',
        'h.created_at',
        sql<
          number | null
        >`case when h.status = 'waiting' then (select count(*)::int from library_hold w where w.book_id = h.book_id and w.status = 'waiting' and w.seq <= h.seq) end`.as(
          'position',
        ),
      ])
      .where('h.person_id', '=', personId);
    q = ids ? q.where('h.id', 'in', ids) : q.where('h.status', 'in', ['waiting', 'ready']);
    const rows = await q.orderBy('h.seq').execute();
    return rows.map((r) => ({
      id: r.id,
      bookId: r.book_id,
      title: r.title,
      status: r.status,
      position: r.position,
      readyUntil: r.ready_until,
      barcode: r.barcode,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /** A reader's open loans, live holds and how many books they have read before. */
  async mine(personId: string) {
    const today = this.today();
    const [open, holds, history] = await Promise.all([
      loans(this.d.db)
        .where('l.person_id', '=', personId)
        .where('l.returned_at', 'is', null)
        .orderBy('l.due_date')
        .execute(),
      this.holdsOf(this.d.db, personId),
      this.d.db
        .selectFrom('library_loan')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('person_id', '=', personId)
        .where('returned_at', 'is not', null)
        .executeTakeFirstOrThrow(),
    ]);
    return { loans: open.map((r) => loanDto(r, today, this.d.rules)), holds, history: history.n };
  }

  /** The loans of the libraries (borrowers' units) in scope, for the desk. */
  async list(
    scope: DataScope,
    query: {
      status?: 'open' | 'overdue' | 'returned' | undefined;
      q?: string | undefined;
      page: number;
      pageSize: number;
    },
  ) {
    const today = this.today();
    let base = loans(this.d.db).where(scope.where({ jurisdiction: 'l.jurisdiction_id', unit: 'l.unit_id' }));
    if (query.status === 'open') base = base.where('l.returned_at', 'is', null);
    if (query.status === 'overdue')
      base = base.where('l.returned_at', 'is', null).where('l.due_date', '<', today);
    if (query.status === 'returned') base = base.where('l.returned_at', 'is not', null);
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      base = base.where((eb) =>
        eb.or([eb('b.title', 'ilike', like), eb('p.name', 'ilike', like), eb('c.barcode', '=', query.q!)]),
      );
    }
    const [rows, total] = await Promise.all([
      base
        .orderBy('l.borrowed_at', 'desc')
        .orderBy('l.id')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute(),
      this.d.db
        .selectFrom(base.as('x'))
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => loanDto(r, today, this.d.rules)),
      total: total.n,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Daily: reminders before the due date and when overdue (1, 7, 14, 30 days late); expired holds. */
  async daily(): Promise<{ reminded: number; expired: number }> {
    const today = this.today();
    const dayShift = (n: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const remindOn = dayShift(this.d.rules.remindDays);
    return inTransaction(this.d.db, async (tx) => {
      const due = await tx
        .selectFrom('library_loan as l')
        .innerJoin('library_book as b', 'b.id', 'l.book_id')
        .innerJoin('auth_account as a', 'a.person_id', 'l.person_id')
        .select(['l.id', 'l.due_date', 'b.title', 'a.id as account_id'])
        .where('l.returned_at', 'is', null)
        .where((eb) => eb.or([eb('l.reminded_on', 'is', null), eb('l.reminded_on', '<>', today)]))
        .where((eb) =>
          eb.or([
            eb('l.due_date', '=', remindOn),
            eb(
              'l.due_date',
              'in',
              [1, 7, 14, 30].map((n) => dayShift(-n)),
            ),
          ]),
        )
        .execute();
      for (const r of due) {
        const late = daysOverdue(r.due_date, today);
        await notify(tx, [r.account_id], {
          kind: late > 0 ? 'library.overdue' : 'library.due_soon',
          title:
            late > 0
              ? {
                  'zh-CN': `《${r.title}》已逾期 ${late} 天，请尽快归还`,
                  en: `"${r.title}" is ${late} days overdue`,
                }
              : {
                  'zh-CN': `《${r.title}》将于 ${r.due_date} 到期`,
                  en: `"${r.title}" is due on ${r.due_date}`,
                },
          link: '/library/mine',
        });
      }
      const ids = [...new Set(due.map((r) => r.id))];
      if (ids.length > 0)
        await tx.updateTable('library_loan').set({ reminded_on: today }).where('id', 'in', ids).execute();
      const expired = await tx
        .updateTable('library_hold')
        .set({ status: 'expired' })
        .where('status', '=', 'ready')
        .where('ready_until', '<', today)
        .returning(['id', 'copy_id', 'book_id'])
        .execute();
      for (const h of expired) if (h.copy_id) await this.passOn(tx, h.copy_id, h.book_id);
      return { reminded: ids.length, expired: expired.length };
    });
  }
}
