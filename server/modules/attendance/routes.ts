import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { user } from '../../kernel/http/access.ts';
import { DomainError } from '../../kernel/errors.ts';
import type { AppContext } from '../../kernel/module.ts';
import { attachment, XLSX_TYPE } from '../../kernel/org/excel.ts';
import type { AttendanceSettings } from './config.ts';
import { attendanceErrors } from './errors.ts';
import { importPunches } from './importing.ts';
import { kioskPunch, myToday, phonePunch } from './punches.ts';
import { dailyBoard, monthlyReport, myMonth, reportWorkbook } from './reports.ts';
import { requestCorrection, requestLeave, requestWindow } from './requests.ts';
import * as s from './schemas.ts';
import {
  recomputeRange,
  createRule,
  createSite,
  deleteRule,
  deleteSite,
  listRules,
  listSites,
  updateRule,
  updateSite,
} from './settings.ts';

const tags = ['attendance'];
const MANAGE = 'attendance.manage';
const REPORT = 'attendance.report';
const id = z.object({ id: z.uuid() });
const unitFilter = z.object({ unitId: z.uuid().optional() });

function me(req: FastifyRequest) {
  const p = user(req);
  if (!p.personId) throw attendanceErrors.noPerson();
  return { principal: p, personId: p.personId };
}

const noFile = () =>
  new DomainError(
    'attendance_import_no_file',
    'invalid',
    {
      'zh-CN': '请上传考勤机导出的 CSV 或 Excel 文件',
      en: 'Upload the CSV or Excel file from the attendance machine',
    },
    [{ field: 'file', code: 'required' }],
  );

export function attendanceRoutes(app: FastifyInstance, ctx: AppContext, settings: AttendanceSettings): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;
  const tz = settings.timeZone;

  // ── the person ────────────────────────────────────────────────────────────────────────────────
  r.get(
    '/api/attendance/me/today',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'My day: rule, punches, live result, clock-in sites',
        response: { 200: s.today },
      },
    },
    async (req) => myToday(db, settings, me(req).personId),
  );

  r.post(
    '/api/attendance/me/punches',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Clock in or out on a phone, with the browser location',
        body: s.phonePunchBody,
        response: { 201: s.phoneResult },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await phonePunch(db, settings, req.goa.actor, me(req).personId, req.body)),
  );

  r.get(
    '/api/attendance/me/month',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'My month: day results, requests, corrections, annual leave balance',
        querystring: z.object({ month: s.month }),
        response: { 200: s.myMonth },
      },
    },
    async (req) => ({
      ...(await myMonth(db, tz, me(req).personId, req.query.month)),
      requestWindow: requestWindow(settings),
    }),
  );

  r.post(
    '/api/attendance/me/leaves',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Request leave or a business trip (raised as an approval matter)',
        body: s.leaveBody,
        response: { 201: s.leave },
      },
    },
    async (req, reply) => {
      const { principal } = me(req);
      return reply.status(201).send(await requestLeave(db, settings, principal, req.goa.actor, req.body));
    },
  );

  r.post(
    '/api/attendance/me/corrections',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Request a correction for a missing punch (补卡)',
        body: s.correctionBody,
        response: { 201: s.correction },
      },
    },
    async (req, reply) => {
      const { principal } = me(req);
      return reply
        .status(201)
        .send(await requestCorrection(db, settings, principal, req.goa.actor, req.body));
    },
  );

  // ── the kiosk at the entrance ─────────────────────────────────────────────────────────────────
  r.post(
    '/api/attendance/kiosk/punches',
    {
      config: { access: { machine: 'attendance.kiosk' } },
      schema: {
        tags,
        summary: 'A punch at the kiosk, by staff number',
        body: s.kioskBody,
        response: { 201: s.kioskResult },
      },
    },
    async (req, reply) => {
      const p = req.goa.principal;
      const device = p && p.kind === 'machine' ? p.name.slice(0, 60) : 'kiosk';
      return reply.status(201).send(await kioskPunch(db, settings, req.goa.actor, req.body.code, device));
    },
  );

  // ── the attendance office ─────────────────────────────────────────────────────────────────────
  r.get(
    '/api/attendance/board',
    {
      config: { access: { permission: MANAGE, scope: 'rows' } },
      schema: {
        tags,
        summary: "A day's board: who is late, absent, away, per unit",
        querystring: s.boardQuery,
        response: { 200: s.board },
      },
    },
    async (req) => dailyBoard(db, req.goa.scope, tz, req.query),
  );

  r.get(
    '/api/attendance/reports/monthly',
    {
      config: { access: { permission: REPORT, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Monthly report per person, department or unit',
        querystring: s.reportQuery,
        response: { 200: s.report },
      },
    },
    async (req) => monthlyReport(db, req.goa.scope, req.query),
  );

  r.get(
    '/api/attendance/reports/monthly.xlsx',
    {
      config: { access: { permission: REPORT, scope: 'rows' } },
      schema: { tags, summary: 'The monthly report as .xlsx', querystring: s.reportQuery },
    },
    async (req, reply) => {
      const report = await monthlyReport(db, req.goa.scope, req.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(`考勤月报-${req.query.month}.xlsx`))
        .send(await reportWorkbook(report));
    },
  );

  r.get(
    '/api/attendance/rules',
    {
      config: { access: { permission: MANAGE, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Working-hour rules in scope',
        querystring: unitFilter,
        response: { 200: z.array(s.rule) },
      },
    },
    async (req) => listRules(db, req.goa.scope, req.query.unitId),
  );
  r.post(
    '/api/attendance/rules',
    {
      config: { access: { permission: MANAGE, scope: { entity: 'org.unit', body: 'unitId' } } },
      schema: {
        tags,
        summary: 'A rule for a unit or one of its departments',
        body: s.ruleBody,
        response: { 201: s.rule },
      },
    },
    async (req, reply) => reply.status(201).send(await createRule(db, req.goa.actor, tz, req.body)),
  );
  r.put(
    '/api/attendance/rules/:id',
    {
      config: { access: { permission: MANAGE, scope: { entity: 'attendance.rule', param: 'id' } } },
      schema: {
        tags,
        summary: 'Change a rule (the month so far is recomputed)',
        params: id,
        body: s.rulePatch,
        response: { 200: s.rule },
      },
    },
    async (req) => updateRule(db, req.goa.actor, tz, req.params.id, req.body),
  );
  r.delete(
    '/api/attendance/rules/:id',
    {
      config: { access: { permission: MANAGE, scope: { entity: 'attendance.rule', param: 'id' } } },
      schema: { tags, summary: 'Remove a rule', params: id, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteRule(db, req.goa.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/attendance/sites',
    {
      config: { access: { permission: MANAGE, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Clock-in sites in scope',
        querystring: unitFilter,
        response: { 200: z.array(s.site) },
      },
    },
    async (req) => listSites(db, req.goa.scope, req.query.unitId),
  );
  r.post(
    '/api/attendance/sites',
    {
      config: { access: { permission: MANAGE, scope: { entity: 'org.unit', body: 'unitId' } } },
      schema: {
        tags,
        summary: 'A clock-in site (centre and radius)',
        body: s.siteBody,
        response: { 201: s.site },
      },
    },
    async (req, reply) => reply.status(201).send(await createSite(db, req.goa.actor, req.body)),
  );
  r.put(
    '/api/attendance/sites/:id',
    {
      config: { access: { permission: MANAGE, scope: { entity: 'attendance.site', param: 'id' } } },
      schema: { tags, summary: 'Change a site', params: id, body: s.sitePatch, response: { 200: s.site } },
    },
    async (req) => updateSite(db, req.goa.actor, req.params.id, req.body),
  );
  r.delete(
    '/api/attendance/sites/:id',
    {
      config: { access: { permission: MANAGE, scope: { entity: 'attendance.site', param: 'id' } } },
      schema: {
        tags,
        summary: 'Remove a site (retired when punches refer to it)',
        params: id,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteSite(db, req.goa.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/attendance/recompute',
    {
      config: { access: { permission: MANAGE, scope: { entity: 'org.unit', body: 'unitId' } } },
      schema: {
        tags,
        summary: "Recompute a unit's day results over a range (at most 92 days)",
        body: z.object({ unitId: z.uuid(), from: z.iso.date(), to: z.iso.date() }),
        response: { 200: z.object({ days: z.number() }) },
      },
    },
    async (req) => recomputeRange(db, req.goa.actor, tz, req.body.unitId, req.body.from, req.body.to),
  );

  r.post(
    '/api/attendance/imports',
    {
      // device records name people across units: the city's or a district's office imports them
      config: { access: { permission: MANAGE, scope: 'rows' } },
      schema: {
        tags,
        summary: 'Import attendance-machine records (CSV or .xlsx, multipart field "file"); all or nothing',
        response: { 201: s.importResult },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw noFile();
      const file = await req.file();
      if (!file || file.fieldname !== 'file') throw noFile();
      const data = await file.toBuffer();
      const result = await importPunches(db, settings, req.goa.actor, file.filename, data, req.goa.scope);
      return reply.status(201).send(result);
    },
  );
}
