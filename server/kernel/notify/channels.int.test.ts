import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inTransaction } from '../db/tx.ts';
import { JobRunner } from '../jobs/index.ts';
import { buildAccount, buildPerson } from '../testing/factories.ts';
import { createTestApp, dbKinds, type TestApp } from '../testing/harness.ts';
import { notify } from './service.ts';

/** A chat robot endpoint that records what it gets and answers like WeCom/DingTalk (or refuses). */
function robotServer() {
  const received: { url: string; body: Record<string, unknown> }[] = [];
  let refuseNext = 0;
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (refuseNext > 0) {
        refuseNext--;
        res.end(JSON.stringify({ errcode: 45009, errmsg: 'api freq out of limit' }));
        return;
      }
      received.push({ url: req.url ?? '', body: JSON.parse(data) as Record<string, unknown> });
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  return {
    received,
    refuse: (n: number) => (refuseNext = n),
    start: () =>
      new Promise<number>((r) =>
        server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)),
      ),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function mailServer() {
  const mails: { to: string[]; mail: ParsedMail }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      simpleParser(stream)
        .then((mail) => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          done();
        })
        .catch(done);
    },
  });
  return {
    mails,
    start: () =>
      new Promise<number>((r) =>
        server.listen(0, '127.0.0.1', () => r((server.server.address() as AddressInfo).port)),
      ),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.each(dbKinds)('notifications by chat robot and mail on %s', (kind) => {
  const wecom = robotServer();
  const dingtalk = robotServer();
  const smtp = mailServer();
  const SECRET = 'SEC0123456789abcdef';
  let t: TestApp;
  let runner: JobRunner;

  beforeAll(async () => {
    const [w, d, m] = await Promise.all([wecom.start(), dingtalk.start(), smtp.start()]);
    t = await createTestApp(kind, {
      GOA_PUBLIC_URL: 'https://goa.example.gov.cn/',
      GOA_NOTIFY_WECOM_WEBHOOK: `http://127.0.0.1:${w}/cgi-bin/webhook/send?key=k1`,
      GOA_NOTIFY_DINGTALK_WEBHOOK: `http://127.0.0.1:${d}/robot/send?access_token=t1`,
      GOA_NOTIFY_DINGTALK_SECRET: SECRET,
      SMTP_URL: `smtp://127.0.0.1:${m}`,
      GOA_MAIL_FROM: '机关事务平台 <noreply@goa.example.gov.cn>',
    });
    runner = new JobRunner(t.ctx.db, { pollMs: 50, timeZone: 'Asia/Shanghai' });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([wecom.stop(), dingtalk.stop(), smtp.stop()]);
  });

  async function recipient(email: string | null) {
    const person = await buildPerson(t.ctx.db, { name: '周文' });
    await t.ctx.db
      .updateTable('org_person')
      .set({ phone: '138 1234 5678', email })
      .where('id', '=', person.id)
      .execute();
    return buildAccount(t.ctx.db, { personId: person.id, grants: [{ role: 'staff', scope: 'self' }] });
  }

  const send = (accountId: string, n: number) =>
    inTransaction(t.ctx.db, (tx) =>
      notify(tx, [accountId], {
        kind: 'approvals.task',
        title: { 'zh-CN': `待审批：用车申请${n}`, en: `To approve: trip request ${n}` },
        body: '市行政中心 → 奔牛机场',
        link: `/approvals/${n}`,
      }),
    );

  const deliveries = (accountId: string) =>
    t.ctx.db
      .selectFrom('notification_delivery as d')
      .innerJoin('notification as n', 'n.id', 'd.notification_id')
      .where('n.account_id', '=', accountId)
      .select(['d.channel', 'd.status', 'd.attempts', 'd.last_error'])
      .orderBy('d.channel')
      .execute();

  it('sends each notification to both robots, @-mentioning the mobile, and mails the person', async () => {
    const acc = await recipient('zhou.wen@example.gov.cn');
    await send(acc.id, 1);
    expect((await deliveries(acc.id)).map((d) => d.status)).toEqual(['pending', 'pending', 'pending']);
    await runner.drain();

    const w = wecom.received.at(-1)!;
    expect(w.url).toBe('/cgi-bin/webhook/send?key=k1');
    expect(w.body).toMatchObject({
      msgtype: 'text',
      text: { mentioned_mobile_list: ['13812345678'] },
    });
    const text = (w.body.text as { content: string }).content;
    expect(text).toContain('【待审批：用车申请1】');
    expect(text).toContain('https://goa.example.gov.cn/approvals/1');

    const d = dingtalk.received.at(-1)!;
    const url = new URL(d.url, 'http://x');
    const timestamp = url.searchParams.get('timestamp')!;
    const expected = crypto.createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
    expect(url.searchParams.get('access_token')).toBe('t1');
    expect(url.searchParams.get('sign')).toBe(expected);
    expect(d.body).toMatchObject({ msgtype: 'text', at: { atMobiles: ['13812345678'] } });

    const mail = smtp.mails.at(-1)!;
    expect(mail.to).toEqual(['zhou.wen@example.gov.cn']);
    expect(mail.mail.subject).toBe('待审批：用车申请1');
    expect(mail.mail.from?.text).toContain('noreply@goa.example.gov.cn');
    expect(mail.mail.text).toContain('https://goa.example.gov.cn/approvals/1');
    expect((await deliveries(acc.id)).map((x) => [x.channel, x.status])).toEqual([
      ['dingtalk', 'sent'],
      ['mail', 'sent'],
      ['wecom', 'sent'],
    ]);
  });

  it('retries only the channel that failed, and skips mail for a person without an address', async () => {
    const acc = await recipient(null);
    const mailsBefore = smtp.mails.length;
    const dingBefore = dingtalk.received.length;
    const warned = vi.spyOn(t.app.log, 'warn');
    wecom.refuse(1);
    await send(acc.id, 2);
    await runner.drain();
    // the operator reads why in the log, naming the channel
    expect(warned).toHaveBeenCalledWith(
      expect.stringMatching(/^notification delivery failed, retried with back-off: wecom: .*45009/),
    );
    warned.mockRestore();
    const first = await deliveries(acc.id);
    expect(first.map((x) => [x.channel, x.status])).toEqual([
      ['dingtalk', 'sent'],
      ['mail', 'skipped'],
      ['wecom', 'pending'],
    ]);
    expect(first.find((x) => x.channel === 'wecom')?.last_error).toContain('45009');
    // the retry is due after its back-off; bring it forward
    await t.ctx.db
      .updateTable('job')
      .set({ run_at: new Date() })
      .where('name', '=', 'notify.deliver')
      .execute();
    await runner.drain();
    expect((await deliveries(acc.id)).map((x) => [x.channel, x.status, x.attempts])).toEqual([
      ['dingtalk', 'sent', 1],
      ['mail', 'skipped', 1],
      ['wecom', 'sent', 2],
    ]);
    expect(dingtalk.received.length).toBe(dingBefore + 1);
    expect(smtp.mails.length).toBe(mailsBefore);
  });

  it('sends nothing for a change that rolled back', async () => {
    const acc = await recipient('roll.back@example.gov.cn');
    await expect(
      inTransaction(t.ctx.db, async (tx) => {
        await notify(tx, [acc.id], { kind: 'approvals.task', title: { 'zh-CN': '撤回', en: 'Undone' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await runner.drain();
    expect(await deliveries(acc.id)).toEqual([]);
  });
});
