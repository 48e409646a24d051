import { afterAll, beforeAll, expect } from 'vitest';
import { openBrowser, startPlatform, type Browser, type Platform } from './support.ts';

/**
 * What the vehicles browser flows (vehicles, vehicles-command, vehicles-supervision) share: the demo
 * platform with one browser per viewport around a flow, signing out (the shared `signOut` of support.ts), API calls
 * with a demo account's bearer token, and Asia/Shanghai dates.
 */
export {
  hasBrowser,
  openBrowser,
  screenshot,
  signIn,
  signOut,
  type Browser,
  type Platform,
} from './support.ts';

/** the machine is shared: give the page time to answer */
export const WAIT = { timeout: 30_000 };
export const DESK = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

type Viewport = { width: number; height: number };
export type Flow<K extends string> = { platform: Platform } & Record<K, Browser>;

/**
 * Inside a describe: starts the platform on a fresh demo city and opens one browser per named viewport
 * before its tests, hands them to `use` (which keeps them in the describe's variables), and closes
 * everything after.
 */
export function demoPlatform<K extends string>(
  viewports: Record<K, Viewport>,
  use: (flow: Flow<K>) => void,
): void {
  const opened: Browser[] = [];
  let platform: Platform | undefined;
  beforeAll(async () => {
    platform = await startPlatform();
    const flow = { platform } as Flow<K>;
    for (const [name, viewport] of Object.entries(viewports) as [K, Viewport][]) {
      const b = await openBrowser(viewport);
      opened.push(b);
      (flow as Record<K, Browser>)[name] = b;
    }
    use(flow);
  }, 240_000);
  afterAll(async () => {
    for (const b of opened) await b.close();
    await platform?.stop();
  });
}

/** A bearer token of a demo account (password demo), for API calls beside the browser. */
export async function apiToken(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  return ((await res.json()) as { token: string }).token;
}

export async function apiGet<T>(url: string, bearer: string): Promise<T> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${bearer}` } });
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
}

/** an instant as the Shanghai wall clock: [YYYY-MM-DD, HH:mm] */
export function shanghai(at: Date): [string, string] {
  const s = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
  return [s.slice(0, 10), s.slice(11, 16)];
}

/** A local date (Asia/Shanghai) `days` days from now, as YYYY-MM-DD. */
export const localDate = (days: number): string => shanghai(new Date(Date.now() + days * 86_400_000))[0];
