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

/** The library in a real browser: a civil servant finds a book, borrows it and returns it; the librarian's views. */

describe.skipIf(!hasBrowser)('library flow in the browser', () => {
  let platform: Platform;
  let browser: Browser;
  beforeAll(async () => {
    platform = await startPlatform();
    browser = await openBrowser();
    // the first start seeds the whole demo city: on a loaded machine that outlasts the default hook timeout
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('a civil servant searches the catalogue, borrows a book at the kiosk page and returns it', async () => {
    const { page } = browser;
    await signIn(page, platform.url, 'staff2');
    await page.goto(`${platform.url}/library`);
    await page.getByTestId('library-search').fill('公共管理');
    await page.getByTestId('library-search').press('Enter');
    const borrow = page.locator('[data-testid^="borrow-"]').first();
    await borrow.waitFor();
    const isbn = (await borrow.getAttribute('data-testid'))!.slice('borrow-'.length);
    await screenshot(page, 'library-catalogue');
    await borrow.click();
    await page.getByText('已借出《').waitFor();

    await page.goto(`${platform.url}/library/mine`);
    const row = page.locator('[data-testid^="loan-"]').filter({ hasText: '公共管理' }).first();
    await row.waitFor();
    const barcode = (await row.getAttribute('data-testid'))!.slice('loan-'.length);
    expect(barcode).toMatch(/^CZJG-\d{6}$/);
    await screenshot(page, 'library-mine');

    await page.getByTestId('library-code').fill(barcode);
    await page.getByTestId('library-return').click();
    await page.getByText('已归还《').waitFor();
    await expect.poll(() => page.getByTestId(`loan-${barcode}`).count()).toBe(0);

    // borrowing again by the title's ISBN at the same box
    await page.getByTestId('library-code').fill(isbn);
    await page.getByTestId('library-borrow').click();
    await page.getByText('已借出《').waitFor();
  });

  it('returning by ISBN with two copies of the title on loan asks for the barcode under the field', async () => {
    const { page } = browser;
    await page.goto(`${platform.url}/library`);
    await page.getByTestId('library-search').fill('机关事务');
    await page.getByTestId('library-search').press('Enter');
    // a title with both of its copies on the shelf: borrow both by its ISBN
    const row = page.locator('.ant-table-row').filter({ hasText: '2 / 2' }).first();
    await row.waitFor();
    const borrow = row.locator('[data-testid^="borrow-"]');
    const isbn = (await borrow.getAttribute('data-testid'))!.slice('borrow-'.length);
    const title = await row.locator('strong').first().innerText();
    const mine = () => page.locator('[data-testid^="loan-"]').filter({ hasText: title });
    // the list reloads before the buttons stop spinning, and a click on a spinning button is ignored
    const kiosk = async (code: string, what: 'borrow' | 'return') => {
      await expect.poll(() => page.locator('.ant-btn-loading').count()).toBe(0);
      await page.getByTestId('library-code').fill(code);
      await page.getByTestId(`library-${what}`).click();
    };
    await page.goto(`${platform.url}/library/mine`);
    // room under the loan limit (5) for two more: the demo reader already has a few books
    const loans = page.locator('[data-testid^="loan-"]');
    await loans.first().waitFor();
    while ((await loans.count()) > 3) {
      const n = await loans.count();
      await kiosk((await loans.first().getAttribute('data-testid'))!.slice('loan-'.length), 'return');
      await expect.poll(() => loans.count()).toBe(n - 1);
    }
    for (let n = 1; n <= 2; n++) {
      await kiosk(isbn, 'borrow');
      await expect.poll(() => mine().count()).toBe(n);
    }

    await kiosk(isbn, 'return');
    const help = page.locator('.ant-form-item-explain-error').filter({ hasText: '请扫描要归还那一本的条码' });
    await help.waitFor();
    await screenshot(page, 'library-mine-return-which-copy');
    expect(await mine().count()).toBe(2);

    // typing clears the message; the barcode of one copy returns it, then the ISBN names the last one
    const barcode = (await mine().first().getAttribute('data-testid'))!.slice('loan-'.length);
    await kiosk(barcode, 'return');
    await expect.poll(() => help.count()).toBe(0);
    await expect.poll(() => mine().count()).toBe(1);
    await kiosk(isbn, 'return');
    await expect.poll(() => mine().count()).toBe(0);
  });

  it("the librarian sees the desk's overdue loans and the year's statistics", async () => {
    const { page } = browser;
    await signOut(page);
    await signIn(page, platform.url, 'admin');
    await page.goto(`${platform.url}/library/desk`);
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'library-desk');
    await page.goto(`${platform.url}/library/stats`);
    await page.locator('canvas').first().waitFor();
    const loans = page
      .locator('.ant-statistic')
      .filter({ hasText: '借阅次数' })
      .locator('.ant-statistic-content-value');
    await expect.poll(async () => Number((await loans.innerText()).replace(/,/g, ''))).toBeGreaterThan(4000);
    await screenshot(page, 'library-stats');
  });
});
