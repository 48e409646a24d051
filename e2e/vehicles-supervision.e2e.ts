import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  demoPlatform,
  DESK,
  hasBrowser,
  localDate,
  PHONE,
  screenshot,
  signIn,
  WAIT,
  type Browser,
  type Platform,
} from './vehicles-support.ts';

/**
 * Vehicle supervision and analysis in a real browser, on the demo city: the bureau opens the red
 * alerts, resolves one with a note; looks at the holiday sealing and the inspections; opens the
 * analysis, switches the breakdown and exports it to Excel. Screenshots of each page (and the alerts
 * on a phone) land in e2e/screens. A district supervisor draws a geofence on the map (a crossing
 * outline is refused first), drags a vertex, saves it and finds it listed.
 */
describe.skipIf(!hasBrowser)('vehicle supervision flow in the browser', () => {
  let platform: Platform;
  let desk: Browser;
  let phone: Browser;
  demoPlatform({ desk: DESK, phone: PHONE }, (f) => ({ platform, desk, phone } = f));

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

  it('the bureau registers a vehicle over the standard, adds its inspection and sees it fall due', async () => {
    const page = desk.page;
    await signIn(page, platform.url, 'admin');
    await page.goto(`${platform.url}/vehicles/fleet`);
    await page.getByTestId('veh-vehicles').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('veh-fleet-register').click();
    const drawer = page.getByTestId('veh-vehicle-drawer');
    await drawer.waitFor();
    await page.getByTestId('veh-vehicle-plate').fill('苏D 8e123');
    await page.getByTestId('veh-vehicle-category').click();
    await page.locator('.ant-select-item-option[title="其他"]').click();
    await page.getByTestId('veh-vehicle-brand').fill('奥迪');
    await page.getByTestId('veh-vehicle-model').fill('A6L 2.0T');
    await page.getByTestId('veh-vehicle-displacement').fill('2.0');
    // a price that is not an amount is refused in the form
    await page.getByTestId('veh-vehicle-price').fill('四十二万');
    await page.getByTestId('veh-vehicle-save').click();
    await drawer.getByText('请输入金额').waitFor();
    await page.getByTestId('veh-vehicle-price').fill('420000');
    await page.getByTestId('veh-vehicle-unit').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.getByTestId('veh-vehicle-save').click();
    // saved, and the rules it breaks are named (中办发〔2017〕71号: 180,000 yuan and 1.8 L for this category)
    const violations = page.getByTestId('veh-vehicle-violations');
    await violations.waitFor(WAIT);
    expect(await violations.innerText()).toContain('中办发〔2017〕71号');
    expect(await violations.locator('li').count()).toBe(2);
    // the drawer now edits the saved vehicle: saving again changes it instead of registering it twice
    await drawer.getByText('编辑车辆 苏D8E123').waitFor();
    await page.getByTestId('veh-vehicle-price').fill('170000');
    await page.getByTestId('veh-vehicle-save').click();
    await expect.poll(() => violations.locator('li').count(), WAIT).toBe(1);
    await screenshot(page, 'vehicles-fleet-register');
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    // in the register: found by its plate, over the standard
    await page.getByTestId('veh-fleet-search').fill('苏D8E123');
    await page.keyboard.press('Enter');
    const row = page.getByTestId('veh-vehicles').locator('tbody tr.ant-table-row');
    await expect.poll(() => row.count(), WAIT).toBe(1);
    expect(await row.getByTestId('veh-fleet-violation').count()).toBe(1);
    // an annual inspection done today, next due in ten days: listed, and due soon
    await row.getByTestId('veh-fleet-records').click();
    const records = page.getByTestId('veh-records-drawer');
    await records.waitFor();
    await page.getByTestId('veh-record-kind').click();
    await page.locator('.ant-select-item-option[title="年检"]').click();
    await page.getByTestId('veh-record-due').click();
    await page.getByTestId('veh-record-due').fill(localDate(10));
    await page.keyboard.press('Enter');
    await page.getByTestId('veh-record-save').click();
    await records.getByTestId('veh-records').locator('tbody tr.ant-table-row').first().waitFor(WAIT);
    expect(await records.getByTestId('veh-records').innerText()).toContain(localDate(10));
    await screenshot(page, 'vehicles-fleet-records');
    await records.locator('.ant-drawer-close').click();
    await page.getByRole('tab', { name: /到期提醒/ }).click();
    await page.getByTestId('veh-reminders-search').fill('苏D8E123');
    await page.keyboard.press('Enter');
    const due = page.getByTestId('veh-reminders').locator('tbody tr.ant-table-row', { hasText: '苏D8E123' });
    await due.waitFor(WAIT);
    expect(await due.innerText()).toContain('年检');
    expect(await due.innerText()).toContain('10 天');
    await screenshot(page, 'vehicles-fleet-reminders');
  }, 240_000);

  it('a district supervisor draws a geofence, drags a vertex, saves it and finds it listed', async () => {
    const page = desk.page;
    await signIn(page, platform.url, 'wujin_admin');
    // through the vehicles menu
    await page.goto(`${platform.url}/vehicles/requests`);
    await page.locator('a[href="/vehicles/geofences"]').first().click();
    const table = page.getByTestId('veh-fences-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor(WAIT);
    const before = await table.locator('tbody tr.ant-table-row').count();
    expect(await table.innerText()).toContain('武进区');
    // the base map's district names are drawn once its outlines are in (the fences are on its canvas)
    await page.getByTestId('veh-fences-map').locator('.veh-map-district').first().waitFor(WAIT);
    await expect.poll(() => table.locator('.ant-spin-spinning').count(), WAIT).toBe(0);
    await screenshot(page, 'vehicles-geofences');

    await page.getByTestId('veh-fence-new').click();
    await page.getByTestId('veh-fence-drawer').waitFor();
    const map = page.getByTestId('veh-fence-map');
    await map.locator('.leaflet-container').waitFor(WAIT);
    await page.getByTestId('veh-fence-name').fill('武进高铁片区');
    const click = (x: number, y: number) => map.click({ position: { x, y } });
    const points = page.getByTestId('veh-fence-points');
    // a bow tie first: the server refuses it and says why
    for (const [x, y] of [
      [260, 110],
      [620, 300],
      [620, 110],
      [260, 300],
    ] as const)
      await click(x, y);
    await expect.poll(() => points.innerText(), WAIT).toContain('4');
    await page.getByTestId('veh-fence-save').click();
    await expect.poll(() => page.getByTestId('veh-fence-ring-error').innerText(), WAIT).toContain('交叉');
    await screenshot(page, 'vehicles-geofence-crossing');
    // redraw as a quadrilateral, then drag its third vertex outwards
    await page.getByTestId('veh-fence-clear').click();
    for (const [x, y] of [
      [260, 110],
      [620, 110],
      [620, 300],
      [260, 300],
    ] as const)
      await click(x, y);
    await expect.poll(() => points.innerText(), WAIT).toContain('4');
    const vertex = map.locator('.veh-fence-vertex').nth(2);
    const box = (await vertex.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 60, box.y + 50, { steps: 8 });
    await page.mouse.up();
    // an edge's midpoint becomes a fifth vertex
    await map.locator('.veh-fence-mid').first().click();
    await expect.poll(() => points.innerText(), WAIT).toContain('5');
    await screenshot(page, 'vehicles-geofence-draw');
    await page.getByTestId('veh-fence-save').click();
    await page.getByTestId('veh-fence-drawer').waitFor({ state: 'hidden', ...WAIT });
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), WAIT).toBe(before + 1);
    const row = table.locator('tbody tr.ant-table-row', { hasText: '武进高铁片区' });
    expect(await row.innerText()).toContain('全部类别');
    expect(await row.innerText()).toContain('5 个顶点');
    await row.getByTestId('veh-fence-row-name').click();
    await screenshot(page, 'vehicles-geofences-saved');

    // the bureau sees every pool's fence, and the city's own for its confidential-communications cars
    await signIn(page, platform.url, 'admin');
    await page.goto(`${platform.url}/vehicles/geofences`);
    const special = table.locator('tbody tr.ant-table-row', { hasText: '主城区（机要通信车辆）' });
    await special.waitFor(WAIT);
    expect(await special.innerText()).toContain('机要通信');
    expect(await table.innerText()).toContain('武进高铁片区');
    await special.getByTestId('veh-fence-edit').click();
    await page.getByTestId('veh-fence-drawer').waitFor();
    await expect
      .poll(() => page.getByTestId('veh-fence-map').locator('.veh-fence-vertex').count(), WAIT)
      .toBe(12);
    // the whole fence is in view once the drawer has opened
    const cityMap = page.getByTestId('veh-fence-map');
    await expect
      .poll(async () => {
        const frame = (await cityMap.boundingBox())!;
        const boxes = await cityMap.locator('.veh-fence-vertex').evaluateAll((els) =>
          els.map((e) => {
            const r = e.getBoundingClientRect();
            return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
          }),
        );
        return boxes.every(
          (b) =>
            b.x > frame.x && b.x < frame.x + frame.width && b.y > frame.y && b.y < frame.y + frame.height,
        );
      }, WAIT)
      .toBe(true);
    await screenshot(page, 'vehicles-geofence-edit-city');
  }, 240_000);
});
