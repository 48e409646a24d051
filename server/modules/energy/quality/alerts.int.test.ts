import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { energyCity, type EnergyCity } from '../registry/test-fixture.ts';
import { runChecks } from './checks.ts';

describe.each(dbKinds)('energy alerts on %s', (kind) => {
  let t: TestApp;
  let c: EnergyCity;
  beforeAll(async () => {
    t = await createTestApp(kind);
    c = await energyCity(t);
    for (const [inst, code] of [
      [c.iA.id, `OA${c.tag}`],
      [c.iB.id, `OB${c.tag}`],
    ] as const) {
      await c.bureau.post('/api/energy/points', {
        institutionId: inst,
        code,
        name: '电总表',
        energyType: 'electricity',
      });
    }
  });
  afterAll(() => t.close());

  it('finds meters that never reported as offline, once per point however often it runs', async () => {
    const first = await runChecks(t.ctx.db, 'Asia/Shanghai');
    expect(first.found.offline).toBeGreaterThanOrEqual(2);
    const again = await runChecks(t.ctx.db, 'Asia/Shanghai');
    expect(again.created).toBe(0);
    const list = await c.districtA.get('/api/energy/alerts?rule=offline');
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { pointCode: string }) => a.pointCode)).toEqual([`OA${c.tag}`]);
    expect(list.body.items[0]).toMatchObject({ level: 'red', status: 'open', institutionId: c.iA.id });
  });

  it('lets the unit acknowledge and resolve its alert, in order, audited; others are refused', async () => {
    const mine = (await c.unitA1.get('/api/energy/alerts')).body.items[0];
    const other = (await c.bureau.get(`/api/energy/alerts?institutionId=${c.iB.id}`)).body.items[0];
    const before = await countRows(t.ctx, ['audit_log']);
    expect((await c.districtA.post(`/api/energy/alerts/${other.id}/acknowledge`, {})).status).toBe(403);
    expect((await c.auditor.post(`/api/energy/alerts/${mine.id}/acknowledge`, {})).status).toBe(403);
    expect(await countRows(t.ctx, ['audit_log'])).toEqual(before);
    const ack = await c.unitA1.post(`/api/energy/alerts/${mine.id}/acknowledge`, {
      note: '已通知物业检查网关',
    });
    expect(ack.status, ack.raw).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', note: '已通知物业检查网关' });
    expect((await c.unitA1.post(`/api/energy/alerts/${mine.id}/acknowledge`, {})).status).toBe(409);
    const done = await c.unitA1.post(`/api/energy/alerts/${mine.id}/resolve`, { note: '网关已更换' });
    expect(done.body).toMatchObject({ status: 'resolved', note: '网关已更换' });
    expect((await c.unitA1.post(`/api/energy/alerts/${mine.id}/resolve`, {})).status).toBe(409);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', mine.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['acknowledge', 'resolve']);
    // a resolved finding that persists opens a new alert
    await runChecks(t.ctx.db, 'Asia/Shanghai');
    const live = await c.unitA1.get('/api/energy/alerts?status=live');
    expect(live.body.items).toHaveLength(1);
    expect(live.body.items[0].id).not.toBe(mine.id);
  });

  it('builds the daily data-quality report per jurisdiction', async () => {
    const run = await c.bureau.post('/api/energy/quality/run');
    expect(run.status, run.raw).toBe(200);
    const reports = await c.districtA.get('/api/energy/quality/reports');
    expect(reports.status).toBe(200);
    const mine = reports.body.find((r: { jurisdictionId: string }) => r.jurisdictionId === c.jA.id);
    expect(mine).toMatchObject({ points: 1, reporting: 0, offline: 1 });
    expect(reports.body.some((r: { jurisdictionId: string }) => r.jurisdictionId === c.jB.id)).toBe(false);
  });
});
