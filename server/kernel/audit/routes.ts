import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../module.ts';
import { pageOf, pageQuery } from '../http/paging.ts';
import { exportAudit, exportFileName, listAudit } from './query.ts';

const tags = ['audit'];
const access = { permission: 'audit.read', scope: 'rows' } as const;

const filters = z.object({
  entity: z.string().trim().min(1).max(60).optional(),
  entityId: z.string().trim().min(1).max(100).optional(),
  action: z.string().trim().min(1).max(60).optional(),
  actor: z.string().trim().min(1).max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  q: z.string().trim().max(100).optional(),
});

const record = z.object({
  id: z.number().int(),
  at: z.string(),
  actorAccountId: z.string().nullable(),
  actorLabel: z.string(),
  ip: z.string().nullable(),
  entity: z.string(),
  entityId: z.string().nullable(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/audit',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Search the audit trail in my scope, newest first',
        querystring: pageQuery.omit({ sort: true }).extend(filters.shape),
        response: { 200: pageOf(record) },
      },
    },
    async (req) => listAudit(ctx.db, req.goa.scope, req.query),
  );

  r.get(
    '/api/audit/export.xlsx',
    {
      config: { access },
      schema: {
        tags,
        summary: `Export the matching audit records as an Excel workbook (at most 100,000 rows)`,
        querystring: filters,
      },
    },
    async (req, reply) => {
      const { locale } = req.goa;
      const { stream } = await exportAudit(ctx.db, req.goa.scope, req.query, ctx.config.timeZone, locale);
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="audit-${stamp}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${exportFileName(locale)}-${stamp}.xlsx`)}`,
        )
        .send(stream);
    },
  );
}
