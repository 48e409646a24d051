import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import type { AppContext } from '../../../kernel/module.ts';
import { pageOf, pageQuery } from '../../../kernel/http/paging.ts';
import type { EnergyConfig } from '../config.ts';
import { ingestReadings } from './pipeline.ts';
import { parseCsvLines, type IncomingReading, type Rejected } from './parse.ts';
import './permissions.ts';

const tags = ['energy'];
const MAX_BODY = 32 * 1_048_576;

const reading = z
  .object({
    point: z.unknown().describe('the point code (energy_point.code)'),
    ts: z.unknown().describe('ISO 8601 instant, the end of the interval; without an offset: deployment time'),
    value: z.unknown().describe('a number: the register value, or the interval consumption'),
    kind: z.unknown().optional().describe("'register' (default) or 'interval'"),
  })
  .describe('a reading; shape errors are quarantined with their reason, not refused');

export const ingestResult = z.object({
  stored: z.number().int(),
  duplicates: z.number().int(),
  quarantined: z.number().int(),
});

const quarantineItem = z.object({
  id: z.string(),
  receivedAt: z.string(),
  source: z.string(),
  pointCode: z.string().nullable(),
  pointId: z.string().nullable(),
  institutionId: z.string().nullable(),
  ts: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string(),
  detail: z.string().nullable(),
  kind: z.enum(['register', 'interval']).nullable(),
  resolvedAt: z.string().nullable(),
  resolution: z.enum(['readmitted', 'dismissed']).nullable(),
  resolvedBy: z.string().nullable(),
  resolutionNote: z.string().nullable(),
});

/** HTTP ingestion (machine token of purpose energy.ingest) and the quarantine list (its resolution: corrections/). */
export function ingestRoutes(app: FastifyInstance, ctx: AppContext, cfg: EnergyConfig): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: MAX_BODY }, (_req, body, done) =>
      done(null, body),
    );
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/api/energy/readings',
      {
        bodyLimit: MAX_BODY,
        config: { access: { machine: 'energy.ingest' } },
        schema: {
          tags,
          summary:
            'Store readings (JSON array, or text/csv lines of point,ts,value[,kind]); answers after commit',
          body: z.union([z.array(reading).max(200_000), z.string()]),
          response: { 200: ingestResult },
        },
      },
      async (req) => {
        const rows: (IncomingReading | Rejected)[] = [];
        if (typeof req.body === 'string') parseCsvLines(req.body.split('\n'), (x) => rows.push(x));
        else for (const x of req.body) rows.push(x as IncomingReading);
        return ingestReadings(ctx.db, rows, {
          source: 'http',
          timeZone: cfg.timeZone,
          futureMinutes: cfg.futureMinutes,
        });
      },
    );

    r.get(
      '/api/energy/quarantine',
      {
        config: { access: { permission: 'energy.quarantine.read', scope: 'rows' } },
        schema: {
          tags,
          summary: 'Rejected readings with their reason, newest first (隔离区)',
          querystring: pageQuery.extend({
            reason: z.string().max(40).optional(),
            institutionId: z.uuid().optional(),
            pointId: z.uuid().optional(),
            status: z.enum(['open', 'resolved']).optional().describe('open: not yet resolved; default all'),
          }),
          response: { 200: pageOf(quarantineItem) },
        },
      },
      async (req) => {
        const q = req.query;
        let base = ctx.db
          .selectFrom('energy_quarantine as q')
          .where(req.goa.scope.where({ jurisdiction: 'q.jurisdiction_id' }));
        if (q.reason) base = base.where('q.reason', '=', q.reason as never);
        if (q.institutionId) base = base.where('q.institution_id', '=', q.institutionId);
        if (q.pointId) base = base.where('q.point_id', '=', q.pointId);
        if (q.status) base = base.where('q.resolved_at', q.status === 'open' ? 'is' : 'is not', null);
        if (q.q) base = base.where('q.point_code', 'ilike', `%${q.q.replace(/[\\%_]/g, '\\$&')}%`);
        const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
        const items = await base
          .selectAll('q')
          .orderBy('q.received_at', 'desc')
          .orderBy('q.id')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute();
        return {
          items: items.map((x) => ({
            id: x.id,
            receivedAt: new Date(x.received_at).toISOString(),
            source: x.source,
            pointCode: x.point_code,
            pointId: x.point_id,
            institutionId: x.institution_id,
            ts: x.ts,
            value: x.value,
            reason: x.reason,
            detail: x.detail,
            kind: x.kind,
            resolvedAt: x.resolved_at && new Date(x.resolved_at).toISOString(),
            resolution: x.resolution,
            resolvedBy: x.resolved_by_label,
            resolutionNote: x.resolution_note,
          })),
          total: total.n,
          page: q.page,
          pageSize: q.pageSize,
        };
      },
    );
  });
}
