import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { ingestReadings } from './pipeline.ts';
import { buildMeteredInstitution, deltasOf, rollupsOf } from './test-fixture.ts';

const TZ = 'Asia/Shanghai';
const opts = { source: 'http' as const, timeZone: TZ };

describe.each(dbKinds)('energy ingest pipeline on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('turns register readings into deltas and hour/day/month rollups cut in the deployment zone', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db, [{ multiplier: 2 }]);
    const p = points[0]!;
    // 15:45Z..16:15Z is 23:45..00:15 in Shanghai: the reading at 16:00Z closes the last interval of the 1st
    const res = await ingestReadings(
      t.ctx.db,
      [
        { point: p.code, ts: '2026-10-01T15:45:00Z', value: 100 },
        { point: p.code, ts: '2026-10-01T16:00:00Z', value: 101.5 },
        { point: p.code, ts: '2026-10-01T16:15:00Z', value: 104 },
      ],
      opts,
    );
    expect(res).toEqual({ stored: 3, duplicates: 0, quarantined: 0 });
    expect((await deltasOf(t.ctx.db, p.id)).map((r) => r.delta)).toEqual([null, 3, 5]);
    const r = await rollupsOf(t.ctx.db, p.id);
    expect(r.days).toEqual([
      { day: '2026-10-01', consumption: 3, samples: 2 },
      { day: '2026-10-02', consumption: 5, samples: 1 },
    ]);
    expect(r.hours.map((h) => [h.hour, h.consumption])).toEqual([
      ['2026-10-01T15', 3],
      ['2026-10-01T16', 5],
    ]);
    expect(r.months).toEqual([{ month: '2026-10-01', consumption: 8, samples: 3 }]);
  });

  it('never counts a duplicate twice and accepts late readings, updating only the affected buckets', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const p = points[0]!;
    await ingestReadings(
      t.ctx.db,
      [
        { point: p.code, ts: '2026-11-01T00:00:00Z', value: 10 },
        { point: p.code, ts: '2026-11-01T02:00:00Z', value: 30 },
      ],
      opts,
    );
    // the same delivery again
    const again = await ingestReadings(
      t.ctx.db,
      [{ point: p.code, ts: '2026-11-01T02:00:00Z', value: 30 }],
      opts,
    );
    expect(again).toEqual({ stored: 0, duplicates: 1, quarantined: 0 });
    // a late reading in between splits the interval: 01:00 → 18
    const late = await ingestReadings(
      t.ctx.db,
      [{ point: p.code, ts: '2026-11-01T01:00:00Z', value: 18 }],
      opts,
    );
    expect(late.stored).toBe(1);
    expect((await deltasOf(t.ctx.db, p.id)).map((r) => r.delta)).toEqual([null, 8, 12]);
    const r = await rollupsOf(t.ctx.db, p.id);
    expect(r.hours.map((h) => [h.hour, h.consumption])).toEqual([
      ['2026-10-31T23', 0], // the baseline reading counts as a sample of no consumption
      ['2026-11-01T00', 8],
      ['2026-11-01T01', 12],
    ]);
    expect(r.days).toEqual([{ day: '2026-11-01', consumption: 20, samples: 3 }]);
  });

  it('handles rollover at register_max and a meter replacement', async () => {
    const { institution, points } = await buildMeteredInstitution(t.ctx.db, [{ registerMax: 1000 }]);
    const p = points[0]!;
    await ingestReadings(
      t.ctx.db,
      [
        { point: p.code, ts: '2026-11-02T00:00:00Z', value: 990 },
        { point: p.code, ts: '2026-11-02T00:15:00Z', value: 5 },
      ],
      opts,
    );
    await t.ctx.db
      .insertInto('energy_register_reset')
      .values({
        institution_id: institution.id,
        point_id: p.id,
        at: '2026-11-02T00:20:00Z',
        final_value: 7,
        start_value: 0,
      })
      .execute();
    await ingestReadings(t.ctx.db, [{ point: p.code, ts: '2026-11-02T00:30:00Z', value: 3 }], opts);
    // 990 → 5 rolls over: 15; 5 → old meter's 7 (2) + new meter 0 → 3 (3) = 5
    expect((await deltasOf(t.ctx.db, p.id)).map((r) => r.delta)).toEqual([null, 15, 5]);
  });

  it('quarantines unknown points, non-numeric values, far-future timestamps and registers going backwards', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const p = points[0]!;
    const before = await t.ctx.db
      .selectFrom('energy_quarantine')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await ingestReadings(
      t.ctx.db,
      [
        { point: p.code, ts: '2026-11-03T00:00:00Z', value: 50 },
        { point: p.code, ts: '2026-11-03T00:15:00Z', value: 40 },
        { point: 'NO-SUCH-POINT', ts: '2026-11-03T00:15:00Z', value: 1 },
        { point: p.code, ts: '2026-11-03T00:30:00Z', value: 'abc' },
        { point: p.code, ts: '2099-01-01T00:00:00Z', value: 60 },
        { point: p.code, ts: 'yesterday', value: 60 },
        { point: p.code, ts: '2026-11-03T00:45:00Z', value: 55 },
      ],
      opts,
    );
    expect(res).toEqual({ stored: 2, duplicates: 0, quarantined: 5 });
    const q = await sql<{ reason: string; point_code: string }>`
      select reason, point_code from energy_quarantine order by reason`.execute(t.ctx.db);
    expect(q.rows.length - Number(before.n)).toBe(5);
    expect(new Set(q.rows.map((r) => r.reason))).toEqual(
      new Set(['bad_timestamp', 'future_timestamp', 'non_numeric', 'register_backwards', 'unknown_point']),
    );
    expect((await deltasOf(t.ctx.db, p.id)).map((r) => [r.ts, r.delta])).toEqual([
      ['2026-11-03T00:00', null],
      ['2026-11-03T00:45', 5],
    ]);
    // a different value for a stored point and ts is a conflict, kept in quarantine
    const conflict = await ingestReadings(
      t.ctx.db,
      [{ point: p.code, ts: '2026-11-03T00:45:00Z', value: 56 }],
      opts,
    );
    expect(conflict).toEqual({ stored: 0, duplicates: 0, quarantined: 1 });
  });

  it.each([
    ['without', undefined],
    ['with', 99_999],
  ])(
    'quarantines in one batch a long run of registers going backwards against stored readings (%s a register maximum)',
    async (_, registerMax) => {
      const { points } = await buildMeteredInstitution(t.ctx.db, [{ registerMax }]);
      const p = points[0]!;
      const at = (minutes: number) => new Date(Date.UTC(2026, 10, 6) + minutes * 60_000).toISOString();
      await ingestReadings(
        t.ctx.db,
        [
          { point: p.code, ts: at(0), value: 5000 },
          { point: p.code, ts: at(24 * 60), value: 5100 },
        ],
        opts,
      );
      const stored = await deltasOf(t.ctx.db, p.id);
      const hours = (await rollupsOf(t.ctx.db, p.id)).hours;
      const quarantined = () =>
        sql<{ n: number }>`select count(*)::int as n from energy_quarantine
          where point_id = ${p.id} and reason = 'register_backwards'`.execute(t.ctx.db);
      // late data above the stored reading after it (another meter's history), and new data below the
      // last stored register (a meter replaced without its reset recorded): 40 readings each
      const above = Array.from({ length: 40 }, (_, i) => ({
        point: p.code,
        ts: at(15 * (i + 1)),
        value: 6000 + i,
      }));
      const below = Array.from({ length: 40 }, (_, i) => ({
        point: p.code,
        ts: at(24 * 60 + 15 * (i + 1)),
        value: 10 + i,
      }));
      expect(await ingestReadings(t.ctx.db, above, opts)).toEqual({
        stored: 0,
        duplicates: 0,
        quarantined: 40,
      });
      expect(await ingestReadings(t.ctx.db, below, opts)).toEqual({
        stored: 0,
        duplicates: 0,
        quarantined: 40,
      });
      expect((await quarantined()).rows[0]!.n).toBe(80);
      expect(await deltasOf(t.ctx.db, p.id)).toEqual(stored);
      expect((await rollupsOf(t.ctx.db, p.id)).hours).toEqual(hours);
      // in between, the readings that fit are kept and the others quarantined
      const mixed = await ingestReadings(
        t.ctx.db,
        [
          { point: p.code, ts: at(60), value: 5010 },
          { point: p.code, ts: at(75), value: 5200 }, // above the stored 5100 after it
          { point: p.code, ts: at(90), value: 5005 }, // below the 5010 before it
          { point: p.code, ts: at(105), value: 5020 },
        ],
        opts,
      );
      expect(mixed).toEqual({ stored: 2, duplicates: 0, quarantined: 2 });
      expect((await deltasOf(t.ctx.db, p.id)).map((r) => [r.register, r.delta])).toEqual([
        [5000, null],
        [5010, 10],
        [5020, 10],
        [5100, 80],
      ]);
    },
  );

  it('lets a real reading replace an estimate, never the other way round', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const p = points[0]!;
    await ingestReadings(
      t.ctx.db,
      [
        { point: p.code, ts: '2026-11-04T00:00:00Z', value: 100 },
        { point: p.code, ts: '2026-11-04T00:15:00Z', value: 110, estimated: true },
        { point: p.code, ts: '2026-11-04T00:30:00Z', value: 120 },
      ],
      opts,
    );
    let r = await rollupsOf(t.ctx.db, p.id);
    expect(r.days).toEqual([{ day: '2026-11-04', consumption: 20, samples: 3 }]);
    expect(r.hours.reduce((s, h) => s + h.estimated, 0)).toBe(10);
    // an estimate never overwrites a real reading
    expect(
      await ingestReadings(
        t.ctx.db,
        [{ point: p.code, ts: '2026-11-04T00:30:00Z', value: 119, estimated: true }],
        opts,
      ),
    ).toEqual({
      stored: 0,
      duplicates: 1,
      quarantined: 0,
    });
    // the real reading arrives: it replaces the estimate
    expect(
      (await ingestReadings(t.ctx.db, [{ point: p.code, ts: '2026-11-04T00:15:00Z', value: 104 }], opts))
        .stored,
    ).toBe(1);
    expect((await deltasOf(t.ctx.db, p.id)).map((x) => [x.delta, x.estimated])).toEqual([
      [null, false],
      [4, false],
      [16, false],
    ]);
    r = await rollupsOf(t.ctx.db, p.id);
    expect(r.days).toEqual([{ day: '2026-11-04', consumption: 20, samples: 3 }]);
    expect(r.hours.reduce((s, h) => s + h.estimated, 0)).toBe(0);
  });

  it('accepts interval readings and naive local timestamps in the deployment zone', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db, [{ multiplier: 10 }]);
    const p = points[0]!;
    await ingestReadings(
      t.ctx.db,
      [
        { point: p.code, ts: '2026-11-05 00:15', value: 1.5, kind: 'interval' },
        { point: p.code, ts: '2026-11-05 00:00', value: 2, kind: 'interval' },
      ],
      opts,
    );
    expect(await deltasOf(t.ctx.db, p.id)).toEqual([
      { ts: '2026-11-04T16:00', register: null, delta: 20, estimated: false },
      { ts: '2026-11-04T16:15', register: null, delta: 15, estimated: false },
    ]);
    const r = await rollupsOf(t.ctx.db, p.id);
    expect(r.days).toEqual([
      { day: '2026-11-04', consumption: 20, samples: 1 },
      { day: '2026-11-05', consumption: 15, samples: 1 },
    ]);
  });
});
