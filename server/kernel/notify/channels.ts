import crypto from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import type { ChannelName } from './tables.ts';

/** One notification as it leaves the platform. */
export interface OutboundMessage {
  title: string;
  titleEn: string;
  body: string | null;
  /** absolute URL of the in-app link, when the notification has one */
  url: string | null;
  recipient: { displayName: string; mobile: string | null; email: string | null };
}

/** A way out: `sent`, `skipped` (nothing to send to, e.g. no e-mail address), or it throws to retry. */
export interface Channel {
  name: ChannelName;
  send(message: OutboundMessage): Promise<'sent' | 'skipped'>;
}

const MOBILE = /^1[3-9]\d{9}$/;

/** Plain text: title (Chinese, then English), body, link — what a chat robot or a mail shows. */
export function plainText(m: OutboundMessage): string {
  return [
    `【${m.title}】`,
    m.titleEn !== m.title ? m.titleEn : null,
    m.body,
    m.url ? `${m.url}` : null,
    `— ${m.recipient.displayName}`,
  ]
    .filter((line): line is string => Boolean(line))
    .join('\n');
}

/** A mobile number a robot can @-mention (mainland format; spaces and dashes ignored), else null. */
export function mentionableMobile(phone: string | null): string | null {
  const digits = phone?.replace(/[\s-]/g, '').replace(/^\+?86/, '') ?? '';
  return MOBILE.test(digits) ? digits : null;
}

async function postRobot(url: string, payload: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`robot answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  // both robots answer 200 with { errcode, errmsg }; errcode 0 is success
  let answer: { errcode?: unknown; errmsg?: unknown } = {};
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    throw new Error(`robot answered something that is not JSON: ${text.slice(0, 200)}`);
  }
  if (answer.errcode !== 0)
    throw new Error(`robot refused: ${String(answer.errcode)} ${String(answer.errmsg)}`);
}

/** A WeCom (企业微信) group robot: text message @-mentioning the recipient by mobile number. */
export function wecomRobot(webhook: string): Channel {
  return {
    name: 'wecom',
    async send(m) {
      const mobile = mentionableMobile(m.recipient.mobile);
      await postRobot(webhook, {
        msgtype: 'text',
        text: { content: plainText(m), ...(mobile ? { mentioned_mobile_list: [mobile] } : {}) },
      });
      return 'sent';
    },
  };
}

/** The `timestamp` and `sign` query parameters of a DingTalk robot with signing enabled. */
export function dingtalkSignature(secret: string, timestamp: number): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** A DingTalk (钉钉) group robot: text message @-mentioning the recipient; signed when a secret is set. */
export function dingtalkRobot(webhook: string, secret: string | undefined, now = () => Date.now()): Channel {
  return {
    name: 'dingtalk',
    async send(m) {
      let url = webhook;
      if (secret) {
        const timestamp = now();
        const sign = encodeURIComponent(dingtalkSignature(secret, timestamp));
        url += `${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${sign}`;
      }
      const mobile = mentionableMobile(m.recipient.mobile);
      await postRobot(url, {
        msgtype: 'text',
        text: { content: plainText(m) },
        at: { atMobiles: mobile ? [mobile] : [], isAtAll: false },
      });
      return 'sent';
    },
  };
}

/** Mail through an SMTP server (`smtp://user:pass@host:587`, `smtps://…`) to the person's address. */
export function smtpMail(smtpUrl: string, from: string): Channel {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    name: 'mail',
    async send(m) {
      if (!m.recipient.email) return 'skipped';
      await transport.sendMail({
        from,
        to: { name: m.recipient.displayName, address: m.recipient.email },
        subject: m.title,
        text: plainText(m),
      });
      return 'sent';
    },
  };
}

/** The channels the configuration turns on, in a fixed order. */
export function configuredChannels(config: Config): Channel[] {
  const n = config.notify;
  const out: Channel[] = [];
  if (n.wecomWebhook) out.push(wecomRobot(n.wecomWebhook));
  if (n.dingtalkWebhook) out.push(dingtalkRobot(n.dingtalkWebhook, n.dingtalkSecret));
  if (n.smtpUrl) out.push(smtpMail(n.smtpUrl, n.mailFrom));
  return out;
}
