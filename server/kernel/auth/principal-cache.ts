import type { Principal } from '../http/access.ts';

/**
 * Signed-in principals by token hash, for a few seconds: most requests then skip the session lookup.
 * Any audited write to accounts, roles, sessions, machine tokens, people or units clears it (see
 * audit.ts), so a change made through this instance applies to the next request; another instance
 * sees it within the TTL (GOA_AUTH_CACHE_MS, 0 disables the cache).
 */
interface Entry {
  principal: Principal;
  until: number;
}

const MAX_ENTRIES = 10_000;
const entries = new Map<string, Entry>();

export const principalCache = {
  get(key: string, now = Date.now()): Principal | undefined {
    const e = entries.get(key);
    if (!e) return undefined;
    if (e.until <= now) {
      entries.delete(key);
      return undefined;
    }
    return e.principal;
  },
  /** `until` is the earlier of now + TTL and the session's own expiry. */
  set(key: string, principal: Principal, until: number): void {
    if (entries.size >= MAX_ENTRIES) {
      const oldest = entries.keys().next();
      if (!oldest.done) entries.delete(oldest.value);
    }
    entries.set(key, { principal, until });
  },
  clear(): void {
    entries.clear();
  },
};

/** Whether an audited write can change who a signed-in principal is or what it holds. */
export function affectsPrincipals(entry: { entity: string; action: string }): boolean {
  // signing in (or failing to) changes no existing session
  if (entry.entity === 'auth.account' && entry.action.startsWith('login')) return false;
  return entry.entity.startsWith('auth.') || entry.entity === 'org.person' || entry.entity === 'org.unit';
}
