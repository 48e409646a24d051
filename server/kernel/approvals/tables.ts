import type { ColumnType, Generated } from 'kysely';
import type { MatterStatus, TaskStatus } from './workflow.ts';

/** jsonb: read as parsed JSON, written as a JSON string. */
type Json<T> = ColumnType<T, string, string>;

export type StoredWithin = 'requester_unit' | 'requester_jurisdiction' | 'city';

/** A step as stored on the matter when it was submitted (labels kept in both languages). */
export interface StoredStep {
  key: string;
  label: { 'zh-CN': string; en: string };
  mode: 'single' | 'any' | 'all';
  role: string;
  within: StoredWithin;
  /** the escalation chain, tried in order when `role` finds nobody (absent: none) */
  fallback?: { role: string; within: StoredWithin }[];
  /** the role and reach whose holders got the step's tasks (set when the step is entered) */
  assignedRole?: string;
  assignedWithin?: StoredWithin;
}

export type EventAction = 'create' | 'update' | 'submit' | 'approve' | 'reject' | 'return' | 'withdraw';

declare module '../db/schema.ts' {
  interface Tables {
    approval_matter: {
      id: Generated<string>;
      type: string;
      title: string;
      payload: Json<unknown>;
      status: Generated<MatterStatus>;
      requester_account_id: string;
      requester_person_id: string;
      unit_id: string;
      jurisdiction_id: string;
      steps: ColumnType<StoredStep[] | null, string | null, string | null>;
      current_step: number | null;
      round: Generated<number>;
      submitted_at: Date | null;
      decided_at: Date | null;
      version: Generated<number>;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
    approval_task: {
      id: Generated<string>;
      matter_id: string;
      round: number;
      step_index: number;
      step_key: string;
      approver_account_id: string;
      status: Generated<TaskStatus>;
      opinion: string | null;
      created_at: Generated<Date>;
      decided_at: Date | null;
    };
    approval_event: {
      id: Generated<number>;
      matter_id: string;
      at: Generated<Date>;
      actor_account_id: string | null;
      action: EventAction;
      round: Generated<number>;
      step_key: string | null;
      opinion: string | null;
      from_status: string | null;
      to_status: string | null;
    };
    approval_attachment: {
      matter_id: string;
      file_id: string;
      added_by: string;
      added_at: Generated<Date>;
    };
  }
}
