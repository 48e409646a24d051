import type { Owner } from '../access/scope.ts';
import { roleHolds } from '../access/permissions.ts';
import type { Role, RoleAssignment, ScopeKind } from '../access/roles.ts';
import './permissions.ts';

/**
 * Who may grant (or revoke) which role assignment. Nobody grants beyond their own reach: the
 * granter needs an `accounts.write` assignment whose administrative rank is at least that of the
 * role granted and whose scope contains the scope granted. A city-wide grant contains everything;
 * a jurisdiction grant contains that jurisdiction, the units in it and the people in it; a unit
 * grant contains that unit and its people. A district admin therefore never grants city scope or
 * the bureau admin role, and a unit admin never grants anything above unit admin.
 */
const ADMIN_RANK: Partial<Record<Role, number>> = { bureau_admin: 3, district_admin: 2, unit_admin: 1 };

export function adminRank(role: Role): number {
  return ADMIN_RANK[role] ?? 0;
}

export interface GrantSpec {
  role: Role;
  scopeKind: ScopeKind;
  jurisdictionId: string | null;
  unitId: string | null;
  /** the jurisdiction of `unitId`, for unit-scope grants */
  unitJurisdictionId: string | null;
}

export type GrantVerdict = 'ok' | 'role_above_own' | 'scope_beyond_reach';

/** Whether one assignment of the granter contains the scope of the grant for this target. */
function reaches(a: RoleAssignment, g: GrantSpec, target: Owner): boolean {
  switch (a.scopeKind) {
    case 'city':
      return true;
    case 'jurisdiction':
      if (!a.jurisdictionId) return false;
      if (g.scopeKind === 'jurisdiction') return g.jurisdictionId === a.jurisdictionId;
      if (g.scopeKind === 'unit') return g.unitJurisdictionId === a.jurisdictionId;
      if (g.scopeKind === 'self') return target.jurisdictionId === a.jurisdictionId;
      return false;
    case 'unit':
      if (!a.unitId) return false;
      if (g.scopeKind === 'unit') return g.unitId === a.unitId;
      if (g.scopeKind === 'self') return target.unitId === a.unitId;
      return false;
    case 'self':
      return false;
  }
}

export function grantVerdict(
  granter: readonly RoleAssignment[],
  grant: GrantSpec,
  target: Owner,
): GrantVerdict {
  const admin = granter.filter((a) => roleHolds(a.role, 'accounts.write'));
  const senior = admin.filter((a) => adminRank(a.role) >= adminRank(grant.role));
  if (senior.length === 0) return 'role_above_own';
  return senior.some((a) => reaches(a, grant, target)) ? 'ok' : 'scope_beyond_reach';
}
