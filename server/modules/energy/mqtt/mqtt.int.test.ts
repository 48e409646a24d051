import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMachineToken } from '../../../kernel/auth/service.ts';
import { SYSTEM_ACTOR } from '../../../kernel/http/access.ts';
import { createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { startIngest, type IngestRuntime } from '../ingest/service.ts';
import { buildMeteredInstitution, deltasOf, rollupsOf } from '../ingest/test-fixture.ts';
import { startMosquitto } from './test-mosquitto.ts';

const tsAt = (m: number) => new Date(Date.UTC(2026, 10, 24, 0, m)).toISOString();

describe.each(dbKinds)('MQTT ingest on %s', (kind) => {
  describe('embedded broker (aedes)', () => {
    let t: TestApp;
    let ingest: IngestRuntime;
    let token: string;
    beforeAll(async () => {
      t = await createTestApp(kind, {
        GOA_MQTT_PORT: '0',
        GOA_MQTT_HOST: '127.0.0.1',
        GOA_ENERGY_BATCH_MS: '50',
      });
      ingest = await startIngest(t.ctx);
      token = (await createMachineToken(t.ctx.db, { name: 'gw', purpose: 'energy.ingest' }, SYSTEM_ACTOR))
        .token;
    });
    afterAll(async () => {
      await ingest.stop();
      await t.close();
    });
    const url = () => `mqtt://127.0.0.1:${ingest.broker!.port}`;

    it('acknowledges a QoS 1 reading only once it is stored (per-point and batched topics)', async () => {
      const { points } = await buildMeteredInstitution(t.ctx.db);
      const p = points[0]!;
      const client = await mqtt.connectAsync(url(), { username: 'gw', password: token, protocolVersion: 4 });
      try {
        await client.publishAsync(`goa/readings/${p.code}`, JSON.stringify({ ts: tsAt(0), value: 10 }), {
          qos: 1,
        });
        // the PUBACK has arrived: the reading is committed
        expect((await deltasOf(t.ctx.db, p.id)).length).toBe(1);
        await Promise.all(
          [1, 2, 3].map((i) =>
            client.publishAsync(
              `goa/readings/${p.code}`,
              JSON.stringify({ ts: tsAt(15 * i), value: 10 + i }),
              { qos: 1 },
            ),
          ),
        );
        await client.publishAsync(
          'goa/readings',
          JSON.stringify([
            { point: p.code, ts: tsAt(60), value: 20 },
            { point: p.code, ts: tsAt(60), value: 20 },
            { point: 'NOPE', ts: tsAt(60), value: 1 },
          ]),
          { qos: 1 },
        );
        expect((await deltasOf(t.ctx.db, p.id)).map((r) => r.delta)).toEqual([null, 1, 1, 1, 7]);
        expect((await rollupsOf(t.ctx.db, p.id)).days).toEqual([
          { day: '2026-11-24', consumption: 10, samples: 5 },
        ]);
        // a malformed payload is quarantined and still acknowledged (it will never become valid)
        await client.publishAsync(`goa/readings/${p.code}`, 'not json', { qos: 1 });
        const q = await t.ctx.db
          .selectFrom('energy_quarantine')
          .select(['reason', 'point_code'])
          .where('source', '=', 'mqtt')
          .execute();
        expect(q).toEqual(
          expect.arrayContaining([
            { reason: 'unknown_point', point_code: 'NOPE' },
            { reason: 'malformed', point_code: p.code },
          ]),
        );
      } finally {
        await client.endAsync();
      }
    });

    it('refuses gateways without a machine token of purpose energy.ingest', async () => {
      const other = (
        await createMachineToken(t.ctx.db, { name: 'gps', purpose: 'vehicles.position' }, SYSTEM_ACTOR)
      ).token;
      for (const password of ['wrong', other]) {
        await expect(
          mqtt.connectAsync(url(), { username: 'gw', password, protocolVersion: 4, reconnectPeriod: 0 }),
        ).rejects.toThrow();
      }
    });
  });

  describe('external broker (Mosquitto)', () => {
    let t: TestApp;
    let broker: Awaited<ReturnType<typeof startMosquitto>>;
    beforeAll(async () => {
      broker = await startMosquitto();
      t = await createTestApp(kind, {
        MQTT_URL: broker.url,
        GOA_ENERGY_BATCH_MS: '50',
        GOA_MQTT_CLIENT_ID: `goa-${kind}`,
      });
    });
    afterAll(async () => {
      await t.close();
      await broker.stop();
    });

    it('stores readings published to the broker, also those sent while goa was away (persistent session)', async () => {
      const { points } = await buildMeteredInstitution(t.ctx.db);
      const p = points[0]!;
      let ingest = await startIngest(t.ctx);
      await ingest.subscriber!.ready;
      const meter = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
      try {
        await meter.publishAsync(`goa/readings/${p.code}`, JSON.stringify({ ts: tsAt(0), value: 100 }), {
          qos: 1,
        });
        await vi.waitFor(async () => expect((await deltasOf(t.ctx.db, p.id)).length).toBe(1), {
          timeout: 10_000,
        });
        await ingest.stop();
        // goa is away: the broker keeps these for goa's session
        await meter.publishAsync(`goa/readings/${p.code}`, JSON.stringify({ ts: tsAt(15), value: 104 }), {
          qos: 1,
        });
        await meter.publishAsync(
          'goa/readings',
          JSON.stringify([{ point: p.code, ts: tsAt(30), value: 110 }]),
          { qos: 1 },
        );
        ingest = await startIngest(t.ctx);
        await ingest.subscriber!.ready;
        await vi.waitFor(
          async () => expect((await deltasOf(t.ctx.db, p.id)).map((r) => r.delta)).toEqual([null, 4, 6]),
          { timeout: 10_000 },
        );
        // a duplicate delivery never counts twice
        await meter.publishAsync(`goa/readings/${p.code}`, JSON.stringify({ ts: tsAt(15), value: 104 }), {
          qos: 1,
        });
        await meter.publishAsync(`goa/readings/${p.code}`, JSON.stringify({ ts: tsAt(45), value: 111 }), {
          qos: 1,
        });
        await vi.waitFor(async () => expect((await deltasOf(t.ctx.db, p.id)).length).toBe(4), {
          timeout: 10_000,
        });
        expect((await rollupsOf(t.ctx.db, p.id)).days).toEqual([
          { day: '2026-11-24', consumption: 11, samples: 4 },
        ]);
      } finally {
        await meter.endAsync();
        await ingest.stop();
      }
    });
  });
});
