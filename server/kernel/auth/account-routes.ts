import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../module.ts';
import { user } from '../http/access.ts';
import { pageOf, pageQuery } from '../http/paging.ts';
import { ROLES, SCOPE_KINDS } from '../access/roles.ts';
import {
  createAccount,
  getAccount,
  listAccounts,
  resetPassword,
  unlockAccount,
  updateAccount,
} from './accounts.ts';
import { grantRole, revokeRole } from './grants.ts';

const roleView = z.object({
  id: z.string(),
  role: z.string(),
  label: z.string(),
  scopeKind: z.enum(SCOPE_KINDS),
  jurisdictionId: z.string().nullable(),
  jurisdictionName: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
});

export const accountView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(roleView),
});

const idParams = z.object({ id: z.uuid() });
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const tags = ['accounts'];
const one = { entity: 'auth.account', param: 'id' } as const;

export function accountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/accounts',
    {
      config: { access: { permission: 'accounts.read', scope: 'rows' } },
      schema: {
        tags,
        summary: 'Accounts in my scope (by the linked person’s unit and jurisdiction), with their roles',
        querystring: pageQuery.extend({
          unitId: z.uuid().optional(),
          role: z.enum(ROLES).optional(),
          disabled: booleanQuery.optional(),
        }),
        response: { 200: pageOf(accountView) },
      },
    },
    async (req) => listAccounts(ctx.db, req.goa.scope, req.query, req.goa.locale),
  );

  r.get(
    '/api/accounts/:id',
    {
      config: { access: { permission: 'accounts.read', scope: one } },
      schema: {
        tags,
        summary: 'One account with its roles',
        params: idParams,
        response: { 200: accountView },
      },
    },
    async (req) => getAccount(ctx.db, req.params.id, req.goa.locale),
  );

  r.post(
    '/api/accounts',
    {
      // the service checks the linked person against the scope (404 unknown, 403 outside), and
      // refuses an account without a person to anyone but a city-wide administrator
      config: { access: { permission: 'accounts.write', scope: 'rows' } },
      schema: {
        tags,
        summary: 'Create an account, optionally linked to a person (an account without one is city-level)',
        body: z.object({
          username: z.string().trim().min(1).max(40),
          displayName: z.string().trim().min(1).max(50),
          personId: z.uuid().nullish(),
          password: z.string().min(1).max(128),
        }),
        response: { 201: accountView },
      },
    },
    async (req, reply) => {
      const { id } = await createAccount(ctx.db, req.goa.scope, req.body, req.goa.actor);
      return reply.status(201).send(await getAccount(ctx.db, id, req.goa.locale));
    },
  );

  r.patch(
    '/api/accounts/:id',
    {
      config: { access: { permission: 'accounts.write', scope: one } },
      schema: {
        tags,
        summary: 'Rename or disable/enable an account (disabling ends its sessions)',
        params: idParams,
        body: z.object({
          displayName: z.string().trim().min(1).max(50).optional(),
          disabled: z.boolean().optional(),
        }),
        response: { 200: accountView },
      },
    },
    async (req) => {
      await updateAccount(ctx.db, req.params.id, req.body, req.goa.actor);
      return getAccount(ctx.db, req.params.id, req.goa.locale);
    },
  );

  r.post(
    '/api/accounts/:id/password-reset',
    {
      config: { access: { permission: 'accounts.write', scope: one } },
      schema: {
        tags,
        summary: 'Set a new password for an account; ends all its sessions and lifts any lockout',
        params: idParams,
        body: z.object({ newPassword: z.string().min(1).max(128) }),
      },
    },
    async (req, reply) => {
      await resetPassword(ctx.db, req.params.id, req.body.newPassword, req.goa.actor);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/accounts/:id/unlock',
    {
      config: { access: { permission: 'accounts.write', scope: one } },
      schema: {
        tags,
        summary: 'Lift a temporary lockout after failed sign-ins',
        params: idParams,
        response: { 200: accountView },
      },
    },
    async (req) => {
      await unlockAccount(ctx.db, req.params.id, req.goa.actor);
      return getAccount(ctx.db, req.params.id, req.goa.locale);
    },
  );

  r.post(
    '/api/accounts/:id/roles',
    {
      config: { access: { permission: 'accounts.write', scope: one } },
      schema: {
        tags,
        summary: 'Grant a role with a scope; nobody grants beyond their own reach',
        params: idParams,
        body: z.object({
          role: z.enum(ROLES),
          scopeKind: z.enum(SCOPE_KINDS),
          jurisdictionId: z.uuid().nullish(),
          unitId: z.uuid().nullish(),
        }),
        response: { 201: accountView },
      },
    },
    async (req, reply) => {
      const granter = { kind: 'user' as const, roles: user(req).roles };
      await grantRole(ctx.db, granter, req.params.id, req.body, req.goa.actor);
      return reply.status(201).send(await getAccount(ctx.db, req.params.id, req.goa.locale));
    },
  );

  r.delete(
    '/api/accounts/:id/roles/:assignmentId',
    {
      config: { access: { permission: 'accounts.write', scope: one } },
      schema: {
        tags,
        summary: 'Revoke a role assignment (only one the caller could have granted)',
        params: z.object({ id: z.uuid(), assignmentId: z.uuid() }),
      },
    },
    async (req, reply) => {
      const granter = { kind: 'user' as const, roles: user(req).roles };
      await revokeRole(ctx.db, granter, req.params.id, req.params.assignmentId, req.goa.actor);
      return reply.status(204).send();
    },
  );
}
