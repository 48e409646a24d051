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
 * The canteen flow in a real browser: a staff member orders tomorrow's lunch on a phone, paid by
 * one-card; the canteen staff see it counted in the kitchen view.
 */

describe.skipIf(!hasBrowser)('canteen flow in the browser', () => {
  let platform: Platform;
  let phone: Browser;
  let desk: Browser;

  beforeAll(async () => {
    platform = await startPlatform();
    phone = await openBrowser({ width: 390, height: 844 });
    desk = await openBrowser();
  }, 240_000);
  afterAll(async () => {
    await phone?.close();
    await desk?.close();
    await platform?.stop();
  });

  it('a staff member orders a lunch on a phone and the kitchen view counts it', async () => {
    const { page } = phone;
    await signIn(page, platform.url, 'staff');
    await page.goto(`${platform.url}/canteen`);
    const menu = page.getByTestId('order-menu');
    const today = await menu.getAttribute('data-day');
    await page.getByTestId('order-day').getByText('明天').click();
    // the dishes on screen stay today's until tomorrow's menu has loaded
    await expect.poll(() => menu.getAttribute('data-day')).not.toBe(today);
    const firstDish = page.getByTestId('dish-card').first();
    await firstDish.waitFor();
    const dishName =
      (await firstDish.locator('.ant-typography strong, strong').first().textContent())?.trim() ?? '';
    expect(dishName).not.toBe('');
    await page.locator('[data-testid="dish-qty"] input, input[data-testid="dish-qty"]').first().fill('1');
    await page.getByTestId('order-slot').locator('.ant-radio-button-wrapper').first().click();
    await screenshot(page, 'canteen-01-order-phone');
    await page.getByTestId('order-submit').click();
    await page.getByText('已下单').waitFor();
    await page.getByTestId('my-order').first().getByText('已预订').waitFor();
    await screenshot(page, 'canteen-02-ordered-phone');

    const tomorrow = await page.evaluate(async () => {
      const r = await fetch('/api/canteen/mine');
      return ((await r.json()) as { orders: { day: string; status: string }[] }).orders.find(
        (o) => o.status === 'placed',
      )?.day;
    });
    expect(tomorrow).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const k = desk.page;
    await signIn(k, platform.url, 'canteen');
    await k.goto(`${platform.url}/canteen/kitchen?day=${tomorrow}`);
    // the kitchen's figures load after its canteens; under load the first paint can be of an empty day
    await expect
      .poll(
        async () => {
          if ((await k.getByTestId('kitchen-dishes').getByText(dishName).count()) > 0) return true;
          await k.reload();
          await k.getByTestId('kitchen-orders').waitFor();
          return (await k.getByTestId('kitchen-dishes').getByText(dishName).count()) > 0;
        },
        { timeout: 90_000, interval: 2_000 },
      )
      .toBe(true);
    await k.getByTestId('kitchen-orders').getByText('1', { exact: true }).waitFor();
    await screenshot(k, 'canteen-03-kitchen-tomorrow');
    await k.goto(`${platform.url}/canteen/kitchen`);
    await k.getByTestId('kitchen-orders').getByText('1,800').waitFor();
    await screenshot(k, 'canteen-04-kitchen-today');
  }, 180_000);

  it('shows my card and the card office, and the week of menus', async () => {
    const { page } = phone;
    await page.goto(`${platform.url}/cards`);
    await page.getByTestId('my-balance').waitFor();
    await screenshot(page, 'canteen-05-my-card-phone');

    const k = desk.page;
    await k.goto(`${platform.url}/canteen/menus`);
    await k.getByTestId('menu-edit').first().waitFor();
    await screenshot(k, 'canteen-06-menus');

    await k.goto(`${platform.url}/canteen/points`);
    await k.getByTestId('point-manage').first().click();
    await k.getByTestId('slots-table').getByText('11:30–11:45').waitFor();
    await k.getByTestId('routes-table').getByText('1号楼').first().waitFor();
    // let the drawer finish sliding in before the screenshot
    await k.waitForFunction(() => !document.querySelector('.ant-drawer-content-wrapper[class*="motion"]'));
    await screenshot(k, 'canteen-08-points');

    const office = await openBrowser();
    const admin = office.page;
    await signIn(admin, platform.url, 'admin');
    await admin.goto(`${platform.url}/cards/accounts`);
    await admin.getByTestId('account-open').first().click();
    await admin.getByTestId('account-balance').waitFor();
    await screenshot(admin, 'canteen-07-card-office');
    await office.close();
  });
});
