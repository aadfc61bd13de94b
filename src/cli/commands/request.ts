// `pmctl request`: repairs, help and enquiries (报修、求助、咨询, SPEC §11).
import type { Command } from 'commander';
import { action, type Io } from '../run.js';
import { helpT, type T } from '../i18n/index.js';
import { overdueCommand } from '../overdue-command.js';
import { parseChoice } from '../choices.js';
import { UsageError } from '../../errors.js';
import type { Ctx } from '../../app/context.js';
import type { Output } from '../../render/view.js';
import { isValidPhone } from '../../domain/people.js';
import type { RequestRow } from '../../store/request.js';

export const SUBCOMMANDS = ['new', 'assign', 'arrive', 'done', 'answer', 'visit', 'rework', 'cancel', 'list', 'show', 'overdue'];

let wanted: (name: string) => boolean = () => true;

const wf = () => import('../../app/request/workflow.js');

/** 吴师傅（G002） in zh, Wu (G002) in en. */
async function whoFn(io: Io, ctx: Ctx, codes: (string | null)[]): Promise<(code: string) => string> {
  const { staffNames } = await import('../../store/request.js');
  const names = staffNames(
    ctx.db,
    codes.filter((c): c is string => !!c),
  );
  return (code) => {
    const n = names.get(code);
    return n ? (io.lang === 'zh' ? `${n}（${code}）` : `${n} (${code})`) : code;
  };
}

const view = () => import('../../render/views/request.js');

async function one(io: Io, ctx: Ctx, r: RequestRow, notes: string[] = []): Promise<Output> {
  const { showRequest } = await import('../../app/request/query.js');
  const v = showRequest(ctx, r.id);
  const who = await whoFn(io, ctx, [r.assignee, ...v.events.map((e) => e.by)]);
  return (await view()).requestOutput(io.t, r, v, ctx.clock.now(), ctx.tz, who, notes);
}

interface Ask {
  name: string;
  flag: string;
  ask: string;
  choices?: string[];
}

function stepCmd(
  parent: Command,
  t: T,
  spec: string,
  desc: string,
  opts: [string, string][],
  run: (io: Io, ctx: Ctx, id: string, o: Record<string, any>) => RequestRow | Promise<RequestRow>,
  required: Ask[] = [],
): void {
  if (!wanted(spec.split(' ')[0])) return;
  const c = parent.command(spec).description(t(desc)).option('--at <time>', t('opt.at'));
  for (const [f, d] of opts) c.option(f, t(d));
  c.action(
    action({ write: true }, async (io, id: string) => {
      const ctx = await io.ctx();
      await io.prompt.fill(
        io.opts,
        required.map((q) => ({ ...q, choices: q.choices?.map((v) => ({ value: v, name: 'enum.' + v })) })),
      );
      return one(io, ctx, await run(io, ctx, id, io.opts));
    }),
  );
}

export function register(program: Command, sub?: string): void {
  wanted = sub !== undefined && SUBCOMMANDS.includes(sub) ? (name) => name === sub : () => true;
  const t = helpT();
  const cmd = program.command('request').description(t('cmd.request')).addHelpText('before', t('help.request'));
  if (wanted('new')) registerNew(cmd, t);
  registerSteps(cmd, t);
  registerReading(cmd, t);
}

/** new: a repair, help or enquiry received at the desk. */
function registerNew(cmd: Command, t: T): void {
  cmd
    .command('new')
    .description(t('cmd.request_new'))
    .option('--kind <k>', t('opt.r_kind'))
    .option('--urgency <u>', t('opt.r_urgency'))
    .option('--unit <unit>', t('opt.c_unit'))
    .option('--place <place>', t('opt.r_place'))
    .option('--name <name>', t('opt.c_name'))
    .option('--phone <phone>', t('opt.phone'))
    .option('--subject <text>', t('opt.subject'))
    .option('--description <text>', t('opt.description'))
    .option('--channel <ch>', t('opt.channel'))
    .option('--appointment <time>', t('opt.r_appointment'))
    .option('--paid', t('opt.r_paid'))
    .option('--at <time>', t('opt.received_at'))
    .action(
      action({ write: true }, async (io) => {
        const o = io.opts;
        const ctx = await io.ctx();
        const { suggestUnits } = await import('../../app/roster/units.js');
        if (o.place && !o.unit) o.unit = o.place;
        const { unitOccupant } = await import('../../store/request.js');
        const occupant = (k: 'name' | 'phone') => unitOccupant(ctx.db, o.unit ?? '')?.[k] ?? undefined;
        await io.prompt.fill(o, [
          { name: 'kind', flag: '--kind', ask: 'prompt.r_kind', choices: ['repair', 'help', 'enquiry'].map((v) => ({ value: v, name: 'enum.' + v })) },
          { name: 'unit', flag: '--unit', ask: 'prompt.c_unit', suggest: (s: string) => suggestUnits(ctx, s) },
        ]);
        const kind = parseChoice('request_kind', o.kind, io.lang, '--kind');
        const specs = [
          { name: 'name', flag: '--name', ask: 'prompt.c_name', default: () => occupant('name') },
          {
            name: 'phone',
            flag: '--phone',
            ask: 'prompt.c_phone',
            default: () => occupant('phone'),
            validate: (v: string) => isValidPhone(v) || io.t('fix.phone'),
          },
          { name: 'subject', flag: '--subject', ask: 'prompt.subject' },
        ];
        if (io.interactive && kind === 'repair' && !o.urgency)
          specs.push({
            name: 'urgency',
            flag: '--urgency',
            ask: 'prompt.r_urgency',
            choices: ['minor', 'urgent'].map((v) => ({ value: v, name: 'enum.' + v })),
            default: () => 'minor',
          } as never);
        await io.prompt.fill(o, specs);
        const r = (await wf()).newRequest(ctx, {
          kind,
          urgency: o.urgency ? parseChoice('request_urgency', o.urgency, io.lang, '--urgency') : undefined,
          place: o.unit,
          name: o.name,
          phone: o.phone,
          subject: o.subject,
          description: o.description,
          channel: o.channel ? parseChoice('request_channel', o.channel, io.lang, '--channel') : undefined,
          paid: !!o.paid,
          appointment: o.appointment,
          at: o.at,
        });
        return one(io, ctx, r);
      }),
    );
}

/** The workflow steps: each records one event and shows the request again. */
function registerSteps(cmd: Command, t: T): void {
  stepCmd(
    cmd,
    t,
    'assign <id>',
    'cmd.request_assign',
    [
      ['--to <code>', 'opt.r_to'],
      ['--appointment <time>', 'opt.r_appointment'],
    ],
    async (_io, ctx, id, o) => (await wf()).assign(ctx, id, { to: o.to, appointment: o.appointment, at: o.at }),
    [{ name: 'to', flag: '--to', ask: 'prompt.r_to' }],
  );
  stepCmd(cmd, t, 'arrive <id>', 'cmd.request_arrive', [['--by <code>', 'opt.by']], async (_io, ctx, id, o) =>
    (await wf()).arrive(ctx, id, { at: o.at, by: o.by }),
  );
  stepCmd(
    cmd,
    t,
    'done <id>',
    'cmd.request_done',
    [
      ['--note <text>', 'opt.r_done_note'],
      ['--charge <yuan>', 'opt.r_charge'],
      ['--by <code>', 'opt.by'],
    ],
    async (_io, ctx, id, o) => (await wf()).done(ctx, id, { note: o.note, charge: o.charge, at: o.at, by: o.by }),
    [{ name: 'note', flag: '--note', ask: 'prompt.r_done_note' }],
  );
  stepCmd(
    cmd,
    t,
    'answer <id>',
    'cmd.request_answer',
    [['--note <text>', 'opt.r_answer_note']],
    async (_io, ctx, id, o) => (await wf()).answer(ctx, id, { note: o.note, at: o.at }),
    [{ name: 'note', flag: '--note', ask: 'prompt.r_answer_note' }],
  );
  stepCmd(
    cmd,
    t,
    'visit <id>',
    'cmd.request_visit',
    [
      ['--result <r>', 'opt.result'],
      ['--note <text>', 'opt.note'],
    ],
    async (io, ctx, id, o) => (await wf()).visit(ctx, id, { result: parseChoice('request_result', o.result, io.lang, '--result'), note: o.note, at: o.at }),
    [{ name: 'result', flag: '--result', ask: 'prompt.result', choices: ['satisfied', 'basic', 'unsatisfied'] }],
  );
  stepCmd(
    cmd,
    t,
    'rework <id>',
    'cmd.request_rework',
    [['--reason <text>', 'opt.reason']],
    async (_io, ctx, id, o) => (await wf()).rework(ctx, id, { reason: o.reason, at: o.at }),
    [{ name: 'reason', flag: '--reason', ask: 'prompt.reason' }],
  );
  stepCmd(
    cmd,
    t,
    'cancel <id>',
    'cmd.request_cancel',
    [['--reason <text>', 'opt.reason']],
    async (_io, ctx, id, o) => (await wf()).cancel(ctx, id, { reason: o.reason, at: o.at }),
    [{ name: 'reason', flag: '--reason', ask: 'prompt.reason' }],
  );
}

/** list, show, overdue. */
function registerReading(cmd: Command, t: T): void {
  if (wanted('list'))
    cmd
      .command('list')
      .description(t('cmd.request_list'))
      .option('--status <s>', t('opt.r_list_status'))
      .option('--kind <k>', t('opt.r_kind'))
      .option('--unit <unit>', t('opt.c_unit'))
      .option('--assignee <code>', t('opt.r_assignee'))
      .option('--since <time>', t('opt.since'))
      .option('--until <time>', t('opt.until'))
      .option('--limit <n>', t('opt.c_list_limit'))
      .action(
        action({}, async (io) => {
          const ctx = await io.ctx();
          const o = io.opts;
          const { listRequests, DEFAULT_LIMIT } = await import('../../app/request/query.js');
          const limit = o.limit === undefined ? (io.format === 'table' ? DEFAULT_LIMIT : 0) : Number(o.limit);
          if (!Number.isInteger(limit) || limit < 0) throw new UsageError('err.bad_limit', { value: String(o.limit) }, 'fix.limit');
          const items = listRequests(ctx, {
            status: o.status ? parseChoice('request_status', o.status, io.lang, '--status') : undefined,
            kind: o.kind ? (parseChoice('request_kind', o.kind, io.lang, '--kind') as never) : undefined,
            unit: o.unit,
            assignee: o.assignee,
            since: o.since,
            until: o.until,
            limit,
          });
          const who =
            io.format === 'json' || io.format === 'csv'
              ? (c: string) => c
              : await whoFn(
                  io,
                  ctx,
                  items.map((i) => i.row.assignee),
                );
          const notes = limit > 0 && items.length === limit ? [io.t('msg.c_limited', { n: limit })] : [];
          return (await view()).requestListOutput(items, ctx.clock.now(), ctx.tz, who, notes);
        }),
      );

  if (wanted('show'))
    cmd
      .command('show <id>')
      .description(t('cmd.request_show'))
      .action(
        action({}, async (io, id: string) => {
          const ctx = await io.ctx();
          return one(io, ctx, (await wf()).getRequest(ctx, id));
        }),
      );

  if (wanted('overdue')) overdueCommand(cmd.command('overdue').description(t('cmd.request_overdue')), t, 'request');
}
