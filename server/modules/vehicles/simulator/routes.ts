import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../kernel/module.ts';
import { fieldError, instant } from '../shared.ts';
import { loadWorldData } from './world.ts';

const lonLat = z.object({ lon: z.number(), lat: z.number() });

/**
 * What the vehicle simulator needs to know, for a simulator running outside the server (with the
 * embedded database only the server may open it): the vehicles with their depot bay and the trips that
 * move in a period with their waypoints. Machine tokens of purpose vehicles.simulate (a GPS unit's
 * vehicles.position token cannot read itineraries); users with vehicles.fleet.read see their scope's.
 */
export function simulatorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/vehicles/simulator/world',
    {
      config: {
        access: { permission: 'vehicles.fleet.read', scope: 'rows', machine: 'vehicles.simulate' },
      },
      schema: {
        tags: ['vehicles'],
        summary:
          'The simulator’s world: vehicles (depot bay) and the trips moving in [from, to] (at most 2 days)',
        querystring: z.object({ from: instant, to: instant }),
        response: {
          200: z.object({
            vehicles: z.array(z.object({ id: z.string(), plate: z.string(), home: lonLat })),
            trips: z.array(
              z.object({
                id: z.string(),
                vehicleId: z.string(),
                startsAt: z.number(),
                endsAt: z.number(),
                waypoints: z.array(lonLat),
                turn: z.number(),
                open: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const from = new Date(req.query.from);
      const to = new Date(req.query.to);
      if (!(to > from) || to.getTime() - from.getTime() > 2 * 86_400_000)
        throw fieldError('to', 'simulator_period', {
          'zh-CN': '时段须在 2 天以内且结束晚于开始',
          en: 'The period must end after it starts and last at most 2 days',
        });
      return loadWorldData(ctx.db, from, to, req.goa.scope);
    },
  );
}
