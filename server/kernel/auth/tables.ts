import type { Generated } from 'kysely';
import type { ScopeKind } from '../access/roles.ts';

declare module '../db/schema.ts' {
  interface Tables {
    auth_account: {
      id: Generated<string>;
      username: string;
      display_name: string;
      person_id: string | null;
      password_hash: string;
      password_changed_at: Generated<Date>;
      disabled: Generated<boolean>;
      failed_count: Generated<number>;
      locked_until: Date | null;
      last_login_at: Date | null;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
    auth_role_assignment: {
      id: Generated<string>;
      account_id: string;
      role: string;
      scope_kind: ScopeKind;
      jurisdiction_id: string | null;
      unit_id: string | null;
      created_at: Generated<Date>;
    };
    auth_session: {
      id: Generated<string>;
      token_hash: string;
      account_id: string;
      csrf_token: string;
      kind: 'cookie' | 'bearer';
      ip: string | null;
      user_agent: string | null;
      created_at: Generated<Date>;
      expires_at: Date;
      last_seen_at: Generated<Date>;
      revoked_at: Date | null;
    };
    auth_machine_token: {
      id: Generated<string>;
      name: string;
      purpose: string;
      token_hash: string;
      created_by: string | null;
      created_at: Generated<Date>;
      last_used_at: Date | null;
      revoked_at: Date | null;
    };
  }
}
