import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../kernel/module.ts';
import { DomainError } from '../../../kernel/errors.ts';
import { attachment, XLSX_TYPE } from '../../../kernel/org/excel.ts';
import { exportInstitutions, exportPoints } from './excel-export.ts';
import { importInstitutions, importPoints } from './excel-import.ts';
import * as s from './schemas.ts';

const tags = ['energy'];

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

const today = () => new Date().toISOString().slice(0, 10);

/** Excel import and export of institutions and metering points. */
export function registryExcelRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;
  const read = { permission: 'energy.read', scope: 'rows' } as const;
  const write = { permission: 'energy.registry.write', scope: 'rows' } as const;

  r.get(
    '/api/energy/institutions/export.xlsx',
    {
      config: { access: read },
      schema: { tags, summary: 'Institutions in scope as .xlsx', querystring: s.institutionFilters },
    },
    async (req, reply) =>
      reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(`公共机构-${today()}.xlsx`))
        .send(await exportInstitutions(db, req.goa.scope, req.query)),
  );
  r.get(
    '/api/energy/points/export.xlsx',
    {
      config: { access: read },
      schema: { tags, summary: 'Metering points in scope as .xlsx', querystring: s.pointFilters },
    },
    async (req, reply) =>
      reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(`计量点-${today()}.xlsx`))
        .send(await exportPoints(db, req.goa.scope, req.query)),
  );
  r.post(
    '/api/energy/institutions/import',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Import institutions (and a building per row) from .xlsx: all rows or none',
        consumes: ['multipart/form-data'],
        response: { 200: s.importResult },
      },
    },
    async (req) => importInstitutions(db, req.goa.scope, req.goa.actor, req.goa.locale, await uploaded(req)),
  );
  r.post(
    '/api/energy/points/import',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Import metering points from .xlsx: all rows or none',
        consumes: ['multipart/form-data'],
        response: { 200: s.importResult },
      },
    },
    async (req) => importPoints(db, req.goa.scope, req.goa.actor, req.goa.locale, await uploaded(req)),
  );
}
