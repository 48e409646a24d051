import type { AppContext, Log } from '../../../kernel/module.ts';
import { energyConfig } from '../config.ts';
import { ReadingBatcher } from './batcher.ts';
import { ingestReadings } from './pipeline.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from '../mqtt/embedded.ts';
import { startExternalSubscriber, type ExternalSubscriber } from '../mqtt/external.ts';

export interface IngestRuntime {
  batcher: ReadingBatcher;
  broker: EmbeddedBroker | null;
  subscriber: ExternalSubscriber | null;
  stop(): Promise<void>;
}

/** Starts MQTT ingestion as configured: the embedded broker, an external broker's subscription, or none. */
export async function startIngest(
  ctx: AppContext,
  log: Log = () => {},
  warn: Log = (line) => process.emitWarning(line),
): Promise<IngestRuntime> {
  const cfg = energyConfig(ctx.config);
  const batcher = new ReadingBatcher(
    (rows) =>
      ingestReadings(ctx.db, rows, {
        source: 'mqtt',
        timeZone: cfg.timeZone,
        futureMinutes: cfg.futureMinutes,
      }),
    cfg.batchRows,
    cfg.batchMs,
  );
  let broker: EmbeddedBroker | null = null;
  let subscriber: ExternalSubscriber | null = null;
  if (cfg.mqtt.url) {
    subscriber = startExternalSubscriber(cfg.mqtt.url, batcher, { clientId: cfg.mqtt.clientId, log });
    log(`energy: subscribed to ${cfg.mqtt.url.replace(/\/\/[^@]*@/, '//***@')} as ${cfg.mqtt.clientId}`);
  } else if (cfg.mqtt.embedded) {
    try {
      broker = await startEmbeddedBroker(ctx.db, batcher, { port: cfg.mqtt.port, host: cfg.mqtt.host, log });
      log(`energy: MQTT broker listening on ${cfg.mqtt.host}:${broker.port}`);
    } catch (e) {
      // the platform still serves (HTTP ingest works); the operator sees why MQTT is off
      warn(
        `energy: the MQTT broker could not listen on ${cfg.mqtt.host}:${cfg.mqtt.port} (${String(e)}); MQTT ingestion is off — set GOA_MQTT_PORT or GOA_MQTT=0`,
      );
    }
  }
  return {
    batcher,
    broker,
    subscriber,
    async stop() {
      await subscriber?.close();
      await broker?.close();
      await batcher.close();
    },
  };
}
