import { describe, expect, it } from 'vitest';
import {
  apiGet,
  apiToken,
  demoPlatform,
  DESK,
  hasBrowser,
  PHONE,
  screenshot,
  signIn,
  WAIT,
  type Browser,
  type Platform,
} from './vehicles-support.ts';

/**
 * The places register and the pooling policies in a real browser on the demo city: the bureau admin
 * adds a place (a longitude out of range is shown under its field first), is refused deleting a place
 * trip requests use, and changes one pooling policy of the matrix; a dispatcher sees the matrix
 * read-only on a phone. Pages are shot for a person to look at.
 */

interface Policy {
  lenderId: string;
  borrowerId: string;
  mode: string;
}

describe.skipIf(!hasBrowser)('vehicle places and pooling policies in the browser', () => {
  let platform: Platform;
  let desk: Browser;
  let phone: Browser;
  demoPlatform({ desk: DESK, phone: PHONE }, (f) => ({ platform, desk, phone } = f));

  it('the bureau admin adds a place and changes one pooling policy', async () => {
    const { page } = desk;
    const url = platform.url;
    await signIn(page, url, 'admin');
    await page.goto(`${url}/vehicles/places`);
    await page.getByTestId('veh-places-table').locator('tbody tr.ant-table-row').first().waitFor(WAIT);
    await screenshot(page, 'vehicles-places-1-list');

    // add: a longitude outside China is explained under the field, nothing is sent
    const name = `E2E 青果巷历史街区 ${String(Date.now()).slice(-5)}`;
    await page.getByTestId('veh-place-new').click();
    await page.getByTestId('veh-place-name').fill(name);
    await page.getByTestId('veh-place-address').fill('天宁区青果巷');
    await page.getByTestId('veh-place-lon').fill('200');
    await page.getByTestId('veh-place-lat').fill('31.777');
    await page.getByTestId('veh-place-save').click();
    await page.getByText('经度应在 73 至 136 之间').waitFor(WAIT);
    await screenshot(page, 'vehicles-places-2-invalid');
    await page.getByTestId('veh-place-lon').fill('119.957');
    await page.getByTestId('veh-place-save').click();
    await page.getByText('已保存').first().waitFor(WAIT);
    await page.getByTestId('veh-place-search').locator('input').fill('青果巷');
    await page.getByTestId('veh-place-search').locator('input').press('Enter');
    const ours = page.getByTestId('veh-places-table').locator('tbody tr.ant-table-row', { hasText: name });
    await ours.waitFor(WAIT);
    expect(await ours.textContent()).toContain('119.957000, 31.777000');

    // a place the demo's trip requests use cannot be deleted: the server's refusal is shown
    await page.getByTestId('veh-place-search').locator('input').fill('常州市行政中心');
    await page.getByTestId('veh-place-search').locator('input').press('Enter');
    const used = page
      .getByTestId('veh-places-table')
      .locator('tbody tr.ant-table-row', { hasText: '常州市行政中心' });
    await used.waitFor(WAIT);
    await used.getByTestId('veh-place-delete').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByText('该地点已被用车申请使用').first().waitFor(WAIT);
    await screenshot(page, 'vehicles-places-3-in-use');
    expect(await used.count()).toBe(1);

    // pooling: change the first lender's first borrower cell to "needs approval" and save
    const token = await apiToken(url, 'admin');
    await page.goto(`${url}/vehicles/pool-policies`);
    const matrix = page.getByTestId('veh-pool-matrix');
    const firstCell = matrix.locator('tbody tr.ant-table-row').first().locator('.ant-select').first();
    await firstCell.waitFor(WAIT);
    const testId = (await firstCell.getAttribute('data-testid')) ?? '';
    const before = await apiGet<Policy[]>(`${url}/api/vehicles/pool-policies`, token);
    const target = (await firstCell.textContent()) === '需审批' ? '自动出借' : '需审批';
    await firstCell.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: target }).click();
    await expect.poll(() => page.getByTestId('veh-pool-status').textContent()).toContain('已修改 1 项');
    await screenshot(page, 'vehicles-pools-1-changed');
    await page.getByTestId('veh-pool-save').click();
    await page.getByText('已保存 1 项策略').waitFor(WAIT);
    await expect.poll(() => page.getByTestId('veh-pool-status').textContent()).toBe('没有未保存的修改');
    await screenshot(page, 'vehicles-pools-2-saved');
    const after = await apiGet<Policy[]>(`${url}/api/vehicles/pool-policies`, token);
    const mode = target === '需审批' ? 'approval' : 'automatic';
    const changed = after.filter(
      (p) =>
        !before.some((b) => b.lenderId === p.lenderId && b.borrowerId === p.borrowerId && b.mode === p.mode),
    );
    expect(changed.map((p) => p.mode)).toEqual([mode]);
    expect(testId).toMatch(/^veh-pool-/);
  });

  it('a dispatcher sees the matrix read-only and the places on a phone', async () => {
    const { page } = phone;
    const url = platform.url;
    await signIn(page, url, 'dispatcher');
    await page.goto(`${url}/vehicles/pool-policies`);
    const matrix = page.getByTestId('veh-pool-matrix');
    await matrix.locator('tbody tr.ant-table-row').first().waitFor(WAIT);
    await page.getByText('只读').first().waitFor(WAIT);
    expect(await matrix.locator('.ant-select').count()).toBe(0);
    expect(await page.getByTestId('veh-pool-save').count()).toBe(0);
    await screenshot(page, 'vehicles-pools-3-phone-readonly');
    await page.goto(`${url}/vehicles/places`);
    await page.getByTestId('veh-places-table').locator('tbody tr.ant-table-row').first().waitFor(WAIT);
    expect(await page.getByTestId('veh-place-new').count()).toBe(0);
    await screenshot(page, 'vehicles-places-4-phone');
  });
});
