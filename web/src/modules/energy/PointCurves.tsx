import type { Point } from './api.ts';

/** A point's day and month curves (from the rollups). */
export function PointCurves(_props: { point: Point }) {
  return null;
}
