import type { Command } from 'commander';
import type { CliTools } from '../../../kernel/module.ts';
import { simulateCommand } from './command.ts';
import { importCommand } from '../ingest/command.ts';

/** `goa energy …` commands of the ingest side. */
export function energyCommands(program: Command, cli: CliTools): void {
  const energy =
    program.commands.find((c) => c.name() === 'energy') ??
    program.command('energy').description('能耗 · energy network');
  simulateCommand(energy, cli);
  importCommand(energy, cli);
}
