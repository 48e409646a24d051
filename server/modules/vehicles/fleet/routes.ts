import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../kernel/errors.ts';
import { pageOf } from '../../../kernel/http/paging.ts';
import { registerOwnerResolver } from '../../../kernel/http/access.ts';
import { attachment, XLSX_TYPE } from '../../../kernel/org/excel.ts';
import type { AppContext } from '../../../kernel/module.ts';
import { idParams } from '../shared.ts';
import { dateIn } from '../shared.ts';
import type { VehiclesConfig } from '../config.ts';
import * as s from './schemas.ts';
import {
  addRecord,
  createVehicle,
  getVehicle,
  listRecords,
  listVehicles,
  updateVehicle,
  type FleetEnv,
} from './service.ts';
import { exportVehicles, importVehicles } from './excel.ts';
import { dueReminders } from './reminders.ts';

const tags = ['vehicles'];
const read = { permission: 'vehicles.fleet.read' } as const;
const write = { permission: 'vehicles.fleet.write' } as const;

registerOwnerResolver('vehicles.vehicle', async (db, id) => {
  const v = await db
    .selectFrom('veh_vehicle')
    .select(['jurisdiction_id', 'unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return v && { jurisdictionId: v.jurisdiction_id, unitId: v.unit_id, personId: null };
});

async function uploaded(req: FastifyRequest): Promise<Buffer> {
  const noFile = () =>
    new DomainError(
      'import_no_file',
      'invalid',
      { 'zh-CN': '请上传 Excel 文件（表单字段 file）', en: 'Upload an Excel file (form field "file")' },
      [{ field: 'file', code: 'required' }],
    );
  if (!req.isMultipart()) throw noFile();
  const file = await req.file();
  if (!file || file.fieldname !== 'file') throw noFile();
  return file.toBuffer();
}

/** The fleet register API: vehicles, their records, reminders, Excel. */
export function fleetRoutes(app: FastifyInstance, ctx: AppContext, cfg: VehiclesConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;
  const env: FleetEnv = { timeZone: ctx.config.timeZone, replacement: cfg.replacement };

  r.get(
    '/api/vehicles/vehicles',
    {
      config: { access: { ...read, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Vehicles in scope with their standard check and replacement eligibility',
        querystring: s.vehicleQuery,
        response: { 200: pageOf(s.vehicle) },
      },
    },
    async (req) => listVehicles(db, req.goa.scope, env, req.goa.locale, req.query),
  );

  r.get(
    '/api/vehicles/vehicles/export.xlsx',
    {
      config: { access: { ...read, scope: 'rows' } },
      schema: { tags, summary: 'Vehicles in scope as .xlsx', querystring: s.vehicleFilters },
    },
    async (req, reply) =>
      reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(`车辆-${dateIn(new Date(), ctx.config.timeZone)}.xlsx`))
        .send(await exportVehicles(db, req.goa.scope, env, req.query)),
  );

  r.post(
    '/api/vehicles/vehicles/import',
    {
      config: { access: { ...write, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Import vehicles from .xlsx (the export format); all rows or none',
        response: { 200: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }) },
      },
    },
    async (req) => importVehicles(db, req.goa.scope, req.goa.actor, req.goa.locale, await uploaded(req)),
  );

  r.get(
    '/api/vehicles/vehicles/:id',
    {
      config: { access: { ...read, scope: { entity: 'vehicles.vehicle', param: 'id' } } },
      schema: { tags, summary: 'One vehicle', params: idParams, response: { 200: s.vehicle } },
    },
    async (req) => getVehicle(db, env, req.goa.locale, req.params.id),
  );

  r.post(
    '/api/vehicles/vehicles',
    {
      config: { access: { ...write, scope: { entity: 'org.unit', body: 'unitId' } } },
      schema: {
        tags,
        summary: 'Register a vehicle (checked against the configuration standard)',
        body: s.vehicleCreate,
        response: { 201: s.vehicle },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createVehicle(db, req.goa.actor, env, req.goa.locale, req.body)),
  );

  r.patch(
    '/api/vehicles/vehicles/:id',
    {
      config: { access: { ...write, scope: { entity: 'vehicles.vehicle', param: 'id' } } },
      schema: {
        tags,
        summary: 'Change a vehicle (re-checked against the standard)',
        params: idParams,
        body: s.vehiclePatch,
        response: { 200: s.vehicle },
      },
    },
    async (req) => {
      if (req.body.unitId && !req.goa.scope.covers(await unitOwner(ctx, req.body.unitId))) {
        throw new DomainError(
          'out_of_scope',
          'forbidden',
          { 'zh-CN': '目标单位不在您的管理范围内', en: 'The target unit is outside your scope' },
          [{ field: 'unitId' }],
        );
      }
      return updateVehicle(db, req.goa.actor, env, req.goa.locale, req.params.id, req.body);
    },
  );

  r.get(
    '/api/vehicles/vehicles/:id/records',
    {
      config: { access: { ...read, scope: { entity: 'vehicles.vehicle', param: 'id' } } },
      schema: {
        tags,
        summary: 'Maintenance, insurance and annual-inspection records',
        params: idParams,
        response: { 200: z.array(s.record) },
      },
    },
    async (req) => listRecords(db, req.params.id),
  );

  r.post(
    '/api/vehicles/vehicles/:id/records',
    {
      config: { access: { ...write, scope: { entity: 'vehicles.vehicle', param: 'id' } } },
      schema: {
        tags,
        summary: 'Add a maintenance, insurance or annual-inspection record',
        params: idParams,
        body: s.recordCreate,
        response: { 201: s.record },
      },
    },
    async (req, reply) => reply.status(201).send(await addRecord(db, req.goa.actor, req.params.id, req.body)),
  );

  r.get(
    '/api/vehicles/reminders',
    {
      config: { access: { ...read, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Records and driver documents due within the reminder window',
        response: { 200: z.array(s.reminder) },
      },
    },
    async (req) =>
      (await dueReminders(db, req.goa.scope, dateIn(new Date(), ctx.config.timeZone), cfg.remindDays)).map(
        ({ kind, subjectId, subject, dueOn, daysLeft }) => ({ kind, subjectId, subject, dueOn, daysLeft }),
      ),
  );
}

async function unitOwner(ctx: AppContext, unitId: string) {
  const u = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'jurisdiction_id'])
    .where('id', '=', unitId)
    .executeTakeFirst();
  return { jurisdictionId: u?.jurisdiction_id ?? null, unitId: u?.id ?? null };
}
