import { describe, expect, it } from 'vitest';
import { insideAny, metresBetween, pointInPolygon, ringProblem, type LonLat } from './geometry.ts';

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
    ).toMatch(/three/);
    expect(
      ringProblem([
        [0, 0],
        [1, 0],
        [1, 1],
      ]),
    ).toMatch(/outside/);
  });
});
