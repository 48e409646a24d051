import type { Jurisdiction } from '../../shared/OrgSelects.tsx';
import type { TreeUnit } from './api.ts';

export interface OrgNode {
  key: string;
  kind: 'jurisdiction' | 'unit';
  id: string;
  title: string;
  unit?: TreeUnit;
  children: OrgNode[];
}

/**
 * The organisation tree: jurisdictions (the city above its districts) holding their units, and units
 * under their parent unit. A unit whose parent is not visible (outside the user's scope) hangs
 * directly under its jurisdiction; jurisdictions without visible units are left out, unless
 * `keepEmpty` says to keep them (all, or those it accepts: where an administrator may create the first
 * unit of a district).
 */
export function buildOrgTree(
  jurisdictions: readonly Jurisdiction[],
  units: readonly TreeUnit[],
  keepEmpty: boolean | ((jurisdictionId: string) => boolean) = false,
): OrgNode[] {
  const keep = typeof keepEmpty === 'function' ? keepEmpty : () => keepEmpty;
  const unitNodes = new Map<string, OrgNode>(
    units.map((u) => [
      u.id,
      { key: `u:${u.id}`, kind: 'unit', id: u.id, title: u.name, unit: u, children: [] },
    ]),
  );
  const jNodes = new Map<string, OrgNode>(
    jurisdictions.map((j) => [
      j.id,
      { key: `j:${j.id}`, kind: 'jurisdiction', id: j.id, title: j.name, children: [] },
    ]),
  );
  for (const u of units) {
    const node = unitNodes.get(u.id)!;
    const parent = u.parentId ? unitNodes.get(u.parentId) : undefined;
    if (parent) parent.children.push(node);
    else jNodes.get(u.jurisdictionId)?.children.push(node);
  }
  const roots: OrgNode[] = [];
  for (const j of jurisdictions) {
    const node = jNodes.get(j.id)!;
    const parent = j.parentId ? jNodes.get(j.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const prune = (list: OrgNode[]): OrgNode[] =>
    list
      .map((n) => (n.kind === 'jurisdiction' ? { ...n, children: prune(n.children) } : n))
      .filter((n) => n.kind === 'unit' || n.children.length > 0 || keep(n.id));
  return prune(roots);
}

/**
 * The nodes open when the page opens: the top level, and further down as long as a node holds nothing
 * but one jurisdiction (a district administrator lands on their district's units, not on the city).
 */
export function defaultExpanded(nodes: readonly OrgNode[]): string[] {
  const keys: string[] = [];
  for (const root of nodes) {
    keys.push(root.key);
    let node = root;
    while (node.children.length === 1 && node.children[0]?.kind === 'jurisdiction') {
      node = node.children[0];
      keys.push(node.key);
    }
  }
  return keys;
}

/** Keys of the nodes whose title or code contains `q`, with all their ancestors (to expand). */
export function matchKeys(nodes: readonly OrgNode[], q: string): { hits: Set<string>; expand: Set<string> } {
  const hits = new Set<string>();
  const expand = new Set<string>();
  const needle = q.trim().toLowerCase();
  const walk = (list: readonly OrgNode[], path: string[]) => {
    for (const n of list) {
      if (needle && (n.title.toLowerCase().includes(needle) || n.unit?.code.toLowerCase().includes(needle))) {
        hits.add(n.key);
        for (const p of path) expand.add(p);
      }
      walk(n.children, [...path, n.key]);
    }
  };
  walk(nodes, []);
  return { hits, expand };
}
