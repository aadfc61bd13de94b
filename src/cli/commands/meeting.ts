import type { Command } from 'commander';
import { action, type Io } from '../run.js';
import { helpT } from '../i18n/index.js';
import { UsageError } from '../../errors.js';
import type { Ctx } from '../../app/context.js';
import type { Column, Output, Row } from '../../render/view.js';
import { formatIso, parseBound, parsePeriod } from '../../domain/time.js';
import { MEETING_TYPES, isAttendance, isMeetingType, parseFineReason, type MeetingType } from '../../domain/meeting.js';
import type {
  ActionRow,
  AttendanceRow,
  FineRow,
  MeetingRow,
  MeetingSummary,
  StaffFines,
  WarningRow,
} from '../../app/meeting/meetings.js';

// The use cases are loaded with the command, not at start-up.
const app = () => import('../../app/meeting/meetings.js');

/** Every meeting command first records the warnings of newly overdue action items. */
async function meetingCtx(io: Io): Promise<Ctx> {
  const ctx = await io.ctx();
  const { syncWarnings } = await import('../../app/meeting/warnings.js');
  syncWarnings(ctx);
  return ctx;
}

const iso = (ms: number | null | undefined, tz: string) => (ms === null || ms === undefined ? null : formatIso(ms, tz));

/** A code for humans (translated) or for machines (CSV keeps the English code). */
function lab(io: Io, prefix: string, code: string | null | undefined): string {
  if (code === null || code === undefined) return io.format === 'csv' ? '' : io.t(prefix + 'unrecorded');
  return io.format === 'csv' ? code : io.t(prefix + code);
}

function meetingJson(m: MeetingRow, tz: string) {
  return {
    id: m.id,
    type: m.type,
    starts_at: iso(m.starts_at, tz),
    ends_at: iso(m.ends_at, tz),
    topic: m.topic,
    location: m.location,
    dept: m.dept,
    host: m.host,
    notified_at: iso(m.notified_at, tz),
    short_notice: m.short_notice,
    minutes: m.minutes,
    minutes_at: iso(m.minutes_at, tz),
    minutes_by: m.minutes_by,
    cancelled_at: iso(m.cancelled_at, tz),
    cancel_reason: m.cancel_reason,
  };
}

function attendanceJson(a: AttendanceRow, tz: string) {
  return { staff: a.staff, name: a.name, status: a.status, leave_requested_at: iso(a.leave_requested_at, tz), note: a.note, recorded_at: iso(a.recorded_at, tz) };
}

function fineJson(f: FineRow, tz: string) {
  return { meeting_id: f.meeting_id, meeting_type: f.meeting_type, meeting_at: iso(f.meeting_at, tz), staff: f.staff, reason: f.reason, amount_yuan: f.amount_yuan, note: f.note };
}

function actionJson(a: ActionRow, tz: string) {
  return {
    id: a.id,
    meeting_id: a.meeting_id,
    owner: a.owner,
    owner_name: a.owner_name,
    text: a.text,
    due_at: iso(a.due_at, tz),
    state: a.state,
    done_at: iso(a.done_at, tz),
    result: a.result,
    warned: a.warned_at !== null,
    warned_at: iso(a.warned_at, tz),
  };
}

const MEETING_FIELDS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'type_l', label: 'col.meeting_type' },
  { key: 'starts_at', label: 'col.meeting_starts', type: 'time' },
  { key: 'ends_at', label: 'col.meeting_ends', type: 'time' },
  { key: 'topic', label: 'col.meeting_topic' },
  { key: 'location', label: 'col.meeting_location' },
  { key: 'host', label: 'col.meeting_host' },
  { key: 'dept', label: 'col.department', type: 'state' },
  { key: 'notified_at', label: 'col.meeting_notified', type: 'time' },
  { key: 'short_notice', label: 'col.meeting_short_notice' },
  { key: 'minutes', label: 'col.meeting_minutes' },
  { key: 'cancelled_at', label: 'col.meeting_cancelled', type: 'time' },
  { key: 'cancel_reason', label: 'col.meeting_cancel_reason' },
];

/** The meeting's type, marked when it was called off (CSV keeps the code). */
function typeLabel(io: Io, m: MeetingRow): string {
  const type = lab(io, 'meeting.type.', m.type);
  return m.cancelled_at !== null && io.format !== 'csv' ? io.t('meeting.cancelled_mark', { type }) : type;
}

function meetingRecord(io: Io, m: MeetingRow): Output['record'] {
  // The cancellation lines only for a meeting that was called off.
  const fields = m.cancelled_at === null ? MEETING_FIELDS.filter((f) => !f.key.startsWith('cancel')) : MEETING_FIELDS;
  return { fields, row: { ...m, type_l: typeLabel(io, m) } as unknown as Row };
}

const ATTENDANCE_COLUMNS: Column[] = [
  { key: 'staff', label: 'col.code' },
  { key: 'name', label: 'col.name' },
  { key: 'status_l', label: 'col.meeting_attendance' },
  { key: 'leave_requested_at', label: 'col.meeting_leave_requested', type: 'time' },
  { key: 'note', label: 'col.note' },
];

const FINE_COLUMNS: Column[] = [
  { key: 'staff', label: 'col.code' },
  { key: 'name', label: 'col.name' },
  { key: 'meeting_at', label: 'col.meeting_starts', type: 'time' },
  { key: 'meeting_id', label: 'col.meeting' },
  { key: 'reason_l', label: 'col.meeting_fine_reason' },
  { key: 'amount_yuan', label: 'col.meeting_fine_yuan', type: 'number' },
  { key: 'note', label: 'col.note' },
];

const ACTION_COLUMNS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'meeting_id', label: 'col.meeting' },
  { key: 'owner', label: 'col.meeting_action_owner' },
  { key: 'owner_name', label: 'col.name' },
  { key: 'text', label: 'col.meeting_action_text' },
  { key: 'due_at', label: 'col.due_at', type: 'time' },
  { key: 'state', label: 'col.state', type: 'state' },
  { key: 'done_at', label: 'col.meeting_done_at', type: 'time' },
  { key: 'result', label: 'col.meeting_action_result' },
  { key: 'warned', label: 'col.meeting_warned', type: 'bool' },
];

const attendanceRows = (io: Io, rows: AttendanceRow[]): Row[] => rows.map((a) => ({ ...a, status_l: lab(io, 'meeting.att.', a.status) }));
const fineRows = (io: Io, rows: FineRow[]): Row[] => rows.map((f) => ({ ...f, reason_l: lab(io, 'meeting.fine.', f.reason) }));
const actionRows = (rows: ActionRow[]): Row[] => rows.map((a) => ({ ...a, warned: a.warned_at !== null }));

function actionOutput(a: ActionRow, tz: string, notes: string[] = []): Output {
  return { json: actionJson(a, tz), record: { fields: ACTION_COLUMNS, row: actionRows([a])[0] }, notes };
}

function parseType(v: string | undefined): MeetingType {
  const s = (v ?? '').trim().toLowerCase();
  if (!isMeetingType(s)) throw new UsageError('err.meeting_bad_type', { value: String(v) }, 'fix.meeting_type');
  return s;
}

function parseCodes(v: string): string[] {
  const list = v.split(/[,，\s]+/).map((s) => s.trim()).filter(Boolean);
  if (!list.length) throw new UsageError('err.meeting_no_attendees', {}, 'fix.meeting_attendees');
  return list;
}

function checkMonth(v: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) throw new UsageError('err.bad_month', { value: v }, 'fix.month_format');
  return v;
}

export function register(program: Command): void {
  const t = helpT();
  const meeting = program.command('meeting').description(t('cmd.meeting')).addHelpText('before', t('help.meeting'));

  meeting
    .command('plan')
    .description(t('cmd.meeting_plan'))
    .option('--month <YYYY-MM>', t('opt.meeting_month'))
    .option('--weekly', t('opt.meeting_weekly'))
    .option('--no-weekly', t('opt.meeting_no_weekly'))
    .addHelpText('before', t('help.meeting_plan'))
    .action(
      action({ write: true }, async (io) => {
        await io.prompt.fill(io.opts, [{ name: 'month', flag: '--month', ask: 'prompt.meeting_month' }]);
        const month = checkMonth(io.opts.month);
        const ctx = await io.ctx();
        const { planMeetings } = await app();
        // v2: the weekly meeting is part of the standard month ([001] 4.3.1); --no-weekly leaves it out.
        const r = planMeetings(ctx, month, { weekly: io.opts.weekly !== false });
        const notes = [io.t('msg.meeting_planned', { month, created: r.created.length, existing: r.existing })];
        if (r.fallback) notes.push(io.t('warn.calendar_fallback', { year: month.slice(0, 4) }));
        for (const s of r.moved) notes.push(io.t('msg.meeting_monthly_moved', { from: s.moved_from!, to: s.date }));
        return {
          json: { month, created: r.created.map((m) => meetingJson(m, ctx.tz)), existing: r.existing, official_data: !r.fallback },
          table: {
            title: '',
            empty: 'msg.meeting_nothing_new',
            columns: [
              { key: 'id', label: 'col.id' },
              { key: 'type_l', label: 'col.meeting_type' },
              { key: 'starts_at', label: 'col.meeting_starts', type: 'time' },
            ],
            rows: r.created.map((m) => ({ ...m, type_l: lab(io, 'meeting.type.', m.type) })),
          },
          notes,
        };
      }),
    );

  meeting
    .command('schedule')
    .description(t('cmd.meeting_schedule'))
    .option('--type <type>', t('opt.meeting_type'))
    .option('--at <time>', t('opt.meeting_at'))
    .option('--topic <text>', t('opt.meeting_topic'))
    .option('--location <text>', t('opt.meeting_location'))
    .option('--attendees <codes>', t('opt.meeting_attendees'))
    .option('--dept <dept>', t('opt.meeting_dept'))
    .option('--host <code>', t('opt.meeting_host'))
    .option('--short-notice <reason>', t('opt.meeting_short_notice'))
    .option('--notified-at <time>', t('opt.meeting_notified_at'))
    .addHelpText('before', t('help.meeting_schedule'))
    .action(
      action({ write: true, choices: { type: 'meetingType', dept: 'department' } }, async (io) => {
        const o = io.opts;
        await io.prompt.fill(o, [
          { name: 'type', flag: '--type', ask: 'prompt.meeting_type', choices: MEETING_TYPES.map((v) => ({ value: v, name: 'meeting.type.' + v })) },
          { name: 'at', flag: '--at', ask: 'prompt.meeting_at' },
        ]);
        const type = parseType(o.type);
        if (o.attendees && o.dept) throw new UsageError('err.meeting_attendees_or_dept', {}, 'fix.meeting_attendees');
        const ctx = await io.ctx();
        const { scheduleMeeting, meetingDetail } = await app();
        const m = scheduleMeeting(ctx, {
          type,
          at: o.at,
          topic: o.topic,
          location: o.location,
          attendees: o.attendees ? parseCodes(o.attendees) : undefined,
          dept: o.dept,
          host: o.host,
          shortNotice: o.shortNotice,
          notifiedAt: o.notifiedAt,
        });
        const d = meetingDetail(ctx, m.id);
        const notes = [io.t('msg.meeting_notice', { days: m.notice_days, n: d.attendance.length })];
        return {
          json: { ...meetingJson(m, ctx.tz), notice_days: m.notice_days, attendees: d.attendance.map((a) => a.staff) },
          record: meetingRecord(io, m),
          sections: [{ title: 'title.meeting_attendance', columns: ATTENDANCE_COLUMNS.slice(0, 2), rows: attendanceRows(io, d.attendance) }],
          notes,
        };
      }),
    );

  meeting
    .command('attend <id> <codes> <status>')
    .description(t('cmd.meeting_attend'))
    .option('--leave-requested <time>', t('opt.meeting_leave_requested'))
    .option('--note <text>', t('opt.note'))
    .addHelpText('before', t('help.meeting_attend'))
    .action(
      action({ write: true }, async (io, id: string, codes: string, status: string) => {
        const s = io.choice('attendance', status);
        if (!isAttendance(s)) throw new UsageError('err.meeting_bad_status', { value: status }, 'fix.meeting_status');
        const ctx = await io.ctx();
        const { recordAttendance } = await app();
        const r = recordAttendance(ctx, id, parseCodes(codes), s, { leaveRequested: io.opts.leaveRequested, note: io.opts.note });
        const notes = r.fines.map((f) => io.t('msg.meeting_fined', { code: f.staff, reason: io.t('meeting.fine.' + f.reason), n: f.amount_yuan }));
        const json = r.rows.map((a) => ({ meeting_id: id, ...attendanceJson(a, ctx.tz), fine_yuan: r.fines.find((f) => f.staff === a.staff)?.amount_yuan ?? 0 }));
        return {
          json: json.length === 1 ? json[0] : json,
          table: { title: '', columns: ATTENDANCE_COLUMNS, rows: attendanceRows(io, r.rows) },
          notes,
        };
      }),
    );

  meeting
    .command('leave <id> <code>')
    .description(t('cmd.meeting_leave'))
    .option('--at <time>', t('opt.meeting_leave_at'))
    .option('--note <text>', t('opt.note'))
    .action(
      action({ write: true }, async (io, id: string, code: string) => {
        const ctx = await io.ctx();
        const { recordLeave } = await app();
        const a = recordLeave(ctx, id, code, { at: io.opts.at, note: io.opts.note });
        return { json: { meeting_id: id, ...attendanceJson(a, ctx.tz) }, record: { fields: ATTENDANCE_COLUMNS, row: attendanceRows(io, [a])[0] } };
      }),
    );

  meeting
    .command('disrupt <id> <code>')
    .description(t('cmd.meeting_disrupt'))
    .option('--note <text>', t('opt.meeting_disrupt_note'))
    .action(
      action({ write: true }, async (io, id: string, code: string) => {
        const ctx = await io.ctx();
        const { recordDisruption } = await app();
        const f = recordDisruption(ctx, id, code, io.opts.note);
        return {
          json: { id: f.id, ...fineJson(f, ctx.tz) },
          record: { fields: FINE_COLUMNS, row: fineRows(io, [f])[0] },
          notes: [io.t('msg.meeting_fined', { code: f.staff, reason: io.t('meeting.fine.disrupt'), n: f.amount_yuan })],
        };
      }),
    );

  meeting
    .command('minutes <id> <text...>')
    .description(t('cmd.meeting_minutes'))
    .action(
      action({ write: true }, async (io, id: string, text: string[]) => {
        const ctx = await io.ctx();
        const { recordMinutes } = await app();
        const m = recordMinutes(ctx, id, text.join(' '));
        return { json: meetingJson(m, ctx.tz), record: meetingRecord(io, m) };
      }),
    );

  meeting
    .command('cancel <id>')
    .description(t('cmd.meeting_cancel'))
    .addHelpText('before', t('help.meeting_cancel'))
    .option('--reason <text>', t('opt.meeting_cancel_reason'))
    .action(
      action({ write: true }, async (io, id: string) => {
        const ctx = await io.ctx();
        const { cancelMeeting } = await app();
        const m = cancelMeeting(ctx, id, String(io.opts.reason ?? ''));
        return { json: meetingJson(m, ctx.tz), record: meetingRecord(io, m) };
      }),
    );

  const act = meeting.command('action').description(t('cmd.meeting_action')).addHelpText('before', t('help.meeting_action'));

  act
    .command('add <id> <text...>')
    .description(t('cmd.meeting_action_add'))
    .option('--owner <code>', t('opt.meeting_action_owner'))
    .option('--due <time>', t('opt.meeting_action_due'))
    .action(
      action({ write: true }, async (io, id: string, text: string[]) => {
        await io.prompt.fill(io.opts, [
          { name: 'owner', flag: '--owner', ask: 'prompt.meeting_action_owner' },
          { name: 'due', flag: '--due', ask: 'prompt.meeting_action_due' },
        ]);
        const ctx = await io.ctx();
        const { addAction } = await app();
        return actionOutput(addAction(ctx, id, { owner: io.opts.owner, due: io.opts.due, text: text.join(' ') }), ctx.tz);
      }),
    );

  act
    .command('done <action>')
    .description(t('cmd.meeting_action_done'))
    .option('--result <text>', t('opt.meeting_action_result'))
    .option('--at <time>', t('opt.meeting_action_done_at'))
    .action(
      action({ write: true }, async (io, id: string) => {
        await io.prompt.fill(io.opts, [{ name: 'result', flag: '--result', ask: 'prompt.meeting_action_result' }]);
        const ctx = await io.ctx();
        const { completeAction } = await app();
        const a = completeAction(ctx, id, { result: io.opts.result, at: io.opts.at });
        const notes: string[] = [];
        if (a.state === 'breached') notes.push(io.t('msg.meeting_action_done_late', { id: a.id, owner: a.owner }));
        if (a.warning_withdrawn) notes.push(io.t('msg.meeting_action_warning_withdrawn', { id: a.id }));
        const out = actionOutput(a, ctx.tz, notes);
        out.json = { ...(out.json as object), warning_issued: a.warning_issued, warning_withdrawn: a.warning_withdrawn };
        return out;
      }),
    );

  act
    .command('list')
    .description(t('cmd.meeting_action_list'))
    .option('--owner <code>', t('opt.meeting_action_owner'))
    .option('--meeting <id>', t('opt.meeting_action_meeting'))
    .option('--status <s>', t('opt.meeting_action_status'), 'open')
    .action(
      action({ choices: { status: 'actionStatus' } }, async (io) => {
        const st = String(io.opts.status);
        if (!['open', 'overdue', 'done', 'all'].includes(st)) throw new UsageError('err.meeting_action_bad_status', { value: st }, 'fix.meeting_action_status');
        const ctx = await meetingCtx(io);
        const { listActions } = await app();
        const rows = listActions(ctx, { owner: io.opts.owner, meeting: io.opts.meeting, state: st });
        return { json: rows.map((a) => actionJson(a, ctx.tz)), table: { title: '', columns: ACTION_COLUMNS, rows: actionRows(rows) } };
      }),
    );

  meeting
    .command('list')
    .description(t('cmd.meeting_list'))
    .option('--month <period>', t('opt.meeting_list_month'))
    .option('--since <time>', t('opt.since'))
    .option('--until <time>', t('opt.until'))
    .option('--type <type>', t('opt.meeting_type'))
    .action(
      action({ choices: { type: 'meetingType' } }, async (io) => {
        const ctx = await meetingCtx(io);
        const now = ctx.clock.now();
        const p = parsePeriod(io.opts.month ?? 'this month', now, ctx.tz, 'month');
        const since = io.opts.since ? parseBound(io.opts.since, now, ctx.tz, 'since') : p.since;
        const until = io.opts.until ? parseBound(io.opts.until, now, ctx.tz, 'until') : io.opts.since && !io.opts.month ? Number.MAX_SAFE_INTEGER : p.until;
        const type = io.opts.type ? parseType(io.opts.type) : undefined;
        const { listMeetings } = await app();
        const rows = listMeetings(ctx, { since, until, type });
        const json = rows.map((m: MeetingSummary) => ({
          ...meetingJson(m, ctx.tz),
          attendance: { invited: m.invited, recorded: m.recorded, present: m.present, late: m.late, early: m.early, absent: m.absent, excused: m.excused },
          actions_open: m.actions_open,
        }));
        return {
          json,
          table: {
            title: '',
            columns: [
              { key: 'id', label: 'col.id' },
              { key: 'type_l', label: 'col.meeting_type' },
              { key: 'starts_at', label: 'col.meeting_starts', type: 'time' },
              { key: 'topic', label: 'col.meeting_topic' },
              { key: 'invited', label: 'col.meeting_invited', type: 'number' },
              { key: 'present', label: 'meeting.att.present', type: 'number' },
              { key: 'late', label: 'meeting.att.late', type: 'number' },
              { key: 'early', label: 'meeting.att.early', type: 'number' },
              { key: 'absent', label: 'meeting.att.absent', type: 'number' },
              { key: 'excused', label: 'meeting.att.excused', type: 'number' },
              { key: 'actions_open', label: 'col.meeting_actions_open', type: 'number' },
            ],
            rows: rows.map((m) => ({ ...m, type_l: typeLabel(io, m) })),
          },
        };
      }),
    );

  meeting
    .command('show <id>')
    .description(t('cmd.meeting_show'))
    .action(
      action({}, async (io, id: string) => {
        const ctx = await meetingCtx(io);
        const { meetingDetail } = await app();
        const d = meetingDetail(ctx, id);
        return {
          json: {
            ...meetingJson(d.meeting, ctx.tz),
            attendees: d.attendance.map((a) => attendanceJson(a, ctx.tz)),
            fines: d.fines.map((f) => fineJson(f, ctx.tz)),
            actions: d.actions.map((a) => actionJson(a, ctx.tz)),
          },
          record: meetingRecord(io, d.meeting),
          sections: [
            { title: 'title.meeting_attendance', columns: ATTENDANCE_COLUMNS, rows: attendanceRows(io, d.attendance) },
            { title: 'title.meeting_fines', columns: FINE_COLUMNS.filter((c) => c.key !== 'meeting_id' && c.key !== 'meeting_at'), rows: fineRows(io, d.fines) },
            { title: 'title.meeting_actions', columns: ACTION_COLUMNS.filter((c) => c.key !== 'meeting_id'), rows: actionRows(d.actions) },
          ],
        };
      }),
    );

  const fines = meeting
    .command('fines')
    .description(t('cmd.meeting_fines'))
    .option('--month <period>', t('opt.meeting_fines_month'))
    .option('--staff <code>', t('opt.meeting_fines_staff'))
    .addHelpText('before', t('help.meeting_fines'))
    .action(
      action({}, async (io) => {
        const ctx = await meetingCtx(io);
        const p = parsePeriod(io.opts.month ?? 'this month', ctx.clock.now(), ctx.tz, 'month');
        const { finesFor, fineRates } = await app();
        const list: StaffFines[] = finesFor(ctx, p, io.opts.staff);
        const r = fineRates(ctx);
        const total = list.reduce((s, x) => s + x.total_yuan, 0);
        return {
          json: list.map((s) => ({ staff: s.staff, name: s.name, total_yuan: s.total_yuan, items: s.items.map((f) => fineJson(f, ctx.tz)), warnings: s.warnings })),
          table: {
            title: io.t('title.meeting_fines_month', { period: p.label }),
            empty: 'msg.meeting_no_fines',
            columns: [
              { key: 'staff', label: 'col.code' },
              { key: 'name', label: 'col.name' },
              { key: 'late', label: 'meeting.fine.late', type: 'number' },
              { key: 'early', label: 'meeting.fine.early', type: 'number' },
              { key: 'absent', label: 'meeting.fine.absent', type: 'number' },
              { key: 'disrupt', label: 'meeting.fine.disrupt', type: 'number' },
              { key: 'total_yuan', label: 'col.meeting_fine_total', type: 'number' },
              { key: 'warnings', label: 'col.meeting_warnings', type: 'number' },
            ],
            rows: list.map((s) => {
              const count = (reason: string) => s.items.filter((f) => f.reason === reason).length || '';
              return { staff: s.staff, name: s.name, late: count('late'), early: count('early'), absent: count('absent'), disrupt: count('disrupt'), total_yuan: s.total_yuan, warnings: s.warnings || '' };
            }),
          },
          sections: io.format === 'csv' ? [] : [{ title: 'title.meeting_fine_items', columns: FINE_COLUMNS, rows: fineRows(io, list.flatMap((s) => s.items)), empty: 'msg.meeting_no_fines' }],
          notes: [io.t('msg.meeting_fines_total', { n: total }), io.t('msg.meeting_fine_rates', { late: r.late, early: r.early, absent: r.absent, disrupt: r.disrupt })],
        };
      }),
    );

  fines
    .command('set <reason> <yuan>')
    .description(t('cmd.meeting_fines_set'))
    .action(
      action({ write: true }, async (io, reasonText: string, yuan: string) => {
        const reason = parseFineReason(io.choice('fineReason', reasonText));
        if (!reason) throw new UsageError('err.meeting_bad_fine_reason', { value: reasonText }, 'fix.meeting_fine_reason');
        if (!/^\d+$/.test(yuan.trim())) throw new UsageError('err.meeting_bad_amount', { value: yuan }, 'fix.meeting_amount');
        const ctx = await io.ctx();
        const { setFineRate } = await app();
        const r = setFineRate(ctx, reason, Number(yuan));
        return {
          json: r,
          table: {
            title: '',
            columns: [
              { key: 'reason_l', label: 'col.meeting_fine_reason' },
              { key: 'yuan', label: 'col.meeting_fine_yuan', type: 'number' },
            ],
            rows: (Object.keys(r) as (keyof typeof r)[]).map((k) => ({ reason_l: lab(io, 'meeting.fine.', k), yuan: r[k] })),
          },
        };
      }),
    );

  meeting
    .command('warnings')
    .description(t('cmd.meeting_warnings'))
    .option('--staff <code>', t('opt.meeting_fines_staff'))
    .option('--all', t('opt.meeting_warnings_all'))
    .action(
      action({}, async (io) => {
        const ctx = await meetingCtx(io);
        const { listWarnings } = await app();
        const rows: WarningRow[] = listWarnings(ctx, { staff: io.opts.staff, all: !!io.opts.all });
        return {
          json: rows.map((w) => ({
            staff: w.staff,
            name: w.name,
            action_id: w.action_id,
            meeting_id: w.meeting_id,
            text: w.text,
            due_at: iso(w.due_at, ctx.tz),
            issued_at: iso(w.issued_at, ctx.tz),
            withdrawn_at: iso(w.withdrawn_at, ctx.tz),
          })),
          table: {
            title: '',
            empty: 'msg.meeting_no_warnings',
            columns: [
              { key: 'staff', label: 'col.code' },
              { key: 'name', label: 'col.name' },
              { key: 'action_id', label: 'col.meeting_action' },
              { key: 'text', label: 'col.meeting_action_text' },
              { key: 'due_at', label: 'col.due_at', type: 'time' },
              { key: 'issued_at', label: 'col.meeting_warned_at', type: 'time' },
              { key: 'withdrawn_at', label: 'col.meeting_withdrawn_at', type: 'time' },
            ],
            rows: rows as unknown as Row[],
          },
        };
      }),
    );
}
