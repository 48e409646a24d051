import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCall,
  hasBrowser,
  openBrowser,
  screenshot,
  signIn,
  startPlatform,
  type Browser,
  type Platform,
} from './support.ts';

/**
 * The energy flow in a real browser: the bureau admin opens the overview, goes from the intensity
 * ranking to an institution and its meter tree, runs the data-quality checks and acknowledges an
 * alert; every energy page is captured for a person to look at.
 */

describe.skipIf(!hasBrowser)('energy flow in the browser', () => {
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

  it('overview → institution → alert', async () => {
    const { page } = browser;
    await signIn(page, platform.url, 'admin');
    await page.goto(`${platform.url}/energy`);
    await page.getByTestId('energy-overview').waitFor();
    await page.getByTestId('ranking-table').waitFor();
    await page.waitForTimeout(800);
    await screenshot(page, 'energy-01-overview');

    await page.getByTestId('ranking-open').first().click();
    await page.getByTestId('institution-title').waitFor();
    await page.getByTestId('meter-tree').waitFor();
    await page.getByTestId('meter-node').first().waitFor();
    expect(await page.getByTestId('meter-node').count()).toBeGreaterThan(3);
    await page.waitForTimeout(500);
    await screenshot(page, 'energy-02-institution');

    await page.goto(`${platform.url}/energy/quality`);
    await page.getByTestId('quality-run').click();
    await page
      .getByTestId('quality-reports')
      .locator('tr.ant-table-row')
      .first()
      .waitFor({ timeout: 90_000 });
    await screenshot(page, 'energy-03-quality');

    await page.goto(`${platform.url}/energy/alerts`);
    await page.getByTestId('alert-open').first().click();
    await page.getByTestId('alert-drawer').waitFor();
    await page.getByTestId('alert-note').fill('已安排运维人员检查采集网关');
    await page.getByTestId('alert-acknowledge').click();
    await expect.poll(async () => page.getByTestId('alert-status').textContent()).toBe('处理中');
    await screenshot(page, 'energy-04-alert');

    await page.goto(`${platform.url}/energy/statistics`);
    await page
      .getByTestId('statistics-table')
      .locator('tr.ant-table-row')
      .first()
      .waitFor({ timeout: 90_000 });
    await screenshot(page, 'energy-05-statistics');
    await page.goto(`${platform.url}/energy/demonstration`);
    await page.getByTestId('demo-national').locator('tr.ant-table-row').first().waitFor({ timeout: 90_000 });
    await screenshot(page, 'energy-06-demonstration');
    await page.goto(`${platform.url}/energy/institutions`);
    await page
      .getByTestId('institutions-table')
      .locator('tr.ant-table-row')
      .first()
      .waitFor({ timeout: 90_000 });
    await screenshot(page, 'energy-07-institutions');
  }, 400_000);

  it('a district administrator sees its district only, with no filter promising the others', async () => {
    const { page } = browser;
    await signIn(page, platform.url, 'admin');
    const xinbei = await apiCall<{ items: { id: string; jurisdictionName: string }[] }>(
      page,
      'GET',
      `/api/energy/institutions?q=${encodeURIComponent('新北区')}&pageSize=1`,
    );
    expect(xinbei.items[0]?.jurisdictionName).toBe('新北区');
    await signIn(page, platform.url, 'wujin_admin');
    // another district's institution answers 403, an unknown one 404: a page, not an endless skeleton
    await page.goto(`${platform.url}/energy/institutions/${xinbei.items[0]!.id}`);
    await page.getByTestId('page-forbidden').waitFor();
    await page.goto(`${platform.url}/energy/institutions/00000000-0000-4000-8000-000000000000`);
    await page.getByTestId('page-not-found').waitFor();
    await page.goto(`${platform.url}/energy`);
    await page.getByTestId('ranking-open').first().waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('overview-jurisdiction').count()).toBe(0);
    const districts = await page
      .getByTestId('ranking-table')
      .locator('tr.ant-table-row td:nth-child(3)')
      .allTextContents();
    expect(districts.length).toBeGreaterThan(0);
    expect(new Set(districts)).toEqual(new Set(['武进区']));
    await page.goto(`${platform.url}/energy/statistics`);
    await page
      .getByTestId('statistics-table')
      .locator('tr.ant-table-row')
      .first()
      .waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('statistics-jurisdiction').count()).toBe(0);
    await screenshot(page, 'energy-08-district-statistics');

    // the bureau keeps its filter over the city and every district
    await signIn(page, platform.url, 'admin');
    await page.goto(`${platform.url}/energy`);
    await page.getByTestId('overview-jurisdiction').waitFor();
  }, 200_000);

  it('offers the read-only auditor nothing to change: no import page, no quality run, no alert handling', async () => {
    const { page } = browser;
    await signIn(page, platform.url, 'auditor');
    await page.goto(`${platform.url}/energy/import`);
    await page.getByTestId('page-forbidden').waitFor();
    expect(await page.getByTestId('readings-import').count()).toBe(0);
    await page.goto(`${platform.url}/energy/quality`);
    await page.getByTestId('quality-reports').waitFor();
    expect(await page.getByTestId('quality-run').count()).toBe(0);
    // the alerts the first test opened (the city has them once its checks have run)
    await page.goto(`${platform.url}/energy/alerts`);
    await page.getByTestId('alert-open').first().waitFor({ timeout: 90_000 });
    await page.getByTestId('alert-open').first().click();
    await page.getByTestId('alert-drawer').waitFor();
    expect(await page.getByTestId('alert-acknowledge').count()).toBe(0);
    // an institution's page: its figures and curves, but no registry, quota or point editing
    await page.goto(`${platform.url}/energy/institutions`);
    await page.getByTestId('institution-open').first().waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('institution-new').count()).toBe(0);
    await page.getByTestId('institution-open').first().click();
    await page.getByTestId('institution-year').waitFor();
    await page.getByTestId('meter-tree').getByTestId('meter-node').first().waitFor();
    for (const id of [
      'institution-new',
      'institution-edit',
      'institution-delete',
      'building-add',
      'point-add',
    ])
      expect(await page.getByTestId(id).count(), id).toBe(0);
    expect(await page.getByTestId('quota-edit').count()).toBe(0);
    expect(await page.getByTestId('point-edit').count()).toBe(0);
  }, 200_000);

  it('shows the demonstration units’ tables whole on a desktop screen, with no horizontal scroll', async () => {
    const { page } = browser;
    await signIn(page, platform.url, 'admin');
    await page.goto(`${platform.url}/energy/demonstration`);
    for (const level of ['national', 'provincial']) {
      const card = page.getByTestId(`demo-${level}`);
      await card.locator('tr.ant-table-row').first().waitFor({ timeout: 90_000 });
      const overflow = await card
        .locator('.ant-table-content, .ant-table-body')
        .first()
        .evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow, level).toBeLessThanOrEqual(0);
    }
    // every energy menu entry fits the sider, none cut with an ellipsis
    const cut = await page.locator('[data-testid^="menu-energy-"]').evaluateAll((links) =>
      links
        .map((a) => a.closest('.ant-menu-title-content') ?? a)
        .filter((el) => el.scrollWidth > el.clientWidth)
        .map((el) => el.textContent),
    );
    expect(cut).toEqual([]);
  }, 200_000);

  it('lets the bureau register an institution, its building and points from the web, and change and delete them', async () => {
    const { page } = browser;
    await signIn(page, platform.url, 'admin');
    // the meter tree's nodes (the selected point's card shows its label too)
    const nodes = page.getByTestId('meter-tree').getByTestId('meter-node');
    const pick = async (testId: string, option: string) => {
      await page.getByTestId(testId).click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
        .first()
        .click();
    };
    await page.goto(`${platform.url}/energy/institutions`);
    await page.getByTestId('institution-new').click();
    await page.getByTestId('institution-code').fill('E2E01');
    await page.getByTestId('institution-name').fill('端到端测试机关');
    await pick('institution-jurisdiction', '武进区');
    await page.getByTestId('institution-save').click();
    // saved, the new institution's page opens
    await expect.poll(() => page.getByTestId('institution-title').textContent()).toBe('端到端测试机关');
    expect(await page.getByTestId('meter-tree').textContent()).toContain('尚未登记计量点');

    await page.getByTestId('building-add').click();
    await page.getByTestId('building-name').fill('主楼');
    await page.getByTestId('building-area').fill('5000');
    await page.getByTestId('building-save').click();
    await page.getByTestId('building-table').getByText('主楼').waitFor();
    await expect.poll(() => page.getByText('5,000').count()).toBeGreaterThan(0);

    // the year card: without a quota the national cap by floor area applies; the bureau sets one
    const quota = page.getByTestId('institution-quota');
    await quota.getByText('按国家约束值默认').waitFor();
    await page.getByTestId('quota-edit').click();
    await page.getByTestId('quota-kgce').fill('80000');
    await page.getByTestId('quota-save').click();
    await quota.getByText('80,000 kgce · 下达定额').waitFor();

    await page.getByTestId('point-add').click();
    await page.getByTestId('point-code').fill('E2E01.E00');
    await page.getByTestId('point-name').fill('电总表');
    await page.getByTestId('point-save').click();
    await expect.poll(() => nodes.count()).toBe(1);
    await page.getByTestId('point-curves').waitFor();

    // a virtual meter whose formula names an unknown point: the server's error under the formula field
    await page.getByTestId('point-add').click();
    await page.getByTestId('point-code').fill('E2E01.V01');
    await page.getByTestId('point-name').fill('其他用电');
    await pick('point-kind', '虚拟表');
    await page.getByTestId('point-formula').fill('E2E01.E00 - NO.SUCH');
    await page.getByTestId('point-save').click();
    const formulaItem = page.locator('.ant-form-item', { has: page.getByTestId('point-formula') });
    await formulaItem.locator('.ant-form-item-explain-error').waitFor();
    expect(await formulaItem.locator('.ant-form-item-explain-error').textContent()).toContain('NO.SUCH');
    await screenshot(page, 'energy-09-point-formula-error');
    await page.getByTestId('point-formula').fill('E2E01.E00 * 0.5');
    await page.getByTestId('point-save').click();
    await expect.poll(() => nodes.count()).toBe(2);

    // the new virtual meter is selected: rename it
    await page.getByTestId('point-edit').click();
    await page.getByTestId('point-name').fill('其他用电（估算）');
    await page.getByTestId('point-save').click();
    await page.getByTestId('point-detail').getByText('其他用电（估算）').waitFor();

    // the main meter is named in the virtual meter's formula: deleting it is refused, nothing lost
    await page.getByTestId('meter-tree').getByText('电总表').click();
    await page.getByTestId('point-delete').click();
    await page.getByTestId('point-delete-confirm').click();
    await page.locator('.ant-message').getByText('公式引用了该计量点').waitFor();
    expect(await nodes.count()).toBe(2);
    await page.getByTestId('meter-tree').getByText('其他用电（估算）').click();
    await page.getByTestId('point-delete').click();
    await page.getByTestId('point-delete-confirm').click();
    await expect.poll(() => nodes.count()).toBe(1);
    await screenshot(page, 'energy-10-institution-registry');
  }, 200_000);

  it('imports historical readings from a CSV file with progress and lists the quarantined rows', async () => {
    const { page } = browser;
    await page.goto(`${platform.url}/energy/import`);
    await page.getByTestId('readings-import').waitFor();
    const code = await page.evaluate(async () => {
      const r = await fetch('/api/energy/points?pageSize=1', { credentials: 'include' });
      return ((await r.json()) as { items: { code: string }[] }).items[0]!.code;
    });
    const lines = ['point,ts,value,kind'];
    for (let i = 1; i <= 40; i++)
      lines.push(`${code},${new Date(Date.UTC(2025, 0, 1) + i * 900_000).toISOString()},1.5,interval`);
    lines.push(`NO.SUCH.POINT,2025-01-01T12:00:00Z,1,interval`, `${code},2025-01-01T12:00:00Z,abc,interval`);
    await page.getByTestId('readings-import-file').setInputFiles({
      name: '历史读数.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n')),
    });
    const status = page.getByTestId('readings-import-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await page.getByTestId('readings-import-stored').textContent()).toBe('40');
    expect(await page.getByTestId('readings-import-quarantined').textContent()).toBe('2');
    const rows = page.getByTestId('readings-import-quarantine').locator('tr.ant-table-row');
    expect(await rows.count()).toBe(2);
    expect(await rows.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('未知计量点'), expect.stringContaining('非数值')]),
    );
    await screenshot(page, 'energy-08-import');
  }, 120_000);
});
