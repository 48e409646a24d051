import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildJurisdiction } from '../../../kernel/testing/factories.ts';
import {
  countRows,
  createTestApp,
  dbKinds,
  signIn,
  type TestApp,
  type TestClient,
} from '../../../kernel/testing/harness.ts';
import { ingestReadings } from '../ingest/pipeline.ts';
import { buildMeteredInstitution, deltasOf, rollupsOf } from '../ingest/test-fixture.ts';

const opts = { source: 'http' as const, timeZone: 'Asia/Shanghai' };
const WRITES = [
  'energy_register_reset',
  'energy_reading',
  'energy_rollup_hour',
  'energy_rollup_day',
  'energy_quarantine',
  'audit_log',
];
const at = (hhmm: string) => `2026-11-10T${hhmm}:00Z`;

describe.each(dbKinds)('energy corrections on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const a = await buildAccount(t.ctx.db, { grants: [{ role: 'bureau_admin', scope: 'city' }] });
    admin = await signIn(t.app, a.username, a.password);
  });
  afterAll(() => t.close());

  const openBackwards = async (pointId: string) =>
    (
      await sql<{ id: string; ts: string; value: string }>`
        select id, ts, value from energy_quarantine
        where point_id = ${pointId} and reason = 'register_backwards' and resolved_at is null order by ts`.execute(
        t.ctx.db,
      )
    ).rows;

  it('records a meter replacement, then re-admits the new meter’s quarantined readings across it', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const p = points[0]!;
    await ingestReadings(
      t.ctx.db,
      [
        { point: p.code, ts: at('00:00'), value: 5000 },
        { point: p.code, ts: at('00:15'), value: 5010 },
        // the new meter, fitted at 00:30 without anyone recording it
        { point: p.code, ts: at('00:45'), value: 3 },
        { point: p.code, ts: at('01:00'), value: 8 },
      ],
      opts,
    );
    const held = await openBackwards(p.id);
    expect(held.map((q) => Number(q.value))).toEqual([3, 8]);

    const rec = await admin.post(`/api/energy/points/${p.id}/replacements`, {
      at: at('00:30'),
      finalValue: 5012,
      startValue: 0,
      note: '电表故障更换',
    });
    expect(rec.status).toBe(201);
    expect(rec.body).toMatchObject({
      replacement: { at: '2026-11-10T00:30:00.000Z', finalValue: 5012, startValue: 0, note: '电表故障更换' },
      recomputed: null,
      openBackwards: 2,
    });
    expect((await admin.get(`/api/energy/points/${p.id}/replacements`)).body.items).toHaveLength(1);

    const re = await admin.post('/api/energy/quarantine/readmit', { ids: held.map((q) => q.id) });
    expect([re.status, re.body]).toEqual([200, { stored: 2, duplicates: 0, quarantined: 0, readmitted: 2 }]);
    // 5010 → 5012 on the old meter, 0 → 3 on the new one: 5; then 5
    expect((await deltasOf(t.ctx.db, p.id)).map((r) => [r.ts.slice(11), r.delta])).toEqual([
      ['00:00', null],
      ['00:15', 10],
      ['00:45', 5],
      ['01:00', 5],
    ]);
    expect((await rollupsOf(t.ctx.db, p.id)).days).toEqual([
      { day: '2026-11-10', consumption: 20, samples: 4 },
    ]);
    expect(await openBackwards(p.id)).toEqual([]);
    const listed = await admin.get(`/api/energy/quarantine?pointId=${p.id}&status=resolved`);
    expect(listed.body.items.map((x: { resolution: string }) => x.resolution)).toEqual([
      'readmitted',
      'readmitted',
    ]);
    // re-admitted once: not again
    const twice = await admin.post('/api/energy/quarantine/readmit', { ids: [held[0]!.id] });
    expect([twice.status, twice.body.error.code]).toEqual([400, 'quarantine_not_open']);
  });

  it('counts the stored reading after a replacement recorded late across both meters, rollups included', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db, [{ multiplier: 2 }]);
    const p = points[0]!;
    await ingestReadings(
      t.ctx.db,
      [
        { point: p.code, ts: at('02:00'), value: 100 },
        { point: p.code, ts: at('02:15'), value: 110 },
        { point: p.code, ts: at('02:30'), value: 120 }, // in fact the new meter's 120
        { point: p.code, ts: at('02:45'), value: 130 },
      ],
      opts,
    );
    const rec = await admin.post(`/api/energy/points/${p.id}/replacements`, {
      at: at('02:20'),
      finalValue: 115,
    });
    expect(rec.status).toBe(201);
    // (115 − 110) + (120 − 0) = 125, × 2
    expect(rec.body.recomputed).toEqual({ ts: '2026-11-10T02:30:00.000Z', oldDelta: 20, newDelta: 250 });
    expect((await deltasOf(t.ctx.db, p.id)).map((r) => r.delta)).toEqual([null, 20, 250, 20]);
    // the 02:00 reading is the baseline, in the hour before
    expect((await rollupsOf(t.ctx.db, p.id)).hours.map((h) => [h.hour, h.consumption])).toEqual([
      ['2026-11-10T01', 0],
      ['2026-11-10T02', 290],
    ]);
    // later data through the ingest path agrees with what was recounted
    await ingestReadings(t.ctx.db, [{ point: p.code, ts: at('02:40'), value: 125 }], opts);
    expect((await deltasOf(t.ctx.db, p.id)).map((r) => r.delta)).toEqual([null, 20, 250, 10, 10]);
    expect((await rollupsOf(t.ctx.db, p.id)).days).toEqual([
      { day: '2026-11-10', consumption: 290, samples: 5 },
    ]);
  });

  it('refuses a bad replacement with the field named and writes nothing', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db, [{}, { kind: 'manual' }]);
    const p = points[0]!;
    await ingestReadings(
      t.ctx.db,
      [
        { point: p.code, ts: at('03:00'), value: 100 },
        { point: p.code, ts: at('03:30'), value: 120 },
      ],
      opts,
    );
    await admin.post(`/api/energy/points/${p.id}/replacements`, { at: at('02:00') });
    const before = await countRows(t.ctx, WRITES);
    const cases: [unknown, string, number, string, string][] = [
      [{ at: at('03:15'), finalValue: 90 }, p.id, 400, 'final_below_last_reading', 'finalValue'],
      [{ at: at('03:15'), startValue: 200 }, p.id, 400, 'start_above_next_reading', 'startValue'],
      [{ at: '2099-01-01T00:00:00Z' }, p.id, 400, 'replacement_in_future', 'at'],
      [{ at: at('02:00') }, p.id, 409, 'replacement_exists', 'at'],
      [{ at: at('03:15') }, points[1]!.id, 400, 'point_not_metered', 'pointId'],
      [{ at: 'yesterday' }, p.id, 400, 'invalid_input', 'at'],
      [{ at: at('03:15'), startValue: -1 }, p.id, 400, 'invalid_input', 'startValue'],
    ];
    for (const [body, id, status, code, field] of cases) {
      const res = await admin.post(`/api/energy/points/${id}/replacements`, body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([status, code]);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await countRows(t.ctx, WRITES)).toEqual(before);
  });

  it('dismisses with a note, keeps shape errors out of re-admission and out-of-scope rows untouched', async () => {
    const { points, jurisdiction } = await buildMeteredInstitution(t.ctx.db);
    const p = points[0]!;
    await ingestReadings(
      t.ctx.db,
      [
        { point: p.code, ts: at('04:00'), value: 50 },
        { point: p.code, ts: at('04:15'), value: 40 },
        { point: p.code, ts: at('04:30'), value: 'n/a' },
      ],
      opts,
    );
    const q = (
      await sql<{ id: string; reason: string }>`
        select id, reason from energy_quarantine where point_code = ${p.code} order by reason`.execute(
        t.ctx.db,
      )
    ).rows;
    expect(q.map((x) => x.reason)).toEqual(['non_numeric', 'register_backwards']);
    const [shape, backwards] = [q[0]!, q[1]!];
    // a district admin of another district sees none of these rows
    const other = await buildJurisdiction(t.ctx.db);
    const d = await buildAccount(t.ctx.db, {
      grants: [{ role: 'district_admin', scope: 'jurisdiction', jurisdictionId: other.id }],
    });
    const district = await signIn(t.app, d.username, d.password);
    const before = await countRows(t.ctx, WRITES);
    const bad = await admin.post('/api/energy/quarantine/readmit', { ids: [shape.id, backwards.id] });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'quarantine_not_readmissible']);
    const noNote = await admin.post('/api/energy/quarantine/dismiss', { ids: [shape.id], note: ' ' });
    expect(noNote.status).toBe(400);
    const foreign = await district.post('/api/energy/quarantine/dismiss', {
      ids: [shape.id],
      note: '不是本区',
    });
    expect([foreign.status, foreign.body.error.code]).toEqual([400, 'quarantine_not_open']);
    expect(await countRows(t.ctx, WRITES)).toEqual(before);

    const own = await buildAccount(t.ctx.db, {
      grants: [{ role: 'district_admin', scope: 'jurisdiction', jurisdictionId: jurisdiction.id }],
    });
    const steward = await signIn(t.app, own.username, own.password);
    const ok = await steward.post('/api/energy/quarantine/dismiss', {
      ids: [shape.id, backwards.id],
      note: '网关固件故障，已确认',
    });
    expect([ok.status, ok.body]).toEqual([200, { dismissed: 2 }]);
    const listed = await steward.get(`/api/energy/quarantine?pointId=${p.id}&status=resolved`);
    expect(
      listed.body.items.map((x: { resolution: string; resolutionNote: string }) => x.resolutionNote),
    ).toEqual(['网关固件故障，已确认', '网关固件故障，已确认']);
    expect((await steward.get(`/api/energy/quarantine?pointId=${p.id}&status=open`)).body.total).toBe(0);
  });
});
