import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../kernel/testing/harness.ts';
import { countRows, createTestApp, dbKinds, signIn, type TestApp } from '../../kernel/testing/harness.ts';
import { buildAccount, buildPerson, buildUnit } from '../../kernel/testing/factories.ts';

const WRITES = ['visitor_site', 'visitor_site_guard', 'audit_log'];
const hour = 3_600_000;

describe.each(dbKinds)('visitor sites on %s', (kind) => {
  let t: TestApp;
  let unitAdmin: TestClient;
  let stranger: TestClient;
  let staff: TestClient;
  let unitId: string;
  let jurisdictionId: string;
  let otherUnitId: string;
  let guardId: string;
  let outsiderId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.ctx.db;
    const unit = await buildUnit(db);
    const other = await buildUnit(db);
    unitId = unit.id;
    jurisdictionId = unit.jurisdiction_id;
    otherUnitId = other.id;
    guardId = (await buildPerson(db, { unitId, name: '门卫甲' })).id;
    outsiderId = (await buildPerson(db, { unitId: other.id, name: '外单位乙' })).id;
    const ua = await buildAccount(db, { grants: [{ role: 'unit_admin', scope: 'unit', unitId }] });
    const oa = await buildAccount(db, { grants: [{ role: 'unit_admin', scope: 'unit', unitId: other.id }] });
    const st = await buildAccount(db, { grants: [{ role: 'staff', scope: 'self' }] });
    unitAdmin = await signIn(t.app, ua.username, ua.password);
    stranger = await signIn(t.app, oa.username, oa.password);
    staff = await signIn(t.app, st.username, st.password);
  });
  afterAll(() => t.close());

  const count = () => countRows(t.ctx, WRITES);

  it('lets a unit office add a site with its guards, edit it and delete it, each audited', async () => {
    const made = await unitAdmin.post('/api/visitors/sites', {
      name: ' 东门岗 ',
      address: '龙城大道1号',
      unitId,
      guardIds: [guardId],
    });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    const listed = (await unitAdmin.get('/api/visitors/sites')).body;
    expect(listed).toEqual([
      expect.objectContaining({
        id,
        name: '东门岗',
        address: '龙城大道1号',
        unitId,
        checks: [],
        guards: [expect.objectContaining({ personId: guardId, name: '门卫甲' })],
        visits: 0,
      }),
    ]);
    // the site's guard now works its gate (linked guards are let in besides the unit's own)
    const guardAccount = await buildAccount(t.ctx.db, {
      personId: guardId,
      grants: [{ role: 'gate_guard', scope: 'unit', unitId: otherUnitId }],
    });
    const guard = await signIn(t.app, guardAccount.username, guardAccount.password);
    expect((await guard.get('/api/visitors/gate/sites')).body.map((s: { id: string }) => s.id)).toContain(id);

    expect(
      (
        await unitAdmin.patch(`/api/visitors/sites/${id}`, {
          name: '东门',
          address: null,
          unitId,
          guardIds: [],
        })
      ).status,
    ).toBe(204);
    const edited = (await unitAdmin.get('/api/visitors/sites')).body[0];
    expect(edited).toMatchObject({ name: '东门', address: null, guards: [] });
    expect((await guard.get('/api/visitors/gate/sites')).body.map((s: { id: string }) => s.id)).not.toContain(
      id,
    );

    expect((await unitAdmin.delete(`/api/visitors/sites/${id}`)).status).toBe(204);
    expect((await unitAdmin.get('/api/visitors/sites')).body).toEqual([]);
    const trail = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'visitors.site')
      .where('entity_id', '=', id)
      .orderBy('at')
      .execute();
    expect(trail.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });

  it('refuses bad sites on the field and writes nothing', async () => {
    const first = await unitAdmin.post('/api/visitors/sites', { name: '北门', unitId });
    expect(first.status).toBe(201);
    const before = await count();
    const cases: [unknown, number, string, string?][] = [
      [{ name: '北门', unitId }, 409, 'site_name_taken', 'name'],
      [{ name: '', unitId }, 400, 'invalid_input', 'name'],
      [{ name: 'x'.repeat(61), unitId }, 400, 'invalid_input', 'name'],
      [{ name: '南门', unitId, guardIds: [outsiderId] }, 400, 'site_guard_unknown', 'guardIds.0'],
      [
        { name: '南门', unitId, guardIds: ['00000000-0000-4000-8000-000000000000'] },
        400,
        'site_guard_unknown',
      ],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await unitAdmin.post('/api/visitors/sites', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.code).toBe(code);
      if (field) expect(res.body.error.details.map((d: { field?: string }) => d.field)).toContain(field);
    }
    // another unit's office can neither add to this unit nor touch its site; staff may not manage sites
    expect((await stranger.post('/api/visitors/sites', { name: '西门', unitId })).status).toBe(403);
    expect((await stranger.delete(`/api/visitors/sites/${first.body.id}`)).status).toBe(403);
    expect(
      (await stranger.patch(`/api/visitors/sites/${first.body.id}`, { name: '改', unitId: otherUnitId }))
        .status,
    ).toBe(403);
    expect((await staff.post('/api/visitors/sites', { name: '西门', unitId })).status).toBe(403);
    expect(await count()).toEqual(before);
  });

  it('keeps a site that has visits on record', async () => {
    const id = (await unitAdmin.post('/api/visitors/sites', { name: '主楼', unitId })).body.id as string;
    const host = await buildPerson(t.ctx.db, { unitId });
    await t.ctx.db
      .insertInto('visitor_visit')
      .values({
        site_id: id,
        jurisdiction_id: jurisdictionId,
        unit_id: unitId,
        host_person_id: host.id,
        visitor_name: '来访者',
        purpose: '商谈',
        starts_at: new Date(Date.now() + hour),
        ends_at: new Date(Date.now() + 2 * hour),
        pass_token: 'sites-test-pass-token-0001',
      })
      .execute();
    const before = await count();
    const res = await unitAdmin.delete(`/api/visitors/sites/${id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('site_in_use');
    expect(await count()).toEqual(before);
    expect(
      (await unitAdmin.get('/api/visitors/sites')).body.find((s: { id: string }) => s.id === id),
    ).toMatchObject({ visits: 1 });
  });
});
