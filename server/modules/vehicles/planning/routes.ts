import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerOwnerResolver } from '../../../kernel/http/access.ts';
import type { AppContext } from '../../../kernel/module.ts';
import { idParams, isoDate } from '../shared.ts';
import { acceptPlan, getPlan, openProposals, proposePlan } from './service.ts';

const tags = ['vehicles'];
const dispatch = { permission: 'vehicles.dispatch' } as const;

registerOwnerResolver('vehicles.plan', async (db, id) => {
  const p = await db.selectFrom('veh_plan').select('pools').where('id', '=', id).executeTakeFirst();
  return p && { jurisdictionId: p.pools[0] ?? null, unitId: null, personId: null };
});

/** Automated dispatch: propose a plan for a day and pools, read it, accept all or part. */
export function planRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;
  const tz = ctx.config.timeZone;

  r.post(
    '/api/vehicles/plans',
    {
      config: { access: { ...dispatch, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Plan every open request of a day for the chosen pools (keeps assigned trips)',
        body: z.object({
          day: isoDate,
          pools: z.array(z.uuid()).min(1).max(20),
          timeLimitSeconds: z.number().min(0.2).max(30).optional(),
        }),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await proposePlan(
            db,
            req.goa.scope,
            req.goa.actor,
            tz,
            req.body.day,
            req.body.pools,
            req.body.timeLimitSeconds,
          ),
        ),
  );
  r.get(
    '/api/vehicles/plans',
    {
      config: { access: { ...dispatch, scope: 'rows' } },
      schema: {
        tags,
        summary:
          'Re-planning proposals of a day waiting for the dispatcher (after requests arrived or were cancelled)',
        querystring: z.object({ day: isoDate }),
      },
    },
    async (req) => openProposals(db, req.goa.scope, req.query.day),
  );
  r.get(
    '/api/vehicles/plans/:id',
    {
      config: { access: { ...dispatch, scope: { entity: 'vehicles.plan', param: 'id' } } },
      schema: { tags, summary: 'A proposed plan', params: idParams },
    },
    async (req) => getPlan(db, req.params.id),
  );
  r.post(
    '/api/vehicles/plans/:id/accept',
    {
      config: { access: { ...dispatch, scope: { entity: 'vehicles.plan', param: 'id' } } },
      schema: {
        tags,
        summary:
          'Accept the whole plan or the routes of some vehicles (each job through the constrained assignment)',
        params: idParams,
        body: z.object({ vehicleIds: z.array(z.uuid()).max(500).optional() }).nullish(),
        response: {
          200: z.object({
            accepted: z.number(),
            skipped: z.number(),
            moved: z.number(),
            failed: z.array(z.object({ vehicleId: z.string(), requestId: z.string(), code: z.string() })),
          }),
        },
      },
    },
    async (req) => acceptPlan(db, req.goa.scope, req.goa.actor, tz, req.params.id, req.body?.vehicleIds),
  );
}
