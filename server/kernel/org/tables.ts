import type { Generated } from 'kysely';

export type JurisdictionKind = 'city' | 'district' | 'county';
export type UnitKind = 'organ' | 'institution';
export type UnitLevel = 'city' | 'district' | 'county' | 'township';
export type PersonStatus = 'active' | 'transferred' | 'retired';

declare module '../db/schema.ts' {
  interface Tables {
    org_jurisdiction: {
      id: Generated<string>;
      code: string;
      name: string;
      kind: JurisdictionKind;
      parent_id: string | null;
      sort: Generated<number>;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
    org_unit: {
      id: Generated<string>;
      code: string;
      name: string;
      short_name: string | null;
      kind: UnitKind;
      level: UnitLevel;
      jurisdiction_id: string;
      parent_id: string | null;
      establishment: Generated<number>;
      address: string | null;
      sort: Generated<number>;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
    org_department: {
      id: Generated<string>;
      unit_id: string;
      jurisdiction_id: string;
      name: string;
      sort: Generated<number>;
      created_at: Generated<Date>;
    };
    org_person: {
      id: Generated<string>;
      unit_id: string;
      jurisdiction_id: string;
      department_id: string | null;
      employee_no: string;
      name: string;
      gender: 'male' | 'female' | null;
      rank: string;
      position: string | null;
      phone: string | null;
      email: string | null;
      status: Generated<PersonStatus>;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
  }
}
