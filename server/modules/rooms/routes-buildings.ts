import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../kernel/module.ts';
import { errors } from '../../kernel/errors.ts';
import * as b from './buildings.ts';
import './permissions.ts';

const tags = ['rooms'];
const idParams = z.object({ id: z.uuid() });

/** The office-building registry API (办公楼). */
export function buildingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;

  r.get(
    '/api/rooms/buildings',
    {
      // the building catalogue is city-wide: everyone who books a room picks a building from it
      config: { access: { permission: 'rooms.read', scope: 'global' } },
      schema: {
        tags,
        summary: 'Office buildings (filters: jurisdictionId, unitId, q)',
        querystring: b.buildingQuery,
        response: { 200: z.array(b.building) },
      },
    },
    async (req) => b.listBuildings(db, req.query),
  );

  r.get(
    '/api/rooms/buildings/:id',
    {
      config: { access: { permission: 'rooms.read', scope: 'global' } },
      schema: { tags, summary: 'One office building', params: idParams, response: { 200: b.building } },
    },
    async (req) =>
      (await b.getBuilding(db, req.params.id)) ??
      Promise.reject(errors.notFound('rooms.building', req.params.id)),
  );

  r.post(
    '/api/rooms/buildings',
    {
      config: { access: { permission: 'rooms.manage', scope: { entity: 'org.unit', body: 'unitId' } } },
      schema: {
        tags,
        summary: 'Register an office building managed by a unit in scope',
        body: b.buildingCreate,
        response: { 201: b.building },
      },
    },
    async (req, reply) => reply.status(201).send(await b.createBuilding(db, req.goa.actor, req.body)),
  );

  r.patch(
    '/api/rooms/buildings/:id',
    {
      config: { access: { permission: 'rooms.manage', scope: { entity: 'rooms.building', param: 'id' } } },
      schema: {
        tags,
        summary: 'Change an office building',
        params: idParams,
        body: b.buildingPatch,
        response: { 200: b.building },
      },
    },
    async (req) => b.updateBuilding(db, req.goa.actor, req.params.id, req.body),
  );

  r.delete(
    '/api/rooms/buildings/:id',
    {
      config: { access: { permission: 'rooms.manage', scope: { entity: 'rooms.building', param: 'id' } } },
      schema: { tags, summary: 'Delete an office building without rooms', params: idParams },
    },
    async (req, reply) => {
      await b.deleteBuilding(db, req.goa.actor, req.params.id);
      return reply.status(204).send();
    },
  );
}
