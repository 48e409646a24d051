import type { ColumnType, Generated } from 'kysely';

export const CATEGORIES = [
  'confidential_comms',
  'emergency',
  'law_enforcement',
  'special_technical',
  'general',
] as const;
export type Category = (typeof CATEGORIES)[number];
export const BODY_TYPES = ['sedan', 'suv', 'mpv', 'small_bus', 'medium_bus', 'large_bus', 'van'] as const;
export type BodyType = (typeof BODY_TYPES)[number];
export const ENERGY_TYPES = ['petrol', 'diesel', 'hybrid', 'plugin_hybrid', 'electric'] as const;
export type EnergyType = (typeof ENERGY_TYPES)[number];
export const VEHICLE_STATUSES = ['available', 'in_use', 'maintenance', 'sealed', 'retired'] as const;
export type VehicleStatus = (typeof VEHICLE_STATUSES)[number];
export const RECORD_KINDS = ['maintenance', 'insurance', 'annual_inspection'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export const LICENCE_CLASSES = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2'] as const;
export const DRIVER_STATUSES = ['active', 'on_leave', 'suspended', 'left'] as const;
export type DriverStatus = (typeof DRIVER_STATUSES)[number];
export const PLACE_KINDS = [
  'government',
  'station',
  'airport',
  'hospital',
  'school',
  'venue',
  'depot',
  'other',
] as const;
export const REQUEST_KINDS = ['one_way', 'round_trip', 'waiting'] as const;
export const REQUEST_STATUSES = [
  'submitted',
  'approved',
  'rejected',
  'cancelled',
  'assigned',
  'in_progress',
  'completed',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const TRIP_STATUSES = ['assigned', 'accepted', 'started', 'arrived', 'finished', 'cancelled'] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];
export const POOL_MODES = ['never', 'approval', 'automatic'] as const;
export type PoolMode = (typeof POOL_MODES)[number];
export const ALERT_KINDS = [
  'outside_window',
  'mileage_over_plan',
  'off_hours',
  'moved_while_sealed',
  'geofence_exit',
  'sealed_dispatch',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertLevel = 'green' | 'yellow' | 'red';

type Numeric = ColumnType<string, string | number, string | number>;
type Big = ColumnType<number, number, number>;
type DateCol = ColumnType<string, string, string>;
type Created = Generated<Date>;

declare module '../../kernel/db/schema.ts' {
  interface Tables {
    veh_vehicle: {
      id: Generated<string>;
      plate: string;
      category: Category;
      body_type: Generated<BodyType>;
      brand: string;
      model: string;
      energy_type: EnergyType;
      displacement_l: Numeric | null;
      price_fen: Big;
      seats: number;
      purchase_date: DateCol;
      odometer_km: Generated<number>;
      jurisdiction_id: string;
      unit_id: string;
      status: Generated<VehicleStatus>;
      violations: ColumnType<unknown, string | undefined, string>;
      note: string | null;
      version: Generated<number>;
      created_at: Created;
      updated_at: Created;
    };
    veh_vehicle_record: {
      id: Generated<string>;
      vehicle_id: string;
      jurisdiction_id: string;
      unit_id: string;
      kind: RecordKind;
      done_on: DateCol;
      due_on: DateCol | null;
      cost_fen: Big;
      vendor: string | null;
      note: string | null;
      reminded_at: Date | null;
      created_at: Created;
    };
    veh_driver: {
      id: Generated<string>;
      person_id: string | null;
      account_id: string | null;
      name: string;
      phone: string | null;
      jurisdiction_id: string;
      unit_id: string;
      licence_class: string;
      licence_no: string | null;
      licence_expires_on: DateCol;
      contract_starts_on: DateCol | null;
      contract_ends_on: DateCol | null;
      uniform_issued_on: DateCol | null;
      badge_no: string | null;
      max_daily_minutes: Generated<number>;
      min_rest_minutes: Generated<number>;
      status: Generated<DriverStatus>;
      rating_sum: Generated<number>;
      rating_count: Generated<number>;
      reminded_at: Date | null;
      version: Generated<number>;
      created_at: Created;
      updated_at: Created;
    };
    veh_driver_training: {
      id: Generated<string>;
      driver_id: string;
      jurisdiction_id: string;
      unit_id: string;
      held_on: DateCol;
      topic: string;
      hours: Numeric;
      passed: Generated<boolean>;
      created_at: Created;
    };
    veh_place: {
      id: Generated<string>;
      name: string;
      kind: Generated<string>;
      address: string | null;
      lon: Numeric;
      lat: Numeric;
      jurisdiction_id: string | null;
      active: Generated<boolean>;
      created_at: Created;
      updated_at: Created;
    };
    veh_request: {
      id: Generated<string>;
      no: string;
      requester_account_id: string;
      requester_person_id: string;
      jurisdiction_id: string;
      unit_id: string;
      matter_id: string | null;
      passengers: number;
      passenger_names: string | null;
      contact_phone: string | null;
      origin_id: string;
      destination_ids: ColumnType<string[], string[], string[]>;
      departs_at: ColumnType<Date, Date | string, Date | string>;
      returns_at: ColumnType<Date, Date | string, Date | string>;
      kind: string;
      purpose: string;
      need_category: Category | null;
      special_work: Generated<boolean>;
      planned_km: Generated<number>;
      status: Generated<RequestStatus>;
      trip_id: string | null;
      cancel_reason: string | null;
      rating: number | null;
      rating_comment: string | null;
      confirmed_at: Date | null;
      version: Generated<number>;
      created_at: Created;
      updated_at: Created;
    };
    veh_trip: {
      id: Generated<string>;
      no: string;
      vehicle_id: string;
      driver_id: string;
      jurisdiction_id: string;
      unit_id: string;
      lender_jurisdiction_id: string;
      period: string;
      status: Generated<TripStatus>;
      source: Generated<'manual' | 'auto' | 'seed'>;
      sealed_override: Generated<boolean>;
      planned_km: Generated<number>;
      empty_km: Generated<number>;
      start_odometer: number | null;
      end_odometer: number | null;
      km: ColumnType<number | null, never, never>;
      tolls_fen: Generated<number>;
      parking_fen: Generated<number>;
      fuel_fen: Generated<number>;
      started_at: Date | null;
      arrived_at: Date | null;
      finished_at: Date | null;
      dispatched_by: string | null;
      request_id: string | null;
      leg: Generated<'outbound' | 'return' | 'both'>;
      version: Generated<number>;
      created_at: Created;
      updated_at: Created;
    };
    veh_pool_policy: {
      lender_jurisdiction_id: string;
      borrower_jurisdiction_id: string;
      mode: PoolMode;
      updated_at: Created;
    };
    veh_loan: {
      id: Generated<string>;
      trip_id: string;
      lender_jurisdiction_id: string;
      borrower_jurisdiction_id: string;
      mode: 'approval' | 'automatic';
      km: Generated<number>;
      created_at: Created;
    };
    veh_position: {
      id: Generated<string>;
      vehicle_id: string;
      at: ColumnType<Date, Date | string, Date | string>;
      lon: Numeric;
      lat: Numeric;
      speed_kmh: Numeric | null;
      source: Generated<'gps' | 'phone' | 'simulator'>;
    };
    veh_seal_log: {
      id: Generated<string>;
      vehicle_id: string;
      jurisdiction_id: string;
      unit_id: string;
      action: 'seal' | 'unseal';
      odometer_km: number;
      reason: string | null;
      at: Created;
      by_account_id: string | null;
      period_start: ColumnType<string | null, string | null | undefined, string | null>;
    };
    veh_alert: {
      id: Generated<string>;
      kind: AlertKind;
      level: AlertLevel;
      vehicle_id: string;
      trip_id: string | null;
      jurisdiction_id: string;
      unit_id: string;
      detail: ColumnType<unknown, string | undefined, string>;
      at: Created;
      resolved_at: Date | null;
      resolved_by: string | null;
      resolution: string | null;
      dedupe_key: string | null;
    };
    veh_plan: {
      id: Generated<string>;
      day: ColumnType<string, string, string>;
      pools: ColumnType<string[], string[], string[]>;
      plan: ColumnType<unknown, string, string>;
      figures: ColumnType<unknown, string, string>;
      status: Generated<'proposed' | 'accepted' | 'partly_accepted' | 'superseded'>;
      kind: Generated<'day' | 'insert' | 'replan'>;
      trigger_request_id: string | null;
      trigger_event: 'arrived' | 'cancelled' | null;
      moves: ColumnType<unknown, string | undefined, string>;
      created_by: string | null;
      created_at: Created;
      accepted_at: Date | null;
    };
    veh_inspection: {
      id: Generated<string>;
      jurisdiction_id: string;
      unit_id: string;
      vehicle_id: string | null;
      held_on: DateCol;
      subject: string;
      findings: string | null;
      result: 'compliant' | 'rectify' | 'violation';
      inspector_account_id: string | null;
      created_at: Created;
      rectify_due_on: ColumnType<string | null, string | null | undefined, string | null>;
      rectified_on: ColumnType<string | null, string | null | undefined, string | null>;
      rectify_note: string | null;
      version: Generated<number>;
      updated_at: Created;
    };
    veh_geofence: {
      id: Generated<string>;
      jurisdiction_id: string;
      name: string;
      ring: ColumnType<[number, number][], string, string>;
      active: Generated<boolean>;
      created_at: Created;
      updated_at: Created;
    };
    veh_sealed_use: {
      request_id: string;
      matter_id: string;
      approved_at: Created;
    };
  }
}
