import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { CliTools } from '../../../kernel/module.ts';
import { IMPORT_BATCH_ROWS, importCsvFile } from './import-file.ts';

/** `goa energy import FILE`: a historical CSV file, streamed with a progress bar. */
export function importCommand(energy: Command, cli: CliTools): void {
  energy
    .command('import')
    .description(
      'import historical readings from a CSV file (point,ts,value[,kind]), streaming, with progress',
    )
    .argument('<file>', 'the CSV file')
    .option('--batch <rows>', 'readings per transaction', String(IMPORT_BATCH_ROWS))
    .action(async (file: string, o: { batch: string }) => {
      const ctx = await cli.open();
      const bar = new cliProgress.SingleBar({
        format:
          '{bar} {percentage}% | {rows} rows | stored {stored} · duplicates {duplicates} · quarantined {quarantined} | {eta_formatted}',
      });
      try {
        const started = Date.now();
        bar.start(100, 0, { rows: 0, stored: 0, duplicates: 0, quarantined: 0 });
        const r = await importCsvFile(ctx.db, file, {
          timeZone: ctx.config.timeZone,
          batchRows: Number(o.batch),
          onProgress: (p) => bar.update(Math.floor((100 * p.bytes) / Math.max(1, p.totalBytes)), { ...p }),
        });
        bar.update(100, { ...r });
        bar.stop();
        const s = (Date.now() - started) / 1000;
        cli.say(
          `imported ${r.rows} rows in ${s.toFixed(1)} s (${Math.round(r.rows / s)} rows/s): stored ${r.stored}, duplicates ${r.duplicates}, quarantined ${r.quarantined}`,
        );
      } finally {
        bar.stop();
        await ctx.database.close();
      }
    });
}
