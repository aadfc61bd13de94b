import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { readLog, type AuditRow } from '../../app/site/log.js';
import { parseBound } from '../../domain/time.js';

export function register(program: Command): void {
  const t = helpT();
  program
    .command('log')
    .description(t('cmd.log'))
    .option('--entity <id>', t('opt.entity'))
    .option('--since <time>', t('opt.since'))
    .option('--until <time>', t('opt.until'))
    .option('--actor <code>', t('opt.actor'))
    .option('--action <name>', t('opt.action'))
    .option('--limit <n>', t('opt.limit'), '100')
    .addHelpText('before', t('help.log'))
    .action(
      action({}, async (io) => {
        const ctx = await io.ctx();
        const now = ctx.clock.now();
        const rows = readLog(ctx, {
          entity: io.opts.entity,
          since: io.opts.since ? parseBound(io.opts.since, now, ctx.tz, 'since') : undefined,
          until: io.opts.until ? parseBound(io.opts.until, now, ctx.tz, 'until') : undefined,
          actor: io.opts.actor,
          action: io.opts.action,
          limit: Number(io.opts.limit) === 0 ? Number.MAX_SAFE_INTEGER : Math.max(1, Number(io.opts.limit) || 100),
        });
        const { logOutput } = await import('../../render/views/log.js');
        return logOutput(io.renderOpts(ctx.tz), rows, ctx.tz);
      }),
    );
}
