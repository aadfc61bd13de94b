import { warnFallbackDeadlines } from '../calendar-warn.js';
import type { Command } from 'commander';
import { action, type Io } from '../run.js';
import { helpT, type T } from '../i18n/index.js';
import { overdueCommand } from '../overdue-command.js';
import { UsageError } from '../../errors.js';
import type { Ctx } from '../../app/context.js';
import type { Column, Output, Row, Section } from '../../render/view.js';
import { CATEGORIES, CHANNELS, clockState, lateness } from '../../domain/clocks.js';
import { DEPARTMENTS, isValidPhone } from '../../domain/people.js';
import { formatLocal } from '../../domain/time.js';
import type { ClockRow, ComplaintRow, EventRow } from '../../app/complaint/store.js';

const FIELDS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'kind', label: 'col.kind', type: 'state' },
  { key: 'status', label: 'col.status', type: 'state' },
  { key: 'severity', label: 'col.severity', type: 'state' },
  { key: 'category', label: 'col.category', type: 'state' },
  { key: 'channel', label: 'col.channel', type: 'state' },
  { key: 'unit', label: 'col.unit' },
  { key: 'name', label: 'col.name' },
  { key: 'phone', label: 'col.phone' },
  { key: 'subject', label: 'col.subject' },
  { key: 'description', label: 'col.description' },
  { key: 'written', label: 'col.written', type: 'bool' },
  { key: 'same_as', label: 'col.same_as' },
  { key: 'received_at', label: 'col.received_at', type: 'time' },
  { key: 'heard_at', label: 'col.heard_at', type: 'time' },
  { key: 'first_contact', label: 'col.first_contact' },
  { key: 'dept', label: 'col.department', type: 'state' },
  { key: 'handler', label: 'col.handler' },
  { key: 'valid_text', label: 'col.valid', type: 'state' },
  { key: 'cause', label: 'col.cause' },
  { key: 'resolved_at', label: 'col.resolved_at', type: 'time' },
  { key: 'satisfaction', label: 'col.satisfaction', type: 'state' },
  { key: 'outcome', label: 'col.outcome', type: 'state' },
  { key: 'reopen_count', label: 'col.reopen_count', type: 'number' },
];

const CLOCK_COLUMNS: Column[] = [
  { key: 'clock', label: 'col.clock', type: 'state' },
  { key: 'state', label: 'col.state', type: 'state' },
  { key: 'policy', label: 'col.policy' },
  { key: 'started_at', label: 'col.started_at', type: 'time' },
  { key: 'due_at', label: 'col.due_at', type: 'time' },
  { key: 'done_at', label: 'col.done_at', type: 'time' },
  { key: 'late', label: 'col.late_early', type: 'span' },
];

function recordRow(r: ComplaintRow): Row {
  const valid_text = r.kind === 'suggestion' ? null : r.valid == null ? 'undecided' : r.valid ? 'valid' : 'not_valid';
  return { ...r, unit: r.unit ?? r.address, valid_text };
}

function clockSection(clocks: ClockRow[], now: number): Section {
  return {
    title: 'title.clocks',
    columns: CLOCK_COLUMNS,
    // A clock that applies but has not started reads "not started" for people; JSON keeps SPEC's `pending`.
    // Clocks that do not apply to this record are left out of the human table (JSON lists them as skipped).
    rows: clocks.filter((c) => !c.skipped || c.started_at != null).map((c) => ({ ...c, state: !c.skipped && c.started_at == null ? 'not_started' : clockState(c, now), late: lateness(c, now) })),
  };
}

function timelineSection(events: EventRow[], tz: string): Section {
  return {
    title: 'title.timeline',
    columns: [
      { key: 'at', label: 'col.at', type: 'time' },
      { key: 'type', label: 'col.event', type: 'state' },
      { key: 'by', label: 'col.by' },
      { key: 'note', label: 'col.note' },
    ],
    rows: events.map((e) => ({ ...e, note: [e.note, e.data ? eventData(e.data, tz) : ''].filter(Boolean).join(' ') })),
  };
}

/** Event details for people: instants in site time. */
function eventData(data: string, tz: string): string {
  const d = JSON.parse(data) as Record<string, unknown>;
  return Object.entries(d)
    .filter(([, v]) => v != null)
    .map(([k, v]) => `${k}=${typeof v === 'number' && v > 1e11 ? formatLocal(v, tz) : String(v)}`)
    .join(' ');
}

async function one(io: Io, ctx: Ctx, r: ComplaintRow, withEvents = false): Promise<Output> {
  const { clocksOf, eventsOf, complaintJson } = await import('../../app/complaint/store.js');
  const now = ctx.clock.now();
  const clocks = clocksOf(ctx, r.id);
  const events = withEvents ? eventsOf(ctx, r.id) : undefined;
  const sections = [clockSection(clocks, now)];
  if (events) sections.unshift(timelineSection(events, ctx.tz));
  return {
    json: complaintJson(r, clocks, now, ctx.tz, events),
    record: { title: io.t('title.complaint', { id: r.id }), fields: FIELDS.filter((f) => { const v = recordRow(r)[f.key]; return v !== null && v !== undefined && v !== ''; }), row: recordRow(r) },
    sections,
  };
}

function stepCmd(
  parent: Command,
  t: T,
  spec: string,
  desc: string,
  opts: [string, string][],
  run: (ctx: Ctx, id: string, o: Record<string, any>, extra: string[]) => ComplaintRow | Promise<ComplaintRow>,
  required: { name: string; flag: string; ask: string; choices?: string[] }[] = [],
): void {
  if (!wanted(spec.split(' ')[0])) return;
  const c = parent.command(spec).description(t(desc)).option('--at <time>', t('opt.at'));
  for (const [f, d] of opts) c.option(f, t(d));
  c.action(
    action({ write: true }, async (io, id: string, ...extra: string[]) => {
      // Who is acting first (asked on a terminal), then what is missing.
      const ctx = await io.ctx();
      await io.prompt.fill(
        io.opts,
        required.map((q) => ({ ...q, choices: q.choices?.map((v) => ({ value: v, name: 'enum.' + v })) })),
      );
      return one(io, ctx, await run(ctx, id, io.opts, extra), true);
    }),
  );
}

/** Every subcommand (a unit test holds this to what register defines). */
export const SUBCOMMANDS = ['new', 'dispatch', 'accept', 'delay', 'resolve', 'reply', 'visit', 'explain', 'escalate', 'report-filed', 'verify', 'note', 'close', 'reopen', 'list', 'show', 'overdue'];

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

  if (wanted('new'))
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
    .addHelpText('before', t('help.complaint_new'))
    .action(
      action({ write: true }, async (io) => {
        const o = io.opts;
        const ctx = await io.ctx();
        const { suggestUnits } = await import('../../app/core/units.js');
        const unitRow = () =>
          ctx.db.prepare('SELECT occupancy, owner_name, owner_phone, tenant_name, tenant_phone FROM units WHERE label = ?').get(o.unit ?? '') as
            | { occupancy: string; owner_name: string | null; owner_phone: string | null; tenant_name: string | null; tenant_phone: string | null }
            | undefined;
        const occupant = (k: 'name' | 'phone') => {
          const u = unitRow();
          if (!u) return undefined;
          return (u.occupancy === 'tenant' ? u[`tenant_${k}`] : u[`owner_${k}`]) ?? u[`owner_${k}`] ?? undefined;
        };
        // The unit first, checked at once: the name and phone offered next come from its roster row.
        if (io.interactive && !o.unit) {
          await io.prompt.fill(o, [{ name: 'unit', flag: '--unit', ask: 'prompt.c_unit', suggest: (s: string) => suggestUnits(ctx, s) }]);
          const { checkPlace } = await import('../../app/complaint/workflow.js');
          checkPlace(ctx, o.unit);
        }
        const specs = [
          { name: 'unit', flag: '--unit', ask: 'prompt.c_unit', suggest: (s: string) => suggestUnits(ctx, s) },
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
        if (io.interactive) specs.push({ name: 'channel', flag: '--channel', ask: 'prompt.channel', choices: CHANNELS.map((c) => ({ value: c, name: 'enum.' + c })), default: () => 'phone' } as never);
        await io.prompt.fill(o, specs);
        const { newComplaint } = await import('../../app/complaint/workflow.js');
        const r = newComplaint(ctx, {
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
        });
        const out = await one(io, ctx, r);
        if (r.severity !== 'general') out.notes = [io.t('msg.c_severity', { severity: io.t('enum.' + r.severity) })];
        await warnFallbackDeadlines(io, ctx, (await import('../../app/complaint/store.js')).clocksOf(ctx, r.id));
        return out;
      }),
    );

  const wf = () => import('../../app/complaint/workflow.js');
  stepCmd(cmd, t, 'dispatch <id>', 'cmd.complaint_dispatch', [['--dept <dept>', 'opt.dept'], ['--handler <code>', 'opt.handler'], ['--due <time|duration>', 'opt.due']],
    async (ctx, id, o) => (await wf()).dispatch(ctx, id, { dept: o.dept, handler: o.handler, due: o.due, at: o.at }),
    [{ name: 'dept', flag: '--dept', ask: 'prompt.dept', choices: [...DEPARTMENTS] }]);
  stepCmd(cmd, t, 'accept <id>', 'cmd.complaint_accept', [['--by <code>', 'opt.by'], ['--note <text>', 'opt.note']],
    async (ctx, id, o) => (await wf()).accept(ctx, id, { by: o.by, at: o.at, note: o.note }));
  stepCmd(cmd, t, 'delay <id>', 'cmd.complaint_delay', [['--reason <text>', 'opt.reason'], ['--new-due <time>', 'opt.new_due'], ['--by <code>', 'opt.by']],
    async (ctx, id, o) => (await wf()).delay(ctx, id, { reason: o.reason, newDue: o.newDue, by: o.by, at: o.at }),
    [{ name: 'reason', flag: '--reason', ask: 'prompt.reason' }, { name: 'newDue', flag: '--new-due', ask: 'prompt.new_due' }]);
  stepCmd(cmd, t, 'resolve <id>', 'cmd.complaint_resolve', [['--note <text>', 'opt.resolve_note'], ['--done-at <time>', 'opt.done_at'], ['--by <code>', 'opt.by']],
    async (ctx, id, o) => (await wf()).resolve(ctx, id, { note: o.note, doneAt: o.doneAt, by: o.by, at: o.at }),
    [{ name: 'note', flag: '--note', ask: 'prompt.resolve_note' }]);
  stepCmd(cmd, t, 'reply <id>', 'cmd.complaint_reply', [['--method <m>', 'opt.method'], ['--note <text>', 'opt.note']],
    async (ctx, id, o) => (await wf()).reply(ctx, id, { method: o.method, note: o.note, at: o.at }),
    [{ name: 'method', flag: '--method', ask: 'prompt.method', choices: ['phone', 'visit', 'written', 'sms'] }, { name: 'note', flag: '--note', ask: 'prompt.note' }]);
  stepCmd(cmd, t, 'visit <id>', 'cmd.complaint_visit', [['--result <r>', 'opt.result'], ['--note <text>', 'opt.note']],
    async (ctx, id, o) => (await wf()).visit(ctx, id, { result: o.result, note: o.note, at: o.at }),
    [{ name: 'result', flag: '--result', ask: 'prompt.result', choices: ['satisfied', 'basic', 'unsatisfied'] }, { name: 'note', flag: '--note', ask: 'prompt.note' }]);
  stepCmd(cmd, t, 'explain <id>', 'cmd.complaint_explain', [['--note <text>', 'opt.note']],
    async (ctx, id, o) => (await wf()).explain(ctx, id, { note: o.note, at: o.at }),
    [{ name: 'note', flag: '--note', ask: 'prompt.note' }]);
  stepCmd(cmd, t, 'escalate <id>', 'cmd.complaint_escalate', [['--to <code>', 'opt.to'], ['--note <text>', 'opt.note']],
    async (ctx, id, o) => (await wf()).escalate(ctx, id, { to: o.to, note: o.note, at: o.at }),
    [{ name: 'to', flag: '--to', ask: 'prompt.to' }]);
  stepCmd(cmd, t, 'report-filed <id>', 'cmd.complaint_report_filed', [['--note <text>', 'opt.note']],
    async (ctx, id, o) => (await wf()).reportFiled(ctx, id, { note: o.note, at: o.at }));
  stepCmd(cmd, t, 'verify <id>', 'cmd.complaint_verify', [['--note <text>', 'opt.note']],
    async (ctx, id, o) => (await wf()).verify(ctx, id, { note: o.note, at: o.at }),
    [{ name: 'note', flag: '--note', ask: 'prompt.note' }]);
  stepCmd(cmd, t, 'note <id> [text...]', 'cmd.complaint_note', [],
    async (ctx, id, o, extra) => (await wf()).note(ctx, id, { text: (extra[0] as unknown as string[] | undefined)?.join(' ') ?? '', at: o.at }));
  stepCmd(cmd, t, 'close <id>', 'cmd.complaint_close', [['--note <text>', 'opt.note']],
    async (ctx, id, o) => (await wf()).close(ctx, id, { note: o.note, at: o.at }));
  stepCmd(cmd, t, 'reopen <id>', 'cmd.complaint_reopen', [['--reason <text>', 'opt.reason']],
    async (ctx, id, o) => (await wf()).reopen(ctx, id, { reason: o.reason, at: o.at }));

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
      action({}, async (io) => {
        const ctx = await io.ctx();
        const { listComplaints, DEFAULT_LIMIT } = await import('../../app/complaint/query.js');
        const { complaintJson } = await import('../../app/complaint/store.js');
        const limit = io.opts.limit === undefined ? DEFAULT_LIMIT : Number(io.opts.limit);
        if (!Number.isInteger(limit) || limit <= 0) throw new UsageError('err.bad_limit', { value: String(io.opts.limit) }, 'fix.limit');
        const rows = listComplaints(ctx, { status: io.opts.status, unit: io.opts.unit, category: io.opts.category, since: io.opts.since, until: io.opts.until, limit });
        const now = ctx.clock.now();
        const notes = rows.length === limit ? [io.t('msg.c_limited', { n: limit })] : [];
        return {
          // Built only for --json: a table shows the next clock alone.
          json: () => rows.map((l) => complaintJson(l.row, l.clocks, now, ctx.tz)),
          table: {
            title: '',
            empty: 'msg.c_none',
            columns: [
              { key: 'id', label: 'col.id' },
              { key: 'status', label: 'col.status', type: 'state' },
              { key: 'severity', label: 'col.severity', type: 'state' },
              { key: 'category', label: 'col.category', type: 'state' },
              { key: 'unit', label: 'col.unit' },
              { key: 'subject', label: 'col.subject' },
              { key: 'received_at', label: 'col.received_at', type: 'time' },
              { key: 'next_clock', label: 'col.next_clock', type: 'state' },
              { key: 'next_due', label: 'col.due_at', type: 'time' },
              { key: 'next_state', label: 'col.next_state', type: 'state' },
            ],
            rows: rows.map((l) => {
              const c = l.clocks.find((k) => k.clock === l.next_clock);
              return { ...l.row, unit: l.row.unit ?? l.row.address, next_clock: l.next_clock, next_due: l.next_due, next_state: c ? clockState(c, now) : null };
            }),
          },
          notes,
        };
      }),
    );

  if (wanted('show'))
  cmd
    .command('show <id>')
    .description(t('cmd.complaint_show'))
    .action(
      action({}, async (io, id: string) => {
        const ctx = await io.ctx();
        const { getComplaint } = await import('../../app/complaint/store.js');
        const r = getComplaint(ctx, id);
        const { clocksOf } = await import('../../app/complaint/store.js');
        await warnFallbackDeadlines(io, ctx, clocksOf(ctx, r.id));
        return one(io, ctx, r, true);
      }),
    );

  if (wanted('overdue')) overdueCommand(cmd.command('overdue').description(t('cmd.complaint_overdue')), t, 'complaint');
}
