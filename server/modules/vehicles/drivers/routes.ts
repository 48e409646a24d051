import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../../kernel/http/paging.ts';
import { registerOwnerResolver } from '../../../kernel/http/access.ts';
import type { AppContext } from '../../../kernel/module.ts';
import { idParams } from '../shared.ts';
import * as s from './schemas.ts';
import { addTraining, createDriver, getDriver, listDrivers, listTrainings, updateDriver } from './service.ts';

const tags = ['vehicles'];
const read = { permission: 'vehicles.fleet.read' } as const;
const write = { permission: 'vehicles.fleet.write' } as const;

registerOwnerResolver('vehicles.driver', async (db, id) => {
  const d = await db
    .selectFrom('veh_driver')
    .select(['jurisdiction_id', 'unit_id', 'person_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return d && { jurisdictionId: d.jurisdiction_id, unitId: d.unit_id, personId: d.person_id };
});

/** The drivers API (司勤人员). */
export function driverRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;

  r.get(
    '/api/vehicles/drivers',
    {
      config: { access: { ...read, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Drivers in scope',
        querystring: s.driverQuery,
        response: { 200: pageOf(s.driver) },
      },
    },
    async (req) => listDrivers(db, req.goa.scope, req.query),
  );
  r.get(
    '/api/vehicles/drivers/:id',
    {
      config: { access: { ...read, scope: { entity: 'vehicles.driver', param: 'id' } } },
      schema: { tags, summary: 'One driver', params: idParams, response: { 200: s.driver } },
    },
    async (req) => getDriver(db, req.params.id),
  );
  r.post(
    '/api/vehicles/drivers',
    {
      config: { access: { ...write, scope: { entity: 'org.unit', body: 'unitId' } } },
      schema: { tags, summary: 'Register a driver', body: s.driverCreate, response: { 201: s.driver } },
    },
    async (req, reply) => reply.status(201).send(await createDriver(db, req.goa.actor, req.body)),
  );
  r.patch(
    '/api/vehicles/drivers/:id',
    {
      config: { access: { ...write, scope: { entity: 'vehicles.driver', param: 'id' } } },
      schema: {
        tags,
        summary: 'Change a driver',
        params: idParams,
        body: s.driverPatch,
        response: { 200: s.driver },
      },
    },
    async (req) => updateDriver(db, req.goa.actor, req.params.id, req.body),
  );
  r.get(
    '/api/vehicles/drivers/:id/trainings',
    {
      config: { access: { ...read, scope: { entity: 'vehicles.driver', param: 'id' } } },
      schema: {
        tags,
        summary: "A driver's training records",
        params: idParams,
        response: { 200: z.array(s.training) },
      },
    },
    async (req) => listTrainings(db, req.params.id),
  );
  r.post(
    '/api/vehicles/drivers/:id/trainings',
    {
      config: { access: { ...write, scope: { entity: 'vehicles.driver', param: 'id' } } },
      schema: {
        tags,
        summary: 'Record a training',
        params: idParams,
        body: s.trainingCreate,
        response: { 201: s.training },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addTraining(db, req.goa.actor, req.params.id, req.body)),
  );
}
