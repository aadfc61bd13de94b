// Meetings as every format shows them (SPEC §7): the JSON objects, the
// record's fields and the tables of attendance, fines, action items and
// warnings. Pure: rows in, view data out.
import type { ActionRow, AttendResult, MeetingDetail, PlanResult, StaffFines } from '../../app/meeting/meetings.js';
import type { FineRates } from '../../domain/meeting.js';
import { formatIso } from '../../domain/time.js';
import type { AttendanceRow, FineRow, MeetingRow, MeetingSummary, WarningRow } from '../../store/meeting.js';
import type { Column, Output, RenderOpts, Row } from '../view.js';

/** What a view needs to word a code: the catalogue, and whether the output is CSV (which keeps the English code). */
export interface Words {
  t: RenderOpts['t'];
  csv: boolean;
}

const iso = (ms: number | null | undefined, tz: string) => (ms === null || ms === undefined ? null : formatIso(ms, tz));

/** A code for humans (translated) or for machines (CSV keeps the English code). */
function lab(w: Words, prefix: string, code: string | null | undefined): string {
  if (code === null || code === undefined) return w.csv ? '' : w.t(prefix + 'unrecorded');
  return w.csv ? code : w.t(prefix + code);
}

export function meetingJson(m: MeetingRow, tz: string) {
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

export function attendanceJson(a: AttendanceRow, tz: string) {
  return {
    staff: a.staff,
    name: a.name,
    status: a.status,
    leave_requested_at: iso(a.leave_requested_at, tz),
    note: a.note,
    recorded_at: iso(a.recorded_at, tz),
  };
}

export function fineJson(f: FineRow, tz: string) {
  return {
    meeting_id: f.meeting_id,
    meeting_type: f.meeting_type,
    meeting_at: iso(f.meeting_at, tz),
    staff: f.staff,
    reason: f.reason,
    amount_yuan: f.amount_yuan,
    note: f.note,
  };
}

export function actionJson(a: ActionRow, tz: string) {
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
function typeLabel(w: Words, m: MeetingRow): string {
  const type = lab(w, 'meeting.type.', m.type);
  return m.cancelled_at !== null && !w.csv ? w.t('meeting.cancelled_mark', { type }) : type;
}

function meetingRecord(w: Words, m: MeetingRow): Output['record'] {
  // The cancellation lines only for a meeting that was called off.
  const fields = m.cancelled_at === null ? MEETING_FIELDS.filter((f) => !f.key.startsWith('cancel')) : MEETING_FIELDS;
  return { fields, row: { ...m, type_l: typeLabel(w, m) } };
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

const attendanceRows = (w: Words, rows: AttendanceRow[]): Row[] => rows.map((a) => ({ ...a, status_l: lab(w, 'meeting.att.', a.status) }));
const fineRows = (w: Words, rows: FineRow[]): Row[] => rows.map((f) => ({ ...f, reason_l: lab(w, 'meeting.fine.', f.reason) }));
const actionRows = (rows: ActionRow[]): Row[] => rows.map((a) => ({ ...a, warned: a.warned_at !== null }));

/** A meeting as its record (minutes, cancel). */
export function meetingOutput(w: Words, m: MeetingRow, tz: string): Output {
  return { json: meetingJson(m, tz), record: meetingRecord(w, m) };
}

export function planOutput(w: Words, month: string, r: PlanResult, tz: string): Output {
  const notes = [w.t('msg.meeting_planned', { month, created: r.created.length, existing: r.existing })];
  if (r.fallback) notes.push(w.t('warn.calendar_fallback', { year: month.slice(0, 4) }));
  for (const s of r.moved) notes.push(w.t('msg.meeting_monthly_moved', { from: s.moved_from!, to: s.date }));
  return {
    json: { month, created: r.created.map((m) => meetingJson(m, tz)), existing: r.existing, official_data: !r.fallback },
    table: {
      title: '',
      empty: 'msg.meeting_nothing_new',
      columns: [
        { key: 'id', label: 'col.id' },
        { key: 'type_l', label: 'col.meeting_type' },
        { key: 'starts_at', label: 'col.meeting_starts', type: 'time' },
      ],
      rows: r.created.map((m) => ({ ...m, type_l: lab(w, 'meeting.type.', m.type) })),
    },
    notes,
  };
}

/** A meeting just scheduled: its record, who is invited, and the notice given. */
export function scheduledOutput(w: Words, m: MeetingRow & { notice_days: number }, attendance: AttendanceRow[], tz: string): Output {
  return {
    json: { ...meetingJson(m, tz), notice_days: m.notice_days, attendees: attendance.map((a) => a.staff) },
    record: meetingRecord(w, m),
    sections: [{ title: 'title.meeting_attendance', columns: ATTENDANCE_COLUMNS.slice(0, 2), rows: attendanceRows(w, attendance) }],
    notes: [w.t('msg.meeting_notice', { days: m.notice_days, n: attendance.length })],
  };
}

/** Attendance recorded for one or more people: one object for one, a list for more. */
export function attendOutput(w: Words, meetingId: string, r: AttendResult, tz: string): Output {
  const json = r.rows.map((a) => ({ meeting_id: meetingId, ...attendanceJson(a, tz), fine_yuan: r.fines.find((f) => f.staff === a.staff)?.amount_yuan ?? 0 }));
  return {
    json: json.length === 1 ? json[0] : json,
    table: { title: '', columns: ATTENDANCE_COLUMNS, rows: attendanceRows(w, r.rows) },
    notes: r.fines.map((f) => w.t('msg.meeting_fined', { code: f.staff, reason: w.t('meeting.fine.' + f.reason), n: f.amount_yuan })),
  };
}

export function leaveOutput(w: Words, meetingId: string, a: AttendanceRow, tz: string): Output {
  return { json: { meeting_id: meetingId, ...attendanceJson(a, tz) }, record: { fields: ATTENDANCE_COLUMNS, row: attendanceRows(w, [a])[0] } };
}

export function disruptOutput(w: Words, f: FineRow, tz: string): Output {
  return {
    json: { id: f.id, ...fineJson(f, tz) },
    record: { fields: FINE_COLUMNS, row: fineRows(w, [f])[0] },
    notes: [w.t('msg.meeting_fined', { code: f.staff, reason: w.t('meeting.fine.disrupt'), n: f.amount_yuan })],
  };
}

export function actionOutput(a: ActionRow, tz: string): Output {
  return { json: actionJson(a, tz), record: { fields: ACTION_COLUMNS, row: actionRows([a])[0] }, notes: [] };
}

/** An action item reported done: late (a warning) or in time (a wrong warning withdrawn). */
export function actionDoneOutput(w: Words, a: ActionRow & { warning_issued: boolean; warning_withdrawn: boolean }, tz: string): Output {
  const notes: string[] = [];
  if (a.state === 'breached') notes.push(w.t('msg.meeting_action_done_late', { id: a.id, owner: a.owner }));
  if (a.warning_withdrawn) notes.push(w.t('msg.meeting_action_warning_withdrawn', { id: a.id }));
  return {
    json: { ...actionJson(a, tz), warning_issued: a.warning_issued, warning_withdrawn: a.warning_withdrawn },
    record: { fields: ACTION_COLUMNS, row: actionRows([a])[0] },
    notes,
  };
}

export function actionListOutput(rows: ActionRow[], tz: string): Output {
  return { json: rows.map((a) => actionJson(a, tz)), table: { title: '', columns: ACTION_COLUMNS, rows: actionRows(rows) } };
}

export function meetingListOutput(w: Words, rows: MeetingSummary[], tz: string): Output {
  return {
    json: rows.map((m) => ({
      ...meetingJson(m, tz),
      attendance: { invited: m.invited, recorded: m.recorded, present: m.present, late: m.late, early: m.early, absent: m.absent, excused: m.excused },
      actions_open: m.actions_open,
    })),
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
        { key: 'early', label: 'meeting.att.early', type: 'number', drop: 1 },
        { key: 'absent', label: 'meeting.att.absent', type: 'number' },
        { key: 'excused', label: 'meeting.att.excused', type: 'number', drop: 2 },
        { key: 'actions_open', label: 'col.meeting_actions_open', type: 'number', drop: 3 },
      ],
      rows: rows.map((m) => ({ ...m, type_l: typeLabel(w, m) })),
    },
  };
}

export function meetingDetailOutput(w: Words, d: MeetingDetail, tz: string): Output {
  return {
    json: {
      ...meetingJson(d.meeting, tz),
      attendees: d.attendance.map((a) => attendanceJson(a, tz)),
      fines: d.fines.map((f) => fineJson(f, tz)),
      actions: d.actions.map((a) => actionJson(a, tz)),
    },
    record: meetingRecord(w, d.meeting),
    sections: [
      { title: 'title.meeting_attendance', columns: ATTENDANCE_COLUMNS, rows: attendanceRows(w, d.attendance) },
      { title: 'title.meeting_fines', columns: FINE_COLUMNS.filter((c) => c.key !== 'meeting_id' && c.key !== 'meeting_at'), rows: fineRows(w, d.fines) },
      { title: 'title.meeting_actions', columns: ACTION_COLUMNS.filter((c) => c.key !== 'meeting_id'), rows: actionRows(d.actions) },
    ],
  };
}

/** Fines per person for a period, the items behind them (not in CSV), the total and the rates in force. */
export function finesOutput(w: Words, period: string, list: StaffFines[], rates: FineRates, tz: string): Output {
  const total = list.reduce((s, x) => s + x.total_yuan, 0);
  return {
    json: list.map((s) => ({ staff: s.staff, name: s.name, total_yuan: s.total_yuan, items: s.items.map((f) => fineJson(f, tz)), warnings: s.warnings })),
    table: {
      title: w.t('title.meeting_fines_month', { period }),
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
        return {
          staff: s.staff,
          name: s.name,
          late: count('late'),
          early: count('early'),
          absent: count('absent'),
          disrupt: count('disrupt'),
          total_yuan: s.total_yuan,
          warnings: s.warnings || '',
        };
      }),
    },
    sections: w.csv
      ? []
      : [
          {
            title: 'title.meeting_fine_items',
            columns: FINE_COLUMNS,
            rows: fineRows(
              w,
              list.flatMap((s) => s.items),
            ),
            empty: 'msg.meeting_no_fines',
          },
        ],
    notes: [
      w.t('msg.meeting_fines_total', { n: total }),
      w.t('msg.meeting_fine_rates', { late: rates.late, early: rates.early, absent: rates.absent, disrupt: rates.disrupt }),
    ],
  };
}

export function fineRatesOutput(w: Words, r: FineRates): Output {
  return {
    json: r,
    table: {
      title: '',
      columns: [
        { key: 'reason_l', label: 'col.meeting_fine_reason' },
        { key: 'yuan', label: 'col.meeting_fine_yuan', type: 'number' },
      ],
      rows: (Object.keys(r) as (keyof typeof r)[]).map((k) => ({ reason_l: lab(w, 'meeting.fine.', k), yuan: r[k] })),
    },
  };
}

export function warningsOutput(rows: WarningRow[], tz: string): Output {
  return {
    json: rows.map((w) => ({
      staff: w.staff,
      name: w.name,
      action_id: w.action_id,
      meeting_id: w.meeting_id,
      text: w.text,
      due_at: iso(w.due_at, tz),
      issued_at: iso(w.issued_at, tz),
      withdrawn_at: iso(w.withdrawn_at, tz),
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
      rows: rows.map((w) => ({ ...w })),
    },
  };
}
