import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { collectOverdue } from '../../app/overdue.js';
import { overdueOutput } from '../overdue-view.js';
import { OverdueFound, UsageError } from '../../errors.js';

const MODULES = ['complaint', 'key', 'archive', 'handover', 'meeting'];

export function register(program: Command): void {
  const t = helpT();
  program
    .command('overdue')
    .alias('status')
    .description(t('cmd.overdue'))
    .option('--check', t('opt.check'))
    .option('--module <m>', t('opt.module'))
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
          await io.emit(overdueOutput(items, ctx.tz));
          const late = items.filter((i) => i.overdue).length;
          if (io.opts.check && late) throw new OverdueFound('msg.overdue_found', { n: late });
        },
        { warn: false },
      ),
    );
}
