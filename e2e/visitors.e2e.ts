import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * The visitors flow in a real browser: a visitor registers through the host's public link (a wrong
 * ID check digit is refused first), the host approves, the pass page shows the QR code, and the gate
 * guard finds the pass on a phone, records the checks and checks the visitor in; the code cannot be
 * used again.
 */
const PHONE = { width: 390, height: 844 };
const LINK = 'demo-staff-visit-link-0001';

async function apiAs(url: string, username: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  const { token } = (await res.json()) as { token: string };
  return (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });
}

describe.skipIf(!hasBrowser)('visitors flow in the browser', () => {
  let platform: Platform;
  let desk: Browser;
  let phone: Browser;

  beforeAll(async () => {
    platform = await startPlatform();
    desk = await openBrowser();
    phone = await openBrowser(PHONE);
  }, 240_000);
  afterAll(async () => {
    await desk?.close();
    await phone?.close();
    await platform?.stop();
  });

  it('a visitor registers through the link, the host approves, the guard checks them in', async () => {
    const visitor = phone.page;
    const name = `柳${String(Date.now()).slice(-2)}青`;
    await visitor.goto(`${platform.url}/visit/${LINK}`);
    await visitor.getByTestId('visit-host').waitFor();
    await visitor.getByTestId('visit-name').fill(name);
    await visitor.getByTestId('visit-id').fill('110105194912310021');
    await visitor.getByTestId('visit-mobile').fill('13812345678');
    await visitor.getByTestId('visit-company').fill('常州日报社');
    await visitor.getByTestId('visit-purpose').fill('采访');
    await visitor.getByTestId('visit-plate').fill('苏DD12345');
    await visitor.getByTestId('visit-submit').click();
    await visitor.getByText('身份证号码校验位错误').first().waitFor();
    await screenshot(visitor, 'visitors-01-public-form-bad-id');
    await visitor.getByTestId('visit-id').fill('11010519491231002X');
    await visitor.getByTestId('visit-submit').click();
    await visitor.getByTestId('pass-pending').waitFor();
    const passUrl = visitor.url();
    expect(passUrl).toMatch(/\/visit-pass\/[\w-]{20,}$/);
    await screenshot(visitor, 'visitors-02-pass-pending');

    const host = desk.page;
    await signIn(host, platform.url, 'staff');
    await host.goto(`${platform.url}/visitors/visits`);
    const row = host.getByTestId('visit-row').filter({ hasText: name });
    await row.getByTestId('visit-approve').click();
    await row.getByTestId('visit-status').filter({ hasText: '已同意' }).waitFor();
    await screenshot(host, 'visitors-03-host-approved');

    await visitor.goto(passUrl);
    const code = (await visitor.getByTestId('pass-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^\d{8}$/);
    await screenshot(visitor, 'visitors-04-pass-qr');

    // the guard on a phone (the visitor's browser signs in as the guard)
    const guard = visitor;
    await signIn(guard, platform.url, 'gate_guard');
    await guard.goto(`${platform.url}/visitors/gate`);
    await guard.getByTestId('gate-visit').first().waitFor();
    await screenshot(guard, 'visitors-05-gate-today');
    await guard.getByTestId('gate-find').locator('input').fill(code);
    await guard.getByTestId('gate-find').locator('input').press('Enter');
    const card = guard.getByTestId('gate-visit').filter({ hasText: name });
    await card.waitFor();
    await card
      .locator('input[data-testid="gate-check-temperature"], [data-testid="gate-check-temperature"] input')
      .first()
      .fill('36.5');
    await card.getByTestId('gate-check-health_code').getByText('绿码').click();
    await screenshot(guard, 'visitors-06-gate-checks');
    await card.getByTestId('gate-check-in').click();
    await card.getByTestId('visit-status').filter({ hasText: '已签入' }).waitFor();
    await screenshot(guard, 'visitors-07-gate-checked-in');
    // a walk-in arrives now: the one time the guard enters is when they are expected to leave
    await guard.getByTestId('gate-walk-in').click();
    const walkIn = guard.locator('.ant-modal').filter({ hasText: '临时访客登记' });
    await walkIn.getByText('预计离开时间').waitFor();
    expect(await walkIn.getByText('来访时间', { exact: true }).count()).toBe(0);
    await screenshot(guard, 'visitors-07b-walk-in-form');
    await walkIn.locator('.ant-modal-close').click();

    // the same code again: refused, nothing changes
    const api = await apiAs(platform.url, 'gate_guard');
    const again = await api('/api/visitors/gate/check-in', {
      method: 'POST',
      body: JSON.stringify({ code, checks: { temperature: 36.5, health_code: 'green' } }),
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('pass_used');
    await visitor.goto(passUrl);
    await visitor.getByTestId('pass-used').waitFor();
    // a visitor without Chinese switches the public page to English (no sign-in, no user menu)
    await visitor.getByTestId('pass-language').getByText('English').click();
    await visitor.getByText('Visitor pass').first().waitFor();
    await screenshot(visitor, 'visitors-07b-pass-used-en');
    await visitor.getByTestId('pass-language').getByText('中文').click();
    await visitor.getByText('访客通行证').first().waitFor();

    await guard.goto(`${platform.url}/visitors/blacklist`);
    await guard.getByText('滋事人员').waitFor();
    await screenshot(guard, 'visitors-08-blacklist-phone');
    // the host's list on a phone, in English (the longer labels): the status filters scroll in
    // their strip and the page stays phone-wide (it was 478 px)
    await signIn(guard, platform.url, 'staff');
    await guard.evaluate(() => localStorage.setItem('goa.locale', 'en'));
    await guard.goto(`${platform.url}/visitors/visits`);
    await guard.getByText('Checked out').first().waitFor();
    await guard.getByTestId('visit-row').filter({ hasText: name }).waitFor();
    expect(await guard.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(guard, 'visitors-10-host-list-phone');
    await host.goto(`${platform.url}/visit`);
    await host.getByTestId('visit-site').waitFor();
    await screenshot(host, 'visitors-09-general-visit-page');
  });
});
