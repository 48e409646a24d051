import { sql, type Expression, type SqlBool } from 'kysely';
import type { RoleAssignment } from './roles.ts';
import { roleHolds } from './permissions.ts';

/** Who owns a row, for scope checks: its jurisdiction, its unit, and the person it belongs to. */
export interface Owner {
  jurisdictionId?: string | null;
  unitId?: string | null;
  personId?: string | null;
}

/** The columns of a table that carry its owner, as `alias.column` references. */
export interface OwnerColumns {
  jurisdiction?: string;
  unit?: string;
  person?: string;
}

/**
 * What a principal may see for one permission: the union of the scopes of every role assignment
 * that grants it. `all` for a city-wide grant; otherwise lists of jurisdictions and units, and the
 * person's own rows for a 'self' grant.
 */
export class DataScope {
  constructor(
    readonly all: boolean,
    readonly jurisdictionIds: readonly string[],
    readonly unitIds: readonly string[],
    readonly personId: string | null,
  ) {}

  static none(): DataScope {
    return new DataScope(false, [], [], null);
  }

  static everything(): DataScope {
    return new DataScope(true, [], [], null);
  }

  static forPermission(
    assignments: readonly RoleAssignment[],
    permission: string,
    selfPersonId: string | null,
  ): DataScope {
    let all = false;
    const jurisdictions = new Set<string>();
    const units = new Set<string>();
    let person: string | null = null;
    for (const a of assignments) {
      if (!roleHolds(a.role, permission)) continue;
      if (a.scopeKind === 'city') all = true;
      else if (a.scopeKind === 'jurisdiction' && a.jurisdictionId) jurisdictions.add(a.jurisdictionId);
      else if (a.scopeKind === 'unit' && a.unitId) units.add(a.unitId);
      else if (a.scopeKind === 'self') person = selfPersonId;
    }
    return new DataScope(all, [...jurisdictions], [...units], person);
  }

  /** Whether the permission is held at all, in any scope. */
  get granted(): boolean {
    return this.all || this.jurisdictionIds.length > 0 || this.unitIds.length > 0 || this.personId !== null;
  }

  covers(owner: Owner): boolean {
    if (this.all) return true;
    if (owner.jurisdictionId && this.jurisdictionIds.includes(owner.jurisdictionId)) return true;
    if (owner.unitId && this.unitIds.includes(owner.unitId)) return true;
    if (owner.personId && this.personId && owner.personId === this.personId) return true;
    return false;
  }

  /**
   * A WHERE condition restricting a query to this scope, over the given owner columns. A table
   * that lacks a column simply cannot be reached through that kind of grant.
   */
  where(cols: OwnerColumns): Expression<SqlBool> {
    if (this.all) return sql<SqlBool>`true`;
    const parts: Expression<SqlBool>[] = [];
    if (cols.jurisdiction && this.jurisdictionIds.length > 0) {
      parts.push(sql<SqlBool>`${sql.ref(cols.jurisdiction)} = any(${sql.val(this.jurisdictionIds)}::uuid[])`);
    }
    if (cols.unit && this.unitIds.length > 0) {
      parts.push(sql<SqlBool>`${sql.ref(cols.unit)} = any(${sql.val(this.unitIds)}::uuid[])`);
    }
    if (cols.person && this.personId) {
      parts.push(sql<SqlBool>`${sql.ref(cols.person)} = ${this.personId}::uuid`);
    }
    if (parts.length === 0) return sql<SqlBool>`false`;
    return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
  }
}
