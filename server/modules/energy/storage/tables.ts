import type { Generated } from 'kysely';

/** Why a reading was quarantined (隔离原因). */
export type QuarantineReason =
  | 'unknown_point'
  | 'non_numeric'
  | 'bad_timestamp'
  | 'future_timestamp'
  | 'register_backwards'
  | 'conflicting_duplicate'
  | 'malformed'
  | 'inactive_point';
export type ReadingSource = 'http' | 'mqtt' | 'import' | 'simulator' | 'estimate' | 'readmit';
export type QuarantineResolution = 'readmitted' | 'dismissed';
export type ImportStatus = 'running' | 'done' | 'failed' | 'cancelled';

/** One rollup row: consumption in the point's unit (multiplier applied); K names the bucket column. */
type Rollup<K extends string, B> = {
  institution_id: string;
  point_id: string;
  consumption: Generated<number>;
  /** readings counted into the bucket */
  samples: Generated<number>;
  /** the part of consumption that comes from estimated (interpolated) readings */
  estimated: Generated<number>;
} & Record<K, B>;

declare module '../../../kernel/db/schema.ts' {
  interface Tables {
    /** raw readings, partitioned by month; key (institution_id, point_id, ts) */
    energy_reading: {
      institution_id: string;
      point_id: string;
      /** end of the interval the reading closes */
      ts: Date | string;
      /** cumulative register value as sent (register readings); null for interval readings */
      register: number | null;
      /** consumption of the interval ending at ts (multiplier applied); null for a baseline */
      delta: number | null;
      estimated: Generated<boolean>;
    };
    energy_register_reset: {
      institution_id: string;
      point_id: string;
      at: Date | string;
      final_value: number | null;
      start_value: Generated<number>;
      note: string | null;
      created_at: Generated<Date>;
      created_by_label: string | null;
    };
    /** hours of the deployment's zone; `hour` is the hour's start */
    energy_rollup_hour: Rollup<'hour', Date | string>;
    /** days cut in the deployment's zone (GOA_TIME_ZONE) */
    energy_rollup_day: Rollup<'day', string>;
    /** months cut in the deployment's zone; `month` is its first day */
    energy_rollup_month: Rollup<'month', string>;
    /** per institution, year and series (energy type or 'sub_item:<code>'), months as columns m1…m12 */
    energy_rollup_institution: {
      institution_id: string;
      year: number;
      series: string;
    } & Record<`m${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12}`, number | null>;
    energy_quarantine: {
      id: Generated<string>;
      received_at: Generated<Date>;
      source: ReadingSource;
      point_code: string | null;
      point_id: string | null;
      institution_id: string | null;
      jurisdiction_id: string | null;
      ts: string | null;
      value: string | null;
      reason: QuarantineReason;
      detail: string | null;
      resolved_at: Date | null;
      import_id: string | null;
      /** as the reading came (null: before this was kept — read as a register reading) */
      kind: 'register' | 'interval' | null;
      estimated: boolean | null;
      resolution: QuarantineResolution | null;
      resolved_by_label: string | null;
      resolution_note: string | null;
    };
    energy_import: {
      id: Generated<string>;
      file_name: string;
      status: Generated<ImportStatus>;
      total_bytes: number | null;
      processed_bytes: Generated<number>;
      rows_read: Generated<number>;
      rows_stored: Generated<number>;
      rows_duplicate: Generated<number>;
      rows_quarantined: Generated<number>;
      error: string | null;
      created_by: string | null;
      created_by_label: string | null;
      kind: Generated<'csv' | 'xlsx'>;
      started_at: Generated<Date>;
      finished_at: Date | null;
    };
  }
}
