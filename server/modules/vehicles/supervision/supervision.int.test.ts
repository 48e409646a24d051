import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { driverBody, vehicleBody, vehWorld, type VehWorld } from '../test-world.ts';
import { supervisionConfig, type SupervisionConfig } from './config.ts';
import { evaluateAlerts } from './evaluate.ts';
import { runSealing } from './sealing.ts';

const TABLES = [
  'veh_vehicle',
  'veh_seal_log',
  'veh_trip',
  'veh_alert',
  'veh_inspection',
  'veh_geofence',
  'audit_log',
] as const;
const H = 3_600_000;

describe.each(dbKinds)('vehicle supervision on %s', (kind) => {
  let t: TestApp;
  let w: VehWorld;
  let cfg: SupervisionConfig;
  let origin: string;
  let dest: string;
  const v: Record<string, string> = {};
  const d: Record<string, string> = {};

  /** A finished (or running) trip written directly, as the driver's phone would leave it. */
  async function trip(o: {
    vehicle: string;
    driver: string;
    jurisdiction: string;
    unit: string;
    lender: string;
    from: string;
    to: string;
    started: string;
    finished: string | null;
    odo: [number, number] | null;
    planned?: number;
    empty?: number;
    fuel?: number;
    tolls?: number;
  }): Promise<string> {
    const r = await sql<{ id: string }>`
      insert into veh_trip (no, vehicle_id, driver_id, jurisdiction_id, unit_id, lender_jurisdiction_id, period, status,
        planned_km, empty_km, start_odometer, end_odometer, tolls_fen, fuel_fen, started_at, finished_at)
      values ('T' || substr(md5(random()::text), 1, 10), ${o.vehicle}::uuid, ${o.driver}::uuid, ${o.jurisdiction}::uuid,
        ${o.unit}::uuid, ${o.lender}::uuid, tstzrange(${o.from}::timestamptz, ${o.to}::timestamptz, '[)'),
        ${o.finished ? 'finished' : 'started'}, ${o.planned ?? 0}, ${o.empty ?? 0}, ${o.odo?.[0] ?? null}, ${o.odo?.[1] ?? null},
        ${o.tolls ?? 0}, ${o.fuel ?? 0}, ${o.started}::timestamptz, ${o.finished}::timestamptz)
      returning id`.execute(t.ctx.db);
    return r.rows[0]!.id;
  }
  const status = async (id: string) =>
    (await t.ctx.db.selectFrom('veh_vehicle').select('status').where('id', '=', id).executeTakeFirstOrThrow())
      .status;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cfg = supervisionConfig(t.ctx.config);
    w = await vehWorld(t.app, t.ctx.db);
    origin = (
      await w.bureau.client.post('/api/vehicles/places', {
        name: '市行政中心',
        kind: 'government',
        lon: 119.974,
        lat: 31.811,
      })
    ).body.id;
    dest = (
      await w.bureau.client.post('/api/vehicles/places', {
        name: '常州火车站',
        kind: 'station',
        lon: 119.972,
        lat: 31.784,
      })
    ).body.id;
    for (const [key, unit, client, category] of [
      ['a1', w.unitA, w.adminA.client, 'general'],
      ['a2', w.unitA, w.adminA.client, 'emergency'],
      ['b1', w.unitB, w.adminB.client, 'general'],
    ] as const) {
      const res = await client.post('/api/vehicles/vehicles', vehicleBody(unit, { category }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      v[key] = res.body.id;
      d[key] = (await client.post('/api/vehicles/drivers', driverBody(unit, { name: `司机${key}` }))).body.id;
    }
  });
  afterAll(() => t.close());

  it('the holiday job seals non-exempt vehicles at the end of the last working day before 国庆 and unseals them after', async () => {
    // 2026-09-30 17:00 Beijing: not yet
    expect(await runSealing(t.ctx, cfg, new Date('2026-09-30T09:00:00Z'))).toEqual({
      sealed: 0,
      unsealed: 0,
    });
    // 17:30: the general vehicles are sealed, the emergency one stays in service
    expect(await runSealing(t.ctx, cfg, new Date('2026-09-30T09:30:00Z'))).toEqual({
      sealed: 2,
      unsealed: 0,
    });
    expect([await status(v.a1!), await status(v.a2!), await status(v.b1!)]).toEqual([
      'sealed',
      'available',
      'sealed',
    ]);
    const logs = await t.ctx.db
      .selectFrom('veh_seal_log')
      .selectAll()
      .where('vehicle_id', '=', v.a1!)
      .execute();
    expect(logs.map((l) => [l.action, l.odometer_km, l.period_start])).toEqual([
      ['seal', 30_000, '2026-10-01'],
    ]);
    // a rerun changes nothing; a vehicle unsealed by hand during the holiday stays unsealed
    const unseal = await w.adminB.client.post(`/api/vehicles/vehicles/${v.b1}/seal`, {
      action: 'unseal',
      reason: '防汛应急',
    });
    expect(unseal.status, JSON.stringify(unseal.body)).toBe(200);
    expect(await runSealing(t.ctx, cfg, new Date('2026-10-03T02:00:00Z'))).toEqual({
      sealed: 0,
      unsealed: 0,
    });
    expect(await status(v.b1!)).toBe('available');
    // 2026-10-08 07:00 Beijing: unsealed, logged once
    expect(await runSealing(t.ctx, cfg, new Date('2026-10-07T22:59:00Z'))).toEqual({
      sealed: 0,
      unsealed: 0,
    });
    expect(await runSealing(t.ctx, cfg, new Date('2026-10-07T23:00:00Z'))).toEqual({
      sealed: 0,
      unsealed: 1,
    });
    expect(await runSealing(t.ctx, cfg, new Date('2026-10-08T01:00:00Z'))).toEqual({
      sealed: 0,
      unsealed: 0,
    });
    expect(await status(v.a1!)).toBe('available');
    const all = await t.ctx.db
      .selectFrom('veh_seal_log')
      .select(['action'])
      .where('vehicle_id', '=', v.a1!)
      .execute();
    expect(all.map((l) => l.action).sort()).toEqual(['seal', 'unseal']);
  });

  it('manual sealing: a reason is required, a second seal is refused, nothing written either time', async () => {
    const before = await countRows(t.ctx, TABLES);
    const noReason = await w.adminA.client.post(`/api/vehicles/vehicles/${v.a1}/seal`, {
      action: 'seal',
      reason: ' ',
    });
    expect(noReason.status).toBe(400);
    const outside = await w.adminB.client.post(`/api/vehicles/vehicles/${v.a1}/seal`, {
      action: 'seal',
      reason: '停用',
    });
    expect(outside.status).toBe(403);
    const staff = await w.staffA.client.post(`/api/vehicles/vehicles/${v.a1}/seal`, {
      action: 'seal',
      reason: '停用',
    });
    expect(staff.status).toBe(403);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
    const ok = await w.adminA.client.post(`/api/vehicles/vehicles/${v.a1}/seal`, {
      action: 'seal',
      reason: '长期停驶',
    });
    expect(ok.status).toBe(200);
    const mid = await countRows(t.ctx, TABLES);
    const again = await w.adminA.client.post(`/api/vehicles/vehicles/${v.a1}/seal`, {
      action: 'seal',
      reason: '长期停驶',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('not_sealable');
    expect(await countRows(t.ctx, TABLES)).toEqual(mid);
    const log = await w.adminA.client.get('/api/vehicles/supervision/seal-log?pageSize=50');
    expect(log.body.items.some((l: { plate: string; reason: string }) => l.reason === '长期停驶')).toBe(true);
    // a district admin sees only their pool's log
    expect(log.body.items.every((l: { vehicleId: string }) => l.vehicleId !== v.b1)).toBe(true);
  });

  it('a sealed vehicle is dispatched only with an approved vehicles.sealed_use matter, and the dispatch is flagged', async () => {
    expect(await status(v.a1!)).toBe('sealed');
    const departs = new Date(Date.now() + 30 * H).toISOString();
    const returns = new Date(Date.now() + 33 * H).toISOString();
    const req = await w.staffA.client.post('/api/vehicles/requests', {
      passengers: 2,
      originId: origin,
      destinationIds: [dest],
      departsAt: departs,
      returnsAt: returns,
      kind: 'round_trip',
      purpose: '防汛检查',
    });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    const dec = await w.unitAdminA.client.post(`/api/approvals/matters/${req.body.matterId}/decide`, {
      decision: 'approve',
    });
    expect(dec.status).toBe(200);
    const body = { requestId: req.body.id, vehicleId: v.a1, driverId: d.a1 };
    const before = await countRows(t.ctx, TABLES);
    const refused = await w.dispatcherA.client.post('/api/vehicles/desk/assign', body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('vehicle_sealed');
    expect(refused.body.error.details[0].field).toBe('vehicleId');
    expect(await countRows(t.ctx, TABLES)).toEqual(before);

    const matter = await w.staffA.client.post('/api/approvals/matters', {
      type: 'vehicles.sealed_use',
      title: '封存期间防汛检查用车',
      payload: { requestId: req.body.id, reason: '防汛应急检查' },
      submit: true,
    });
    expect(matter.status, JSON.stringify(matter.body)).toBe(201);
    // still refused while the matter waits
    expect((await w.dispatcherA.client.post('/api/vehicles/desk/assign', body)).status).toBe(409);
    const ok = await w.adminA.client.post(`/api/approvals/matters/${matter.body.id}/decide`, {
      decision: 'approve',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const assigned = await w.dispatcherA.client.post('/api/vehicles/desk/assign', body);
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
    const flagged = await t.ctx.db
      .selectFrom('veh_alert')
      .selectAll()
      .where('trip_id', '=', assigned.body.tripId)
      .execute();
    expect(flagged.map((a) => [a.kind, a.level])).toEqual([['sealed_dispatch', 'yellow']]);
    const trip = await t.ctx.db
      .selectFrom('veh_trip')
      .select('sealed_override')
      .where('id', '=', assigned.body.tripId)
      .executeTakeFirstOrThrow();
    expect(trip.sealed_override).toBe(true);
  });

  it('the alert job raises each rule once, raises levels but never repeats, and notifies the pool', async () => {
    // Saturday 2026-11-21, 09:00–11:00 Beijing approved; ran 08:00–11:50 and 150 km for a 100 km plan
    const t1 = await trip({
      vehicle: v.b1!,
      driver: d.b1!,
      jurisdiction: w.b,
      unit: w.unitB,
      lender: w.b,
      from: '2026-11-21T01:00:00Z',
      to: '2026-11-21T03:00:00Z',
      started: '2026-11-21T00:00:00Z',
      finished: '2026-11-21T03:50:00Z',
      odo: [30_000, 30_150],
      planned: 100,
    });
    const now = new Date('2026-11-21T12:00:00Z');
    const raised = await evaluateAlerts(t.ctx, cfg, now);
    expect(raised).toBe(3);
    const rows = await t.ctx.db
      .selectFrom('veh_alert')
      .selectAll()
      .where('trip_id', '=', t1)
      .orderBy('kind')
      .execute();
    expect(rows.map((a) => [a.kind, a.level])).toEqual([
      ['mileage_over_plan', 'red'],
      ['off_hours', 'red'],
      ['outside_window', 'yellow'],
    ]);
    expect((rows[2]!.detail as { minutes: number }).minutes).toBe(60);
    const notes = await t.ctx.db
      .selectFrom('notification')
      .select(['account_id', 'kind'])
      .where('kind', '=', 'vehicles.alert')
      .execute();
    expect(notes.map((n) => n.account_id).sort()).toEqual([w.adminB.id, w.dispatcherB.id].sort());
    // idempotent
    const before = await countRows(t.ctx, ['veh_alert', 'notification']);
    expect(await evaluateAlerts(t.ctx, cfg, now)).toBe(0);
    expect(await countRows(t.ctx, ['veh_alert', 'notification'])).toEqual(before);
  });

  it('movement while sealed beyond the jitter and a geofence exit are alerted once', async () => {
    // b1 stood at the depot, was sealed, then a 60 m wobble and a 2.3 km move
    await sql`insert into veh_position (vehicle_id, at, lon, lat) values (${v.b1!}::uuid, now() - interval '1 hour', 119.95, 31.78)`.execute(
      t.ctx.db,
    );
    expect(
      (await w.adminB.client.post(`/api/vehicles/vehicles/${v.b1}/seal`, { action: 'seal', reason: '停驶' }))
        .status,
    ).toBe(200);
    await sql`insert into veh_position (vehicle_id, at, lon, lat) values
      (${v.b1!}::uuid, now() + interval '1 minute', 119.9505, 31.7803),
      (${v.b1!}::uuid, now() + interval '2 minutes', 119.97, 31.79)`.execute(t.ctx.db);
    // A's geofence: a bad ring is refused; a square around the centre is accepted
    const before = await countRows(t.ctx, TABLES);
    const bad = await w.adminA.client.post('/api/vehicles/supervision/geofences', {
      jurisdictionId: w.a,
      name: '甲区',
      ring: [
        [119.9, 31.7],
        [119.9, 31.7],
        [120.1, 31.7],
      ],
    });
    expect(bad.status).toBe(400);
    const foreign = await w.adminB.client.post('/api/vehicles/supervision/geofences', {
      jurisdictionId: w.a,
      name: '甲区',
      ring: [
        [119.9, 31.7],
        [120.1, 31.7],
        [120.1, 31.9],
      ],
    });
    expect(foreign.status).toBe(403);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
    const fence = await w.adminA.client.post('/api/vehicles/supervision/geofences', {
      jurisdictionId: w.a,
      name: '甲区',
      ring: [
        [119.9, 31.7],
        [120.1, 31.7],
        [120.1, 31.9],
        [119.9, 31.9],
      ],
    });
    expect(fence.status, JSON.stringify(fence.body)).toBe(201);
    // a2 (emergency, approved work) runs on a working day inside, then 40 minutes outside the fence
    const t2 = await trip({
      vehicle: v.a2!,
      driver: d.a2!,
      jurisdiction: w.a,
      unit: w.unitA,
      lender: w.a,
      from: '2026-11-20T02:00:00Z',
      to: '2026-11-20T04:00:00Z',
      started: '2026-11-20T02:00:00Z',
      finished: '2026-11-20T04:00:00Z',
      odo: [30_000, 30_040],
      planned: 40,
    });
    await sql`insert into veh_position (vehicle_id, at, lon, lat) values
      (${v.a2!}::uuid, '2026-11-20T02:10:00Z', 120.0, 31.8),
      (${v.a2!}::uuid, '2026-11-20T02:40:00Z', 120.3, 31.8),
      (${v.a2!}::uuid, '2026-11-20T03:20:00Z', 120.35, 31.85),
      (${v.a2!}::uuid, '2026-11-20T03:50:00Z', 120.0, 31.81)`.execute(t.ctx.db);
    const now = new Date('2026-11-20T12:00:00Z');
    await evaluateAlerts(t.ctx, cfg, now);
    const moved = await t.ctx.db
      .selectFrom('veh_alert')
      .selectAll()
      .where('kind', '=', 'moved_while_sealed')
      .execute();
    expect(moved.map((a) => [a.vehicle_id, a.level])).toEqual([[v.b1, 'red']]);
    expect((moved[0]!.detail as { metres: number }).metres).toBeGreaterThan(2000);
    const geo = await t.ctx.db.selectFrom('veh_alert').selectAll().where('trip_id', '=', t2).execute();
    expect(geo.map((a) => [a.kind, a.level])).toEqual([['geofence_exit', 'yellow']]);
    const n = await countRows(t.ctx, ['veh_alert']);
    await evaluateAlerts(t.ctx, cfg, now);
    expect(await countRows(t.ctx, ['veh_alert'])).toEqual(n);
  });

  it('a fence limited to a category bounds those vehicles alone: the pool-wide fence does not widen it', async () => {
    // within A's square but outside a small fence for A's emergency vehicles
    const small = await w.adminA.client.post('/api/vehicles/supervision/geofences', {
      jurisdictionId: w.a,
      name: '应急车辆核心区',
      categories: ['emergency'],
      ring: [
        [119.98, 31.78],
        [120.02, 31.78],
        [120.02, 31.82],
        [119.98, 31.82],
      ],
    });
    expect(small.status, JSON.stringify(small.body)).toBe(201);
    const trips: Record<string, string> = {};
    for (const key of ['a1', 'a2'] as const) {
      trips[key] = await trip({
        vehicle: v[key]!,
        driver: d[key]!,
        jurisdiction: w.a,
        unit: w.unitA,
        lender: w.a,
        from: '2026-11-19T02:00:00Z',
        to: '2026-11-19T04:00:00Z',
        started: '2026-11-19T02:00:00Z',
        finished: '2026-11-19T04:00:00Z',
        odo: null,
      });
      await sql`insert into veh_position (vehicle_id, at, lon, lat) values
        (${v[key]!}::uuid, '2026-11-19T02:10:00Z', 120.0, 31.8),
        (${v[key]!}::uuid, '2026-11-19T02:40:00Z', 120.08, 31.85),
        (${v[key]!}::uuid, '2026-11-19T03:30:00Z', 120.08, 31.86),
        (${v[key]!}::uuid, '2026-11-19T03:50:00Z', 120.0, 31.8)`.execute(t.ctx.db);
    }
    await evaluateAlerts(t.ctx, cfg, new Date('2026-11-19T12:00:00Z'));
    const exits = await t.ctx.db
      .selectFrom('veh_alert')
      .select(['trip_id', 'vehicle_id'])
      .where('kind', '=', 'geofence_exit')
      .where('trip_id', 'in', [trips.a1!, trips.a2!])
      .execute();
    // a2 (emergency) left its fence; a1 (general) stayed within the pool's square
    expect(exits).toEqual([{ trip_id: trips.a2, vehicle_id: v.a2 }]);
    // switched off again for the tests that follow
    expect(
      (await w.adminA.client.patch(`/api/vehicles/supervision/geofences/${small.body.id}`, { active: false }))
        .status,
    ).toBe(204);
  });

  it('alerts: scope, filters, resolving with a note (audited), once', async () => {
    const mine = await w.adminB.client.get('/api/vehicles/supervision/alerts?pageSize=100');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((a: { jurisdictionId: string }) => a.jurisdictionId === w.b)).toBe(true);
    const red = await w.bureau.client.get('/api/vehicles/supervision/alerts?level=red&pageSize=100');
    expect(red.body.items.every((a: { level: string }) => a.level === 'red')).toBe(true);
    expect(red.body.counts.red).toBe(red.body.total);
    expect((await w.staffA.client.get('/api/vehicles/supervision/alerts')).status).toBe(403);
    const target = mine.body.items[0].id as string;
    const before = await countRows(t.ctx, TABLES);
    expect(
      (await w.adminB.client.post(`/api/vehicles/supervision/alerts/${target}/resolve`, { note: '' })).status,
    ).toBe(400);
    expect(
      (await w.adminA.client.post(`/api/vehicles/supervision/alerts/${target}/resolve`, { note: '已核实' }))
        .status,
    ).toBe(403);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
    const ok = await w.adminB.client.post(`/api/vehicles/supervision/alerts/${target}/resolve`, {
      note: '已约谈驾驶员',
    });
    expect(ok.status).toBe(204);
    const again = await w.adminB.client.post(`/api/vehicles/supervision/alerts/${target}/resolve`, {
      note: '再次处置',
    });
    expect(again.status).toBe(409);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity', '=', 'vehicles.alert')
      .where('entity_id', '=', target)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['resolve']);
    const open = await w.adminB.client.get('/api/vehicles/supervision/alerts?status=open&pageSize=100');
    expect(open.body.items.some((a: { id: string }) => a.id === target)).toBe(false);
  });

  it('inspections: rectification rules, follow-up, scope', async () => {
    const before = await countRows(t.ctx, TABLES);
    const noDue = await w.bureau.client.post('/api/vehicles/supervision/inspections', {
      unitId: w.unitA,
      heldOn: '2026-11-02',
      subject: '公车私用专项督查',
      result: 'violation',
    });
    expect(noDue.status).toBe(400);
    expect(noDue.body.error.details[0].field).toBe('rectifyDueOn');
    const outside = await w.adminB.client.post('/api/vehicles/supervision/inspections', {
      unitId: w.unitA,
      heldOn: '2026-11-02',
      subject: '越权督查',
      result: 'compliant',
    });
    expect(outside.status).toBe(403);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
    const ok = await w.bureau.client.post('/api/vehicles/supervision/inspections', {
      unitId: w.unitA,
      vehicleId: v.a1,
      heldOn: '2026-11-02',
      subject: '公车私用专项督查',
      findings: '周末用车未审批',
      result: 'violation',
      rectifyDueOn: '2026-11-20',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const overdue = await w.adminA.client.get('/api/vehicles/supervision/inspections?rectification=overdue');
    expect(overdue.status, JSON.stringify(overdue.body)).toBe(200);
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toEqual([ok.body.id]);
    expect((await w.adminB.client.get('/api/vehicles/supervision/inspections')).body.total).toBe(0);
    const done = await w.adminA.client.post(`/api/vehicles/supervision/inspections/${ok.body.id}/rectified`, {
      rectifiedOn: '2026-11-18',
      note: '已退回费用并通报',
      version: 1,
    });
    expect(done.status).toBe(204);
    const twice = await w.adminA.client.post(
      `/api/vehicles/supervision/inspections/${ok.body.id}/rectified`,
      {
        rectifiedOn: '2026-11-18',
        note: '再次',
        version: 2,
      },
    );
    expect(twice.status).toBe(409);
  });

  it('analysis figures match a hand-computed small period', async () => {
    // March 2025, Mon 3rd – Fri 7th: five working days. a1 serves A on time; b1 (B) is lent to A and starts late.
    await trip({
      vehicle: v.a1!,
      driver: d.a1!,
      jurisdiction: w.a,
      unit: w.unitA,
      lender: w.a,
      from: '2025-03-03T01:00:00Z',
      to: '2025-03-03T03:00:00Z',
      started: '2025-03-03T01:05:00Z',
      finished: '2025-03-03T03:05:00Z',
      odo: [1000, 1100],
      empty: 10,
      tolls: 500,
      fuel: 6000,
    });
    await trip({
      vehicle: v.b1!,
      driver: d.b1!,
      jurisdiction: w.a,
      unit: w.unitA,
      lender: w.b,
      from: '2025-03-04T02:00:00Z',
      to: '2025-03-04T04:00:00Z',
      started: '2025-03-04T02:30:00Z',
      finished: '2025-03-04T04:00:00Z',
      odo: [2000, 2050],
      empty: 20,
      fuel: 3000,
    });
    const res = await w.bureau.client.get(
      '/api/vehicles/analysis?from=2025-03-03&to=2025-03-07&dimension=jurisdiction',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.workingDays).toBe(5);
    const perKm = cfg.costPerKmFen;
    const a = res.body.rows.find((r: { key: string }) => r.key === w.a);
    const b = res.body.rows.find((r: { key: string }) => r.key === w.b);
    expect(a).toMatchObject({
      trips: 1,
      km: 100,
      hours: 2,
      vehicles: 2,
      utilisation: Math.round((2 / (2 * 5 * cfg.dutyHours)) * 1000) / 1000,
      onTime: 1,
      emptyKm: 10,
      emptyShare: 0.1,
      costFen: 6500 + 100 * perKm,
      lent: 0,
      borrowed: 1,
    });
    expect(b).toMatchObject({
      trips: 1,
      km: 50,
      hours: 1.5,
      onTime: 0,
      emptyShare: 0.4,
      lent: 1,
      borrowed: 0,
    });
    expect(b.costPerKmFen).toBe(Math.round((3000 + 50 * perKm) / 50));
    expect(res.body.totals).toMatchObject({ trips: 2, km: 150, hours: 3.5, onTime: 0.5 });
    const byUnit = await w.adminA.client.get(
      '/api/vehicles/analysis?from=2025-03-03&to=2025-03-07&dimension=unit',
    );
    expect(byUnit.body.rows.map((r: { key: string; trips: number }) => [r.key, r.trips])).toEqual([
      [w.unitA, 2],
    ]);
    const byCat = await w.bureau.client.get(
      '/api/vehicles/analysis?from=2025-03-03&to=2025-03-07&dimension=category',
    );
    expect(byCat.body.rows.find((r: { key: string }) => r.key === 'general').trips).toBe(2);
    // B's admin sees its lent trip, not A's own
    const forB = await w.adminB.client.get(
      '/api/vehicles/analysis?from=2025-03-03&to=2025-03-07&dimension=vehicle',
    );
    expect(forB.body.rows.map((r: { key: string }) => r.key)).toEqual([v.b1]);
    const bad = await w.bureau.client.get('/api/vehicles/analysis?from=2025-03-07&to=2025-03-03');
    expect(bad.status).toBe(400);
    const xlsx = await t.app.inject({
      method: 'GET',
      url: '/api/vehicles/analysis/export.xlsx?from=2025-03-03&to=2025-03-07&dimension=unit',
      headers: { authorization: `Bearer ${w.bureau.client.token}` },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
