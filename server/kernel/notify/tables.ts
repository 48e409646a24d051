import type { Generated } from 'kysely';

export type ChannelName = 'wecom' | 'dingtalk' | 'mail';
export type DeliveryStatus = 'pending' | 'sent' | 'skipped' | 'failed';

declare module '../db/schema.ts' {
  interface Tables {
    notification: {
      id: Generated<string>;
      account_id: string;
      kind: string;
      title_zh: string;
      title_en: string;
      body: string | null;
      link: string | null;
      created_at: Generated<Date>;
      read_at: Date | null;
      seq: Generated<number>;
    };
    notification_delivery: {
      id: Generated<string>;
      notification_id: string;
      channel: ChannelName;
      status: Generated<DeliveryStatus>;
      attempts: Generated<number>;
      last_error: string | null;
      sent_at: Date | null;
      created_at: Generated<Date>;
    };
  }
}
