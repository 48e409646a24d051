import type { Generated } from 'kysely';
import '../../storage/tables.ts';

declare module '../../../../kernel/db/schema.ts' {
  interface Tables {
    /** how far a historical import got: its file, its job and the offset after its last committed batch */
    energy_import_run: {
      import_id: string;
      file_id: string | null;
      job_id: string | null;
      batch_rows: number;
      byte_offset: Generated<number>;
      row_offset: Generated<number>;
      batches: Generated<number>;
      cancelled_by_label: string | null;
      updated_at: Generated<Date>;
    };
  }
}
