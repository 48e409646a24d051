import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { ingestReadings } from '../ingest/pipeline.ts';
import { buildMeteredInstitution, deltasOf, rollupsOf } from '../ingest/test-fixture.ts';
import { fillGaps } from './gaps.ts';

const TZ = 'Asia/Shanghai';
const at = (hh: number, mm: number) => new Date(Date.UTC(2026, 10, 20, hh, mm)).toISOString();
const now = new Date(Date.UTC(2026, 10, 20, 6, 0));

describe.each(dbKinds)('gap filling on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('fills a gap with marked estimates, never over real data; a late real reading replaces its estimate', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const p = points[0]!;
    const real = (ts: string, value: number) => ({ point: p.code, ts, value });
    await ingestReadings(t.ctx.db, [real(at(1, 0), 100), real(at(1, 15), 101), real(at(2, 15), 109)], {
      source: 'http',
      timeZone: TZ,
    });
    const r = await fillGaps(t.ctx.db, { timeZone: TZ, now });
    expect(r).toEqual({ gaps: 1, estimated: 3 });
    expect(await deltasOf(t.ctx.db, p.id)).toEqual([
      { ts: '2026-11-20T01:00', register: 100, delta: null, estimated: false },
      { ts: '2026-11-20T01:15', register: 101, delta: 1, estimated: false },
      { ts: '2026-11-20T01:30', register: 103, delta: 2, estimated: true },
      { ts: '2026-11-20T01:45', register: 105, delta: 2, estimated: true },
      { ts: '2026-11-20T02:00', register: 107, delta: 2, estimated: true },
      { ts: '2026-11-20T02:15', register: 109, delta: 2, estimated: false },
    ]);
    // the hour's estimated part is what the curves show apart
    expect((await rollupsOf(t.ctx.db, p.id)).hours).toEqual([
      { hour: '2026-11-20T00', consumption: 0, samples: 1, estimated: 0 },
      { hour: '2026-11-20T01', consumption: 7, samples: 4, estimated: 6 },
      { hour: '2026-11-20T02', consumption: 2, samples: 1, estimated: 0 },
    ]);

    // again: nothing new, nothing changed
    const before = await countRows(t.ctx, ['energy_reading', 'energy_quarantine']);
    expect(await fillGaps(t.ctx.db, { timeZone: TZ, now })).toEqual({ gaps: 0, estimated: 0 });
    expect(await countRows(t.ctx, ['energy_reading', 'energy_quarantine'])).toEqual(before);

    // the real 01:45 arrives late: it replaces the estimate; the rollups follow
    const late = await ingestReadings(t.ctx.db, [real(at(1, 45), 104)], { source: 'mqtt', timeZone: TZ });
    expect(late).toMatchObject({ stored: 1, quarantined: 0 });
    const d = await deltasOf(t.ctx.db, p.id);
    expect(d.slice(2, 5)).toEqual([
      { ts: '2026-11-20T01:30', register: 103, delta: 2, estimated: true },
      { ts: '2026-11-20T01:45', register: 104, delta: 1, estimated: false },
      { ts: '2026-11-20T02:00', register: 107, delta: 3, estimated: true },
    ]);
    const days = (await rollupsOf(t.ctx.db, p.id)).days;
    expect(days).toEqual([{ day: '2026-11-20', consumption: 9, samples: 6 }]);
    // an estimate never replaces real data: the job leaves the stored readings as they are
    expect(await fillGaps(t.ctx.db, { timeZone: TZ, now })).toEqual({ gaps: 0, estimated: 0 });
    expect(await deltasOf(t.ctx.db, p.id)).toEqual(d);
  });

  it('leaves gaps across a rollover or longer than the limit open', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db, [{ registerMax: 1000 }, {}]);
    const [a, b] = points as [(typeof points)[0], (typeof points)[0]];
    await ingestReadings(
      t.ctx.db,
      [
        { point: a.code, ts: at(1, 0), value: 990 },
        { point: a.code, ts: at(2, 0), value: 10 },
        { point: b.code, ts: at(0, 0), value: 10 },
        { point: b.code, ts: at(5, 0), value: 60 },
      ],
      { source: 'http', timeZone: TZ },
    );
    expect(await fillGaps(t.ctx.db, { timeZone: TZ, now, maxGapHours: 4 })).toEqual({
      gaps: 0,
      estimated: 0,
    });
  });
});
