import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiCall,
  hasBrowser,
  openBrowser,
  screenshot,
  signIn,
  signOut,
  startPlatform,
  type Browser,
  type Platform,
} from './support.ts';

/**
 * Attendance in a real browser: a staff member clocks in on a phone-sized page (with a location inside
 * the clock-in site) and requests leave; the unit admin approves it; the monthly report shows it and
 * exports it to Excel. The office's pages and the kiosk are visited and photographed.
 */
/** requests one day of personal leave from the month page and waits for it to be pending */
async function requestLeave(page: Page, url: string, day: string, reason: string) {
  await page.goto(`${url}/attendance/month`);
  await page.getByTestId('attendance-calendar').waitFor();
  await page.getByTestId('attendance-request-leave').click();
  // two single-month pickers: a range picker's two months would overflow the phone
  const start = page.getByTestId('attendance-leave-start');
  await start.click();
  await start.fill(day);
  await start.press('Enter');
  const end = page.getByTestId('attendance-leave-end');
  await end.click();
  // the open calendar fits the phone (a range picker's two months pushed the page sideways)
  await page.locator('.ant-picker-dropdown:visible').waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await end.fill(day);
  await end.press('Enter');
  await page.getByTestId('attendance-reason').fill(reason);
  await page.getByRole('button', { name: '提交审批' }).click();
  await page.getByText('已提交，等待审批').waitFor();
  await page.getByTestId('attendance-request-row').filter({ hasText: '审批中' }).first().waitFor();
}

/** today in Asia/Shanghai, or the last weekday before it */
function workday(): string {
  const shanghai = new Date(Date.now() + 8 * 3600_000);
  while (shanghai.getUTCDay() === 0 || shanghai.getUTCDay() === 6)
    shanghai.setUTCDate(shanghai.getUTCDate() - 1);
  return shanghai.toISOString().slice(0, 10);
}

describe.skipIf(!hasBrowser)('attendance flow in the browser', () => {
  let platform: Platform;
  let browser: Browser;
  let staffName = '';
  const day = workday();
  const month = day.slice(0, 7);
  beforeAll(async () => {
    platform = await startPlatform();
    browser = await openBrowser({ width: 390, height: 844 });
    await browser.context.grantPermissions(['geolocation'], { origin: platform.url });
    // inside the city administration centre's clock-in site
    await browser.context.setGeolocation({ latitude: 31.8108, longitude: 119.9743, accuracy: 20 });
    // the first start seeds the whole demo city: on a busy machine it takes longer than the default
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('a staff member clocks in on a phone and requests leave', async () => {
    const { page } = browser;
    await signIn(page, platform.url, 'staff');
    staffName = (await apiCall<{ displayName: string }>(page, 'GET', '/api/auth/me')).displayName;
    await page.goto(`${platform.url}/attendance`);
    await page.getByTestId('attendance-punch').click();
    await page.getByTestId('attendance-punch-row').first().waitFor();
    await screenshot(page, 'attendance-clock-phone');

    await requestLeave(page, platform.url, day, '孩子发烧，在家照看');
    await screenshot(page, 'attendance-month-phone');
    await page.goto(`${platform.url}/mine`);
    // the month line counts trips too; every section has its way onward in its header, rooms included
    await page.getByTestId('mine-attendance-month').getByText('出差').waitFor();
    await page.getByTestId('mine-rooms').getByRole('link', { name: '预订会议室' }).waitFor();
    await screenshot(page, 'attendance-mine-phone');
    await signOut(page);
  });

  it('the unit admin approves; the monthly report shows the leave and exports it', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, platform.url, 'unit_admin');
    await page.getByTestId('menu-approvals-inbox').click();
    await page.locator('[data-testid="inbox-open"][data-title*="事假"]').first().click();
    await page.getByTestId('matter-approve').click();
    await page.getByTestId('matter-opinion').fill('同意，注意休息。');
    await page.getByTestId('matter-decide-confirm').click();
    await page.locator('[data-testid="matter-status"][data-status="approved"]').waitFor();

    await page.goto(`${platform.url}/attendance/report`);
    const row = page
      .getByTestId('attendance-report')
      .locator('.ant-table-row')
      .filter({ hasText: staffName });
    await row.first().waitFor();
    await expect
      .poll(() => page.getByTestId('attendance-report').locator('th').filter({ hasText: '事假' }).count())
      .toBe(1);
    await screenshot(page, 'attendance-report');
    const download = page.waitForEvent('download');
    await page.getByTestId('attendance-export').click();
    const file = await (await download).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const leaveCol = header.indexOf('请假(天)');
    const personalCol = header.indexOf('事假');
    let found = false;
    sheet.eachRow((r) => {
      if (r.getCell(1).value === staffName) {
        found = true;
        expect(Number(r.getCell(leaveCol).value)).toBeGreaterThanOrEqual(1);
        expect(Number(r.getCell(personalCol).value)).toBe(1);
      }
    });
    expect(found).toBe(true);
    expect(sheet.name).toContain(month);
    await signOut(page);
  });

  it('a unit without a unit admin: the bureau approves; a withdrawn request frees its day at once', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    // staff2 works at the bureau itself, whose unit has no unit administrator
    await signIn(page, platform.url, 'staff2');
    await requestLeave(page, platform.url, day, '办理户籍手续');
    await page
      .getByTestId('attendance-request-row')
      .filter({ hasText: '审批中' })
      .getByTestId('attendance-request-open')
      .first()
      .click();
    await page.getByText('单位考勤审批（机关事务局管理员代审）').first().waitFor();
    await screenshot(page, 'attendance-matter-escalated-phone');
    await page.getByTestId('matter-withdraw').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.locator('[data-testid="matter-status"][data-status="withdrawn"]').waitFor();
    // the same day again, at once
    await requestLeave(page, platform.url, day, '办理户籍手续（改期后仍需请假）');
    await page.getByTestId('attendance-request-row').filter({ hasText: '已撤回' }).first().waitFor();
    await screenshot(page, 'attendance-month-withdrawn-phone');
    const mine = await apiCall<{ leaves: { status: string; matterId: string }[] }>(
      page,
      'GET',
      `/api/attendance/me/month?month=${month}`,
    );
    const pending = mine.leaves.find((l) => l.status === 'pending')!;
    expect(mine.leaves.filter((l) => l.status === 'withdrawn')).toHaveLength(1);
    await signOut(page);

    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, platform.url, 'admin');
    await page.goto(`${platform.url}/approvals/matters/${pending.matterId}`);
    await page.getByTestId('matter-approve').click();
    await page.getByTestId('matter-decide-confirm').click();
    await page.locator('[data-testid="matter-status"][data-status="approved"]').waitFor();
    await page.getByText('单位考勤审批（机关事务局管理员代审）').first().waitFor();
    await page.locator('.ant-modal-mask').first().waitFor({ state: 'hidden' });
    await screenshot(page, 'attendance-matter-escalated');
    await signOut(page);
  });

  it("the office's board, rules and sites, import, and the kiosk", async () => {
    const { page } = browser;
    await signIn(page, platform.url, 'unit_admin');
    await page.goto(`${platform.url}/attendance/board`);
    await page.getByTestId('attendance-board').locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'attendance-board');
    await page.goto(`${platform.url}/attendance/settings`);
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'attendance-settings');
    await page.goto(`${platform.url}/attendance/import`);
    await page.getByTestId('attendance-import').waitFor();
    await screenshot(page, 'attendance-import');
    const board = await apiCall<{ rows: { name: string; employeeNo: string }[] }>(
      page,
      'GET',
      '/api/attendance/board',
    );
    const someone = board.rows.find((r) => r.name !== staffName)!;
    await signOut(page);

    await signIn(page, platform.url, 'admin');
    const token = await apiCall<{ token: string }>(page, 'POST', '/api/machine-tokens', {
      name: '行政中心东门考勤机',
      purpose: 'attendance.kiosk',
    });
    await signOut(page);
    await page.goto(`${platform.url}/attendance-kiosk?token=${token.token}`);
    await page.getByTestId('kiosk-code').fill(someone.employeeNo);
    await page.getByTestId('kiosk-punch').click();
    await expect.poll(() => page.getByTestId('kiosk-result').innerText()).toContain(someone.name);
    await screenshot(page, 'attendance-kiosk');
  });
});
