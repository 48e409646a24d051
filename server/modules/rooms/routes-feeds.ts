import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../kernel/module.ts';
import { user } from '../../kernel/http/access.ts';
import {
  createFeed,
  feedCreate,
  feedCreated,
  feedItem,
  feedPath,
  listFeeds,
  readFeed,
  revokeFeed,
  usernames,
} from './feeds.ts';
import { feed } from './ical.ts';
import type { RoomsConfig } from './config.ts';

const tags = ['rooms'];

/** Calendar feeds: made and revoked by their owner, read by calendar apps through a secret URL. */
export function feedRoutes(app: FastifyInstance, ctx: AppContext, cfg: RoomsConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;

  r.get(
    '/api/rooms/feeds',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "The caller's calendar feeds (without their secret URLs)",
        response: { 200: z.array(feedItem) },
      },
    },
    async (req) => listFeeds(db, user(req).accountId),
  );

  r.post(
    '/api/rooms/feeds',
    {
      config: { access: { permission: 'rooms.book', scope: 'global' } },
      schema: {
        tags,
        summary: 'Make a subscribable feed of my bookings or of a room; the URL is shown only now',
        body: feedCreate,
        response: { 201: feedCreated },
      },
    },
    async (req, reply) => {
      const f = await createFeed(db, user(req), req.goa.actor, req.body);
      // GOA_PUBLIC_URL when set, else the address the caller reached us at
      const base = ctx.config.moduleEnv.GOA_PUBLIC_URL
        ? ctx.config.publicUrl
        : `${req.protocol}://${req.host}`;
      return reply.status(201).send({ ...f, url: base + feedPath(f.token) });
    },
  );

  r.delete(
    '/api/rooms/feeds/:id',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Revoke one of my feeds (its URL stops working at once)',
        params: z.object({ id: z.uuid() }),
      },
    },
    async (req, reply) => {
      await revokeFeed(db, user(req), req.goa.actor, req.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/rooms/feeds/:token.ics',
    {
      // calendar apps cannot sign in: the unguessable token is the credential
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'An iCalendar feed by its secret token',
        params: z.object({ token: z.string().max(64) }),
      },
    },
    async (req, reply) => {
      const found = await readFeed(db, req.params.token);
      if (!found) return reply.status(404).type('text/plain').send('Not found');
      const text = feed(found.rows, {
        mailDomain: cfg.GOA_ROOMS_MAIL_DOMAIN,
        usernames: await usernames(
          db,
          found.rows.map((x) => x.organizer_account_id),
        ),
        name: found.name,
      });
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(text);
    },
  );
}
