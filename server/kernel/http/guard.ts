import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/schema.ts';
import { DomainError, errors, pickLocale } from '../errors.ts';
import { DataScope } from '../access/scope.ts';
import { principalForMachineToken, principalForSession } from '../auth/service.ts';
import { principalCache } from '../auth/principal-cache.ts';
import { hashSecret } from '../auth/tokens.ts';
import { ownerResolver, type Access, type Principal } from './access.ts';

export const SESSION_COOKIE = 'goa_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function authenticate(db: Db, req: FastifyRequest, cacheMs: number): Promise<Principal | null> {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const token = header.slice(7).trim();
    const principal = token.startsWith('goam_')
      ? await cached(`machine:${token}`, cacheMs, () => principalForMachineToken(db, token))
      : await cached(`bearer:${token}`, cacheMs, () => principalForSession(db, token, 'bearer'));
    if (!principal) throw errors.unauthenticated();
    return principal;
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (cookie) return cached(`cookie:${cookie}`, cacheMs, () => principalForSession(db, cookie, 'cookie'));
  return null;
}

/** A principal from the short-lived cache, or loaded and cached (unknown tokens are never cached). */
async function cached(
  key: string,
  cacheMs: number,
  load: () => Promise<Principal | null>,
): Promise<Principal | null> {
  if (cacheMs === 0) return load();
  const hashed = hashSecret(key);
  const hit = principalCache.get(hashed);
  if (hit) return hit;
  const principal = await load();
  if (principal) {
    const sessionEnd = principal.kind === 'user' ? principal.expiresAt.getTime() : Infinity;
    principalCache.set(hashed, principal, Math.min(Date.now() + cacheMs, sessionEnd));
  }
  return principal;
}

/**
 * The one place where access is checked. Every route declares `config.access`; a route without one
 * is refused (and the route-walk test fails). onRequest authenticates and checks the permission;
 * preHandler, after validation, checks the target row of entity-scoped routes.
 */
export function installGuard(app: FastifyInstance, db: Db, opts: { authCacheMs: number }): void {
  app.decorateRequest('goa');

  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { access?: Access };
    // routes of the static web app and the API docs plugin are public by nature
    if (!config.access && (!route.url.startsWith('/api') || route.url.startsWith('/api/docs'))) {
      route.config = { ...config, access: { public: true } } as typeof route.config;
    }
  });

  app.addHook('onRequest', async (req) => {
    const locale = pickLocale(req.headers['accept-language']);
    req.goa = {
      principal: null,
      scope: DataScope.none(),
      actor: { accountId: null, label: 'anonymous', ip: req.ip },
      locale,
    };
    const access = req.routeOptions.config?.access as Access | undefined;
    if (!req.routeOptions.url) return; // 404 handler
    if (!access) {
      throw new DomainError('route_undeclared', 'forbidden', {
        'zh-CN': '该接口未声明访问权限',
        en: 'This endpoint declares no access rule',
      });
    }
    const principal = await authenticate(db, req, opts.authCacheMs);
    req.goa.principal = principal;
    if (principal?.kind === 'user') {
      req.goa.actor = { accountId: principal.accountId, label: principal.username, ip: req.ip };
      if (principal.via === 'cookie' && !SAFE_METHODS.has(req.method)) {
        if (req.headers['x-csrf-token'] !== principal.csrfToken) {
          throw new DomainError('csrf_failed', 'forbidden', {
            'zh-CN': '请求校验失败（CSRF），请刷新页面后重试',
            en: 'Request verification (CSRF) failed; reload the page and retry',
          });
        }
      }
    } else if (principal?.kind === 'machine') {
      req.goa.actor = { accountId: null, label: `machine:${principal.name}`, ip: req.ip };
    }

    if ('public' in access) {
      req.goa.scope = DataScope.everything();
      return;
    }
    if (!principal) throw errors.unauthenticated();
    if ('permission' in access && access.machine && principal.kind === 'machine') {
      if (principal.purpose !== access.machine) {
        throw errors.forbidden({
          'zh-CN': `需要用途为 ${access.machine} 的设备令牌`,
          en: `A machine token for ${access.machine} is required`,
        });
      }
      req.goa.scope = DataScope.everything();
      return;
    }
    if ('machine' in access && !('permission' in access)) {
      if (principal.kind !== 'machine' || principal.purpose !== access.machine) {
        throw errors.forbidden({
          'zh-CN': `需要用途为 ${access.machine} 的设备令牌`,
          en: `A machine token for ${access.machine} is required`,
        });
      }
      req.goa.scope = DataScope.everything();
      return;
    }
    if (principal.kind !== 'user') throw errors.forbidden();
    if ('authenticated' in access) {
      req.goa.scope = new DataScope(false, [], [], principal.personId);
      return;
    }
    const scope = DataScope.forPermission(principal.roles, access.permission, principal.personId);
    if (!scope.granted) throw errors.forbidden();
    req.goa.scope = access.scope === 'global' ? DataScope.everything() : scope;
  });

  app.addHook('preHandler', async (req) => {
    const access = req.routeOptions.config?.access as Access | undefined;
    if (!access || !('permission' in access) || typeof access.scope !== 'object') return;
    const rule = access.scope;
    const source = (rule.param ? req.params : req.body) as Record<string, unknown> | undefined;
    const id = source?.[rule.param ?? rule.body ?? ''];
    if (id === undefined || id === null) {
      if (rule.body && rule.optional) return;
      throw errors.field(rule.param ?? rule.body ?? 'id', 'required', {
        'zh-CN': '缺少必填字段',
        en: 'A required field is missing',
      });
    }
    const resolve = ownerResolver(rule.entity);
    if (!resolve) throw new Error(`No owner resolver registered for ${rule.entity}`);
    const owner = await resolve(db, String(id));
    if (!owner) throw errors.notFound(rule.entity, String(id));
    if (!req.goa.scope.covers(owner)) throw errors.outOfScope();
  });
}
