import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount } from '../testing/factories.ts';
import { countRows, createTestApp, dbKinds, signIn, TestClient, type TestApp } from '../testing/harness.ts';

describe.each(dbKinds)('auth on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { GOA_LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(() => t.close());

  it('signs in with a password and returns a bearer token that works without CSRF', async () => {
    const acc = await buildAccount(t.ctx.db, { grants: [{ role: 'staff', scope: 'self' }] });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: acc.username, password: acc.password },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { token: string; csrfToken: string };
    expect(body.token).toMatch(/^goa_/);
    const cookie = res.cookies.find((c) => c.name === 'goa_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const me = await new TestClient(t.app, body.token).get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(acc.username);
    expect(me.body.roles).toEqual([expect.objectContaining({ role: 'staff', scopeKind: 'self' })]);
    expect(me.body.timeZone).toBe('Asia/Shanghai');
  });

  it('refuses cookie-authenticated writes without the CSRF header, accepts them with it', async () => {
    const acc = await buildAccount(t.ctx.db);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: acc.username, password: acc.password },
    });
    const { csrfToken } = login.json() as { csrfToken: string };
    const cookies = { goa_session: login.cookies.find((c) => c.name === 'goa_session')!.value };
    const denied = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('csrf_failed');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies,
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(ok.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies });
    expect(after.statusCode).toBe(401);
  });

  it('locks the account after repeated wrong passwords, even for the right one', async () => {
    const acc = await buildAccount(t.ctx.db);
    const attempt = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: acc.username, password },
        headers: { 'accept-language': 'en' },
      });
    expect((await attempt('wrong-1')).statusCode).toBe(401);
    expect((await attempt('wrong-2')).statusCode).toBe(401);
    const third = await attempt('wrong-3');
    expect(third.statusCode).toBe(423);
    expect(third.json().error.code).toBe('account_locked');
    expect(third.json().error.message).toMatch(/locked/);
    const right = await attempt(acc.password);
    expect(right.statusCode).toBe(423);
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity_id', '=', acc.id)
      .orderBy('id')
      .execute();
    expect(log.map((l) => l.action)).toEqual(['login_failed', 'login_failed', 'login_failed_locked']);
  });

  it("answers unknown users like wrong passwords, in the caller's language", async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'x' },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      error: { code: 'bad_credentials', message: 'Wrong username or password', details: [] },
    });
  });

  it('rejects a malformed login body with field details and writes nothing', async () => {
    const before = await countRows(t.ctx, ['auth_session', 'audit_log']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'x'.repeat(41) },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_input');
    expect(
      res
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['password', 'username']);
    expect(await countRows(t.ctx, ['auth_session', 'audit_log'])).toEqual(before);
  });

  it('changes a password under the policy and ends the other sessions', async () => {
    const acc = await buildAccount(t.ctx.db);
    const a = await signIn(t.app, acc.username, acc.password);
    const b = await signIn(t.app, acc.username, acc.password);
    const weak = await a.post('/api/auth/password', { currentPassword: acc.password, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0].field).toBe('newPassword');
    const wrong = await a.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Better2026x' });
    expect(wrong.status).toBe(400);
    expect(
      (await a.post('/api/auth/password', { currentPassword: acc.password, newPassword: 'Better2026x' }))
        .status,
    ).toBe(204);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    await signIn(t.app, acc.username, 'Better2026x');
  });

  it('rejects an unknown bearer token', async () => {
    const res = await new TestClient(t.app, 'goa_forged').get('/api/auth/me');
    expect(res.status).toBe(401);
  });
});
