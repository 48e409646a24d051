import fs from 'node:fs';
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

/** the machine is shared: give the page time to answer */
const WAIT = { timeout: 30_000 };

/**
 * Vehicle supervision and analysis in a real browser, on the demo city: the bureau opens the red
 * alerts, resolves one with a note; looks at the holiday sealing and the inspections; opens the
 * analysis, switches the breakdown and exports it to Excel. Screenshots of each page (and the alerts
 * on a phone) land in e2e/screens.
 */
const PHONE = { width: 390, height: 844 };

describe.skipIf(!hasBrowser)('vehicle supervision flow in the browser', () => {
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

  it('the bureau resolves an alert, reviews sealing and inspections, and exports the analysis', async () => {
    const page = desk.page;
    await signIn(page, platform.url, 'admin');
    await page.goto(`${platform.url}/vehicles/supervision/alerts`);
    const table = page.getByTestId('veh-alerts-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    // only the red ones
    await page.getByTestId('veh-alert-level').click();
    await page.locator('.ant-select-item-option[title="红色"]').click();
    await expect
      .poll(
        async () =>
          (await table.locator('tbody tr.ant-table-row').allInnerTexts()).every((r) => r.includes('红色')),
        WAIT,
      )
      .toBe(true);
    const before = await table.locator('tbody tr.ant-table-row').count();
    expect(before).toBeGreaterThan(0);
    await screenshot(page, 'vehicles-supervision-alerts');
    const plate = (
      await table.locator('tbody tr.ant-table-row').first().locator('td').nth(2).innerText()
    ).trim();
    await table.getByTestId('veh-alert-open').first().click();
    await page.getByTestId('veh-alert-drawer').waitFor();
    await page.getByTestId('veh-alert-note').fill('已核实，约谈驾驶员并通报');
    await expect
      .poll(
        () =>
          page
            .locator('.ant-drawer-content-wrapper')
            .evaluate((el) => el.getAnimations({ subtree: true }).length),
        WAIT,
      )
      .toBe(0);
    await screenshot(page, 'vehicles-supervision-alert-drawer');
    await page.getByTestId('veh-alert-resolve').click();
    await page.getByTestId('veh-alert-drawer').waitFor({ state: 'hidden' });
    // the open list no longer holds it; the resolved list does
    await page.getByTestId('veh-alert-search').fill(plate);
    await page.getByTestId('veh-alert-search').press('Enter');
    await page.getByTestId('veh-alert-status').click();
    await page.locator('.ant-select-item-option[title="已处置"]').click();
    await expect
      .poll(async () => table.locator('tbody tr.ant-table-row').allInnerTexts(), WAIT)
      .toEqual(expect.arrayContaining([expect.stringContaining(plate)]));

    await page.getByTestId('veh-tab-sealing').click();
    await page.getByTestId('veh-seal-log').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('veh-seal-log').innerText()).toContain('国庆节后启封');
    await screenshot(page, 'vehicles-supervision-sealing');
    await page.getByTestId('veh-tab-inspections').click();
    await page.getByTestId('veh-inspections').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, 'vehicles-supervision-inspections');

    await page.goto(`${platform.url}/vehicles/analysis`);
    const trips = page.getByTestId('veh-total-trips');
    await expect
      .poll(async () => Number((await trips.innerText()).replace(/\D/g, '')), WAIT)
      .toBeGreaterThan(10_000);
    expect(Number((await page.getByTestId('veh-total-km').innerText()).replace(/\D/g, ''))).toBeGreaterThan(
      1_000_000,
    );
    const rows = page.getByTestId('veh-analysis-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    await screenshot(page, 'vehicles-analysis-jurisdiction');
    await page.getByTestId('veh-dim-category').click();
    await expect.poll(async () => (await rows.allInnerTexts()).join('\n'), WAIT).toContain('应急保障用车');
    await page.getByTestId('veh-dim-unit').click();
    await expect
      .poll(async () => (await rows.allInnerTexts()).join('\n'), WAIT)
      .not.toContain('应急保障用车');
    await expect
      .poll(async () => (await page.getByTestId('veh-analysis-table').innerText()).includes('所属辖区'), WAIT)
      .toBe(true);
    await screenshot(page, 'vehicles-analysis-unit');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('veh-analysis-export').click(),
    ]);
    const file = await download.path();
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');

    // the alerts on a phone
    await signIn(phone.page, platform.url, 'inspector');
    await phone.page.goto(`${platform.url}/vehicles/supervision/alerts`);
    await phone.page.getByTestId('veh-alert-open').first().waitFor();
    await screenshot(phone.page, 'vehicles-supervision-alerts-phone');
  }, 240_000);
});
