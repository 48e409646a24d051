import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../db/tx.ts';
import { login } from '../auth/service.ts';
import { buildAccount } from '../testing/factories.ts';
import { countRows, createTestApp, dbKinds, TestClient, type TestApp } from '../testing/harness.ts';
import { notify } from './service.ts';

describe.each(dbKinds)('notifications on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  async function member() {
    const acc = await buildAccount(t.ctx.db, { grants: [{ role: 'staff', scope: 'self' }] });
    const session = await login(
      t.ctx.db,
      { sessionHours: 1, maxFailures: 5, lockMinutes: 1 },
      { username: acc.username, password: acc.password, kind: 'bearer', ip: null, userAgent: null },
    );
    return { id: acc.id, client: new TestClient(t.app, session.token) };
  }

  const send = (ids: string[], n: number) =>
    inTransaction(t.ctx.db, (tx) =>
      notify(tx, ids, {
        kind: 'approvals.task',
        title: { 'zh-CN': `待审批：第${n}件`, en: `To approve: item ${n}` },
        body: `事项 ${n}`,
        link: `/approvals/matters/${n}`,
      }),
    );

  it('lists my notifications newest first, in my language, and counts the unread', async () => {
    const a = await member();
    const b = await member();
    await send([a.id, b.id, a.id], 1); // a repeated recipient gets one notification
    await send([a.id], 2);
    const list = await a.client.get('/api/notifications');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(list.body.items.map((n: { title: string }) => n.title)).toEqual([
      '待审批：第2件',
      '待审批：第1件',
    ]);
    expect(list.body.items[0]).toMatchObject({ kind: 'approvals.task', body: '事项 2', readAt: null });
    const en = await new TestClient(t.app, a.client.token, 'en').get('/api/notifications?pageSize=1');
    expect(en.body).toMatchObject({ total: 2, items: [{ title: 'To approve: item 2' }] });
    expect((await a.client.get('/api/notifications/unread-count')).body).toEqual({ count: 2 });
    expect((await b.client.get('/api/notifications/unread-count')).body).toEqual({ count: 1 });
  });

  it('marks one read (idempotently, audited), then all; unread=true shows only the unread', async () => {
    const a = await member();
    await send([a.id], 1);
    await send([a.id], 2);
    const [newest] = (await a.client.get('/api/notifications')).body.items;
    expect((await a.client.post(`/api/notifications/${newest.id}/read`)).status).toBe(204);
    expect((await a.client.post(`/api/notifications/${newest.id}/read`)).status).toBe(204);
    const reads = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'notify.notification')
      .where('entity_id', '=', newest.id)
      .execute();
    expect(reads.map((r) => r.action)).toEqual(['read']);
    const unread = await a.client.get('/api/notifications?unread=true');
    expect(unread.body.items.map((n: { title: string }) => n.title)).toEqual(['待审批：第1件']);
    expect((await a.client.get('/api/notifications/unread-count')).body.count).toBe(1);
    expect((await a.client.post('/api/notifications/read-all')).body).toEqual({ marked: 1 });
    expect((await a.client.post('/api/notifications/read-all')).body).toEqual({ marked: 0 });
    expect((await a.client.get('/api/notifications/unread-count')).body.count).toBe(0);
    const all = await a.client.get('/api/notifications');
    expect(all.body.items.every((n: { readAt: string | null }) => n.readAt !== null)).toBe(true);
  });

  it("refuses someone else's notification (403), unknown ids (404), bad ids (400), strangers (401)", async () => {
    const a = await member();
    const b = await member();
    await send([a.id], 1);
    const [mine] = (await a.client.get('/api/notifications')).body.items;
    const before = await countRows(t.ctx, ['notification', 'audit_log']);
    const theirs = await b.client.post(`/api/notifications/${mine.id}/read`);
    expect(theirs.status).toBe(403);
    expect(theirs.body.error.code).toBe('out_of_scope');
    expect((await b.client.post(`/api/notifications/${crypto.randomUUID()}/read`)).status).toBe(404);
    expect((await b.client.post('/api/notifications/nope/read')).status).toBe(400);
    expect((await b.client.get('/api/notifications?unread=maybe')).status).toBe(400);
    expect((await new TestClient(t.app).get('/api/notifications')).status).toBe(401);
    expect(await countRows(t.ctx, ['notification', 'audit_log'])).toEqual(before);
    expect((await a.client.get('/api/notifications/unread-count')).body.count).toBe(1);
  });

  it('commits notifications with the change that sends them, and never without it', async () => {
    const a = await member();
    await expect(
      inTransaction(t.ctx.db, async (tx) => {
        await notify(tx, [a.id], { kind: 'test.kind', title: { 'zh-CN': '标题', en: 'Title' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await a.client.get('/api/notifications/unread-count')).body.count).toBe(0);
  });
});
