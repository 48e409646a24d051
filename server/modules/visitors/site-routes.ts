import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../kernel/module.ts';
import { siteCheck } from './routes.ts';
import * as sites from './sites.ts';

const tags = ['visitors'];
const idParam = z.object({ id: z.uuid() });

const managedSite = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  checks: z.array(siteCheck),
  guards: z.array(z.object({ personId: z.string(), name: z.string(), unitName: z.string() })),
  visits: z.number(),
});

const siteBody = z.object({
  name: z.string().trim().min(1).max(60),
  address: z
    .string()
    .trim()
    .max(200)
    .nullish()
    .transform((a) => a || null),
  unitId: z.uuid(),
  guardIds: z.array(z.uuid()).max(50).default([]),
});

/** The visitors office's sites: list, create, edit (name, address, unit, guards), delete. */
export function siteRoutes(app: FastifyInstance, ctx: AppContext) {
  const { db } = ctx;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const access = { permission: 'visitors.site.manage', scope: { entity: 'visitors.site', param: 'id' } };

  r.get(
    '/api/visitors/sites',
    {
      config: { access: { permission: 'visitors.site.manage', scope: 'rows' } },
      schema: {
        tags,
        summary: 'The sites within the manager’s scope: unit, guards, gate checks and visit count',
        response: { 200: z.array(managedSite) },
      },
    },
    async (req) => sites.listManagedSites(db, req.goa.scope),
  );

  r.post(
    '/api/visitors/sites',
    {
      config: {
        access: { permission: 'visitors.site.manage', scope: { entity: 'org.unit', body: 'unitId' } },
      },
      schema: {
        tags,
        summary: 'Add a visitor site (a compound with a gate) to a unit in scope, with its guards',
        body: siteBody,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return { id: await sites.createSite(db, req.goa.scope, req.body, req.goa.actor) };
    },
  );

  r.patch(
    '/api/visitors/sites/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: "Change a site's name, address, unit or guards",
        params: idParam,
        body: siteBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await sites.updateSite(db, req.goa.scope, req.params.id, req.body, req.goa.actor);
      return reply.code(204).send(null);
    },
  );

  r.delete(
    '/api/visitors/sites/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Delete a site that has no visits on record',
        params: idParam,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await sites.deleteSite(db, req.params.id, req.goa.actor);
      return reply.code(204).send(null);
    },
  );
}
