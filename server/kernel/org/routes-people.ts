import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../module.ts';
import { errors } from '../errors.ts';
import { pageOf } from '../http/paging.ts';
import { findPeople, findPerson, toPersonDto } from './people-repository.ts';
import { createPerson, deletePerson, updatePerson } from './people.ts';
import * as s from './schemas.ts';

const tags = ['org'];
const read = { permission: 'org.read' } as const;
const write = { permission: 'org.write' } as const;

/** People: list, read, create, change, delete. */
export function peopleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;

  r.get(
    '/api/org/people',
    {
      config: { access: { ...read, scope: 'rows' } },
      schema: {
        tags,
        summary:
          'People in scope (filters: jurisdictionId, unitId, departmentId, rank, status, q on name or employee number)',
        querystring: s.personQuery,
        response: { 200: pageOf(s.person) },
      },
    },
    async (req) => {
      const { items, total } = await findPeople(db, req.goa.scope, req.query, req.goa.locale, req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  r.get(
    '/api/org/people/:id',
    {
      config: { access: { ...read, scope: { entity: 'org.person', param: 'id' } } },
      schema: { tags, summary: 'One person', params: s.idParams, response: { 200: s.person } },
    },
    async (req) => {
      const row = await findPerson(db, req.params.id);
      if (!row) throw errors.notFound('org.person', req.params.id);
      return toPersonDto(row, req.goa.locale);
    },
  );

  r.post(
    '/api/org/people',
    {
      config: { access: { ...write, scope: { entity: 'org.unit', body: 'unitId' } } },
      schema: {
        tags,
        summary: 'Create a person in a unit in scope',
        body: s.personCreate,
        response: { 201: s.person },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createPerson(db, req.goa.actor, req.goa.locale, req.body)),
  );

  r.patch(
    '/api/org/people/:id',
    {
      config: { access: { ...write, scope: { entity: 'org.person', param: 'id' } } },
      schema: {
        tags,
        summary: 'Change a person (a new unitId transfers them and needs scope over that unit)',
        params: s.idParams,
        body: s.personPatch,
        response: { 200: s.person },
      },
    },
    async (req) => updatePerson(db, req.goa.scope, req.goa.actor, req.goa.locale, req.params.id, req.body),
  );

  r.delete(
    '/api/org/people/:id',
    {
      config: { access: { ...write, scope: { entity: 'org.person', param: 'id' } } },
      schema: { tags, summary: 'Delete a person without a sign-in account', params: s.idParams },
    },
    async (req, reply) => {
      await deletePerson(db, req.goa.actor, req.params.id);
      return reply.status(204).send();
    },
  );
}
