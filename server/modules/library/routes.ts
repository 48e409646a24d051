import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { user } from '../../kernel/http/access.ts';
import { pageOf } from '../../kernel/http/paging.ts';
import type { AppContext } from '../../kernel/module.ts';
import {
  addCopies,
  createBook,
  deleteBook,
  getBook,
  listBooks,
  listCopies,
  setCopyStatus,
  updateBook,
} from './catalogue.ts';
import { circulationErrors, type Circulation } from './circulation.ts';
import {
  book,
  bookCreate,
  bookPatch,
  bookQuery,
  codeBody,
  copy,
  deskLoanBody,
  hold,
  loan,
  loanQuery,
  mine,
  stats,
  statsQuery,
} from './schemas.ts';
import { libraryStats } from './stats.ts';

const id = z.object({ id: z.uuid() });
const tags = ['library'];
const MANAGE = 'library.manage';

/** The signed-in reader (their person). */
function reader(req: FastifyRequest) {
  const p = user(req);
  if (!p.personId) throw circulationErrors.noReader();
  return { personId: p.personId };
}

export function libraryRoutes(app: FastifyInstance, ctx: AppContext, circulation: Circulation): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ── the catalogue: every reader searches it; librarians keep it ────────────────────────────────
  r.get(
    '/api/library/books',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Search the catalogue by title, author or ISBN',
        querystring: bookQuery,
        response: { 200: pageOf(book) },
      },
    },
    async (req) => listBooks(ctx.db, req.query),
  );
  r.get(
    '/api/library/books/:id',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: 'One title with its availability', params: id, response: { 200: book } },
    },
    async (req) => getBook(ctx.db, req.params.id),
  );
  r.post(
    '/api/library/books',
    {
      config: { access: { permission: MANAGE, scope: { entity: 'org.unit', body: 'unitId' } } },
      schema: {
        tags,
        summary: "Add a title (and its copies' barcodes) to a unit's library",
        body: bookCreate,
        response: { 201: book },
      },
    },
    async (req, reply) => reply.status(201).send(await createBook(ctx.db, req.goa.actor, req.body)),
  );
  r.patch(
    '/api/library/books/:id',
    {
      config: { access: { permission: MANAGE, scope: { entity: 'library.book', param: 'id' } } },
      schema: {
        tags,
        summary: "Change a title's record",
        params: id,
        body: bookPatch,
        response: { 200: book },
      },
    },
    async (req) => updateBook(ctx.db, req.goa.actor, req.params.id, req.body),
  );
  r.delete(
    '/api/library/books/:id',
    {
      config: { access: { permission: MANAGE, scope: { entity: 'library.book', param: 'id' } } },
      schema: {
        tags,
        summary: 'Delete a title that was never lent',
        params: id,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteBook(ctx.db, req.goa.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/library/books/:id/copies',
    {
      config: { access: { permission: MANAGE, scope: { entity: 'library.book', param: 'id' } } },
      schema: {
        tags,
        summary: "A title's copies with their status and borrower",
        params: id,
        response: { 200: z.array(copy) },
      },
    },
    async (req) => listCopies(ctx.db, req.params.id),
  );
  r.post(
    '/api/library/books/:id/copies',
    {
      config: { access: { permission: MANAGE, scope: { entity: 'library.book', param: 'id' } } },
      schema: {
        tags,
        summary: 'Add copies by barcode',
        params: id,
        body: z.object({ barcodes: bookCreate.shape.barcodes.unwrap().min(1) }),
        response: { 200: z.array(copy) },
      },
    },
    async (req) => {
      await addCopies(ctx.db, req.goa.actor, req.params.id, req.body.barcodes);
      return listCopies(ctx.db, req.params.id);
    },
  );
  r.patch(
    '/api/library/copies/:id',
    {
      config: { access: { permission: MANAGE, scope: { entity: 'library.copy', param: 'id' } } },
      schema: {
        tags,
        summary: 'Report a copy lost, withdraw it, or put it back on the shelf',
        params: id,
        body: z.object({ status: z.enum(['available', 'lost', 'withdrawn']) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await setCopyStatus(ctx.db, req.goa.actor, req.params.id, req.body.status, req.goa.scope);
      return reply.status(204).send(null);
    },
  );

  // ── self-service: a reader borrows, returns, renews and reserves ───────────────────────────────
  r.get(
    '/api/library/mine',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: 'My loans and holds', response: { 200: mine } },
    },
    async (req) => circulation.mine(reader(req).personId),
  );
  r.post(
    '/api/library/loans',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Borrow by a copy's barcode or a title's ISBN",
        body: codeBody,
        response: { 201: loan },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await circulation.borrow(req.goa.actor, reader(req), req.body.code)),
  );
  r.post(
    '/api/library/returns',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary:
          'Return a book I borrowed (by its barcode, or its ISBN when it is my only copy of the title)',
        body: codeBody,
        response: { 200: loan },
      },
    },
    async (req) => circulation.giveBack(req.goa.actor, req.body.code, { reader: reader(req) }),
  );
  r.post(
    '/api/library/loans/:id/renew',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: 'Renew my loan', params: id, response: { 200: loan } },
    },
    async (req) => circulation.renew(req.goa.actor, req.params.id, { reader: reader(req) }),
  );
  r.post(
    '/api/library/holds',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Reserve a title with no copy free',
        body: z.object({ bookId: z.uuid() }),
        response: { 201: hold },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await circulation.placeHold(req.goa.actor, reader(req), req.body.bookId)),
  );
  r.delete(
    '/api/library/holds/:id',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: 'Cancel my hold', params: id, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await circulation.cancelHold(req.goa.actor, reader(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // ── the desk: librarians lend, take back and renew for the readers in their scope ─────────────
  r.get(
    '/api/library/desk/loans',
    {
      config: { access: { permission: MANAGE, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Loans of the readers in scope (open, overdue, returned)',
        querystring: loanQuery,
        response: { 200: pageOf(loan) },
      },
    },
    async (req) => circulation.list(req.goa.scope, req.query),
  );
  r.post(
    '/api/library/desk/loans',
    {
      config: { access: { permission: MANAGE, scope: { entity: 'org.person', body: 'personId' } } },
      schema: {
        tags,
        summary: 'Lend a book to a reader at the desk',
        body: deskLoanBody,
        response: { 201: loan },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await circulation.borrow(req.goa.actor, { personId: req.body.personId }, req.body.code)),
  );
  r.post(
    '/api/library/desk/returns',
    {
      config: { access: { permission: MANAGE, scope: 'rows' } },
      schema: {
        tags,
        summary:
          'Take a book back at the desk (by its barcode, or its ISBN when one copy of the title is on loan)',
        body: codeBody,
        response: { 200: loan },
      },
    },
    async (req) => circulation.giveBack(req.goa.actor, req.body.code, { desk: req.goa.scope }),
  );
  r.post(
    '/api/library/desk/loans/:id/renew',
    {
      config: { access: { permission: MANAGE, scope: { entity: 'library.loan', param: 'id' } } },
      schema: { tags, summary: "Renew a reader's loan at the desk", params: id, response: { 200: loan } },
    },
    async (req) => circulation.renew(req.goa.actor, req.params.id, { desk: req.goa.scope }),
  );

  r.get(
    '/api/library/stats',
    {
      config: { access: { permission: 'library.stats', scope: 'rows' } },
      schema: {
        tags,
        summary: 'Loans by month, category, title and unit over a period',
        querystring: statsQuery,
        response: { 200: stats },
      },
    },
    async (req) => {
      const today = circulation.today();
      const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4, 7)}-01`;
      return libraryStats(
        ctx.db,
        req.goa.scope,
        ctx.config.timeZone,
        { from: req.query.from ?? yearAgo, to: req.query.to ?? today },
        today,
      );
    },
  );
}
