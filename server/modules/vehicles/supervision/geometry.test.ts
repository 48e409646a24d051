import { describe, expect, it } from 'vitest';
import {
  insideAny,
  metresBetween,
  pointInPolygon,
  normaliseRing,
  ringProblem,
  segmentsMeet,
  type LonLat,
} from './geometry.ts';

const square: LonLat[] = [
  [119.9, 31.7],
  [120.1, 31.7],
  [120.1, 31.9],
  [119.9, 31.9],
];
// a "U": the notch between the arms is outside
const u: LonLat[] = [
  [0, 0],
  [3, 0],
  [3, 3],
  [2, 3],
  [2, 1],
  [1, 1],
  [1, 3],
  [0, 3],
  [0, 0],
];

describe('point in polygon', () => {
  it('inside, outside and on the edge of a square', () => {
    expect(pointInPolygon([120, 31.8], square)).toBe(true);
    expect(pointInPolygon([120.2, 31.8], square)).toBe(false);
    expect(pointInPolygon([119.9, 31.8], square)).toBe(true);
    expect(pointInPolygon([120.1, 31.9], square)).toBe(true);
  });
  it('a concave ring, closed or not', () => {
    expect(pointInPolygon([1.5, 2], u)).toBe(false);
    expect(pointInPolygon([0.5, 2], u)).toBe(true);
    expect(pointInPolygon([2.5, 2.5], u)).toBe(true);
    expect(pointInPolygon([1.5, 0.5], u.slice(0, -1))).toBe(true);
    expect(pointInPolygon([1.5, 2], u.slice(0, -1))).toBe(false);
  });
  it('a ray through a vertex counts once', () => {
    const diamond: LonLat[] = [
      [0, -1],
      [1, 0],
      [0, 1],
      [-1, 0],
    ];
    expect(pointInPolygon([-0.5, 0], diamond)).toBe(true);
    expect(pointInPolygon([-1.5, 0], diamond)).toBe(false);
  });
  it('degenerate rings contain nothing; any of several rings', () => {
    expect(
      pointInPolygon(
        [0, 0],
        [
          [0, 0],
          [1, 1],
        ],
      ),
    ).toBe(false);
    expect(insideAny([1.5, 2], [u, square])).toBe(false);
    expect(insideAny([120, 31.8], [u, square])).toBe(true);
  });
});

describe('distances and ring checks', () => {
  it('one degree of latitude is about 111 km', () => {
    expect(Math.round(metresBetween([120, 31], [120, 32]) / 1000)).toBe(111);
    expect(metresBetween([120, 31], [120, 31])).toBe(0);
  });
  it('refuses too few points and points outside China', () => {
    expect(ringProblem(square)).toBeNull();
    expect(
      ringProblem([
        [120, 31],
        [120, 31],
        [121, 31],
      ]),
    ).toEqual({ code: 'too_few_points' });
    expect(
      ringProblem([
        [0, 0],
        [1, 0],
        [1, 1],
      ]),
    ).toEqual({ code: 'out_of_range', point: [0, 0] });
  });
  it('refuses a self-intersecting ring: a bow tie, an edge folding back, a pinched vertex, a line', () => {
    const bowTie: LonLat[] = [
      [120, 31],
      [121, 32],
      [121, 31],
      [120, 32],
    ];
    expect(ringProblem(bowTie)).toEqual({ code: 'self_intersecting', edges: [0, 2] });
    const foldBack: LonLat[] = [
      [120, 31],
      [121, 31],
      [120.5, 31],
      [120.5, 32],
    ];
    expect(ringProblem(foldBack)?.code).toBe('self_intersecting');
    const pinched: LonLat[] = [
      [120, 31],
      [121, 31],
      [120.5, 31.5],
      [121, 32],
      [120, 32],
      [120.5, 31.5],
    ];
    expect(ringProblem(pinched)?.code).toBe('self_intersecting');
    const line: LonLat[] = [
      [120, 31],
      [120.5, 31.5],
      [121, 32],
    ];
    expect(ringProblem(line)?.code).toBe('self_intersecting');
    // a concave but simple polygon passes
    const concave: LonLat[] = [
      [120, 31],
      [121, 31],
      [121, 32],
      [120.5, 31.4],
      [120, 32],
    ];
    expect(ringProblem(concave)).toBeNull();
  });
  it('segments meet when crossing or touching, not when apart or parallel', () => {
    expect(segmentsMeet([0, 0], [2, 2], [0, 2], [2, 0])).toBe(true);
    expect(segmentsMeet([0, 0], [2, 0], [1, 0], [1, 3])).toBe(true);
    expect(segmentsMeet([0, 0], [2, 0], [3, 0], [4, 0])).toBe(false);
    expect(segmentsMeet([0, 0], [2, 0], [0, 1], [2, 1])).toBe(false);
    expect(segmentsMeet([0, 0], [2, 0], [1, 0], [3, 0])).toBe(true);
  });
  it('normalises: drops repeated points and the closing point', () => {
    expect(
      normaliseRing([
        [120, 31],
        [120, 31],
        [121, 31],
        [121, 32],
        [120, 31],
      ]),
    ).toEqual([
      [120, 31],
      [121, 31],
      [121, 32],
    ]);
  });
});
