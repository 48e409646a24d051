import { sql } from 'kysely';
import type { Db, Tx } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { audit } from '../audit/audit.ts';
import { errors, type Locale, type Messages } from '../errors.ts';
import type { Actor } from '../http/access.ts';
import type { PageQuery } from '../http/paging.ts';
import { queueDeliveries } from './delivery.ts';
import './tables.ts';

export interface NotificationInput {
  /** dotted kind, e.g. `approvals.task` */
  kind: string;
  title: Messages;
  /** free text shown under the title (user content such as a matter's title or an opinion) */
  body?: string | null;
  /** an in-app path, e.g. `/approvals/…` */
  link?: string | null;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Sends one in-app notification to each account. It takes the transaction of the change it reports,
 * so a notification exists exactly when that change commits. Configured chat robots and mail get it
 * through a job queued in the same transaction (delivery.ts).
 */
export async function notify(tx: Tx, accountIds: readonly string[], input: NotificationInput): Promise<void> {
  const recipients = [...new Set(accountIds)];
  if (recipients.length === 0) return;
  const rows = await tx
    .insertInto('notification')
    .values(
      recipients.map((accountId) => ({
        account_id: accountId,
        kind: input.kind,
        title_zh: clip(input.title['zh-CN'], 200),
        title_en: clip(input.title.en, 200),
        body: input.body ? clip(input.body, 2000) : null,
        link: input.link ?? null,
      })),
    )
    .returning('id')
    .execute();
  await queueDeliveries(
    tx,
    rows.map((r) => r.id),
  );
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export async function listNotifications(
  db: Db,
  accountId: string,
  query: PageQuery & { unread?: boolean | undefined },
  locale: Locale,
) {
  let base = db.selectFrom('notification').where('account_id', '=', accountId);
  if (query.unread) base = base.where('read_at', 'is', null);
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const items: NotificationView[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: locale === 'en' ? r.title_en : r.title_zh,
    body: r.body,
    link: r.link,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at ? r.read_at.toISOString() : null,
  }));
  return { items, total: total.n, page: query.page, pageSize: query.pageSize };
}

export async function unreadCount(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Marks one of the caller's notifications read (unknown → 404, someone else's → 403). */
export async function markRead(db: Db, accountId: string, id: string, actor: Actor): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await tx
      .selectFrom('notification')
      .select(['account_id', 'read_at'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw errors.notFound('notification', id);
    if (row.account_id !== accountId) throw errors.outOfScope();
    if (row.read_at) return;
    await tx
      .updateTable('notification')
      .set({ read_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, { entity: 'notify.notification', entityId: id, action: 'read' });
  });
}

/** Marks all of the caller's unread notifications read; answers how many were marked. */
export async function markAllRead(db: Db, accountId: string, actor: Actor): Promise<number> {
  return inTransaction(db, async (tx) => {
    const rows = await tx
      .updateTable('notification')
      .set({ read_at: sql`now()` })
      .where('account_id', '=', accountId)
      .where('read_at', 'is', null)
      .returning('id')
      .execute();
    if (rows.length > 0) {
      await audit(tx, actor, {
        entity: 'notify.notification',
        entityId: null,
        action: 'read_all',
        after: { count: rows.length },
      });
    }
    return rows.length;
  });
}
