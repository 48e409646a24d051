import { describe, expect, it } from 'vitest';
import { menuSelection, visibleNav, type NavItem } from './nav.tsx';

const item = (key: string, path: string, permissions?: string[]): NavItem => ({
  key,
  path,
  label: { 'zh-CN': key, en: key },
  icon: null,
  permissions,
});

const ALL: NavItem[] = [
  item('home', '/'),
  {
    key: 'energy',
    label: { 'zh-CN': '能耗', en: 'Energy' },
    icon: null,
    children: [
      item('energy-overview', '/energy', ['energy.read']),
      item('energy-statistics', '/energy/statistics', ['energy.statistics']),
    ],
  },
];
const mayRead = visibleNav(ALL, (...p) => p.includes('energy.read'));

describe('the highlighted menu entry', () => {
  it("is the page's own entry when the user can see it", () => {
    expect(menuSelection(ALL, mayRead, '/energy')).toBe('energy-overview');
    expect(menuSelection(ALL, mayRead, '/energy/institutions/1')).toBe('energy-overview');
    expect(menuSelection(ALL, ALL, '/energy/statistics')).toBe('energy-statistics');
  });

  it('is none on a page the user may not open (403), not a shorter visible prefix', () => {
    expect(menuSelection(ALL, mayRead, '/energy/statistics')).toBeUndefined();
    expect(menuSelection(ALL, mayRead, '/energy/statistics/2026')).toBeUndefined();
  });

  it('is none on an address outside the menu', () => {
    expect(menuSelection(ALL, mayRead, '/nowhere')).toBeUndefined();
  });
});
