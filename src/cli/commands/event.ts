import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { parseChoice } from '../choices.js';
import { UsageError } from '../../errors.js';
import type { EventType } from '../../domain/visit.js';

/** A whole number within bounds, else a usage error naming the option. */
function count(opt: string, v: unknown, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || n < 0 || n > max || (max !== 100 && !Number.isInteger(n)))
    throw new UsageError('err.bad_count', { opt, value: String(v) }, 'fix.count');
  return n;
}

export function register(program: Command): void {
  const t = helpT();
  const event = program.command('event').description(t('cmd.event')).addHelpText('before', t('help.event'));

  event
    .command('add')
    .description(t('cmd.event_add'))
    .requiredOption('--type <type>', t('opt.event_type'))
    .requiredOption('--at <time>', t('opt.event_at'))
    .requiredOption('--topic <text>', t('opt.topic'))
    .action(
      action({ write: true }, async (io) => {
        const type = parseChoice('event_type', String(io.opts.type), io.lang, '--type') as EventType;
        const ctx = await io.ctx();
        const { addEvent } = await import('../../app/visit/events.js');
        const { eventOutput } = await import('../../render/views/visit.js');
        return eventOutput(addEvent(ctx, { type, at: String(io.opts.at), topic: String(io.opts.topic) }), ctx.tz);
      }),
    );

  event
    .command('record <id>')
    .description(t('cmd.event_record'))
    .requiredOption('--attendance <n>', t('opt.attendance'))
    .requiredOption('--satisfaction <pct>', t('opt.satisfaction_pct'))
    .requiredOption('--visited <n>', t('opt.event_visited'))
    .action(
      action({ write: true }, async (io, id: string) => {
        const o = io.opts;
        const v = {
          attendance: count('--attendance', o.attendance),
          satisfaction: count('--satisfaction', String(o.satisfaction).replace(/%$/, ''), 100),
          visited: count('--visited', o.visited),
        };
        const ctx = await io.ctx();
        const { recordEvent } = await import('../../app/visit/events.js');
        const { eventOutput } = await import('../../render/views/visit.js');
        return eventOutput(recordEvent(ctx, id, v), ctx.tz);
      }),
    );

  event
    .command('list')
    .description(t('cmd.event_list'))
    .option('--type <type>', t('opt.event_type'))
    .action(
      action({}, async (io) => {
        const type = io.opts.type === undefined ? undefined : parseChoice('event_type', String(io.opts.type), io.lang, '--type');
        const ctx = await io.ctx();
        const { listEvents } = await import('../../app/visit/events.js');
        const { eventListOutput } = await import('../../render/views/visit.js');
        return eventListOutput(listEvents(ctx, { type }), ctx.tz);
      }),
    );
}
