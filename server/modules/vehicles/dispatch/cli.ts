import type { Command } from 'commander';
import type { CliTools } from '../../../kernel/module.ts';

/** `goa dispatch …`: the dispatch solver on benchmark files (filled in by the solver work). */
export function dispatchCommands(program: Command, _cli: CliTools): void {
  program.command('dispatch').description('official-vehicle dispatch tools');
}
