import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildJurisdiction, buildPerson, buildUnit } from '../testing/factories.ts';
import {
  countRows,
  createTestApp,
  dbKinds,
  signIn,
  type Response,
  type TestApp,
  type TestClient,
} from '../testing/harness.ts';

const WRITES = ['auth_account', 'auth_role_assignment', 'audit_log'];

describe.each(dbKinds)('account administration on %s', (kind) => {
  let t: TestApp;
  let bureau: TestClient;
  let district: TestClient;
  let unitAdmin: TestClient;
  let auditor: TestClient;
  const ids = { j1: '', j2: '', u1: '', u2: '', u3: '', pU1: '', pU2: '', pU3: '' };

  /** Runs a write and returns the audit records it added. */
  async function audited(fn: () => Promise<unknown>) {
    const { max } = await t.ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirstOrThrow();
    await fn();
    return t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', Number(max ?? 0))
      .execute();
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { GOA_LOGIN_MAX_FAILURES: '2' });
    const db = t.ctx.db;
    const j1 = await buildJurisdiction(db);
    const j2 = await buildJurisdiction(db);
    const u1 = await buildUnit(db, { jurisdictionId: j1.id });
    const u2 = await buildUnit(db, { jurisdictionId: j1.id });
    const u3 = await buildUnit(db, { jurisdictionId: j2.id });
    Object.assign(ids, { j1: j1.id, j2: j2.id, u1: u1.id, u2: u2.id, u3: u3.id });
    ids.pU1 = (await buildPerson(db, { unitId: u1.id })).id;
    ids.pU2 = (await buildPerson(db, { unitId: u2.id })).id;
    ids.pU3 = (await buildPerson(db, { unitId: u3.id })).id;
    const a = await buildAccount(db, { personId: null, grants: [{ role: 'bureau_admin', scope: 'city' }] });
    const d = await buildAccount(db, {
      personId: (await buildPerson(db, { unitId: u1.id })).id,
      grants: [{ role: 'district_admin', scope: 'jurisdiction', jurisdictionId: j1.id }],
    });
    const ua = await buildAccount(db, {
      personId: (await buildPerson(db, { unitId: u1.id })).id,
      grants: [{ role: 'unit_admin', scope: 'unit', unitId: u1.id }],
    });
    const au = await buildAccount(db, { personId: null, grants: [{ role: 'auditor', scope: 'city' }] });
    bureau = await signIn(t.app, a.username, a.password);
    district = await signIn(t.app, d.username, d.password);
    unitAdmin = await signIn(t.app, ua.username, ua.password);
    auditor = await signIn(t.app, au.username, au.password);
  });
  afterAll(() => t.close());

  it('creates an account with one audit record scoped to the person', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let res!: Response<any>;
    const records = await audited(async () => {
      res = await district.post('/api/accounts', {
        username: 'Li.Ming',
        displayName: ' 李明 ',
        personId: ids.pU2,
        password: 'Start2026pw',
      });
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username: 'li.ming',
      displayName: '李明',
      personId: ids.pU2,
      unitId: ids.u2,
      disabled: false,
      lockedUntil: null,
      lastLoginAt: null,
      roles: [],
    });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      entity: 'auth.account',
      entity_id: res.body.id,
      action: 'create',
      jurisdiction_id: ids.j1,
      unit_id: ids.u2,
    });
    expect(JSON.stringify(records[0]!.after)).not.toMatch(/Start2026pw|scrypt/);
    await signIn(t.app, 'li.ming', 'Start2026pw');
  });

  it('refuses bad account input with 400/403/404/409 and writes nothing', async () => {
    const before = await countRows(t.ctx, WRITES);
    const good = { username: 'new.user', displayName: '新用户', personId: ids.pU1, password: 'Start2026pw' };
    const cases: [TestClient, object, number, string, string?][] = [
      [bureau, { ...good, username: 'x y' }, 400, 'invalid_username', 'username'],
      [bureau, { ...good, username: 'u'.repeat(41) }, 400, 'invalid_input', 'username'],
      [bureau, { ...good, displayName: '名'.repeat(51) }, 400, 'invalid_input', 'displayName'],
      [bureau, { ...good, password: 'short1' }, 400, 'password_too_short', 'password'],
      [bureau, { ...good, password: 'onlyletters' }, 400, 'password_needs_letters_and_digits', 'password'],
      [bureau, { ...good, personId: 'not-a-uuid' }, 400, 'invalid_input', 'personId'],
      [bureau, { username: 'a1' }, 400, 'invalid_input'],
      [bureau, { ...good, personId: '00000000-0000-4000-8000-000000000000' }, 404, 'not_found', 'personId'],
      [bureau, { ...good, username: 'li.ming' }, 409, 'username_taken', 'username'],
      [district, { ...good, personId: ids.pU3 }, 403, 'out_of_scope'],
      [district, { ...good, personId: null }, 403, 'city_scope_required'],
      [unitAdmin, { ...good, personId: ids.pU2 }, 403, 'out_of_scope'],
      [auditor, good, 403, 'forbidden'],
    ];
    for (const [client, body, status, code, field] of cases) {
      const res = await client.post('/api/accounts', body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([status, code]);
      if (field) expect(res.body.error.details.map((d: { field?: string }) => d.field)).toContain(field);
    }
    expect(await countRows(t.ctx, WRITES)).toEqual(before);
  });

  it('lists accounts by the scope of the linked person, with filters and roles', async () => {
    const usernames = async (c: TestClient, query = '') => {
      const res = await c.get(`/api/accounts?pageSize=500${query}`);
      expect(res.status).toBe(200);
      return res.body.items.map((a: { username: string }) => a.username) as string[];
    };
    const all = await usernames(bureau);
    const inJ1 = await usernames(district);
    const inU1 = await usernames(unitAdmin);
    expect(all).toContain('li.ming');
    expect(inJ1).toContain('li.ming');
    expect(inU1).not.toContain('li.ming');
    expect(inJ1.length).toBeLessThan(all.length); // the personless accounts are city-level
    expect(inU1.length).toBeLessThan(inJ1.length);
    expect(await usernames(auditor)).toEqual(all); // read-only, city-wide
    const page = await bureau.get('/api/accounts?q=li.m&pageSize=1');
    expect(page.body).toMatchObject({ total: 1, page: 1, pageSize: 1 });
    expect(page.body.items[0]).toMatchObject({ username: 'li.ming', unitId: ids.u2 });
    expect(await usernames(bureau, `&unitId=${ids.u2}`)).toEqual(['li.ming']);
    const districtAdmins = await bureau.get('/api/accounts?role=district_admin');
    expect(districtAdmins.body.items).toHaveLength(1);
    expect(districtAdmins.body.items[0].roles).toEqual([
      expect.objectContaining({
        role: 'district_admin',
        label: '辖区管理员',
        scopeKind: 'jurisdiction',
        jurisdictionId: ids.j1,
      }),
    ]);
    expect(await usernames(bureau, '&disabled=true')).toEqual([]);
    expect((await bureau.get('/api/accounts?disabled=maybe')).status).toBe(400);
    expect((await bureau.get('/api/accounts?role=king')).status).toBe(400);
    const staff = await buildAccount(t.ctx.db, { grants: [{ role: 'staff', scope: 'self' }] });
    expect((await (await signIn(t.app, staff.username, staff.password)).get('/api/accounts')).status).toBe(
      403,
    );
  });

  it('renames and disables an account, ending its sessions, with one audit record each', async () => {
    const target = await buildAccount(t.ctx.db, { personId: ids.pU1 });
    const session = await signIn(t.app, target.username, target.password);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let res!: Response<any>;
    const records = await audited(async () => {
      res = await unitAdmin.patch(`/api/accounts/${target.id}`, { displayName: '王芳', disabled: true });
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: '王芳', disabled: true });
    expect(records.map((r) => [r.action, r.before, r.after])).toEqual([
      ['update', { displayName: '测试用户', disabled: false }, { displayName: '王芳', disabled: true }],
    ]);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    expect((await unitAdmin.patch(`/api/accounts/${target.id}`, { disabled: false })).body.disabled).toBe(
      false,
    );
    await signIn(t.app, target.username, target.password);
  });

  it('refuses bad edits: empty, self-disable, out of scope, unknown', async () => {
    const before = await countRows(t.ctx, WRITES);
    const other = await buildAccount(t.ctx.db, { personId: ids.pU3 });
    const after = await countRows(t.ctx, WRITES);
    const me = (await district.get('/api/auth/me')).body.accountId as string;
    const cases: [string, object, number, string][] = [
      [other.id, {}, 403, 'out_of_scope'],
      [me, {}, 400, 'nothing_to_change'],
      [me, { disabled: true }, 400, 'cannot_disable_self'],
      [me, { displayName: '' }, 400, 'invalid_input'],
      ['00000000-0000-4000-8000-000000000000', { disabled: true }, 404, 'not_found'],
      ['nope', { disabled: true }, 400, 'invalid_input'],
    ];
    for (const [id, body, status, code] of cases) {
      const res = await district.patch(`/api/accounts/${id}`, body);
      expect([res.status, res.body.error.code], `${id} ${JSON.stringify(body)}`).toEqual([status, code]);
    }
    expect(await countRows(t.ctx, WRITES)).toEqual(after);
    expect(after.auth_account).toBe(before.auth_account! + 1);
  });

  it('resets a password: old sessions end, the new one works, a weak one is refused', async () => {
    const target = await buildAccount(t.ctx.db, { personId: ids.pU2 });
    const session = await signIn(t.app, target.username, target.password);
    const before = await countRows(t.ctx, WRITES);
    const weak = await district.post(`/api/accounts/${target.id}/password-reset`, { newPassword: 'abc' });
    expect([weak.status, weak.body.error.details[0].field]).toEqual([400, 'newPassword']);
    expect(
      (await unitAdmin.post(`/api/accounts/${target.id}/password-reset`, { newPassword: 'Fresh2026pw' }))
        .status,
    ).toBe(403);
    expect(await countRows(t.ctx, WRITES)).toEqual(before);
    const records = await audited(async () => {
      const ok = await district.post(`/api/accounts/${target.id}/password-reset`, {
        newPassword: 'Fresh2026pw',
      });
      expect(ok.status).toBe(204);
    });
    expect(records.map((r) => [r.entity, r.entity_id, r.action])).toEqual([
      ['auth.account', target.id, 'password_reset'],
    ]);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    await signIn(t.app, target.username, 'Fresh2026pw');
  });

  it('unlocks an account locked by failed sign-ins', async () => {
    const target = await buildAccount(t.ctx.db, { personId: ids.pU1 });
    for (let i = 0; i < 2; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: target.username, password: 'wrong' },
      });
    }
    const listed = await unitAdmin.get(`/api/accounts/${target.id}`);
    expect(listed.body.lockedUntil).toEqual(expect.any(String));
    const records = await audited(async () => {
      const res = await unitAdmin.post(`/api/accounts/${target.id}/unlock`);
      expect([res.status, res.body.lockedUntil]).toEqual([200, null]);
    });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ action: 'unlock', before: { failedCount: 2 } });
    await signIn(t.app, target.username, target.password);
  });
});
