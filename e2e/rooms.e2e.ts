import fs from 'node:fs';
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
 * Meeting rooms in a real browser: a staff member finds a free room, books it, sees it under 我的预订
 * and downloads its .ics invitation (checked line by line); the building calendar and the managers'
 * page are shot for a person to look at.
 */

/** Picks the option of an antd Select (by its test id) whose text is `text`. */
async function choose(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  const exact = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: exact })
    .first()
    .click();
}

/** Closes the open dialog by its close button and waits until the element `testId` inside it is gone. */
async function closeDialog(page: Page, testId: string) {
  await page.locator('.ant-modal-wrap:visible .ant-modal-close').click();
  await page.getByTestId(testId).waitFor({ state: 'hidden' });
}

/** Shows a day in the calendar: its date typed into the date picker. */
async function showDay(page: Page, day: string) {
  const input = page.locator('.ant-picker input').first();
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

describe.skipIf(!hasBrowser)('meeting rooms in the browser', () => {
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

  it('a staff member books a room and downloads its .ics', async () => {
    const { page } = browser;
    await signIn(page, platform.url, 'staff');
    await page.goto(`${platform.url}/rooms`);
    await page.getByTestId('room-card').first().waitFor();
    await screenshot(page, 'rooms-1-search');
    // a room for listed units only (its building's managing unit): staff of another unit see why
    // they cannot book it instead of filling in the form and being refused
    const unitsOnly = page.getByTestId('room-card').filter({ hasText: '指定单位可订' }).first();
    await unitsOnly.waitFor();
    expect(await unitsOnly.getByTestId('room-book').isDisabled()).toBe(true);
    const roomName = (await page
      .getByTestId('room-card')
      .first()
      .locator('.ant-card-head-title')
      .textContent())!;
    await page.getByTestId('room-book').first().click();
    const title = `E2E 项目推进会 ${Date.now().toString(36)}`;
    await page.getByTestId('book-title').fill(title);
    await page.getByTestId('book-attendees').fill('4');
    await screenshot(page, 'rooms-2-book-dialog');
    await page.getByTestId('book-submit').click();
    await page.waitForURL(/\/rooms\/mine$/);
    const item = page.getByTestId('booking-item').filter({ hasText: title });
    await item.waitFor();
    expect(await item.textContent()).toContain(roomName);
    await screenshot(page, 'rooms-3-mine');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByTestId('booking-ics').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^booking-[0-9a-f]{8}\.ics$/);
    const ics = fs.readFileSync((await download.path())!, 'utf8');
    const lines = ics.split(/\r\n/);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('METHOD:REQUEST');
    expect(lines).toContain('BEGIN:VEVENT');
    expect(lines).toContain('SEQUENCE:0');
    expect(ics).toContain(`SUMMARY:${title}`);
    expect(ics).toContain(roomName);
    expect(lines.some((l) => /^UID:[0-9a-f-]{36}@/.test(l))).toBe(true);
    expect(lines.some((l) => /^DTSTART:\d{8}T\d{6}Z$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('ORGANIZER;CN=') && l.includes('mailto:staff@'))).toBe(true);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);

    await page.getByTestId('feed-subscribe').click();
    const url = await page.getByTestId('feed-url').inputValue();
    expect(url).toMatch(/\/api\/rooms\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await (await fetch(url)).text();
    expect(feed).toContain(`SUMMARY:${title}`);
    await screenshot(page, 'rooms-4-feed');
    await page.keyboard.press('Escape');

    // the booking on its building's calendar: the organiser opens it (with its invitation)
    const booked = (
      await apiCall<{ id: string; title: string; start: string; buildingName: string; roomName: string }[]>(
        page,
        'GET',
        '/api/rooms/mine',
      )
    ).find((x) => x.title === title)!;
    const day = new Date(booked.start).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const openCalendar = async () => {
      await page.goto(`${platform.url}/rooms/calendar`);
      await page.getByTestId('calendar-building').waitFor();
      await choose(page, 'calendar-building', booked.buildingName);
      await showDay(page, day);
    };
    await openCalendar();
    const block = page.getByTestId('calendar-booking').filter({ hasText: title });
    await block.click();
    await page.getByTestId('booking-detail').waitFor();
    expect(await page.getByTestId('detail-ics').count()).toBe(1);
    await screenshot(page, 'rooms-5-calendar-day');
    await closeDialog(page, 'booking-detail');
    await page.getByText('周', { exact: true }).click();
    await page.getByTestId('calendar-booking').first().waitFor();
    await screenshot(page, 'rooms-6-calendar-week');
    await page.getByTitle('日', { exact: true }).click();

    // a room's own feed, subscribed from its calendar
    await choose(page, 'calendar-room', booked.roomName);
    await page.getByTestId('room-feed-subscribe').click();
    const roomFeedUrl = await page.getByTestId('feed-url').inputValue();
    expect(roomFeedUrl).toMatch(/\/api\/rooms\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const roomFeed = await (await fetch(roomFeedUrl)).text();
    expect(roomFeed).toContain(`SUMMARY:${title}`);
    expect(roomFeed).toContain(`X-WR-CALNAME:`);
    await closeDialog(page, 'feed-url');
    await signOut(page);

    // another staff member reads the booking but may not act on it
    await signIn(page, platform.url, 'wujin_staff');
    await openCalendar();
    await block.click();
    await page.getByTestId('booking-detail').waitFor();
    expect(await page.getByTestId('detail-cancel').count()).toBe(0);
    await closeDialog(page, 'booking-detail');
    await signOut(page);

    // the room's manager frees the room: the booking leaves the calendar
    await signIn(page, platform.url, 'admin');
    await openCalendar();
    await block.click();
    await page.getByTestId('detail-cancel').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await block.waitFor({ state: 'detached' });
    const after = await apiCall<{ status: string }>(page, 'GET', `/api/rooms/bookings/${booked.id}`);
    expect(after.status).toBe('cancelled');

    await page.goto(`${platform.url}/rooms/manage`);
    await page.getByText('市行政中心').first().waitFor();
    await screenshot(page, 'rooms-7-manage');
    // a room for listed units: the units are chosen in the form (at least one)
    await page.getByTestId('room-edit').first().click();
    await choose(page, 'room-policy', '指定单位可订');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await page.getByText('请至少选择一个可预订的单位').waitFor();
    await page.getByTestId('room-units').click();
    await page.keyboard.type('教育局');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '常州市教育局' })
      .first()
      .click();
    // close the dropdown (Escape would close the dialog too)
    await page.locator('.ant-modal-title').click();
    await screenshot(page, 'rooms-8-manage-units');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await page.getByText('限常州市教育局').first().waitFor();
  }, 180_000);
  it('the auditor sees the rooms and their calendar, read-only, with no booking controls', async () => {
    const { page } = browser;
    await signIn(page, platform.url, 'auditor');
    // the menu offers the rooms pages the auditor may open, and no booking or managing page
    await page.goto(`${platform.url}/rooms`);
    await page.getByTestId('room-card').first().waitFor();
    const menu = page.locator('.ant-menu');
    await menu.getByText('查找会议室').first().waitFor({ state: 'attached' });
    expect(await menu.getByText('会议室管理').count()).toBe(0);
    expect(await menu.getByText('我的预订').count()).toBe(0);
    expect(await page.getByTestId('room-book').count()).toBe(0);
    await screenshot(page, 'rooms-9-auditor-catalogue');
    await page.goto(`${platform.url}/rooms/calendar`);
    await page.getByTestId('calendar-building').waitFor();
    await page.getByText('周', { exact: true }).click();
    await page.getByTestId('calendar-booking').first().click();
    await page.getByTestId('booking-detail').waitFor();
    expect(await page.getByTestId('detail-cancel').count()).toBe(0);
    expect(await page.getByTestId('detail-ics').count()).toBe(0);
    expect(await page.getByTestId('room-feed-subscribe').count()).toBe(0);
    await screenshot(page, 'rooms-10-auditor-calendar');
  }, 120_000);
});
