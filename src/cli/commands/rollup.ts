import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { DataFolderError, UsageError } from '../../errors.js';
import { DEFAULT_TZ } from '../../app/context.js';

export function register(program: Command): void {
  const t = helpT();
  program
    .command('rollup <inputs...>')
    .description(t('cmd.rollup'))
    .option('--month <month>', t('opt.report_month'))
    .option('--quarter <quarter>', t('opt.report_quarter'))
    .option('--since <time>', t('opt.report_since'))
    .option('--until <time>', t('opt.report_until'))
    .option('--out <file>', t('opt.report_out'))
    .addHelpText('before', t('help.rollup'))
    .action(
      action({ db: 'none', formats: ['html'] }, async (io, inputs: string[]) => {
        const o = io.opts;
        const picked = [o.month, o.quarter, o.since].filter((x) => x !== undefined).length;
        if (picked > 1) throw new UsageError('err.rollup_period', {}, 'fix.rollup_period');
        const choice = o.quarter
          ? { kind: 'quarterly' as const, word: String(o.quarter) }
          : o.since
            ? { kind: 'range' as const, since: String(o.since), until: o.until === undefined ? undefined : String(o.until) }
            : { kind: 'monthly' as const, word: String(o.month ?? 'last') };
        const { rollup } = await import('../../app/rollup/rollup.js');
        const { rollupOutput } = await import('../../render/views/rollup.js');
        const r = rollup(inputs, choice, io.now(DEFAULT_TZ), DEFAULT_TZ);
        // Printed like a report (A4, page breaks kept with headings).
        await io.emit({
          ...rollupOutput(r, io.t),
          form: { heading: io.t('title.rollup'), sub: [io.t('msg.rollup_period', { period: r.period.label || '' })] },
        });
        // Every readable site is printed first; then the run fails for the ones skipped.
        if (r.skipped.length)
          throw new DataFolderError('err.rollup_skipped', { n: r.skipped.length, files: r.skipped.map((s) => s.file).join(', ') }, 'fix.rollup_skipped');
      }),
    );
}
