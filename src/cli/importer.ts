// Shared CLI side of every roster import: --encoding, --dry-run, --map,
// --sheet, --rejects, the progress bar on a TTY, and the summary output.
import type { Command } from 'commander';
import type { ImportOptions, ImportResult } from '../store/import/csvimport.js';
import type { Output } from '../render/view.js';
import { UsageError } from '../errors.js';
import type { Io } from './run.js';
import type { T } from './i18n/index.js';
import { labelsOf } from './choices.js';
import { rejectSink } from './rejects.js';
import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

export function importOptions(cmd: Command, t: T): Command {
  return cmd
    .option('--encoding <enc>', t('opt.encoding'))
    .option('--dry-run', t('opt.dry_run'))
    .option('--map <heading=column>', t('opt.map'), collect)
    .option('--sheet <name>', t('opt.sheet'))
    .option('--rejects <file>', t('opt.rejects'));
}

/** `入住情况=occupancy` → [heading, column]; the last `=` splits (a heading may hold one). */
export function parseMaps(list: string[] | undefined): [string, string][] {
  return (list ?? []).map((m) => {
    const i = m.lastIndexOf('=');
    if (i <= 0 || i === m.length - 1) throw new UsageError('err.map_syntax', { value: m }, 'fix.map');
    return [m.slice(0, i).trim(), m.slice(i + 1).trim()];
  });
}

export async function importRunOptions(io: Io): Promise<ImportOptions> {
  const o: ImportOptions = {
    encoding: io.opts.encoding,
    dryRun: !!io.opts.dryRun,
    map: parseMaps(io.opts.map),
    sheet: io.opts.sheet,
    labelsOf: labelsOf(io.lang),
  };
  if (io.opts.rejects) {
    const file = String(io.opts.rejects);
    checkRejectsTarget(file, io.dataDir, !!io.g.yes);
    o.rejects = rejectSink(file, io.t, (n) => io.info(io.t('msg.rejects_written', { n, file })));
  }
  if (process.stderr.isTTY && !io.g.quiet) {
    const { SingleBar, Presets } = (await import('cli-progress')).default;
    const bar = new SingleBar(
      { format: ' {bar} {percentage}% | {value}/{total} KiB', clearOnComplete: true, hideCursor: true, stream: process.stderr },
      Presets.shades_classic,
    );
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
  const notes = [
    io.t(r.dry_run ? 'msg.import_dry_run' : 'msg.import_done', { file: r.file, rows: r.rows, added: r.added, updated: r.updated, unchanged: r.unchanged }),
  ];
  if (r.ignored_columns.length) notes.push(io.t('msg.import_ignored', { columns: r.ignored_columns.join(', ') }));
  if (r.warnings.length) {
    notes.push(io.t('msg.import_warnings', { n: r.warnings.length }));
    for (const w of r.warnings) notes.push('  ' + (typeof w === 'string' ? w : (w.prefix ? w.prefix + ' ' : '') + io.t(w.key, w.params)));
  }
  const { warnings, ...json } = r;
  return {
    json: { ...json, warnings: warnings.map((w) => (typeof w === 'string' ? w : io.t(w.key, w.params))) },
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
      row: { ...r },
    },
    notes,
  };
}

/**
 * Where --rejects may write: never the data folder's database or its
 * sidecars, never a symlink, device or folder; an existing file only with --yes.
 */
function checkRejectsTarget(file: string, dataDir: string, yes: boolean): void {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const target = resolve(real(dirname(file)), basename(file));
  const db = resolve(real(dataDir), 'pmctl.db');
  if (target === db || target.startsWith(db + '-')) throw new UsageError('err.rejects_target', { file }, 'fix.other_file');
  let st;
  try {
    st = lstatSync(file);
  } catch {
    return; // a new file
  }
  if (!st.isFile()) throw new UsageError('err.rejects_target', { file }, 'fix.other_file');
  if (!yes) throw new UsageError('err.file_exists', { file }, 'fix.add_yes');
}
