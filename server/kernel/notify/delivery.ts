import type { Db, Tx } from '../db/schema.ts';
import { enqueue, registerJob } from '../jobs/index.ts';
import type { Channel, OutboundMessage } from './channels.ts';

/**
 * Delivery of notifications beyond the app. The notify component's register() sets the channels this
 * process's configuration turns on; notify() then queues one delivery row per channel and one job in
 * the transaction of the change, so chat and mail go out exactly when the change commits — and are
 * retried with back-off when a robot or the mail server is down.
 */
export const DELIVER_JOB = 'notify.deliver';

let channels: readonly Channel[] = [];
let baseUrl = '';
/** where a failed delivery is told (the app's logger): a robot or mail server that is down or refuses */
let logger: { warn(msg: string): void } = { warn: () => undefined };

export function useChannels(
  list: readonly Channel[],
  publicUrl: string,
  log?: { warn(msg: string): void },
): void {
  channels = list;
  baseUrl = publicUrl;
  if (log) logger = log;
  registerJob<{ ids: string[] }>(DELIVER_JOB, (job) =>
    deliver(job.db, job.payload.ids, job.job.attempt >= job.job.maxAttempts),
  );
}

/** Queues the deliveries of freshly inserted notifications (nothing when no channel is on). */
export async function queueDeliveries(tx: Tx, notificationIds: readonly string[]): Promise<void> {
  if (channels.length === 0 || notificationIds.length === 0) return;
  await tx
    .insertInto('notification_delivery')
    .values(notificationIds.flatMap((id) => channels.map((c) => ({ notification_id: id, channel: c.name }))))
    .execute();
  await enqueue(tx, DELIVER_JOB, { ids: notificationIds });
}

/**
 * Sends the pending deliveries of these notifications. A failure is recorded on its row and, unless this
 * is the last attempt, thrown so the job runs again later (rows already sent are not sent twice).
 */
export async function deliver(db: Db, ids: readonly string[], lastAttempt: boolean): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db
    .selectFrom('notification_delivery as d')
    .innerJoin('notification as n', 'n.id', 'd.notification_id')
    .innerJoin('auth_account as a', 'a.id', 'n.account_id')
    .leftJoin('org_person as p', 'p.id', 'a.person_id')
    .where('d.notification_id', 'in', [...ids])
    .where('d.status', '=', 'pending')
    .select([
      'd.id',
      'd.channel',
      'n.title_zh',
      'n.title_en',
      'n.body',
      'n.link',
      'a.display_name',
      'p.phone',
      'p.email',
    ])
    .orderBy('d.created_at')
    .execute();
  const failures: string[] = [];
  for (const r of rows) {
    const channel = channels.find((c) => c.name === r.channel);
    const message: OutboundMessage = {
      title: r.title_zh,
      titleEn: r.title_en,
      body: r.body,
      url: r.link ? `${baseUrl}${r.link}` : null,
      recipient: { displayName: r.display_name, mobile: r.phone, email: r.email },
    };
    try {
      if (!channel) throw new Error(`the ${r.channel} channel is no longer configured`);
      const status = await channel.send(message);
      await db
        .updateTable('notification_delivery')
        .set((eb) => ({ status, sent_at: new Date(), attempts: eb('attempts', '+', 1), last_error: null }))
        .where('id', '=', r.id)
        .execute();
    } catch (e) {
      const reason = failureText(e).slice(0, 500);
      failures.push(`${r.channel}: ${reason}`);
      await db
        .updateTable('notification_delivery')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          last_error: reason,
          ...(lastAttempt || !channel ? { status: 'failed' as const } : {}),
        }))
        .where('id', '=', r.id)
        .execute();
    }
  }
  if (failures.length === 0) return;
  // one line an operator can act on (a wrong webhook key, an unreachable mail server), not only a job row
  logger.warn(
    `notification delivery failed${lastAttempt ? ' for good (last attempt)' : ', retried with back-off'}: ${failures.join('; ')}`,
  );
  if (!lastAttempt) throw new Error(`notification delivery failed: ${failures.join('; ')}`);
}

/** why a send failed, with the network's own reason: fetch says only "fetch failed", its cause why */
function failureText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  return e.cause instanceof Error ? `${e.message} (${e.cause.message})` : e.message;
}
