import type { FastifyInstance } from 'fastify';
import type { Executor } from '../db/schema.ts';
import type { Access } from '../http/access.ts';
import './tables.ts';

/** A machine token's purpose: a dotted name such as `energy.ingest` or `vehicles.position`. */
export const MACHINE_PURPOSE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** One purpose a machine token can serve: the routes that let a token of it in. */
export interface MachinePurpose {
  purpose: string;
  routes: string[];
}

const collected = new WeakMap<FastifyInstance, () => MachinePurpose[]>();

/**
 * Collects the purposes the routes declare (`access.machine`) as they are registered: a token is only
 * useful for one of them, so creating one for any other name (a typo) is refused. Call it before the
 * routes are registered; the list is complete once the app is ready.
 */
export function collectMachinePurposes(app: FastifyInstance): () => MachinePurpose[] {
  const routes = new Map<string, Set<string>>();
  const list = () =>
    [...routes]
      .map(([purpose, set]) => ({ purpose, routes: [...set].sort() }))
      .sort((a, b) => a.purpose.localeCompare(b.purpose));
  collected.set(app, list);
  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: Access } | undefined)?.access;
    const purpose = access && 'machine' in access ? access.machine : undefined;
    if (!purpose) return;
    const methods = ([] as string[]).concat(route.method).filter((m) => m !== 'HEAD');
    const set = routes.get(purpose) ?? new Set<string>();
    for (const m of methods) set.add(`${m} ${route.url}`);
    routes.set(purpose, set);
  });
  return list;
}

/** The purposes the routes of a built, ready app declare (for `goa token create`). */
export function machinePurposesOf(app: FastifyInstance): string[] {
  return (collected.get(app)?.() ?? []).map((p) => p.purpose);
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Every machine token, newest first; active ones before revoked ones. */
export async function listMachineTokens(db: Executor) {
  const rows = await db
    .selectFrom('auth_machine_token')
    .select(['id', 'name', 'purpose', 'created_at', 'last_used_at', 'revoked_at'])
    .orderBy((eb) => eb('revoked_at', 'is not', null))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    purpose: r.purpose,
    createdAt: new Date(r.created_at).toISOString(),
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
  }));
}
