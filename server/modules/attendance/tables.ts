import type { Generated } from 'kysely';

export type PunchSource = 'kiosk' | 'phone' | 'import' | 'correction';
export type DayStatus =
  | 'normal'
  | 'late'
  | 'early_leave'
  | 'late_early'
  | 'absent'
  | 'missing_punch'
  | 'leave'
  | 'trip'
  | 'rest'
  | 'pending';
export type LeaveType =
  'annual' | 'sick' | 'personal' | 'marriage' | 'maternity' | 'paternity' | 'bereavement' | 'compensatory';
export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

declare module '../../kernel/db/schema.ts' {
  interface Tables {
    attendance_rule: {
      id: Generated<string>;
      jurisdiction_id: string;
      unit_id: string;
      department_id: string | null;
      name: string;
      start_min: number;
      end_min: number;
      flex_min: Generated<number>;
      lunch_start_min: number | null;
      lunch_end_min: number | null;
      grace_min: Generated<number>;
      absent_late_min: Generated<number>;
      overtime_min_threshold: Generated<number>;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
    attendance_site: {
      id: Generated<string>;
      jurisdiction_id: string;
      unit_id: string;
      name: string;
      lat: number;
      lng: number;
      radius_m: number;
      active: Generated<boolean>;
      created_at: Generated<Date>;
    };
    attendance_punch: {
      id: Generated<string>;
      person_id: string;
      jurisdiction_id: string;
      unit_id: string;
      at: Date;
      work_date: string;
      source: PunchSource;
      device: string | null;
      lat: number | null;
      lng: number | null;
      accuracy_m: number | null;
      site_id: string | null;
      distance_m: number | null;
      in_range: boolean | null;
      import_id: string | null;
      correction_id: string | null;
      created_at: Generated<Date>;
    };
    attendance_import: {
      id: Generated<string>;
      file_name: string;
      rows: number;
      inserted: number;
      duplicates: number;
      imported_by: string | null;
      created_at: Generated<Date>;
    };
    attendance_leave: {
      id: Generated<string>;
      person_id: string;
      jurisdiction_id: string;
      unit_id: string;
      kind: 'leave' | 'trip';
      leave_type: LeaveType | null;
      start_date: string;
      end_date: string;
      days: number;
      reason: string;
      destination: string | null;
      status: Generated<RequestStatus>;
      matter_id: string | null;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
    attendance_correction: {
      id: Generated<string>;
      person_id: string;
      jurisdiction_id: string;
      unit_id: string;
      work_date: string;
      at: Date;
      reason: string;
      status: Generated<RequestStatus>;
      matter_id: string | null;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
    attendance_profile: {
      person_id: string;
      service_start: string;
    };
    attendance_entitlement: {
      min_years: number;
      days: number;
    };
    attendance_day: {
      person_id: string;
      work_date: string;
      jurisdiction_id: string;
      unit_id: string;
      department_id: string | null;
      rule_id: string | null;
      due: boolean;
      status: DayStatus;
      first_in: Date | null;
      last_out: Date | null;
      late_min: Generated<number>;
      early_min: Generated<number>;
      overtime_min: Generated<number>;
      worked_min: Generated<number>;
      leave_type: string | null;
      computed_at: Generated<Date>;
    };
  }
}
