import { InvalidArgumentError, type Command } from 'commander';
import type { CliTools } from '../../../kernel/module.ts';
import { VehicleSimulator, worldOverHttp } from './runner.ts';

function positive(label: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${label} must be a positive number`);
    return n;
  };
}

interface Options {
  url: string;
  token: string;
  worldToken: string;
  interval: number;
  speedUp: number;
  from?: string;
  parked: number;
  once?: boolean;
}

/**
 * `goa vehicles simulate`: moves the vehicles on trips along their trips' places and keeps parked ones
 * at their depot, posting positions to a running platform over HTTP with a machine token, as GPS
 * units do. `--from` with `--speed-up` replays the earlier part of the day quickly, then runs live.
 */
export function simulateCommand(program: Command, cli: CliTools): void {
  const vehicles =
    program.commands.find((c) => c.name() === 'vehicles') ??
    program.command('vehicles').description('公务用车 · official vehicles');
  vehicles
    .command('simulate')
    .description(
      'post simulated positions of the vehicles (on trips: along their places at time-of-day speeds; ' +
        'parked: at their depot) to POST /api/vehicles/positions, marked as source simulator',
    )
    .option('--url <url>', 'the platform to post to', 'http://127.0.0.1:8080')
    .requiredOption(
      '--token <machine-token>',
      'a machine token of purpose vehicles.position to post positions (goa token create --purpose vehicles.position)',
    )
    .requiredOption(
      '--world-token <machine-token>',
      'a machine token of purpose vehicles.simulate to read the trips that move (goa token create --purpose vehicles.simulate)',
    )
    .option(
      '--interval <seconds>',
      'simulated seconds between reports of a moving vehicle',
      positive('interval'),
      10,
    )
    .option(
      '--parked <seconds>',
      'simulated seconds between reports of a parked vehicle',
      positive('parked'),
      300,
    )
    .option(
      '--speed-up <factor>',
      'run the clock this much faster while it is behind now',
      positive('speed-up'),
      1,
    )
    .option('--from <instant>', 'start the simulated clock here (ISO 8601; default now)')
    .option('--once', 'post one report of every vehicle and exit')
    .action(async (o: Options) => {
      const token = o.token;
      const from = o.from ? new Date(o.from) : undefined;
      if (from && Number.isNaN(from.getTime()))
        throw new InvalidArgumentError('--from must be an ISO 8601 instant');
      // everything goes through the platform's API: with the embedded database only the server opens it
      const config = cli.config();
      const sim = new VehicleSimulator({
        world: worldOverHttp(o.url, o.worldToken),
        url: o.url,
        token,
        intervalSeconds: o.interval,
        parkedSeconds: o.parked,
        speedUp: o.speedUp,
        ...(from ? { from } : {}),
        timeZone: config.timeZone,
        log: cli.say,
      });
      {
        if (o.once) {
          try {
            const n = await sim.step(Date.now());
            cli.say(`posted ${n} positions to ${o.url}`);
          } catch (e) {
            // a refused token or an unreachable server: one clear line, not a stack trace
            process.stderr.write(`goa: ${e instanceof Error ? e.message : String(e)}\n`);
            process.exitCode = 1;
          }
          return;
        }
        cli.say(
          `simulating vehicles → ${o.url} every ${o.interval} s (×${o.speedUp} while behind; Ctrl-C stops)`,
        );
        sim.start();
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await sim.stop();
        cli.say(`posted ${sim.posted} positions`);
      }
    });
}
