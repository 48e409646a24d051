import { describe, expect, it } from 'vitest';
import type { RoleGrant } from '../app/session.tsx';
import { reachableJurisdictions } from './OrgSelects.tsx';

const grant = (scopeKind: RoleGrant['scopeKind'], jurisdictionId: string | null = null): RoleGrant => ({
  role: 'r',
  label: 'R',
  scopeKind,
  jurisdictionId,
  unitId: null,
});

describe('reachableJurisdictions', () => {
  it('reaches every jurisdiction with a city-wide grant, whatever else is held', () => {
    expect(reachableJurisdictions([grant('jurisdiction', 'wj'), grant('city')], 'cz')).toBeNull();
  });

  it('reaches only the districts of district grants', () => {
    expect([...reachableJurisdictions([grant('jurisdiction', 'wj')], 'wj')!]).toEqual(['wj']);
    expect([
      ...reachableJurisdictions([grant('jurisdiction', 'wj'), grant('jurisdiction', 'xb')], 'wj')!,
    ]).toEqual(['wj', 'xb']);
  });

  it('reaches the home jurisdiction only through a unit or self grant, and nothing without grants', () => {
    expect([...reachableJurisdictions([grant('unit'), grant('self')], 'cz')!]).toEqual(['cz']);
    expect(reachableJurisdictions([], 'cz')!.size).toBe(0);
  });
});
