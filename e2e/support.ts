import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';

/** Browser tests drive Debian's Chromium; under CI=true its absence fails the run instead of skipping. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasBrowser = fs.existsSync(CHROMIUM);
if (!hasBrowser && process.env.CI) throw new Error(`CI=true: ${CHROMIUM} is required for the browser tests`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface Platform {
  url: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `goa serve` as a user would, on a fresh embedded database with the demo city. */
export async function startPlatform(env: Record<string, string> = {}): Promise<Platform> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-e2e-'));
  const port = await freePort();
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['bin/goa.mjs', 'serve'], {
    env: {
      ...process.env,
      GOA_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      GOA_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`goa serve exited (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) throw new Error(`goa serve did not come up:\n${out}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    output: () => out,
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openBrowser(viewport = { width: 1440, height: 900 }): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    locale: 'zh-CN',
    acceptDownloads: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Screenshots of the flows land in e2e/screens (ignored by git) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.resolve('e2e/screens');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/**
 * How long a sign-in or sign-out may wait for the server's answer and the page after it. On a loaded
 * machine (CI, 2 cores shared with other runs) one answer of the embedded database has taken longer than
 * Playwright's default 30 s; the waits below end as soon as the awaited event happens, this only bounds them.
 */
const SESSION_WAIT = { timeout: 150_000 };

/** the browser's POST to one of the session's API paths */
const post = (path: string) => (req: Request) =>
  req.method() === 'POST' && new URL(req.url()).pathname === path;

/** Signs in through the login page with the demo password and waits for the home page. */
export async function signIn(page: Page, url: string, username: string, password = 'demo'): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${url}/login`, SESSION_WAIT);
  await page.getByTestId('login-username').fill(username, SESSION_WAIT);
  await page.getByTestId('login-password').fill(password);
  const answered = page.waitForResponse((r) => post('/api/auth/login')(r.request()), SESSION_WAIT);
  await page.getByTestId('login-submit').click();
  const res = await answered;
  if (!res.ok()) throw new Error(`sign-in as ${username} answered ${res.status()}: ${await res.text()}`);
  await page.getByTestId('home-greeting').waitFor(SESSION_WAIT);
}

/**
 * Signs out through the user menu and waits for the real events, not a time: the logout request sent (if a
 * click on the menu item was lost while the dropdown was still opening, the menu is opened again), its
 * answer, the navigation to the login page and the login form on it.
 */
export async function signOut(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    // the request leaves the browser at the click, before any server work: 15 s without it is a lost click
    const sent = page.waitForRequest(post('/api/auth/logout'), { timeout: 15_000 }).catch(() => null);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-logout').click();
    const req = await sent;
    if (req) {
      await req.response();
      break;
    }
    if (attempt === 3 || new URL(page.url()).pathname === '/login') break;
  }
  await page.waitForURL((u) => u.pathname === '/login', SESSION_WAIT);
  await page.getByTestId('login-username').waitFor(SESSION_WAIT);
}

/** a same-origin JSON call with the session cookie and its CSRF token */
export async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ([m, p, b]) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(p as string, {
        method: m as string,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        ...(b === undefined ? {} : { body: JSON.stringify(b) }),
      });
      return res.json();
    },
    [method, path, body] as const,
  ) as Promise<T>;
}
