import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { readLog } from '../../app/core/log.js';
import { parseBound, formatIso } from '../../domain/time.js';
import { maskJson } from '../../render/format.js';

function brief(v: unknown, reveal: boolean): string {
  if (v === null || v === undefined) return '';
  const s = JSON.stringify(maskJson(v, reveal));
  return s.length > 80 ? s.slice(0, 77) + '…' : s;
}

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
          limit: Math.max(1, Number(io.opts.limit) || 100),
        });
        const reveal = !!io.g.reveal;
        return {
          json: rows.map((r) => ({ ...r, at: formatIso(r.at, ctx.tz) })),
          table: {
            title: '',
            columns: [
              { key: 'id', label: 'col.seq' },
              { key: 'at', label: 'col.at', type: 'time' },
              { key: 'actor', label: 'col.actor' },
              { key: 'action', label: 'col.action' },
              { key: 'entity', label: 'col.entity' },
              { key: 'change', label: 'col.change' },
            ],
            rows: rows.map((r) => ({ ...r, change: [brief(r.before, reveal), brief(r.after, reveal)].filter(Boolean).join(' → ') })),
          },
        };
      }),
    );
}
