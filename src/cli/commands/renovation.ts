// `pmctl renovation` (装修管理, SPEC §13): text from the command line read
// into values once here; the use cases in app/renovation; the views in
// render/views/renovation.ts.
import type { Command } from 'commander';
import { action, type Io } from '../run.js';
import { helpT, type T } from '../i18n/index.js';
import { parseChoice } from '../choices.js';
import { UsageError } from '../../errors.js';
import { parseDate, parseTime } from '../../domain/time.js';
import { isDuration } from '../../domain/duration.js';
import { parseYuan, type RenovationStatus, type Trade } from '../../domain/renovation.js';
import { overdueCommand } from '../overdue-command.js';
import type { Output } from '../../render/view.js';
import type { FormView, RenovationView } from '../../app/renovation/renovation.js';

const app = () => import('../../app/renovation/renovation.js');
const views = () => import('../../render/views/renovation.js');

function money(text: string | undefined, flag: string): number {
  if (text === undefined || text === '') return 0;
  const fen = parseYuan(String(text));
  if (fen === undefined) throw new UsageError('err.reno_bad_money', { flag, value: String(text) }, 'fix.reno_money');
  return fen;
}

function count(text: string | undefined): number {
  const s = String(text ?? '').trim();
  if (!/^\d{1,4}$/.test(s)) throw new UsageError('err.bad_number', { value: s }, 'fix.reno_count');
  return Number(s);
}

function need(o: Record<string, any>, flags: [string, string][]): void {
  const missing = flags.filter(([k]) => o[k] === undefined || o[k] === '').map(([, f]) => f);
  if (missing.length) throw new UsageError('err.missing_options', { list: missing.join(', ') }, 'fix.give_options');
}

async function one(io: Io, v: RenovationView, notes: string[] = []): Promise<Output> {
  const ctx = await io.ctx();
  return (await views()).renovationOutput(v, { tz: ctx.tz, t: io.t }, notes);
}

async function form(io: Io, f: FormView): Promise<Output> {
  const ctx = await io.ctx();
  return (await views()).formOutput(f, io.renderOpts(ctx.tz), ctx.site);
}

export function register(program: Command): void {
  const t = helpT();
  const reno = program.command('renovation').description(t('cmd.renovation')).addHelpText('before', t('help.renovation'));
  registerApplication(reno, t);
  registerWorks(reno, t);
  registerReading(reno, t);
  overdueCommand(reno.command('overdue').description(t('cmd.reno_overdue')), t, 'renovation');
}

/** apply, review, approve, pass, extinguishers: from the application to the permit. */
function registerApplication(reno: Command, t: T): void {
  reno
    .command('apply <unit>')
    .description(t('cmd.reno_apply'))
    .option('--contractor <name>', t('opt.reno_contractor'))
    .option('--contractor-phone <phone>', t('opt.reno_contractor_phone'))
    .option('--scope <text>', t('opt.reno_scope'))
    .option('--start <date>', t('opt.reno_start'))
    .option('--end <date>', t('opt.reno_end'))
    .option('--deposit <yuan>', t('opt.reno_deposit'))
    .option('--at <time>', t('opt.at'))
    .action(
      action({ write: true }, async (io, unit: string) => {
        const o = io.opts;
        await io.prompt.fill(o, [
          { name: 'contractor', flag: '--contractor', ask: 'prompt.reno_contractor' },
          { name: 'contractorPhone', flag: '--contractor-phone', ask: 'prompt.reno_contractor_phone' },
          { name: 'scope', flag: '--scope', ask: 'prompt.reno_scope' },
          { name: 'start', flag: '--start', ask: 'prompt.reno_start' },
          { name: 'end', flag: '--end', ask: 'prompt.reno_end' },
        ]);
        const depositFen = money(o.deposit, '--deposit');
        const ctx = await io.ctx();
        const now = ctx.clock.now();
        const v = (await app()).applyRenovation(ctx, {
          unit,
          contractor: o.contractor,
          contractorPhone: o.contractorPhone,
          scope: o.scope,
          start: parseDate(o.start, now, ctx.tz),
          end: parseDate(o.end, now, ctx.tz),
          depositFen,
          at: o.at,
        });
        return one(io, v, [io.t('msg.reno_applied', { id: v.id })]);
      }),
    );

  reno
    .command('review <id> <result>')
    .description(t('cmd.reno_review'))
    .option('--note <text>', t('opt.note'))
    .option('--at <time>', t('opt.at'))
    .action(
      action({ write: true }, async (io, id: string, result: string) => {
        const r = parseChoice('reno_review', result, io.lang, io.t('col.reno_result')) as 'ok' | 'reject';
        need(io.opts, [['note', '--note']]);
        const ctx = await io.ctx();
        return one(io, (await app()).reviewRenovation(ctx, id, r, io.opts.note, io.opts.at));
      }),
    );

  reno
    .command('approve <id>')
    .description(t('cmd.reno_approve'))
    .option('--at <time>', t('opt.at'))
    .action(
      action({ write: true }, async (io, id: string) => {
        const ctx = await io.ctx();
        const v = (await app()).approveRenovation(ctx, id, io.opts.at);
        return one(io, v, [v.filed ? io.t('msg.reno_filed', { doc: v.filed, unit: v.unit }) : io.t('msg.reno_no_dossier', { unit: v.unit })]);
      }),
    );

  reno
    .command('pass <id>')
    .description(t('cmd.reno_pass'))
    .option('--name <name>', t('opt.reno_worker'))
    .option('--id-number <id>', t('opt.reno_id_number'))
    .option('--trade <trade>', t('opt.reno_trade'), 'general')
    .option('--certificate <ref>', t('opt.reno_certificate'))
    .option('--at <time>', t('opt.at'))
    .action(
      action({ write: true }, async (io, id: string) => {
        const o = io.opts;
        need(o, [
          ['name', '--name'],
          ['idNumber', '--id-number'],
        ]);
        const trade = parseChoice('reno_trade', o.trade, io.lang, io.t('col.reno_trade')) as Trade;
        const ctx = await io.ctx();
        return one(io, (await app()).addPass(ctx, id, { name: o.name, idNumber: o.idNumber, trade, certificate: o.certificate, at: o.at }));
      }),
    );

  reno
    .command('extinguishers <id>')
    .description(t('cmd.reno_extinguishers'))
    .option('--count <n>', t('opt.reno_count'))
    .option('--at <time>', t('opt.at'))
    .action(
      action({ write: true }, async (io, id: string) => {
        need(io.opts, [['count', '--count']]);
        const n = count(io.opts.count);
        const ctx = await io.ctx();
        return one(io, (await app()).recordExtinguishers(ctx, id, n, io.opts.at));
      }),
    );
}

/** inspect, rectified, complete, accept, refund: the works, their end and the deposit. */
function registerWorks(reno: Command, t: T): void {
  reno
    .command('inspect <id> <result>')
    .description(t('cmd.reno_inspect'))
    .option('--serious', t('opt.reno_serious'))
    .option('--note <text>', t('opt.note'))
    .option('--due <time|duration>', t('opt.reno_due'))
    .option('--at <time>', t('opt.at'))
    .action(
      action({ write: true }, async (io, id: string, result: string) => {
        const o = io.opts;
        const r = parseChoice('reno_inspect', result, io.lang, io.t('col.reno_result')) as 'ok' | 'violation';
        need(o, [['note', '--note']]);
        const ctx = await io.ctx();
        const due = o.due === undefined ? undefined : isDuration(o.due) ? { duration: String(o.due) } : { at: parseTime(o.due, ctx.clock.now(), ctx.tz) };
        const v = (await app()).inspectRenovation(ctx, id, { result: r, serious: !!o.serious, note: o.note, due, at: o.at });
        const notes = v.notice ? [io.t(v.status === 'stopped' && o.serious ? 'msg.reno_notice_stop' : 'msg.reno_notice_issued', { id: v.notice })] : [];
        return one(io, v, notes);
      }),
    );

  reno
    .command('rectified <notice>')
    .description(t('cmd.reno_rectified'))
    .option('--note <text>', t('opt.note'))
    .option('--at <time>', t('opt.at'))
    .action(
      action({ write: true }, async (io, notice: string) => {
        need(io.opts, [['note', '--note']]);
        const ctx = await io.ctx();
        const v = (await app()).rectifyNotice(ctx, notice, io.opts.note, io.opts.at);
        return one(io, v, v.resumed ? [io.t('msg.reno_resumed', { id: v.id })] : []);
      }),
    );

  reno
    .command('complete <id>')
    .description(t('cmd.reno_complete'))
    .option('--at <time>', t('opt.at'))
    .action(
      action({ write: true }, async (io, id: string) => {
        const ctx = await io.ctx();
        return one(io, (await app()).completeRenovation(ctx, id, io.opts.at));
      }),
    );

  reno
    .command('accept <id> <result>')
    .description(t('cmd.reno_accept'))
    .option('--note <text>', t('opt.note'))
    .option('--with <code>', t('opt.reno_with'))
    .option('--at <time>', t('opt.at'))
    .action(
      action({ write: true }, async (io, id: string, result: string) => {
        const r = parseChoice('reno_accept', result, io.lang, io.t('col.reno_result')) as 'pass' | 'fail';
        need(io.opts, [
          ['note', '--note'],
          ['with', '--with'],
        ]);
        const ctx = await io.ctx();
        const v = (await app()).acceptRenovation(ctx, id, r, io.opts.note, io.opts.with, io.opts.at);
        return one(io, v, v.filed ? [io.t('msg.reno_filed', { doc: v.filed, unit: v.unit })] : []);
      }),
    );

  reno
    .command('refund <id>')
    .description(t('cmd.reno_refund'))
    .option('--deduct <yuan>', t('opt.reno_deduct'))
    .option('--reason <text>', t('opt.reno_reason'))
    .option('--at <time>', t('opt.at'))
    .action(
      action({ write: true }, async (io, id: string) => {
        const deduct = money(io.opts.deduct, '--deduct');
        const ctx = await io.ctx();
        return one(io, (await app()).refundDeposit(ctx, id, deduct, io.opts.reason, io.opts.at));
      }),
    );
}

/** list, show, notice, permit (the printable forms). */
function registerReading(reno: Command, t: T): void {
  reno
    .command('list')
    .description(t('cmd.reno_list'))
    .option('--status <status>', t('opt.reno_status'))
    .option('--unit <unit>', t('opt.reno_unit'))
    .action(
      action({}, async (io) => {
        const status = io.opts.status ? (parseChoice('reno_status', io.opts.status, io.lang, io.t('col.status')) as RenovationStatus) : undefined;
        const ctx = await io.ctx();
        return (await views()).renovationListOutput((await app()).listRenovations(ctx, { status, unit: io.opts.unit }), ctx.tz);
      }),
    );

  reno
    .command('show <id>')
    .description(t('cmd.reno_show'))
    .action(
      action({}, async (io, id: string) => {
        const ctx = await io.ctx();
        return one(io, (await app()).renovationView(ctx, id));
      }),
    );

  reno
    .command('notice <notice>')
    .description(t('cmd.reno_notice'))
    .option('--out <file>', t('opt.reno_out'))
    .action(
      action({ formats: ['html'] }, async (io, notice: string) => {
        const ctx = await io.ctx();
        return form(io, (await app()).noticeForm(ctx, notice));
      }),
    );

  reno
    .command('permit <id>')
    .description(t('cmd.reno_permit'))
    .option('--out <file>', t('opt.reno_out'))
    .action(
      action({ formats: ['html'] }, async (io, id: string) => {
        const ctx = await io.ctx();
        return form(io, (await app()).permitForm(ctx, id));
      }),
    );
}
