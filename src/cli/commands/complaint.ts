import { warnFallbackDeadlines } from '../calendar-warn.js';
import type { Command } from 'commander';
import { action, type Io } from '../run.js';
import { helpT, type T } from '../i18n/index.js';
import { overdueCommand } from '../overdue-command.js';
import { UsageError } from '../../errors.js';
import type { Ctx } from '../../app/context.js';
import type { Output } from '../../render/view.js';
import { CATEGORIES, CHANNELS } from '../../domain/clocks.js';
import { DEPARTMENTS, isValidPhone } from '../../domain/people.js';
import type { ComplaintRow } from '../../store/complaint.js';
import type { ChoiceName } from '../../domain/choices.js';

const view = () => import('../../render/views/complaint.js');

/** A complaint as its record and clocks (with the timeline when `withEvents`). */
async function one(io: Io, ctx: Ctx, r: ComplaintRow, withEvents = false): Promise<Output> {
  const { clocksOf, eventsOf } = await import('../../app/complaint/records.js');
  const now = ctx.clock.now();
  const clocks = clocksOf(ctx, r.id);
  const events = withEvents ? eventsOf(ctx, r.id) : undefined;
  return (await view()).complaintOutput(io.renderOpts(ctx.tz), r, clocks, now, events);
}

function stepCmd(
  parent: Command,
  t: T,
  spec: string,
  desc: string,
  opts: [string, string][],
  run: (ctx: Ctx, id: string, o: Record<string, any>, extra: (string | string[] | undefined)[], io: Io) => ComplaintRow | Promise<ComplaintRow>,
  required: { name: string; flag: string; ask: string; choices?: string[] }[] = [],
  choices?: Record<string, ChoiceName>,
  /** lines under the record (v2: what an escalation still lacks) */
  notes?: (io: Io, ctx: Ctx, r: ComplaintRow) => Promise<string[]>,
): void {
  if (!wanted(spec.split(' ')[0])) return;
  const c = parent.command(spec).description(t(desc)).option('--at <time>', t('opt.at'));
  for (const [f, d] of opts) c.option(f, t(d));
  c.action(
    action({ write: true, choices }, async (io, id: string, ...extra: (string | string[] | undefined)[]) => {
      // Who is acting first (asked on a terminal), then what is missing.
      const ctx = await io.ctx();
      await io.prompt.fill(
        io.opts,
        required.map((q) => ({ ...q, choices: q.choices?.map((v) => ({ value: v, name: 'enum.' + v })) })),
      );
      const r = await run(ctx, id, io.opts, extra, io);
      const out = await one(io, ctx, r, true);
      if (notes) out.notes = [...(out.notes ?? []), ...(await notes(io, ctx, r))];
      return out;
    }),
  );
}

/** Every subcommand (a unit test holds this to what register defines). */
export const SUBCOMMANDS = [
  'new',
  'dispatch',
  'accept',
  'delay',
  'resolve',
  'reply',
  'visit',
  'explain',
  'escalate',
  'report-filed',
  'verify',
  'note',
  'close',
  'reopen',
  'list',
  'show',
  'overdue',
  'board-notified',
  'inform',
  'severity',
];

/**
 * With a subcommand named on the command line, only it is defined: commander's
 * objects for the other sixteen cost start-up time. Help, a typo or no name at
 * all get every one.
 */
let wanted: (name: string) => boolean = () => true;

export function register(program: Command, sub?: string): void {
  wanted = sub !== undefined && SUBCOMMANDS.includes(sub) ? (name) => name === sub : () => true;
  const t = helpT();
  const cmd = program.command('complaint').description(t('cmd.complaint')).addHelpText('before', t('help.complaint'));
  if (wanted('new')) registerNew(cmd, t);
  registerSteps(cmd, t);
  registerReplies(cmd, t);
  registerLaterSteps(cmd, t);
  registerReading(cmd, t);
}

/** new: a complaint received at the desk (or raised from a service request). */
function registerNew(cmd: Command, t: T): void {
  cmd
    .command('new')
    .description(t('cmd.complaint_new'))
    .option('--unit <unit>', t('opt.c_unit'))
    .option('--name <name>', t('opt.c_name'))
    .option('--phone <phone>', t('opt.phone'))
    .option('--subject <text>', t('opt.subject'))
    .option('--category <c>', t('opt.category'))
    .option('--channel <ch>', t('opt.channel'))
    .option('--kind <k>', t('opt.kind'))
    .option('--severity <s>', t('opt.severity'))
    .option('--description <text>', t('opt.description'))
    .option('--written', t('opt.written'))
    .option('--same-as <id>', t('opt.same_as'))
    .option('--heard-at <time>', t('opt.heard_at'))
    .option('--first-contact <code>', t('opt.first_contact'))
    .option('--at <time>', t('opt.received_at'))
    .option('--from-request <id>', t('opt.from_request'))
    .addHelpText('before', t('help.complaint_new'))
    .action(
      action({ write: true, choices: { category: 'category', channel: 'channel', kind: 'kind', severity: 'severity' } }, async (io) => {
        const o = io.opts;
        const ctx = await io.ctx();
        if (o.fromRequest) return newFromRequest(io, ctx);
        await askNew(io, ctx);
        const { newComplaint } = await import('../../app/complaint/workflow.js');
        const r = newComplaint(ctx, complaintInput(o));
        const out = await one(io, ctx, r);
        if (r.severity !== 'general') out.notes = [io.t('msg.c_severity', { severity: io.t('enum.' + r.severity) })];
        await warnFallbackDeadlines(io, ctx, (await import('../../app/complaint/records.js')).clocksOf(ctx, r.id));
        return out;
      }),
    );
}

/** A new complaint's fields as the options give them (complaint new, and raised from a request). */
function complaintInput(o: Io['opts']) {
  return {
    unit: o.unit,
    name: o.name,
    phone: o.phone,
    subject: o.subject,
    category: o.category,
    channel: o.channel,
    kind: o.kind,
    severity: o.severity,
    description: o.description,
    written: !!o.written,
    sameAs: o.sameAs,
    heardAt: o.heardAt,
    at: o.at,
    firstContact: o.firstContact,
  };
}

/** Raised from a service request: its facts fill what was not given, and the two are linked. */
async function newFromRequest(io: Io, ctx: Ctx): Promise<Output> {
  const o = io.opts;
  const { raiseFromRequest } = await import('../../app/request/raise.js');
  // A request's complaint is never marked the same as another one (--same-as is for the desk's own).
  const { sameAs: _sameAs, ...input } = complaintInput(o);
  const r = raiseFromRequest(ctx, o.fromRequest, input);
  const out = await one(io, ctx, r);
  out.notes = [io.t('msg.r_raised_from', { id: String(r.from_request ?? o.fromRequest) })];
  return out;
}

/**
 * What a new complaint still lacks, asked on a terminal (a script gets usage
 * errors and the defaults); when anything was asked, the summary and 确认登记？
 * — No (or Ctrl-C) saves nothing.
 */
async function askNew(io: Io, ctx: Ctx): Promise<void> {
  const o = io.opts;
  const { suggestUnits } = await import('../../app/roster/units.js');
  const { unitOccupants } = await import('../../store/complaint.js');
  const unitRow = () => unitOccupants(ctx.db, o.unit ?? '');
  // Who lives there: a let unit's tenant (name and phone together), else the owner.
  const occupant = (k: 'name' | 'phone') => {
    const u = unitRow();
    if (!u) return undefined;
    const who = u.occupancy === 'tenant' && u.tenant_name ? 'tenant' : 'owner';
    return u[`${who}_${k}`] ?? undefined;
  };
  // Shaped like a unit label (`3-2`, `12-1-1`): only a unit of the roster, never the half-typed prefix.
  const unitLike = (s: string) => /^[0-9A-Za-z]+(-[0-9A-Za-z]*)*$/.test(s.trim());
  let asked = false;
  // The unit first, checked at once: the name and phone offered next come from its roster row.
  if (io.interactive && !o.unit) {
    await io.prompt.fill(o, [
      { name: 'unit', flag: '--unit', ask: 'prompt.c_unit', suggest: (s: string) => suggestUnits(ctx, s), free: (s: string) => !unitLike(s) },
    ]);
    asked = true;
    const { checkPlace } = await import('../../app/complaint/workflow.js');
    checkPlace(ctx, o.unit);
  }
  const specs = [
    { name: 'unit', flag: '--unit', ask: 'prompt.c_unit', suggest: (s: string) => suggestUnits(ctx, s), free: (s: string) => !unitLike(s) },
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
  // Category and channel are asked for on a terminal; a script gets the defaults.
  if (io.interactive && o.kind !== 'suggestion')
    specs.push({ name: 'category', flag: '--category', ask: 'prompt.category', choices: CATEGORIES.map((c) => ({ value: c, name: 'enum.' + c })) } as never);
  if (io.interactive)
    specs.push({
      name: 'channel',
      flag: '--channel',
      ask: 'prompt.channel',
      choices: CHANNELS.map((c) => ({ value: c, name: 'enum.' + c })),
      default: () => 'phone',
    } as never);
  if (io.interactive && specs.some((s) => o[s.name] === undefined || o[s.name] === '')) asked = true;
  await io.prompt.fill(o, specs);
  if (asked) {
    const { renderTable } = await import('../../render/table.js');
    const { writeErr } = await import('../stdio.js');
    writeErr(renderTable((await view()).newSummaryOutput(io.t, { ...o, phone: o.phone }), { ...io.renderOpts(ctx.tz), reveal: true }));
    await io.prompt.confirmSave('prompt.c_confirm');
  }
}

/** The workflow steps: each records one event and shows the complaint again. */
function registerSteps(cmd: Command, t: T): void {
  const wf = () => import('../../app/complaint/workflow.js');
  stepCmd(
    cmd,
    t,
    'dispatch <id>',
    'cmd.complaint_dispatch',
    [
      ['--dept <dept>', 'opt.dept'],
      ['--handler <code>', 'opt.handler'],
      ['--due <time|duration>', 'opt.due'],
      ['--appointment <time>', 'opt.appointment'],
      ['--developer', 'opt.developer'],
    ],
    async (ctx, id, o) =>
      (await wf()).dispatch(ctx, id, { dept: o.dept, handler: o.handler, due: o.due, at: o.at, appointment: o.appointment, developer: !!o.developer }),
    [
      { name: 'dept', flag: '--dept', ask: 'prompt.dept', choices: [...DEPARTMENTS] },
      { name: 'handler', flag: '--handler', ask: 'prompt.handler' },
    ],
    { dept: 'department' },
  );
  stepCmd(
    cmd,
    t,
    'accept <id>',
    'cmd.complaint_accept',
    [
      ['--by <code>', 'opt.by'],
      ['--note <text>', 'opt.note'],
    ],
    async (ctx, id, o) => (await wf()).accept(ctx, id, { by: o.by, at: o.at, note: o.note }),
  );
  stepCmd(
    cmd,
    t,
    'delay <id>',
    'cmd.complaint_delay',
    [
      ['--reason <text>', 'opt.reason'],
      ['--new-due <time>', 'opt.new_due'],
      ['--by <code>', 'opt.by'],
    ],
    async (ctx, id, o) => (await wf()).delay(ctx, id, { reason: o.reason, newDue: o.newDue, by: o.by, at: o.at }),
    [
      { name: 'reason', flag: '--reason', ask: 'prompt.reason' },
      { name: 'newDue', flag: '--new-due', ask: 'prompt.new_due' },
    ],
  );
  stepCmd(
    cmd,
    t,
    'resolve <id>',
    'cmd.complaint_resolve',
    [
      ['--note <text>', 'opt.resolve_note'],
      ['--done-at <time>', 'opt.done_at'],
      ['--by <code>', 'opt.by'],
    ],
    async (ctx, id, o) => (await wf()).resolve(ctx, id, { note: o.note, doneAt: o.doneAt, by: o.by, at: o.at }),
    [{ name: 'note', flag: '--note', ask: 'prompt.resolve_note' }],
  );
}

/** The reply and the return visit: the steps that close the loop with the resident. */
function registerReplies(cmd: Command, t: T): void {
  const wf = () => import('../../app/complaint/workflow.js');
  const choice = () => import('../choices.js');
  stepCmd(
    cmd,
    t,
    'reply <id>',
    'cmd.complaint_reply',
    [
      ['--method <m>', 'opt.method'],
      ['--note <text>', 'opt.note'],
      ['--adopted <yes|no>', 'opt.adopted'],
      ['--reason <text>', 'opt.adopted_reason'],
    ],
    async (ctx, id, o, _x, io) =>
      (await wf()).reply(ctx, id, {
        method: o.method,
        note: o.note,
        at: o.at,
        reason: o.reason,
        adopted: o.adopted === undefined ? undefined : (await choice()).parseChoice('adopted', o.adopted, io.lang, '--adopted') === 'yes',
      }),
    [
      { name: 'method', flag: '--method', ask: 'prompt.method', choices: ['phone', 'visit', 'written', 'sms'] },
      { name: 'note', flag: '--note', ask: 'prompt.note' },
    ],
    { method: 'replyMethod' },
  );
  stepCmd(
    cmd,
    t,
    'visit <id>',
    'cmd.complaint_visit',
    [
      ['--result <r>', 'opt.result'],
      ['--note <text>', 'opt.note'],
    ],
    async (ctx, id, o) => (await wf()).visit(ctx, id, { result: o.result, note: o.note, at: o.at }),
    [
      { name: 'result', flag: '--result', ask: 'prompt.result', choices: ['satisfied', 'basic', 'unsatisfied'] },
      { name: 'note', flag: '--note', ask: 'prompt.note' },
    ],
    { result: 'visitResult' },
  );
}

/** The later steps: explain, escalate, the reports, severity, verify, notes, close and reopen. */
function registerLaterSteps(cmd: Command, t: T): void {
  const wf = () => import('../../app/complaint/workflow.js');
  const choice = () => import('../choices.js');
  const tierOf = async (v: string | undefined, io: Io) =>
    v === undefined ? undefined : ((await choice()).parseChoice('escalation_tier', v, io.lang, '--tier') as 'centre' | 'board');
  stepCmd(
    cmd,
    t,
    'explain <id>',
    'cmd.complaint_explain',
    [
      ['--note <text>', 'opt.note'],
      ['--valid', 'opt.explain_valid'],
    ],
    async (ctx, id, o) => (await wf()).explain(ctx, id, { note: o.note, at: o.at, valid: !!o.valid }),
    [{ name: 'note', flag: '--note', ask: 'prompt.note' }],
  );
  stepCmd(
    cmd,
    t,
    'escalate <id>',
    'cmd.complaint_escalate',
    [
      ['--to <code>', 'opt.to'],
      ['--tier <tier>', 'opt.tier'],
      ['--note <text>', 'opt.note'],
    ],
    async (ctx, id, o, _x, io) => (await wf()).escalate(ctx, id, { to: o.to, note: o.note, at: o.at, tier: await tierOf(o.tier, io) }),
    [{ name: 'to', flag: '--to', ask: 'prompt.to' }],
    undefined,
    async (io, ctx, r) => {
      if (r.severity !== 'major' || (await tierOf(io.opts.tier, io)) !== 'centre') return [];
      const missing = (await wf()).escalationStillMissing(ctx, r);
      return missing.length ? [io.t('msg.c_escalate_missing', { roles: missing.map((x) => io.t('enum.' + x)).join(io.lang === 'zh' ? '、' : ', ') })] : [];
    },
  );
  stepCmd(
    cmd,
    t,
    'report-filed <id>',
    'cmd.complaint_report_filed',
    [
      ['--tier <tier>', 'opt.tier'],
      ['--note <text>', 'opt.note'],
    ],
    async (ctx, id, o, _x, io) => (await wf()).reportFiled(ctx, id, { note: o.note, at: o.at, tier: await tierOf(o.tier, io) }),
  );
  stepCmd(cmd, t, 'board-notified <id>', 'cmd.complaint_board_notified', [['--note <text>', 'opt.note']], async (ctx, id, o) =>
    (await wf()).boardNotified(ctx, id, { note: o.note, at: o.at }),
  );
  stepCmd(cmd, t, 'inform <id>', 'cmd.complaint_inform', [['--note <text>', 'opt.note']], async (ctx, id, o) =>
    (await wf()).inform(ctx, id, { note: o.note, at: o.at }),
  );
  stepCmd(
    cmd,
    t,
    'severity <id> [level]',
    'cmd.complaint_severity',
    [['--reason <text>', 'opt.reason']],
    async (ctx, id, o, extra) => (await wf()).changeSeverity(ctx, id, { severity: typeof extra[0] === 'string' ? extra[0] : '', reason: o.reason, at: o.at }),
    [{ name: 'reason', flag: '--reason', ask: 'prompt.reason' }],
  );
  stepCmd(
    cmd,
    t,
    'verify <id>',
    'cmd.complaint_verify',
    [['--note <text>', 'opt.note']],
    async (ctx, id, o) => (await wf()).verify(ctx, id, { note: o.note, at: o.at }),
    [{ name: 'note', flag: '--note', ask: 'prompt.note' }],
  );
  stepCmd(cmd, t, 'note <id> [text...]', 'cmd.complaint_note', [], async (ctx, id, o, extra) =>
    (await wf()).note(ctx, id, { text: Array.isArray(extra[0]) ? extra[0].join(' ') : '', at: o.at }),
  );
  stepCmd(cmd, t, 'close <id>', 'cmd.complaint_close', [['--note <text>', 'opt.note']], async (ctx, id, o) =>
    (await wf()).close(ctx, id, { note: o.note, at: o.at }),
  );
  stepCmd(cmd, t, 'reopen <id>', 'cmd.complaint_reopen', [['--reason <text>', 'opt.reason']], async (ctx, id, o) =>
    (await wf()).reopen(ctx, id, { reason: o.reason, at: o.at }),
  );
}

/** list, show, overdue. */
function registerReading(cmd: Command, t: T): void {
  if (wanted('list'))
    cmd
      .command('list')
      .description(t('cmd.complaint_list'))
      .option('--status <s>', t('opt.list_status'))
      .option('--unit <unit>', t('opt.c_unit'))
      .option('--category <c>', t('opt.category'))
      .option('--since <time>', t('opt.since'))
      .option('--until <time>', t('opt.until'))
      .option('--limit <n>', t('opt.c_list_limit'))
      .action(
        action({ choices: { status: 'listStatus', category: 'category' } }, async (io) => {
          const ctx = await io.ctx();
          const { listComplaints } = await import('../../app/complaint/query.js');
          // A table shows one screen (most urgent first); --json, --csv and --out give every record.
          const limit = io.screenRows();
          const filter = { status: io.opts.status, unit: io.opts.unit, category: io.opts.category, since: io.opts.since, until: io.opts.until };
          const rows = listComplaints(ctx, { ...filter, limit: limit === Infinity ? Number.MAX_SAFE_INTEGER : limit + 1 });
          const now = ctx.clock.now();
          const notes: string[] = [];
          if (rows.length > limit) {
            const { countComplaints } = await import('../../app/complaint/query.js');
            notes.push(io.t('msg.more_rows', { n: countComplaints(ctx, filter) - limit }));
            rows.length = limit;
          }
          return (await view()).complaintListOutput(rows, now, ctx.tz, notes);
        }),
      );

  if (wanted('show'))
    cmd
      .command('show <id>')
      .description(t('cmd.complaint_show'))
      .action(
        action({}, async (io, id: string) => {
          const ctx = await io.ctx();
          const { getComplaint } = await import('../../app/complaint/records.js');
          const r = getComplaint(ctx, id);
          const { clocksOf } = await import('../../app/complaint/records.js');
          await warnFallbackDeadlines(io, ctx, clocksOf(ctx, r.id));
          return one(io, ctx, r, true);
        }),
      );

  if (wanted('overdue')) overdueCommand(cmd.command('overdue').description(t('cmd.complaint_overdue')), t, 'complaint');
}
