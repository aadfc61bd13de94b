import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { collectOverdue } from '../../app/overdue.js';
import { overdueOutput } from '../overdue-view.js';
import { OverdueFound, UsageError } from '../../errors.js';

const MODULES = ['complaint', 'key', 'archive', 'handover', 'meeting'];
const SCREEN_ROWS = 50;

export function register(program: Command): void {
  const t = helpT();
  program
    .command('overdue')
    .alias('status')
    .description(t('cmd.overdue'))
    .option('--check', t('opt.check'))
    .option('--module <m>', t('opt.module'))
    .option('--limit <n>', t('opt.overdue_limit'))
    .addHelpText('before', t('help.overdue'))
    .action(
      action(
        {},
        async (io) => {
          const ctx = await io.ctx();
          if (io.opts.module && !MODULES.includes(io.opts.module))
            throw new UsageError('err.bad_module', { value: io.opts.module, list: MODULES.join(', ') }, 'fix.module');
          let items = collectOverdue(ctx);
          if (io.opts.module) items = items.filter((i) => i.module === io.opts.module);
          // A screen shows the most urgent first; a clerk cannot act on hundreds at
          // once. JSON and CSV give everything unless --limit says otherwise.
          const human = io.format === 'table' || io.format === 'md';
          const limit = io.opts.limit !== undefined ? Number(io.opts.limit) : human ? SCREEN_ROWS : Infinity;
          if (!(limit >= 0)) throw new UsageError('err.bad_number', { value: String(io.opts.limit) }, 'fix.number');
          const shown = items.slice(0, limit);
          const out = overdueOutput(shown, ctx.tz);
          if (shown.length < items.length) out.notes = [io.t('msg.overdue_more', { n: items.length - shown.length })];
          await io.emit(out);
          const late = items.filter((i) => i.overdue).length;
          if (io.opts.check && late) throw new OverdueFound('msg.overdue_found', { n: late });
        },
        { warn: false },
      ),
    );
}
