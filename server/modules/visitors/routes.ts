import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../kernel/module.ts';
import { pageOf, pageQuery } from '../../kernel/http/paging.ts';
import { user } from '../../kernel/http/access.ts';
import { LoginThrottle } from '../../kernel/auth/index.ts';
import { errors } from '../../kernel/errors.ts';
import { visitorsEnv } from './env.ts';
import { visitorErrors as ve } from './errors.ts';
import * as svc from './service.ts';
import * as gate from './gate.ts';

const tags = ['visitors'];
const STATUSES = ['pending', 'approved', 'declined', 'cancelled', 'checked_in', 'checked_out'] as const;

const visitorBody = z.object({
  visitorName: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().min(1).max(30),
  mobile: z.string().trim().min(1).max(20),
  company: z.string().trim().max(100).nullish(),
  purpose: z.string().trim().min(1).max(200),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  plate: z.string().trim().max(12).nullish(),
});

const visitView = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  unitName: z.string(),
  hostName: z.string(),
  visitorName: z.string(),
  idMasked: z.string().nullable(),
  mobile: z.string().nullable(),
  company: z.string().nullable(),
  purpose: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  plate: z.string().nullable(),
  status: z.enum(STATUSES),
  walkIn: z.boolean(),
  flagged: z.boolean(),
  passCode: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  checks: z.record(z.string(), z.unknown()).nullable(),
  declineReason: z.string().nullable(),
});

export const siteCheck = z.object({
  code: z.string(),
  kind: z.enum(['temperature', 'health_code', 'yes_no']),
  label: z.object({ 'zh-CN': z.string(), en: z.string() }),
  max: z.number().optional(),
});

/** a visitor site with its gate checks, as the gate and the site managers see it */
const siteView = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  checks: z.array(siteCheck),
});
const toSiteView = (s: z.infer<typeof siteView>) => ({
  id: s.id,
  name: s.name,
  address: s.address,
  checks: s.checks,
});

const checkValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const idParam = z.object({ id: z.uuid() });

const whitelistEntry = z.object({
  plate: z.string(),
  visitorName: z.string(),
  siteName: z.string(),
  unitName: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
});
const whitelistQuery = z.object({
  siteId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

function windowOf(q: { from?: string | undefined; to?: string | undefined }) {
  const from = q.from ? new Date(q.from) : new Date();
  const to = q.to ? new Date(q.to) : new Date(from.getTime() + 86_400_000);
  if (to <= from)
    throw errors.field('to', 'time_window_invalid', {
      'zh-CN': '结束时间必须晚于开始时间。',
      en: 'The end must be after the start.',
    });
  return { from, to };
}

const attachment = (name: string) =>
  `attachment; filename="whitelist"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function visitorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;
  const env = visitorsEnv(ctx);
  const throttle = new LoginThrottle(env.settings.publicPerMinute, 60_000);
  const limit = (req: FastifyRequest) => {
    if (!throttle.allow(`${req.ip}`)) throw ve.rateLimited();
  };

  // —— public (no sign-in, rate-limited) ——
  r.get(
    '/api/public/visitors/sites',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Sites a visitor may choose',
        response: {
          200: z.array(z.object({ id: z.string(), name: z.string(), address: z.string().nullable() })),
        },
      },
    },
    async (req) => {
      limit(req);
      return svc.publicSites(db);
    },
  );

  r.get(
    '/api/public/visitors/links/:token',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: "A host's appointment link: whom the visitor will see",
        params: z.object({ token: z.string().min(10).max(64) }),
        response: { 200: z.object({ hostName: z.string(), unitName: z.string(), siteName: z.string() }) },
      },
    },
    async (req) => {
      limit(req);
      const h = await svc.hostByLink(db, req.params.token);
      return { hostName: h.name, unitName: h.unitName, siteName: h.siteName };
    },
  );

  r.post(
    '/api/public/visitors/appointments',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary:
          'A visitor asks for an appointment (through a host link, or naming the host by name and phone)',
        body: visitorBody.extend({
          hostLink: z.string().min(10).max(64).optional(),
          siteId: z.uuid().optional(),
          hostName: z.string().trim().max(50).optional(),
          hostPhone: z.string().trim().max(20).optional(),
        }),
        response: { 201: z.object({ passToken: z.string(), status: z.enum(STATUSES) }) },
      },
    },
    async (req, reply) => {
      limit(req);
      const b = req.body;
      const host = b.hostLink
        ? await svc.hostByLink(db, b.hostLink)
        : b.siteId && b.hostName && b.hostPhone
          ? await svc.hostByNameAndPhone(db, b.siteId, b.hostName, b.hostPhone)
          : (() => {
              throw ve.hostNotFound();
            })();
      reply.code(201);
      return svc.registerVisit(db, env.cipher, host, b, req.ip);
    },
  );

  r.get(
    '/api/public/visitors/passes/:token',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'A visit by its unguessable pass link: status, and the pass code while valid',
        params: z.object({ token: z.string().min(10).max(64) }),
        response: {
          200: z.object({
            status: z.enum(STATUSES),
            expired: z.boolean(),
            visitorName: z.string(),
            hostName: z.string(),
            unitName: z.string(),
            siteName: z.string(),
            siteAddress: z.string().nullable(),
            startsAt: z.string(),
            endsAt: z.string(),
            plate: z.string().nullable(),
            passCode: z.string().nullable(),
            declineReason: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => {
      limit(req);
      return svc.passView(db, req.params.token);
    },
  );

  // —— hosts and unit admins ——
  r.get(
    '/api/visitors/mine',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "The caller's visitors as a host (recent and upcoming)",
        response: { 200: z.array(visitView) },
      },
    },
    async (req) => svc.myVisits(db, user(req).personId),
  );

  r.get(
    '/api/visitors/host-link',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "The caller's shareable appointment link (made on first use)",
        response: { 200: z.object({ token: z.string() }) },
      },
    },
    async (req) => svc.hostLink(db, user(req).personId, req.goa.actor),
  );

  r.get(
    '/api/visitors/visits',
    {
      config: { access: { permission: 'visitors.visit.read', scope: 'rows' } },
      schema: {
        tags,
        summary: 'Visits in scope (filters: status, q, from, to)',
        querystring: pageQuery.extend({
          status: z.enum(STATUSES).optional(),
          q: z.string().max(50).optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 200: pageOf(visitView) },
      },
    },
    async (req) => svc.listVisits(db, req.goa.scope, req.query),
  );

  r.get(
    '/api/visitors/visits/:id',
    {
      config: {
        access: { permission: 'visitors.visit.read', scope: { entity: 'visitors.visit', param: 'id' } },
      },
      schema: { tags, summary: 'One visit', params: idParam, response: { 200: visitView } },
    },
    async (req) => svc.getVisit(db, req.params.id),
  );

  for (const [verb, approve] of [
    ['approve', true],
    ['decline', false],
  ] as const) {
    r.post(
      `/api/visitors/visits/:id/${verb}`,
      {
        config: {
          access: { permission: 'visitors.visit.decide', scope: { entity: 'visitors.visit', param: 'id' } },
        },
        schema: {
          tags,
          summary: approve
            ? 'Approve a pending appointment (issues the pass code)'
            : 'Decline a pending appointment',
          params: idParam,
          body: z.object({ reason: z.string().trim().max(200).optional() }).optional(),
          response: { 200: visitView },
        },
      },
      async (req) => {
        await svc.decideVisit(db, req.params.id, approve, req.body?.reason ?? null, req.goa.actor);
        return svc.getVisit(db, req.params.id);
      },
    );
  }

  // —— the gate ——
  const gateAccess = { permission: 'visitors.gate', scope: 'rows' } as const;
  const pid = (req: FastifyRequest) => user(req).personId;

  r.get(
    '/api/visitors/gate/sites',
    {
      config: { access: gateAccess },
      schema: {
        tags,
        summary: "The guard's sites with their gate checks",
        response: { 200: z.array(siteView) },
      },
    },
    async (req) => (await gate.gateSites(db, req.goa.scope, pid(req))).map(toSiteView),
  );

  r.get(
    '/api/visitors/gate/find',
    {
      config: { access: gateAccess },
      schema: {
        tags,
        summary: "Today's and upcoming visits at the guard's sites by pass code, plate, name or ID number",
        querystring: z.object({ q: z.string().max(30).default('') }),
        response: { 200: z.array(visitView) },
      },
    },
    async (req) => gate.findAtGate(db, env.cipher, req.goa.scope, pid(req), req.query.q),
  );

  r.post(
    '/api/visitors/gate/check-in',
    {
      config: { access: gateAccess },
      schema: {
        tags,
        summary: 'Check a visitor in by pass code or visit id, with the site checks',
        body: z.object({
          code: z.string().trim().max(20).optional(),
          visitId: z.uuid().optional(),
          checks: checkValues.default({}),
        }),
        response: { 200: visitView },
      },
    },
    async (req) => gate.checkIn(db, req.goa.scope, pid(req), req.body, req.goa.actor),
  );

  r.post(
    '/api/visitors/gate/check-out/:id',
    {
      config: { access: gateAccess },
      schema: { tags, summary: 'Check a visitor out', params: idParam, response: { 200: visitView } },
    },
    async (req) => gate.checkOut(db, req.goa.scope, pid(req), req.params.id, req.goa.actor),
  );

  r.get(
    '/api/visitors/gate/hosts',
    {
      config: { access: gateAccess },
      schema: {
        tags,
        summary: 'Hosts by exact name or phone, for a walk-in',
        querystring: z.object({ q: z.string().max(30) }),
        response: { 200: z.array(z.object({ id: z.string(), name: z.string(), unitName: z.string() })) },
      },
    },
    async (req) => gate.searchHosts(db, req.query.q),
  );

  r.post(
    '/api/visitors/gate/walk-ins',
    {
      config: { access: gateAccess },
      schema: {
        tags,
        summary: 'Register and check in a visitor without appointment',
        body: visitorBody.extend({
          siteId: z.uuid(),
          hostPersonId: z.uuid(),
          checks: checkValues.default({}),
        }),
        response: { 201: visitView },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return gate.walkIn(db, env.cipher, req.goa.scope, pid(req), req.body, req.goa.actor);
    },
  );

  r.put(
    '/api/visitors/sites/:id/checks',
    {
      config: {
        access: { permission: 'visitors.site.manage', scope: { entity: 'visitors.site', param: 'id' } },
      },
      schema: {
        tags,
        summary: "Set a site's gate checks (temperature, health code, yes/no questions; empty: none)",
        params: idParam,
        body: z.object({ checks: z.array(siteCheck).max(10) }),
        response: {
          200: z.object({
            id: z.string(),
            name: z.string(),
            address: z.string().nullable(),
            checks: z.array(siteCheck),
          }),
        },
      },
    },
    async (req) => gate.setSiteChecks(db, req.params.id, req.body.checks, req.goa.actor),
  );

  // —— blacklist ——
  const blItem = z.object({
    id: z.string(),
    name: z.string(),
    idMasked: z.string(),
    reason: z.string(),
    createdAt: z.string(),
    flags: z.number(),
  });
  r.get(
    '/api/visitors/blacklist',
    {
      config: { access: { permission: 'visitors.blacklist.manage', scope: 'rows' } },
      schema: {
        tags,
        summary: 'The blacklist in scope, with refused attempts',
        response: { 200: z.array(blItem) },
      },
    },
    async (req) => gate.listBlacklist(db, req.goa.scope, pid(req)),
  );
  r.get(
    '/api/visitors/blacklist/sites',
    {
      config: { access: { permission: 'visitors.blacklist.manage', scope: 'rows' } },
      schema: {
        tags,
        summary: 'The sites a blacklist entry may be added for (in scope, or guarded by the caller)',
        response: { 200: z.array(siteView) },
      },
    },
    async (req) => (await gate.gateSites(db, req.goa.scope, pid(req))).map(toSiteView),
  );
  r.post(
    '/api/visitors/blacklist',
    {
      config: { access: { permission: 'visitors.blacklist.manage', scope: 'rows' } },
      schema: {
        tags,
        summary: "Blacklist a person (by ID number) for a site's owner unit (a site in scope or guarded)",
        body: z.object({
          siteId: z.uuid(),
          name: z.string().trim().min(1).max(50),
          idNumber: z.string().trim().min(1).max(30),
          reason: z.string().trim().min(1).max(200),
        }),
        response: { 201: blItem },
      },
    },
    async (req, reply) => {
      const site = (await gate.gateSites(db, req.goa.scope, pid(req))).find((s) => s.id === req.body.siteId);
      if (!site) throw ve.otherSite();
      reply.code(201);
      return gate.addToBlacklist(
        db,
        env.cipher,
        { jurisdictionId: site.jurisdiction_id, unitId: site.unit_id },
        req.body,
        req.goa.actor,
      );
    },
  );
  r.delete(
    '/api/visitors/blacklist/:id',
    {
      config: { access: { permission: 'visitors.blacklist.manage', scope: 'rows' } },
      schema: { tags, summary: 'Remove a blacklist entry', params: idParam },
    },
    async (req, reply) => {
      const visible = await gate.listBlacklist(db, req.goa.scope, pid(req));
      if (!visible.some((b) => b.id === req.params.id))
        throw errors.notFound('visitors.blacklist', req.params.id);
      await gate.removeFromBlacklist(db, req.params.id, req.goa.actor);
      return reply.code(204).send();
    },
  );

  // —— vehicle whitelist ——
  r.get(
    '/api/visitors/whitelist',
    {
      config: { access: gateAccess },
      schema: {
        tags,
        summary: "Visitor-vehicle whitelist of the caller's sites (format json, csv or xlsx)",
        querystring: whitelistQuery.extend({ format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
      },
    },
    async (req, reply) => {
      const sites = await gate.siteIds(db, req.goa.scope, pid(req));
      const { from, to } = windowOf(req.query);
      const list = await gate.whitelist(
        db,
        req.query.siteId ? sites.filter((s) => s === req.query.siteId) : sites,
        from,
        to,
      );
      const day = from.toISOString().slice(0, 10);
      if (req.query.format === 'csv') {
        const esc = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
        const lines = [
          'plate,visitor,site,unit,valid_from,valid_to',
          ...list.map((e) =>
            [e.plate, e.visitorName, e.siteName, e.unitName, e.validFrom, e.validTo].map(esc).join(','),
          ),
        ];
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachment(`访客车辆白名单-${day}.csv`))
          .send(`\uFEFF${lines.join('\r\n')}\r\n`);
      }
      if (req.query.format === 'xlsx') {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('白名单');
        ws.addRow(['车牌号', '访客', '场所', '被访单位', '有效期起', '有效期止']);
        for (const e of list)
          ws.addRow([e.plate, e.visitorName, e.siteName, e.unitName, e.validFrom, e.validTo]);
        ws.columns.forEach((c) => (c.width = 22));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', attachment(`访客车辆白名单-${day}.xlsx`))
          .send(Buffer.from(await wb.xlsx.writeBuffer()));
      }
      return list;
    },
  );

  r.get(
    '/api/visitors/barrier/whitelist',
    {
      config: { access: { machine: 'visitors.gate' } },
      schema: {
        tags,
        summary:
          'Barrier-gate API: plates admitted in a window, every site (machine token of purpose visitors.gate)',
        querystring: whitelistQuery,
        response: { 200: z.object({ from: z.string(), to: z.string(), entries: z.array(whitelistEntry) }) },
      },
    },
    async (req) => {
      const { from, to } = windowOf(req.query);
      const entries = await gate.whitelist(db, req.query.siteId ? [req.query.siteId] : 'all', from, to);
      return { from: from.toISOString(), to: to.toISOString(), entries };
    },
  );
}
