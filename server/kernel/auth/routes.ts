import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../module.ts';
import { user } from '../http/access.ts';
import { SESSION_COOKIE } from '../http/guard.ts';
import { ROLE_LABELS } from '../access/roles.ts';
import { rolePermissions } from '../access/permissions.ts';
import { DomainError } from '../errors.ts';
import { changePassword, login, logout } from './service.ts';
import { LoginThrottle } from './throttle.ts';

const meResponse = z.object({
  accountId: z.string(),
  username: z.string(),
  displayName: z.string(),
  personId: z.string().nullable(),
  unitId: z.string().nullable(),
  jurisdictionId: z.string().nullable(),
  csrfToken: z.string(),
  roles: z.array(
    z.object({
      role: z.string(),
      label: z.string(),
      scopeKind: z.string(),
      jurisdictionId: z.string().nullable(),
      unitId: z.string().nullable(),
    }),
  ),
  permissions: z.array(z.string()),
  /** the deployment's time zone: business days and displayed times follow it */
  timeZone: z.string(),
});

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const settings = {
    sessionHours: ctx.config.sessionHours,
    maxFailures: ctx.config.loginMaxFailures,
    lockMinutes: ctx.config.loginLockMinutes,
  };
  const throttle = new LoginThrottle(20, 60_000);

  r.post(
    '/api/auth/login',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns a bearer token for API clients',
        body: z.object({
          username: z.string().trim().min(1).max(40),
          password: z.string().min(1).max(128),
        }),
        response: {
          200: z.object({ token: z.string(), csrfToken: z.string(), expiresAt: z.string() }),
        },
      },
    },
    async (req, reply) => {
      if (!throttle.allow(req.ip)) {
        throw new DomainError('too_many_attempts', 'rate_limited', {
          'zh-CN': '登录尝试过于频繁，请稍后再试',
          en: 'Too many sign-in attempts; try again later',
        });
      }
      const result = await login(ctx.db, settings, {
        username: req.body.username,
        password: req.body.password,
        kind: 'cookie',
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.cookieSecure,
        expires: result.expiresAt,
      });
      return { token: result.token, csrfToken: result.csrfToken, expiresAt: result.expiresAt.toISOString() };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { access: { authenticated: true } },
      schema: { tags: ['auth'], summary: 'Sign out (ends this session)' },
    },
    async (req, reply) => {
      await logout(ctx.db, user(req).sessionId, req.goa.actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in account, its roles and permissions',
        response: { 200: meResponse },
      },
    },
    async (req) => {
      const p = user(req);
      const permissions = new Set(p.roles.flatMap((a) => rolePermissions(a.role)));
      return {
        accountId: p.accountId,
        username: p.username,
        displayName: p.displayName,
        personId: p.personId,
        unitId: p.unitId,
        jurisdictionId: p.jurisdictionId,
        csrfToken: p.csrfToken,
        roles: p.roles.map((a) => ({ ...a, label: ROLE_LABELS[a.role][req.goa.locale] })),
        permissions: [...permissions].sort(),
        timeZone: ctx.config.timeZone,
      };
    },
  );

  r.post(
    '/api/auth/password',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['auth'],
        summary: 'Change my password (ends my other sessions)',
        body: z.object({
          currentPassword: z.string().min(1).max(128),
          newPassword: z.string().min(1).max(128),
        }),
      },
    },
    async (req, reply) => {
      await changePassword(ctx.db, user(req), req.body, req.goa.actor);
      return reply.status(204).send();
    },
  );
}
