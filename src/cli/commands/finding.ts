// `pmctl finding` (SPEC §12): what a patrol found that was not fixed on the
// spot — plan (solution + fix deadline), fix, list, show, to-request.
import type { Command } from 'commander';
import { action, type Io } from '../run.js';
import { helpT, type T } from '../i18n/index.js';
import { parseChoice } from '../choices.js';
import type { Output } from '../../render/view.js';
import { formatLocal } from '../../domain/time.js';
import type { Ctx } from '../../app/context.js';
import type { FindingRow } from '../../store/patrol.js';
import { listLimit } from './patrol.js';

const views = () => import('../../render/views/patrol.js');
const app = () => import('../../app/patrol/findings.js');

async function one(io: Io, ctx: Ctx, f: FindingRow, notes: string[] = []): Promise<Output> {
  return (await views()).findingOutput(io, f, ctx.clock.now(), ctx.tz, notes);
}

export function register(program: Command): void {
  const t = helpT();
  const finding = program.command('finding').description(t('cmd.finding')).addHelpText('before', t('help.finding'));
  registerSteps(finding, t);
  registerReading(finding, t);

  finding
    .command('to-request <id>')
    .description(t('cmd.finding_to_request'))
    .action(
      action({ write: true }, async (io, id: string) => {
        const ctx = await io.ctx();
        const f = (await app()).findingToRequest(ctx, id);
        return one(io, ctx, f, [io.t('msg.finding_requested', { id: f.id, request: f.request })]);
      }),
    );
}

/** plan, fix: a finding's solution and its fix. */
function registerSteps(finding: Command, t: T): void {
  finding
    .command('plan <id>')
    .description(t('cmd.finding_plan'))
    .option('--note <solution>', t('opt.finding_solution'))
    .option('--due <time|duration>', t('opt.finding_due'))
    .option('--at <time>', t('opt.at'))
    .action(
      action({ write: true }, async (io, id: string) => {
        const o = io.opts;
        await io.prompt.fill(o, [
          { name: 'note', flag: '--note', ask: 'prompt.finding_solution' },
          { name: 'due', flag: '--due', ask: 'prompt.finding_due' },
        ]);
        const ctx = await io.ctx();
        const f = (await app()).planFinding(ctx, { id, note: String(o.note), due: String(o.due), at: o.at });
        return one(io, ctx, f, [io.t('msg.finding_planned', { id: f.id, due: formatLocal(f.fix_due_at!, ctx.tz) })]);
      }),
    );

  finding
    .command('fix <id>')
    .description(t('cmd.finding_fix'))
    .option('--note <text>', t('opt.finding_fix_note'))
    .option('--at <time>', t('opt.at'))
    .action(
      action({ write: true }, async (io, id: string) => {
        const o = io.opts;
        await io.prompt.fill(o, [{ name: 'note', flag: '--note', ask: 'prompt.finding_fix_note' }]);
        const ctx = await io.ctx();
        const f = (await app()).fixFinding(ctx, { id, note: String(o.note), at: o.at });
        return one(io, ctx, f, [io.t('msg.finding_fixed', { id: f.id })]);
      }),
    );
}

/** list, show. */
function registerReading(finding: Command, t: T): void {
  finding
    .command('list')
    .description(t('cmd.finding_list'))
    .option('--status <status>', t('opt.finding_status'), 'open')
    .option('--limit <n>', t('opt.patrol_limit'))
    .action(
      action({}, async (io) => {
        const status = parseChoice('finding_filter', io.opts.status, io.lang, '--status') as 'open' | 'overdue' | 'all';
        const ctx = await io.ctx();
        const limit = listLimit(io);
        const rows = (await app()).listFindings(ctx, status, limit ? limit + 1 : 0);
        const more = limit && rows.length > limit;
        return (await views()).findingListOutput(io, more ? rows.slice(0, limit) : rows, ctx.clock.now(), ctx.tz, more ? limit : 0);
      }),
    );

  finding
    .command('show <id>')
    .description(t('cmd.finding_show'))
    .action(
      action({}, async (io, id: string) => {
        const ctx = await io.ctx();
        return one(io, ctx, (await app()).showFinding(ctx, id));
      }),
    );
}
