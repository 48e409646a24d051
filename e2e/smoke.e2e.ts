import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  hasBrowser,
  openBrowser,
  screenshot,
  signIn,
  startPlatform,
  type Browser,
  type Platform,
} from './support.ts';

/**
 * Smoke test over every page of the web app: `admin` (city scope) opens every menu entry the app
 * declares — read from the same `NAV` the side menu is built from, so a new page is covered without
 * editing this file — in Chinese and then in English, and the phone pages at 390×844. A page fails on an
 * uncaught error, a console error, a failed API call, a raw message key or `undefined`/`NaN`/
 * `[object Object]` in its text, or an empty main area. Screenshots land in e2e/screens/smoke-*.png.
 */

type Locale = 'zh-CN' | 'en';
interface NavItem {
  path?: string;
  children?: NavItem[];
}
interface Dictionary {
  name: string;
  'zh-CN': Record<string, string>;
  en: Record<string, string>;
}

// The web sources are loaded at run time (vitest transforms them) rather than imported statically: the
// server's tsconfig, which type-checks this file, does not include the web app.
async function webSource<T>(file: string): Promise<T> {
  return (await import(path.resolve('web/src/app', file))) as T;
}

/** Pages without a menu entry that open without a parameter (the rest of each module's <Routes>). */
const EXTRA_ROUTES = [
  '/accounts/tokens',
  '/repairs/new',
  '/vehicles/supervision/sealing',
  '/vehicles/supervision/inspections',
];

/** Every path of the side menu, in menu order. */
function navPaths(items: readonly NavItem[]): string[] {
  return items.flatMap((i) => [...(i.path ? [i.path] : []), ...navPaths(i.children ?? [])]);
}

/** 4xx answers a page may receive by design (method + path pattern + status), each with its reason. */
const EXPECTED_4XX: { method: string; path: RegExp; status: number; why: string }[] = [
  // the login page asks whether a session exists before anyone has signed in
  { method: 'GET', path: /^\/api\/auth\/me$/, status: 401, why: 'signed out on the login page' },
];

/** Console errors let through, each with its reason. */
const EXTERNAL_CONSOLE: { text: RegExp; pages?: RegExp; why: string }[] = [
  // the map pages load OpenStreetMap tiles; the test machine has no internet access
  {
    text: /tile\.openstreetmap|net::ERR_(NAME_NOT_RESOLVED|INTERNET_DISCONNECTED|CONNECTION_REFUSED)/,
    why: 'map tiles',
  },
];

interface Problem {
  page: string;
  kind: string;
  detail: string;
}

/** Watches one browser page and attributes everything that goes wrong to the route being visited. */
function watch(page: Page, current: () => string, problems: Problem[]) {
  page.on('pageerror', (e) => problems.push({ page: current(), kind: 'pageerror', detail: e.message }));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // the browser's own line for every failed request; the response check below judges those
    if (msg.text().startsWith('Failed to load resource')) return;
    const text = `${msg.text()} ${msg.location().url}`;
    if (EXTERNAL_CONSOLE.some((c) => c.text.test(text) && (!c.pages || c.pages.test(current())))) return;
    problems.push({ page: current(), kind: 'console.error', detail: msg.text().slice(0, 400) });
  });
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (!url.pathname.startsWith('/api/')) return;
    const status = res.status();
    if (status < 400) return;
    const method = res.request().method();
    if (
      status < 500 &&
      EXPECTED_4XX.some((e) => e.method === method && e.status === status && e.path.test(url.pathname))
    )
      return;
    problems.push({
      page: current(),
      kind: `http ${status}`,
      detail: `${method} ${url.pathname}${url.search}`,
    });
  });
}

/** Waits until the page has settled: no spinner or skeleton in the main area, the network quiet. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle', { timeout: 8_000 }).catch(() => undefined);
  await page
    .waitForFunction(
      () => {
        const main = document.querySelector('.goa-content') ?? document.body;
        return !main.querySelector('.ant-spin-spinning, .ant-skeleton-active, .goa-page-loading');
      },
      undefined,
      { timeout: 15_000 },
    )
    .catch(() => undefined);
  // charts and tables paint on the next frames
  await page.waitForTimeout(300);
}

/** The checks on a settled page's text; returns the problems found. */
async function inspect(page: Page, route: string, rawKeys: ReadonlySet<string>): Promise<Problem[]> {
  const found = await page.evaluate(
    (keys: string[]) => {
      const keySet = new Set(keys);
      const out: { kind: string; detail: string }[] = [];
      const main = document.querySelector('.goa-content') ?? document.querySelector('#root');
      const texts: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (!parent || parent.closest('script, style, noscript')) continue;
        // the audit log prints each code in small print below its name, on purpose
        if (parent.closest('.goa-code')) continue;
        const t = (n.textContent ?? '').trim();
        if (t) texts.push(t);
      }
      // placeholders and titles count as text too
      for (const el of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
        for (const a of ['placeholder', 'title', 'aria-label']) {
          const v = el.getAttribute(a)?.trim();
          if (v) texts.push(v);
        }
      }
      for (const t of texts) {
        if (/\bundefined\b|\bNaN\b|\[object Object\]|\{\w+\}/.test(t))
          out.push({ kind: 'bad text', detail: t });
        else if (keySet.has(t)) out.push({ kind: 'raw i18n key', detail: t });
      }
      const mainText = (main as HTMLElement | null)?.innerText.trim() ?? '';
      const hasGraphics = !!main?.querySelector('canvas, svg, img, .leaflet-container');
      if (mainText.length < 5 && !hasGraphics)
        out.push({ kind: 'empty main', detail: JSON.stringify(mainText) });
      return out;
    },
    [...rawKeys],
  );
  return found.map((f) => ({ page: route, ...f }));
}

function slug(route: string): string {
  return route.replace(/^\//, '').replace(/[/:]/g, '-') || 'home';
}

async function useLocale(page: Page, url: string, locale: Locale) {
  // the app keeps the language in localStorage under goa.locale (web/src/app/i18n.ts)
  await page.goto(`${url}/`);
  await page.evaluate((l) => localStorage.setItem('goa.locale', l), locale);
}

/** One line per distinct problem (a warning logged on every render counts once). */
function report(problems: Problem[]): string {
  return [...new Set(problems.map((p) => `${p.page} [${p.kind}] ${p.detail}`))].join('\n');
}

describe.skipIf(!hasBrowser)('smoke: every page in both languages', () => {
  let platform: Platform;
  let routes: string[];
  let rawKeys: Set<string>;

  beforeAll(async () => {
    const [{ NAV }, { dictionaries }] = await Promise.all([
      webSource<{ NAV: readonly NavItem[] }>('nav.tsx'),
      webSource<{ dictionaries: readonly Dictionary[] }>('dictionaries.ts'),
    ]);
    routes = [...new Set([...navPaths(NAV), ...EXTRA_ROUTES])];
    // a message key shown as such: identifier-like keys (camelCase or dotted codes) that are not
    // themselves a message text somewhere (ISBN is both)
    const texts = new Set(
      dictionaries.flatMap((d) => [...Object.values(d['zh-CN']), ...Object.values(d.en)]),
    );
    rawKeys = new Set(
      dictionaries
        .flatMap((d) => Object.keys(d['zh-CN']))
        .filter((k) => /^[a-z][a-z0-9]*([A-Z][a-zA-Z0-9]*|(\.[a-z_]+)+)$/.test(k) && !texts.has(k)),
    );
    // no MQTT broker: it would take the fixed port 1883, which other running platforms may hold
    platform = await startPlatform({ GOA_MQTT: '0' });
  }, 240_000);
  afterAll(async () => {
    await platform?.stop();
  });

  it('covers the menu of every module', () => {
    expect(routes.length).toBeGreaterThan(40);
    for (const p of ['/mine', '/rooms', '/energy', '/vehicles/driver', '/visitors/gate', '/audit']) {
      expect(routes).toContain(p);
    }
  });

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`admin opens every page in ${locale}`, { timeout: 900_000 }, async () => {
      const browser: Browser = await openBrowser();
      const problems: Problem[] = [];
      let current = '(sign-in)';
      try {
        const { page } = browser;
        watch(page, () => current, problems);
        await signIn(page, platform.url, 'admin');
        await useLocale(page, platform.url, locale);
        for (const route of routes) {
          current = route;
          try {
            await page.goto(`${platform.url}${route}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
            await settle(page);
            problems.push(...(await inspect(page, route, rawKeys)));
            if (locale === 'en') problems.push(...(await chineseInEnglish(page, route)));
            await screenshot(page, `smoke-${locale}-${slug(route)}`);
          } catch (e) {
            problems.push({
              page: route,
              kind: 'failed to open',
              detail: (e as Error).message.split('\n')[0] ?? '',
            });
          }
        }
      } finally {
        await browser.close();
      }
      // when pages could not be opened, the server's last words say why
      const serverLog = problems.some((p) => p.kind === 'failed to open')
        ? platform.output().slice(-4000)
        : '';
      expect(report(problems) + serverLog).toBe('');
    });
  }

  it('phone pages work at 390×844 in both languages', { timeout: 300_000 }, async () => {
    const pages = [
      { user: 'staff', route: '/mine' },
      { user: 'driver', route: '/vehicles/driver' },
      { user: 'gate_guard', route: '/visitors/gate' },
    ];
    const problems: Problem[] = [];
    const browser = await openBrowser({ width: 390, height: 844 });
    let current = '(sign-in)';
    try {
      const { page } = browser;
      watch(page, () => current, problems);
      for (const { user, route } of pages) {
        current = `${route} as ${user}`;
        await signIn(page, platform.url, user);
        for (const locale of ['zh-CN', 'en'] as const) {
          await useLocale(page, platform.url, locale);
          await page.goto(`${platform.url}${route}`);
          await settle(page);
          problems.push(...(await inspect(page, current, rawKeys)));
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > 390) problems.push({ page: current, kind: 'too wide', detail: `${width}px` });
          await screenshot(page, `smoke-phone-${locale}-${slug(route)}`);
        }
      }
    } finally {
      await browser.close();
    }
    expect(report(problems)).toBe('');
  });
});

/**
 * In English, a visible label in Chinese is an untranslated one — except data (names of units, people,
 * rooms, canteens, which stay Chinese and show up in buttons and card titles). Only the page's fixed
 * furniture is checked: page titles, table column titles, form labels, tabs, figure titles and units,
 * and menu entries.
 */
async function chineseInEnglish(page: Page, route: string): Promise<Problem[]> {
  const found = await page.evaluate(() => {
    const sel = [
      '.goa-content .goa-page-header h4',
      '.goa-content .ant-table-thead th',
      '.goa-content .ant-form-item-label label',
      '.goa-content .ant-tabs-tab-btn',
      '.goa-content .ant-statistic-title',
      '.goa-content .ant-statistic-content-suffix',
      '.ant-layout-sider .ant-menu-title-content',
    ].join(',');
    const out: string[] = [];
    for (const el of document.querySelectorAll(sel)) {
      // data shown where labels usually are (a matrix whose headers are jurisdiction names) is marked
      // data-goa-data and is not a translation gap
      if (el.querySelector('[data-goa-data]')) continue;
      const t = (el as HTMLElement).innerText.trim();
      if (/[\u4e00-\u9fff]/.test(t)) out.push(t.slice(0, 80));
    }
    return [...new Set(out)];
  });
  return found.map((t) => ({ page: route, kind: 'Chinese in English', detail: t }));
}
