import type { Executor } from '../db/schema.ts';
import './tables.ts';

/** A machine token's purpose: a dotted name such as `energy.ingest` or `vehicles.position`. */
export const MACHINE_PURPOSE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

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
