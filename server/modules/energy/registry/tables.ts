import type { Generated } from 'kysely';

/** Tables of the insight side: settings, quotas and manual monthly entries (migration 0300). */

type Numeric = string;

declare module '../../../kernel/db/schema.ts' {
  interface Tables {
    energy_setting: {
      id: Generated<boolean>;
      carbon_kg_per_kwh: Generated<Numeric | number>;
      carbon_kg_per_m3_gas: Generated<Numeric | number>;
      carbon_kg_per_gj_heat: Generated<Numeric | number>;
      cap_kgce_per_m2: Generated<Numeric | number>;
      cap_kgce_per_person: Generated<Numeric | number>;
      cap_water_m3_per_person: Generated<Numeric | number>;
      offline_intervals: Generated<number>;
      base_load_ratio: Generated<Numeric | number>;
      spike_factor: Generated<Numeric | number>;
      balance_tolerance: Generated<Numeric | number>;
      updated_at: Generated<Date>;
    };
    energy_quota: {
      id: Generated<string>;
      institution_id: string;
      jurisdiction_id: string;
      year: number;
      total_kgce: Numeric | number;
      electricity_kwh: Numeric | number | null;
      water_m3: Numeric | number | null;
      basis: Generated<'constraint' | 'guide'>;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
    energy_manual_entry: {
      id: Generated<string>;
      point_id: string;
      point_kind: Generated<'manual'>;
      institution_id: string;
      jurisdiction_id: string;
      month: string | Date;
      value: Numeric | number;
      note: string | null;
      entered_by: string;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
  }
}
