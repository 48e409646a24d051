import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../module.ts';
import { errors } from '../errors.ts';
import { pageOf } from '../http/paging.ts';
import { listRanks } from './ranks.ts';
import { findUnit, findUnits, listDepartments, listJurisdictions, treeUnits } from './repository.ts';
import { createUnit, deleteUnit, updateUnit } from './units.ts';
import { createDepartment, deleteDepartment, updateDepartment } from './departments.ts';
import { peopleRoutes } from './routes-people.ts';
import { excelRoutes } from './routes-excel.ts';
import * as s from './schemas.ts';
import './permissions.ts';

const tags = ['org'];
const read = { permission: 'org.read' } as const;
const write = { permission: 'org.write' } as const;

/** The organisation API: ranks, jurisdictions, the unit tree, units and departments (people and Excel elsewhere). */
export function orgRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;

  r.get(
    '/api/org/ranks',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'The rank catalogue (职级), highest first',
        response: { 200: z.array(s.rankItem) },
      },
    },
    async (req) => listRanks(req.goa.locale),
  );

  r.get(
    '/api/org/jurisdictions',
    {
      config: { access: { ...read, scope: 'global' } },
      schema: { tags, summary: 'The city and its districts', response: { 200: z.array(s.jurisdiction) } },
    },
    async () => listJurisdictions(db),
  );

  r.get(
    '/api/org/tree',
    {
      config: { access: { ...read, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Every unit in scope with its active headcount, for a tree per jurisdiction',
        response: { 200: z.array(s.treeUnit) },
      },
    },
    async (req) => treeUnits(db, req.goa.scope),
  );

  r.get(
    '/api/org/units',
    {
      config: { access: { ...read, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Units in scope (filters: jurisdictionId, kind, level, parentId, q)',
        querystring: s.unitQuery,
        response: { 200: pageOf(s.unit) },
      },
    },
    async (req) => {
      const { items, total } = await findUnits(db, req.goa.scope, req.query, req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  r.get(
    '/api/org/units/:id',
    {
      config: { access: { ...read, scope: { entity: 'org.unit', param: 'id' } } },
      schema: { tags, summary: 'One unit', params: s.idParams, response: { 200: s.unit } },
    },
    async (req) =>
      (await findUnit(db, req.params.id)) ?? Promise.reject(errors.notFound('org.unit', req.params.id)),
  );

  r.post(
    '/api/org/units',
    {
      config: { access: { ...write, scope: { entity: 'org.jurisdiction', body: 'jurisdictionId' } } },
      schema: {
        tags,
        summary: 'Create a unit in a jurisdiction in scope',
        body: s.unitCreate,
        response: { 201: s.unit },
      },
    },
    async (req, reply) => reply.status(201).send(await createUnit(db, req.goa.actor, req.body)),
  );

  r.patch(
    '/api/org/units/:id',
    {
      config: { access: { ...write, scope: { entity: 'org.unit', param: 'id' } } },
      schema: {
        tags,
        summary:
          'Change a unit (code, kind, level, jurisdiction, parent, establishment need jurisdiction scope)',
        params: s.idParams,
        body: s.unitPatch,
        response: { 200: s.unit },
      },
    },
    async (req) => updateUnit(db, req.goa.scope, req.goa.actor, req.params.id, req.body),
  );

  r.delete(
    '/api/org/units/:id',
    {
      config: { access: { ...write, scope: { entity: 'org.unit', param: 'id' } } },
      schema: {
        tags,
        summary: 'Delete a unit without people, departments or child units',
        params: s.idParams,
      },
    },
    async (req, reply) => {
      await deleteUnit(db, req.goa.scope, req.goa.actor, req.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/org/units/:id/departments',
    {
      config: { access: { ...read, scope: { entity: 'org.unit', param: 'id' } } },
      schema: {
        tags,
        summary: "A unit's departments with their active headcount",
        params: s.idParams,
        response: { 200: z.array(s.department) },
      },
    },
    async (req) => listDepartments(db, req.params.id),
  );

  r.post(
    '/api/org/departments',
    {
      config: { access: { ...write, scope: { entity: 'org.unit', body: 'unitId' } } },
      schema: {
        tags,
        summary: 'Create a department in a unit',
        body: s.departmentCreate,
        response: { 201: s.department },
      },
    },
    async (req, reply) => reply.status(201).send(await createDepartment(db, req.goa.actor, req.body)),
  );

  r.patch(
    '/api/org/departments/:id',
    {
      config: { access: { ...write, scope: { entity: 'org.department', param: 'id' } } },
      schema: {
        tags,
        summary: 'Rename or reorder a department',
        params: s.idParams,
        body: s.departmentPatch,
        response: { 200: s.department },
      },
    },
    async (req) => updateDepartment(db, req.goa.actor, req.params.id, req.body),
  );

  r.delete(
    '/api/org/departments/:id',
    {
      config: { access: { ...write, scope: { entity: 'org.department', param: 'id' } } },
      schema: { tags, summary: 'Delete a department nobody belongs to', params: s.idParams },
    },
    async (req, reply) => {
      await deleteDepartment(db, req.goa.actor, req.params.id);
      return reply.status(204).send();
    },
  );

  excelRoutes(app, ctx);
  peopleRoutes(app, ctx);
}
