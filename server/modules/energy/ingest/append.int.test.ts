import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import type { IncomingReading } from './parse.ts';
import { ingestPaths, ingestReadings } from './pipeline.ts';
import { buildMeteredInstitution, deltasOf, rollupsOf } from './test-fixture.ts';

const TZ = 'Asia/Shanghai';
const SHAPES = [
  { multiplier: 1 },
  { multiplier: 2.5, registerMax: 10_000 },
  { multiplier: 1 }, // interval readings
  { multiplier: 3 }, // a meter replacement half way
] as const;

/** A small seeded generator (mulberry32): the scenario is the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(dbKinds)('the append path and the general path on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('give the same readings, deltas, rollups and quarantine for the same deliveries', async () => {
    const a = await buildMeteredInstitution(t.ctx.db, [...SHAPES]);
    const b = await buildMeteredInstitution(t.ctx.db, [...SHAPES]);
    const rnd = random(7);
    // each point's register over days 1–4 at 15 minutes: deliveries in any order stay consistent
    const QS = 5 * 96;
    const reg = SHAPES.map((_, k) => {
      const out = [9_000 + rnd() * 500];
      for (let q = 1; q < QS; q++) out.push(out[q - 1]! + rnd() * 40);
      return out.map((v) => Number((k === 1 ? v % 10_000 : v).toFixed(3)));
    });
    const at = (day: number, q: number) => new Date(Date.UTC(2026, 9, day) + q * 900_000).toISOString();
    const span = (day: number, from: number, to: number, estimated = false): IncomingReading[][] => {
      const out: IncomingReading[][] = SHAPES.map(() => []);
      for (let q = from; q < to; q++)
        SHAPES.forEach((_, k) => {
          if (rnd() < 0.1) return; // gaps
          const i = day * 96 + q;
          if (k === 2)
            out[k]!.push({
              point: '',
              ts: at(day, q),
              value: reg[k]![i]! - reg[k]![i - 1]!,
              kind: 'interval',
              estimated,
            });
          else out[k]!.push({ point: '', ts: at(day, q), value: reg[k]![i]!, estimated });
        });
      return out;
    };
    // deliveries: a backfill in order, a later day, late data into the gap before it (with an
    // estimate), a batch with an unknown point and a far-future reading, a register going backwards
    const deliveries: IncomingReading[][][] = [
      span(1, 0, 96),
      span(2, 0, 50),
      span(4, 10, 60),
      span(2, 50, 96, true),
    ];
    const late = span(3, 0, 96);
    late[0]!.push({ point: 'NO-SUCH-POINT', ts: at(3, 5), value: 1 });
    late[1]!.push({ point: '', ts: '2099-01-01T00:00:00Z', value: 1 });
    deliveries.push(late);
    const back = span(4, 60, 70);
    back[0]!.push({ point: '', ts: at(4, 80), value: 1 }); // far below the register
    deliveries.push(back);

    // a meter replacement on the 4th point, the same on both sides
    for (const side of [a, b])
      await sql`insert into energy_register_reset (institution_id, point_id, at, final_value, start_value)
        values (${side.institution.id}, ${side.points[3]!.id}, ${at(2, 20)}, null, 0)`.execute(t.ctx.db);

    const before = { ...ingestPaths };
    for (const d of deliveries) {
      // the replaced meter's readings come in their own batches (the append path declines them)
      for (const part of [[0, 1, 2], [3]]) {
        const forSide = (side: typeof a) =>
          d.flatMap((list, k) =>
            part.includes(k) ? list.map((r) => ({ ...r, point: r.point || side.points[k]!.code })) : [],
          );
        const viaAppend = await ingestReadings(t.ctx.db, forSide(a), { source: 'import', timeZone: TZ });
        const viaSql = await ingestReadings(t.ctx.db, forSide(b), {
          source: 'import',
          timeZone: TZ,
          path: 'sql',
        });
        expect(viaAppend).toEqual(viaSql);
      }
    }
    // the append path took every batch it can: all but the replaced meter's and the one going backwards
    expect(ingestPaths.append - before.append).toBe(deliveries.length - 1);
    for (let k = 0; k < SHAPES.length; k++) {
      const pa = a.points[k]!.id;
      const pb = b.points[k]!.id;
      expect(await deltasOf(t.ctx.db, pa)).toEqual(await deltasOf(t.ctx.db, pb));
      const ra = await rollupsOf(t.ctx.db, pa);
      const rb = await rollupsOf(t.ctx.db, pb);
      for (const part of ['hours', 'days', 'months'] as const) {
        expect(ra[part].length).toBe(rb[part].length);
        ra[part].forEach((x, i) => {
          const y = rb[part][i]!;
          expect(x.samples).toBe(y.samples);
          expect(x.consumption).toBeCloseTo(y.consumption, 6);
        });
      }
    }
    const reasons = async (side: typeof a) =>
      (
        await sql<{ reason: string; n: number }>`
          select reason, count(*)::int as n from energy_quarantine
          where institution_id = ${side.institution.id} group by 1 order by 1`.execute(t.ctx.db)
      ).rows;
    expect(await reasons(a)).toEqual(await reasons(b));
    expect((await reasons(a)).map((r) => r.reason)).toEqual(['future_timestamp', 'register_backwards']);
  });
});
