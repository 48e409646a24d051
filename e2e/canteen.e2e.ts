import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Response } from 'playwright-core';
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
 * one-card; the canteen staff see it counted in the kitchen view, edit a canteen and its dining
 * slots and delivery routes, and add a dish with a photo that shows on the menu and downloads only when signed in.
 */

/** A small PNG drawn on a canvas in the page (a plate on a tray), as the bytes a camera would give. */
async function drawPng(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 96;
    c.height = 96;
    const g = c.getContext('2d')!;
    g.fillStyle = '#c8102e';
    g.fillRect(0, 0, 96, 96);
    g.fillStyle = '#fff4e0';
    g.beginPath();
    g.arc(48, 48, 34, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#8b4513';
    g.fillRect(32, 38, 32, 20);
    return c.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

/** Waits until an img has loaded real pixels. */
async function imageLoaded(page: Page, selector: string) {
  await page.waitForFunction(
    (sel) => {
      const img = document.querySelector<HTMLImageElement>(sel);
      return !!img && img.complete && img.naturalWidth > 0;
    },
    selector,
    { timeout: 30_000 },
  );
}

/** Waits until dialogs and drawers have finished moving, so that a screenshot shows them at rest. */
async function settled(page: Page) {
  // a full-page screenshot of a scrolled page draws the fixed header and menu out of place
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(
    () =>
      !document.querySelector(
        '.ant-modal[class*="zoom"], .ant-modal-mask[class*="fade"], .ant-drawer-content-wrapper[class*="motion"]',
      ),
  );
}

/** An antd InputNumber's input, whichever element carries the test id. */
const numberInput = (page: Page, id: string) =>
  page.locator(`[data-testid="${id}"] input, input[data-testid="${id}"]`).first();

/** The last of the antd InputNumbers carrying a test id (the newest row of a form list). */
const lastNumberInput = (page: Page, id: string) =>
  page.locator(`[data-testid="${id}"] input, input[data-testid="${id}"]`).last();

/** Expects the server's error under a field of the open form dialog. */
async function fieldError(page: Page, text: string) {
  await page.locator('.ant-modal .ant-form-item-explain-error').filter({ hasText: text }).first().waitFor();
}

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
    await menu.waitFor();
    // tomorrow in the demo's zone (Beijing, UTC+8 all year); after today's cut-off the page may open
    // on tomorrow already, so wait for that day rather than for a change
    const tomorrowDay = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('order-day').getByText('明天').click();
    // the dishes on screen stay the first day's until tomorrow's menu has loaded
    await expect.poll(() => menu.getAttribute('data-day')).toBe(tomorrowDay);
    const firstDish = page.getByTestId('dish-card').first();
    await firstDish.waitFor();
    const dishName =
      (await firstDish.locator('.ant-typography strong, strong').first().textContent())?.trim() ?? '';
    expect(dishName).not.toBe('');
    await page.locator('[data-testid="dish-qty"] input, input[data-testid="dish-qty"]').first().fill('1');
    await page.getByTestId('order-slot').locator('.ant-radio-button-wrapper').first().click();
    await settled(page);
    await screenshot(page, 'canteen-01-order-phone');
    await page.getByTestId('order-submit').click();
    await page.getByText('已下单').waitFor();
    await page.getByTestId('my-order').first().getByText('已预订').waitFor();
    await settled(page);
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
    // the office refunds the lunch just paid (a canteen order: the dialog says the holder may cancel it
    // instead); confirmed first, then the balance and the row show it
    const holder = await page.evaluate(async () => {
      const r = await fetch('/api/cards/mine');
      return ((await r.json()) as { account: { personName: string; balance: number } }).account;
    });
    await admin.goto(`${platform.url}/cards/accounts`);
    await admin.getByTestId('cards-search').fill(holder.personName);
    await admin.getByTestId('cards-search').press('Enter');
    await admin.getByTestId('account-open').filter({ hasText: holder.personName }).first().click();
    await admin.getByTestId('account-balance').waitFor();
    const lunch = admin
      .locator('.ant-drawer tr', { hasText: '订餐', has: admin.getByTestId('txn-refund') })
      .first();
    const key = await lunch.getAttribute('data-row-key');
    const row = admin.locator(`.ant-drawer tr[data-row-key="${key}"]`);
    const price = -Number((await row.locator('td').nth(2).textContent())?.replace(/[^\d.-]/g, ''));
    expect(price).toBeGreaterThan(0);
    await row.getByTestId('txn-refund').click();
    await admin.locator('.ant-modal-confirm').getByText('取消订单').waitFor();
    await admin.getByTestId('txn-refund-confirm').click();
    await row.getByTestId('txn-refunded').waitFor();
    const after = (holder.balance / 100 + price).toLocaleString('en-US', { minimumFractionDigits: 2 });
    await admin.getByTestId('account-balance').getByText(after).waitFor();
    // the month's totals add up again: the refund is summed beside top-ups and spends
    const refunded = `+${price.toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    await admin.getByTestId('statement-total-refund').getByText(refunded).waitFor();
    await screenshot(admin, 'canteen-07-card-office');
    await office.close();
  });

  it('the canteen office edits a canteen and its dining slots', async () => {
    const k = desk.page;
    await signIn(k, platform.url, 'canteen');
    const refused: string[] = [];
    const onResponse = (r: Response) => void (r.status() === 403 && refused.push(r.url()));
    k.on('response', onResponse);
    await k.goto(`${platform.url}/canteen/points`);
    const row = k.getByTestId('points-table').locator('tr', { hasText: '市行政中心机关食堂' });
    // canteen staff cannot search the organisation (the unit picker asked it, and got 403 on every visit):
    // the new-canteen form offers their own unit, already chosen
    await k.getByTestId('point-add').click();
    await k
      .locator('.ant-modal:visible [data-testid="point-unit"]')
      .getByText('常州市机关事务管理局')
      .waitFor();
    await k.locator('.ant-modal:visible .ant-modal-close').click();
    await settled(k);
    k.off('response', onResponse);
    expect(refused).toEqual([]);
    await row.getByTestId('point-edit').click();
    await k.getByTestId('point-location').fill('行政中心1号楼一楼东侧（南门进）');
    // a cut-off after the first dining slot (11:30) is refused under the field
    await k.getByTestId('point-cutoff').fill('11:45');
    await k.getByTestId('point-form-ok').click();
    await fieldError(k, '11:30');
    await settled(k);
    await screenshot(k, 'canteen-09-point-edit-refused');
    await k.getByTestId('point-cutoff').fill('10:30');
    await k.getByTestId('point-form-ok').click();
    await row.getByText('10:30').waitFor();
    await row.getByText('行政中心1号楼一楼东侧（南门进）').waitFor();
    await screenshot(k, 'canteen-10-points-edited');

    await row.getByTestId('point-manage').click();
    const slots = k.getByTestId('slots-table');
    await slots.getByText('11:30–11:45').waitFor();
    // today's slots are booked: their times are locked and the capacity shows its floor
    await slots.locator('tr', { hasText: '11:30–11:45' }).getByTestId('slot-edit').click();
    await k.locator('.ant-modal .ant-alert-warning').waitFor();
    expect(await k.getByTestId('slot-starts').isDisabled()).toBe(true);
    await settled(k);
    await screenshot(k, 'canteen-11-slot-edit-booked');
    await k.locator('.ant-modal:visible .ant-modal-close').click();

    await k.getByTestId('slot-add').click();
    await k.getByTestId('slot-starts').fill('12:30');
    await k.getByTestId('slot-ends').fill('13:00');
    await numberInput(k, 'slot-capacity').fill('60');
    await k.getByTestId('slot-form-ok').click();
    await fieldError(k, '12:30–12:45');
    await settled(k);
    await screenshot(k, 'canteen-12-slot-overlap-refused');
    await k.getByTestId('slot-starts').fill('12:45');
    await k.getByTestId('slot-form-ok').click();
    await slots.getByText('12:45–13:00').waitFor();
    await slots.locator('tr', { hasText: '12:45–13:00' }).getByTestId('slot-edit').click();
    await k.getByTestId('slot-ends').fill('13:15');
    await numberInput(k, 'slot-capacity').fill('80');
    await k.getByTestId('slot-form-ok').click();
    const added = slots.locator('tr', { hasText: '12:45–13:15' });
    await added.getByText('80', { exact: true }).waitFor();
    await added.getByTestId('slot-deactivate').click();
    await k.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await added.locator('.ant-tag', { hasText: '停用' }).waitFor();
    await settled(k);
    await screenshot(k, 'canteen-13-slots-edited');

    // delivery routes: a floor belongs to one active route — a stop on another route's building is refused
    const routes = k.getByTestId('routes-table');
    const east = routes.locator('tr', { hasText: '东线（1–4号楼）' });
    await east.getByTestId('route-edit').click();
    await k.getByTestId('stop-add').click();
    await k.getByTestId('stop-building').last().fill('5号楼');
    await lastNumberInput(k, 'stop-from').fill('10');
    await k.getByTestId('route-form-ok').click();
    await fieldError(k, '西线（5–8号楼）');
    await settled(k);
    await screenshot(k, 'canteen-17-route-stop-refused');
    await k.getByTestId('stop-building').last().fill('9号楼');
    await lastNumberInput(k, 'stop-from').fill('1');
    await lastNumberInput(k, 'stop-to').fill('6');
    await k.getByTestId('route-name-input').fill('东线（1–4号楼、9号楼低区）');
    await k.getByTestId('route-form-ok').click();
    const edited = routes.locator('tr', { hasText: '东线（1–4号楼、9号楼低区）' });
    await edited.getByText('9号楼 1–6层').waitFor();
    // the west route leaves first, then is retired: today's delivered lunches stay on it
    const west = routes.locator('tr', { hasText: '西线（5–8号楼）' });
    await west.getByTestId('route-up').click();
    await expect.poll(() => routes.getByTestId('route-name').first().textContent()).toBe('西线（5–8号楼）');
    await west.getByTestId('route-deactivate').click();
    await k.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await west.locator('.ant-tag', { hasText: '停用' }).waitFor();
    await k
      .getByText(/今后已订的 \d+ 份订单仍按此路线送达/)
      .first()
      .waitFor();
    await settled(k);
    await screenshot(k, 'canteen-18-routes-edited');

    // delivery off: the staff's order page offers dine-in only
    await k.locator('.ant-drawer-close').click();
    await row.getByTestId('point-edit').click();
    await k.getByTestId('point-delivery').click();
    await k.getByTestId('point-form-ok').click();
    await row.getByText('仅堂食').waitFor();
    const { page } = phone;
    await page.goto(`${platform.url}/canteen`);
    await page.getByTestId('order-day').getByText('明天').click();
    const delivery = page.getByTestId('order-mode').locator('input[value="delivery"]');
    await delivery.waitFor({ state: 'attached' });
    await expect.poll(() => delivery.isDisabled()).toBe(true);
    await screenshot(page, 'canteen-16-order-dine-in-only-phone');

    // today's lunches on the retired west route are still in the kitchen's route list, marked retired
    await k.goto(`${platform.url}/canteen/kitchen`);
    const westRow = k
      .locator('.ant-card', { hasText: '送餐路线' })
      .locator('tr', { hasText: '西线（5–8号楼）' });
    await westRow.locator('.ant-tag', { hasText: '停用' }).waitFor();
    await screenshot(k, 'canteen-19-kitchen-retired-route');
  });

  it('adds a dish with a photo that shows on the menu and downloads only when signed in', async () => {
    const k = desk.page;
    await k.goto(`${platform.url}/canteen/menus`);
    const png = await drawPng(k);
    const name = `E2E 糖醋排骨${String(Date.now()).slice(-4)}`;
    await k.getByTestId('dish-add').click();
    await k.getByTestId('dish-name').fill(name);
    // on a loaded machine a click can land while the dropdown is still opening: pick until it shows
    const category = k.getByTestId('dish-category');
    await expect
      .poll(
        async () => {
          if ((await category.textContent())?.includes('主菜')) return true;
          await category.click();
          await k
            .locator('.ant-select-dropdown:visible .ant-select-item-option')
            .filter({ hasText: '主菜' })
            .click({ timeout: 5_000 })
            .catch(() => undefined);
          return (await category.textContent())?.includes('主菜') ?? false;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    await numberInput(k, 'dish-price').fill('12.5');
    await k.locator('.ant-modal input[type=file]').setInputFiles({
      name: 'paigu.png',
      mimeType: 'image/png',
      buffer: png,
    });
    await imageLoaded(k, '.ant-modal img[alt="照片"]');
    await settled(k);
    await screenshot(k, 'canteen-14-dish-photo');
    await k.getByTestId('dish-save').click();
    await k.getByTestId('dish-table').getByText(name).waitFor();

    // put it on the last day's menu of the week
    const day = k.getByTestId('menu-day').last();
    await day.getByTestId('menu-edit').click();
    await k.getByTestId('menu-dishes').click();
    await k.keyboard.type(name);
    await k.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).click();
    await k.locator('.ant-modal:visible .ant-modal-title').click();
    await k.locator('.ant-modal:visible .ant-btn-primary').click();
    await day.getByText(name).waitFor();
    const menuImg = `[data-testid="menu-day"][data-day="${await day.getAttribute('data-day')}"] img[alt="${name}"]`;
    await imageLoaded(k, menuImg);
    await imageLoaded(k, `[data-testid="dish-table"] img[alt="${name}"]`);
    await settled(k);
    await screenshot(k, 'canteen-15-menu-with-photo');

    const src = (await k.locator(menuImg).getAttribute('src'))!;
    const fileId = /\/api\/files\/([0-9a-f-]{36})/.exec(src)?.[1];
    expect(fileId).toBeTruthy();
    // signed in: the download is the very bytes uploaded
    const got = await k.evaluate(async (id) => {
      const r = await fetch(`/api/files/${id}`);
      return {
        status: r.status,
        type: r.headers.get('content-type'),
        disposition: r.headers.get('content-disposition'),
        bytes: Array.from(new Uint8Array(await r.arrayBuffer())),
      };
    }, fileId!);
    expect(got).toMatchObject({ status: 200, type: 'image/png' });
    expect(got.disposition).toContain('attachment');
    expect(Buffer.from(got.bytes).equals(png)).toBe(true);
    // anyone who orders may see it; nobody signed out may
    const staff = (await (
      await fetch(`${platform.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'wujin_staff', password: 'demo' }),
      })
    ).json()) as { token: string };
    const asStaff = await fetch(`${platform.url}/api/files/${fileId}`, {
      headers: { authorization: `Bearer ${staff.token}` },
    });
    expect(asStaff.status).toBe(200);
    const anonymous = await fetch(`${platform.url}/api/files/${fileId}?disposition=inline`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });
});
