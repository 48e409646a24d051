import { z } from 'zod';
import { moduleConfig, type Config } from '../../kernel/config.ts';

const boolish = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  /** the embedded MQTT broker (aedes): on unless 0, or when MQTT_URL names an external broker */
  GOA_MQTT: boolish.default(true),
  GOA_MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1883),
  GOA_MQTT_HOST: z.string().default('0.0.0.0'),
  /** an external broker (Mosquitto, EMQX) goa subscribes to instead of embedding one */
  MQTT_URL: z
    .string()
    .regex(/^mqtts?:\/\//, 'MQTT_URL must start with mqtt:// or mqtts://')
    .optional(),
  /** the client id of goa's persistent session on an external broker */
  GOA_MQTT_CLIENT_ID: z.string().default('goa-energy-ingest'),
  /** readings later than now + this are quarantined as future_timestamp */
  GOA_ENERGY_FUTURE_MINUTES: z.coerce.number().int().min(0).default(60),
  /** readings collected before one database write (MQTT ingest batches) */
  GOA_ENERGY_BATCH_ROWS: z.coerce.number().int().min(1).max(100_000).default(5000),
  /** the longest a reading waits for its batch (ms) */
  GOA_ENERGY_BATCH_MS: z.coerce.number().int().min(0).max(10_000).default(200),
});

export interface EnergyConfig {
  mqtt: { embedded: boolean; port: number; host: string; url: string | undefined; clientId: string };
  futureMinutes: number;
  batchRows: number;
  batchMs: number;
  timeZone: string;
}

export function energyConfig(config: Config): EnergyConfig {
  const e = moduleConfig(config, schema);
  return {
    mqtt: {
      embedded: e.GOA_MQTT && !e.MQTT_URL,
      port: e.GOA_MQTT_PORT,
      host: e.GOA_MQTT_HOST,
      url: e.MQTT_URL,
      clientId: e.GOA_MQTT_CLIENT_ID,
    },
    futureMinutes: e.GOA_ENERGY_FUTURE_MINUTES,
    batchRows: e.GOA_ENERGY_BATCH_ROWS,
    batchMs: e.GOA_ENERGY_BATCH_MS,
    timeZone: config.timeZone,
  };
}
