import { describe, expect, it } from 'vitest';
import type { Point } from './api.ts';
import { meterForest } from './tree.ts';

const p = (id: string, code: string, parentId: string | null = null) => ({ id, code, parentId }) as Point;

describe('meter forest', () => {
  it('hangs sub-meters under their main meters and orders by code', () => {
    const forest = meterForest([
      p('3', 'E02', '1'),
      p('1', 'E00'),
      p('2', 'E01', '1'),
      p('4', 'W00'),
      p('5', 'F1', '2'),
    ]);
    expect(forest.map((n) => n.point.code)).toEqual(['E00', 'W00']);
    expect(forest[0]!.children.map((n) => n.point.code)).toEqual(['E01', 'E02']);
    expect(forest[0]!.children[0]!.children.map((n) => n.point.code)).toEqual(['F1']);
  });

  it('treats a point whose main meter is not in the list as a root', () => {
    expect(meterForest([p('2', 'E01', 'missing')]).map((n) => n.point.code)).toEqual(['E01']);
  });
});
