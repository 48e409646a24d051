import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import { registerOwnerResolver, user } from '../../../kernel/http/access.ts';
import { endOfDay, startOfDay } from '../../../kernel/calendar/businessDays.ts';
import type { AppContext } from '../../../kernel/module.ts';
import { pageOf } from '../../../kernel/http/paging.ts';
import { dateIn, fieldError, idParams, instant, isoDate, text } from '../shared.ts';
import { POOL_MODES } from '../tables.ts';
import { tripRequest } from '../requests/schemas.ts';
import { listRequests } from '../requests/views.ts';
import { assign, cancelTrip } from './assign.ts';
import { raiseSealedUse } from '../supervision/sealed-use.ts';
import { loanSummary, openDays, slip, timeline } from './views.ts';

const tags = ['vehicles'];
const dispatch = { permission: 'vehicles.dispatch' } as const;

registerOwnerResolver('vehicles.trip', async (db, id) => {
  const t = await db
    .selectFrom('veh_trip as t')
    .innerJoin('veh_driver as d', 'd.id', 't.driver_id')
    .select(['t.jurisdiction_id', 't.unit_id', 'd.person_id'])
    .where('t.id', '=', id)
    .executeTakeFirst();
  return t && { jurisdictionId: t.jurisdiction_id, unitId: t.unit_id, personId: t.person_id };
});

const assignBody = z.object({
  requestId: z.uuid(),
  vehicleId: z.uuid(),
  driverId: z.uuid(),
  leg: z.enum(['outbound', 'return', 'both']).optional(),
  startsAt: instant.optional(),
  endsAt: instant.optional(),
});

const timelineView = z.object({
  vehicles: z.array(
    z.object({
      id: z.string(),
      plate: z.string(),
      label: z.string(),
      seats: z.number(),
      category: z.string(),
      status: z.string(),
      jurisdictionId: z.string(),
      jurisdictionName: z.string(),
      /** own pool, lent automatically (the dispatcher assigns it), or only with the lender's consent */
      lendMode: z.enum(['own', 'automatic', 'approval']),
    }),
  ),
  drivers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      phone: z.string().nullable(),
      jurisdictionId: z.string(),
      /** YYYY-MM-DD: the manual picker refuses a driver whose licence runs out before the trip ends */
      licenceExpiresOn: z.string(),
    }),
  ),
  trips: z.array(
    z.object({
      id: z.string(),
      no: z.string(),
      vehicleId: z.string(),
      driverId: z.string(),
      plate: z.string(),
      driverName: z.string(),
      status: z.string(),
      source: z.string(),
      leg: z.string(),
      loan: z.boolean(),
      requestId: z.string().nullable(),
      requestNo: z.string().nullable(),
      purpose: z.string().nullable(),
      startsAt: z.string(),
      endsAt: z.string(),
      /** a sealed vehicle sent out under an approved sealed-use matter (flagged on the timeline) */
      sealedOverride: z.boolean(),
    }),
  ),
});

/** The dispatch desk: queue, day timeline, manual assignment, slips, pooling policies and loans. */
export function deskRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;
  const tz = ctx.config.timeZone;
  const dayOf = (date: string | undefined) => {
    const d = date ?? dateIn(new Date(), tz);
    return { from: startOfDay(d, tz), to: endOfDay(d, tz) };
  };

  r.get(
    '/api/vehicles/desk/queue',
    {
      config: { access: { ...dispatch, scope: 'rows' } },
      schema: {
        tags,
        summary:
          'Approved requests waiting for a vehicle in the dispatcher’s jurisdictions (date: departure day)',
        querystring: z.object({
          date: isoDate.optional(),
          status: z.enum(['approved', 'assigned']).default('approved'),
        }),
        response: { 200: pageOf(tripRequest) },
      },
    },
    async (req) => {
      const day = dayOf(req.query.date);
      return listRequests(db, req.goa.scope, '', {
        status: req.query.status,
        from: day.from.toISOString(),
        to: day.to.toISOString(),
        page: 1,
        pageSize: 500,
      });
    },
  );

  r.get(
    '/api/vehicles/desk/open-days',
    {
      config: { access: { ...dispatch, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Days from today on (two weeks) with approved requests waiting for a vehicle, with counts',
        response: { 200: z.array(z.object({ date: isoDate, count: z.number().int() })) },
      },
    },
    async (req) => openDays(db, req.goa.scope, tz, startOfDay(dateIn(new Date(), tz), tz), 14),
  );

  r.get(
    '/api/vehicles/desk/timeline',
    {
      config: { access: { ...dispatch, scope: 'rows' } },
      schema: {
        tags,
        summary: 'The day’s vehicles and drivers with their trips (Gantt)',
        querystring: z.object({ date: isoDate.optional(), jurisdictionId: z.uuid().optional() }),
        response: { 200: timelineView },
      },
    },
    async (req) => timeline(db, req.goa.scope, dayOf(req.query.date), req.query.jurisdictionId),
  );

  r.post(
    '/api/vehicles/desk/assign',
    {
      config: { access: { ...dispatch, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Assign a vehicle and a driver to a request (409 on any overlap)',
        body: assignBody,
        response: { 201: z.object({ tripId: z.string(), no: z.string() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await assign(db, req.goa.scope, req.goa.actor, tz, req.body)),
  );

  r.post(
    '/api/vehicles/requests/:id/sealed-use',
    {
      config: { access: { ...dispatch, scope: { entity: 'vehicles.request', param: 'id' } } },
      schema: {
        tags,
        summary:
          'Ask for the use of a sealed vehicle for an open request (raises a vehicles.sealed_use matter)',
        params: idParams,
        body: z.object({ reason: text(200) }),
        response: { 201: z.object({ matterId: z.string() }) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await raiseSealedUse(db, user(req), req.goa.actor, req.params.id, req.body.reason)),
  );

  r.post(
    '/api/vehicles/trips/:id/cancel',
    {
      config: { access: { ...dispatch, scope: { entity: 'vehicles.trip', param: 'id' } } },
      schema: {
        tags,
        summary: 'Withdraw a trip that has not started; its request returns to the queue',
        params: idParams,
        body: z.object({ reason: text(200) }),
      },
    },
    async (req, reply) => {
      await cancelTrip(db, req.goa.actor, tz, req.params.id, req.body.reason);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/vehicles/trips/:id/slip',
    {
      config: {
        access: { permission: 'vehicles.fleet.read', scope: { entity: 'vehicles.trip', param: 'id' } },
      },
      schema: { tags, summary: 'The dispatch slip (派车单) of a trip', params: idParams },
    },
    async (req) => slip(db, req.params.id),
  );

  r.get(
    '/api/vehicles/pool-policies',
    {
      config: { access: { permission: 'vehicles.fleet.read', scope: 'global' } },
      schema: {
        tags,
        summary: 'Pooling policy per ordered pair of jurisdictions (lender → borrower)',
        response: {
          200: z.array(z.object({ lenderId: z.string(), borrowerId: z.string(), mode: z.enum(POOL_MODES) })),
        },
      },
    },
    async () =>
      (await db.selectFrom('veh_pool_policy').selectAll().execute()).map((p) => ({
        lenderId: p.lender_jurisdiction_id,
        borrowerId: p.borrower_jurisdiction_id,
        mode: p.mode,
      })),
  );

  r.put(
    '/api/vehicles/pool-policies',
    {
      config: { access: { permission: 'vehicles.pool.write', scope: 'global' } },
      schema: {
        tags,
        summary: 'Set the pooling policy of one pair (the bureau)',
        body: z.object({ lenderId: z.uuid(), borrowerId: z.uuid(), mode: z.enum(POOL_MODES) }),
      },
    },
    async (req, reply) => {
      const b = req.body;
      if (b.lenderId === b.borrowerId) {
        throw fieldError('borrowerId', 'same_pool', {
          'zh-CN': '同一车辆池无需设置',
          en: 'A pool always serves itself',
        });
      }
      await inTransaction(db, async (tx) => {
        await tx
          .insertInto('veh_pool_policy')
          .values({
            lender_jurisdiction_id: b.lenderId,
            borrower_jurisdiction_id: b.borrowerId,
            mode: b.mode,
          })
          .onConflict((oc) =>
            oc
              .columns(['lender_jurisdiction_id', 'borrower_jurisdiction_id'])
              .doUpdateSet({ mode: b.mode, updated_at: sql`now()` }),
          )
          .execute();
        await audit(tx, req.goa.actor, {
          entity: 'vehicles.pool_policy',
          entityId: null,
          action: 'update',
          after: b,
        });
      });
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/vehicles/loans/summary',
    {
      config: { access: { permission: 'vehicles.analysis', scope: 'global' } },
      schema: {
        tags,
        summary: 'Loans per jurisdiction for settlement (trips and km lent and borrowed)',
        querystring: z.object({ from: isoDate, to: isoDate }),
        response: {
          200: z.array(
            z.object({
              jurisdictionId: z.string(),
              name: z.string(),
              lentTrips: z.number(),
              lentKm: z.number(),
              borrowedTrips: z.number(),
              borrowedKm: z.number(),
            }),
          ),
        },
      },
    },
    async (req) => loanSummary(db, startOfDay(req.query.from, tz), endOfDay(req.query.to, tz)),
  );
}
