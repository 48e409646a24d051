import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { countRows, createTestApp, dbKinds, TestClient, type TestApp } from '../../kernel/testing/harness.ts';
import { SYSTEM_ACTOR } from '../../kernel/http/access.ts';
import { releaseNoShows } from './bookings.ts';
import { roomsWorld, type RoomsWorld } from './test-world.ts';

const TABLES = ['room_booking', 'room_booking_series', 'approval_matter', 'audit_log'];
const HOUR = 3_600_000;
/** a whole hour some days ahead, so tests never book the past */
const at = (dayOffset: number, hour: number) => {
  const d = new Date(Date.now() + dayOffset * 24 * HOUR);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

describe.each(dbKinds)('room bookings on %s', (kind) => {
  let t: TestApp;
  let w: RoomsWorld;
  let room: string;
  let approvalRoom: string;
  let unitsRoom: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await roomsWorld(t);
    const b = await w.districtA.client.post('/api/rooms/buildings', {
      code: 'JA-ZF',
      name: '甲区政府大楼',
      unitId: w.a1.id,
      floors: 10,
    });
    const mk = async (over: Record<string, unknown>) => {
      const res = await w.unitA1.client.post('/api/rooms/rooms', {
        buildingId: b.body.id,
        floor: 2,
        capacity: 10,
        equipment: ['projector', 'whiteboard'],
        ...over,
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    room = await mk({ code: '201', name: '第一会议室' });
    approvalRoom = await mk({
      code: '801',
      name: '多功能厅',
      capacity: 100,
      policy: 'approval',
      equipment: ['video'],
    });
    unitsRoom = await mk({ code: '501', name: '洽谈室', capacity: 6, policy: 'units', unitIds: [w.a2.id] });
  });
  afterAll(() => t.close());

  it('books through the public API: 201, then 409 room_booked for an overlapping time', async () => {
    const body = { start: at(2, 1), end: at(2, 2), title: '周例会' };
    const ok = await w.staffA1.client.post(`/api/meeting-rooms/${room}/bookings`, body);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ roomId: room, title: '周例会', status: 'confirmed', occurrences: 1 });
    const overlap = await w.staffB1.client.post(`/api/meeting-rooms/${room}/bookings`, {
      start: at(2, 1).replace(':00:00.000Z', ':30:00.000Z'),
      end: at(2, 3),
      title: '撞车',
    });
    expect(overlap.status).toBe(409);
    expect(overlap.body.error.code).toBe('room_booked');
    // back-to-back is fine: [start, end) ranges
    const next = await w.staffB1.client.post(`/api/meeting-rooms/${room}/bookings`, {
      start: at(2, 2),
      end: at(2, 3),
      title: '紧接着',
    });
    expect(next.status).toBe(201);
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'jurisdiction_id'])
      .where('entity', '=', 'rooms.booking')
      .where('entity_id', '=', ok.body.id)
      .execute();
    expect(log).toEqual([{ action: 'create', jurisdiction_id: w.jA.id }]);
  });

  it('lists rooms and searches free ones by time, capacity and equipment', async () => {
    const all = await w.staffB1.client.get('/api/meeting-rooms');
    expect(all.status).toBe(200);
    expect(all.body.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining([room, approvalRoom, unitsRoom]),
    );
    // a listed-units room names its units, for the managers' form and for the people it turns away
    expect(all.body.find((r: { id: string }) => r.id === unitsRoom)).toMatchObject({
      unitIds: [w.a2.id],
      unitNames: ['甲区教育局'],
    });
    const free = await w.staffB1.client.get(
      `/api/meeting-rooms?start=${encodeURIComponent(at(2, 1))}&end=${encodeURIComponent(at(2, 2))}&capacity=5`,
    );
    const ids = free.body.map((r: { id: string }) => r.id);
    expect(ids).not.toContain(room);
    expect(ids).toEqual(expect.arrayContaining([approvalRoom, unitsRoom]));
    const withVideo = await w.staffB1.client.get('/api/meeting-rooms?equipment=video&capacity=50');
    expect(withVideo.body.map((r: { id: string }) => r.id)).toEqual([approvalRoom]);
  });

  it('refuses bad input with kernel-shape errors and writes nothing', async () => {
    const before = await countRows(t.ctx, TABLES);
    const post = (roomId: string, b: Record<string, unknown>) =>
      w.staffA1.client.post(`/api/meeting-rooms/${roomId}/bookings`, { title: '坏请求', ...b });
    const endFirst = await post(room, { start: at(3, 3), end: at(3, 2) });
    expect(endFirst.status).toBe(400);
    expect(endFirst.body.error).toMatchObject({ code: 'end_before_start', details: [{ field: 'end' }] });
    const past = await post(room, { start: at(-1, 3), end: at(-1, 4) });
    expect(past.status).toBe(400);
    expect(past.body.error).toMatchObject({ code: 'booking_in_past', details: [{ field: 'start' }] });
    const crowd = await post(room, { start: at(3, 3), end: at(3, 4), attendees: 11 });
    expect(crowd.status).toBe(400);
    expect(crowd.body.error).toMatchObject({
      code: 'over_capacity',
      details: [{ field: 'attendees', capacity: 10 }],
    });
    const forever = await post(room, {
      start: at(3, 3),
      end: at(3, 4),
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=60' },
    });
    expect(forever.status).toBe(400);
    expect(forever.body.error).toMatchObject({
      code: 'recurrence_too_long',
      details: [{ field: 'recurrence.rrule' }],
    });
    const open = await post(room, { start: at(3, 3), end: at(3, 4), recurrence: { rrule: 'FREQ=DAILY' } });
    expect(open.body.error.code).toBe('recurrence_too_long');
    const listed = await post(unitsRoom, { start: at(3, 3), end: at(3, 4) });
    expect(listed.status).toBe(403);
    const unknown = await post('00000000-0000-4000-8000-000000000000', { start: at(3, 3), end: at(3, 4) });
    expect(unknown.status).toBe(404);
    const en = new TestClient(t.app, w.staffA1.client.token, 'en');
    const msg = await en.post(`/api/meeting-rooms/${room}/bookings`, {
      title: 'x',
      start: at(3, 3),
      end: at(3, 2),
    });
    expect(msg.body.error.message).toBe('The end must be after the start');
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });

  it('books a weekly series with an exception, all or nothing', async () => {
    const start = at(7, 6);
    const second = new Date(new Date(start).getTime() + 7 * 24 * HOUR).toISOString();
    const third = new Date(new Date(start).getTime() + 14 * 24 * HOUR).toISOString();
    const res = await w.staffA1.client.post(`/api/meeting-rooms/${room}/bookings`, {
      start,
      end: at(7, 7),
      title: '周会（系列）',
      attendees: 8,
      services: ['tea', 'name_cards'],
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=4', exdates: [second] },
    });
    expect(res.status).toBe(201);
    expect(res.body.occurrences).toBe(3);
    const series = await t.ctx.db
      .selectFrom('room_booking')
      .select(['starts_at'])
      .where('series_id', '=', res.body.seriesId)
      .orderBy('starts_at')
      .execute();
    expect(series.map((s) => new Date(s.starts_at).toISOString())).not.toContain(second);
    // a second series clashing with one occurrence is refused whole, naming the clash
    const before = await countRows(t.ctx, TABLES);
    const clash = await w.staffB1.client.post(`/api/meeting-rooms/${room}/bookings`, {
      start: third,
      end: new Date(new Date(third).getTime() + HOUR).toISOString(),
      title: '冲突系列',
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('room_booked');
    expect(clash.body.error.details[0].start).toBe(third);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
    // cancelling one occurrence frees it and records the exception
    const first = await w.staffA1.client.post(`/api/rooms/bookings/${res.body.id}/cancel`, {});
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'cancelled', sequence: 1 });
    const s = await t.ctx.db
      .selectFrom('room_booking_series')
      .select('exdates')
      .where('id', '=', res.body.seriesId)
      .executeTakeFirstOrThrow();
    expect(s.exdates.map((d) => new Date(d).toISOString()).sort()).toEqual([second, start].sort());
    // someone else cannot cancel it
    const others = await t.ctx.db
      .selectFrom('room_booking')
      .select('id')
      .where('series_id', '=', res.body.seriesId)
      .where('status', '=', 'confirmed')
      .execute();
    expect((await w.staffB1.client.post(`/api/rooms/bookings/${others[0]!.id}/cancel`, {})).status).toBe(403);
    const rest = await w.staffA1.client.post(`/api/rooms/bookings/${others[0]!.id}/cancel`, { series: true });
    expect(rest.status).toBe(200);
    const left = await t.ctx.db
      .selectFrom('room_booking')
      .select('id')
      .where('series_id', '=', res.body.seriesId)
      .where('status', '=', 'confirmed')
      .execute();
    expect(left).toEqual([]);
  });

  it('holds a room needing approval as pending until the district approves', async () => {
    const res = await w.staffA1.client.post(`/api/meeting-rooms/${approvalRoom}/bookings`, {
      start: at(4, 2),
      end: at(4, 4),
      title: '全区大会',
      attendees: 80,
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('pending');
    const matterId = res.body.approvalMatterId as string;
    expect(matterId).toBeTruthy();
    // the slot is held
    const other = await w.staffA1b.client.post(`/api/meeting-rooms/${approvalRoom}/bookings`, {
      start: at(4, 3),
      end: at(4, 5),
      title: '抢占',
    });
    expect(other.status).toBe(409);
    const decided = await w.districtA.client.post(`/api/approvals/matters/${matterId}/decide`, {
      decision: 'approve',
    });
    expect(decided.status).toBe(200);
    const after = await w.staffA1.client.get(`/api/rooms/bookings/${res.body.id}`);
    expect(after.body).toMatchObject({ status: 'confirmed', sequence: 1 });
    // a rejected one frees the slot
    const second = await w.staffA1.client.post(`/api/meeting-rooms/${approvalRoom}/bookings`, {
      start: at(5, 2),
      end: at(5, 4),
      title: '被驳回的会',
    });
    await w.districtA.client.post(`/api/approvals/matters/${second.body.approvalMatterId}/decide`, {
      decision: 'reject',
      opinion: '当天另有安排',
    });
    expect((await w.staffA1.client.get(`/api/rooms/bookings/${second.body.id}`)).body.status).toBe(
      'rejected',
    );
    // each decision is audited on its booking, in the room's jurisdiction
    const decisions = await t.ctx.db
      .selectFrom('audit_log')
      .select(['entity_id', 'action', 'before', 'after', 'jurisdiction_id'])
      .where('entity', '=', 'rooms.booking')
      .where('entity_id', 'in', [res.body.id, second.body.id])
      .where('action', 'in', ['approve', 'reject'])
      .orderBy('id')
      .execute();
    const roomRow = await t.ctx.db
      .selectFrom('meeting_room')
      .select('jurisdiction_id')
      .where('id', '=', approvalRoom)
      .executeTakeFirstOrThrow();
    expect(decisions).toEqual([
      {
        entity_id: res.body.id,
        action: 'approve',
        before: { status: 'pending' },
        after: { status: 'confirmed' },
        jurisdiction_id: roomRow.jurisdiction_id,
      },
      {
        entity_id: second.body.id,
        action: 'reject',
        before: { status: 'pending' },
        after: { status: 'rejected' },
        jurisdiction_id: roomRow.jurisdiction_id,
      },
    ]);
    const retry = await w.staffA1b.client.post(`/api/meeting-rooms/${approvalRoom}/bookings`, {
      start: at(5, 2),
      end: at(5, 4),
      title: '改期',
    });
    expect(retry.status).toBe(201);
  });

  it('checks in around the start and releases no-shows after the configured time', async () => {
    const ins = async (startMs: number, title: string) =>
      (
        await t.ctx.db
          .insertInto('room_booking')
          .values({
            room_id: room,
            title,
            starts_at: new Date(startMs),
            ends_at: new Date(startMs + HOUR),
            organizer_account_id: w.staffA1.account.id,
            organizer_name: '王芳',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    // bookings that started 5 and 40 minutes ago (written directly: the API refuses the past)
    const recent = await ins(Date.now() - 5 * 60_000, '刚开始');
    const late = await ins(Date.now() - 40 * 60_000 - 2 * HOUR, '没人来');
    const tooEarly = await w.staffA1.client.post(`/api/meeting-rooms/${room}/bookings`, {
      start: at(6, 1),
      end: at(6, 2),
      title: '后天的会',
    });
    expect(
      (await w.staffA1.client.post(`/api/rooms/bookings/${tooEarly.body.id}/check-in`)).body.error.code,
    ).toBe('check_in_window');
    const ok = await w.staffA1.client.post(`/api/rooms/bookings/${recent}/check-in`);
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('checked_in');
    expect(await releaseNoShows(t.ctx.db, SYSTEM_ACTOR, 15)).toBeGreaterThanOrEqual(1);
    const rows = await t.ctx.db
      .selectFrom('room_booking')
      .select(['id', 'status'])
      .where('id', 'in', [recent, late])
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [recent]: 'checked_in',
      [late]: 'released',
    });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('actor_label')
      .where('entity_id', '=', late)
      .where('action', '=', 'release')
      .execute();
    expect(audit).toEqual([{ actor_label: 'system' }]);
  });

  it('serves an .ics invitation and tokened feeds that can be revoked', async () => {
    const b = await w.staffA1.client.post(`/api/meeting-rooms/${room}/bookings`, {
      start: at(8, 1),
      end: at(8, 2),
      title: '预算评审会',
    });
    const ics = await w.staffA1.client.get(`/api/rooms/bookings/${b.body.id}/ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.raw).toContain('METHOD:REQUEST');
    expect(ics.raw).toContain(`UID:${b.body.id}@goa.local`);
    expect(ics.raw).toContain('SEQUENCE:0');
    expect(ics.raw).toContain('SUMMARY:预算评审会');
    expect(ics.raw).toContain(`DTSTART:${at(8, 1).replace(/[-:]/g, '').replace('.000', '')}`);
    expect(ics.raw).toMatch(/ORGANIZER;CN="?[^:]+"?:mailto:/);
    expect((await w.staffB1.client.get(`/api/rooms/bookings/${b.body.id}/ics`)).status).toBe(403);
    await w.staffA1.client.post(`/api/rooms/bookings/${b.body.id}/cancel`, {});
    const cancelled = await w.staffA1.client.get(`/api/rooms/bookings/${b.body.id}/ics`);
    expect(cancelled.raw).toContain('METHOD:CANCEL');
    expect(cancelled.raw).toContain('SEQUENCE:1');

    const made = await w.staffA1.client.post('/api/rooms/feeds', { kind: 'person' });
    expect(made.status).toBe(201);
    expect(made.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const path = new URL(made.body.url).pathname;
    const anon = new TestClient(t.app);
    const feed = await anon.get(path);
    expect(feed.status).toBe(200);
    expect(feed.raw).toContain('METHOD:PUBLISH');
    expect(feed.raw).toContain('SUMMARY:周例会');
    const roomFeed = await w.staffB1.client.post('/api/rooms/feeds', { kind: 'room', roomId: room });
    expect((await anon.get(new URL(roomFeed.body.url).pathname)).raw).toContain('SUMMARY:紧接着');
    expect((await anon.get('/api/rooms/feeds/' + 'A'.repeat(43) + '.ics')).status).toBe(404);
    expect((await w.staffB1.client.delete(`/api/rooms/feeds/${made.body.id}`)).status).toBe(404);
    expect((await w.staffA1.client.delete(`/api/rooms/feeds/${made.body.id}`)).status).toBe(204);
    expect((await anon.get(path)).status).toBe(404);
    const list = await w.staffA1.client.get('/api/rooms/feeds');
    expect(list.body[0]).toMatchObject({ id: made.body.id, kind: 'person' });
    expect(list.body[0].revokedAt).toBeTruthy();
    expect(list.body[0].token).toBeUndefined();
  });

  it("lists the caller's own bookings and a building's calendar", async () => {
    const mine = await w.staffA1.client.get('/api/rooms/mine');
    expect(mine.status).toBe(200);
    expect(mine.body.length).toBeGreaterThan(3);
    expect(
      mine.body.every((b: { organizerAccountId: string }) => b.organizerAccountId === w.staffA1.account.id),
    ).toBe(true);
    const cal = await w.staffB1.client.get(
      `/api/rooms/bookings?roomId=${room}&from=${encodeURIComponent(at(2, 0))}&to=${encodeURIComponent(at(3, 0))}`,
    );
    expect(cal.body.map((b: { title: string }) => b.title)).toEqual(['周例会', '紧接着']);
    expect((await new TestClient(t.app).get('/api/rooms/mine')).status).toBe(401);
  });

  it('enforces no double booking in the database itself', async () => {
    const values = {
      room_id: room,
      title: 'raw',
      starts_at: new Date(at(20, 1)),
      ends_at: new Date(at(20, 3)),
      organizer_name: 'x',
    };
    await t.ctx.db.insertInto('room_booking').values(values).execute();
    await expect(
      t.ctx.db
        .insertInto('room_booking')
        .values({ ...values, starts_at: new Date(at(20, 2)) })
        .execute(),
    ).rejects.toMatchObject({ code: '23P01' });
    // a cancelled booking does not hold the time
    await sql`update room_booking set status = 'cancelled' where title = 'raw'`.execute(t.ctx.db);
    await t.ctx.db
      .insertInto('room_booking')
      .values({ ...values, starts_at: new Date(at(20, 2)) })
      .execute();
  });
});
