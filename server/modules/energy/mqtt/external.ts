import mqtt, { type IClientOptions, type MqttClient, type Packet } from 'mqtt';
import type { ReadingBatcher } from '../ingest/batcher.ts';
import { readingsOf, TOPIC_BATCH, TOPIC_POINT_PREFIX } from './topics.ts';

export interface ExternalSubscriber {
  client: MqttClient;
  /** resolves once connected and subscribed the first time */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Subscribes to an external broker (Mosquitto, EMQX) with a persistent session (clean: false,
 * QoS 1), so readings published while goa is down wait in the broker. Each message's PUBACK is held
 * until the batch holding it has committed; a message whose write fails is never acknowledged and
 * the connection is dropped, so the broker delivers it again.
 *
 * mqtt.js handles incoming packets one at a time and sends the PUBACK when handleMessage's callback
 * runs, which would allow one transaction per message. So handleMessage only queues the message and
 * the PUBACK packet itself is held back (a wrapper around the client's packet writer) until commit —
 * many messages share one transaction and none is acknowledged early.
 */
export function startExternalSubscriber(
  url: string,
  batcher: ReadingBatcher,
  opts: { clientId: string; username?: string; password?: string; log?: (line: string) => void },
): ExternalSubscriber {
  const options: IClientOptions = {
    clientId: opts.clientId,
    clean: false,
    protocolVersion: 4,
    reconnectPeriod: 1000,
    ...(opts.username ? { username: opts.username } : {}),
    ...(opts.password ? { password: opts.password } : {}),
  };
  const client = mqtt.connect(url, options);
  const pending = new Map<number, Promise<void>>();
  type Send = (packet: Packet, cb?: (err?: Error) => void, ...rest: unknown[]) => void;
  const c = client as unknown as { _sendPacket: Send };
  const send = c._sendPacket.bind(client);
  c._sendPacket = (packet, cb, ...rest) => {
    const wait =
      packet.cmd === 'puback' && packet.messageId !== undefined ? pending.get(packet.messageId) : undefined;
    if (!wait) return send(packet, cb, ...rest);
    pending.delete(packet.messageId!);
    cb?.(); // let the next message in; the PUBACK itself waits for the commit
    wait.then(
      () => send(packet, undefined, ...rest),
      (e: unknown) => {
        opts.log?.(`energy mqtt: write failed, no PUBACK: ${String(e)}`);
        client.stream?.destroy();
      },
    );
  };
  client.handleMessage = (packet, callback) => {
    const rows = readingsOf(packet.topic, packet.payload as Buffer);
    const done = rows ? batcher.submit(rows) : Promise.resolve();
    if (packet.qos > 0 && packet.messageId !== undefined) pending.set(packet.messageId, done);
    else done.catch(() => {});
    callback();
  };
  client.on('error', (e) => opts.log?.(`energy mqtt: ${e.message}`));
  // a persistent session keeps its subscriptions; subscribe when the broker has none for us
  const ready = new Promise<void>((resolve) => {
    client.on('connect', (connack) => {
      if (connack.sessionPresent) return resolve();
      client.subscribeAsync({ [TOPIC_BATCH]: { qos: 1 }, [`${TOPIC_POINT_PREFIX}+`]: { qos: 1 } }).then(
        () => resolve(),
        (e: unknown) => opts.log?.(`energy mqtt: subscribe failed: ${String(e)}`),
      );
    });
  });
  return {
    client,
    ready,
    async close() {
      await client.endAsync();
    },
  };
}
