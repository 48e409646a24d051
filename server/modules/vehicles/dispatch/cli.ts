import fs from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { CliTools } from '../../../kernel/module.ts';
import { solveDarpText } from './darp/index.ts';
import { solveMdvspText } from './mdvsp/index.ts';

function positive(label: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${label} must be a positive number`);
    return n;
  };
}

/** `goa dispatch solve --format mdvsp|darp FILE`: the dispatch solver on a benchmark file, one JSON line out. */
export function dispatchCommands(program: Command, cli: CliTools): void {
  const dispatch = program.command('dispatch').description('official-vehicle dispatch tools');
  dispatch
    .command('solve')
    .description(
      'solve a benchmark instance and print one JSON object: mdvsp → { vehicles, cost, seconds, blocks }, ' +
        'darp → { cost, seconds, routes } (formats: the READMEs in ../shared/benchmarks)',
    )
    .argument('<file>', 'the instance file')
    .requiredOption('--format <format>', 'mdvsp (Pepin .inp) or darp (Cordeau .txt)', (v) => {
      if (v !== 'mdvsp' && v !== 'darp') throw new InvalidArgumentError('format must be mdvsp or darp');
      return v;
    })
    .option('--time-limit <seconds>', 'wall-clock budget', positive('time limit'), 60)
    .option('--seed <n>', 'random seed (same seed, same answer)', positive('seed'), 1)
    .action(async (file: string, opts: { format: 'mdvsp' | 'darp'; timeLimit: number; seed: number }) => {
      const text = fs.readFileSync(file, 'utf8');
      const options = { timeLimitSeconds: opts.timeLimit, seed: opts.seed };
      const result =
        opts.format === 'mdvsp' ? await solveMdvspText(text, options) : await solveDarpText(text, options);
      cli.say(JSON.stringify(result));
    });
}
