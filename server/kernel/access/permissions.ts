import type { Messages } from '../errors.ts';
import { ROLES, type Role } from './roles.ts';

/**
 * The permission catalogue. Kernel components and modules declare their permissions with the roles
 * that hold them by default; a route names exactly one permission.
 */
export interface PermissionDef {
  /** dotted name: `<area>.<thing>.<verb>`, e.g. `org.unit.write` */
  name: string;
  label: Messages;
  /** roles granted this permission (within each assignment's own scope) */
  roles: readonly Role[];
  /** read-only permissions are also granted to the auditor role */
  readOnly?: boolean;
}

const catalogue = new Map<string, PermissionDef>();

export function declarePermissions(defs: readonly PermissionDef[]): void {
  for (const def of defs) {
    if (catalogue.has(def.name)) throw new Error(`Permission ${def.name} declared twice`);
    catalogue.set(def.name, def);
  }
}

export function permission(name: string): PermissionDef | undefined {
  return catalogue.get(name);
}

export function allPermissions(): PermissionDef[] {
  return [...catalogue.values()];
}

/** Which permissions a role holds. The auditor holds every read-only permission. */
export function rolePermissions(role: Role): string[] {
  return allPermissions()
    .filter((p) => p.roles.includes(role) || (role === 'auditor' && p.readOnly))
    .map((p) => p.name);
}

export function roleHolds(role: Role, name: string): boolean {
  const def = catalogue.get(name);
  if (!def) return false;
  return def.roles.includes(role) || (role === 'auditor' && def.readOnly === true);
}

export { ROLES };
