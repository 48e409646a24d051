import { afterAll, describe, expect, it, vi } from 'vitest';
import type * as FastifyModule from 'fastify';
import type { RouteOptions } from 'fastify';
import { buildApp } from '../../app.ts';
import type { AppContext } from '../module.ts';
import { createTestApp, createTestDatabase, testConfig, type TestApp } from '../testing/harness.ts';

/**
 * Walks every route the platform registers and fails when an /api route (other than the API docs)
 * has no `config.access`. Routes are collected by an onRoute hook installed on every Fastify
 * instance the moment it is created, before buildApp registers anything.
 */
const seen = vi.hoisted(() => [] as RouteOptions[]);

vi.mock('fastify', async (importOriginal) => {
  const mod = await importOriginal<typeof FastifyModule>();
  const create = ((opts?: Parameters<typeof mod.default>[0]) => {
    const app = mod.default(opts);
    app.addHook('onRoute', (route) => {
      seen.push(route);
    });
    return app;
  }) as typeof mod.default;
  return { ...mod, default: create };
});

function undeclared(routes: readonly RouteOptions[]): string[] {
  return routes
    .filter((r) => r.url.startsWith('/api') && !r.url.startsWith('/api/docs'))
    .filter((r) => !(r.config as { access?: unknown } | undefined)?.access)
    .map((r) => `${String(r.method)} ${r.url}`);
}

describe('route declarations', () => {
  let t: TestApp | undefined;
  afterAll(() => t?.close());

  it('every /api route of the platform declares its access rule', async () => {
    seen.length = 0;
    t = await createTestApp('pglite');
    const urls = new Set(seen.map((r) => r.url));
    // the walk sees the routes of every component, not just those of app.ts
    for (const url of [
      '/api/health',
      '/api/auth/login',
      '/api/accounts',
      '/api/audit',
      '/api/access/roles',
    ]) {
      expect(urls).toContain(url);
    }
    expect(seen.filter((r) => r.url.startsWith('/api')).length).toBeGreaterThan(15);
    expect(undeclared(seen)).toEqual([]);
  });

  it('catches a route without a declaration, which the guard also refuses to serve', async () => {
    seen.length = 0;
    const database = await createTestDatabase('pglite');
    const config = testConfig();
    const ctx: AppContext = { config, database, db: database.db };
    const app = await buildApp(ctx, { web: false });
    app.get('/api/naked', async () => ({ ok: true }));
    await app.ready();
    try {
      expect(undeclared(seen)).toEqual(['GET /api/naked', 'HEAD /api/naked']);
      const res = await app.inject({
        method: 'GET',
        url: '/api/naked',
        headers: { 'accept-language': 'en' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('route_undeclared');
    } finally {
      await app.close();
      await database.close();
    }
  });
});
