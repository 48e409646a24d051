import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
 * The kernel's flow in a real browser: a unit admin signs in, imports people from an .xlsx and submits
 * a general request; the district admin approves it; the records appear in the audit log.
 */

async function peopleSheet(unitCode: string, stamp: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员');
  ws.addRow(['工号', '姓名', '性别', '单位编码', '部门', '职级', '职务', '电话', '状态']);
  ws.addRow([
    `E2E${stamp}1`,
    '柳青禾',
    '女',
    unitCode,
    '综合科',
    '科员及以下',
    '科员',
    '13900000001',
    '在职',
  ]);
  ws.addRow([
    `E2E${stamp}2`,
    '顾远舟',
    '男',
    unitCode,
    '综合科',
    '乡科级副职',
    '副科长',
    '13900000002',
    '在职',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A sheet whose one row has two problems: a rank no list holds and a unit code no unit has. */
async function badPeopleSheet(stamp: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员');
  ws.addRow(['工号', '姓名', '性别', '单位编码', '部门', '职级', '职务', '电话', '状态']);
  ws.addRow([`E2E${stamp}9`, '错两处', '女', 'NOPE', '', '处长', '', '', '在职']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.skipIf(!hasBrowser)('kernel flow in the browser', () => {
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

  it('prints the demo logins on first start', () => {
    expect(platform.output()).toMatch(/admin/);
    expect(platform.output()).toMatch(/wujin_admin/);
  });

  it('unit admin imports people and submits a request; the district admin approves; the audit log shows it', async () => {
    const { page } = browser;
    const stamp = String(Date.now()).slice(-6);
    const title = `E2E 请示 ${stamp}`;

    // the unit admin's own unit, through the API the page uses
    const api = await fetch(`${platform.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'wujin_unit', password: 'demo' }),
    });
    const { token } = (await api.json()) as { token: string };
    const me = (await (
      await fetch(`${platform.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      unitId: string;
    };
    const unit = (await (
      await fetch(`${platform.url}/api/org/units/${me.unitId}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { code: string };

    await signIn(page, platform.url, 'wujin_unit');
    await screenshot(page, '01-unit-admin-home');

    await page.getByTestId('menu-people').click();
    await page.getByTestId('people-import-button').click();
    // a row with two problems lists both at once, so that one correction is enough
    await page.getByTestId('import-file').setInputFiles({
      name: '人员导入-有误.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await badPeopleSheet(stamp),
    });
    await page.getByTestId('import-submit').click();
    const errors = page.getByTestId('import-errors');
    await expect.poll(async () => (await errors.textContent()) ?? '').toMatch(/单位编码 NOPE 不存在/);
    expect(await errors.textContent()).toMatch(/「职级」的值「处长」无效/);
    expect(await errors.locator('tbody tr.ant-table-row').count()).toBe(2);
    await screenshot(page, '02a-people-import-two-reasons');
    await page.getByTestId('import-file').setInputFiles({
      name: '人员导入.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await peopleSheet(unit.code, stamp),
    });
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('import-result').textContent()).resolves.toMatch(/2/);
    await screenshot(page, '02-people-imported');
    const listed = await fetch(`${platform.url}/api/org/people?q=E2E${stamp}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await listed.json()) as { total: number }).total).toBe(2);

    await page.goto(`${platform.url}/`);
    await page.getByTestId('menu-approvals-new').click();
    await page.getByTestId('request-title').fill(title);
    await page.getByTestId('request-body').fill('申请调整会议室使用安排,请审批。');
    await page.getByTestId('request-submit').click();
    await page.locator('[data-testid="matter-status"][data-status="submitted"]').waitFor();
    await screenshot(page, '03-request-submitted');
    await signOut(page);

    await signIn(page, platform.url, 'wujin_admin');
    await page.getByTestId('menu-approvals-inbox').click();
    await page.locator(`[data-testid="inbox-open"][data-title="${title}"]`).click();
    await page.getByTestId('matter-approve').click();
    await page.getByTestId('matter-opinion').fill('同意。');
    await page.getByTestId('matter-decide-confirm').click();
    await page.locator('[data-testid="matter-status"][data-status="approved"]').waitFor();
    await screenshot(page, '04-request-approved');

    await page.getByTestId('menu-audit').click();
    await page.getByTestId('audit-entity').fill('approvals.matter');
    await page.getByTestId('audit-entity').press('Enter');
    const table = page.getByTestId('audit-table');
    await expect.poll(async () => (await table.textContent()) ?? '', { timeout: 15_000 }).toMatch(/approve/);
    await screenshot(page, '05-audit-log');
    await page.getByTestId('audit-entity').fill('org.person');
    await page.getByTestId('audit-entity').press('Enter');
    await expect
      .poll(async () => (await table.textContent()) ?? '', { timeout: 15_000 })
      .toMatch(/wujin_unit/);
  });

  it('the bureau admin marks a day off in the holiday calendar and removes it again, with no console warning', async () => {
    const { page } = browser;
    const warnings: string[] = [];
    const listen = (m: { type(): string; text(): string }) => {
      if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
    };
    page.on('console', listen);
    try {
      await signIn(page, platform.url, 'admin');
      await page.goto(`${platform.url}/calendar`);
      const day = page.locator('[data-date="2026-12-30"]');
      await day.click();
      // a weekday without an entry opens as a new holiday
      await page.getByTestId('calendar-name').fill('测试调整');
      await page.getByTestId('calendar-save').click();
      await expect.poll(async () => day.getAttribute('class')).toMatch(/goa-day-holiday/);
      await day.click();
      await expect.poll(async () => page.getByTestId('calendar-name').inputValue()).toBe('测试调整');
      await page.getByTestId('calendar-remove').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await expect.poll(async () => day.getAttribute('class')).not.toMatch(/goa-day-holiday/);
      expect(await page.getByTestId('calendar-year-empty').count()).toBe(0);
      // the next year has no entries yet: the page says what that means for deadlines and what to do
      await page.getByTestId('calendar-next').click();
      const empty = page.getByTestId('calendar-year-empty');
      await expect.poll(async () => (await empty.textContent()) ?? '').toMatch(/2027 年尚未录入节假日/);
      expect(await empty.textContent()).toMatch(/逐日录入放假日与调休上班日/);
      await screenshot(page, '11-calendar-empty-year');
      expect(warnings.filter((w) => /useForm|not connected/.test(w))).toEqual([]);
    } finally {
      page.off('console', listen);
    }
  });

  it('the bureau admin creates a machine token for a purpose picked from the list, sees it once and revokes it', async () => {
    const { page } = browser;
    await signIn(page, platform.url, 'admin');
    await page.goto(`${platform.url}/accounts/tokens`);
    await page.getByTestId('token-new').click();
    await page.getByTestId('token-name').fill('1号楼电表网关');
    // the purposes are the ones the endpoints accept, each shown with its endpoints
    await page.getByTestId('token-purpose').click();
    const option = page.getByTestId('token-purpose-energy.ingest');
    expect(await option.textContent()).toMatch(/POST \/api\/energy\/readings/);
    await screenshot(page, '10-token-purposes');
    await option.click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    expect(await page.getByTestId('token-value').textContent()).toMatch(/^goam_/);
    await page.getByTestId('token-created-close').click();
    const row = page.locator('tr.ant-table-row').filter({ hasText: '1号楼电表网关' });
    await row.getByText('有效').waitFor();
    await row.getByTestId('token-revoke').click();
    await page.locator('.ant-popconfirm .ant-btn-dangerous').click();
    await row.getByText(/已吊销于/).waitFor();
  });

  it('is usable on a phone-sized screen', async () => {
    const phone = await openBrowser({ width: 390, height: 844 });
    try {
      await signIn(phone.page, platform.url, 'staff');
      await phone.page.getByTestId('menu-toggle').click();
      await phone.page.getByTestId('main-menu').waitFor();
      await phone.page.getByTestId('menu-people').waitFor();
      // let the drawer finish sliding in before the screenshot
      await phone.page.waitForFunction(
        () => !document.querySelector('.ant-drawer-content-wrapper[class*="motion"]'),
      );
      await screenshot(phone.page, '06-phone-menu');
      const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);

      // the holiday calendar shows the year's list before the twelve month grids
      await phone.page.goto(`${platform.url}/calendar`);
      const list = phone.page.getByTestId('calendar-entries');
      await list.waitFor();
      const listTop = (await list.boundingBox())!.y;
      const monthsTop = (await phone.page.getByTestId('calendar-months').boundingBox())!.y;
      expect(listTop).toBeLessThan(monthsTop);
      await screenshot(phone.page, '07-phone-calendar');
    } finally {
      await phone.close();
    }
  });

  it('highlights no menu entry on a page the user may not open', async () => {
    const { page } = browser;
    // a unit admin reads its energy data but may not import readings (the bureau's and districts' task)
    await signIn(page, platform.url, 'wujin_unit');
    await page.goto(`${platform.url}/energy/import`);
    await page.getByTestId('page-forbidden').waitFor();
    await page.getByTestId('main-menu').waitFor();
    expect(await page.locator('[data-testid="main-menu"] .ant-menu-item-selected').count()).toBe(0);
    await screenshot(page, '08-forbidden-no-menu-highlight');
    await page.goto(`${platform.url}/energy`);
    await page.locator('[data-testid="main-menu"] .ant-menu-item-selected').first().waitFor();
    expect(await page.locator('[data-testid="main-menu"] .ant-menu-item-selected').textContent()).toMatch(
      /能耗总览/,
    );
  });

  it('draws a step returned for changes as waiting for the requester, not as a rejection', async () => {
    const { page } = browser;
    // the demo staff member has one request returned for changes (the demo's approval queues)
    const login = await fetch(`${platform.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'staff', password: 'demo' }),
    });
    const { token } = (await login.json()) as { token: string };
    const mine = (await (
      await fetch(`${platform.url}/api/approvals/mine?pageSize=50`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { items: { id: string; status: string }[] };
    const returned = mine.items.find((r) => r.status === 'returned');
    expect(returned).toBeDefined();
    await signIn(page, platform.url, 'staff');
    await page.goto(`${platform.url}/approvals/matters/${returned!.id}`);
    await page.getByTestId('matter-step-returned').waitFor();
    expect(await page.locator('.ant-steps-item-error').count()).toBe(0);
    await screenshot(page, '10-returned-step');
  });

  it("a request asking for a co-sign (会签) waits in the unit administrator's inbox, shown as 会签", async () => {
    const { page } = browser;
    const title = `E2E 会签请示 ${String(Date.now()).slice(-6)}`;
    await signIn(page, platform.url, 'wujin_staff');
    await page.getByTestId('menu-approvals-new').click();
    await page.getByTestId('request-title').fill(title);
    await page.getByTestId('request-body').fill('拟调整科室值班安排，请院领导会签。');
    await page.getByTestId('request-cosign').check();
    await screenshot(page, '11-cosign-form');
    await page.getByTestId('request-submit').click();
    await page.locator('[data-testid="matter-status"][data-status="submitted"]').waitFor();
    await page.getByTestId('matter-cosign').waitFor();
    const steps = page.getByTestId('matter-step-title');
    expect(await steps.allTextContents()).toEqual(['单位会签', '辖区审批']);
    expect(await page.getByTestId('matter-step-mode').first().textContent()).toMatch(/会签.*0\/1/);
    await screenshot(page, '11-cosign-requested');
    await signOut(page);

    await signIn(page, platform.url, 'wujin_unit');
    await page.getByTestId('menu-approvals-inbox').click();
    await page.locator(`[data-testid="inbox-open"][data-title="${title}"]`).waitFor();
    await screenshot(page, '12-cosign-inbox');
    await page.locator(`[data-testid="inbox-open"][data-title="${title}"]`).click();
    await page.getByTestId('matter-approve').click();
    await page.getByTestId('matter-opinion').fill('同意，报区局。');
    await page.getByTestId('matter-decide-confirm').click();
    await expect
      .poll(async () => page.getByTestId('matter-step-mode').first().textContent())
      .toMatch(/会签.*1\/1/);
    expect(await page.getByTestId('matter-step-task').first().textContent()).toMatch(/同意，报区局/);
    await page.getByTestId('matter-decide-confirm').waitFor({ state: 'detached' });
    await screenshot(page, '13-cosign-approved');
    await signOut(page);
  });

  it("shows the shell's 404 at an unknown sub-path of a module, highlighting no menu entry", async () => {
    const { page } = browser;
    await signIn(page, platform.url, 'admin');
    const selected = page.locator('[data-testid="main-menu"] .ant-menu-item-selected');
    for (const path of [
      '/energy/nope',
      '/vehicles/nope',
      '/accounts/nope',
      '/org/nope',
      '/audit/nope',
      '/mine/nope',
    ]) {
      await page.goto(`${platform.url}${path}`);
      await page.getByTestId('page-not-found').waitFor();
      await page.getByTestId('main-menu').waitFor();
      await expect.poll(async () => selected.count(), { message: path }).toBe(0);
    }
    await screenshot(page, '09-unknown-sub-path-404');
    // the menu highlights the page again once the user leaves the 404 through it
    await page.getByTestId('menu-accounts').click();
    await page.getByTestId('page-not-found').waitFor({ state: 'detached' });
    await expect.poll(async () => selected.textContent()).toMatch(/账号与角色/);
  });
});
