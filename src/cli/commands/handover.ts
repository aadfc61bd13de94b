import type { Command } from 'commander';
import { action, type Io } from '../run.js';
import { helpT, type T } from '../i18n/index.js';
import { UsageError } from '../../errors.js';
import type { Output } from '../../render/view.js';
import type { Ctx } from '../../app/context.js';
import type { HandoverView } from '../../app/handover/handover.js';
import type { Words } from '../../render/views/handover.js';
import { parseBound, parseDate } from '../../domain/time.js';

// Lazy: the use cases pull in every module's carry functions.
const app = () => import('../../app/handover/handover.js');
const view = () => import('../../render/views/handover.js');

const STATUSES = ['pending', 'accepted', 'refused'];

/** How the views word codes: translated in tables, the English code in CSV and JSON. */
const words = (io: Io): Words => ({ t: io.t, codes: io.format === 'csv' || io.format === 'json' });

async function formOutput(io: Io, ctx: Ctx, v: HandoverView, notes: string[] = []): Promise<Output> {
  return (await view()).formOutput(io.renderOpts(ctx.tz), words(io).codes, v, ctx.site, notes);
}

export function register(program: Command): void {
  const t = helpT();
  const h = program.command('handover').description(t('cmd.handover')).addHelpText('before', t('help.handover'));

  registerForm(h, t);
  registerReading(h, t);
  registerSettings(h, t);
}

/** start, check, note, request, accept, refuse: the form, from giver to taker. */
function registerForm(h: Command, t: T): void {
  h.command('start')
    .description(t('cmd.handover_start'))
    .option('--shift <shift>', t('opt.handover_shift'))
    .option('--to <code>', t('opt.handover_to'))
    .option('--with <dept>', t('opt.handover_with'))
    .option('--at <time>', t('opt.ho_at'))
    .action(
      action({ write: true, choices: { shift: 'shift', with: 'department' } }, async (io) => {
        await io.prompt.fill(io.opts, [{ name: 'to', flag: '--to', ask: 'prompt.handover_to' }]);
        const ctx = await io.ctx();
        const a = await app();
        const v = a.startHandover(ctx, { shift: io.opts.shift, to: io.opts.to, with: io.opts.with, at: io.opts.at });
        const carried = v.items.filter((i) => i.kind !== 'checklist').length;
        return formOutput(io, ctx, v, [io.t('msg.handover_started', { id: v.id, carried })]);
      }),
    );

  h.command('check <id> <args...>')
    .description(t('cmd.handover_check'))
    .option('--note <text>', t('opt.handover_check_note'))
    .option('--at <time>', t('opt.ho_at'))
    .action(
      action({ write: true }, async (io, id: string, args: string[]) => {
        if (args.length < 2) throw new UsageError('err.handover_check_args', {}, 'fix.handover_result');
        const result = io.choice('checkResult', args[args.length - 1]);
        const ctx = await io.ctx();
        const v = (await app()).checkItems(ctx, id, { items: args.slice(0, -1), result, note: io.opts.note, at: io.opts.at });
        return formOutput(io, ctx, v);
      }),
    );

  h.command('note <id> <text...>')
    .description(t('cmd.handover_note'))
    .option('--at <time>', t('opt.ho_at'))
    .action(
      action({ write: true }, async (io, id: string, text: string[]) => {
        const ctx = await io.ctx();
        return formOutput(io, ctx, (await app()).addNote(ctx, id, text.join(' '), io.opts.at));
      }),
    );

  h.command('request <id> <text...>')
    .description(t('cmd.handover_request'))
    .option('--unit <unit>', t('opt.handover_unit'))
    .action(
      action({ write: true }, async (io, id: string, text: string[]) => {
        const ctx = await io.ctx();
        return formOutput(io, ctx, (await app()).addRequest(ctx, id, text.join(' '), io.opts.unit));
      }),
    );

  h.command('accept <id>')
    .description(t('cmd.handover_accept'))
    .option('--at <time>', t('opt.ho_at'))
    .action(
      action({ write: true }, async (io, id: string) => {
        const ctx = await io.ctx();
        const v = (await app()).acceptHandover(ctx, id, io.opts.at);
        return formOutput(io, ctx, v, [io.t('msg.handover_accepted', { id: v.id })]);
      }),
    );

  h.command('refuse <id>')
    .description(t('cmd.handover_refuse'))
    .option('--reason <text>', t('opt.handover_reason'))
    .option('--at <time>', t('opt.ho_at'))
    .action(
      action({ write: true }, async (io, id: string) => {
        await io.prompt.fill(io.opts, [{ name: 'reason', flag: '--reason', ask: 'prompt.handover_reason' }]);
        const ctx = await io.ctx();
        const v = (await app()).refuseHandover(ctx, id, io.opts.reason, io.opts.at);
        return formOutput(io, ctx, v, [io.t('msg.handover_refused', { id: v.id })]);
      }),
    );
}

/** review, list, show. */
function registerReading(h: Command, t: T): void {
  h.command('review [date]')
    .description(t('cmd.handover_review'))
    .option('--note <text>', t('opt.note'))
    .option('--at <time>', t('opt.ho_at'))
    .action(
      action({ write: true }, async (io, date: string | undefined) => {
        const ctx = await io.ctx();
        const r = (await app()).reviewDay(ctx, date ?? 'yesterday', io.opts.note, io.opts.at);
        return (await view()).reviewOutput(words(io), r, ctx.tz);
      }),
    );

  h.command('list')
    .description(t('cmd.handover_list'))
    .option('--date <date>', t('opt.handover_date'))
    .option('--since <time>', t('opt.since'))
    .option('--until <time>', t('opt.until'))
    .option('--status <status>', t('opt.handover_status'))
    .option('--shift <shift>', t('opt.handover_shift'))
    .option('--limit <n>', t('opt.limit'))
    .action(
      action({ choices: { status: 'handoverStatus', shift: 'shift' } }, async (io) => {
        const ctx = await io.ctx();
        const o = io.opts;
        const now = ctx.clock.now();
        if (o.status && !STATUSES.includes(o.status)) throw new UsageError('err.handover_bad_status', { value: o.status }, 'fix.handover_status');
        const limit = o.limit === undefined ? 100 : Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new UsageError('err.handover_bad_limit', { value: o.limit }, 'fix.handover_limit');
        const rows = (await app()).listHandovers(ctx, {
          date: o.date ? parseDate(o.date, now, ctx.tz) : undefined,
          since: o.since ? parseBound(o.since, now, ctx.tz, 'since') : undefined,
          until: o.until ? parseBound(o.until, now, ctx.tz, 'until') : undefined,
          status: o.status,
          shift: o.shift,
          limit,
        });
        return (await view()).listOutput(words(io), rows, ctx.tz);
      }),
    );

  h.command('show <id>')
    .description(t('cmd.handover_show'))
    .action(
      action({}, async (io, id: string) => {
        const ctx = await io.ctx();
        return formOutput(io, ctx, (await app()).viewHandover(ctx, id));
      }),
    );
}

/** The site's settings: the checklist items and the shifts. */
function registerSettings(h: Command, t: T): void {
  const cl = h.command('checklist').description(t('cmd.handover_checklist'));
  const checklistOut = async (io: Io, items: { code: string; label: string }[]): Promise<Output> => (await view()).checklistOutput(io.t, items);
  cl.command('list', { isDefault: true })
    .description(t('cmd.handover_checklist_list'))
    .action(action({}, async (io) => checklistOut(io, (await app()).getChecklist(await io.ctx()))));
  cl.command('add <code>')
    .description(t('cmd.handover_checklist_add'))
    .option('--label <text>', t('opt.handover_label'))
    .action(action({ write: true }, async (io, code: string) => checklistOut(io, (await app()).addChecklistItem(await io.ctx(), code, io.opts.label ?? ''))));
  cl.command('remove <code>')
    .description(t('cmd.handover_checklist_remove'))
    .action(action({ write: true }, async (io, code: string) => checklistOut(io, (await app()).removeChecklistItem(await io.ctx(), code))));

  const sh = h.command('shift').description(t('cmd.handover_shift'));
  const shiftOut = async (items: { code: string; start: string; end: string }[]): Promise<Output> => (await view()).shiftsOutput(items);
  sh.command('list', { isDefault: true })
    .description(t('cmd.handover_shift_list'))
    .action(action({}, async (io) => shiftOut((await app()).getShifts(await io.ctx()))));
  sh.command('set <code> <start> <end>')
    .description(t('cmd.handover_shift_set'))
    .action(
      action({ write: true }, async (io, code: string, start: string, end: string) => shiftOut((await app()).setShift(await io.ctx(), code, start, end))),
    );
  sh.command('remove <code>')
    .description(t('cmd.handover_shift_remove'))
    .action(action({ write: true }, async (io, code: string) => shiftOut((await app()).removeShift(await io.ctx(), code))));
}
