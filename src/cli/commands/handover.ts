import type { Command } from 'commander';
import { action, type Io } from '../run.js';
import { helpT } from '../i18n/index.js';
import { UsageError } from '../../errors.js';
import type { Column, Output } from '../../render/view.js';
import type { Ctx } from '../../app/context.js';
import { formatIso, parseBound, parseDate } from '../../domain/time.js';

// Lazy: the use cases pull in every module's carry functions.
const app = () => import('../../app/handover/handover.js');
type App = Awaited<ReturnType<typeof app>>;
type View = ReturnType<App['viewHandover']>;

const STATUSES = ['pending', 'accepted', 'refused'];

/** A code in a human table, its own words; CSV keeps the English code (SPEC §1). */
function word(io: Io, prefix: string, code: string | null): string | null {
  if (code === null || io.format === 'csv' || io.format === 'json') return code;
  const k = prefix + code;
  const tr = io.t(k);
  return tr === k ? code : tr;
}

function iso(ms: number | null, tz: string): string | null {
  return ms === null ? null : formatIso(ms, tz);
}

function checklistLabel(io: Io, code: string, label: string): string {
  const k = 'hoitem.' + code;
  const tr = io.t(k);
  return label || (tr === k ? code : tr);
}

export function handoverJson(io: Io, v: View, tz: string) {
  const line = (i: View['items'][number]) => ({
    result: i.result,
    note: i.note,
    checked_at: iso(i.checked_at, tz),
    checked_by: i.checked_by,
  });
  return {
    id: v.id,
    shift: v.shift,
    shift_date: v.shift_date,
    with: v.with_dept,
    from: v.from_staff,
    to: v.to_staff,
    status: v.status,
    started_at: iso(v.started_at, tz),
    accepted_at: iso(v.accepted_at, tz),
    refused_at: iso(v.refused_at, tz),
    refuse_reason: v.refuse_reason,
    checklist: v.items.filter((i) => i.kind === 'checklist').map((i) => ({ item: i.item, label: checklistLabel(io, i.item, i.label), ...line(i) })),
    carried: v.items
      .filter((i) => i.kind !== 'checklist')
      .map((i) => ({ kind: i.kind, id: i.item, label: i.label, due_at: iso(i.due_at, tz), after_hours: !!i.after_hours, ...line(i) })),
    unacknowledged: v.items.filter((i) => i.result === null).map((i) => i.item),
    diary: v.diary.map((d) => ({ at: iso(d.at, tz), by: d.by, text: d.text })),
    reviewed_at: iso(v.day?.reviewed_at ?? null, tz),
    reviewed_by: v.day?.reviewed_by ?? null,
  };
}

async function formOutput(io: Io, ctx: Ctx, v: View, notes: string[] = []): Promise<Output> {
  const { formText, formMd } = await import('../../render/handover-form.js');
  const line = (i: View['items'][number]) => ({
    kind: i.kind,
    item: i.item,
    label: i.label,
    due_at: i.due_at,
    after_hours: !!i.after_hours,
    result: i.result,
    note: i.note,
    checked_at: i.checked_at,
    checked_by: i.checked_by,
  });
  const data = {
    id: v.id,
    site: ctx.site,
    shift: v.shift,
    shift_date: v.shift_date,
    shift_start: v.shift_start,
    shift_end: v.shift_end,
    with_dept: v.with_dept,
    status: v.status,
    from: v.from_staff,
    from_name: v.from_name,
    to: v.to_staff,
    to_name: v.to_name,
    started_at: v.started_at,
    accepted_at: v.accepted_at,
    refused_at: v.refused_at,
    refuse_reason: v.refuse_reason,
    checklist: v.items.filter((i) => i.kind === 'checklist').map(line),
    carried: v.items.filter((i) => i.kind !== 'checklist').map(line),
    diary: v.diary,
    reviewed_at: v.day?.reviewed_at ?? null,
    reviewed_by: v.day?.reviewed_by ?? null,
    reviewer_name: v.reviewer_name,
    review_note: v.day?.note ?? null,
  };
  const o = io.renderOpts(ctx.tz);
  const open = v.items.filter((i) => i.result === null);
  const hint =
    v.status === 'pending' && open.length
      ? [io.t('msg.handover_open_lines', { n: open.length, id: v.id, first: open[0].item })]
      : [];
  const all = [...notes, ...hint];
  return {
    json: handoverJson(io, v, ctx.tz),
    text: formText(data, o) + (all.length ? '\n\n' + all.join('\n') : ''),
    md: formMd(data, o),
    // CSV: the form's lines, one per row.
    table: {
      title: '',
      columns: [
        { key: 'kind', label: 'col.ho_kind' },
        { key: 'item', label: 'col.id' },
        { key: 'label', label: 'col.item' },
        { key: 'due_at', label: 'col.due_at', type: 'time' },
        { key: 'result', label: 'col.ho_result' },
        { key: 'note', label: 'col.note' },
        { key: 'checked_at', label: 'col.ho_checked_at', type: 'time' },
        { key: 'checked_by', label: 'col.ho_by' },
      ],
      rows: v.items.map((i) => ({
        ...i,
        kind: word(io, 'hokind.', i.kind),
        result: word(io, 'horesult.', i.result),
        label: i.kind === 'checklist' ? checklistLabel(io, i.item, i.label) : i.label,
      })),
    },
  };
}

const LIST_COLUMNS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'shift_date', label: 'col.date' },
  { key: 'shift', label: 'col.ho_shift' },
  { key: 'with_dept', label: 'col.ho_with' },
  { key: 'from_staff', label: 'col.ho_giver' },
  { key: 'to_staff', label: 'col.ho_taker' },
  { key: 'status', label: 'col.status' },
  { key: 'started_at', label: 'col.ho_started_at', type: 'time' },
  { key: 'signed_at', label: 'col.ho_signed_at', type: 'time' },
  { key: 'carried', label: 'col.ho_carried', type: 'number' },
  { key: 'open_items', label: 'col.ho_open_items', type: 'number' },
  { key: 'failed_items', label: 'col.ho_failed_items', type: 'number' },
  { key: 'reviewed', label: 'col.ho_reviewed', type: 'bool' },
];

function listRow(io: Io, r: Awaited<ReturnType<App['listHandovers']>>[number]) {
  return {
    ...r,
    shift: word(io, 'hoshift.', r.shift),
    with_dept: word(io, 'enum.', r.with_dept),
    status: word(io, 'hostatus.', r.status),
    signed_at: r.accepted_at ?? r.refused_at,
    reviewed: r.reviewed_at !== null,
  };
}

function listJson(r: Awaited<ReturnType<App['listHandovers']>>[number], tz: string) {
  return {
    id: r.id,
    shift: r.shift,
    shift_date: r.shift_date,
    with: r.with_dept,
    from: r.from_staff,
    to: r.to_staff,
    status: r.status,
    started_at: iso(r.started_at, tz),
    accepted_at: iso(r.accepted_at, tz),
    refused_at: iso(r.refused_at, tz),
    refuse_reason: r.refuse_reason,
    carried: r.carried,
    open_items: r.open_items,
    failed_items: r.failed_items,
    reviewed_at: iso(r.reviewed_at, tz),
  };
}

export function register(program: Command): void {
  const t = helpT();
  const h = program.command('handover').description(t('cmd.handover')).addHelpText('before', t('help.handover'));

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

  h.command('review [date]')
    .description(t('cmd.handover_review'))
    .option('--note <text>', t('opt.note'))
    .option('--at <time>', t('opt.ho_at'))
    .action(
      action({ write: true }, async (io, date: string | undefined) => {
        const ctx = await io.ctx();
        const r = (await app()).reviewDay(ctx, date ?? 'yesterday', io.opts.note, io.opts.at);
        const tz = ctx.tz;
        return {
          json: {
            date: r.day.date,
            reviewed_at: iso(r.day.reviewed_at, tz),
            reviewed_by: r.day.reviewed_by,
            note: r.day.note,
            handovers: r.handovers.map((x) => listJson(x, tz)),
            missing_shifts: r.missing.map((m) => m.shift),
          },
          record: {
            title: io.t('title.handover_review', { date: r.day.date }),
            fields: [
              { key: 'date', label: 'col.date' },
              { key: 'reviewer', label: 'col.ho_reviewer' },
              { key: 'reviewed_at', label: 'col.ho_signed_at', type: 'time' },
              { key: 'note', label: 'col.note' },
              { key: 'missing', label: 'col.ho_missing_shifts', type: 'list' },
            ],
            row: {
              date: r.day.date,
              reviewer: `${r.day.reviewed_by ?? ''} ${r.reviewer_name ?? ''}`.trim(),
              reviewed_at: r.day.reviewed_at,
              note: r.day.note,
              missing: r.missing.map((m) => m.shift),
            },
          },
          sections: [{ title: 'title.handovers', columns: LIST_COLUMNS, rows: r.handovers.map((x) => listRow(io, x)) }],
        };
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
        return { json: rows.map((r) => listJson(r, ctx.tz)), table: { title: '', columns: LIST_COLUMNS, rows: rows.map((x) => listRow(io, x)) } };
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

  // Site settings: the checklist items and the shifts.
  const cl = h.command('checklist').description(t('cmd.handover_checklist'));
  const checklistOut = (io: Io, items: { code: string; label: string }[]): Output => {
    const rows = items.map((i) => ({ code: i.code, label: checklistLabel(io, i.code, i.label) }));
    return { json: rows, table: { title: '', columns: [{ key: 'code', label: 'col.id' }, { key: 'label', label: 'col.item' }], rows } };
  };
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
  const shiftOut = (items: { code: string; start: string; end: string }[]): Output => ({
    json: items,
    table: {
      title: '',
      columns: [
        { key: 'code', label: 'col.ho_shift' },
        { key: 'start', label: 'col.ho_start' },
        { key: 'end', label: 'col.ho_end' },
      ],
      rows: items,
    },
  });
  sh.command('list', { isDefault: true })
    .description(t('cmd.handover_shift_list'))
    .action(action({}, async (io) => shiftOut((await app()).getShifts(await io.ctx()))));
  sh.command('set <code> <start> <end>')
    .description(t('cmd.handover_shift_set'))
    .action(action({ write: true }, async (io, code: string, start: string, end: string) => shiftOut((await app()).setShift(await io.ctx(), code, start, end))));
  sh.command('remove <code>')
    .description(t('cmd.handover_shift_remove'))
    .action(action({ write: true }, async (io, code: string) => shiftOut((await app()).removeShift(await io.ctx(), code))));
}
