import net from 'node:net';
import { Aedes, type AuthenticateError } from 'aedes';
import type { Db } from '../../../kernel/db/schema.ts';
import { principalForMachineToken } from '../../../kernel/auth/service.ts';
import type { ReadingBatcher } from '../ingest/batcher.ts';
import { readingsOf } from './topics.ts';

export interface EmbeddedBroker {
  port: number;
  close(): Promise<void>;
}

/**
 * The embedded MQTT 3.1.1 broker (aedes). Gateways sign in with a machine token of purpose
 * energy.ingest as the password (any username). A QoS 1 PUBLISH is stored inside authorizePublish,
 * which aedes completes before it writes the PUBACK: the PUBACK leaves only after the commit. A
 * failed write closes the connection without PUBACK, so the gateway sends the message again.
 * Subscribing is refused: the broker is an ingest endpoint, not a message bus.
 */
export async function startEmbeddedBroker(
  db: Db,
  batcher: ReadingBatcher,
  opts: { port: number; host: string; log?: (line: string) => void },
): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker({
    authenticate(_client, _username, password, done) {
      const token = password?.toString('utf8') ?? '';
      principalForMachineToken(db, token).then(
        (p) => {
          if (p && p.purpose === 'energy.ingest') return done(null, true);
          const err = new Error('bad machine token') as AuthenticateError;
          err.returnCode = 4;
          done(err, false);
        },
        (e: unknown) => {
          const err = new Error(String(e)) as AuthenticateError;
          err.returnCode = 3;
          done(err, false);
        },
      );
    },
    authorizeSubscribe(_client, _sub, done) {
      done(new Error('subscribing is not offered'));
    },
    authorizePublish(client, packet, done) {
      if (!client) return done(); // the broker's own $SYS messages
      const rows = readingsOf(packet.topic, packet.payload as Buffer);
      if (!rows) return done(new Error(`not a readings topic: ${packet.topic}`));
      batcher.submit(rows).then(
        () => done(),
        (e: unknown) => {
          opts.log?.(`energy mqtt: write failed, no PUBACK: ${String(e)}`);
          done(e instanceof Error ? e : new Error(String(e)));
        },
      );
    },
  });
  const server = net.createServer(broker.handle as (s: net.Socket) => void);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    port,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
