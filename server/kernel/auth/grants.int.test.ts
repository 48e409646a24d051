import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildJurisdiction, buildPerson, buildUnit } from '../testing/factories.ts';
import {
  countRows,
  createTestApp,
  dbKinds,
  signIn,
  type TestApp,
  type TestClient,
} from '../testing/harness.ts';

const WRITES = ['auth_role_assignment', 'audit_log'];

describe.each(dbKinds)('role grants on %s', (kind) => {
  let t: TestApp;
  let bureau: TestClient;
  let district: TestClient;
  let unitAdmin: TestClient;
  let bureauId: string;
  const ids = { j1: '', j2: '', u1: '', u2: '', u3: '' };
  const account = async (unitId: string | null) =>
    (await buildAccount(t.ctx.db, { personId: unitId ? (await buildPerson(t.ctx.db, { unitId })).id : null }))
      .id;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.ctx.db;
    ids.j1 = (await buildJurisdiction(db)).id;
    ids.j2 = (await buildJurisdiction(db)).id;
    ids.u1 = (await buildUnit(db, { jurisdictionId: ids.j1 })).id;
    ids.u2 = (await buildUnit(db, { jurisdictionId: ids.j1 })).id;
    ids.u3 = (await buildUnit(db, { jurisdictionId: ids.j2 })).id;
    const a = await buildAccount(db, { personId: null, grants: [{ role: 'bureau_admin', scope: 'city' }] });
    bureauId = a.id;
    const d = await buildAccount(db, {
      personId: (await buildPerson(db, { unitId: ids.u1 })).id,
      grants: [{ role: 'district_admin', scope: 'jurisdiction', jurisdictionId: ids.j1 }],
    });
    const ua = await buildAccount(db, {
      personId: (await buildPerson(db, { unitId: ids.u1 })).id,
      grants: [{ role: 'unit_admin', scope: 'unit', unitId: ids.u1 }],
    });
    bureau = await signIn(t.app, a.username, a.password);
    district = await signIn(t.app, d.username, d.password);
    unitAdmin = await signIn(t.app, ua.username, ua.password);
  });
  afterAll(() => t.close());

  it('grants within reach, storing a unit grant by its unit alone, with one audit record', async () => {
    const target = await account(ids.u2);
    const before = await countRows(t.ctx, WRITES);
    const res = await district.post(`/api/accounts/${target}/roles`, {
      role: 'staff',
      scopeKind: 'unit',
      unitId: ids.u2,
    });
    expect(res.status).toBe(201);
    expect(res.body.roles).toEqual([
      expect.objectContaining({
        role: 'staff',
        label: '工作人员',
        scopeKind: 'unit',
        unitId: ids.u2,
        jurisdictionId: ids.j1,
      }),
    ]);
    const stored = await t.ctx.db
      .selectFrom('auth_role_assignment')
      .selectAll()
      .where('account_id', '=', target)
      .execute();
    expect(stored).toEqual([
      expect.objectContaining({ scope_kind: 'unit', unit_id: ids.u2, jurisdiction_id: null }),
    ]);
    expect(await countRows(t.ctx, WRITES)).toEqual({
      auth_role_assignment: before.auth_role_assignment! + 1,
      audit_log: before.audit_log! + 1,
    });
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(log).toMatchObject({
      entity: 'auth.account',
      entity_id: target,
      action: 'role_grant',
      unit_id: ids.u2,
    });
    expect(log.after).toMatchObject({
      role: 'staff',
      scopeKind: 'unit',
      unitId: ids.u2,
      assignmentId: stored[0]!.id,
    });

    const self = await unitAdmin.post(`/api/accounts/${await account(ids.u1)}/roles`, {
      role: 'unit_admin',
      scopeKind: 'self',
    });
    expect(self.status).toBe(201);
    const peer = await district.post(`/api/accounts/${target}/roles`, {
      role: 'district_admin',
      scopeKind: 'jurisdiction',
      jurisdictionId: ids.j1,
    });
    expect(peer.status).toBe(201);
    const city = await bureau.post(`/api/accounts/${await account(null)}/roles`, {
      role: 'bureau_admin',
      scopeKind: 'city',
    });
    expect(city.status).toBe(201);
  });

  it('refuses grants beyond the granter’s reach or rank with 403 and writes nothing', async () => {
    const inU1 = await account(ids.u1);
    const inU2 = await account(ids.u2);
    const inU3 = await account(ids.u3);
    const before = await countRows(t.ctx, WRITES);
    const cases: [TestClient, string, object, string][] = [
      [district, inU1, { role: 'staff', scopeKind: 'city' }, 'grant_scope_beyond_reach'],
      [
        district,
        inU1,
        { role: 'bureau_admin', scopeKind: 'jurisdiction', jurisdictionId: ids.j1 },
        'grant_role_above_own',
      ],
      [
        district,
        inU1,
        { role: 'staff', scopeKind: 'jurisdiction', jurisdictionId: ids.j2 },
        'grant_scope_beyond_reach',
      ],
      [district, inU2, { role: 'staff', scopeKind: 'unit', unitId: ids.u3 }, 'grant_scope_beyond_reach'],
      [district, inU3, { role: 'staff', scopeKind: 'self' }, 'out_of_scope'],
      [unitAdmin, inU1, { role: 'staff', scopeKind: 'unit', unitId: ids.u2 }, 'grant_scope_beyond_reach'],
      [
        unitAdmin,
        inU1,
        { role: 'staff', scopeKind: 'jurisdiction', jurisdictionId: ids.j1 },
        'grant_scope_beyond_reach',
      ],
      [
        unitAdmin,
        inU1,
        { role: 'district_admin', scopeKind: 'unit', unitId: ids.u1 },
        'grant_role_above_own',
      ],
      [unitAdmin, inU2, { role: 'staff', scopeKind: 'self' }, 'out_of_scope'],
    ];
    for (const [client, id, body, code] of cases) {
      const res = await client.post(`/api/accounts/${id}/roles`, body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([403, code]);
    }
    expect(await countRows(t.ctx, WRITES)).toEqual(before);
  });

  it('refuses malformed and unknown grants with 400/404/409 and writes nothing', async () => {
    const inU1 = await account(ids.u1);
    const personless = await account(null);
    await bureau.post(`/api/accounts/${inU1}/roles`, { role: 'driver', scopeKind: 'unit', unitId: ids.u1 });
    const before = await countRows(t.ctx, WRITES);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const cases: [string, object, number, string, string?][] = [
      [inU1, { role: 'king', scopeKind: 'city' }, 400, 'invalid_input', 'role'],
      [inU1, { role: 'staff' }, 400, 'invalid_input', 'scopeKind'],
      [inU1, { role: 'staff', scopeKind: 'jurisdiction' }, 400, 'required', 'jurisdictionId'],
      [inU1, { role: 'staff', scopeKind: 'unit' }, 400, 'required', 'unitId'],
      [inU1, { role: 'staff', scopeKind: 'city', unitId: ids.u1 }, 400, 'not_allowed_for_scope', 'unitId'],
      [
        inU1,
        { role: 'staff', scopeKind: 'unit', unitId: ids.u1, jurisdictionId: ids.j2 },
        400,
        'unit_not_in_jurisdiction',
        'jurisdictionId',
      ],
      [inU1, { role: 'staff', scopeKind: 'unit', unitId: 'x' }, 400, 'invalid_input', 'unitId'],
      [inU1, { role: 'staff', scopeKind: 'unit', unitId: unknown }, 404, 'not_found', 'unitId'],
      [
        inU1,
        { role: 'staff', scopeKind: 'jurisdiction', jurisdictionId: unknown },
        404,
        'not_found',
        'jurisdictionId',
      ],
      [personless, { role: 'staff', scopeKind: 'self' }, 400, 'self_scope_needs_person', 'scopeKind'],
      [inU1, { role: 'driver', scopeKind: 'unit', unitId: ids.u1 }, 409, 'role_already_granted'],
      [unknown, { role: 'staff', scopeKind: 'city' }, 404, 'not_found'],
    ];
    for (const [id, body, status, code, field] of cases) {
      const res = await bureau.post(`/api/accounts/${id}/roles`, body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([status, code]);
      if (field) expect(res.body.error.details.map((d: { field?: string }) => d.field)).toContain(field);
    }
    expect(await countRows(t.ctx, WRITES)).toEqual(before);
  });

  it('revokes only what the caller could grant, with one audit record', async () => {
    const target = await account(ids.u1);
    const grant = async (body: object) => {
      const res = await bureau.post(`/api/accounts/${target}/roles`, body);
      return (res.body.roles as { id: string; role: string }[]).find(
        (r) => r.role === (body as { role: string }).role,
      )!.id;
    };
    const wide = await grant({ role: 'inspector', scopeKind: 'jurisdiction', jurisdictionId: ids.j1 });
    const narrow = await grant({ role: 'staff', scopeKind: 'unit', unitId: ids.u1 });
    const other = await account(ids.u1);
    const before = await countRows(t.ctx, WRITES);
    const refused: [TestClient, string, string, number, string][] = [
      [unitAdmin, target, wide, 403, 'grant_scope_beyond_reach'],
      [unitAdmin, other, narrow, 404, 'not_found'],
      [unitAdmin, target, '00000000-0000-4000-8000-000000000000', 404, 'not_found'],
    ];
    for (const [client, account, assignment, status, code] of refused) {
      const res = await client.delete(`/api/accounts/${account}/roles/${assignment}`);
      expect([res.status, res.body.error.code]).toEqual([status, code]);
    }
    expect(await countRows(t.ctx, WRITES)).toEqual(before);
    expect((await unitAdmin.delete(`/api/accounts/${target}/roles/${narrow}`)).status).toBe(204);
    expect((await district.delete(`/api/accounts/${target}/roles/${wide}`)).status).toBe(204);
    expect(await countRows(t.ctx, WRITES)).toEqual({
      auth_role_assignment: before.auth_role_assignment! - 2,
      audit_log: before.audit_log! + 2,
    });
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(log).toMatchObject({
      entity_id: target,
      action: 'role_revoke',
      before: { assignmentId: wide, role: 'inspector' },
    });
  });

  it('keeps at least one enabled city-wide bureau admin', async () => {
    const mine = (await bureau.get(`/api/accounts/${bureauId}`)).body.roles[0].id as string;
    const others = await t.ctx.db
      .selectFrom('auth_role_assignment')
      .select('id')
      .where('role', '=', 'bureau_admin')
      .where('account_id', '!=', bureauId)
      .execute();
    await t.ctx.db
      .deleteFrom('auth_role_assignment')
      .where(
        'id',
        'in',
        others.map((o) => o.id),
      )
      .execute();
    const before = await countRows(t.ctx, WRITES);
    const res = await bureau.delete(`/api/accounts/${bureauId}/roles/${mine}`);
    expect([res.status, res.body.error.code]).toEqual([409, 'last_bureau_admin']);
    expect(await countRows(t.ctx, WRITES)).toEqual(before);
  });
});
