import { sql } from 'kysely';
import { audit } from '../../kernel/audit/audit.ts';
import type { DataScope } from '../../kernel/access/scope.ts';
import type { Db, Executor, Tx } from '../../kernel/db/schema.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { errors } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/http/access.ts';
import { likePattern, parseSort } from '../../kernel/http/paging.ts';
import { isValidIsbn, normalizeIsbn } from './rules.ts';
import type { BookDto } from './schemas.ts';
import type { z } from 'zod';
import type { bookCreate, bookPatch, bookQuery } from './schemas.ts';
import './tables.ts';

/** The catalogue: titles, their copies, search. */

export const catalogueErrors = {
  badIsbn: () =>
    errors.field('isbn', 'isbn_invalid', {
      'zh-CN': 'ISBN 格式或校验位不正确',
      en: 'The ISBN is malformed or its check digit is wrong',
    }),
  isbnTaken: () =>
    errors.conflict(
      'isbn_taken',
      {
        'zh-CN': '该图书馆已有此 ISBN 的图书，请为其增加复本',
        en: 'This library already holds a title with this ISBN; add copies to it instead',
      },
      [{ field: 'isbn', code: 'isbn_taken', message: 'taken' }],
    ),
  barcodeTaken: (barcode: string) =>
    errors.conflict(
      'barcode_taken',
      {
        'zh-CN': `条码 ${barcode} 已被使用`,
        en: `The barcode ${barcode} is already in use`,
      },
      [{ field: 'barcodes', code: 'barcode_taken', message: barcode }],
    ),
  titleInUse: () =>
    errors.conflict('book_in_use', {
      'zh-CN': '该书有借阅记录，不能删除；可将复本注销',
      en: 'The title has loans on record and cannot be deleted; withdraw its copies instead',
    }),
  copyOnLoan: () =>
    errors.conflict('copy_on_loan', {
      'zh-CN': '复本借出中，归还后才能注销或报失',
      en: 'The copy is on loan; return it first',
    }),
};

type BookRow = {
  id: string;
  unit_id: string;
  unit_name: string;
  isbn: string;
  title: string;
  author: string;
  publisher: string | null;
  published_year: number | null;
  category: string;
  location: string | null;
  summary: string | null;
  copies: number;
  available: number;
  waiting: number;
};

const toDto = (r: BookRow): BookDto => ({
  id: r.id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  isbn: r.isbn,
  title: r.title,
  author: r.author,
  publisher: r.publisher,
  publishedYear: r.published_year,
  category: r.category,
  location: r.location,
  summary: r.summary,
  copies: r.copies,
  available: r.available,
  waiting: r.waiting,
});

function books(db: Executor) {
  return db
    .selectFrom('library_book as b')
    .innerJoin('org_unit as u', 'u.id', 'b.unit_id')
    .select([
      'b.id',
      'b.unit_id',
      'u.name as unit_name',
      'b.isbn',
      'b.title',
      'b.author',
      'b.publisher',
      'b.published_year',
      'b.category',
      'b.location',
      'b.summary',
      sql<number>`(select count(*)::int from library_copy c where c.book_id = b.id and c.status not in ('lost', 'withdrawn'))`.as(
        'copies',
      ),
      sql<number>`(select count(*)::int from library_copy c where c.book_id = b.id and c.status = 'available')`.as(
        'available',
      ),
      sql<number>`(select count(*)::int from library_hold h where h.book_id = b.id and h.status = 'waiting')`.as(
        'waiting',
      ),
    ]);
}

export async function getBook(db: Executor, id: string): Promise<BookDto> {
  const row = await books(db).where('b.id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('library.book', id);
  return toDto(row);
}

/** Searches the catalogue by title, author or ISBN (every reader sees every library's titles). */
export async function listBooks(db: Db, query: z.infer<typeof bookQuery>) {
  let base = books(db);
  if (query.q) {
    const isbn = normalizeIsbn(query.q);
    const like = likePattern(query.q);
    base = base.where((eb) =>
      eb.or([eb('b.title', 'ilike', like), eb('b.author', 'ilike', like), eb('b.isbn', '=', isbn)]),
    );
  }
  if (query.category) base = base.where('b.category', '=', query.category);
  if (query.unitId) base = base.where('b.unit_id', '=', query.unitId);
  if (query.availableOnly)
    base = base.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('library_copy as c')
          .select('c.id')
          .whereRef('c.book_id', '=', 'b.id')
          .where('c.status', '=', 'available'),
      ),
    );
  const sort = parseSort(
    query.sort,
    { title: 'b.title', author: 'b.author', year: 'b.published_year', added: 'b.created_at' },
    [{ column: 'b.title', direction: 'asc' }],
  );
  const [rows, total] = await Promise.all([
    sort
      .reduce((q, s) => q.orderBy(sql.ref(s.column), s.direction), base)
      .orderBy('b.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    db
      .selectFrom(base.as('x'))
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toDto), total: total.n, page: query.page, pageSize: query.pageSize };
}

export async function listCopies(db: Db, bookId: string) {
  const rows = await db
    .selectFrom('library_copy as c')
    .leftJoin('library_loan as l', (j) => j.onRef('l.copy_id', '=', 'c.id').on('l.returned_at', 'is', null))
    .leftJoin('org_person as p', 'p.id', 'l.person_id')
    .where('c.book_id', '=', bookId)
    .select(['c.id', 'c.barcode', 'c.status', 'l.due_date', 'p.name'])
    .orderBy('c.barcode')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    barcode: r.barcode,
    status: r.status,
    dueDate: r.due_date,
    borrower: r.name,
  }));
}

async function assertBarcodesFree(tx: Executor, barcodes: readonly string[]) {
  if (barcodes.length === 0) return;
  const dup = barcodes.find((b, i) => barcodes.indexOf(b) !== i);
  if (dup) throw catalogueErrors.barcodeTaken(dup);
  const taken = await tx
    .selectFrom('library_copy')
    .select('barcode')
    .where('barcode', 'in', [...barcodes])
    .executeTakeFirst();
  if (taken) throw catalogueErrors.barcodeTaken(taken.barcode);
}

export async function createBook(db: Db, actor: Actor, input: z.infer<typeof bookCreate>): Promise<BookDto> {
  const isbn = normalizeIsbn(input.isbn);
  if (!isValidIsbn(isbn)) throw catalogueErrors.badIsbn();
  return inTransaction(db, async (tx) => {
    const unit = await tx
      .selectFrom('org_unit')
      .select(['id', 'jurisdiction_id'])
      .where('id', '=', input.unitId)
      .executeTakeFirst();
    if (!unit) throw errors.notFound('org.unit', input.unitId);
    const exists = await tx
      .selectFrom('library_book')
      .select('id')
      .where('unit_id', '=', unit.id)
      .where('isbn', '=', isbn)
      .executeTakeFirst();
    if (exists) throw catalogueErrors.isbnTaken();
    await assertBarcodesFree(tx, input.barcodes);
    const values = {
      jurisdiction_id: unit.jurisdiction_id,
      unit_id: unit.id,
      isbn,
      title: input.title,
      author: input.author,
      publisher: input.publisher,
      published_year: input.publishedYear ?? null,
      category: input.category,
      location: input.location,
      summary: input.summary,
    };
    const row = await tx.insertInto('library_book').values(values).returning('id').executeTakeFirstOrThrow();
    if (input.barcodes.length > 0)
      await tx
        .insertInto('library_copy')
        .values(input.barcodes.map((barcode) => ({ book_id: row.id, barcode })))
        .execute();
    await audit(tx, actor, {
      entity: 'library.book',
      entityId: row.id,
      action: 'create',
      after: { ...values, barcodes: input.barcodes },
      jurisdictionId: unit.jurisdiction_id,
      unitId: unit.id,
    });
    return getBook(tx, row.id);
  });
}

/** A title's row, locked for the transaction; not_found when there is none. */
async function lockedBook(tx: Tx, id: string) {
  const book = await tx
    .selectFrom('library_book')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!book) throw errors.notFound('library.book', id);
  return book;
}

export async function updateBook(
  db: Db,
  actor: Actor,
  id: string,
  patch: z.infer<typeof bookPatch>,
): Promise<BookDto> {
  return inTransaction(db, async (tx) => {
    const before = await lockedBook(tx, id);
    const next = {
      title: patch.title,
      author: patch.author,
      publisher: patch.publisher,
      published_year: patch.publishedYear,
      category: patch.category,
      location: patch.location,
      summary: patch.summary,
    };
    const changes = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length > 0) {
      await tx
        .updateTable('library_book')
        .set({ ...changes, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      await audit(tx, actor, {
        entity: 'library.book',
        entityId: id,
        action: 'update',
        before: Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof typeof before]])),
        after: changes,
        jurisdictionId: before.jurisdiction_id,
        unitId: before.unit_id,
      });
    }
    return getBook(tx, id);
  });
}

export async function deleteBook(db: Db, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await lockedBook(tx, id);
    const used = await tx
      .selectFrom('library_loan')
      .select('id')
      .where('book_id', '=', id)
      .executeTakeFirst();
    if (used) throw catalogueErrors.titleInUse();
    await tx.deleteFrom('library_book').where('id', '=', id).execute();
    await audit(tx, actor, {
      entity: 'library.book',
      entityId: id,
      action: 'delete',
      before,
      jurisdictionId: before.jurisdiction_id,
      unitId: before.unit_id,
    });
  });
}

export async function addCopies(db: Db, actor: Actor, bookId: string, barcodes: readonly string[]) {
  return inTransaction(db, async (tx) => {
    const b = await tx
      .selectFrom('library_book')
      .select(['id', 'jurisdiction_id', 'unit_id'])
      .where('id', '=', bookId)
      .executeTakeFirst();
    if (!b) throw errors.notFound('library.book', bookId);
    await assertBarcodesFree(tx, barcodes);
    await tx
      .insertInto('library_copy')
      .values(barcodes.map((barcode) => ({ book_id: bookId, barcode })))
      .execute();
    await audit(tx, actor, {
      entity: 'library.copy',
      entityId: bookId,
      action: 'create',
      after: { barcodes },
      jurisdictionId: b.jurisdiction_id,
      unitId: b.unit_id,
    });
  });
}

/** Marks a copy lost or withdrawn (or available again, when it turns up). */
export async function setCopyStatus(
  db: Db,
  actor: Actor,
  copyId: string,
  status: 'available' | 'lost' | 'withdrawn',
  scope: DataScope,
) {
  await inTransaction(db, async (tx) => {
    const c = await tx
      .selectFrom('library_copy as c')
      .innerJoin('library_book as b', 'b.id', 'c.book_id')
      .select(['c.id', 'c.status', 'c.barcode', 'b.jurisdiction_id', 'b.unit_id'])
      .where('c.id', '=', copyId)
      .forUpdate()
      .executeTakeFirst();
    if (!c) throw errors.notFound('library.copy', copyId);
    if (!scope.covers({ jurisdictionId: c.jurisdiction_id, unitId: c.unit_id })) throw errors.outOfScope();
    if (c.status === 'on_loan' || c.status === 'held') throw catalogueErrors.copyOnLoan();
    await tx.updateTable('library_copy').set({ status }).where('id', '=', copyId).execute();
    await audit(tx, actor, {
      entity: 'library.copy',
      entityId: copyId,
      action: 'update',
      before: { status: c.status, barcode: c.barcode },
      after: { status },
      jurisdictionId: c.jurisdiction_id,
      unitId: c.unit_id,
    });
  });
}
