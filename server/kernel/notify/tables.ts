import type { Generated } from 'kysely';

declare module '../db/schema.ts' {
  interface Tables {
    notification: {
      id: Generated<string>;
      account_id: string;
      kind: string;
      title_zh: string;
      title_en: string;
      body: string | null;
      link: string | null;
      created_at: Generated<Date>;
      read_at: Date | null;
      seq: Generated<number>;
    };
  }
}
