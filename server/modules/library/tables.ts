import type { Generated } from 'kysely';

export type CopyStatus = 'available' | 'on_loan' | 'held' | 'lost' | 'withdrawn';
export type HoldStatus = 'waiting' | 'ready' | 'fulfilled' | 'cancelled' | 'expired';

declare module '../../kernel/db/schema.ts' {
  interface Tables {
    library_book: {
      id: Generated<string>;
      jurisdiction_id: string;
      unit_id: string;
      isbn: string;
      title: string;
      author: string;
      publisher: string | null;
      published_year: number | null;
      category: string;
      location: string | null;
      summary: string | null;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
    library_copy: {
      id: Generated<string>;
      book_id: string;
      barcode: string;
      status: Generated<CopyStatus>;
      created_at: Generated<Date>;
    };
    library_loan: {
      id: Generated<string>;
      copy_id: string;
      book_id: string;
      person_id: string;
      jurisdiction_id: string;
      unit_id: string;
      borrowed_at: Generated<Date>;
      /** 'YYYY-MM-DD' in the deployment's time zone */
      due_date: string;
      renewals: Generated<number>;
      returned_at: Date | null;
      reminded_on: string | null;
    };
    library_hold: {
      id: Generated<string>;
      book_id: string;
      person_id: string;
      jurisdiction_id: string;
      unit_id: string;
      status: Generated<HoldStatus>;
      copy_id: string | null;
      ready_until: string | null;
      created_at: Generated<Date>;
      seq: Generated<number>;
    };
  }
}
