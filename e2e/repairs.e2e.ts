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
 * The repairs flow in a real browser: a staff member reports a fault with a photo, the facilities
 * office assigns it to a worker, the worker works it on a phone (accepted, on site, done), and the
 * requester confirms and rates it.
 */
const PHONE = { width: 390, height: 844 };
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0bd2b0000000049454e44ae426082',
  'hex',
);

/** Picks an option of a searchable antd Select: types the text (none: the first option) and presses Enter. */
async function pick(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  if (text) await page.keyboard.type(text);
  await page.locator('.ant-select-item-option-active').last().waitFor();
  await page.keyboard.press('Enter');
}

describe.skipIf(!hasBrowser)('repairs flow in the browser', () => {
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

  it('goes from report to rating', async () => {
    const login = await fetch(`${platform.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'staff2', password: 'demo' }),
    });
    const { token } = (await login.json()) as { token: string };
    const me = (await (
      await fetch(`${platform.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { displayName: string };
    const page = desk.page;
    const text = `E2E 空调不制热 ${String(Date.now()).slice(-5)}`;

    await signIn(page, platform.url, 'staff');
    await page.goto(`${platform.url}/repairs/mine`);
    await page.getByTestId('mine-repairs').waitFor();
    await screenshot(page, 'repairs-01-mine');
    await page.getByTestId('repair-new').click();
    await pick(page, 'repair-category', '空调暖通');
    await pick(page, 'repair-building', '');
    await page.getByTestId('repair-floor').fill('5F');
    await page.getByTestId('repair-room').fill('503室');
    await page.getByTestId('repair-description').fill(text);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'fault.png', mimeType: 'image/png', buffer: PNG });
    await page
      .locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)')
      .first()
      .waitFor();
    await screenshot(page, 'repairs-02-report-form');
    await page.getByTestId('repair-submit').click();
    await page.getByTestId('repair-status').filter({ hasText: '待受理' }).waitFor();
    const requestUrl = page.url();
    expect(requestUrl).toMatch(/\/repairs\/requests\/[0-9a-f-]{36}$/);
    await screenshot(page, 'repairs-03-reported');
    // the photo is shown on the request, and downloads only for whoever may see the request
    const photo = page.locator('img[alt="fault.png"]');
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('img[alt="fault.png"]');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    const photoUrl = new URL((await photo.getAttribute('src'))!, platform.url).toString();
    const mine = await page.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, bytes: Array.from(new Uint8Array(await r.arrayBuffer())) };
    }, photoUrl);
    expect(mine.status).toBe(200);
    expect(Buffer.from(mine.bytes).equals(PNG)).toBe(true);
    const outsider = (await (
      await fetch(`${platform.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'wujin_staff', password: 'demo' }),
      })
    ).json()) as { token: string };
    expect((await fetch(photoUrl, { headers: { authorization: `Bearer ${outsider.token}` } })).status).toBe(
      403,
    );
    expect((await fetch(photoUrl)).status).toBe(401);

    const office = phone.page;
    await signIn(office, platform.url, 'admin');
    await office.goto(requestUrl);
    await office.getByTestId('repair-assign').click();
    await office.getByTestId('assign-worker').click();
    await office.getByTestId('assign-worker').locator('input').fill(me.displayName);
    await office
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: me.displayName })
      .first()
      .click();
    await office.locator('.ant-modal .ant-btn-primary').click();
    await office.getByTestId('repair-status').filter({ hasText: '已派单' }).waitFor();
    await screenshot(office, 'repairs-04-assigned-phone');
    await office.goto(`${platform.url}/repairs/requests`);
    await office.waitForLoadState('networkidle');
    await screenshot(office, 'repairs-05-desk-phone');
    // in English (the longer labels) the six status filters scroll in their strip: the page is
    // no wider than the phone
    await office.evaluate(() => localStorage.setItem('goa.locale', 'en'));
    await office.reload();
    await office.getByText('To confirm').first().waitFor();
    await office.getByTestId('request-row').first().waitFor();
    expect(await office.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(office, 'repairs-05b-desk-phone-en');
    await office.evaluate(() => localStorage.setItem('goa.locale', 'zh-CN'));

    // the worker on the phone
    await signIn(office, platform.url, 'staff2');
    await office.goto(`${platform.url}/repairs/tasks`);
    await office.getByTestId('task-card').filter({ hasText: text }).getByTestId('task-open').click();
    await office.getByTestId('step-accepted').waitFor();
    await screenshot(office, 'repairs-06-task-phone');
    for (const [step, label, note] of [
      ['accepted', '已接单', ''],
      // the worker says which part is missing: the requester reads it in the history
      ['waiting_parts', '等待配件', '缺压缩机启动电容，明天到货'],
      ['on_site', '已到场', ''],
      ['done', '待确认', ''],
    ] as const) {
      if (note) await office.getByTestId('step-note').fill(note);
      await office.getByTestId(`step-${step}`).click();
      await office.getByTestId('repair-status').filter({ hasText: label }).waitFor();
    }
    await office.locator('.ant-timeline').getByText('缺压缩机启动电容，明天到货').waitFor();
    await screenshot(office, 'repairs-07-task-done-phone');

    await signIn(page, platform.url, 'staff');
    await page.goto(requestUrl);
    // five stars are preselected (clicking the fifth again would clear them): give four
    await page.getByTestId('repair-rate').locator('.ant-rate-star-second').nth(3).click();
    await page.getByTestId('repair-confirm').click();
    await page.getByTestId('repair-status').filter({ hasText: '已完成' }).waitFor();
    await screenshot(page, 'repairs-08-rated');

    await signIn(page, platform.url, 'admin');
    await page.goto(`${platform.url}/repairs/stats`);
    await page.getByTestId('stats-building').locator('canvas').waitFor();
    await screenshot(page, 'repairs-09-stats');
    await page.goto(`${platform.url}/repairs/qr`);
    await page.locator('.ant-qrcode').first().waitFor();
    await screenshot(page, 'repairs-10-qr');
    await page.goto(`${platform.url}/repairs/requests`);
    await page.getByTestId('request-open').first().waitFor();
    await screenshot(page, 'repairs-11-desk');

    const qr = (await (
      await fetch(`${platform.url}/api/repairs/qr`, {
        headers: {
          authorization: `Bearer ${((await (await fetch(`${platform.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo' }) })).json()) as { token: string }).token}`,
        },
      })
    ).json()) as { token: string }[];
    await office.goto(`${platform.url}/repair/${qr[0]?.token ?? 'none'}`);
    await office.getByTestId('qr-description').fill('投影仪不亮');
    await office.getByTestId('qr-name').fill('访客甲');
    await office.getByTestId('qr-phone').fill('1380000');
    await pick(office, 'qr-category', '网络');
    await office.getByTestId('qr-submit').click();
    await office.getByText('手机号码格式不正确').first().waitFor();
    await office.getByTestId('qr-phone').fill('13800001234');
    // a photo from the phone: picked here, sent with the report in one request
    await office
      .locator('.ant-upload input[type=file]')
      .setInputFiles({ name: 'projector.png', mimeType: 'image/png', buffer: PNG });
    await office.locator('.ant-upload-list-item').first().waitFor();
    await screenshot(office, 'repairs-12a-public-qr-photo-phone');
    await office.getByTestId('qr-submit').click();
    await office.getByTestId('qr-done').waitFor();
    await screenshot(office, 'repairs-12-public-qr-done-phone');
    // the office sees the photo with the request
    const no = /BX\d{8}-\d{5}/.exec((await office.locator('.ant-result-subtitle').textContent()) ?? '')?.[0];
    expect(no).toBeTruthy();
    const adminToken = await tokenOf('admin');
    const auth = { authorization: `Bearer ${adminToken}` };
    const found = (await (
      await fetch(`${platform.url}/api/repairs/requests?q=${no}`, { headers: auth })
    ).json()) as { items: { id: string }[] };
    const detail = (await (
      await fetch(`${platform.url}/api/repairs/requests/${found.items[0]?.id}`, { headers: auth })
    ).json()) as { photos: { name: string }[] };
    expect(detail.photos.map((p) => p.name)).toEqual(['projector.png']);
  });

  /** a bearer token of a demo account */
  async function tokenOf(username: string): Promise<string> {
    const res = await fetch(`${platform.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'demo' }),
    });
    return ((await res.json()) as { token: string }).token;
  }

  it('lets the office cancel a request with a reason and add a contractor; an office without requests sees why its statistics are empty', async () => {
    // staff2 works at the bureau: the request is the bureau's, not the Education Bureau's (checked below)
    const staff = await tokenOf('staff2');
    const categories = (await (
      await fetch(`${platform.url}/api/repairs/categories`, { headers: { authorization: `Bearer ${staff}` } })
    ).json()) as { id: string }[];
    const made = (await (
      await fetch(`${platform.url}/api/repairs/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' },
        body: JSON.stringify({ categoryId: categories[0]!.id, description: 'E2E 重复报修', room: '101' }),
      })
    ).json()) as { id: string };
    const page = desk.page;
    await signIn(page, platform.url, 'admin');
    await page.goto(`${platform.url}/repairs/requests/${made.id}`);
    await page.getByTestId('repair-office-cancel').click();
    await page.locator('.ant-modal .ant-btn-dangerous').click();
    // a reason is required, and said under the field
    await page.locator('.ant-modal .ant-form-item-explain-error').filter({ hasText: '必填' }).waitFor();
    await page.getByTestId('cancel-reason').fill('与前一条报修重复');
    await page.locator('.ant-modal .ant-btn-dangerous').click();
    await page.getByTestId('repair-status').filter({ hasText: '已取消' }).waitFor();
    await page.locator('.ant-timeline').getByText('与前一条报修重复').waitFor();
    await screenshot(page, 'repairs-13-office-cancelled');

    await page.goto(`${platform.url}/repairs/contractors`);
    await page.getByTestId('contractors').waitFor();
    await page.getByTestId('contractor-add').click();
    await pick(page, 'contractor-unit', '机关事务');
    await page.getByTestId('contractor-name').fill('E2E 常州市快修电器有限公司');
    await page.getByTestId('contractor-phone').fill('0519-86661234');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await page
      .getByTestId('contractors')
      .locator('tr')
      .filter({ hasText: 'E2E 常州市快修电器有限公司' })
      .waitFor();
    await screenshot(page, 'repairs-14-contractors');

    // the Education Bureau's office has no repair requests: the statistics say so instead of empty charts
    await signIn(page, platform.url, 'unit_admin');
    await page.goto(`${platform.url}/repairs/stats`);
    await page.getByTestId('stats-empty').waitFor();
    expect(await page.getByTestId('stats-building').count()).toBe(0);
    await screenshot(page, 'repairs-15-stats-empty');
  });
});
