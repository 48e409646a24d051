import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMachineToken, revokeMachineToken } from '../../../kernel/auth/service.ts';
import { SYSTEM_ACTOR } from '../../../kernel/http/access.ts';
import { countRows, createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { haversineKm } from '../geo.ts';
import { VehicleSimulator, worldOverHttp } from '../simulator/runner.ts';
import { driverBody, vehicleBody, vehWorld, type VehWorld } from '../test-world.ts';

const M = 60_000;

describe.each(dbKinds)('the command view and the simulator on %s', (kind) => {
  let t: TestApp;
  let w: VehWorld;
  let token: string;
  let tokenId: string;
  const vehiclesA: string[] = [];
  let vehicleB: string;
  let driverA: string;
  let depotA: { lon: number; lat: number };

  const ingest = (items: unknown, bearer = token) =>
    t.app.inject({
      method: 'POST',
      url: '/api/vehicles/positions',
      headers: { authorization: `Bearer ${bearer}` },
      payload: items as object,
    });

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await vehWorld(t.app, t.ctx.db);
    depotA = { lon: 119.945, lat: 31.705 };
    await w.bureau.client.post('/api/vehicles/places', {
      name: 'A 车场',
      kind: 'depot',
      ...depotA,
      jurisdictionId: w.a,
    });
    await w.bureau.client.post('/api/vehicles/places', {
      name: '火车站',
      kind: 'station',
      lon: 119.972,
      lat: 31.786,
    });
    for (let i = 0; i < 3; i++)
      vehiclesA.push((await w.adminA.client.post('/api/vehicles/vehicles', vehicleBody(w.unitA))).body.id);
    vehicleB = (await w.adminB.client.post('/api/vehicles/vehicles', vehicleBody(w.unitB))).body.id;
    driverA = (await w.adminA.client.post('/api/vehicles/drivers', driverBody(w.unitA))).body.id;
    ({ token, id: tokenId } = await createMachineToken(
      t.ctx.db,
      { name: 'test GPS', purpose: 'vehicles.position' },
      SYSTEM_ACTOR,
    ));
  });
  afterAll(() => t.close());

  it('shows a district dispatcher only its pool, with the newest position of each vehicle', async () => {
    const now = Date.now();
    const res = await ingest([
      {
        vehicleId: vehiclesA[0],
        at: new Date(now - 2 * M).toISOString(),
        lon: 119.95,
        lat: 31.71,
        speedKmh: 30,
      },
      {
        vehicleId: vehiclesA[0],
        at: new Date(now - 1 * M).toISOString(),
        lon: 119.96,
        lat: 31.72,
        speedKmh: 35,
      },
      { vehicleId: vehiclesA[0], at: new Date(now - 3 * M).toISOString(), lon: 119.94, lat: 31.7 },
      { vehicleId: vehiclesA[1], at: new Date(now - 60 * M).toISOString(), lon: 119.9, lat: 31.7 },
      { vehicleId: vehicleB, at: new Date(now - M).toISOString(), lon: 120.0, lat: 31.8 },
    ]);
    expect(res.statusCode).toBe(200);
    await sql`update veh_vehicle set status = 'maintenance' where id = ${vehiclesA[2]}`.execute(t.ctx.db);

    const a = await w.dispatcherA.client.get('/api/vehicles/command/board');
    expect(a.status).toBe(200);
    expect(a.body.vehicles.map((v: { id: string }) => v.id).sort()).toEqual([...vehiclesA].sort());
    expect(a.body.counts).toMatchObject({ available: 2, maintenance: 1, in_use: 0, sealed: 0, retired: 0 });
    expect(a.body.pools).toEqual([
      expect.objectContaining({
        jurisdictionId: w.a,
        total: 3,
        counts: expect.objectContaining({ available: 2 }),
      }),
    ]);
    const first = a.body.vehicles.find((v: { id: string }) => v.id === vehiclesA[0]);
    expect(first.position).toMatchObject({
      lon: 119.96,
      lat: 31.72,
      speedKmh: 35,
      stale: false,
      source: 'gps',
    });
    const second = a.body.vehicles.find((v: { id: string }) => v.id === vehiclesA[1]);
    expect(second.position.stale).toBe(true);
    expect(a.body.vehicles.find((v: { id: string }) => v.id === vehiclesA[2]).position).toBeNull();

    const b = await w.dispatcherB.client.get('/api/vehicles/command/board');
    expect(b.body.vehicles.map((v: { id: string }) => v.id)).toEqual([vehicleB]);
    const city = await w.cityDispatcher.client.get('/api/vehicles/command/board');
    expect(city.body.vehicles).toHaveLength(4);
    expect((await w.staffA.client.get('/api/vehicles/command/board')).status).toBe(403);
  });

  it('returns a track in time order, simplified to maxPoints, and refuses a bad period', async () => {
    const base = Date.now() - 5 * 3_600_000;
    const items = Array.from({ length: 900 }, (_, i) => ({
      vehicleId: vehiclesA[1],
      at: new Date(base + ((i * 7) % 900) * 10_000).toISOString(),
      lon: 119.9 + ((i * 7) % 900) * 0.0001,
      lat: 31.7 + 0.005 * Math.sin(((i * 7) % 900) / 50),
      speedKmh: 30,
    }));
    expect((await ingest(items)).statusCode).toBe(200);
    const from = new Date(base - M).toISOString();
    const to = new Date(base + 3 * 3_600_000).toISOString();
    const q = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const full = await w.dispatcherA.client.get(
      `/api/vehicles/command/vehicles/${vehiclesA[1]}/track?${q}&maxPoints=5000`,
    );
    expect(full.status).toBe(200);
    expect(full.body.total).toBe(900);
    const times = full.body.points.map((p: { at: string }) => p.at);
    expect(times).toEqual([...times].sort());
    const small = await w.dispatcherA.client.get(
      `/api/vehicles/command/vehicles/${vehiclesA[1]}/track?${q}&maxPoints=100`,
    );
    expect(small.body.total).toBe(900);
    expect(small.body.points).toHaveLength(100);
    expect(small.body.points[0]).toEqual(full.body.points[0]);
    expect(small.body.points.at(-1)).toEqual(full.body.points.at(-1));

    const backwards = await w.dispatcherA.client.get(
      `/api/vehicles/command/vehicles/${vehiclesA[1]}/track?from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`,
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details[0]).toMatchObject({ field: 'to', code: 'track_period_order' });
    const long = await w.dispatcherA.client.get(
      `/api/vehicles/command/vehicles/${vehiclesA[1]}/track?from=${encodeURIComponent(from)}&to=${encodeURIComponent(new Date(base + 72 * 3_600_000).toISOString())}`,
    );
    expect(long.status).toBe(400);
    expect(long.body.error.details[0].code).toBe('track_period_too_long');
    const other = await w.dispatcherB.client.get(`/api/vehicles/command/vehicles/${vehiclesA[1]}/track?${q}`);
    expect(other.status).toBe(403);
  });

  it('lists open alerts in scope only, red first', async () => {
    await sql`
      insert into veh_alert (kind, level, vehicle_id, jurisdiction_id, unit_id, at) values
        ('off_hours', 'yellow', ${vehiclesA[0]}, ${w.a}, ${w.unitA}, now() - interval '1 minute'),
        ('geofence_exit', 'red', ${vehiclesA[1]}, ${w.a}, ${w.unitA}, now() - interval '2 hours'),
        ('off_hours', 'red', ${vehicleB}, ${w.b}, ${w.unitB}, now())`.execute(t.ctx.db);
    await sql`
      insert into veh_alert (kind, level, vehicle_id, jurisdiction_id, unit_id, resolved_at, resolved_by, resolution)
      values ('off_hours', 'green', ${vehiclesA[0]}, ${w.a}, ${w.unitA}, now(), ${w.adminA.id}, '已核实')`.execute(
      t.ctx.db,
    );
    const a = await w.dispatcherA.client.get('/api/vehicles/command/alerts');
    expect(a.status).toBe(200);
    expect(a.body.map((x: { kind: string; level: string }) => `${x.level} ${x.kind}`)).toEqual([
      'red geofence_exit',
      'yellow off_hours',
    ]);
  });

  it('moves a vehicle on a started trip and parks the others, posting through the ingest route with a machine token', async () => {
    const starts = new Date(Date.now() - 30 * M);
    const ends = new Date(Date.now() + 90 * M);
    const trip = (
      await sql<{ id: string }>`
        insert into veh_trip (no, vehicle_id, driver_id, jurisdiction_id, unit_id, lender_jurisdiction_id, period, status,
          start_odometer, started_at)
        values ('PC-SIM-1', ${vehiclesA[0]}, ${driverA}, ${w.a}, ${w.unitA}, ${w.a},
          tstzrange(${starts}::timestamptz, ${ends}::timestamptz), 'started', 30000, ${starts})
        returning id`.execute(t.ctx.db)
    ).rows[0]!;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const sim = (bearer: string) =>
      new VehicleSimulator({
        world: worldOverHttp(url, worldToken),
        url,
        token: bearer,
        intervalSeconds: 10,
        parkedSeconds: 300,
        speedUp: 1,
        timeZone: 'Asia/Shanghai',
        log: () => {},
      });

    const { token: worldToken } = await createMachineToken(
      t.ctx.db,
      { name: 'test simulator', purpose: 'vehicles.simulate' },
      SYSTEM_ACTOR,
    );
    // the world is read with a vehicles.simulate token; a GPS unit's token cannot read itineraries
    const q = `from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}`;
    const world = await t.app.inject({
      method: 'GET',
      url: `/api/vehicles/simulator/world?${q}`,
      headers: { authorization: `Bearer ${worldToken}` },
    });
    expect(world.statusCode).toBe(200);
    expect(JSON.parse(world.body).trips).toEqual([
      expect.objectContaining({ id: trip.id, vehicleId: vehiclesA[0], open: true }),
    ]);
    const gps = await t.app.inject({
      method: 'GET',
      url: `/api/vehicles/simulator/world?${q}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(gps.statusCode).toBe(403);

    const before = await countRows(t.ctx, ['veh_position']);
    await expect(sim('goam_not-a-token').step(Date.now())).rejects.toThrow(/401/);
    expect(await countRows(t.ctx, ['veh_position'])).toEqual(before);

    const at = Date.now();
    const posted = await sim(token).step(at);
    expect(posted).toBe(4);
    const rows = (
      await sql<{ vehicle_id: string; lon: number; lat: number; speed_kmh: number | null; source: string }>`
        select vehicle_id, lon::float8 lon, lat::float8 lat, speed_kmh::float8 speed_kmh, source
        from veh_position where at = ${new Date(at)}`.execute(t.ctx.db)
    ).rows;
    expect(rows).toHaveLength(4);
    // through the GPS route, marked as the simulator's reports
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(['simulator']));
    // on the road 30 minutes after leaving: well away from the depot
    const moving = rows.find((r) => r.vehicle_id === vehiclesA[0])!;
    expect(haversineKm(moving, depotA)).toBeGreaterThan(1);
    // parked: in its bay of the depot's car park, standing
    const parked = rows.find((r) => r.vehicle_id === vehiclesA[1])!;
    expect(haversineKm(parked, depotA)).toBeLessThan(0.16);
    expect(Number(parked.speed_kmh)).toBe(0);

    const board = await w.dispatcherA.client.get('/api/vehicles/command/board');
    const onTrip = board.body.vehicles.find((v: { id: string }) => v.id === vehiclesA[0]);
    expect(onTrip.status).toBe('in_use');
    expect(onTrip.position).toMatchObject({ source: 'simulator', stale: false });
    expect(onTrip.trip).toMatchObject({
      id: trip.id,
      no: 'PC-SIM-1',
      status: 'started',
      driverName: '王师傅',
    });
    const replay = await w.dispatcherA.client.get(`/api/vehicles/command/trips/${trip.id}/track`);
    expect(replay.status).toBe(200);
    expect(replay.body.trip).toMatchObject({ id: trip.id, plate: expect.any(String) });
    expect(replay.body.track.points.length).toBeGreaterThan(0);
    // the earlier GPS unit's reports of this vehicle and the simulator's, each with its source
    expect(replay.body.track.points.map((p: { source: string }) => p.source)).toContain('simulator');
    const bySource = replay.body.track.sources as Record<string, number>;
    expect(bySource.simulator).toBeGreaterThan(0);
    expect(Object.values(bySource).reduce((a, b) => a + b, 0)).toBe(replay.body.track.total);
    expect((await w.dispatcherB.client.get(`/api/vehicles/command/trips/${trip.id}/track`)).status).toBe(403);

    await revokeMachineToken(t.ctx.db, tokenId, SYSTEM_ACTOR);
  });

  it('serves the map settings and the bundled outlines of the demo districts', async () => {
    const cfg = await w.dispatcherA.client.get('/api/vehicles/map/config');
    expect(cfg.body).toMatchObject({ provider: 'none', crs: 'wgs84', layers: [] });
    const geo = await w.dispatcherA.client.get('/api/vehicles/map/boundaries');
    expect(geo.status).toBe(200);
    const doc = JSON.parse(geo.raw) as { features: { properties: { name: string } }[] };
    expect(doc.features.map((f) => f.properties.name)).toEqual(
      expect.arrayContaining(['常州市', '天宁区', '钟楼区', '新北区', '武进区', '金坛区', '常州经济开发区']),
    );
  });
});

describe.each(dbKinds)('the map settings of a tile provider on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { GOA_VEHICLES_TILES: 'amap' });
  });
  afterAll(() => t.close());

  it('marks AMap tiles as GCJ-02 so the web converts positions', async () => {
    const w = await vehWorld(t.app, t.ctx.db);
    const cfg = await w.dispatcherA.client.get('/api/vehicles/map/config');
    expect(cfg.body.provider).toBe('amap');
    expect(cfg.body.crs).toBe('gcj02');
    expect(cfg.body.layers[0].url).toContain('{x}');
  });
});
