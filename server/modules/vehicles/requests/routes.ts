import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../../kernel/http/paging.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import { registerOwnerResolver, user } from '../../../kernel/http/access.ts';
import type { AppContext } from '../../../kernel/module.ts';
import { idParams } from '../shared.ts';
import * as s from './schemas.ts';
import { cancelRequest, changeRequest, confirmRequest, submitRequest } from './service.ts';
import { getRequest, listRequests } from './views.ts';
import './matter.ts';

const tags = ['vehicles'];

/** How far the caller's read scope over trip requests reaches: the widest of its grants. */
export function requestReach(scope: DataScope): 'city' | 'jurisdiction' | 'unit' | 'self' | 'none' {
  if (scope.all) return 'city';
  if (scope.jurisdictionIds.length > 0) return 'jurisdiction';
  if (scope.unitIds.length > 0) return 'unit';
  return scope.personId ? 'self' : 'none';
}

registerOwnerResolver('vehicles.request', async (db, id) => {
  const r = await db
    .selectFrom('veh_request')
    .select(['jurisdiction_id', 'unit_id', 'requester_person_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r && { jurisdictionId: r.jurisdiction_id, unitId: r.unit_id, personId: r.requester_person_id };
});

/** Trip requests: submit (to the unit's approval), follow, change, cancel, confirm and rate. */
export function requestRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;
  const tz = ctx.config.timeZone;
  const own = { permission: 'vehicles.request.submit' } as const;

  r.get(
    '/api/vehicles/requests',
    {
      config: { access: { permission: 'vehicles.request.read', scope: 'rows' } },
      schema: {
        tags,
        summary: 'Trip requests in scope (mine=true: the caller’s own)',
        querystring: s.requestQuery,
        response: { 200: pageOf(s.tripRequest) },
      },
    },
    async (req) => listRequests(db, req.goa.scope, user(req).accountId, req.query),
  );
  r.get(
    '/api/vehicles/requests/reach',
    {
      config: { access: { permission: 'vehicles.request.read', scope: 'rows' } },
      schema: {
        tags,
        summary: 'How far the caller sees trip requests (beyond self: the scope view on the page)',
        response: {
          200: z.object({ reach: z.enum(['city', 'jurisdiction', 'unit', 'self', 'none']) }),
        },
      },
    },
    async (req) => ({ reach: requestReach(req.goa.scope) }),
  );
  r.get(
    '/api/vehicles/requests/:id',
    {
      config: {
        access: { permission: 'vehicles.request.read', scope: { entity: 'vehicles.request', param: 'id' } },
      },
      schema: {
        tags,
        summary: 'One trip request with its trips',
        params: idParams,
        response: { 200: s.tripRequest },
      },
    },
    async (req) => getRequest(db, req.params.id),
  );
  r.post(
    '/api/vehicles/requests',
    {
      config: { access: { ...own, scope: 'global' } },
      schema: {
        tags,
        summary: 'Request a vehicle; the request goes to the unit for approval',
        body: s.requestBody,
        response: { 201: s.tripRequest },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await submitRequest(db, user(req), req.goa.actor, tz, req.body)),
  );
  r.put(
    '/api/vehicles/requests/:id',
    {
      config: { access: { ...own, scope: { entity: 'vehicles.request', param: 'id' } } },
      schema: {
        tags,
        summary: 'Change a request before dispatch (approved again)',
        params: idParams,
        body: s.requestBody,
        response: { 200: s.tripRequest },
      },
    },
    async (req) => changeRequest(db, user(req), req.goa.actor, tz, req.params.id, req.body),
  );
  r.post(
    '/api/vehicles/requests/:id/cancel',
    {
      config: { access: { ...own, scope: { entity: 'vehicles.request', param: 'id' } } },
      schema: {
        tags,
        summary: 'Cancel a request before its trip starts',
        params: idParams,
        body: s.cancelBody,
        response: { 200: s.tripRequest },
      },
    },
    async (req) => cancelRequest(db, user(req), req.goa.actor, req.params.id, req.body.reason),
  );
  r.post(
    '/api/vehicles/requests/:id/confirm',
    {
      config: { access: { ...own, scope: { entity: 'vehicles.request', param: 'id' } } },
      schema: {
        tags,
        summary: 'The passenger confirms a finished trip and rates the driver',
        params: idParams,
        body: s.confirmBody,
        response: { 200: s.tripRequest },
      },
    },
    async (req) =>
      confirmRequest(db, user(req), req.goa.actor, req.params.id, req.body.rating, req.body.comment),
  );
}
