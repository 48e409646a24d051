import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiGet,
  apiToken,
  demoPlatform,
  DESK,
  hasBrowser,
  openBrowser,
  PHONE,
  screenshot,
  shanghai,
  signIn,
  signOut,
  WAIT,
  type Browser,
  type Platform,
} from './vehicles-support.ts';

/**
 * Official vehicles in a real browser, the whole flow: a staff member requests a trip, the unit leader
 * approves it, the dispatcher finds it on the desk and assigns the demo driver by hand, runs automated
 * dispatch for the day and accepts part of the proposal; the driver, on a phone-sized page, accepts,
 * starts and finishes the trip with odometer readings; the passenger confirms and rates it.
 */

describe.skipIf(!hasBrowser)('official vehicles in the browser', () => {
  let platform: Platform;
  let browser: Browser;
  demoPlatform({ browser: DESK }, (f) => ({ platform, browser } = f));

  it('request → approval → desk (manual and automated) → driver → confirmation', async () => {
    const { page } = browser;
    const url = platform.url;
    // tomorrow (Shanghai) at 10:37: the demo's open requests are for that day too
    const [day] = shanghai(new Date(Date.now() + 86_400_000));
    const departs = `${day} 10:37`;
    const returns = `${day} 12:07`;
    const purpose = `E2E 赴区政府调研 ${String(Date.now()).slice(-5)}`;

    // 1. the staff member asks for a car
    await signIn(page, url, 'staff');
    await page.goto(`${url}/vehicles/requests`);
    await page.getByTestId('veh-new-request').click();
    await page.getByTestId('veh-origin').click();
    await page.keyboard.press('Enter');
    await page.getByTestId('veh-destinations').click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.getByTestId('veh-departs').click();
    await page.getByTestId('veh-departs').fill(departs);
    await page.keyboard.press('Enter');
    await page.locator('.ant-modal-title').click(); // closes the picker
    await page.getByTestId('veh-returns').click();
    await page.getByTestId('veh-returns').fill(returns);
    await page.keyboard.press('Enter');
    await page.locator('.ant-modal-title').click();
    await page.getByTestId('veh-purpose').fill(purpose);
    await screenshot(page, 'vehicles-1-request');
    await page.getByTestId('veh-request-submit').click();
    // the demo's requests depart at other minutes: 10:37 is ours
    const ours = page
      .getByTestId('veh-my-requests')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: '10:37' });
    await expect.poll(() => ours.getByTestId('veh-request-status').textContent()).toBe('审批中');
    const no = (await ours.locator('td').first().textContent())!;
    expect(no).toMatch(/^YC\d+/);
    await screenshot(page, 'vehicles-2-submitted');
    // …changes it before approval (the form comes back filled in; the request goes for approval again)
    await ours.getByTestId('veh-change').click();
    await expect.poll(() => page.getByTestId('veh-purpose').inputValue()).toBe(purpose);
    await page.getByTestId('veh-contact-phone').fill('13900001111');
    await screenshot(page, 'vehicles-2b-change');
    await page.getByTestId('veh-request-submit').click();
    const staffToken = await apiToken(url, 'staff');
    await expect
      .poll(
        async () =>
          (
            await apiGet<{ items: { no: string; contactPhone: string | null; status: string }[] }>(
              `${url}/api/vehicles/requests?mine=true&pageSize=100`,
              staffToken,
            )
          ).items.find((r) => r.no === no)?.contactPhone,
        WAIT,
      )
      .toBe('13900001111');
    await expect.poll(() => ours.getByTestId('veh-request-status').textContent()).toBe('审批中');
    // staff see only their own: no switch to a wider view
    expect(await page.getByTestId('veh-requests-view').count()).toBe(0);
    await signOut(page);

    // 2. the unit leader approves
    await signIn(page, url, 'unit_admin');
    await page.getByTestId('menu-approvals-inbox').click();
    await page.locator('[data-testid="inbox-open"][data-title*="10:37"]').first().click();
    await page.getByTestId('matter-approve').click();
    await page.getByTestId('matter-opinion').fill('同意。');
    await page.getByTestId('matter-decide-confirm').click();
    await page.locator('[data-testid="matter-status"][data-status="approved"]').waitFor();
    await screenshot(page, 'vehicles-3-approved');
    // …and sees it among the unit's requests (read-only), with who asked
    await page.goto(`${url}/vehicles/requests`);
    await page.getByTestId('veh-requests-view').getByText('本单位用车申请').click();
    const unitRow = page
      .getByTestId('veh-my-requests')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: no });
    await expect.poll(() => unitRow.getByTestId('veh-request-status').textContent(), WAIT).toBe('待派车');
    expect(await unitRow.getByTestId('veh-request-requester').textContent()).not.toBe('');
    expect(await unitRow.getByTestId('veh-cancel').count()).toBe(0);
    await screenshot(page, 'vehicles-3b-unit-requests');
    await signOut(page);

    // 3. the dispatcher assigns the demo driver by hand, then plans the rest of the day
    const driverToken = await apiToken(url, 'driver');
    const mine = await apiGet<{ driver: { name: string } }>(`${url}/api/vehicles/my/trips`, driverToken);
    const dispatcherToken = await apiToken(url, 'dispatcher');
    const timeline = await apiGet<{
      vehicles: { id: string; plate: string; status: string; seats: number }[];
    }>(`${url}/api/vehicles/desk/timeline?date=${day}`, dispatcherToken);
    const car = timeline.vehicles.find((v) => v.status === 'available' && v.seats >= 5)!;
    await signIn(page, url, 'dispatcher');
    await page.goto(`${url}/vehicles/desk?date=${day}`);
    const row = page.getByTestId('veh-queue').locator('tbody tr.ant-table-row').filter({ hasText: no });
    await row.waitFor();
    await screenshot(page, 'vehicles-4-desk');
    await row.getByRole('button').click();
    const modal = page.locator('.ant-modal').filter({ hasText: no });
    await modal.locator('.ant-select').nth(0).click();
    // the pickers say each vehicle's status and each driver's licence expiry, and grey out what cannot go
    await page
      .locator('.ant-select-dropdown')
      .getByText(/可用|维修|封存|出车中/)
      .first()
      .waitFor(WAIT);
    await screenshot(page, 'vehicles-5a-vehicle-picker');
    await page.keyboard.type(car.plate);
    await page.keyboard.press('Enter');
    await modal.locator('.ant-select').nth(1).click();
    await page
      .locator('.ant-select-dropdown')
      .getByText(/驾驶证/)
      .first()
      .waitFor(WAIT);
    await screenshot(page, 'vehicles-5b-driver-picker');
    await page.keyboard.type(mine.driver.name);
    await page.keyboard.press('Enter');
    await screenshot(page, 'vehicles-5-assign');
    await modal.locator('.ant-btn-primary').click();
    await expect.poll(() => row.count()).toBe(0); // left the queue

    await page.getByTestId('veh-auto-plan').click();
    const proposal = page.getByTestId('veh-proposal');
    await proposal.waitFor({ timeout: 60_000 });
    await screenshot(page, 'vehicles-6-proposal');
    // accept only the first two routes
    const boxes = proposal.locator('tbody .ant-checkbox-input');
    const routes = await boxes.count();
    expect(routes).toBeGreaterThan(2);
    for (let k = 2; k < routes; k++) await boxes.nth(k).uncheck();
    await proposal.getByRole('button', { name: /采纳所选/ }).click();
    await proposal.waitFor({ state: 'detached' });
    await screenshot(page, 'vehicles-7-accepted');
    await signOut(page);

    // 4. the driver on a phone
    const phone = await openBrowser(PHONE);
    const p2 = phone.page;
    // the phone shares its location: the page reports it while the trip is on the road
    await phone.context.grantPermissions(['geolocation'], { origin: url });
    await phone.context.setGeolocation({ latitude: 31.78, longitude: 119.95 });
    await signIn(p2, url, 'driver');
    await p2.goto(`${url}/vehicles/driver`);
    const trip = p2
      .getByTestId('veh-driver-trip')
      .filter({ hasText: purpose.slice(0, 6) })
      .first();
    await trip.waitFor();
    await screenshot(p2, 'vehicles-8-driver');
    await trip.getByTestId('veh-accept').click();
    await trip.getByTestId('veh-start').waitFor();
    const odo = trip.getByTestId('veh-odometer');
    const start = Number((await odo.inputValue()) || '0') || 50_000;
    await odo.fill(String(start));
    await trip.getByTestId('veh-start').click();
    await trip.getByTestId('veh-arrive').waitFor();
    const onRoad = (
      await apiGet<{ trips: { vehicleId: string; purpose: string | null; status: string }[] }>(
        `${url}/api/vehicles/my/trips`,
        driverToken,
      )
    ).trips.find((x) => x.status === 'started' && x.purpose === purpose)!;
    const since = new Date(Date.now() - 10 * 60_000).toISOString();
    await expect
      .poll(
        async () =>
          (
            await apiGet<{ sources: Record<string, number> }>(
              `${url}/api/vehicles/command/vehicles/${onRoad.vehicleId}/track?from=${encodeURIComponent(since)}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
              dispatcherToken,
            )
          ).sources.phone ?? 0,
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    await trip.getByTestId('veh-arrive').click();
    await trip.getByTestId('veh-finish').waitFor();
    await trip.getByTestId('veh-odometer').fill(String(start + 23));
    await screenshot(p2, 'vehicles-9-finishing');
    await trip.getByTestId('veh-finish').click();
    await expect.poll(() => trip.getByTestId('veh-finish').count()).toBe(0);
    await screenshot(p2, 'vehicles-10-finished');
    await phone.close();

    // 5. the passenger confirms and rates
    await signIn(page, url, 'staff');
    await page.goto(`${url}/vehicles/requests`);
    const mineRow = page
      .getByTestId('veh-my-requests')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: no });
    await expect.poll(() => mineRow.getByTestId('veh-request-status').textContent()).toBe('已完成');
    await mineRow.getByTestId('veh-rate').locator('.ant-rate-star').nth(4).click();
    await expect.poll(() => mineRow.locator('.ant-rate-disabled').count()).toBe(1);
    await screenshot(page, 'vehicles-11-rated');
  }, 300_000);

  it('a sealed vehicle on the desk (English): tagged, asked for, approved, assigned and flagged', async () => {
    const { page } = browser;
    const url = platform.url;
    const [day] = shanghai(new Date(Date.now() + 86_400_000));
    const admin = await apiToken(url, 'admin');
    const dispatcher = await apiToken(url, 'dispatcher');
    type Tl = {
      vehicles: { id: string; plate: string; status: string; seats: number; lendMode: string }[];
      drivers: { id: string; name: string; phone: string; licenceExpiresOn: string }[];
      trips: { vehicleId: string; driverId: string }[];
    };
    const tl = await apiGet<Tl>(`${url}/api/vehicles/desk/timeline?date=${day}`, dispatcher);
    const queue = await apiGet<{
      items: { id: string; no: string; passengers: number; needCategory: string | null }[];
    }>(`${url}/api/vehicles/desk/queue?date=${day}`, dispatcher);
    const req = queue.items.find((r) => r.needCategory === null)!;
    const car = tl.vehicles.find(
      (v) =>
        v.status === 'available' &&
        v.seats - 1 >= req.passengers &&
        !tl.trips.some((x) => x.vehicleId === v.id),
    )!;
    // drivers share names (the demo has many a 何伟): the picker shows each one's phone
    const free = tl.drivers.find(
      (d) => d.licenceExpiresOn > day && d.phone && !tl.trips.some((x) => x.driverId === d.id),
    )!;
    const sealed = await fetch(`${url}/api/vehicles/vehicles/${car.id}/seal`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'seal', reason: '长期停驶' }),
    });
    expect(sealed.status).toBe(200);

    await signIn(page, url, 'dispatcher');
    await page.evaluate(() => localStorage.setItem('goa.locale', 'en'));
    await page.goto(`${url}/vehicles/desk?date=${day}`);
    const row = page.getByTestId('veh-queue').locator('tbody tr.ant-table-row').filter({ hasText: req.no });
    const pick = async () => {
      await row.getByRole('button', { name: 'Assign' }).click();
      const modal = page.locator('.ant-modal').filter({ hasText: req.no });
      await modal.locator('.ant-select').nth(0).click();
      await page.keyboard.type(car.plate);
      // the picker shows the sealed vehicle, tagged, instead of hiding it
      await page.locator('.ant-select-dropdown').getByTestId('veh-option-sealed').first().waitFor(WAIT);
      await page.keyboard.press('Enter');
      return modal;
    };
    let modal = await pick();
    await page.getByTestId('veh-sealed-picked').waitFor(WAIT);
    await screenshot(page, 'vehicles-sealed-1-picked');
    // asking needs a reason, said under the box
    await page.getByTestId('veh-ask-sealed-use').click();
    await page.getByText('Give the reason').waitFor();
    await page.getByTestId('veh-sealed-reason').fill('Flood inspection over the holiday');
    await page.getByTestId('veh-ask-sealed-use').click();
    await expect
      .poll(() => row.getByTestId('veh-sealed-use').textContent(), WAIT)
      .toBe('Sealed use in approval');
    // assigning before the approval: the 409 names the rule, under the vehicle field
    await modal.locator('.ant-select').nth(1).click();
    await page.keyboard.type(free.phone);
    await page.keyboard.press('Enter');
    await modal.locator('.ant-btn-primary').click();
    await modal.getByText(/under the vehicle sealing rule/).waitFor(WAIT);
    await screenshot(page, 'vehicles-sealed-2-refused');
    await modal.locator('.ant-modal-footer .ant-btn-default').click();

    // the bureau approves the special use (the city dispatcher's matter)
    const inbox = await apiGet<{ items: { id: string; type: string; title: string }[] }>(
      `${url}/api/approvals/inbox?pageSize=100`,
      admin,
    );
    const matter = inbox.items.find((i) => i.type === 'vehicles.sealed_use' && i.title.includes(req.no))!;
    const decided = await fetch(`${url}/api/approvals/matters/${matter.id}/decide`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(decided.status).toBe(200);
    await page.reload();
    await expect
      .poll(() => row.getByTestId('veh-sealed-use').textContent(), WAIT)
      .toBe('Sealed use approved');
    modal = await pick();
    await modal.locator('.ant-select').nth(1).click();
    await page.keyboard.type(free.phone);
    await page.keyboard.press('Enter');
    await modal.locator('.ant-btn-primary').click();
    await expect.poll(() => row.count(), WAIT).toBe(0);
    // flagged on the timeline and on the slip
    const bar = page.getByTestId('veh-gantt').locator('[data-sealed-override="true"]');
    await bar.first().waitFor(WAIT);
    await screenshot(page, 'vehicles-sealed-3-timeline');
    await bar.first().click();
    await page.getByTestId('veh-slip-sealed').waitFor(WAIT);
    expect(await page.getByTestId('veh-slip').textContent()).toContain('(signature)');
    await screenshot(page, 'vehicles-sealed-4-slip');
    await page.evaluate(() => localStorage.setItem('goa.locale', 'zh-CN'));
    await signOut(page);
  }, 240_000);

  it('the bureau registers a driver, then puts them on leave', async () => {
    const { page } = browser;
    const url = platform.url;
    const name = `测试${String(Date.now()).slice(-4)}`;
    await signIn(page, url, 'admin');
    await page.goto(`${url}/vehicles/fleet`);
    await page.getByRole('tab', { name: /驾驶员/ }).click();
    await page.getByTestId('veh-driver-new').click();
    const drawer = page.getByTestId('veh-driver-drawer');
    // the licence expiry is asked for, next to its field
    await page.getByTestId('veh-driver-name').fill(name);
    await page.getByTestId('veh-driver-phone').fill('13911112222');
    await page.getByTestId('veh-driver-save').click();
    await drawer.getByText('必填').first().waitFor(WAIT);
    await page.getByTestId('veh-driver-unit').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.getByTestId('veh-driver-licence-expires').click();
    await page.getByTestId('veh-driver-licence-expires').fill('2030-06-30');
    await page.keyboard.press('Enter');
    await screenshot(page, 'vehicles-driver-new');
    await page.getByTestId('veh-driver-save').click();
    await drawer.waitFor({ state: 'detached', ...WAIT });
    // three hundred and more drivers: the search finds ours
    await page.getByTestId('veh-driver-search').fill(name);
    await page.keyboard.press('Enter');
    const row = page.getByTestId('veh-drivers').locator('tbody tr', { hasText: name });
    await expect.poll(() => row.locator('.ant-tag').textContent(), WAIT).toBe('在岗');
    await row.getByTestId('veh-driver-edit').click();
    await page.getByTestId('veh-driver-status').click();
    await page.locator('.ant-select-dropdown:visible').getByText('休假').click();
    await page.getByTestId('veh-driver-save').click();
    await expect.poll(() => row.locator('.ant-tag').textContent(), WAIT).toBe('休假');
    await screenshot(page, 'vehicles-driver-on-leave');
    await signOut(page);
  }, 180_000);

  it('staff follow their requests on a phone and cancel one, giving a reason', async () => {
    const phone = await openBrowser(PHONE);
    try {
      await cancelOnPhone(phone.page);
    } finally {
      await phone.close();
    }
  });

  async function cancelOnPhone(page: Page) {
    await signIn(page, platform.url, 'staff');
    await page.goto(`${platform.url}/vehicles/requests`);
    // cards on a phone, not a table squeezed to the screen's width
    const card = page
      .getByTestId('veh-my-request-card')
      .filter({ has: page.getByTestId('veh-cancel') })
      .first();
    await card.waitFor(WAIT);
    expect(await page.getByTestId('veh-my-requests').count()).toBe(0);
    const no = /YC\d+/.exec(await card.innerText())![0];
    await screenshot(page, 'vehicles-requests-phone');
    await card.getByTestId('veh-cancel').click();
    // not cancelled on one tap: a reason is asked for first
    await page.getByTestId('veh-cancel-ok').click();
    await page.getByText('请填写取消原因').waitFor();
    await page.getByTestId('veh-cancel-reason').fill('会议改期');
    await page.getByTestId('veh-cancel-ok').click();
    const same = page.getByTestId('veh-my-request-card').filter({ hasText: no });
    await expect.poll(() => same.getByTestId('veh-request-status').textContent(), WAIT).toBe('已取消');
    expect(await same.getByTestId('veh-cancel').count()).toBe(0);
    await screenshot(page, 'vehicles-requests-phone-cancelled');
  }
});
