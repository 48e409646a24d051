import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../module.ts';
import { ROLE_LABELS, ROLES } from './roles.ts';
import { allPermissions, rolePermissions } from './permissions.ts';

const tags = ['access'];

/** The role and permission catalogue, for the accounts page and API clients. */
export function accessRoutes(app: FastifyInstance, _ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/access/roles',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'The roles and the permissions each holds',
        response: {
          200: z.array(
            z.object({ role: z.enum(ROLES), label: z.string(), permissions: z.array(z.string()) }),
          ),
        },
      },
    },
    async (req) =>
      ROLES.map((role) => ({
        role,
        label: ROLE_LABELS[role][req.goa.locale],
        permissions: rolePermissions(role).sort(),
      })),
  );

  r.get(
    '/api/access/permissions',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'The permission catalogue: every permission with the roles that hold it',
        response: {
          200: z.array(
            z.object({
              name: z.string(),
              label: z.string(),
              roles: z.array(z.enum(ROLES)),
              readOnly: z.boolean(),
            }),
          ),
        },
      },
    },
    async (req) =>
      allPermissions()
        .map((p) => ({
          name: p.name,
          label: p.label[req.goa.locale],
          // the auditor holds every read-only permission
          roles: ROLES.filter(
            (role) => p.roles.includes(role) || (role === 'auditor' && p.readOnly === true),
          ),
          readOnly: p.readOnly === true,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
  );
}
