import { describe, expect, it } from 'vitest';
import type { TrackPoint } from './board.types.ts';
import { downsample } from './downsample.ts';

const at = (i: number) => new Date(Date.UTC(2026, 10, 25, 8, 0, i)).toISOString();
const line = (n: number): TrackPoint[] =>
  Array.from({ length: n }, (_, i) => ({
    at: at(i),
    lon: 119.9 + i * 0.001,
    lat: 31.8,
    speedKmh: 30,
    source: 'gps' as const,
  }));

describe('downsample', () => {
  it('returns a short track unchanged', () => {
    const pts = line(10);
    expect(downsample(pts, 50)).toEqual(pts);
  });

  it('keeps the first and last points and at most max points, in time order', () => {
    const pts = Array.from({ length: 5000 }, (_, i) => ({
      at: at(i),
      lon: 119.9 + i * 0.0001,
      lat: 31.8 + 0.01 * Math.sin(i / 100),
      speedKmh: null,
    }));
    const out = downsample(pts, 300);
    expect(out).toHaveLength(300);
    expect(out[0]).toEqual(pts[0]);
    expect(out.at(-1)).toEqual(pts.at(-1));
    const times = out.map((p) => p.at);
    expect([...times].sort()).toEqual(times);
  });

  it('keeps the corner of an L-shaped track before points on its straight legs', () => {
    const pts: TrackPoint[] = [];
    for (let i = 0; i <= 100; i++)
      pts.push({ at: at(i), lon: 119.9 + i * 0.001, lat: 31.8, speedKmh: 20, source: 'gps' });
    for (let i = 1; i <= 100; i++)
      pts.push({ at: at(100 + i), lon: 120.0, lat: 31.8 + i * 0.001, speedKmh: 20, source: 'gps' });
    const out = downsample(pts, 3);
    expect(out).toEqual([pts[0], pts[100], pts[200]]);
  });

  it('never asks for fewer than the two ends', () => {
    expect(downsample(line(10), 0)).toHaveLength(2);
  });
});
