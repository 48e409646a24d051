import { describe, expect, it } from 'vitest';
import { buildOrgTree, defaultExpanded, matchKeys } from './tree.ts';
import type { TreeUnit } from './api.ts';

const city = { id: 'c', code: 'city', name: '常州市', kind: 'city', parentId: null };
const wujin = { id: 'w', code: 'wj', name: '武进区', kind: 'district', parentId: 'c' };
const xinbei = { id: 'x', code: 'xb', name: '新北区', kind: 'district', parentId: 'c' };

function unit(id: string, jurisdictionId: string, parentId: string | null, name = id): TreeUnit {
  return {
    id,
    code: `U${id}`,
    name,
    shortName: null,
    kind: 'organ',
    level: 'district',
    jurisdictionId,
    parentId,
    establishment: 10,
    headcount: 5,
  };
}

describe('organisation tree', () => {
  it('nests districts under the city and units under their parent unit', () => {
    const tree = buildOrgTree(
      [city, wujin, xinbei],
      [unit('a', 'c', null), unit('b', 'w', null), unit('b1', 'w', 'b')],
    );
    expect(tree.map((n) => n.key)).toEqual(['j:c']);
    const [root] = tree;
    expect(root?.children.map((n) => n.key)).toEqual(['u:a', 'j:w']); // 新北区 has no visible units
    expect(root?.children[1]?.children[0]?.children.map((n) => n.key)).toEqual(['u:b1']);
  });

  it('hangs a unit whose parent is out of scope under its jurisdiction', () => {
    const tree = buildOrgTree([city, wujin], [unit('b1', 'w', 'hidden')]);
    expect(tree[0]?.children[0]?.children.map((n) => n.key)).toEqual(['u:b1']);
  });

  it('keeps empty jurisdictions on request', () => {
    expect(buildOrgTree([city, wujin], [], true)[0]?.children.map((n) => n.key)).toEqual(['j:w']);
    expect(buildOrgTree([city, wujin], [])).toEqual([]);
  });

  it('keeps only the empty jurisdictions it is told to (a district administrator sees no other district)', () => {
    const tree = buildOrgTree([city, wujin, xinbei], [unit('b', 'w', null)], (id) => id === 'w');
    expect(tree.map((n) => n.key)).toEqual(['j:c']);
    expect(tree[0]?.children.map((n) => n.key)).toEqual(['j:w']);
    const mine = buildOrgTree([city, wujin, xinbei], [], (id) => id === 'x');
    expect(mine[0]?.children.map((n) => n.key)).toEqual(['j:x']);
  });

  it('opens the top level and single-district chains', () => {
    const district = buildOrgTree([city, wujin, xinbei], [unit('b', 'w', null), unit('b1', 'w', 'b')]);
    expect(defaultExpanded(district)).toEqual(['j:c', 'j:w']);
    const city_ = buildOrgTree([city, wujin], [unit('a', 'c', null), unit('b', 'w', null)]);
    expect(defaultExpanded(city_)).toEqual(['j:c']);
    expect(defaultExpanded([])).toEqual([]);
  });

  it('finds nodes by name or code and the ancestors to expand', () => {
    const tree = buildOrgTree(
      [city, wujin],
      [unit('b', 'w', null, '武进区财政局'), unit('b1', 'w', 'b', '预算科')],
    );
    const { hits, expand } = matchKeys(tree, '预算');
    expect([...hits]).toEqual(['u:b1']);
    expect([...expand].sort()).toEqual(['j:c', 'j:w', 'u:b']);
    expect(matchKeys(tree, 'ub1').hits.has('u:b1')).toBe(true);
    expect(matchKeys(tree, '  ').hits.size).toBe(0);
  });
});
