import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../kernel/module.ts';
import { attachment, XLSX_TYPE } from '../../../kernel/org/excel.ts';
import { statistics, statisticsWorkbook } from './statistics.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const query = z.object({
  from: z.string().regex(MONTH),
  to: z.string().regex(MONTH),
  jurisdictionId: z.uuid().optional(),
  demonstration: z.enum(['national', 'provincial', 'any']).optional(),
});

/** Monthly statistics in the public-institution statistics layout, on screen and as .xlsx. */
export function reportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const access = { permission: 'energy.read', scope: 'rows' } as const;
  r.get(
    '/api/energy/statistics',
    {
      config: { access },
      schema: {
        tags: ['energy'],
        summary: 'Energy and resource consumption statistics of the institutions in scope',
        querystring: query,
      },
    },
    async (req) => statistics(ctx.db, req.goa.scope, req.query, req.query.from, req.query.to),
  );
  r.get(
    '/api/energy/statistics/export.xlsx',
    {
      config: { access },
      schema: {
        tags: ['energy'],
        summary: 'The statistics as .xlsx in the reporting layout',
        querystring: query,
      },
    },
    async (req, reply) => {
      const s = await statistics(ctx.db, req.goa.scope, req.query, req.query.from, req.query.to);
      const title = `公共机构能源资源消费统计表（${req.query.from} 至 ${req.query.to}）`;
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(`能源资源消费统计-${req.query.from}-${req.query.to}.xlsx`))
        .send(await statisticsWorkbook(s, title));
    },
  );
}
