import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../module.ts';
import { user } from '../http/access.ts';
import { pageOf } from '../http/paging.ts';
import { ADMIN } from './permissions.ts';
import { allMatterTypes } from './registry.ts';
import * as s from './schemas.ts';
import { createMatter, decideMatter, submitMatter, updateMatter, withdrawMatter } from './service.ts';
import { getDetail, listAll, listInbox, listMine } from './views.ts';

/**
 * The approvals API. Requesters and approvers act on their own matters and tasks (`authenticated`;
 * the service checks who may do what); `approvals.admin` reads every matter in its scope.
 */
export function approvalRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['approvals'];
  const detail = { 200: s.matterDetail };

  r.get(
    '/api/approvals/types',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: 'The registered matter types', response: { 200: z.array(s.typeView) } },
    },
    async (req) => allMatterTypes().map((t) => ({ type: t.type, label: t.label[req.goa.locale] })),
  );

  r.post(
    '/api/approvals/matters',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Raise a matter as a draft, or submit it at once with `submit: true`',
        body: s.createBody,
        response: { 201: s.matterDetail },
      },
    },
    async (req, reply) => {
      const p = user(req);
      const id = await createMatter(ctx.db, p, req.body, req.goa.actor);
      return reply.status(201).send(await getDetail(ctx.db, p, id, req.goa.locale));
    },
  );

  r.get(
    '/api/approvals/matters/:id',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary:
          'A matter with its steps, tasks, attachments and history (requester, approvers, admins in scope)',
        params: s.idParams,
        response: detail,
      },
    },
    async (req) => getDetail(ctx.db, user(req), req.params.id, req.goa.locale),
  );

  r.patch(
    '/api/approvals/matters/:id',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Edit a draft or returned matter (requester only)',
        params: s.idParams,
        body: s.patchBody,
        response: detail,
      },
    },
    async (req) => {
      const p = user(req);
      await updateMatter(ctx.db, p, req.params.id, req.body, req.goa.actor);
      return getDetail(ctx.db, p, req.params.id, req.goa.locale);
    },
  );

  r.post(
    '/api/approvals/matters/:id/submit',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Submit a draft, or resubmit a returned matter from the first step',
        params: s.idParams,
        response: detail,
      },
    },
    async (req) => {
      const p = user(req);
      await submitMatter(ctx.db, p, req.params.id, req.goa.actor);
      return getDetail(ctx.db, p, req.params.id, req.goa.locale);
    },
  );

  r.post(
    '/api/approvals/matters/:id/withdraw',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Withdraw a matter that is not decided yet (requester only)',
        params: s.idParams,
        body: s.withdrawBody,
        response: detail,
      },
    },
    async (req) => {
      const p = user(req);
      await withdrawMatter(ctx.db, p, req.params.id, req.body?.opinion, req.goa.actor);
      return getDetail(ctx.db, p, req.params.id, req.goa.locale);
    },
  );

  r.post(
    '/api/approvals/matters/:id/decide',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Approve, reject or return the current step (an approver with a pending task)',
        params: s.idParams,
        body: s.decideBody,
        response: detail,
      },
    },
    async (req) => {
      const p = user(req);
      await decideMatter(ctx.db, p, req.params.id, req.body, req.goa.actor);
      return getDetail(ctx.db, p, req.params.id, req.goa.locale);
    },
  );

  r.get(
    '/api/approvals/mine',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'My requests',
        querystring: s.mineQuery,
        response: { 200: pageOf(s.matterRow) },
      },
    },
    async (req) => listMine(ctx.db, user(req), req.query, req.goa.locale),
  );

  r.get(
    '/api/approvals/inbox',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Tasks assigned to me: pending (default) or `state=done`',
        querystring: s.inboxQuery,
        response: { 200: pageOf(s.inboxRow) },
      },
    },
    async (req) => listInbox(ctx.db, user(req), req.query, req.goa.locale),
  );

  r.get(
    '/api/approvals/matters',
    {
      config: { access: { permission: ADMIN, scope: 'rows' } },
      schema: {
        tags,
        summary: 'All matters in my scope',
        querystring: s.allQuery,
        response: { 200: pageOf(s.matterRow) },
      },
    },
    async (req) => listAll(ctx.db, req.goa.scope, req.query, req.goa.locale),
  );
}
