import type { Point } from './api.ts';

export interface MeterNode {
  key: string;
  point: Point;
  children: MeterNode[];
}

/** Builds the main-meter / sub-meter forest of an institution's points, ordered by code. */
export function meterForest(points: readonly Point[]): MeterNode[] {
  const nodes = new Map(points.map((p) => [p.id, { key: p.id, point: p, children: [] as MeterNode[] }]));
  const roots: MeterNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.point.parentId ? nodes.get(n.point.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const sort = (list: MeterNode[]) => {
    list.sort((a, b) => a.point.code.localeCompare(b.point.code));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}
