import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OsrmTravel } from './osrm.ts';
import { haversineMetres, StraightLineTravel } from './straight-line.ts';

const tianning = { lon: 119.9741, lat: 31.7794 };
const wujin = { lon: 119.9427, lat: 31.7011 };
// 2026-11-25 in Asia/Shanghai (UTC+8): local hh:mm → epoch ms
const local = (hh: number, mm = 0) => Date.UTC(2026, 10, 25, hh - 8, mm);

describe('StraightLineTravel', () => {
  it('measures haversine distance (one degree of latitude ≈ 111.2 km)', () => {
    expect(haversineMetres({ lon: 120, lat: 31 }, { lon: 120, lat: 32 })).toBeCloseTo(111_195, -1);
    expect(haversineMetres(tianning, tianning)).toBe(0);
  });

  it('applies the detour factor and the default speed off-peak', () => {
    const t = new StraightLineTravel({ detourFactor: 1.5, defaultKmh: 36 });
    const d = haversineMetres(tianning, wujin);
    expect(t.distance(tianning, wujin)).toBeCloseTo(d * 1.5, 6);
    expect(t.time(tianning, wujin, local(11))).toBeCloseTo((d * 1.5) / 10, 6); // 36 km/h = 10 m/s
  });

  it('is slower in the rush hours and integrates across a band edge', () => {
    const t = new StraightLineTravel({
      detourFactor: 1,
      defaultKmh: 36,
      bands: [{ from: '08:00', to: '09:00', kmh: 18 }],
    });
    const d = t.distance(tianning, wujin); // ~9 km
    expect(t.time(tianning, wujin, local(8, 10))).toBeCloseTo(d / 5, 6);
    // leaving at 07:58: 120 s at 10 m/s, the rest at 5 m/s
    expect(t.time(tianning, wujin, local(7, 58))).toBeCloseTo(120 + (d - 1200) / 5, 6);
    // leaving later never arrives earlier
    let prev = 0;
    for (let m = 0; m < 120; m += 3) {
      const arrive = local(7, 30) + m * 60_000 + t.time(tianning, wujin, local(7, 30) + m * 60_000) * 1000;
      expect(arrive).toBeGreaterThanOrEqual(prev);
      prev = arrive;
    }
    expect(t.slowdown(local(8, 30))).toBe(2);
    expect(t.slowdown(local(12))).toBe(1);
  });

  it('drives the part of a long leg beyond the city on expressways', () => {
    const t = new StraightLineTravel({ detourFactor: 1, defaultKmh: 36, urbanKm: 15, expresswayKmh: 72 });
    const nanjing = { lon: 118.862, lat: 31.742 };
    const d = t.distance(tianning, nanjing); // ~105 km
    expect(d).toBeGreaterThan(100_000);
    // 15 km at 10 m/s, the rest at 20 m/s: about 1 h 40 min rather than 2 h 55 min at city speed
    expect(t.time(tianning, nanjing, local(11))).toBeCloseTo(1500 + (d - 15_000) / 20, 6);
    // the rush hour slows the city part only
    const rush = new StraightLineTravel({
      detourFactor: 1,
      defaultKmh: 36,
      expresswayKmh: 72,
      bands: [{ from: '08:00', to: '10:00', kmh: 18 }],
    });
    expect(rush.time(tianning, nanjing, local(8))).toBeCloseTo(3000 + (d - 15_000) / 20, 6);
    // a short leg is unchanged
    expect(t.time(tianning, wujin, local(11))).toBeCloseTo(t.distance(tianning, wujin) / 10, 6);
  });

  it('rejects a detour factor below 1', () => {
    expect(() => new StraightLineTravel({ detourFactor: 0.5 })).toThrow();
  });
});

describe('OsrmTravel against a fake OSRM server', () => {
  let server: http.Server;
  let url = '';
  const seen: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      const u = new URL(req.url ?? '/', 'http://x');
      const coords = u.pathname.replace('/table/v1/driving/', '').split(';');
      if (coords.some((c) => c.startsWith('0.000000'))) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'InvalidQuery', message: 'bad coordinate' }));
        return;
      }
      const src = (u.searchParams.get('sources') ?? '').split(';').map(Number);
      const dst = (u.searchParams.get('destinations') ?? '').split(';').map(Number);
      // a fake road network: 100 s and 1000 m per index step, unroutable to itself + 2
      const cell = (a: number, b: number, k: number) => (b === a + 2 ? null : Math.abs(a - b) * k);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          code: 'Ok',
          durations: src.map((a) => dst.map((b) => cell(a, b, 100))),
          distances: src.map((a) => dst.map((b) => cell(a, b, 1000))),
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const pts = [0, 1, 2, 3].map((i) => ({ lon: 119.9 + i / 100, lat: 31.7 }));

  it('fetches the table and answers from it, falling back where OSRM has no route', async () => {
    const fallback = new StraightLineTravel();
    const osrm = new OsrmTravel({ url, timeOfDay: false, fallback });
    await osrm.prepare(pts);
    expect(seen.at(-1)).toContain('/table/v1/driving/119.900000,31.700000;119.910000,31.700000');
    expect(seen.at(-1)).toContain('annotations=duration,distance');
    expect(osrm.time(pts[0]!, pts[3]!, local(11))).toBe(300);
    expect(osrm.distance(pts[3]!, pts[1]!)).toBe(2000);
    // 0 → 2 is unroutable in the fake: straight line instead
    expect(osrm.distance(pts[0]!, pts[2]!)).toBeCloseTo(fallback.distance(pts[0]!, pts[2]!), 6);
    // a point never prepared: straight line
    const other = { lon: 120.1, lat: 31.8 };
    expect(osrm.time(pts[0]!, other, local(11))).toBeCloseTo(fallback.time(pts[0]!, other, local(11)), 6);
  });

  it('fetches in blocks when there are more points than one request may carry', async () => {
    const before = seen.length;
    const osrm = new OsrmTravel({ url, chunk: 2, timeOfDay: false });
    await osrm.prepare(pts);
    expect(seen.length - before).toBe(4);
    // the fake cannot route local index a → a + 2: in the two off-diagonal blocks that is 2 pairs each
    expect(osrm.size).toBe(16 - 4);
  });

  it('fetches only the new row and column when a point is added, nothing when none is', async () => {
    const osrm = new OsrmTravel({ url, timeOfDay: false });
    await osrm.prepare(pts);
    const before = seen.length;
    const extra = { lon: 119.95, lat: 31.71 };
    await osrm.prepare([...pts, extra]);
    expect(seen.length - before).toBe(2); // new → all, known → new
    expect(seen.at(-2)).toContain('sources=0&destinations=1;2;3;4;0');
    await osrm.prepare([extra, pts[1]!]);
    expect(seen.length - before).toBe(2);
    // new → known and known → new pairs come from the table now
    expect(osrm.distance(extra, pts[0]!)).toBe(1000);
    expect(osrm.distance(pts[0]!, extra)).toBe(4000); // the fake: 1000 m per index step (extra is index 4 there)
  });

  it('scales by the time-of-day slow-down when asked', async () => {
    const osrm = new OsrmTravel({ url });
    await osrm.prepare(pts);
    expect(osrm.time(pts[0]!, pts[1]!, local(8))).toBeCloseTo(100 * (35 / 20), 6);
    expect(osrm.time(pts[0]!, pts[1]!, local(13))).toBe(100);
  });

  it('reports an OSRM error', async () => {
    const osrm = new OsrmTravel({ url });
    await expect(osrm.prepare([{ lon: 0, lat: 0 }])).rejects.toThrow(/InvalidQuery/);
  });
});
