import { describe, expect, it } from 'vitest';
import type { RoleAssignment } from '../access/roles.ts';
import { grantVerdict, type GrantSpec } from './grant-rules.ts';

const J1 = 'j1';
const J2 = 'j2';
const U1 = 'u1'; // in J1
const U3 = 'u3'; // in J2
const bureau: RoleAssignment[] = [
  { role: 'bureau_admin', scopeKind: 'city', jurisdictionId: null, unitId: null },
];
const district: RoleAssignment[] = [
  { role: 'district_admin', scopeKind: 'jurisdiction', jurisdictionId: J1, unitId: null },
];
const unitAdmin: RoleAssignment[] = [
  { role: 'unit_admin', scopeKind: 'unit', jurisdictionId: null, unitId: U1 },
];
const staff: RoleAssignment[] = [{ role: 'staff', scopeKind: 'city', jurisdictionId: null, unitId: null }];
const inU1 = { jurisdictionId: J1, unitId: U1, personId: 'p1' };
const inU3 = { jurisdictionId: J2, unitId: U3, personId: 'p3' };

const g = (over: Partial<GrantSpec>): GrantSpec => ({
  role: 'staff',
  scopeKind: 'self',
  jurisdictionId: null,
  unitId: null,
  unitJurisdictionId: null,
  ...over,
});
const city = g({ scopeKind: 'city' });
const jurisdiction = (id: string) => g({ scopeKind: 'jurisdiction', jurisdictionId: id });
const unit = (id: string, jid: string) => g({ scopeKind: 'unit', unitId: id, unitJurisdictionId: jid });

describe('grant rules', () => {
  it('lets a city-wide bureau admin grant anything', () => {
    expect(grantVerdict(bureau, { ...city, role: 'bureau_admin' }, inU3)).toBe('ok');
    expect(grantVerdict(bureau, unit(U3, J2), inU3)).toBe('ok');
  });

  it('keeps a district admin inside its jurisdiction and below the bureau admin', () => {
    expect(grantVerdict(district, jurisdiction(J1), inU1)).toBe('ok');
    expect(grantVerdict(district, { ...jurisdiction(J1), role: 'district_admin' }, inU1)).toBe('ok');
    expect(grantVerdict(district, unit(U1, J1), inU1)).toBe('ok');
    expect(grantVerdict(district, g({}), inU1)).toBe('ok');
    expect(grantVerdict(district, city, inU1)).toBe('scope_beyond_reach');
    expect(grantVerdict(district, jurisdiction(J2), inU1)).toBe('scope_beyond_reach');
    expect(grantVerdict(district, unit(U3, J2), inU1)).toBe('scope_beyond_reach');
    expect(grantVerdict(district, g({}), inU3)).toBe('scope_beyond_reach');
    expect(grantVerdict(district, { ...jurisdiction(J1), role: 'bureau_admin' }, inU1)).toBe(
      'role_above_own',
    );
  });

  it('keeps a unit admin inside its unit and at or below unit admin', () => {
    expect(grantVerdict(unitAdmin, unit(U1, J1), inU1)).toBe('ok');
    expect(grantVerdict(unitAdmin, { ...unit(U1, J1), role: 'unit_admin' }, inU1)).toBe('ok');
    expect(grantVerdict(unitAdmin, g({}), inU1)).toBe('ok');
    expect(grantVerdict(unitAdmin, jurisdiction(J1), inU1)).toBe('scope_beyond_reach');
    expect(grantVerdict(unitAdmin, unit(U3, J2), inU1)).toBe('scope_beyond_reach');
    expect(grantVerdict(unitAdmin, g({}), inU3)).toBe('scope_beyond_reach');
    expect(grantVerdict(unitAdmin, { ...unit(U1, J1), role: 'district_admin' }, inU1)).toBe('role_above_own');
  });

  it('gives roles without accounts.write no power to grant, whatever their scope', () => {
    expect(grantVerdict(staff, g({}), inU1)).toBe('role_above_own');
    expect(grantVerdict([], g({}), inU1)).toBe('role_above_own');
  });

  it('combines assignments: any one that is senior enough and reaches far enough will do', () => {
    const both = [...unitAdmin, { ...district[0]!, jurisdictionId: J2 }];
    expect(grantVerdict(both, { ...unit(U1, J1), role: 'unit_admin' }, inU1)).toBe('ok');
    expect(grantVerdict(both, { ...unit(U1, J1), role: 'district_admin' }, inU1)).toBe('scope_beyond_reach');
    expect(grantVerdict(both, { ...jurisdiction(J2), role: 'district_admin' }, inU3)).toBe('ok');
  });
});
