// Shared CLI side of every CSV import: --encoding, --dry-run, the progress
// bar on a TTY, and the summary output.
import type { Command } from 'commander';
import type { ImportOptions, ImportResult } from '../app/core/csvimport.js';
import type { Output } from '../render/view.js';
import type { Io } from './run.js';
import type { T } from './i18n/index.js';

export function importOptions(cmd: Command, t: T): Command {
  return cmd
    .option('--encoding <enc>', t('opt.encoding'))
    .option('--dry-run', t('opt.dry_run'));
}

export async function importRunOptions(io: Io): Promise<ImportOptions> {
  const o: ImportOptions = { encoding: io.opts.encoding, dryRun: !!io.opts.dryRun };
  if (process.stderr.isTTY && !io.g.quiet) {
    const { SingleBar, Presets } = (await import('cli-progress')).default;
    const bar = new SingleBar({ format: ' {bar} {percentage}% | {value}/{total} KiB', clearOnComplete: true, hideCursor: true, stream: process.stderr }, Presets.shades_classic);
    let started = false;
    o.progress = (read, total) => {
      // Only worth a bar for files that take a moment.
      if (total < 512 * 1024) return;
      if (!started) {
        bar.start(Math.ceil(total / 1024), 0);
        started = true;
      }
      bar.update(Math.ceil(read / 1024));
      if (read >= total) bar.stop();
    };
  }
  return o;
}

export function importOutput(io: Io, r: ImportResult): Output {
  const notes = [io.t(r.dry_run ? 'msg.import_dry_run' : 'msg.import_done', { file: r.file, rows: r.rows, added: r.added, updated: r.updated, unchanged: r.unchanged })];
  if (r.ignored_columns.length) notes.push(io.t('msg.import_ignored', { columns: r.ignored_columns.join(', ') }));
  return {
    json: r,
    record: {
      fields: [
        { key: 'file', label: 'col.file' },
        { key: 'encoding', label: 'col.encoding' },
        { key: 'rows', label: 'col.rows', type: 'number' },
        { key: 'added', label: 'col.added', type: 'number' },
        { key: 'updated', label: 'col.updated', type: 'number' },
        { key: 'unchanged', label: 'col.unchanged', type: 'number' },
        { key: 'dry_run', label: 'col.dry_run', type: 'bool' },
      ],
      row: r as unknown as Record<string, unknown>,
    },
    notes,
  };
}
