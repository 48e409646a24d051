import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../module.ts';
import { DomainError } from '../errors.ts';
import { attachment, XLSX_TYPE } from './excel.ts';
import { exportPeople, exportUnits, peopleTemplate } from './excel-export.ts';
import { importPeople } from './import-people.ts';
import { importUnits } from './import-units.ts';
import * as s from './schemas.ts';

const tags = ['org'];

const noFile = () =>
  new DomainError(
    'import_no_file',
    'invalid',
    { 'zh-CN': '请上传 Excel 文件（表单字段 file）', en: 'Upload an Excel file (form field "file")' },
    [{ field: 'file', code: 'required' }],
  );

/** The uploaded file of a multipart request (field `file`), read into memory within the size limit. */
async function uploaded(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw noFile();
  const file = await req.file();
  if (!file || file.fieldname !== 'file') throw noFile();
  return file.toBuffer();
}

const today = () => new Date().toISOString().slice(0, 10);

/** Excel import and export of units and people. */
export function excelRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;

  r.get(
    '/api/org/units/export.xlsx',
    {
      config: { access: { permission: 'org.read', scope: 'rows' } },
      schema: {
        tags,
        summary: 'Units in scope as .xlsx (the list filters apply)',
        querystring: s.unitFilters,
      },
    },
    async (req, reply) =>
      reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(`单位-${today()}.xlsx`))
        .send(await exportUnits(db, req.goa.scope, req.query)),
  );

  r.get(
    '/api/org/people/export.xlsx',
    {
      config: { access: { permission: 'org.read', scope: 'rows' } },
      schema: {
        tags,
        summary: 'People in scope as .xlsx (the list filters apply)',
        querystring: s.personFilters,
      },
    },
    async (req, reply) =>
      reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(`人员-${today()}.xlsx`))
        .send(await exportPeople(db, req.goa.scope, req.query)),
  );

  r.get(
    '/api/org/people/import-template.xlsx',
    {
      config: { access: { permission: 'org.write', scope: 'global' } },
      schema: {
        tags,
        summary: 'An empty people sheet with drop-down lists and a sheet explaining each column',
      },
    },
    async (_req, reply) =>
      reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment('人员导入模板.xlsx'))
        .send(await peopleTemplate()),
  );

  r.post(
    '/api/org/units/import',
    {
      config: { access: { permission: 'org.write', scope: 'rows' } },
      schema: {
        tags,
        summary: 'Import units from .xlsx (multipart field file): all rows or none',
        consumes: ['multipart/form-data'],
        response: { 200: s.importResult },
      },
    },
    async (req) => importUnits(db, req.goa.scope, req.goa.actor, req.goa.locale, await uploaded(req)),
  );

  r.post(
    '/api/org/people/import',
    {
      config: { access: { permission: 'org.write', scope: 'rows' } },
      schema: {
        tags,
        summary: 'Import people from .xlsx (multipart field file): all rows or none',
        consumes: ['multipart/form-data'],
        response: { 200: s.importResult },
      },
    },
    async (req) => importPeople(db, req.goa.scope, req.goa.actor, req.goa.locale, await uploaded(req)),
  );
}
