import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../kernel/module.ts';
import type { EnergyConfig } from '../config.ts';
import { ingestResult } from '../ingest/routes.ts';
import { dismissQuarantined, readmitQuarantined } from './quarantine.ts';
import { listReplacements, recordReplacement } from './replacements.ts';
import './permissions.ts';
import '../registry/permissions.ts';

const tags = ['energy'];

const replacement = z.object({
  at: z.string(),
  finalValue: z.number().nullable(),
  startValue: z.number(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

const replacementInput = z.object({
  at: z.iso.datetime({ offset: true }).describe('when the new meter was fitted (ISO 8601)'),
  finalValue: z
    .number()
    .min(0)
    .nullable()
    .optional()
    .describe("the old meter's last register; omitted: unknown"),
  startValue: z.number().min(0).optional().describe("the new meter's register when fitted (default 0)"),
  note: z.string().max(500).nullable().optional(),
});

const ids = z.array(z.uuid()).min(1).max(1000);

/** Corrections by the data steward: meter replacements, and resolving quarantined readings. */
export function correctionRoutes(app: FastifyInstance, ctx: AppContext, cfg: EnergyConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/energy/points/:id/replacements',
    {
      config: { access: { permission: 'energy.read', scope: { entity: 'energy.point', param: 'id' } } },
      schema: {
        tags,
        summary: "A point's recorded meter replacements (换表记录), newest first",
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ items: z.array(replacement) }) },
      },
    },
    async (req) => ({ items: await listReplacements(ctx.db, req.params.id) }),
  );

  r.post(
    '/api/energy/points/:id/replacements',
    {
      config: {
        access: { permission: 'energy.registry.write', scope: { entity: 'energy.point', param: 'id' } },
      },
      schema: {
        tags,
        summary:
          'Record a meter replacement (换表登记): the first reading after it is counted across both meters',
        params: z.object({ id: z.uuid() }),
        body: replacementInput,
        response: {
          201: z.object({
            replacement,
            recomputed: z
              .object({ ts: z.string(), oldDelta: z.number().nullable(), newDelta: z.number().nullable() })
              .nullable(),
            openBackwards: z.number().int(),
          }),
        },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await recordReplacement(ctx.db, req.goa.actor, req.params.id, req.body, cfg.timeZone)),
  );

  r.post(
    '/api/energy/quarantine/readmit',
    {
      config: { access: { permission: 'energy.quarantine.resolve', scope: 'rows' } },
      schema: {
        tags,
        summary:
          'Ingest open quarantined readings again (重新入库); what is rejected again is quarantined anew',
        body: z.object({ ids }),
        response: { 200: ingestResult.extend({ readmitted: z.number().int() }) },
      },
    },
    async (req) =>
      readmitQuarantined(ctx.db, req.goa.scope, req.goa.actor, req.body.ids, {
        timeZone: cfg.timeZone,
        futureMinutes: cfg.futureMinutes,
      }),
  );

  r.post(
    '/api/energy/quarantine/dismiss',
    {
      config: { access: { permission: 'energy.quarantine.resolve', scope: 'rows' } },
      schema: {
        tags,
        summary: 'Dismiss open quarantined readings with a note (忽略); they stay listed, resolved',
        body: z.object({ ids, note: z.string().trim().min(1).max(500) }),
        response: { 200: z.object({ dismissed: z.number().int() }) },
      },
    },
    async (req) => dismissQuarantined(ctx.db, req.goa.scope, req.goa.actor, req.body.ids, req.body.note),
  );
}
