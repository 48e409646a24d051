import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPeerApp,
  createTestApp,
  dbKinds,
  signIn,
  type TestApp,
  type TestClient,
} from '../../kernel/testing/harness.ts';
import { buildAccount, buildPerson } from '../../kernel/testing/factories.ts';
import { roomsWorld } from './test-world.ts';

/**
 * 200 concurrent attempts to book one slot, spread over two app instances on one database: exactly one
 * booking, every other attempt a 409 room_booked. On PostgreSQL each instance has its own pool, so the
 * attempts really race inside the server; PGlite has one connection and serialises them.
 */
describe.each(dbKinds)('booking one slot from two instances on %s', (kind) => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp(kind);
    b = await createPeerApp(a);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('lets exactly one of 200 concurrent attempts through', async () => {
    const w = await roomsWorld(a);
    const building = await w.bureau.client.post('/api/rooms/buildings', {
      code: 'RACE',
      name: '并发测试楼',
      unitId: w.a1.id,
      floors: 3,
    });
    const room = await w.bureau.client.post('/api/rooms/rooms', {
      buildingId: building.body.id,
      code: 'R1',
      name: '抢手会议室',
      floor: 1,
      capacity: 20,
    });
    expect(room.status).toBe(201);
    // ten staff members, each signed in on both instances
    const clients: TestClient[] = [];
    for (let i = 0; i < 10; i++) {
      const person = await buildPerson(a.ctx.db, { unitId: w.a1.id });
      const acc = await buildAccount(a.ctx.db, {
        personId: person.id,
        grants: [{ role: 'staff', scope: 'self' }],
      });
      clients.push(
        await signIn(a.app, acc.username, acc.password),
        await signIn(b.app, acc.username, acc.password),
      );
    }
    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCHours(2, 0, 0, 0);
    const body = {
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
      title: '抢会议室',
    };
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        clients[i % clients.length]!.post(`/api/meeting-rooms/${room.body.id}/bookings`, {
          ...body,
          // overlapping, not identical: half start 30 minutes later
          start: i % 2 ? new Date(start.getTime() + 1_800_000).toISOString() : body.start,
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
    expect(new Set(results.filter((r) => r.status === 409).map((r) => r.body.error.code))).toEqual(
      new Set(['room_booked']),
    );
    const rows = await a.ctx.db
      .selectFrom('room_booking')
      .select('id')
      .where('room_id', '=', room.body.id)
      .execute();
    expect(rows).toHaveLength(1);
    const audits = await a.ctx.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('entity', '=', 'rooms.booking')
      .where('action', '=', 'create')
      .execute();
    expect(audits.map((x) => x.entity_id)).toEqual([rows[0]!.id]);
    // twenty scrypt sign-ins and 200 racing requests: on a loaded 2-core machine this takes tens of seconds
  }, 150_000);
});
