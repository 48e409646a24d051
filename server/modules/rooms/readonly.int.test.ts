import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  createTestApp,
  dbKinds,
  signIn,
  type TestApp,
  type TestClient,
} from '../../kernel/testing/harness.ts';
import { buildAccount } from '../../kernel/testing/factories.ts';
import { roomsWorld, type RoomsWorld } from './test-world.ts';

const TABLES = [
  'room_booking',
  'room_booking_series',
  'meeting_room',
  'office_building',
  'approval_matter',
  'audit_log',
];
const HOUR = 3_600_000;
const at = (dayOffset: number, hour: number) => {
  const d = new Date(Date.now() + dayOffset * 24 * HOUR);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

/**
 * `rooms.read`: the read-only auditor and the inspector see the room catalogue, the calendars and
 * booking details (city scope) but cannot book, cancel, check in or manage; the roles that book keep
 * reading as before.
 */
describe.each(dbKinds)('meeting rooms for read-only roles on %s', (kind) => {
  let t: TestApp;
  let w: RoomsWorld;
  let auditor: TestClient;
  let inspector: TestClient;
  let building: string;
  let room: string;
  let booking: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await roomsWorld(t);
    const as = async (role: 'auditor' | 'inspector') => {
      const acc = await buildAccount(t.ctx.db, { grants: [{ role, scope: 'city' }] });
      return signIn(t.app, acc.username, acc.password);
    };
    auditor = await as('auditor');
    inspector = await as('inspector');
    const b = await w.districtA.client.post('/api/rooms/buildings', {
      code: 'JA-RO',
      name: '甲区行政中心',
      unitId: w.a1.id,
      floors: 6,
    });
    building = b.body.id;
    const r = await w.unitA1.client.post('/api/rooms/rooms', {
      buildingId: building,
      code: '301',
      name: '第三会议室',
      floor: 3,
      capacity: 12,
      equipment: ['projector'],
    });
    expect(r.status).toBe(201);
    room = r.body.id;
    const bk = await w.staffA1.client.post(`/api/meeting-rooms/${room}/bookings`, {
      start: at(2, 2),
      end: at(2, 3),
      title: '预算评审会',
    });
    expect(bk.status).toBe(201);
    booking = bk.body.id;
  });
  afterAll(() => t.close());

  const span = () => `from=${encodeURIComponent(at(2, 0))}&to=${encodeURIComponent(at(3, 0))}`;

  it.each(['auditor', 'inspector'] as const)(
    'lets the %s see the catalogue, the calendars and booking details',
    async (who) => {
      const c = who === 'auditor' ? auditor : inspector;
      const list = await c.get('/api/meeting-rooms');
      expect(list.status).toBe(200);
      expect(list.body.map((x: { id: string }) => x.id)).toContain(room);
      expect((await c.get(`/api/rooms/rooms/${room}`)).body).toMatchObject({ id: room, name: '第三会议室' });
      const buildings = await c.get('/api/rooms/buildings');
      expect(buildings.status).toBe(200);
      expect(buildings.body.map((x: { id: string }) => x.id)).toContain(building);
      expect((await c.get(`/api/rooms/buildings/${building}`)).status).toBe(200);
      const byRoom = await c.get(`/api/rooms/bookings?roomId=${room}&${span()}`);
      expect(byRoom.status).toBe(200);
      expect(byRoom.body.map((x: { title: string }) => x.title)).toEqual(['预算评审会']);
      const byBuilding = await c.get(`/api/rooms/bookings?buildingId=${building}&${span()}`);
      expect(byBuilding.body.map((x: { id: string }) => x.id)).toEqual([booking]);
      const detail = await c.get(`/api/rooms/bookings/${booking}`);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ id: booking, roomId: room, title: '预算评审会' });
    },
  );

  it('refuses the auditor every booking and management action (403) and writes nothing', async () => {
    const before = await countRows(t.ctx, TABLES);
    const attempts = [
      await auditor.post(`/api/meeting-rooms/${room}/bookings`, {
        start: at(3, 2),
        end: at(3, 3),
        title: '审计组会',
      }),
      await auditor.post(`/api/rooms/bookings/${booking}/cancel`, {}),
      await auditor.post(`/api/rooms/bookings/${booking}/check-in`, {}),
      await auditor.get(`/api/rooms/bookings/${booking}/ics`),
      await auditor.post('/api/rooms/feeds', { kind: 'room', roomId: room }),
      await auditor.get('/api/rooms/managed'),
      await auditor.post('/api/rooms/rooms', {
        buildingId: building,
        code: '302',
        name: '审计室',
        floor: 3,
        capacity: 4,
      }),
      await auditor.patch(`/api/rooms/rooms/${room}`, { capacity: 20 }),
      await auditor.patch(`/api/rooms/buildings/${building}`, { floors: 7 }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
    const still = await w.staffB1.client.get(`/api/rooms/bookings/${booking}`);
    expect(still.body.status).toBe('confirmed');
  });

  it('lets the inspector book as before (rooms.book) while the auditor cannot', async () => {
    const res = await inspector.post(`/api/meeting-rooms/${room}/bookings`, {
      start: at(4, 2),
      end: at(4, 3),
      title: '督查碰头会',
    });
    expect(res.status).toBe(201);
  });

  it('keeps every booking role reading: staff and admins still list rooms and calendars', async () => {
    for (const c of [w.staffB1, w.staffA1, w.unitA1, w.districtA, w.bureau]) {
      expect((await c.client.get('/api/meeting-rooms')).status).toBe(200);
      expect((await c.client.get(`/api/rooms/bookings?roomId=${room}&${span()}`)).status).toBe(200);
      expect((await c.client.get(`/api/rooms/bookings/${booking}`)).status).toBe(200);
    }
  });
});
