import type { ColumnType, Generated } from 'kysely';

export type VisitStatus = 'pending' | 'approved' | 'declined' | 'cancelled' | 'checked_in' | 'checked_out';

/** One check recorded at a site's gate. */
export interface SiteCheck {
  code: string;
  kind: 'temperature' | 'health_code' | 'yes_no';
  label: { 'zh-CN': string; en: string };
  /** temperature: the highest admitted reading */
  max?: number;
}

export type CheckValues = Record<string, string | number | boolean>;

declare module '../../kernel/db/schema.ts' {
  interface Tables {
    visitor_site: {
      id: Generated<string>;
      name: string;
      address: string | null;
      jurisdiction_id: string;
      unit_id: string;
      checks: ColumnType<SiteCheck[], string | undefined, string>;
      created_at: Generated<Date>;
    };
    visitor_site_guard: { site_id: string; person_id: string };
    visitor_host_link: { token: string; person_id: string; site_id: string; created_at: Generated<Date> };
    visitor_visit: {
      id: Generated<string>;
      site_id: string;
      jurisdiction_id: string;
      unit_id: string;
      host_person_id: string;
      visitor_name: string;
      id_cipher: string | null;
      id_hash: string | null;
      id_last4: string | null;
      id_head3: string | null;
      mobile: string | null;
      company: string | null;
      purpose: string;
      starts_at: Date;
      ends_at: Date;
      plate: string | null;
      status: Generated<VisitStatus>;
      walk_in: Generated<boolean>;
      pass_code: string | null;
      pass_token: string;
      decided_at: Date | null;
      decided_by: string | null;
      decline_reason: string | null;
      checked_in_at: Date | null;
      checked_out_at: Date | null;
      checks: ColumnType<CheckValues | null, string | null | undefined, string | null>;
      flagged: Generated<boolean>;
      purged_at: Date | null;
      created_at: Generated<Date>;
    };
    visitor_blacklist: {
      id: Generated<string>;
      id_hash: string;
      id_masked: string;
      name: string;
      reason: string;
      jurisdiction_id: string;
      unit_id: string;
      created_by: string | null;
      created_at: Generated<Date>;
    };
    visitor_flag: {
      id: Generated<string>;
      site_id: string;
      blacklist_id: string;
      visit_id: string | null;
      created_at: Generated<Date>;
    };
  }
}
