import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMachineToken } from '../../../kernel/auth/service.ts';
import { SYSTEM_ACTOR } from '../../../kernel/http/access.ts';
import { buildAccount } from '../../../kernel/testing/factories.ts';
import {
  countRows,
  createTestApp,
  dbKinds,
  signIn,
  TestClient,
  type TestApp,
} from '../../../kernel/testing/harness.ts';
import { buildMeteredInstitution, deltasOf, rollupsOf } from './test-fixture.ts';

const WRITES = [
  'energy_reading',
  'energy_rollup_hour',
  'energy_rollup_day',
  'energy_rollup_month',
  'energy_quarantine',
];

describe.each(dbKinds)('energy HTTP ingest on %s', (kind) => {
  let t: TestApp;
  let gateway: TestClient;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const { token } = await createMachineToken(
      t.ctx.db,
      { name: '1号楼网关', purpose: 'energy.ingest' },
      SYSTEM_ACTOR,
    );
    gateway = new TestClient(t.app, token);
  });
  afterAll(() => t.close());

  it('stores a JSON array and answers with what it did after commit', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const p = points[0]!;
    const res = await gateway.post('/api/energy/readings', [
      { point: p.code, ts: '2026-11-20T00:15:00+08:00', value: 1000 },
      { point: p.code, ts: '2026-11-20T00:30:00+08:00', value: 1002.5 },
      { point: p.code, ts: '2026-11-20T00:30:00+08:00', value: 1002.5 },
    ]);
    expect([res.status, res.body]).toEqual([200, { stored: 2, duplicates: 1, quarantined: 0 }]);
    expect((await rollupsOf(t.ctx.db, p.id)).days).toEqual([
      { day: '2026-11-20', consumption: 2.5, samples: 2 },
    ]);
  });

  it('stores a CSV body with a header line, quarantining bad lines', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const p = points[0]!;
    const csv = [
      'point,ts,value',
      `${p.code},2026-11-21T08:00:00Z,5`,
      `${p.code},2026-11-21T08:15:00Z,7`,
      `${p.code},2026-11-21T08:30:00Z,n/a`,
      `${p.code},2026-11-21T08:45:00Z`,
    ].join('\n');
    const res = await gateway.request({
      method: 'POST',
      url: '/api/energy/readings',
      payload: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect([res.status, res.body]).toEqual([200, { stored: 2, duplicates: 0, quarantined: 2 }]);
    expect((await deltasOf(t.ctx.db, p.id)).map((r) => r.delta)).toEqual([null, 2]);
  });

  it('refuses callers without a machine token of purpose energy.ingest and writes nothing', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const body = [{ point: points[0]!.code, ts: '2026-11-22T00:00:00Z', value: 1 }];
    const before = await countRows(t.ctx, WRITES);
    expect((await new TestClient(t.app).post('/api/energy/readings', body)).status).toBe(401);
    const acc = await buildAccount(t.ctx.db, { grants: [{ role: 'bureau_admin', scope: 'city' }] });
    const admin = await signIn(t.app, acc.username, acc.password);
    expect((await admin.post('/api/energy/readings', body)).status).toBe(403);
    const { token } = await createMachineToken(
      t.ctx.db,
      { name: 'gps', purpose: 'vehicles.position' },
      SYSTEM_ACTOR,
    );
    expect((await new TestClient(t.app, token).post('/api/energy/readings', body)).status).toBe(403);
    expect((await gateway.post('/api/energy/readings', { point: 'x' })).status).toBe(400);
    expect(await countRows(t.ctx, WRITES)).toEqual(before);
  });

  it('shows quarantined readings with their reason, within the reader scope', async () => {
    const a = await buildMeteredInstitution(t.ctx.db);
    const b = await buildMeteredInstitution(t.ctx.db);
    await gateway.post('/api/energy/readings', [
      { point: a.points[0]!.code, ts: '2099-01-01T00:00:00Z', value: 1 },
      { point: b.points[0]!.code, ts: '2026-11-22T00:00:00Z', value: 'x' },
    ]);
    const acc = await buildAccount(t.ctx.db, {
      grants: [{ role: 'district_admin', scope: 'jurisdiction', jurisdictionId: a.jurisdiction.id }],
    });
    const district = await signIn(t.app, acc.username, acc.password);
    const list = await district.get('/api/energy/quarantine?pageSize=50');
    expect(list.status).toBe(200);
    expect(
      list.body.items.map((x: { pointCode: string; reason: string }) => [x.pointCode, x.reason]),
    ).toEqual([[a.points[0]!.code, 'future_timestamp']]);
    const city = await buildAccount(t.ctx.db, { grants: [{ role: 'bureau_admin', scope: 'city' }] });
    const all = await (
      await signIn(t.app, city.username, city.password)
    ).get('/api/energy/quarantine?reason=non_numeric');
    expect(all.body.items.map((x: { pointCode: string }) => x.pointCode)).toContain(b.points[0]!.code);
  });
});
