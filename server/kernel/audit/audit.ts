import { sql } from 'kysely';
import type { Tx } from '../db/schema.ts';
import type { Actor } from '../http/access.ts';
import { affectsPrincipals, principalCache } from '../auth/principal-cache.ts';
import './tables.ts';

export interface AuditEntry {
  /** dotted entity kind, e.g. `org.unit` */
  entity: string;
  entityId?: string | null;
  /** create, update, delete, login, approve, … */
  action: string;
  before?: unknown;
  after?: unknown;
  /** the owner of the entity, so the log itself can be scoped */
  jurisdictionId?: string | null;
  unitId?: string | null;
}

/**
 * Writes one audit record. It takes a transaction, not the pool: the record commits or rolls back
 * with the change it describes.
 */
export async function audit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  await auditMany(tx, actor, [entry]);
}

export async function auditMany(tx: Tx, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (entries.some(affectsPrincipals)) principalCache.clear();
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  // chunks keep the statement under PostgreSQL's 65,535-parameter limit for bulk imports
  for (let i = 0; i < entries.length; i += 1000) {
    await tx
      .insertInto('audit_log')
      .values(
        entries.slice(i, i + 1000).map((e) => ({
          actor_account_id: actor.accountId,
          actor_label: actor.label,
          ip: actor.ip,
          entity: e.entity,
          entity_id: e.entityId ?? null,
          action: e.action,
          before: json(e.before),
          after: json(e.after),
          // a record owned by a unit is also visible to its jurisdiction's scope
          jurisdiction_id:
            e.jurisdictionId ??
            (e.unitId
              ? sql<string>`(select jurisdiction_id from org_unit where id = ${e.unitId}::uuid)`
              : null),
          unit_id: e.unitId ?? null,
        })),
      )
      .execute();
  }
}
