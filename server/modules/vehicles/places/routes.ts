import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import { errors } from '../../../kernel/errors.ts';
import { likePattern } from '../../../kernel/http/paging.ts';
import type { AppContext } from '../../../kernel/module.ts';
import type { Executor } from '../../../kernel/db/schema.ts';
import { conflict, idParams, optionalText, pgError, text } from '../shared.ts';
import { PLACE_KINDS } from '../tables.ts';

/** Places (地点): named destinations with WGS-84 coordinates, shared by the whole city. */

const tags = ['vehicles'];
const placeKind = z.enum(PLACE_KINDS);

export const place = z.object({
  id: z.string(),
  name: z.string(),
  kind: placeKind,
  address: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  jurisdictionId: z.string().nullable(),
  active: z.boolean(),
});
const placeBody = z.object({
  name: text(60),
  kind: placeKind.default('other'),
  address: optionalText(200),
  lon: z.number().min(73).max(136),
  lat: z.number().min(3).max(54),
  jurisdictionId: z.uuid().nullish(),
  active: z.boolean().default(true),
});

function placeSelect(ex: Executor) {
  return ex
    .selectFrom('veh_place')
    .select(['id', 'name', 'kind', 'address', 'lon', 'lat', 'jurisdiction_id', 'active']);
}
function toView(r: Awaited<ReturnType<ReturnType<typeof placeSelect>['executeTakeFirstOrThrow']>>) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as z.infer<typeof placeKind>,
    address: r.address,
    lon: Number(r.lon),
    lat: Number(r.lat),
    jurisdictionId: r.jurisdiction_id,
    active: r.active,
  };
}

const nameTaken = () =>
  conflict('name', 'place_name_taken', { 'zh-CN': '已有同名地点', en: 'A place of that name exists' });

export function placeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;

  r.get(
    '/api/vehicles/places',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'The named places (active ones unless all=true)',
        querystring: z.object({
          q: z.string().trim().max(60).optional(),
          all: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.array(place) },
      },
    },
    async (req) => {
      let q = placeSelect(db);
      if (req.query.all !== 'true') q = q.where('active', '=', true);
      if (req.query.q) {
        const p = likePattern(req.query.q);
        q = q.where((eb) => eb.or([eb('name', 'ilike', p), eb('address', 'ilike', p)]));
      }
      return (await q.orderBy('kind').orderBy('name').execute()).map(toView);
    },
  );

  r.post(
    '/api/vehicles/places',
    {
      config: { access: { permission: 'vehicles.fleet.write', scope: 'global' } },
      schema: { tags, summary: 'Add a place', body: placeBody, response: { 201: place } },
    },
    async (req, reply) => {
      try {
        const view = await inTransaction(db, async (tx) => {
          const row = await tx
            .insertInto('veh_place')
            .values({
              name: req.body.name,
              kind: req.body.kind,
              address: req.body.address,
              lon: req.body.lon,
              lat: req.body.lat,
              jurisdiction_id: req.body.jurisdictionId ?? null,
              active: req.body.active,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await audit(tx, req.goa.actor, {
            entity: 'vehicles.place',
            entityId: row.id,
            action: 'create',
            after: req.body,
          });
          return toView(await placeSelect(tx).where('id', '=', row.id).executeTakeFirstOrThrow());
        });
        return reply.status(201).send(view);
      } catch (e) {
        if (pgError(e)?.code === '23505') throw nameTaken();
        throw e;
      }
    },
  );

  r.patch(
    '/api/vehicles/places/:id',
    {
      config: { access: { permission: 'vehicles.fleet.write', scope: 'global' } },
      schema: {
        tags,
        summary: 'Change a place',
        params: idParams,
        body: placeBody.partial(),
        response: { 200: place },
      },
    },
    async (req) => {
      try {
        return await inTransaction(db, async (tx) => {
          const before = await placeSelect(tx).where('id', '=', req.params.id).executeTakeFirst();
          if (!before) throw errors.notFound('vehicles.place', req.params.id);
          const b = req.body;
          await tx
            .updateTable('veh_place')
            .set({
              name: b.name,
              kind: b.kind,
              address: b.address,
              lon: b.lon,
              lat: b.lat,
              jurisdiction_id: b.jurisdictionId,
              active: b.active,
              updated_at: sql`now()`,
            })
            .where('id', '=', req.params.id)
            .execute();
          await audit(tx, req.goa.actor, {
            entity: 'vehicles.place',
            entityId: req.params.id,
            action: 'update',
            before: toView(before),
            after: b,
          });
          return toView(await placeSelect(tx).where('id', '=', req.params.id).executeTakeFirstOrThrow());
        });
      } catch (e) {
        if (pgError(e)?.code === '23505') throw nameTaken();
        throw e;
      }
    },
  );

  r.delete(
    '/api/vehicles/places/:id',
    {
      config: { access: { permission: 'vehicles.fleet.write', scope: 'global' } },
      schema: {
        tags,
        summary: 'Delete a place no trip request uses (one in use is refused; deactivate it instead)',
        params: idParams,
      },
    },
    async (req, reply) => {
      const id = req.params.id;
      await inTransaction(db, async (tx) => {
        const before = await placeSelect(tx).where('id', '=', id).executeTakeFirst();
        if (!before) throw errors.notFound('vehicles.place', id);
        // one conditional statement: a place named by any request (origin or a destination) stays
        const gone = await tx
          .deleteFrom('veh_place')
          .where('id', '=', id)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('veh_request')
                  .select(sql`1`.as('x'))
                  .where((eb) =>
                    eb.or([eb('origin_id', '=', id), eb(sql`${id}::uuid`, '=', sql`any(destination_ids)`)]),
                  ),
              ),
            ),
          )
          .returning('id')
          .executeTakeFirst();
        if (!gone) throw placeInUse();
        await audit(tx, req.goa.actor, {
          entity: 'vehicles.place',
          entityId: id,
          action: 'delete',
          before: toView(before),
        });
      }).catch((e: unknown) => {
        // a request inserted between the check and the delete still trips the foreign key
        if (pgError(e)?.code === '23503') throw placeInUse();
        throw e;
      });
      return reply.status(204).send();
    },
  );
}

const placeInUse = () =>
  conflict('id', 'place_in_use', {
    'zh-CN': '该地点已被用车申请使用，不能删除，可改为停用',
    en: 'Trip requests use this place: it cannot be deleted; deactivate it instead',
  });
