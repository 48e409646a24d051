import { describe, expect, it } from 'vitest';
import { haversineKm } from '../geo.ts';
import { localHour, motion, positionAt, roadPath, speedAtHour, waypointsOf, type SimTrip } from './path.ts';

const depot = { lon: 119.968, lat: 31.805 };
const station = { lon: 119.972, lat: 31.786 };
const wujin = { lon: 119.948, lat: 31.701 };
const H = 3_600_000;
// 2026-11-25 10:00 Asia/Shanghai
const t0 = Date.UTC(2026, 10, 25, 2, 0);

function trip(hours: number, returns = true): SimTrip {
  const { waypoints, turn } = waypointsOf(depot, station, [wujin], returns);
  return { id: 'trip-1', vehicleId: 'v', startsAt: t0, endsAt: t0 + hours * H, waypoints, turn };
}

describe('the simulator path', () => {
  it('orders the waypoints depot → pick-up → destinations (→ pick-up) → depot and turns at the last destination', () => {
    const w = waypointsOf(depot, station, [wujin], true);
    expect(w.waypoints).toEqual([depot, station, wujin, station, depot]);
    expect(w.turn).toBe(2);
    expect(waypointsOf(depot, station, [wujin], false).waypoints).toEqual([depot, station, wujin, depot]);
  });

  it('passes through every waypoint exactly and strays little from the straight legs', () => {
    const t = trip(4);
    const { points, marks } = roadPath(t.waypoints, t.id);
    expect(marks.map((i) => points[i])).toEqual(t.waypoints);
    for (let k = 1; k < marks.length; k++) {
      const a = t.waypoints[k - 1]!;
      const b = t.waypoints[k]!;
      const leg = haversineKm(a, b);
      for (let i = marks[k - 1]!; i <= marks[k]!; i++) {
        const p = points[i]!;
        // a point off the leg by d makes the detour a→p→b at most leg + 2d
        expect(haversineKm(a, p) + haversineKm(p, b)).toBeLessThan(leg + 2 * 0.41);
      }
    }
  });

  it('is deterministic per trip and differs between trips', () => {
    const a = roadPath(trip(4).waypoints, 'x').points;
    expect(roadPath(trip(4).waypoints, 'x').points).toEqual(a);
    expect(roadPath(trip(4).waypoints, 'y').points).not.toEqual(a);
  });

  it('leaves the depot at the start, waits at the destination, and is back at the end', () => {
    const t = trip(4);
    const m = motion(t, 'Asia/Shanghai');
    expect(positionAt(t, m, t0 - 60_000)).toMatchObject({ ...depot, speedKmh: 0, moving: false });
    const early = positionAt(t, m, t0 + 5 * 60_000);
    expect(early.moving).toBe(true);
    expect(early.speedKmh).toBeGreaterThan(20);
    expect(early.speedKmh).toBeLessThan(45);
    const mid = positionAt(t, m, t0 + 2 * H);
    expect(mid.moving).toBe(false);
    expect(haversineKm(mid, wujin)).toBeLessThan(0.01);
    expect(positionAt(t, m, t0 + 4 * H + 1)).toMatchObject({ ...depot, moving: false });
  });

  it('drives at the time-of-day speed and compresses the legs into a short window', () => {
    expect(localHour(t0, 'Asia/Shanghai')).toBe(10);
    expect(speedAtHour(8)).toBeLessThan(speedAtHour(10));
    expect(speedAtHour(10)).toBeLessThan(speedAtHour(23));
    const t = trip(4);
    const m = motion(t, 'Asia/Shanghai');
    expect(m.outMs).toBeCloseTo((m.outKm / speedAtHour(10)) * H, -3);
    const short = trip(0.5);
    const ms = motion(short, 'Asia/Shanghai');
    expect(ms.outMs + ms.backMs).toBeCloseTo(0.5 * H, -3);
  });

  it('keeps a trip still open past its window waiting at the destination', () => {
    const t = trip(1);
    const m = motion(t, 'Asia/Shanghai');
    const p = positionAt(t, m, t0 + 3 * H, true);
    expect(haversineKm(p, wujin)).toBeLessThan(0.01);
    expect(p.speedKmh).toBe(0);
  });

  it('moves continuously: no jump longer than the speed allows between two reports 10 s apart', () => {
    const t = trip(3);
    const m = motion(t, 'Asia/Shanghai');
    for (let s = 0; s < 3 * 3600; s += 10) {
      const a = positionAt(t, m, t0 + s * 1000);
      const b = positionAt(t, m, t0 + (s + 10) * 1000);
      expect(haversineKm(a, b)).toBeLessThan((60 / 3600) * 10 + 0.01);
    }
  });
});
