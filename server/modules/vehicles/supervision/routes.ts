import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf, pageQuery } from '../../../kernel/http/paging.ts';
import type { AppContext } from '../../../kernel/module.ts';
import { dateIn, idParams, isoDate, optionalDate, optionalText, text } from '../shared.ts';
import { ALERT_KINDS, CATEGORIES } from '../tables.ts';
import { listAlerts, resolveAlert } from './alerts.ts';
import type { SupervisionConfig } from './config.ts';
import { createGeofence, deleteGeofence, listGeofences, updateGeofence } from './geofences.ts';
import { createInspection, inspectionFiles, listInspections, rectifyInspection } from './inspections.ts';
import { listSealLog, periodsAround, sealManually } from './sealing.ts';

const tags = ['vehicles'];
const supervise = { permission: 'vehicles.supervise' } as const;
const levels = ['green', 'yellow', 'red'] as const;
const results = ['compliant', 'rectify', 'violation'] as const;

const alert = z.object({
  id: z.string(),
  kind: z.enum(ALERT_KINDS),
  level: z.enum(levels),
  vehicleId: z.string(),
  plate: z.string(),
  tripId: z.string().nullable(),
  tripNo: z.string().nullable(),
  jurisdictionId: z.string(),
  jurisdiction: z.string(),
  detail: z.record(z.string(), z.unknown()),
  at: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
});

const sealEntry = z.object({
  id: z.string(),
  vehicleId: z.string(),
  plate: z.string(),
  category: z.string(),
  status: z.string(),
  jurisdiction: z.string(),
  action: z.enum(['seal', 'unseal']),
  odometerKm: z.number(),
  reason: z.string().nullable(),
  at: z.string(),
  periodStart: z.string().nullable(),
  by: z.string().nullable(),
});

const inspection = z.object({
  id: z.string(),
  heldOn: z.string(),
  subject: z.string(),
  findings: z.string().nullable(),
  result: z.enum(results),
  unitId: z.string(),
  unit: z.string(),
  jurisdictionId: z.string(),
  jurisdiction: z.string(),
  vehicleId: z.string().nullable(),
  plate: z.string().nullable(),
  inspector: z.string().nullable(),
  rectifyDueOn: z.string().nullable(),
  rectifiedOn: z.string().nullable(),
  rectifyNote: z.string().nullable(),
  overdue: z.boolean(),
  files: z.number(),
  version: z.number(),
});

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z.array(lonLat).min(3).max(2000);

/** Supervision (监管): sealing, alerts, inspections, geofences. */
export function supervisionRoutes(app: FastifyInstance, ctx: AppContext, cfg: SupervisionConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;
  const tz = ctx.config.timeZone;

  // --- sealing
  r.get(
    '/api/vehicles/supervision/seal-periods',
    {
      config: { access: { ...supervise, scope: 'global' } },
      schema: {
        tags,
        summary:
          'Holiday sealing periods from the calendar, the last four months and the next six (sealing day, unsealing day)',
        response: {
          200: z.object({
            minDays: z.number(),
            sealAt: z.string(),
            unsealAt: z.string(),
            exempt: z.array(z.string()),
            periods: z.array(
              z.object({
                start: z.string(),
                end: z.string(),
                days: z.number(),
                sealOn: z.string(),
                unsealOn: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({
      minDays: cfg.seal.minDays,
      sealAt: cfg.seal.sealAt,
      unsealAt: cfg.seal.unsealAt,
      exempt: cfg.seal.exempt,
      periods: await periodsAround(ctx, dateIn(new Date(), tz), cfg.seal.minDays, 122, 183),
    }),
  );
  r.get(
    '/api/vehicles/supervision/seal-log',
    {
      config: { access: { ...supervise, scope: 'rows' } },
      schema: {
        tags,
        summary: 'The sealing log (封存记录) in scope, newest first',
        querystring: pageQuery.extend({
          from: isoDate.optional(),
          to: isoDate.optional(),
          action: z.enum(['seal', 'unseal']).optional(),
        }),
        response: { 200: pageOf(sealEntry) },
      },
    },
    async (req) => {
      const res = await listSealLog(db, req.goa.scope, tz, req.query);
      return { ...res, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  r.post(
    '/api/vehicles/vehicles/:id/seal',
    {
      config: { access: { ...supervise, scope: { entity: 'vehicles.vehicle', param: 'id' } } },
      schema: {
        tags,
        summary: 'Seal (action seal) or unseal (action unseal) one vehicle by hand, with a reason',
        params: idParams,
        body: z.object({ action: z.enum(['seal', 'unseal']), reason: text(100) }),
        response: { 200: z.object({ id: z.string(), status: z.string() }) },
      },
    },
    async (req) => sealManually(db, req.goa.actor, req.params.id, req.body.action, req.body.reason),
  );

  // --- alerts
  r.get(
    '/api/vehicles/supervision/alerts',
    {
      config: { access: { ...supervise, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Three-colour alerts in scope with counts per level',
        querystring: pageQuery.extend({
          level: z.enum(levels).optional(),
          kind: z.enum(ALERT_KINDS).optional(),
          jurisdictionId: z.uuid().optional(),
          status: z.enum(['open', 'resolved']).optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
        }),
        response: {
          200: pageOf(alert).extend({
            counts: z.object({ red: z.number(), yellow: z.number(), green: z.number(), open: z.number() }),
          }),
        },
      },
    },
    async (req) => listAlerts(db, req.goa.scope, tz, req.query),
  );
  r.post(
    '/api/vehicles/supervision/alerts/:id/resolve',
    {
      config: { access: { ...supervise, scope: { entity: 'vehicles.alert', param: 'id' } } },
      schema: {
        tags,
        summary: 'Resolve an open alert with a note (处置说明)',
        params: idParams,
        body: z.object({ note: text(200) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await resolveAlert(db, req.goa.actor, req.params.id, req.body.note);
      return reply.status(204).send(null);
    },
  );

  // --- inspections
  r.get(
    '/api/vehicles/supervision/inspections',
    {
      config: { access: { ...supervise, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Special inspections (专项督查) in scope',
        querystring: pageQuery.extend({
          result: z.enum(results).optional(),
          jurisdictionId: z.uuid().optional(),
          unitId: z.uuid().optional(),
          rectification: z.enum(['open', 'overdue', 'done']).optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
        }),
        response: { 200: pageOf(inspection) },
      },
    },
    async (req) => listInspections(db, req.goa.scope, dateIn(new Date(), tz), req.query),
  );
  r.post(
    '/api/vehicles/supervision/inspections',
    {
      config: { access: { ...supervise, scope: { entity: 'org.unit', body: 'unitId' } } },
      schema: {
        tags,
        summary: 'Record an inspection; rectify and violation results need a due date',
        body: z.object({
          unitId: z.uuid(),
          vehicleId: z.uuid().nullish(),
          heldOn: isoDate,
          subject: text(100),
          findings: optionalText(2000),
          result: z.enum(results),
          rectifyDueOn: optionalDate,
          fileIds: z.array(z.uuid()).max(20).optional(),
        }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createInspection(db, req.goa.actor, dateIn(new Date(), tz), req.body)),
  );
  r.post(
    '/api/vehicles/supervision/inspections/:id/rectified',
    {
      config: { access: { ...supervise, scope: { entity: 'vehicles.inspection', param: 'id' } } },
      schema: {
        tags,
        summary: 'Record the rectification as done',
        params: idParams,
        body: z.object({ rectifiedOn: isoDate, note: text(500), version: z.number().int().min(1) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await rectifyInspection(db, req.goa.actor, req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/vehicles/supervision/inspections/:id/files',
    {
      config: { access: { ...supervise, scope: { entity: 'vehicles.inspection', param: 'id' } } },
      schema: {
        tags,
        summary: "An inspection's attachments",
        params: idParams,
        response: {
          200: z.array(
            z.object({ id: z.string(), name: z.string(), size: z.number(), contentType: z.string() }),
          ),
        },
      },
    },
    async (req) => inspectionFiles(db, req.params.id),
  );

  // --- geofences
  const geofence = z.object({
    id: z.string(),
    jurisdictionId: z.string(),
    jurisdiction: z.string(),
    name: z.string(),
    ring: z.array(z.tuple([z.number(), z.number()])),
    active: z.boolean(),
    pools: z.array(z.object({ id: z.string(), name: z.string() })),
    categories: z.array(z.enum(CATEGORIES)),
    vehicles: z.array(z.object({ id: z.string(), plate: z.string() })),
    updatedAt: z.string(),
  });
  const fenceScope = {
    pools: z.array(z.uuid()).min(1).max(20).optional(),
    categories: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length).optional(),
    vehicleIds: z.array(z.uuid()).max(500).optional(),
  };
  r.get(
    '/api/vehicles/supervision/geofences',
    {
      config: { access: { ...supervise, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Geofences (电子围栏) in scope, with the pools, categories and vehicles each watches',
        querystring: z.object({
          jurisdictionId: z.uuid().optional(),
          active: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.array(geofence) },
      },
    },
    async (req) =>
      listGeofences(db, req.goa.scope, {
        jurisdictionId: req.query.jurisdictionId,
        active: req.query.active === undefined ? undefined : req.query.active === 'true',
      }),
  );
  r.post(
    '/api/vehicles/supervision/geofences',
    {
      config: { access: { ...supervise, scope: { entity: 'org.jurisdiction', body: 'jurisdictionId' } } },
      schema: {
        tags,
        summary:
          "Add a geofence to a jurisdiction: a simple polygon of [lon, lat]; it watches the jurisdiction's pool unless pools, categories or vehicles say otherwise",
        body: z.object({
          jurisdictionId: z.uuid(),
          name: text(60),
          ring,
          active: z.boolean().optional(),
          ...fenceScope,
        }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createGeofence(db, req.goa.actor, req.body)),
  );
  r.patch(
    '/api/vehicles/supervision/geofences/:id',
    {
      config: { access: { ...supervise, scope: { entity: 'vehicles.geofence', param: 'id' } } },
      schema: {
        tags,
        summary: 'Rename, reshape, rescope or (de)activate a geofence',
        params: idParams,
        body: z.object({
          name: text(60).optional(),
          ring: ring.optional(),
          active: z.boolean().optional(),
          ...fenceScope,
        }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await updateGeofence(db, req.goa.actor, req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );
  r.delete(
    '/api/vehicles/supervision/geofences/:id',
    {
      config: { access: { ...supervise, scope: { entity: 'vehicles.geofence', param: 'id' } } },
      schema: {
        tags,
        summary: 'Delete a geofence (alerts it raised stay)',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteGeofence(db, req.goa.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
