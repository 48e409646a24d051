import type { Generated } from 'kysely';

export const REPAIR_STATUSES = [
  'reported',
  'assigned',
  'accepted',
  'on_site',
  'waiting_parts',
  'done',
  'confirmed',
  'cancelled',
] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];

declare module '../../kernel/db/schema.ts' {
  interface Tables {
    repair_category: {
      id: Generated<string>;
      code: string;
      name_zh: string;
      name_en: string;
      sla_days: number;
      sort: Generated<number>;
    };
    repair_contractor: {
      id: Generated<string>;
      name: string;
      phone: string | null;
      account_id: string | null;
      jurisdiction_id: string;
      unit_id: string;
      active: Generated<boolean>;
      created_at: Generated<Date>;
    };
    repair_qr: {
      token: string;
      label: string;
      building_id: string | null;
      floor: string | null;
      room: string | null;
      category_id: string | null;
      jurisdiction_id: string;
      unit_id: string;
      public_enabled: Generated<boolean>;
      created_at: Generated<Date>;
    };
    repair_request: {
      id: Generated<string>;
      no: string;
      jurisdiction_id: string;
      unit_id: string;
      requester_account_id: string | null;
      requester_person_id: string | null;
      requester_name: string;
      requester_phone: string | null;
      building_id: string | null;
      floor: string | null;
      room: string | null;
      category_id: string;
      description: string;
      source: Generated<'app' | 'qr'>;
      status: Generated<RepairStatus>;
      assignee_account_id: string | null;
      contractor_id: string | null;
      reported_at: Generated<Date>;
      due_at: Date;
      assigned_at: Date | null;
      done_at: Date | null;
      confirmed_at: Date | null;
      rating: number | null;
      rating_comment: string | null;
      overdue_notified_at: Date | null;
    };
    repair_event: {
      id: Generated<string>;
      request_id: string;
      status: string;
      note: string | null;
      actor_label: string;
      at: Generated<Date>;
    };
  }
}
