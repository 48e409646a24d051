import type { ColumnType, Generated } from 'kysely';

/** Stored as jsonb; written as a JSON string; never updated. */
type JsonSnapshot = ColumnType<unknown, string | null, never>;

declare module '../db/schema.ts' {
  interface Tables {
    audit_log: {
      id: Generated<number>;
      at: Generated<Date>;
      actor_account_id: string | null;
      actor_label: string;
      ip: string | null;
      entity: string;
      entity_id: string | null;
      action: string;
      before: JsonSnapshot;
      after: JsonSnapshot;
      jurisdiction_id: string | null;
      unit_id: string | null;
    };
  }
}
