import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  demoPlatform,
  DESK,
  hasBrowser,
  localDate,
  screenshot,
  signIn,
  signOut,
  WAIT,
  type Browser,
  type Platform,
} from './vehicles-support.ts';

/**
 * The vehicles command view in a real browser on the demo city: a district dispatcher sees only its
 * pool's board (counts, the map's markers), a city dispatcher replays a past trip from its GPS track
 * and sees a plan proposal's routes on the desk's map tab. Pages are shot for a person to look at.
 */

const count = async (page: Page, id: string) =>
  Number(await page.getByTestId(id).locator('.veh-cmd-count-value').textContent());

describe.skipIf(!hasBrowser)('the vehicles command view in the browser', () => {
  let platform: Platform;
  let browser: Browser;
  demoPlatform({ browser: DESK }, (f) => ({ platform, browser } = f));

  it('a district dispatcher sees its pool on the board and the map', async () => {
    const { page } = browser;
    await signIn(page, platform.url, 'wujin_dispatcher');
    await page.goto(`${platform.url}/vehicles/command`);
    const map = page.getByTestId('veh-cmd-map').locator('.leaflet-container');
    await map.waitFor();
    await page.waitForFunction(
      () =>
        Number(
          document.querySelector('[data-testid="veh-cmd-count-total"] .veh-cmd-count-value')?.textContent,
        ) > 0,
    );
    // 武进's pool only: 50 vehicles, the counts add up, one row in the pools table
    const total = await count(page, 'veh-cmd-count-total');
    expect(total).toBe(50);
    let sum = 0;
    for (const s of ['available', 'in_use', 'maintenance', 'sealed', 'retired'])
      sum += await count(page, `veh-cmd-count-${s}`);
    expect(sum).toBe(total);
    const pools = page.getByTestId('veh-cmd-pools').locator('tbody tr.ant-table-row');
    expect(await pools.count()).toBe(1);
    expect(await pools.first().textContent()).toContain('武进区');
    // every vehicle has reported a position (seeded, then the simulator): a marker each
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="veh-cmd-map"] .leaflet-container')
          ?.getAttribute('data-markers') === '50',
    );
    // the bundled district outlines are drawn with their names
    await page.locator('.veh-map-district', { hasText: '武进区' }).first().waitFor();
    // filtering the list by status
    await page.getByTestId('veh-cmd-count-available').click();
    const available = await count(page, 'veh-cmd-count-available');
    await page.waitForFunction(
      (n) =>
        document
          .querySelector('[data-testid="veh-cmd-map"] .leaflet-container')
          ?.getAttribute('data-markers') === String(n),
      available,
    );
    await page.getByTestId('veh-cmd-count-total').click();
    // a vehicle's popup says where its position came from (the demo's come from the simulator)
    await page.getByTestId('veh-cmd-list').locator('tbody tr.ant-table-row').first().click();
    await expect.poll(() => page.getByTestId('veh-cmd-popup-source').textContent(), WAIT).toBe('模拟器');
    await screenshot(page, 'vehicles-command-1-board');
    await signOut(page);
  });

  it('a city dispatcher follows an alert to its vehicle and replays a past trip from its track', async () => {
    const { page } = browser;
    await signIn(page, platform.url, 'dispatcher');
    // the city's open alerts (the demo keeps the sealed vehicles' moves open), each leading to its
    // vehicle on the map
    await page.goto(`${platform.url}/vehicles/command`);
    const alert = page.getByTestId('veh-cmd-alerts').getByTestId('veh-cmd-alert').first();
    await alert.waitFor(WAIT);
    const plate = await alert.locator('b').textContent();
    expect(plate).toMatch(/^苏D/);
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-testid="veh-cmd-map"] .leaflet-container')
            ?.getAttribute('data-markers'),
        ) > 0,
    );
    await alert.getByText('定位').click();
    await expect.poll(() => page.getByTestId('veh-cmd-popup').textContent(), WAIT).toContain(plate);
    // a finished trip of nine days ago (the demo keeps ten days of tracks)
    const trips = await page.evaluate(async (date) => {
      const res = await fetch(`/api/vehicles/command/trips?date=${date}`);
      return (await res.json()) as { id: string; no: string; plate: string; status: string }[];
    }, localDate(-9));
    const trip = trips.find((x) => x.status === 'finished');
    expect(trip).toBeDefined();
    await page.goto(`${platform.url}/vehicles/command?trip=${trip!.id}`);
    await page.getByTestId('veh-replay-player').waitFor();
    expect(await page.getByTestId('veh-replay-info').textContent()).toContain(trip!.plate);
    // the track's positions by source, and the source of the one under the clock
    expect(await page.getByTestId('veh-replay-sources').textContent()).toMatch(/^模拟器 \d+ 个$/);
    expect(await page.getByTestId('veh-replay-clock').textContent()).toContain('模拟器');
    const first = await page.getByTestId('veh-replay-clock').textContent();
    await page.getByTestId('veh-replay-play').click();
    await page.waitForFunction(
      (t) => document.querySelector('[data-testid="veh-replay-clock"]')?.textContent !== t,
      first,
    );
    await page.getByTestId('veh-replay-play').click();
    // the track is drawn as lines on the map
    expect(
      await page.getByTestId('veh-replay-map').locator('path.leaflet-interactive, canvas').count(),
    ).toBeGreaterThan(0);
    await screenshot(page, 'vehicles-command-2-replay');
  });

  it('the dispatch desk shows a plan proposal on the map', async () => {
    const { page } = browser;
    // the desk opens on today; the demo's open requests are tomorrow's, and the queue points there
    await page.goto(`${platform.url}/vehicles/desk`);
    await page
      .getByTestId('veh-open-days')
      .locator(`[data-date="${localDate(1)}"]`)
      .click();
    await page.getByTestId('veh-queue').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('veh-queue').innerText()).toContain(localDate(1));
    await page.getByTestId('veh-auto-plan').click();
    await page.getByTestId('veh-proposal').waitFor({ timeout: 60_000 });
    await page.getByTestId('veh-plan-tab-map').click();
    const legend = page.getByTestId('veh-plan-map-legend');
    await legend.waitFor();
    expect(await legend.locator('div').count()).toBeGreaterThan(0);
    await screenshot(page, 'vehicles-command-3-plan-map');
  });
});
