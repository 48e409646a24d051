import type { Generated } from 'kysely';

export type InstitutionKind = 'organ' | 'institution' | 'school' | 'hospital' | 'venue' | 'other';
export type Demonstration = 'national' | 'provincial';
export type EnergyType = 'electricity' | 'water' | 'gas' | 'heat';
/** 分项计量: the national sub-item taxonomy of electricity */
export type SubItem = 'lighting_sockets' | 'hvac' | 'power' | 'special';
export type PointKind = 'metered' | 'virtual' | 'manual';
export type PointUnit = 'kWh' | 'm3' | 'GJ';

/** numeric columns arrive as strings from both drivers */
type Numeric = string;

declare module '../../kernel/db/schema.ts' {
  interface Tables {
    energy_institution: {
      id: Generated<string>;
      code: string;
      name: string;
      jurisdiction_id: string;
      unit_id: string | null;
      kind: InstitutionKind;
      address: string | null;
      lon: number | null;
      lat: number | null;
      occupants: Generated<number>;
      demonstration: Demonstration | null;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
    energy_building: {
      id: Generated<string>;
      institution_id: string;
      name: string;
      floor_area: Numeric | number;
      occupants: Generated<number>;
      built_year: number | null;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
    energy_point: {
      id: Generated<string>;
      code: string;
      name: string;
      institution_id: string;
      jurisdiction_id: string;
      building_id: string | null;
      energy_type: EnergyType;
      sub_item: SubItem | null;
      parent_id: string | null;
      kind: Generated<PointKind>;
      formula: string | null;
      unit: PointUnit;
      multiplier: Generated<Numeric | number>;
      register_max: Numeric | number | null;
      interval_minutes: Generated<number>;
      active: Generated<boolean>;
      installed_at: Date | null;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
  }
}
