import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import mqtt from 'mqtt';
import type { CliTools } from '../../../kernel/module.ts';
import { energyConfig } from '../config.ts';
import { loadSimPoints } from './points.ts';
import { consumption, hash } from './shape.ts';

interface SimulateOptions {
  url?: string;
  api?: string;
  token?: string;
  from?: string;
  to?: string;
  interval: string;
  points?: string;
  batch: string;
  inflight: string;
}

/** `goa energy simulate`: realistic readings of the demo's points over MQTT, live or as a backfill. */
export function simulateCommand(energy: Command, cli: CliTools): void {
  energy
    .command('simulate')
    .description(
      'publish simulated meter readings over MQTT (goa/readings, QoS 1): live every --interval minutes, or a backfill --from … --to …',
    )
    .option(
      '--url <mqtt-url>',
      'broker (default: MQTT_URL, else the embedded broker on 127.0.0.1:GOA_MQTT_PORT)',
    )
    .option(
      '--token <machine-token>',
      'a machine token of purpose energy.ingest (the embedded broker needs one)',
    )
    .option('--from <date>', 'backfill from this local date (YYYY-MM-DD)')
    .option('--to <date>', 'backfill up to this local date, exclusive (default: now)')
    .option(
      '--api <http-url>',
      'the serving platform, to list the points when it holds the embedded database (default: http://127.0.0.1:PORT)',
    )
    .option('--interval <minutes>', 'minutes between readings', '15')
    .option('--points <n>', 'only the first n metered points')
    .option('--batch <n>', 'readings per MQTT message', '1000')
    .option('--inflight <n>', 'messages awaiting PUBACK at once', '16')
    .action(async (o: SimulateOptions) => {
      const config = cli.config();
      const cfg = energyConfig(config);
      const { points, registers: knowsRegisters } = await loadSimPoints(cli, {
        token: o.token,
        apiUrl: o.api ?? `http://127.0.0.1:${config.port}`,
        limit: o.points ? Number(o.points) : 1e9,
      });
      if (points.length === 0)
        return cli.say('no metered points: seed the demo or import the registry first');
      const url = o.url ?? cfg.mqtt.url ?? `mqtt://127.0.0.1:${cfg.mqtt.port}`;
      const client = await mqtt.connectAsync(url, {
        protocolVersion: 4,
        clientId: `goa-sim-${process.pid}`,
        ...(o.token ? { username: 'simulator', password: o.token } : {}),
      });
      const minutes = Number(o.interval);
      const step = minutes * 60_000;
      const registers = new Map(points.map((p) => [p.id, p.register ?? 10_000 + (hash(p.id) % 90_000)]));
      const batchSize = Number(o.batch);
      const inflight = new Set<Promise<unknown>>();
      const publish = async (batch: object[]) => {
        const p = client.publishAsync('goa/readings', JSON.stringify(batch), { qos: 1 });
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
        if (inflight.size >= Number(o.inflight)) await Promise.race(inflight);
      };
      const tick = async (end: Date) => {
        let batch: object[] = [];
        for (const p of points) {
          const used = consumption(p, end, minutes, cfg.timeZone) / p.multiplier;
          // without the stored registers (listed over the API) each reading is the interval's consumption
          if (!knowsRegisters) {
            batch.push({
              point: p.code,
              ts: end.toISOString(),
              value: Math.round(used * 100) / 100,
              kind: 'interval',
            });
          } else {
            registers.set(p.id, Math.round((registers.get(p.id)! + used) * 100) / 100);
            batch.push({ point: p.code, ts: end.toISOString(), value: registers.get(p.id) });
          }
          if (batch.length >= batchSize) {
            await publish(batch);
            batch = [];
          }
        }
        if (batch.length > 0) await publish(batch);
      };
      const floor = (t: number) => new Date(Math.floor(t / step) * step);
      try {
        if (o.from) {
          const from = localMidnight(o.from, cfg.timeZone);
          const to = o.to ? localMidnight(o.to, cfg.timeZone) : floor(Date.now());
          const ticks = Math.floor((to.getTime() - from.getTime()) / step);
          cli.say(
            `backfill ${points.length} points × ${ticks} intervals = ${points.length * ticks} readings → ${url}`,
          );
          const bar = new cliProgress.SingleBar({
            format: '{bar} {percentage}% | {value}/{total} intervals | {eta_formatted}',
          });
          bar.start(ticks, 0);
          const started = Date.now();
          for (let i = 1; i <= ticks; i++) {
            await tick(new Date(from.getTime() + i * step));
            bar.update(i);
          }
          await Promise.all(inflight);
          bar.stop();
          const s = (Date.now() - started) / 1000;
          cli.say(`published and acknowledged ${points.length * ticks} readings in ${s.toFixed(1)} s`);
        } else {
          cli.say(`live: ${points.length} points every ${minutes} min → ${url} (Ctrl-C stops)`);
          let stop = false;
          process.once('SIGINT', () => (stop = true));
          process.once('SIGTERM', () => (stop = true));
          let next = floor(Date.now()).getTime() + step;
          while (!stop) {
            await new Promise((r) => setTimeout(r, Math.max(0, Math.min(1000, next - Date.now()))));
            if (Date.now() < next) continue;
            await tick(new Date(next));
            await Promise.all(inflight);
            cli.say(`${new Date(next).toISOString()}: ${points.length} readings acknowledged`);
            next += step;
          }
        }
      } finally {
        await client.endAsync();
      }
    });
}

/** The instant of local midnight of a YYYY-MM-DD date in a time zone. */
export function localMidnight(date: string, timeZone: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a date: ${date}`);
  const guess = new Date(`${date}T00:00:00Z`);
  const shown = new Date(guess.toLocaleString('en-US', { timeZone }));
  const utc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(guess.getTime() - (shown.getTime() - utc.getTime()));
}
