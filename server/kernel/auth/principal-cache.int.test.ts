import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildJurisdiction } from '../testing/factories.ts';
import { createTestApp, dbKinds, signIn, type TestApp } from '../testing/harness.ts';
import { affectsPrincipals } from './principal-cache.ts';

describe('which writes clear the principal cache', () => {
  it('clears for account, role, session, token, person and unit changes, not for sign-ins', () => {
    expect(affectsPrincipals({ entity: 'auth.account', action: 'grant' })).toBe(true);
    expect(affectsPrincipals({ entity: 'auth.session', action: 'logout' })).toBe(true);
    expect(affectsPrincipals({ entity: 'auth.machine_token', action: 'revoke' })).toBe(true);
    expect(affectsPrincipals({ entity: 'org.person', action: 'update' })).toBe(true);
    expect(affectsPrincipals({ entity: 'org.unit', action: 'update' })).toBe(true);
    expect(affectsPrincipals({ entity: 'auth.account', action: 'login' })).toBe(false);
    expect(affectsPrincipals({ entity: 'auth.account', action: 'login_failed' })).toBe(false);
    expect(affectsPrincipals({ entity: 'calendar.day', action: 'update' })).toBe(false);
  });
});

describe.each(dbKinds)('principal cache on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { GOA_AUTH_CACHE_MS: '60000' });
  });
  afterAll(() => t.close());

  it('applies a role granted through the API to the very next request', async () => {
    const district = await buildJurisdiction(t.ctx.db);
    const admin = await buildAccount(t.ctx.db, { grants: [{ role: 'bureau_admin', scope: 'city' }] });
    const target = await buildAccount(t.ctx.db, { grants: [{ role: 'staff', scope: 'self' }] });
    const a = await signIn(t.app, admin.username, admin.password);
    const b = await signIn(t.app, target.username, target.password);
    expect((await b.get('/api/auth/me')).body.roles).toHaveLength(1); // now cached
    const granted = await a.post(`/api/accounts/${target.id}/roles`, {
      role: 'district_admin',
      scopeKind: 'jurisdiction',
      jurisdictionId: district.id,
    });
    expect(granted.status).toBe(201);
    const me = await b.get('/api/auth/me');
    expect(me.body.roles.map((r: { role: string }) => r.role).sort()).toEqual(['district_admin', 'staff']);
  });

  it('ends a signed-out session at once despite the cache', async () => {
    const acc = await buildAccount(t.ctx.db);
    const c = await signIn(t.app, acc.username, acc.password);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });
});
