import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../kernel/module.ts';
import { errors } from '../../../kernel/errors.ts';
import { pageOf } from '../../../kernel/http/paging.ts';
import { ENERGY_INGEST_PURPOSE } from './permissions.ts';
import { findInstitution, findInstitutions, findPoint, findPoints, listBuildings } from './repository.ts';
import {
  createBuilding,
  createInstitution,
  deleteBuilding,
  deleteInstitution,
  updateBuilding,
  updateInstitution,
} from './institutions.ts';
import { createPoint, deletePoint, listManualEntries, putManualEntry, updatePoint } from './points.ts';

import { registryExcelRoutes } from './excel-routes.ts';
import * as s from './schemas.ts';

const tags = ['energy'];
const read = { permission: 'energy.read' } as const;
const write = { permission: 'energy.registry.write' } as const;

/** The registry API: institutions, buildings, metering points and offline entries. */
export function registryRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;

  // the export routes before '/:id' routes of the same prefix
  registryExcelRoutes(app, ctx);

  r.get(
    '/api/energy/institutions',
    {
      config: { access: { ...read, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Public institutions in scope (filters: jurisdictionId, kind, demonstration, q)',
        querystring: s.institutionQuery,
        response: { 200: pageOf(s.institution) },
      },
    },
    async (req) => ({
      ...(await findInstitutions(db, req.goa.scope, req.query, req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );

  r.get(
    '/api/energy/institutions/:id',
    {
      config: { access: { ...read, scope: { entity: 'energy.institution', param: 'id' } } },
      schema: { tags, summary: 'One institution', params: s.idParams, response: { 200: s.institution } },
    },
    async (req) =>
      (await findInstitution(db, req.params.id)) ??
      Promise.reject(errors.notFound('energy.institution', req.params.id)),
  );

  r.post(
    '/api/energy/institutions',
    {
      config: { access: { ...write, scope: { entity: 'org.jurisdiction', body: 'jurisdictionId' } } },
      schema: {
        tags,
        summary: 'Register a public institution',
        body: s.institutionCreate,
        response: { 201: s.institution },
      },
    },
    async (req, reply) => reply.status(201).send(await createInstitution(db, req.goa.actor, req.body)),
  );

  r.patch(
    '/api/energy/institutions/:id',
    {
      config: { access: { ...write, scope: { entity: 'energy.institution', param: 'id' } } },
      schema: {
        tags,
        summary: 'Change an institution (a new jurisdiction must be in scope too)',
        params: s.idParams,
        body: s.institutionPatch,
        response: { 200: s.institution },
      },
    },
    async (req) => updateInstitution(db, req.goa.scope, req.goa.actor, req.params.id, req.body),
  );

  r.delete(
    '/api/energy/institutions/:id',
    {
      config: { access: { ...write, scope: { entity: 'energy.institution', param: 'id' } } },
      schema: { tags, summary: 'Delete an institution without metering points', params: s.idParams },
    },
    async (req, reply) => {
      await deleteInstitution(db, req.goa.actor, req.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/energy/institutions/:id/buildings',
    {
      config: { access: { ...read, scope: { entity: 'energy.institution', param: 'id' } } },
      schema: {
        tags,
        summary: "An institution's buildings",
        params: s.idParams,
        response: { 200: z.array(s.building) },
      },
    },
    async (req) => listBuildings(db, req.params.id),
  );

  r.post(
    '/api/energy/buildings',
    {
      config: { access: { ...write, scope: { entity: 'energy.institution', body: 'institutionId' } } },
      schema: {
        tags,
        summary: 'Add a building to an institution',
        body: s.buildingCreate,
        response: { 201: s.building },
      },
    },
    async (req, reply) => reply.status(201).send(await createBuilding(db, req.goa.actor, req.body)),
  );

  r.patch(
    '/api/energy/buildings/:id',
    {
      config: { access: { ...write, scope: { entity: 'energy.building', param: 'id' } } },
      schema: {
        tags,
        summary: 'Change a building',
        params: s.idParams,
        body: s.buildingPatch,
        response: { 200: s.building },
      },
    },
    async (req) => updateBuilding(db, req.goa.actor, req.params.id, req.body),
  );

  r.delete(
    '/api/energy/buildings/:id',
    {
      config: { access: { ...write, scope: { entity: 'energy.building', param: 'id' } } },
      schema: {
        tags,
        summary: 'Delete a building (its points stay, without a building)',
        params: s.idParams,
      },
    },
    async (req, reply) => {
      await deleteBuilding(db, req.goa.actor, req.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/energy/points',
    {
      config: { access: { ...read, scope: 'rows', machine: ENERGY_INGEST_PURPOSE } },
      schema: {
        tags,
        summary:
          'Metering points in scope, each with its code (also for gateways with an energy.ingest token)',
        querystring: s.pointQuery,
        response: { 200: pageOf(s.point) },
      },
    },
    async (req) => ({
      ...(await findPoints(db, req.goa.scope, req.query, req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  );

  r.get(
    '/api/energy/points/:id',
    {
      config: { access: { ...read, scope: { entity: 'energy.point', param: 'id' } } },
      schema: { tags, summary: 'One metering point', params: s.idParams, response: { 200: s.point } },
    },
    async (req) =>
      (await findPoint(db, req.params.id)) ?? Promise.reject(errors.notFound('energy.point', req.params.id)),
  );

  r.post(
    '/api/energy/points',
    {
      config: { access: { ...write, scope: { entity: 'energy.institution', body: 'institutionId' } } },
      schema: {
        tags,
        summary: 'Register a metering point (metered, virtual by formula, or manual)',
        body: s.pointCreate,
        response: { 201: s.point },
      },
    },
    async (req, reply) => reply.status(201).send(await createPoint(db, req.goa.actor, req.body)),
  );

  r.patch(
    '/api/energy/points/:id',
    {
      config: { access: { ...write, scope: { entity: 'energy.point', param: 'id' } } },
      schema: {
        tags,
        summary: 'Change a metering point',
        params: s.idParams,
        body: s.pointPatch,
        response: { 200: s.point },
      },
    },
    async (req) => updatePoint(db, req.goa.actor, req.params.id, req.body),
  );

  r.delete(
    '/api/energy/points/:id',
    {
      config: { access: { ...write, scope: { entity: 'energy.point', param: 'id' } } },
      schema: { tags, summary: 'Delete a metering point no virtual meter refers to', params: s.idParams },
    },
    async (req, reply) => {
      await deletePoint(db, req.goa.actor, req.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/energy/points/:id/entries',
    {
      config: { access: { ...read, scope: { entity: 'energy.point', param: 'id' } } },
      schema: {
        tags,
        summary: 'Monthly entries of an offline point, newest first',
        params: s.idParams,
        response: { 200: z.array(s.manualEntry) },
      },
    },
    async (req) => listManualEntries(db, req.params.id),
  );

  r.put(
    '/api/energy/points/:id/entries',
    {
      config: {
        access: { permission: 'energy.entry.write', scope: { entity: 'energy.point', param: 'id' } },
      },
      schema: {
        tags,
        summary: "Enter or correct an offline point's consumption for a month (YYYY-MM)",
        params: s.idParams,
        body: s.manualEntryInput,
        response: { 200: s.manualEntry },
      },
    },
    async (req) => putManualEntry(db, req.goa.actor, req.params.id, req.body),
  );
}
