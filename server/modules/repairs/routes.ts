import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../kernel/module.ts';
import { pageOf, pageQuery } from '../../kernel/http/paging.ts';
import { user, type UserPrincipal } from '../../kernel/http/access.ts';
import { DataScope } from '../../kernel/access/scope.ts';
import { calendarService } from '../../kernel/calendar/index.ts';
import { LoginThrottle } from '../../kernel/auth/index.ts';
import { DomainError, errors } from '../../kernel/errors.ts';
import { getBuilding, listBuildings } from '../rooms/index.ts';
import { repairErrors as re } from './errors.ts';
import * as svc from './service.ts';
import * as q from './queries.ts';
import { REPAIR_STATUSES } from './tables.ts';
import { FileStore } from '../../kernel/files/storage.ts';
import { commitPhotos, insertPhotoRows, receivePublicReport, type PhotoLimits } from './public-photos.ts';

const tags = ['repairs'];
const idParam = z.object({ id: z.uuid() });
const text = (max: number) => z.string().trim().min(1).max(max);

const view = z.object({
  id: z.string(),
  no: z.string(),
  status: z.enum(REPAIR_STATUSES),
  description: z.string(),
  buildingId: z.string().nullable(),
  buildingName: z.string().nullable(),
  floor: z.string().nullable(),
  room: z.string().nullable(),
  categoryId: z.string(),
  categoryName: z.string(),
  slaDays: z.number(),
  requesterName: z.string(),
  requesterPhone: z.string().nullable(),
  requesterAccountId: z.string().nullable(),
  assigneeAccountId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  contractorId: z.string().nullable(),
  contractorName: z.string().nullable(),
  unitName: z.string(),
  reportedAt: z.string(),
  dueAt: z.string(),
  assignedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  overdue: z.boolean(),
  rating: z.number().nullable(),
  ratingComment: z.string().nullable(),
  source: z.enum(['app', 'qr']),
});
const detail = view.extend({
  events: z.array(
    z.object({ status: z.string(), note: z.string().nullable(), actor: z.string(), at: z.string() }),
  ),
  photos: z.array(z.object({ id: z.string(), name: z.string(), contentType: z.string() })),
});
const statRow = z.object({
  name: z.string(),
  total: z.number(),
  open: z.number(),
  overdue: z.number(),
  avg_rating: z.number().nullable(),
  avg_hours: z.number().nullable(),
});
const reportBody = z.object({
  categoryId: z.uuid(),
  description: text(1000),
  buildingId: z.uuid().nullish(),
  floor: z.string().trim().max(20).nullish(),
  room: z.string().trim().max(100).nullish(),
  fileIds: z.array(z.uuid()).max(9).optional(),
});
const qrView = z.object({
  token: z.string(),
  label: z.string(),
  buildingId: z.string().nullable(),
  buildingName: z.string().nullable(),
  floor: z.string().nullable(),
  room: z.string().nullable(),
  categoryId: z.string().nullable(),
  publicEnabled: z.boolean(),
});

export function repairRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  publicPerMinute: number,
  photoLimits: PhotoLimits = { maxFiles: 3, maxBytes: 5 * 1_048_576 },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;
  const calendar = calendarService(ctx);
  const throttle = new LoginThrottle(publicPerMinute, 60_000);
  const limit = (req: FastifyRequest) => {
    if (!throttle.allow(req.ip)) {
      throw new DomainError('rate_limited', 'rate_limited', {
        'zh-CN': '请求过于频繁，请稍后再试。',
        en: 'Too many requests; try again later.',
      });
    }
  };
  const manages = (p: UserPrincipal, owner: { unitId: string; jurisdictionId: string }) =>
    DataScope.forPermission(p.roles, 'repairs.manage', p.personId).covers(owner);
  const reads = (p: UserPrincipal, owner: { unitId: string; jurisdictionId: string }) =>
    DataScope.forPermission(p.roles, 'repairs.read', p.personId).covers(owner);

  async function reporterOf(p: UserPrincipal): Promise<svc.Reporter> {
    const person = p.personId
      ? await db
          .selectFrom('org_person')
          .select(['name', 'phone', 'unit_id', 'jurisdiction_id'])
          .where('id', '=', p.personId)
          .executeTakeFirst()
      : undefined;
    return {
      accountId: p.accountId,
      personId: p.personId,
      name: person?.name ?? p.displayName,
      phone: person?.phone && /^1[3-9]\d{9}$/.test(person.phone) ? person.phone : null,
      unitId: person?.unit_id ?? p.unitId,
      jurisdictionId: person?.jurisdiction_id ?? p.jurisdictionId,
    };
  }

  /** Who may see one request: its requester, its worker, or the office over its owner. */
  async function visible(req: FastifyRequest, id: string) {
    const p = user(req);
    const row = await db
      .selectFrom('repair_request as r')
      .leftJoin('repair_contractor as k', 'k.id', 'r.contractor_id')
      .select([
        'r.unit_id',
        'r.jurisdiction_id',
        'r.requester_account_id',
        'r.assignee_account_id',
        'k.account_id',
      ])
      .where('r.id', '=', id)
      .executeTakeFirst();
    if (!row) throw errors.notFound('repairs.request', id);
    const owner = { unitId: row.unit_id, jurisdictionId: row.jurisdiction_id };
    const mine = [row.requester_account_id, row.assignee_account_id, row.account_id].includes(p.accountId);
    if (!mine && !reads(p, owner)) throw errors.outOfScope();
    return { owner, manager: manages(p, owner) };
  }

  r.get(
    '/api/repairs/categories',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Repair categories with their SLA in business days',
        response: {
          200: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), slaDays: z.number() })),
        },
      },
    },
    async (req) => q.categories(db, req.goa.locale),
  );

  r.get(
    '/api/repairs/buildings',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Buildings a fault can be reported in',
        response: {
          200: z.array(
            z.object({ id: z.string(), name: z.string(), floors: z.number(), jurisdictionName: z.string() }),
          ),
        },
      },
    },
    async () =>
      (await listBuildings(db)).map((b) => ({
        id: b.id,
        name: b.name,
        floors: b.floors,
        jurisdictionName: b.jurisdictionName,
      })),
  );

  r.post(
    '/api/repairs/requests',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Report a fault (photos: uploaded file ids)',
        body: reportBody,
        response: { 201: detail },
      },
    },
    async (req, reply) => {
      const cal = await calendar.get();
      const row = await svc.report(db, cal, await reporterOf(user(req)), req.body, req.goa.actor);
      reply.code(201);
      return q.requestDetail(db, row.id, req.goa.locale);
    },
  );

  r.get(
    '/api/repairs/mine',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: 'Requests the caller reported', response: { 200: z.array(view) } },
    },
    async (req) => q.myRequests(db, user(req).accountId, req.goa.locale),
  );

  r.get(
    '/api/repairs/tasks',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "The caller's repair jobs (open ones; all=true for closed too)",
        querystring: z.object({ all: z.stringbool().default(false) }),
        response: { 200: z.array(view) },
      },
    },
    async (req) => q.myTasks(db, user(req).accountId, req.goa.locale, req.query.all),
  );

  r.get(
    '/api/repairs/requests',
    {
      config: { access: { permission: 'repairs.read', scope: 'rows' } },
      schema: {
        tags,
        summary: 'Requests in scope (filters: status or "open", buildingId, categoryId, overdue, q)',
        querystring: pageQuery.extend({
          status: z.enum([...REPAIR_STATUSES, 'open']).optional(),
          buildingId: z.uuid().optional(),
          categoryId: z.uuid().optional(),
          overdue: z.stringbool().optional(),
          q: z.string().max(50).optional(),
        }),
        response: { 200: pageOf(view) },
      },
    },
    async (req) => q.listRequests(db, req.goa.scope, req.query, req.goa.locale),
  );

  r.get(
    '/api/repairs/requests/:id',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'One request with its history and photos (requester, worker or office)',
        params: idParam,
        response: { 200: detail },
      },
    },
    async (req) => {
      await visible(req, req.params.id);
      return q.requestDetail(db, req.params.id, req.goa.locale);
    },
  );

  r.post(
    '/api/repairs/requests/:id/assign',
    {
      config: { access: { permission: 'repairs.manage', scope: { entity: 'repairs.request', param: 'id' } } },
      schema: {
        tags,
        summary: 'Triage and assign to a worker account or a contractor (optionally correcting the category)',
        params: idParam,
        body: z.object({
          assigneeAccountId: z.uuid().nullish(),
          contractorId: z.uuid().nullish(),
          categoryId: z.uuid().optional(),
          note: z.string().trim().max(500).optional(),
        }),
        response: { 200: detail },
      },
    },
    async (req) => {
      await svc.assign(db, await calendar.get(), req.params.id, req.body, req.goa.actor);
      return q.requestDetail(db, req.params.id, req.goa.locale);
    },
  );

  r.post(
    '/api/repairs/requests/:id/steps',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "The worker's progress: accepted, on_site, waiting_parts, done",
        params: idParam,
        body: z.object({
          status: z.enum(['accepted', 'on_site', 'waiting_parts', 'done']),
          note: z.string().trim().max(500).optional(),
        }),
        response: { 200: detail },
      },
    },
    async (req) => {
      await svc.workerStep(
        db,
        req.params.id,
        req.body.status,
        req.body.note ?? null,
        user(req).accountId,
        req.goa.actor,
      );
      return q.requestDetail(db, req.params.id, req.goa.locale);
    },
  );

  r.post(
    '/api/repairs/requests/:id/confirm',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'The requester confirms and rates (fixed) or reopens (not fixed)',
        params: idParam,
        body: z.object({
          fixed: z.boolean(),
          rating: z.number().int().min(1).max(5).optional(),
          comment: z.string().trim().max(500).optional(),
        }),
        response: { 200: detail },
      },
    },
    async (req) => {
      await svc.confirm(db, req.params.id, req.body, user(req).accountId, req.goa.actor);
      return q.requestDetail(db, req.params.id, req.goa.locale);
    },
  );

  r.post(
    '/api/repairs/requests/:id/cancel',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Withdraw (requester, before assignment) or cancel (office)',
        params: idParam,
        body: z.object({ reason: z.string().trim().max(200).optional() }).optional(),
        response: { 200: detail },
      },
    },
    async (req) => {
      const { manager } = await visible(req, req.params.id);
      await svc.cancel(
        db,
        req.params.id,
        user(req).accountId,
        manager,
        req.body?.reason ?? null,
        req.goa.actor,
      );
      return q.requestDetail(db, req.params.id, req.goa.locale);
    },
  );

  r.get(
    '/api/repairs/stats',
    {
      config: { access: { permission: 'repairs.read', scope: 'rows' } },
      schema: {
        tags,
        summary: 'Statistics per building, category and contractor over a period (default: the last 90 days)',
        querystring: z.object({
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
        }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            byBuilding: z.array(statRow),
            byCategory: z.array(statRow),
            byContractor: z.array(statRow),
          }),
        },
      },
    },
    async (req) => {
      const to = req.query.to ? new Date(req.query.to) : new Date();
      const from = req.query.from ? new Date(req.query.from) : new Date(to.getTime() - 90 * 86_400_000);
      return q.statistics(db, req.goa.scope, from, to, req.goa.locale);
    },
  );

  // —— workers and contractors ——
  r.get(
    '/api/repairs/workers',
    {
      config: { access: { permission: 'repairs.manage', scope: 'rows' } },
      schema: {
        tags,
        summary: 'Accounts of people in scope by name, to assign a job to',
        querystring: z.object({ q: z.string().trim().max(30).default('') }),
        response: {
          200: z.array(
            z.object({
              accountId: z.string(),
              name: z.string(),
              unitName: z.string(),
              position: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (req) => {
      let sel = db
        .selectFrom('auth_account as a')
        .innerJoin('org_person as p', 'p.id', 'a.person_id')
        .innerJoin('org_unit as u', 'u.id', 'p.unit_id')
        .select(['a.id as accountId', 'p.name', 'u.name as unitName', 'p.position'])
        .where('a.disabled', '=', false)
        .where(req.goa.scope.where({ jurisdiction: 'p.jurisdiction_id', unit: 'p.unit_id' }));
      if (req.query.q)
        sel = sel.where('p.name', 'like', `%${req.query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
      return sel.orderBy('p.name').limit(30).execute();
    },
  );

  const contractorView = z.object({
    id: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    unitName: z.string(),
    hasAccount: z.boolean(),
  });
  r.get(
    '/api/repairs/contractors',
    {
      config: { access: { permission: 'repairs.read', scope: 'rows' } },
      schema: { tags, summary: 'Contractors in scope', response: { 200: z.array(contractorView) } },
    },
    async (req) => {
      const rows = await db
        .selectFrom('repair_contractor as k')
        .innerJoin('org_unit as u', 'u.id', 'k.unit_id')
        .select(['k.id', 'k.name', 'k.phone', 'u.name as unitName', 'k.account_id'])
        .where('k.active', '=', true)
        .where(req.goa.scope.where({ jurisdiction: 'k.jurisdiction_id', unit: 'k.unit_id' }))
        .orderBy('k.name')
        .execute();
      return rows.map(({ account_id, ...k }) => ({ ...k, hasAccount: account_id !== null }));
    },
  );

  r.post(
    '/api/repairs/contractors',
    {
      config: { access: { permission: 'repairs.manage', scope: { entity: 'org.unit', body: 'unitId' } } },
      schema: {
        tags,
        summary: 'Add a contractor for a unit (optionally with the account its worker uses)',
        body: z.object({
          unitId: z.uuid(),
          name: text(120),
          phone: z.string().trim().max(20).nullish(),
          accountId: z.uuid().nullish(),
        }),
        response: { 201: contractorView },
      },
    },
    async (req, reply) => {
      const row = await svc.addContractor(db, req.body, req.goa.actor);
      reply.code(201);
      return row;
    },
  );

  // —— QR codes on rooms and devices ——
  r.get(
    '/api/repairs/qr',
    {
      config: { access: { permission: 'repairs.read', scope: 'rows' } },
      schema: { tags, summary: 'QR codes in scope', response: { 200: z.array(qrView) } },
    },
    async (req) => svc.listQr(db, req.goa.scope),
  );

  r.post(
    '/api/repairs/qr',
    {
      config: { access: { permission: 'repairs.manage', scope: 'rows' } },
      schema: {
        tags,
        summary: 'Make a QR code for a room or device of a building in scope',
        body: z.object({
          buildingId: z.uuid(),
          label: text(100),
          floor: z.string().trim().max(20).nullish(),
          room: z.string().trim().max(100).nullish(),
          categoryId: z.uuid().nullish(),
          publicEnabled: z.boolean().default(true),
        }),
        response: { 201: qrView },
      },
    },
    async (req, reply) => {
      const b = await getBuilding(db, req.body.buildingId);
      if (!b) throw re.building();
      if (!req.goa.scope.covers({ unitId: b.unitId, jurisdictionId: b.jurisdictionId }))
        throw errors.outOfScope();
      reply.code(201);
      return svc.createQr(
        db,
        { ...req.body, unitId: b.unitId, jurisdictionId: b.jurisdictionId, buildingName: b.name },
        req.goa.actor,
      );
    },
  );

  r.get(
    '/api/public/repairs/qr/:token',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'What a QR code points at (public)',
        params: z.object({ token: z.string().min(10).max(64) }),
        response: {
          200: qrView
            .omit({ token: true })
            .extend({ categories: z.array(z.object({ id: z.string(), name: z.string() })) }),
        },
      },
    },
    async (req) => {
      limit(req);
      const { token: _t, ...qr } = await svc.qrByToken(db, req.params.token);
      void _t;
      const cats = await q.categories(db, req.goa.locale);
      return { ...qr, categories: cats.map((c) => ({ id: c.id, name: c.name })) };
    },
  );

  r.post(
    '/api/public/repairs/qr/:token/reports',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Report a fault through a QR code without signing in (where the code allows it)',
        params: z.object({ token: z.string().min(10).max(64) }),
        body: z.object({ name: text(50), phone: text(20), categoryId: z.uuid(), description: text(1000) }),
        response: { 201: z.object({ no: z.string(), dueAt: z.string() }) },
      },
    },
    async (req, reply) => {
      limit(req);
      const qr = await svc.qrByToken(db, req.params.token);
      if (!qr.publicEnabled) throw re.qrClosed();
      const row = await svc.report(
        db,
        await calendar.get(),
        {
          accountId: null,
          personId: null,
          name: req.body.name,
          phone: req.body.phone,
          unitId: null,
          jurisdictionId: null,
        },
        {
          categoryId: req.body.categoryId,
          description: req.body.description,
          buildingId: qr.buildingId,
          floor: qr.floor,
          room: qr.room,
        },
        { accountId: null, label: `public:${req.body.name}`, ip: req.ip },
        'qr',
      );
      reply.code(201);
      return { no: row.no, dueAt: row.due_at.toISOString() };
    },
  );

  r.post(
    '/api/public/repairs/qr/:token/reports/with-photos',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary:
          'Report a fault through a QR code with photos (multipart: name, phone, categoryId, description and up to 3 JPEG/PNG/WebP files in "photos")',
        consumes: ['multipart/form-data'],
        params: z.object({ token: z.string().min(10).max(64) }),
        response: { 201: z.object({ no: z.string(), dueAt: z.string(), photos: z.number() }) },
      },
    },
    async (req, reply) => {
      limit(req);
      const qr = await svc.qrByToken(db, req.params.token);
      if (!qr.publicEnabled) throw re.qrClosed();
      const store = new FileStore(ctx.config.filesDir);
      const { fields, photos } = await receivePublicReport(req, store, photoLimits);
      const keys = await commitPhotos(store, photos);
      const actor = { accountId: null, label: `public:${fields.name}`, ip: req.ip };
      try {
        const row = await svc.report(
          db,
          await calendar.get(),
          {
            accountId: null,
            personId: null,
            name: fields.name,
            phone: fields.phone,
            unitId: null,
            jurisdictionId: null,
          },
          {
            categoryId: fields.categoryId,
            description: fields.description,
            buildingId: qr.buildingId,
            floor: qr.floor,
            room: qr.room,
          },
          actor,
          'qr',
          (tx, request) => insertPhotoRows(tx, actor, request, photos, keys),
        );
        reply.code(201);
        return { no: row.no, dueAt: row.due_at.toISOString(), photos: photos.length };
      } catch (e) {
        await Promise.all(keys.map((k) => store.remove(k)));
        throw e;
      }
    },
  );
}
