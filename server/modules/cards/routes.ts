import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../kernel/module.ts';
import { user } from '../../kernel/http/access.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { errors } from '../../kernel/errors.ts';
import { pageOf } from '../../kernel/http/paging.ts';
import { attachment, XLSX_TYPE } from '../../kernel/org/excel.ts';
import {
  cardsOf,
  findAccount,
  findAccountOfPerson,
  findAccounts,
  ledgerTotals,
  transactions,
} from './repository.ts';
import { cardAction, issueCard, officePosting, refundTxn } from './service.ts';
import { statement, statementWorkbook } from './statement.ts';
import { importTerminalCsv } from './import.ts';
import * as s from './schemas.ts';
import './permissions.ts';

const tags = ['cards'];
const read = { permission: 'cards.read' } as const;
const write = { permission: 'cards.write' } as const;
const one = (perm: { permission: string }) =>
  ({ ...perm, scope: { entity: 'cards.account', param: 'id' } }) as const;

export function cardRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;
  const zone = ctx.config.timeZone;

  /** the signed-in holder's account; not_found without one */
  const myAccount = async (req: FastifyRequest) => {
    const personId = user(req).personId;
    const account = personId ? await findAccountOfPerson(db, personId) : undefined;
    if (!account) throw errors.notFound('cards.account');
    return account;
  };
  const sendWorkbook = async (reply: FastifyReply, st: Awaited<ReturnType<typeof statement>>) =>
    reply
      .type(XLSX_TYPE)
      .header('content-disposition', attachment(`一卡通对账单-${st.account.personName}-${st.month}.xlsx`))
      .send(await statementWorkbook(st, zone));

  const detail = async (id: string) => {
    const account = await findAccount(db, id);
    if (!account) throw errors.notFound('cards.account', id);
    const [cards, recent] = await Promise.all([cardsOf(db, id), transactions(db, id, null, null, 20)]);
    return { ...account, cards, recent };
  };

  r.get(
    '/api/cards/mine',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: 'My card: balance, cards and recent transactions', response: { 200: s.mine } },
    },
    async (req) => {
      const personId = user(req).personId;
      const account = personId ? await findAccountOfPerson(db, personId) : undefined;
      return { account: account ? await detail(account.id) : null };
    },
  );

  r.get(
    '/api/cards/accounts',
    {
      config: { access: { ...read, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Card accounts in scope (q: name, employee no. or card no.)',
        querystring: s.accountQuery,
        response: { 200: pageOf(s.account) },
      },
    },
    async (req) => ({
      ...(await findAccounts(db, req.goa.scope, req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );

  r.get(
    '/api/cards/accounts/:id',
    {
      config: { access: one(read) },
      schema: {
        tags,
        summary: 'One account with its cards and recent transactions',
        params: s.idParams,
        response: { 200: s.accountDetail },
      },
    },
    async (req) => detail(req.params.id),
  );

  r.get(
    '/api/cards/accounts/:id/statement',
    {
      config: { access: one(read) },
      schema: {
        tags,
        summary: 'Monthly statement (月度对账单)',
        params: s.idParams,
        querystring: s.statementQuery,
        response: { 200: s.statementBody },
      },
    },
    async (req) => statement(db, req.params.id, req.query.month, zone),
  );

  r.get(
    '/api/cards/accounts/:id/statement.xlsx',
    {
      config: { access: one(read) },
      schema: {
        tags,
        summary: 'Monthly statement as .xlsx',
        params: s.idParams,
        querystring: s.statementQuery,
      },
    },
    async (req, reply) => sendWorkbook(reply, await statement(db, req.params.id, req.query.month, zone)),
  );

  r.get(
    '/api/cards/mine/statement',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'My monthly statement',
        querystring: s.statementQuery,
        response: { 200: s.statementBody },
      },
    },
    async (req) => statement(db, (await myAccount(req)).id, req.query.month, zone),
  );

  r.get(
    '/api/cards/mine/statement.xlsx',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: 'My monthly statement as .xlsx', querystring: s.statementQuery },
    },
    async (req, reply) =>
      sendWorkbook(reply, await statement(db, (await myAccount(req)).id, req.query.month, zone)),
  );

  r.post(
    '/api/cards/mine/loss',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary:
          'Report my own card lost (挂失): it cannot be spent until the card office replaces or unfreezes it',
        response: { 200: s.mine },
      },
    },
    async (req) => {
      const account = await myAccount(req);
      await cardAction(db, req.goa.actor, account.id, 'loss');
      return { account: await detail(account.id) };
    },
  );

  r.post(
    '/api/cards/accounts',
    {
      config: { access: { ...write, scope: { entity: 'org.person', body: 'personId' } } },
      schema: {
        tags,
        summary: 'Issue a card to a person (opens or reopens their account)',
        body: s.issueBody,
        response: { 201: s.accountDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await detail(await issueCard(db, req.goa.actor, req.body))),
  );

  r.post(
    '/api/cards/accounts/:id/:action',
    {
      config: { access: one(write) },
      schema: {
        tags,
        summary: 'Report loss, replace, freeze, unfreeze or return (the return pays out the balance)',
        params: s.actionParams,
        response: { 200: s.accountDetail },
      },
    },
    async (req) => {
      await cardAction(db, req.goa.actor, req.params.id, req.params.action);
      return detail(req.params.id);
    },
  );

  r.post(
    '/api/cards/accounts/:id/topups',
    {
      config: { access: one(write) },
      schema: {
        tags,
        summary: 'Top up (充值), idempotent by ref',
        params: s.idParams,
        body: s.topUpBody,
        response: { 200: s.posted, 201: s.posted },
      },
    },
    async (req, reply) => {
      const t = await officePosting(db, req.goa.actor, req.params.id, { kind: 'topup', ...req.body });
      return reply.status(t.replayed ? 200 : 201).send(t);
    },
  );

  r.post(
    '/api/cards/accounts/:id/adjustments',
    {
      config: { access: one(write) },
      schema: {
        tags,
        summary: 'Adjust the balance (调账) with a reason, idempotent by ref',
        params: s.idParams,
        body: s.adjustBody,
        response: { 200: s.posted, 201: s.posted },
      },
    },
    async (req, reply) => {
      const t = await officePosting(db, req.goa.actor, req.params.id, { kind: 'adjustment', ...req.body });
      return reply.status(t.replayed ? 200 : 201).send(t);
    },
  );

  r.post(
    '/api/cards/txns/:id/refund',
    {
      config: { access: { ...write, scope: { entity: 'cards.txn', param: 'id' } } },
      schema: {
        tags,
        summary: 'Refund a spend in full (once)',
        params: s.idParams,
        body: s.refundBody,
        response: { 200: s.posted, 201: s.posted },
      },
    },
    async (req, reply) => {
      const t = await inTransaction(db, (tx) =>
        refundTxn(tx, req.goa.actor, req.params.id, req.body.ref, req.body.memo),
      );
      return reply.status(t.replayed ? 200 : 201).send(t);
    },
  );

  r.post(
    '/api/cards/import',
    {
      config: { access: { permission: 'cards.import', scope: 'global' } },
      schema: {
        tags,
        summary:
          'Import terminal transactions (CSV: 终端号,流水号,卡号,交易时间,金额(元),类型): all lines or none',
        body: s.importBody,
        response: { 201: s.importResult },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await importTerminalCsv(db, req.goa.actor, req.body.csv, zone)),
  );

  r.get(
    '/api/cards/ledger',
    {
      config: { access: { permission: 'cards.import', scope: 'global' } },
      schema: {
        tags,
        summary: 'Ledger totals: each book (they sum to zero) and the card balances',
        response: { 200: s.ledgerTotals },
      },
    },
    async () => ledgerTotals(db),
  );
}
