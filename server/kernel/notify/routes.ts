import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../module.ts';
import { user } from '../http/access.ts';
import { pageOf, pageQuery } from '../http/paging.ts';
import { listNotifications, markAllRead, markRead, unreadCount } from './service.ts';

const notificationView = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The signed-in user's own notifications: every route is `authenticated` and reads only the caller's rows. */
export function notifyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/notifications',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first (`unread=true` for the unread ones only)',
        querystring: pageQuery.omit({ sort: true, q: true }).extend({ unread: flag.optional() }),
        response: { 200: pageOf(notificationView) },
      },
    },
    async (req) => listNotifications(ctx.db, user(req).accountId, req.query, req.goa.locale),
  );

  r.get(
    '/api/notifications/unread-count',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['notifications'],
        summary: 'How many of my notifications are unread',
        response: { 200: z.object({ count: z.number().int() }) },
      },
    },
    async (req) => ({ count: await unreadCount(ctx.db, user(req).accountId) }),
  );

  r.post(
    '/api/notifications/:id/read',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of my notifications read',
        params: z.object({ id: z.uuid() }),
      },
    },
    async (req, reply) => {
      await markRead(ctx.db, user(req).accountId, req.params.id, req.goa.actor);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/notifications/read-all',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['notifications'],
        summary: 'Mark all my notifications read',
        response: { 200: z.object({ marked: z.number().int() }) },
      },
    },
    async (req) => ({ marked: await markAllRead(ctx.db, user(req).accountId, req.goa.actor) }),
  );
}
