import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../module.ts';
import { createMachineToken, revokeMachineToken } from './service.ts';
import { listMachineTokens, MACHINE_PURPOSE, type MachinePurpose } from './machine-tokens.ts';

const tags = ['accounts'];
const access = { permission: 'tokens.manage', scope: 'global' } as const;

export function tokenRoutes(app: FastifyInstance, ctx: AppContext, purposes: () => MachinePurpose[]): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/machine-tokens/purposes',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The purposes a machine token can serve: those the routes declare, each with its routes',
        response: {
          200: z.array(z.object({ purpose: z.string(), routes: z.array(z.string()) })),
        },
      },
    },
    async () => purposes(),
  );

  r.get(
    '/api/machine-tokens',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Machine tokens of meters, GPS units and gateways (never the secret itself)',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              purpose: z.string(),
              createdAt: z.string(),
              lastUsedAt: z.string().nullable(),
              revokedAt: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async () => listMachineTokens(ctx.db),
  );

  r.post(
    '/api/machine-tokens',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Create a machine token limited to one purpose; the token is shown only in this answer',
        body: z.object({
          name: z.string().trim().min(1).max(60),
          purpose: z.string().trim().max(60).regex(MACHINE_PURPOSE, 'a dotted name such as energy.ingest'),
        }),
        response: { 201: z.object({ id: z.string(), token: z.string() }) },
      },
    },
    async (req, reply) => {
      const known = purposes().map((p) => p.purpose);
      return reply.status(201).send(await createMachineToken(ctx.db, req.body, req.goa.actor, known));
    },
  );

  r.delete(
    '/api/machine-tokens/:id',
    {
      config: { access },
      schema: { tags, summary: 'Revoke a machine token at once', params: z.object({ id: z.uuid() }) },
    },
    async (req, reply) => {
      await revokeMachineToken(ctx.db, req.params.id, req.goa.actor);
      return reply.status(204).send();
    },
  );
}
