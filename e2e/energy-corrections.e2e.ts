import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasBrowser,
  openBrowser,
  screenshot,
  signIn,
  apiCall,
  startPlatform,
  type Browser,
  type Platform,
} from './support.ts';

/**
 * The data steward's corrections in a real browser: a meter was replaced without anyone recording it,
 * so the new meter's readings were quarantined as "register went backwards"; the bureau admin records
 * the replacement on the institution page, follows the notice to the point's open quarantine,
 * re-admits those readings and dismisses a malformed one with a note.
 */

/** "YYYY-MM-DD HH:mm" of an instant on Beijing wall clocks (the demo's zone, UTC+8 all year) */
const beijing = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe.skipIf(!hasBrowser)('energy corrections in the browser', () => {
  let platform: Platform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startPlatform({ GOA_MQTT: '0' });
    browser = await openBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('records a meter replacement, re-admits the new meter’s readings and dismisses a bad one', async () => {
    const { page } = browser;
    await signIn(page, platform.url, 'admin');
    const inst = (
      await apiCall<{ items: { id: string }[] }>(page, 'GET', '/api/energy/institutions?pageSize=1')
    ).items[0]!;
    const point = await apiCall<{ id: string; code: string }>(page, 'POST', '/api/energy/points', {
      code: 'E2E-WATER-REPL',
      name: '换表测试水表',
      institutionId: inst.id,
      energyType: 'water',
    });
    expect(point.id).toBeTruthy();
    const { token } = await apiCall<{ token: string }>(page, 'POST', '/api/machine-tokens', {
      name: 'e2e-gateway',
      purpose: 'energy.ingest',
    });

    // the old meter up to base+15, the new one (fitted at base+30, unrecorded) from base+45
    const base = Math.floor(Date.now() / 900_000) * 900_000 - 2 * 3_600_000;
    const ts = (min: number) => new Date(base + min * 60_000).toISOString();
    const ingest = await fetch(`${platform.url}/api/energy/readings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        { point: point.code, ts: ts(0), value: 100 },
        { point: point.code, ts: ts(15), value: 110 },
        { point: point.code, ts: ts(45), value: 3 },
        { point: point.code, ts: ts(60), value: 8 },
        { point: point.code, ts: ts(75), value: '十三' },
      ]),
    });
    expect(await ingest.json()).toEqual({ stored: 2, duplicates: 0, quarantined: 3 });

    // the institution page: the new point in the meter tree, its replacement form
    await page.goto(`${platform.url}/energy/institutions/${inst.id}`);
    await page
      .getByTestId('meter-tree')
      .getByTestId('meter-node')
      .filter({ hasText: 'E2E-WATER-REPL' })
      .click();
    const panel = page.getByTestId('replacements');
    await panel.getByText('暂无换表记录').waitFor();
    await page.getByTestId('replacement-open').click();
    const at = page.getByTestId('replacement-at');
    await at.click();
    await at.fill(beijing(base + 30 * 60_000));
    await at.press('Enter');
    expect(await page.getByTestId('replacement-start').inputValue()).toBe('0');
    await page.getByTestId('replacement-note').fill('水表故障，更换新表');
    // a final reading below the old meter's last one: the server's error shows under that field
    await page.getByTestId('replacement-final').fill('50');
    await page.getByTestId('replacement-submit').click();
    await page
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: '旧表止码不能小于换表前最后一次读数（110）' })
      .waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'energy-corrections-01-replacement-form');
    await page.getByTestId('replacement-final').fill('112');
    await page.getByTestId('replacement-submit').click();
    const outcome = page.getByTestId('replacement-outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain('该计量点有 2 条因“表码倒走”被隔离的读数');
    await page.getByTestId('replacement-list').getByText('水表故障，更换新表').waitFor();
    await screenshot(page, 'energy-corrections-02-replacement-recorded');

    // the notice opens the point's open quarantine
    await page.getByTestId('replacement-open-quarantine').click();
    await page.getByTestId('quarantine-point-filter').waitFor();
    const rows = page.getByTestId('quarantine-table').locator('tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(3);
    const backwards = rows.filter({ hasText: '表码倒走' });
    expect(await backwards.count()).toBe(2);
    const malformed = rows.filter({ hasText: '非数值' });

    // a shape error cannot be re-admitted: the action is disabled while it is selected
    await malformed.locator('.ant-checkbox-input').check();
    expect(await page.getByTestId('quarantine-readmit').isDisabled()).toBe(true);
    await malformed.locator('.ant-checkbox-input').uncheck();
    await backwards.nth(0).locator('.ant-checkbox-input').check();
    await backwards.nth(1).locator('.ant-checkbox-input').check();
    await screenshot(page, 'energy-corrections-03-quarantine-selected');
    await page.getByTestId('quarantine-readmit').click();
    await page.getByText('重新入库 2 条：入库 2 条，重复 0 条，仍被隔离 0 条').waitFor();
    await expect.poll(() => rows.count()).toBe(1);

    await malformed.locator('.ant-checkbox-input').check();
    await page.getByTestId('quarantine-dismiss').click();
    await page.getByTestId('dismiss-note').fill('网关上传了中文数字，已通知厂家修正');
    await page.getByTestId('dismiss-ok').click();
    await page.getByText('已忽略 1 条').waitFor();
    await page.getByTestId('quarantine-table').locator('.ant-empty-description').waitFor();

    // resolved: who, how, when and the note
    await page.getByTestId('quarantine-status').getByText('已处理').click();
    await expect.poll(() => rows.count()).toBe(3);
    await page.waitForTimeout(400);
    const resolutions = await page.getByTestId('quarantine-resolution').allTextContents();
    expect(resolutions.filter((x) => x.includes('已重新入库'))).toHaveLength(2);
    expect(resolutions.filter((x) => x.includes('已忽略') && x.includes('已通知厂家修正'))).toHaveLength(1);
    await screenshot(page, 'energy-corrections-04-quarantine-resolved');

    // the stored readings count across the replacement: 110 → 112 on the old meter, 0 → 3 on the new
    const curve = await apiCall<{ points: { value: number | null }[] }>(
      page,
      'GET',
      `/api/energy/points/${point.id}/curve?granularity=day&at=${beijing(base).slice(0, 7)}`,
    );
    const total = curve.points.reduce((s, p) => s + (p.value ?? 0), 0);
    expect(total).toBeCloseTo(10 + 5 + 5, 3);

    // an inspector reads the quarantine and the replacements but resolves and records nothing
    await signIn(page, platform.url, 'inspector');
    await page.goto(`${platform.url}/energy/quality`);
    await page.getByTestId('quarantine-status').waitFor();
    await page.getByTestId('quarantine-table').locator('.ant-table-tbody').waitFor();
    expect(await page.getByTestId('quarantine-readmit').count()).toBe(0);
    expect(await page.getByTestId('quarantine-dismiss').count()).toBe(0);
    expect(await page.getByTestId('quarantine-table').locator('.ant-checkbox-input').count()).toBe(0);
    await page.goto(`${platform.url}/energy/institutions/${inst.id}`);
    await page
      .getByTestId('meter-tree')
      .getByTestId('meter-node')
      .filter({ hasText: 'E2E-WATER-REPL' })
      .click();
    await page.getByTestId('replacement-list').getByText('水表故障，更换新表').waitFor();
    expect(await page.getByTestId('replacement-open').count()).toBe(0);
  }, 400_000);
});
