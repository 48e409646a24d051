import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { user } from '../../../kernel/http/access.ts';
import { endOfDay, startOfDay, addDays } from '../../../kernel/calendar/businessDays.ts';
import type { AppContext } from '../../../kernel/module.ts';
import { dateIn, fen, idParams, instant, isoDate } from '../shared.ts';
import { driverAct, myTrips, POSITION_SOURCES, recordPositions, type PositionSource } from './service.ts';

const tags = ['vehicles'];
/** a machine token of purpose vehicles.position is a GPS unit's unless the position names its source */
const DEFAULT_SOURCE: PositionSource = 'gps';
const odometer = z.number().int().min(0).max(2_000_000);

const position = z
  .object({
    vehicleId: z.uuid().optional(),
    plate: z.string().trim().max(12).optional(),
    at: instant,
    lon: z.number().min(73).max(136),
    lat: z.number().min(3).max(54),
    speedKmh: z.number().min(0).max(300).optional(),
    /** who measured it; a GPS unit's token posts `gps` unless it says otherwise (the simulator says `simulator`) */
    source: z.enum(POSITION_SOURCES).optional(),
  })
  .refine((p) => p.vehicleId || p.plate, { message: 'vehicleId or plate', path: ['vehicleId'] });

/** The driver's phone page API and the position intake (GPS units and phones). */
export function tripRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;
  const tz = ctx.config.timeZone;

  r.get(
    '/api/vehicles/my/trips',
    {
      config: { access: { permission: 'vehicles.drive', scope: 'global' } },
      schema: {
        tags,
        summary: "The signed-in driver's trips of a day (and any on the road)",
        querystring: z.object({ date: isoDate.optional() }),
      },
    },
    async (req) => {
      const d = req.query.date ?? dateIn(new Date(), tz);
      return myTrips(db, user(req), startOfDay(d, tz), endOfDay(addDays(d, 1), tz));
    },
  );

  const act = (path: string, body: z.ZodType, summary: string) =>
    r.post(
      `/api/vehicles/my/trips/:id/${path}`,
      {
        config: { access: { permission: 'vehicles.drive', scope: { entity: 'vehicles.trip', param: 'id' } } },
        schema: { tags, summary, params: idParams, body },
      },
      async (req, reply) => {
        const b = (req.body ?? {}) as Record<string, number>;
        const action =
          path === 'start'
            ? { action: 'start' as const, odometerKm: b.odometerKm! }
            : path === 'finish'
              ? {
                  action: 'finish' as const,
                  odometerKm: b.odometerKm!,
                  tollsFen: b.tollsFen ?? 0,
                  parkingFen: b.parkingFen ?? 0,
                  fuelFen: b.fuelFen ?? 0,
                }
              : { action: path as 'accept' | 'arrive' };
        await driverAct(db, user(req), req.goa.actor, req.params.id, action);
        return reply.status(204).send();
      },
    );
  act('accept', z.object({}).nullish(), 'Accept the trip');
  act('start', z.object({ odometerKm: odometer }), 'Leave (odometer reading, not lower than the last)');
  act('arrive', z.object({}).nullish(), 'Arrive at the destination');
  act(
    'finish',
    z.object({
      odometerKm: odometer,
      tollsFen: fen.default(0),
      parkingFen: fen.default(0),
      fuelFen: fen.default(0),
    }),
    'Finish (odometer, tolls, parking, fuel or charge in fen)',
  );

  r.post(
    '/api/vehicles/my/trips/:id/position',
    {
      config: { access: { permission: 'vehicles.drive', scope: { entity: 'vehicles.trip', param: 'id' } } },
      schema: {
        tags,
        summary: "The phone's position during a trip",
        params: idParams,
        body: z.object({
          lon: z.number().min(73).max(136),
          lat: z.number().min(3).max(54),
          speedKmh: z.number().min(0).max(300).optional(),
        }),
      },
    },
    async (req, reply) => {
      const t = await db
        .selectFrom('veh_trip')
        .select('vehicle_id')
        .where('id', '=', req.params.id)
        .executeTakeFirstOrThrow();
      await recordPositions(db, 'phone', [
        { vehicleId: t.vehicle_id, at: new Date().toISOString(), ...req.body },
      ]);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/vehicles/positions',
    {
      config: { access: { machine: 'vehicles.position' } },
      schema: {
        tags,
        summary:
          'Positions from GPS units, phones or the simulator (machine token of purpose vehicles.position); ' +
          'one or up to 1,000; `source` gps | phone | simulator, default gps',
        body: z.union([position, z.array(position).min(1).max(1000)]),
        response: { 200: z.object({ accepted: z.number(), unknown: z.array(z.number()) }) },
      },
    },
    async (req) => recordPositions(db, DEFAULT_SOURCE, Array.isArray(req.body) ? req.body : [req.body]),
  );
}
