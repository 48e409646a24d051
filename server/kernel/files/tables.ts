import type { Generated } from 'kysely';

declare module '../db/schema.ts' {
  interface Tables {
    file_object: {
      id: Generated<string>;
      name: string;
      content_type: string;
      size_bytes: number;
      sha256: string;
      storage_key: string;
      uploaded_by: string | null;
      jurisdiction_id: string | null;
      unit_id: string | null;
      owner_entity: string | null;
      owner_id: string | null;
      created_at: Generated<Date>;
    };
  }
}
