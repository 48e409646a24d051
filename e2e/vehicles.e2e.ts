import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  hasBrowser,
  openBrowser,
  screenshot,
  startPlatform,
  type Browser,
  type Platform,
} from './support.ts';

/**
 * Official vehicles in a real browser, the whole flow: a staff member requests a trip, the unit leader
 * approves it, the dispatcher finds it on the desk and assigns the demo driver by hand, runs automated
 * dispatch for the day and accepts part of the proposal; the driver, on a phone-sized page, accepts,
 * starts and finishes the trip with odometer readings; the passenger confirms and rates it.
 */
async function signIn(page: Page, url: string, username: string) {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-greeting').waitFor();
}

async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('user-menu-logout').click();
  await page.getByTestId('login-username').waitFor();
}

async function token(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function get<T>(url: string, bearer: string): Promise<T> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${bearer}` } });
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
}

/** an instant as the Shanghai wall clock: [YYYY-MM-DD, HH:mm] */
function shanghai(at: Date): [string, string] {
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

describe.skipIf(!hasBrowser)('official vehicles in the browser', () => {
  let platform: Platform;
  let browser: Browser;
  beforeAll(async () => {
    platform = await startPlatform();
    browser = await openBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('request → approval → desk (manual and automated) → driver → confirmation', async () => {
    const { page } = browser;
    const url = platform.url;
    // tomorrow (Shanghai) at 10:37: the demo's open requests are for that day too
    const [day] = shanghai(new Date(Date.now() + 86_400_000));
    const departs = `${day} 10:37`;
    const returns = `${day} 12:07`;
    const purpose = `E2E 赴区政府调研 ${String(Date.now()).slice(-5)}`;

    // 1. the staff member asks for a car
    await signIn(page, url, 'staff');
    await page.goto(`${url}/vehicles/requests`);
    await page.getByTestId('veh-new-request').click();
    await page.getByTestId('veh-origin').click();
    await page.keyboard.press('Enter');
    await page.getByTestId('veh-destinations').click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.getByTestId('veh-departs').click();
    await page.getByTestId('veh-departs').fill(departs);
    await page.keyboard.press('Enter');
    await page.locator('.ant-modal-title').click(); // closes the picker
    await page.getByTestId('veh-returns').click();
    await page.getByTestId('veh-returns').fill(returns);
    await page.keyboard.press('Enter');
    await page.locator('.ant-modal-title').click();
    await page.getByTestId('veh-purpose').fill(purpose);
    await screenshot(page, 'vehicles-1-request');
    await page.getByTestId('veh-request-submit').click();
    // the demo's requests depart at other minutes: 10:37 is ours
    const ours = page
      .getByTestId('veh-my-requests')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: '10:37' });
    await expect.poll(() => ours.getByTestId('veh-request-status').textContent()).toBe('审批中');
    const no = (await ours.locator('td').first().textContent())!;
    expect(no).toMatch(/^YC\d+/);
    await screenshot(page, 'vehicles-2-submitted');
    await signOut(page);

    // 2. the unit leader approves
    await signIn(page, url, 'unit_admin');
    await page.getByTestId('menu-approvals-inbox').click();
    await page.locator('[data-testid="inbox-open"][data-title*="10:37"]').first().click();
    await page.getByTestId('matter-approve').click();
    await page.getByTestId('matter-opinion').fill('同意。');
    await page.getByTestId('matter-decide-confirm').click();
    await page.locator('[data-testid="matter-status"][data-status="approved"]').waitFor();
    await screenshot(page, 'vehicles-3-approved');
    await signOut(page);

    // 3. the dispatcher assigns the demo driver by hand, then plans the rest of the day
    const driverToken = await token(url, 'driver');
    const mine = await get<{ driver: { name: string } }>(`${url}/api/vehicles/my/trips`, driverToken);
    const dispatcherToken = await token(url, 'dispatcher');
    const timeline = await get<{ vehicles: { id: string; plate: string; status: string; seats: number }[] }>(
      `${url}/api/vehicles/desk/timeline?date=${day}`,
      dispatcherToken,
    );
    const car = timeline.vehicles.find((v) => v.status === 'available' && v.seats >= 5)!;
    await signIn(page, url, 'dispatcher');
    await page.goto(`${url}/vehicles/desk?date=${day}`);
    const row = page.getByTestId('veh-queue').locator('tbody tr.ant-table-row').filter({ hasText: no });
    await row.waitFor();
    await screenshot(page, 'vehicles-4-desk');
    await row.getByRole('button').click();
    const modal = page.locator('.ant-modal').filter({ hasText: no });
    await modal.locator('.ant-select').nth(0).click();
    await page.keyboard.type(car.plate);
    await page.keyboard.press('Enter');
    await modal.locator('.ant-select').nth(1).click();
    await page.keyboard.type(mine.driver.name);
    await page.keyboard.press('Enter');
    await screenshot(page, 'vehicles-5-assign');
    await modal.locator('.ant-btn-primary').click();
    await expect.poll(() => row.count()).toBe(0); // left the queue

    await page.getByTestId('veh-auto-plan').click();
    const proposal = page.getByTestId('veh-proposal');
    await proposal.waitFor({ timeout: 60_000 });
    await screenshot(page, 'vehicles-6-proposal');
    // accept only the first two routes
    const boxes = proposal.locator('tbody .ant-checkbox-input');
    const routes = await boxes.count();
    expect(routes).toBeGreaterThan(2);
    for (let k = 2; k < routes; k++) await boxes.nth(k).uncheck();
    await proposal.getByRole('button', { name: /采纳所选/ }).click();
    await proposal.waitFor({ state: 'detached' });
    await screenshot(page, 'vehicles-7-accepted');
    await signOut(page);

    // 4. the driver on a phone
    const phone = await openBrowser({ width: 390, height: 844 });
    const p2 = phone.page;
    await signIn(p2, url, 'driver');
    await p2.goto(`${url}/vehicles/driver`);
    const trip = p2
      .getByTestId('veh-driver-trip')
      .filter({ hasText: purpose.slice(0, 6) })
      .first();
    await trip.waitFor();
    await screenshot(p2, 'vehicles-8-driver');
    await trip.getByTestId('veh-accept').click();
    await trip.getByTestId('veh-start').waitFor();
    const odo = trip.getByTestId('veh-odometer');
    const start = Number((await odo.inputValue()) || '0') || 50_000;
    await odo.fill(String(start));
    await trip.getByTestId('veh-start').click();
    await trip.getByTestId('veh-arrive').click();
    await trip.getByTestId('veh-finish').waitFor();
    await trip.getByTestId('veh-odometer').fill(String(start + 23));
    await screenshot(p2, 'vehicles-9-finishing');
    await trip.getByTestId('veh-finish').click();
    await expect.poll(() => trip.getByTestId('veh-finish').count()).toBe(0);
    await screenshot(p2, 'vehicles-10-finished');
    await phone.close();

    // 5. the passenger confirms and rates
    await signIn(page, url, 'staff');
    await page.goto(`${url}/vehicles/requests`);
    const mineRow = page
      .getByTestId('veh-my-requests')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: no });
    await expect.poll(() => mineRow.getByTestId('veh-request-status').textContent()).toBe('已完成');
    await mineRow.getByTestId('veh-rate').locator('.ant-rate-star').nth(4).click();
    await expect.poll(() => mineRow.locator('.ant-rate-disabled').count()).toBe(1);
    await screenshot(page, 'vehicles-11-rated');
  }, 300_000);
});
