import type { Executor } from '../db/schema.ts';
import type { DataScope, Owner } from '../access/scope.ts';
import type { RoleAssignment } from '../access/roles.ts';

/**
 * How a route's rows are scoped:
 * - 'rows': the handler lists or aggregates rows and filters them with `req.goa.scope.where(...)`;
 * - 'global': the data is not owned by a jurisdiction or unit (e.g. the holiday calendar);
 * - { entity, param | body }: the route acts on one row (or creates one under an owner); the guard
 *   resolves that row's owner and refuses ids outside the caller's scope (404 unknown, 403 outside).
 */
export type ScopeRule =
  | 'rows'
  | 'global'
  | { entity: string; param: string; body?: never }
  | { entity: string; body: string; param?: never; optional?: boolean };

/**
 * Every route declares one of these; the guard (guard.ts) enforces it. A permission route may also
 * name a machine purpose: a machine token of that purpose is then let in with the whole scope (e.g.
 * gateways reading the list of metering points that users read with `energy.read`).
 */
export type Access =
  | { public: true }
  | { authenticated: true }
  | { machine: string }
  | { permission: string; scope: ScopeRule; machine?: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    access: Access;
  }
  interface FastifyRequest {
    goa: RequestContext;
  }
}

export interface UserPrincipal {
  kind: 'user';
  accountId: string;
  username: string;
  displayName: string;
  personId: string | null;
  unitId: string | null;
  jurisdictionId: string | null;
  roles: RoleAssignment[];
  sessionId: string;
  via: 'cookie' | 'bearer';
  csrfToken: string;
  /** when the session ends */
  expiresAt: Date;
}

export interface MachinePrincipal {
  kind: 'machine';
  tokenId: string;
  name: string;
  purpose: string;
}

export type Principal = UserPrincipal | MachinePrincipal;

/** Who did something, for the audit trail. */
export interface Actor {
  accountId: string | null;
  label: string;
  ip: string | null;
}

export interface RequestContext {
  principal: Principal | null;
  /** The data scope of the route's permission for this caller (everything for public/global routes). */
  scope: DataScope;
  actor: Actor;
  locale: 'zh-CN' | 'en';
}

/** Finds the owner of one row of an entity kind, or undefined when the id is unknown. */
export type OwnerResolver = (db: Executor, id: string) => Promise<Owner | undefined>;

const resolvers = new Map<string, OwnerResolver>();

export function registerOwnerResolver(entity: string, resolver: OwnerResolver): void {
  resolvers.set(entity, resolver);
}

export function ownerResolver(entity: string): OwnerResolver | undefined {
  return resolvers.get(entity);
}

export const SYSTEM_ACTOR: Actor = { accountId: null, label: 'system', ip: null };

export function user(req: { goa: RequestContext }): UserPrincipal {
  const p = req.goa.principal;
  if (!p || p.kind !== 'user') throw new Error('route expected a signed-in user');
  return p;
}
