import { describe, expect, it } from 'vitest';
import { DataScope } from './scope.ts';
import { declarePermissions } from './permissions.ts';
import type { RoleAssignment } from './roles.ts';

declarePermissions([
  {
    name: 'test.scope.read',
    label: { 'zh-CN': '测试读', en: 'test read' },
    roles: ['district_admin', 'unit_admin', 'staff'],
    readOnly: true,
  },
  { name: 'test.scope.write', label: { 'zh-CN': '测试写', en: 'test write' }, roles: ['bureau_admin'] },
]);

const J1 = '00000000-0000-0000-0000-0000000000a1';
const J2 = '00000000-0000-0000-0000-0000000000a2';
const U1 = '00000000-0000-0000-0000-0000000000b1';
const P1 = '00000000-0000-0000-0000-0000000000c1';

const grant = (a: Partial<RoleAssignment> & Pick<RoleAssignment, 'role' | 'scopeKind'>): RoleAssignment => ({
  jurisdictionId: null,
  unitId: null,
  ...a,
});

describe('DataScope', () => {
  it('unites the scopes of every assignment whose role holds the permission', () => {
    const scope = DataScope.forPermission(
      [
        grant({ role: 'district_admin', scopeKind: 'jurisdiction', jurisdictionId: J1 }),
        grant({ role: 'unit_admin', scopeKind: 'unit', unitId: U1 }),
        grant({ role: 'bureau_admin', scopeKind: 'city' }), // does not hold test.scope.read
      ],
      'test.scope.read',
      P1,
    );
    expect(scope.all).toBe(false);
    expect(scope.jurisdictionIds).toEqual([J1]);
    expect(scope.unitIds).toEqual([U1]);
    expect(scope.covers({ jurisdictionId: J1 })).toBe(true);
    expect(scope.covers({ jurisdictionId: J2, unitId: U1 })).toBe(true);
    expect(scope.covers({ jurisdictionId: J2 })).toBe(false);
    expect(scope.covers({ personId: P1 })).toBe(false);
  });

  it('grants everything for a city-wide assignment', () => {
    const scope = DataScope.forPermission(
      [grant({ role: 'bureau_admin', scopeKind: 'city' })],
      'test.scope.write',
      null,
    );
    expect(scope.all).toBe(true);
    expect(scope.covers({ jurisdictionId: J2 })).toBe(true);
  });

  it('gives the auditor every read-only permission and nothing else', () => {
    const auditor = [grant({ role: 'auditor', scopeKind: 'city' })];
    expect(DataScope.forPermission(auditor, 'test.scope.read', null).granted).toBe(true);
    expect(DataScope.forPermission(auditor, 'test.scope.write', null).granted).toBe(false);
  });

  it("limits a self assignment to the person's own rows", () => {
    const scope = DataScope.forPermission(
      [grant({ role: 'staff', scopeKind: 'self' })],
      'test.scope.read',
      P1,
    );
    expect(scope.granted).toBe(true);
    expect(scope.covers({ personId: P1, jurisdictionId: J1 })).toBe(true);
    expect(scope.covers({ personId: '00000000-0000-0000-0000-0000000000c2', jurisdictionId: J1 })).toBe(
      false,
    );
  });

  it('grants nothing for unknown permissions or roles without it', () => {
    const scope = DataScope.forPermission(
      [grant({ role: 'driver', scopeKind: 'city' })],
      'test.scope.read',
      null,
    );
    expect(scope.granted).toBe(false);
    expect(
      DataScope.forPermission([grant({ role: 'bureau_admin', scopeKind: 'city' })], 'no.such', null).granted,
    ).toBe(false);
  });
});
