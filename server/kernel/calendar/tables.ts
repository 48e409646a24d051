import type { ColumnType } from 'kysely';

export type DayKind = 'holiday' | 'workday';

declare module '../db/schema.ts' {
  interface Tables {
    calendar_day: {
      /** 'YYYY-MM-DD' (the pg DATE parser returns the text as is) */
      date: string;
      kind: DayKind;
      name: string;
      name_en: string | null;
      note: string | null;
      updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
    };
  }
}
