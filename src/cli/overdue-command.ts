// The overdue list as a command: `pmctl overdue` for every module, and
// `complaint overdue` / `key overdue` for one. One action, so --check, --limit
// and the JSON shape of SPEC §10 are the same everywhere.
import type { Command } from 'commander';
import { action } from './run.js';
import type { T } from './i18n/index.js';
import { OverdueFound, UsageError } from '../errors.js';
import type { OverdueModule } from '../app/overdue-types.js';
import { overdueOutput } from './overdue-view.js';

export function overdueCommand(cmd: Command, t: T, module?: OverdueModule): Command {
  cmd.option('--check', t('opt.check')).option('--limit <n>', t('opt.overdue_limit'));
  if (!module) cmd.option('--module <m>', t('opt.module'));
  return cmd.action(
    action(
      { choices: { module: 'module' } },
      async (io) => {
        const { collectOverdue, withDetails, MODULES } = await import('../app/overdue.js');
        const ctx = await io.ctx();
        const only = module ?? (io.opts.module as OverdueModule | undefined);
        if (only && !MODULES.includes(only)) throw new UsageError('err.bad_module', { value: only, list: MODULES.join(', ') }, 'fix.module');
        const items = collectOverdue(ctx, undefined, only ? [only] : MODULES);
        // A screen on a terminal, everything elsewhere; --limit N (0 = all) as for every list.
        const limit = io.screenRows();
        const shown = withDetails(ctx, items.slice(0, limit));
        // People read shifts and staff by name; the CSV on stdout keeps the plain data.
        const out = overdueOutput(shown, ctx.tz, io.format === 'csv' && !io.g.out ? undefined : io.renderOpts(ctx.tz));
        if (shown.length < items.length) out.notes = [io.t('msg.overdue_more', { n: items.length - shown.length })];
        await io.emit(out);
        const late = items.filter((i) => i.overdue).length;
        if (io.opts.check && late) throw new OverdueFound('msg.overdue_found', { n: late });
      },
      { warn: false },
    ),
  );
}
