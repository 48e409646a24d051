import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Database } from '../db/connect.ts';
import type { AppContext } from '../module.ts';
import { buildAccount } from '../testing/factories.ts';
import { machinePurposesOf } from './machine-tokens.ts';
import {
  countRows,
  createTestDatabase,
  dbKinds,
  signIn,
  testConfig,
  TestClient,
} from '../testing/harness.ts';

const WRITES = ['auth_machine_token', 'audit_log'];

describe.each(dbKinds)('machine tokens on %s', (kind) => {
  let app: FastifyInstance;
  let database: Database;
  let bureau: TestClient;
  let district: TestClient;
  let ctx: AppContext;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ctx = { config: testConfig(), database, db: database.db };
    app = await buildApp(ctx, { web: false });
    // a machine route of the test's own purpose, registered before the app is ready
    app.get('/api/test/machine-ping', { config: { access: { machine: 'test.purpose' } } }, async (req) => ({
      actor: req.goa.actor.label,
    }));
    await app.ready();
    const a = await buildAccount(database.db, {
      personId: null,
      grants: [{ role: 'bureau_admin', scope: 'city' }],
    });
    const d = await buildAccount(database.db, { grants: [{ role: 'district_admin', scope: 'city' }] });
    bureau = await signIn(app, a.username, a.password);
    district = await signIn(app, d.username, d.password);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    fs.rmSync(ctx.config.dataDir, { recursive: true, force: true });
  });

  const count = () => countRows(ctx, WRITES);

  it('creates a token shown once, lists it without the secret, and revokes it for good', async () => {
    const before = await count();
    const created = await bureau.post('/api/machine-tokens', {
      name: '1号楼电表网关',
      purpose: 'test.purpose',
    });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^goam_/);
    expect(await count()).toEqual({
      auth_machine_token: before.auth_machine_token! + 1,
      audit_log: before.audit_log! + 1,
    });
    const device = new TestClient(app, created.body.token);
    const ping = await device.get('/api/test/machine-ping');
    expect([ping.status, ping.body.actor]).toEqual([200, 'machine:1号楼电表网关']);
    // a user, even the bureau admin, is not a machine of that purpose
    expect((await bureau.get('/api/test/machine-ping')).status).toBe(403);

    const list = await bureau.get('/api/machine-tokens');
    const row = list.body.find((r: { id: string }) => r.id === created.body.id);
    expect(row).toEqual({
      id: created.body.id,
      name: '1号楼电表网关',
      purpose: 'test.purpose',
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
      revokedAt: null,
    });
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);

    const revoked = await bureau.delete(`/api/machine-tokens/${created.body.id}`);
    expect(revoked.status).toBe(204);
    const after = await device.get('/api/test/machine-ping');
    expect([after.status, after.body.error.code]).toEqual([401, 'unauthenticated']);
    const again = await bureau.delete(`/api/machine-tokens/${created.body.id}`);
    expect(again.status).toBe(404);
    const log = await database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'auth.machine_token')
      .where('entity_id', '=', created.body.id)
      .orderBy('id')
      .execute();
    expect(log.map((l) => l.action)).toEqual(['create', 'revoke']);
  });

  it('refuses a token of another purpose on a machine route', async () => {
    const other = await bureau.post('/api/machine-tokens', { name: 'gps-7', purpose: 'vehicles.position' });
    const res = await new TestClient(app, other.body.token).get('/api/test/machine-ping');
    expect(res.status).toBe(403);
  });

  it('lists the purposes the routes declare, each with its routes', async () => {
    const res = await bureau.get('/api/machine-tokens/purposes');
    expect(res.status).toBe(200);
    const purposes = res.body as { purpose: string; routes: string[] }[];
    expect(purposes).toContainEqual({ purpose: 'test.purpose', routes: ['GET /api/test/machine-ping'] });
    const names = purposes.map((p) => p.purpose);
    expect(names).toEqual(expect.arrayContaining(['energy.ingest', 'vehicles.position', 'visitors.gate']));
    expect(names).toEqual([...names].sort());
    expect((await district.get('/api/machine-tokens/purposes')).status).toBe(403);
    // what `goa token create` checks against: the same list, read from the built app
    expect(machinePurposesOf(app)).toEqual(names);
  });

  it('refuses a purpose no route declares (a typo), on the field, writing nothing', async () => {
    const before = await count();
    const english = new TestClient(app, bureau.token, 'en');
    const res = await english.post('/api/machine-tokens', { name: '电表网关', purpose: 'energy.ingset' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('machine_purpose_unknown');
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'purpose' })]);
    expect(res.body.error.message).toMatch(/energy\.ingset.*energy\.ingest/);
    expect(await count()).toEqual(before);
  });

  it('refuses bad input and non-bureau callers, writing nothing', async () => {
    const before = await count();
    const cases: [TestClient, 'post' | 'delete' | 'get', string, object | undefined, number][] = [
      [bureau, 'post', '/api/machine-tokens', { name: 'x', purpose: 'ingest' }, 400],
      [bureau, 'post', '/api/machine-tokens', { name: 'x', purpose: 'Energy.Ingest' }, 400],
      [bureau, 'post', '/api/machine-tokens', { name: '', purpose: 'energy.ingest' }, 400],
      [bureau, 'post', '/api/machine-tokens', { name: 'n'.repeat(61), purpose: 'energy.ingest' }, 400],
      [bureau, 'post', '/api/machine-tokens', { purpose: 'energy.ingest' }, 400],
      [bureau, 'delete', '/api/machine-tokens/00000000-0000-4000-8000-000000000000', undefined, 404],
      [bureau, 'delete', '/api/machine-tokens/not-a-uuid', undefined, 400],
      [district, 'post', '/api/machine-tokens', { name: 'x', purpose: 'energy.ingest' }, 403],
      [district, 'get', '/api/machine-tokens', undefined, 403],
    ];
    for (const [client, method, url, body, status] of cases) {
      const res = method === 'post' ? await client.post(url, body) : await client[method](url);
      expect(res.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(status);
    }
    expect(await count()).toEqual(before);
  });
});
