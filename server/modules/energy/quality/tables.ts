import type { Generated } from 'kysely';

/** Alerts and daily data-quality reports (migration 0300). */

export type AlertRule = 'offline' | 'gap' | 'imbalance' | 'spike' | 'base_load' | 'over_quota';
export type AlertLevel = 'yellow' | 'red';
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

declare module '../../../kernel/db/schema.ts' {
  interface Tables {
    energy_alert: {
      id: Generated<string>;
      institution_id: string;
      jurisdiction_id: string;
      point_id: string | null;
      rule: AlertRule;
      level: AlertLevel;
      status: Generated<AlertStatus>;
      subject: string;
      period_start: Date | string;
      period_end: Date | string;
      value: number | null;
      threshold: number | null;
      detail: Generated<unknown>;
      first_seen_at: Generated<Date>;
      last_seen_at: Generated<Date>;
      acknowledged_at: Date | null;
      acknowledged_by: string | null;
      resolved_at: Date | null;
      resolved_by: string | null;
      note: string | null;
    };
    energy_quality_report: {
      id: Generated<string>;
      day: string | Date;
      jurisdiction_id: string;
      points: number;
      reporting: number;
      offline: number;
      expected_intervals: number | string;
      received_intervals: number | string;
      estimated_intervals: Generated<number | string>;
      quarantined: Generated<number>;
      alerts: Generated<unknown>;
      generated_at: Generated<Date>;
    };
  }
}
