import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  createTestApp,
  dbKinds,
  signIn,
  TestClient,
  type TestApp,
} from '../../kernel/testing/harness.ts';
import { buildAccount, buildPerson, buildUnit } from '../../kernel/testing/factories.ts';
import { visitorsEnv } from './env.ts';
import { purgePersonalData } from './purge.ts';
import { CITY_CHECKS } from './demo.ts';

const WRITES = ['visitor_visit', 'audit_log', 'notification', 'visitor_flag', 'visitor_blacklist'];
const ID = '11010519491231002X';
const BANNED_ID = '440524188001010014';
const hour = 3_600_000;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();

describe.each(dbKinds)('visitors on %s', (kind) => {
  let t: TestApp;
  let host: TestClient;
  let otherStaff: TestClient;
  let guard: TestClient;
  let farGuard: TestClient;
  let admin: TestClient;
  let anon: TestClient;
  let siteId: string;
  let link: string;
  let hostPersonId: string;

  beforeAll(async () => {
    t = await createTestApp(kind, { GOA_VISITORS_PUBLIC_PER_MINUTE: '1000' });
    const db = t.ctx.db;
    const unit = await buildUnit(db);
    const other = await buildUnit(db);
    const site = await db
      .insertInto('visitor_site')
      .values({
        name: '测试行政中心',
        jurisdiction_id: unit.jurisdiction_id,
        unit_id: unit.id,
        checks: JSON.stringify(CITY_CHECKS),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    siteId = site.id;
    const hostPerson = await buildPerson(db, { unitId: unit.id, name: '周文华' });
    hostPersonId = hostPerson.id;
    await db
      .updateTable('org_person')
      .set({ phone: '13900001111' })
      .where('id', '=', hostPerson.id)
      .execute();
    const h = await buildAccount(db, { personId: hostPerson.id, grants: [{ role: 'staff', scope: 'self' }] });
    const o = await buildAccount(db, { grants: [{ role: 'staff', scope: 'self' }] });
    const guardPerson = await buildPerson(db, { unitId: other.id });
    const g = await buildAccount(db, {
      personId: guardPerson.id,
      grants: [{ role: 'gate_guard', scope: 'unit', unitId: other.id }],
    });
    await db
      .insertInto('visitor_site_guard')
      .values({ site_id: siteId, person_id: guardPerson.id })
      .execute();
    const fg = await buildAccount(db, { grants: [{ role: 'gate_guard', scope: 'unit', unitId: other.id }] });
    const a = await buildAccount(db, { personId: null, grants: [{ role: 'bureau_admin', scope: 'city' }] });
    host = await signIn(t.app, h.username, h.password);
    otherStaff = await signIn(t.app, o.username, o.password);
    guard = await signIn(t.app, g.username, g.password);
    farGuard = await signIn(t.app, fg.username, fg.password);
    admin = await signIn(t.app, a.username, a.password);
    anon = new TestClient(t.app);
    link = (await host.get('/api/visitors/host-link')).body.token;
  });
  afterAll(() => t.close());

  const count = () => countRows(t.ctx, WRITES);
  const appointment = (over: Record<string, unknown> = {}) => ({
    hostLink: link,
    visitorName: '林晓',
    idNumber: ID,
    mobile: '13812345678',
    company: '常州日报社',
    purpose: '采访',
    startsAt: iso(hour),
    endsAt: iso(3 * hour),
    plate: '苏DD12345',
    ...over,
  });

  async function approvedVisit(over: Record<string, unknown> = {}) {
    const reg = await anon.post('/api/public/visitors/appointments', appointment(over));
    expect(reg.status).toBe(201);
    const v = await t.ctx.db
      .selectFrom('visitor_visit')
      .select('id')
      .where('pass_token', '=', reg.body.passToken)
      .executeTakeFirstOrThrow();
    const ok = await host.post(`/api/visitors/visits/${v.id}/approve`, {});
    expect(ok.status).toBe(200);
    return { id: v.id, passToken: reg.body.passToken as string, code: ok.body.passCode as string };
  }

  it('registers through the host link, notifies the host, stores the ID number encrypted and shows it masked', async () => {
    const before = await count();
    const res = await anon.post('/api/public/visitors/appointments', appointment());
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('pending');
    const after = await count();
    expect(after.visitor_visit).toBe(before.visitor_visit! + 1);
    expect(after.notification).toBe(before.notification! + 1);
    const row = await t.ctx.db
      .selectFrom('visitor_visit')
      .selectAll()
      .where('pass_token', '=', res.body.passToken)
      .executeTakeFirstOrThrow();
    expect(row.id_cipher).not.toContain('19491231');
    expect(visitorsEnv(t.ctx).cipher.decrypt(row.id_cipher ?? '')).toBe(ID);
    expect(row.plate).toBe('苏DD12345');
    const mine = await host.get('/api/visitors/mine');
    const seen = mine.body.find((v: { id: string }) => v.id === row.id);
    expect(seen.idMasked).toBe('110***********002X');
    expect(JSON.stringify(mine.body)).not.toContain(ID);
    const pass = await anon.get(`/api/public/visitors/passes/${res.body.passToken}`);
    expect([pass.body.status, pass.body.passCode, pass.body.hostName]).toEqual(['pending', null, '周文华']);
  });

  it('refuses the same appointment sent twice (same visitor, host and time) and writes nothing', async () => {
    const body = appointment({ startsAt: iso(5 * hour), endsAt: iso(6 * hour) });
    expect((await anon.post('/api/public/visitors/appointments', body)).status).toBe(201);
    const before = await count();
    const again = await anon.post('/api/public/visitors/appointments', body);
    expect([again.status, again.body.error.code]).toEqual([409, 'visit_duplicate']);
    expect(again.body).not.toHaveProperty('passToken');
    expect(await count()).toEqual(before);
    // another time for the same visitor and host is a new appointment
    const later = appointment({ startsAt: iso(7 * hour), endsAt: iso(8 * hour) });
    expect((await anon.post('/api/public/visitors/appointments', later)).status).toBe(201);
  });

  it('finds the host by name and phone on the general page', async () => {
    const res = await anon.post('/api/public/visitors/appointments', {
      ...appointment({ hostLink: undefined }),
      siteId,
      hostName: '周文华',
      hostPhone: '139 0000 1111',
    });
    expect(res.status).toBe(201);
    const wrong = await anon.post('/api/public/visitors/appointments', {
      ...appointment({ hostLink: undefined }),
      siteId,
      hostName: '周文华',
      hostPhone: '13900002222',
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'host_not_found']);
  });

  it.each([
    ['idNumber', { idNumber: '110105194912310021' }, 'id_number_invalid'],
    ['idNumber', { idNumber: '1101051949' }, 'id_number_invalid'],
    ['mobile', { mobile: '1381234567' }, 'mobile_invalid'],
    ['mobile', { mobile: '23812345678' }, 'mobile_invalid'],
    ['plate', { plate: '苏DI2345' }, 'plate_invalid'],
    ['endsAt', { startsAt: iso(3 * hour), endsAt: iso(hour) }, 'time_window_invalid'],
    ['endsAt', { startsAt: iso(-5 * hour), endsAt: iso(-hour) }, 'time_window_invalid'],
    [
      'startsAt',
      { startsAt: iso(31 * 24 * hour), endsAt: iso(31 * 24 * hour + hour) },
      'time_window_too_far',
    ],
  ])('refuses a bad %s (%j) with a field error and writes nothing', async (field, over, code) => {
    const before = await count();
    const res = await anon.post('/api/public/visitors/appointments', appointment(over));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.details[0].field).toBe(field);
    expect(await count()).toEqual(before);
  });

  it('explains a wrong check digit in English too', async () => {
    const res = await new TestClient(t.app, null, 'en').post(
      '/api/public/visitors/appointments',
      appointment({ idNumber: '110105194912310021' }),
    );
    expect(res.body.error.message).toBe('The ID number has a wrong check digit.');
    expect(res.body.error.details[0].reason).toBe('check_digit');
  });

  it('lets only the host (or an admin) decide, once, and shows the pass code on the pass link', async () => {
    const reg = await anon.post('/api/public/visitors/appointments', appointment());
    const v = await t.ctx.db
      .selectFrom('visitor_visit')
      .select('id')
      .where('pass_token', '=', reg.body.passToken)
      .executeTakeFirstOrThrow();
    expect((await otherStaff.post(`/api/visitors/visits/${v.id}/approve`, {})).status).toBe(403);
    const ok = await host.post(`/api/visitors/visits/${v.id}/approve`, {});
    expect([ok.status, ok.body.status]).toEqual([200, 'approved']);
    expect(ok.body.passCode).toMatch(/^\d{8}$/);
    const before = await count();
    const again = await admin.post(`/api/visitors/visits/${v.id}/decline`, { reason: '改期' });
    expect([again.status, again.body.error.code]).toEqual([409, 'visit_not_pending']);
    expect(await count()).toEqual(before);
    const pass = await anon.get(`/api/public/visitors/passes/${reg.body.passToken}`);
    expect([pass.body.status, pass.body.passCode]).toEqual(['approved', ok.body.passCode]);
    expect((await anon.get('/api/public/visitors/passes/not-a-real-token-000')).status).toBe(404);
  });

  it('checks in by pass code with the site checks, refuses reuse, failed checks and other sites', async () => {
    const { id, code } = await approvedVisit();
    const found = await guard.get(`/api/visitors/gate/find?q=${code}`);
    expect(found.body.map((v: { id: string }) => v.id)).toEqual([id]);
    const byPlate = await guard.get(`/api/visitors/gate/find?q=${encodeURIComponent('苏DD12345')}`);
    expect(byPlate.body.map((v: { id: string }) => v.id)).toContain(id);
    const byId = await guard.get(`/api/visitors/gate/find?q=${ID}`);
    expect(byId.body.map((v: { id: string }) => v.id)).toContain(id);
    expect(await farGuard.get(`/api/visitors/gate/find?q=${code}`).then((r) => r.body)).toEqual([]);

    let before = await count();
    const missing = await guard.post('/api/visitors/gate/check-in', { code, checks: { temperature: 36.5 } });
    expect([missing.status, missing.body.error.code, missing.body.error.details[0].field]).toEqual([
      400,
      'check_missing',
      'checks.health_code',
    ]);
    const fever = await guard.post('/api/visitors/gate/check-in', {
      code,
      checks: { temperature: 38.2, health_code: 'green' },
    });
    expect([fever.status, fever.body.error.code]).toEqual([400, 'check_failed']);
    const far = await farGuard.post('/api/visitors/gate/check-in', {
      code,
      checks: { temperature: 36.5, health_code: 'green' },
    });
    expect(far.status).toBe(403);
    expect(await count()).toEqual(before);

    const ok = await guard.post('/api/visitors/gate/check-in', {
      code,
      checks: { temperature: 36.5, health_code: 'green' },
    });
    expect([ok.status, ok.body.status, ok.body.checks]).toEqual([
      200,
      'checked_in',
      { temperature: 36.5, health_code: 'green' },
    ]);

    before = await count();
    const reused = await guard.post('/api/visitors/gate/check-in', {
      code,
      checks: { temperature: 36.5, health_code: 'green' },
    });
    expect([reused.status, reused.body.error.code]).toEqual([409, 'pass_used']);
    const unknown = await guard.post('/api/visitors/gate/check-in', { code: '00000000', checks: {} });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'pass_not_found']);
    expect(await count()).toEqual(before);

    const out = await guard.post(`/api/visitors/gate/check-out/${id}`);
    expect([out.status, out.body.status]).toEqual([200, 'checked_out']);
    const outAgain = await guard.post(`/api/visitors/gate/check-out/${id}`);
    expect([outAgain.status, outAgain.body.error.code]).toEqual([409, 'visit_not_checked_in']);
  });

  it('refuses an expired pass code and writes nothing', async () => {
    const { id, code } = await approvedVisit();
    await t.ctx.db
      .updateTable('visitor_visit')
      .set({ starts_at: new Date(Date.now() - 5 * hour), ends_at: new Date(Date.now() - hour) })
      .where('id', '=', id)
      .execute();
    const before = await count();
    const res = await guard.post('/api/visitors/gate/check-in', {
      code,
      checks: { temperature: 36.5, health_code: 'green' },
    });
    expect([res.status, res.body.error.code]).toEqual([409, 'pass_expired']);
    expect(await count()).toEqual(before);
    const pass = await anon.get(
      `/api/public/visitors/passes/${(await t.ctx.db.selectFrom('visitor_visit').select('pass_token').where('id', '=', id).executeTakeFirstOrThrow()).pass_token}`,
    );
    expect([pass.body.expired, pass.body.passCode]).toEqual([true, null]);
  });

  it('refuses and flags a blacklisted visitor at the gate, at check-in and as a walk-in', async () => {
    const bad = await guard.post('/api/visitors/blacklist', {
      siteId,
      name: '滋事者',
      idNumber: '440524188001010015',
      reason: '滋事',
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'id_number_invalid']);
    const added = await guard.post('/api/visitors/blacklist', {
      siteId,
      name: '滋事者',
      idNumber: BANNED_ID,
      reason: '滋事',
    });
    expect([added.status, added.body.idMasked]).toEqual([201, '440***********0014']);
    const { code } = await approvedVisit({ idNumber: BANNED_ID });
    const before = await count();
    const res = await guard.post('/api/visitors/gate/check-in', {
      code,
      checks: { temperature: 36.5, health_code: 'green' },
    });
    expect([res.status, res.body.error.code]).toEqual([409, 'visitor_blacklisted']);
    const after = await count();
    expect(after.visitor_flag).toBe(before.visitor_flag! + 1);
    expect(after.visitor_visit).toBe(before.visitor_visit);
    const walk = await guard.post('/api/visitors/gate/walk-ins', {
      siteId,
      hostPersonId,
      visitorName: '滋事者',
      idNumber: BANNED_ID,
      mobile: '13812345678',
      purpose: '上访',
      startsAt: iso(0),
      endsAt: iso(2 * hour),
      checks: { temperature: 36.5, health_code: 'green' },
    });
    expect([walk.status, walk.body.error.code]).toEqual([409, 'visitor_blacklisted']);
    const list = await guard.get('/api/visitors/blacklist');
    expect(list.body.find((b: { id: string }) => b.id === added.body.id).flags).toBe(2);
  });

  it('registers a walk-in and checks them in at once', async () => {
    const hosts = await guard.get(`/api/visitors/gate/hosts?q=${encodeURIComponent('周文华')}`);
    expect(hosts.body.map((h: { id: string }) => h.id)).toEqual([hostPersonId]);
    const res = await guard.post('/api/visitors/gate/walk-ins', {
      siteId,
      hostPersonId,
      visitorName: '赵刚',
      idNumber: '320402199003071235',
      mobile: '13912345678',
      purpose: '送文件',
      startsAt: iso(0),
      endsAt: iso(2 * hour),
      plate: '苏D12345',
      checks: { temperature: 36.4, health_code: 'green' },
    });
    expect([res.status, res.body.status, res.body.walkIn]).toEqual([201, 'checked_in', true]);
  });

  it('exports the vehicle whitelist as CSV and serves it to a barrier gate machine token', async () => {
    await approvedVisit({ plate: '苏D88888', startsAt: iso(2 * hour), endsAt: iso(4 * hour) });
    const csv = await guard.get(
      `/api/visitors/whitelist?format=csv&from=${encodeURIComponent(iso(0))}&to=${encodeURIComponent(iso(24 * hour))}`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.raw).toContain('苏D88888');
    const xlsx = await guard.get('/api/visitors/whitelist?format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const token = await admin.post('/api/machine-tokens', { name: '东门道闸', purpose: 'visitors.gate' });
    expect(token.status).toBe(201);
    const machine = new TestClient(t.app, token.body.token);
    const api = await machine.get(`/api/visitors/barrier/whitelist?to=${encodeURIComponent(iso(24 * hour))}`);
    expect(api.status).toBe(200);
    expect(api.body.entries.map((e: { plate: string }) => e.plate)).toContain('苏D88888');
    expect((await guard.get('/api/visitors/barrier/whitelist')).status).toBe(403);
  });

  it('purges ID numbers and mobiles after the retention period', async () => {
    const { id } = await approvedVisit();
    await t.ctx.db
      .updateTable('visitor_visit')
      .set({
        starts_at: new Date(Date.now() - 400 * 24 * hour),
        ends_at: new Date(Date.now() - 399 * 24 * hour),
      })
      .where('id', '=', id)
      .execute();
    expect(await purgePersonalData(t.ctx.db, 180)).toBeGreaterThanOrEqual(1);
    const row = await t.ctx.db
      .selectFrom('visitor_visit')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect([row.id_cipher, row.id_hash, row.mobile]).toEqual([null, null, null]);
    expect(row.purged_at).not.toBeNull();
    expect(await purgePersonalData(t.ctx.db, 180)).toBe(0);
  });

  it('scopes the visit list: the host sees their own, another staff member nothing', async () => {
    const mine = await host.get('/api/visitors/visits?pageSize=100');
    expect(mine.body.total).toBeGreaterThan(0);
    const theirs = await otherStaff.get('/api/visitors/visits?pageSize=100');
    expect(theirs.body.total).toBe(0);
    const n = await sql<{
      n: number;
    }>`select count(*)::int as n from visitor_visit where host_person_id = ${hostPersonId}`.execute(t.ctx.db);
    expect(mine.body.total).toBe(n.rows[0]?.n);
  });

  it('lets the unit admin of the site configure the gate checks, refusing bad codes and other units', async () => {
    const site = await t.ctx.db
      .selectFrom('visitor_site')
      .select(['unit_id'])
      .where('id', '=', siteId)
      .executeTakeFirstOrThrow();
    const ua = await buildAccount(t.ctx.db, {
      grants: [{ role: 'unit_admin', scope: 'unit', unitId: site.unit_id }],
    });
    const unitAdmin = await signIn(t.app, ua.username, ua.password);
    // the office lists the sites it manages (without the gate permission); another unit's admin none of them
    const managed = await unitAdmin.get('/api/visitors/sites');
    expect(managed.status).toBe(200);
    expect(managed.body.map((x: { id: string }) => x.id)).toContain(siteId);
    const elsewhere = await buildAccount(t.ctx.db, {
      grants: [{ role: 'unit_admin', scope: 'unit', unitId: (await buildUnit(t.ctx.db)).id }],
    });
    const stranger = await signIn(t.app, elsewhere.username, elsewhere.password);
    expect((await stranger.get('/api/visitors/sites')).body).toEqual([]);
    expect((await host.get('/api/visitors/sites')).status).toBe(403);
    const yesNo = {
      code: 'no_travel',
      kind: 'yes_no',
      label: { 'zh-CN': '14天内无中高风险地区旅居史', en: 'No travel to risk areas' },
    };
    const bad = await unitAdmin.put(`/api/visitors/sites/${siteId}/checks`, { checks: [yesNo, yesNo] });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'check_code_invalid']);
    expect((await host.put(`/api/visitors/sites/${siteId}/checks`, { checks: [] })).status).toBe(403);
    const ok = await unitAdmin.put(`/api/visitors/sites/${siteId}/checks`, {
      checks: [CITY_CHECKS[0], yesNo],
    });
    expect(ok.body.checks.map((c: { code: string }) => c.code)).toEqual(['temperature', 'no_travel']);
    const { code } = await approvedVisit();
    const refused = await guard.post('/api/visitors/gate/check-in', {
      code,
      checks: { temperature: 36.5, no_travel: false },
    });
    expect([refused.status, refused.body.error.details[0].field]).toEqual([400, 'checks.no_travel']);
    const passed = await guard.post('/api/visitors/gate/check-in', {
      code,
      checks: { temperature: 36.5, no_travel: true },
    });
    expect(passed.body.checks).toEqual({ temperature: 36.5, no_travel: true });
    await unitAdmin.put(`/api/visitors/sites/${siteId}/checks`, { checks: CITY_CHECKS });
  });

  it("lets a unit's office without the gate permission blacklist for its own sites only", async () => {
    const site = await t.ctx.db
      .selectFrom('visitor_site')
      .select(['unit_id'])
      .where('id', '=', siteId)
      .executeTakeFirstOrThrow();
    const ua = await buildAccount(t.ctx.db, {
      grants: [{ role: 'unit_admin', scope: 'unit', unitId: site.unit_id }],
    });
    const office = await signIn(t.app, ua.username, ua.password);
    // the gate's own list is not theirs; the blacklist's list of sites is
    expect((await office.get('/api/visitors/gate/sites')).status).toBe(403);
    const sites = await office.get('/api/visitors/blacklist/sites');
    expect([sites.status, sites.body.map((x: { id: string }) => x.id)]).toEqual([200, [siteId]]);
    const elsewhere = await buildAccount(t.ctx.db, {
      grants: [{ role: 'unit_admin', scope: 'unit', unitId: (await buildUnit(t.ctx.db)).id }],
    });
    const stranger = await signIn(t.app, elsewhere.username, elsewhere.password);
    expect((await stranger.get('/api/visitors/blacklist/sites')).body).toEqual([]);
    expect((await host.get('/api/visitors/blacklist/sites')).status).toBe(403);
    const entry = { siteId, name: '冒名者', idNumber: '11010519491231002X', reason: '冒用他人身份' };
    const before = await count();
    const refused = await stranger.post('/api/visitors/blacklist', entry);
    expect(refused.status).toBe(403);
    expect(await count()).toEqual(before);
    const added = await office.post('/api/visitors/blacklist', entry);
    expect(added.status).toBe(201);
    expect((await office.delete(`/api/visitors/blacklist/${added.body.id}`)).status).toBe(204);
  });

  it('refuses to approve a pending visit whose time is over, writing nothing, but lets the host decline it', async () => {
    const reg = await anon.post('/api/public/visitors/appointments', appointment({ visitorName: '迟到者' }));
    expect(reg.status).toBe(201);
    const v = await t.ctx.db
      .selectFrom('visitor_visit')
      .select('id')
      .where('pass_token', '=', reg.body.passToken)
      .executeTakeFirstOrThrow();
    // the visit's time passes while it waits for the host
    await sql`update visitor_visit set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour'
      where id = ${v.id}::uuid`.execute(t.ctx.db);
    const before = await count();
    const late = await host.post(`/api/visitors/visits/${v.id}/approve`, {});
    expect([late.status, late.body.error.code]).toEqual([409, 'visit_over']);
    expect(await count()).toEqual(before);
    const row = await t.ctx.db
      .selectFrom('visitor_visit')
      .select(['status', 'pass_code'])
      .where('id', '=', v.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', pass_code: null });
    const declined = await host.post(`/api/visitors/visits/${v.id}/decline`, { reason: '时间已过' });
    expect([declined.status, declined.body.status]).toEqual([200, 'declined']);
    const again = await host.post(`/api/visitors/visits/${v.id}/approve`, {});
    expect([again.status, again.body.error.code]).toEqual([409, 'visit_not_pending']);
  });

  it('rate-limits the public endpoints', async () => {
    const limited = await createTestApp(kind, { GOA_VISITORS_PUBLIC_PER_MINUTE: '3' });
    try {
      const c = new TestClient(limited.app);
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await c.get('/api/public/visitors/sites')).status);
      expect(codes).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});
