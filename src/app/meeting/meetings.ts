// Meetings (SPEC §7, [004] 会议制度, [001]): the month's plan, scheduling with
// notice, the attendance register with its fines, minutes, and action items.
import { NotFound, RuleRefused, UsageError } from '../../errors.js';
import {
  DEFAULT_FINES,
  DEFAULT_TIMES,
  SPECIAL_NOTICE_DAYS,
  attendanceFine,
  actionState,
  leaveInTime,
  noticeDays,
  noticeShort,
  planMonth,
  slotOf,
  type ActionState,
  type Attendance,
  type FineRates,
  type FineReason,
  type MeetingType,
  type PlannedSlot,
} from '../../domain/meeting.js';
import { dueAfter, isDuration, parseDuration } from '../../domain/duration.js';
import { endOfLocalDay, formatLocal, fromLocal, localDate, parseTime, type Period } from '../../domain/time.js';
import { getSetting, nextId, setSetting } from '../../store/common.js';
import { writeTx } from '../../store/db.js';
import { type Ctx, audit, eventTime, idDate, requireWriter } from '../context.js';
import { issueDueWarnings, issueWarning } from './warnings.js';

export interface MeetingRow {
  id: string;
  type: MeetingType;
  starts_at: number;
  ends_at: number | null;
  topic: string | null;
  location: string | null;
  dept: string | null;
  host: string | null;
  notified_at: number;
  short_notice: string | null;
  slot: string | null;
  minutes: string | null;
  minutes_at: number | null;
  minutes_by: string | null;
  created_at: number;
  created_by: string | null;
  cancelled_at: number | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
}

export interface AttendanceRow {
  meeting_id: string;
  staff: string;
  name: string;
  status: Attendance | null;
  leave_requested_at: number | null;
  note: string | null;
  recorded_at: number | null;
  recorded_by: string | null;
}

export interface FineRow {
  id: number;
  meeting_id: string;
  staff: string;
  name: string;
  reason: FineReason;
  amount_yuan: number;
  meeting_at: number;
  meeting_type: MeetingType;
  note: string | null;
  recorded_at: number;
  recorded_by: string | null;
}

export interface ActionRow {
  id: string;
  meeting_id: string;
  owner: string;
  owner_name: string;
  due_at: number;
  text: string;
  done_at: number | null;
  result: string | null;
  created_at: number;
  created_by: string | null;
  done_by: string | null;
  state: ActionState;
  warned_at: number | null;
}

export interface MeetingSummary extends MeetingRow {
  invited: number;
  recorded: number;
  present: number;
  late: number;
  early: number;
  absent: number;
  excused: number;
  actions_open: number;
}

// ---------------------------------------------------------------- helpers

const FINE_SETTING = 'meeting.fines';

export function fineRates(ctx: Ctx): FineRates {
  return { ...DEFAULT_FINES, ...getSetting<Partial<FineRates>>(ctx.db, FINE_SETTING, {}) };
}

export function getMeeting(ctx: Ctx, id: string): MeetingRow {
  const m = ctx.db.prepare('SELECT * FROM meetings WHERE id = ?').get(id) as MeetingRow | undefined;
  if (!m) throw new NotFound('err.meeting_not_found', { id }, 'fix.meeting_list');
  return m;
}

/** A meeting that was not called off: the one attendance, minutes and action items are recorded for. */
function heldMeeting(ctx: Ctx, id: string): MeetingRow {
  const m = getMeeting(ctx, id);
  if (m.cancelled_at !== null)
    throw new RuleRefused('err.meeting_cancelled', { id, at: formatLocal(m.cancelled_at, ctx.tz), reason: m.cancel_reason ?? '' }, 'fix.meeting_schedule_new');
  return m;
}

/**
 * Calls a meeting off, with a reason (a supervisor, who schedules them). Only
 * one that has not taken place: nothing recorded for it yet (attendance,
 * leave, minutes, fines, action items). It keeps its plan slot, so `meeting
 * plan` does not make it again; reports do not count it as held.
 */
export function cancelMeeting(ctx: Ctx, id: string, reason: string): MeetingRow {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'supervisor', action: 'action.meeting_schedule' });
    const why = reason.trim();
    if (!why) throw new UsageError('err.meeting_cancel_reason', {}, 'fix.meeting_cancel_reason');
    const before = heldMeeting(ctx, id);
    const recorded = ctx.db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM meeting_attendance WHERE meeting_id = :id AND (status IS NOT NULL OR leave_requested_at IS NOT NULL))
              + (SELECT COUNT(*) FROM meeting_fines WHERE meeting_id = :id)
              + (SELECT COUNT(*) FROM meeting_actions WHERE meeting_id = :id) AS n`,
      )
      .get({ id }) as { n: number };
    if (recorded.n > 0 || before.minutes !== null) throw new RuleRefused('err.meeting_took_place', { id }, 'fix.meeting_took_place');
    const at = ctx.clock.now();
    ctx.db.prepare('UPDATE meetings SET cancelled_at = ?, cancelled_by = ?, cancel_reason = ? WHERE id = ?').run(at, ctx.actor?.code ?? null, why, id);
    const after = getMeeting(ctx, id);
    audit(ctx, 'meeting.cancel', 'meeting:' + id, { cancelled_at: null }, { cancelled_at: at, cancel_reason: why });
    return after;
  });
}

function activeStaff(ctx: Ctx, code: string): { code: string; name: string } {
  const s = ctx.db.prepare('SELECT code, name, active FROM staff WHERE code = ?').get(code) as { code: string; name: string; active: number } | undefined;
  if (!s) throw new NotFound('err.staff_not_found', { code }, 'fix.staff_list');
  if (!s.active) throw new RuleRefused('err.staff_inactive', { code }, 'fix.staff_active');
  return s;
}

function requireStarted(ctx: Ctx, m: MeetingRow): void {
  if (ctx.clock.now() < m.starts_at)
    throw new RuleRefused('err.meeting_not_started', { id: m.id, at: formatLocal(m.starts_at, ctx.tz) }, 'fix.meeting_wait');
}

/** A meeting time: a full time, or a bare date meaning the type's default time. */
export function meetingTime(ctx: Ctx, text: string, type: MeetingType): number {
  const s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    parseTime(s, ctx.clock.now(), ctx.tz); // validates the date
    return fromLocal(`${s} ${DEFAULT_TIMES[type].start}:00`, ctx.tz);
  }
  return parseTime(s, ctx.clock.now(), ctx.tz);
}

/**
 * An action item's deadline: a bare date means the end of that day (限期 …日),
 * a duration (3d, 2wd) counts from now, anything else is a time.
 */
export function actionDue(ctx: Ctx, text: string): number {
  const s = text.trim();
  const now = ctx.clock.now();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    parseTime(s, now, ctx.tz);
    return endOfLocalDay(s, ctx.tz);
  }
  if (isDuration(s)) return dueAfter(now, parseDuration(s), ctx.calendar(), ctx.tz);
  return parseTime(s, now, ctx.tz);
}

/**
 * Who is invited when no list is given: the cs department (below the center
 * director) to a morning meeting, supervisors and above (below company
 * leaders) of every department to the monthly analysis meeting, and the
 * scheduler's department to the others.
 */
function defaultAttendees(ctx: Ctx, type: MeetingType, dept: string | null): string[] {
  const q = (sql: string, ...args: string[]) => (ctx.db.prepare(sql).all(...args) as { code: string }[]).map((r) => r.code);
  if (dept) return q('SELECT code FROM staff WHERE active = 1 AND department = ? ORDER BY code', dept);
  if (type === 'morning') return q("SELECT code FROM staff WHERE active = 1 AND department = 'cs' AND role NOT IN ('director','leader') ORDER BY code");
  if (type === 'monthly') return q("SELECT code FROM staff WHERE active = 1 AND role IN ('supervisor','manager','director') ORDER BY code");
  const own = ctx.actor?.department ?? 'cs';
  return q('SELECT code FROM staff WHERE active = 1 AND department = ? ORDER BY code', own);
}

function insertMeeting(
  ctx: Ctx,
  m: Omit<MeetingRow, 'id' | 'minutes' | 'minutes_at' | 'minutes_by' | 'created_at' | 'created_by' | 'cancelled_at' | 'cancelled_by' | 'cancel_reason'>,
  attendees: string[],
): MeetingRow {
  const id = nextId(ctx.db, 'M', idDate(ctx, m.starts_at));
  const now = ctx.clock.now();
  ctx.db
    .prepare(
      `INSERT INTO meetings(id, type, starts_at, ends_at, topic, location, dept, host, notified_at, short_notice, slot, created_at, created_by)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    )
    .run(id, m.type, m.starts_at, m.ends_at, m.topic, m.location, m.dept, m.host, m.notified_at, m.short_notice, m.slot, now, ctx.actor?.code ?? null);
  const ins = ctx.db.prepare('INSERT OR IGNORE INTO meeting_attendance(meeting_id, staff) VALUES (?, ?)');
  for (const code of attendees) ins.run(id, code);
  const row = getMeeting(ctx, id);
  audit(ctx, 'meeting.schedule', 'meeting:' + id, null, { ...row, attendees });
  return row;
}

// ---------------------------------------------------------------- plan

export interface PlanResult {
  month: string;
  created: MeetingRow[];
  existing: number;
  /** the month's year has no official holiday data (Monday–Friday assumed) */
  fallback: boolean;
  moved: PlannedSlot[];
}

export function planMeetings(ctx: Ctx, ym: string, opts: { weekly?: boolean } = {}): PlanResult {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'supervisor', action: 'action.meeting_schedule' });
    issueDueWarnings(ctx);
    const cal = ctx.calendar();
    const slots = planMonth(ym, cal, opts);
    const taken = ctx.db.prepare('SELECT 1 FROM meetings WHERE slot = ?');
    const created: MeetingRow[] = [];
    let existing = 0;
    const now = ctx.clock.now();
    for (const s of slots) {
      if (taken.get(s.slot)) {
        existing++;
        continue;
      }
      const starts = fromLocal(`${s.date} ${s.start}:00`, ctx.tz);
      created.push(
        insertMeeting(
          ctx,
          {
            type: s.type,
            starts_at: starts,
            ends_at: s.end ? fromLocal(`${s.date} ${s.end}:00`, ctx.tz) : null,
            topic: null,
            location: null,
            dept: s.type === 'morning' ? 'cs' : null,
            host: ctx.actor?.code ?? null,
            notified_at: now,
            short_notice: null,
            slot: s.slot,
          },
          defaultAttendees(ctx, s.type, null),
        ),
      );
    }
    return { month: ym, created, existing, fallback: !cal.hasOfficialData(+ym.slice(0, 4)), moved: slots.filter((s) => s.moved_from) };
  });
}

// ---------------------------------------------------------------- schedule

export interface ScheduleInput {
  type: MeetingType;
  at: string;
  topic?: string;
  location?: string;
  attendees?: string[];
  dept?: string;
  host?: string;
  shortNotice?: string;
  notifiedAt?: string;
}

export function scheduleMeeting(ctx: Ctx, i: ScheduleInput): MeetingRow & { notice_days: number } {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'supervisor', action: 'action.meeting_schedule' });
    issueDueWarnings(ctx);
    const starts = meetingTime(ctx, i.at, i.type);
    const notified = eventTime(ctx, i.notifiedAt);
    const days = noticeDays(localDate(notified, ctx.tz), localDate(starts, ctx.tz));
    const reason = i.shortNotice?.trim() || null;
    if (noticeShort(i.type, localDate(notified, ctx.tz), localDate(starts, ctx.tz)) && !reason)
      throw new RuleRefused('err.meeting_short_notice', { days, need: SPECIAL_NOTICE_DAYS }, 'fix.meeting_short_notice');
    let attendees: string[];
    if (i.attendees?.length) attendees = [...new Set(i.attendees.map((c) => activeStaff(ctx, c).code))];
    else attendees = defaultAttendees(ctx, i.type, i.dept ?? null);
    if (!attendees.length) throw new UsageError('err.meeting_no_attendees', {}, 'fix.meeting_attendees');
    if (i.host) activeStaff(ctx, i.host);
    const date = localDate(starts, ctx.tz);
    const slot = slotOf(i.type, date);
    const slotFree = slot && !ctx.db.prepare('SELECT 1 FROM meetings WHERE slot = ?').get(slot);
    const row = insertMeeting(
      ctx,
      {
        type: i.type,
        starts_at: starts,
        ends_at: i.type === 'morning' ? fromLocal(`${date} ${DEFAULT_TIMES.morning.end}:00`, ctx.tz) : null,
        topic: i.topic ?? null,
        location: i.location ?? null,
        dept: i.attendees?.length ? null : (i.dept ?? (i.type === 'morning' ? 'cs' : i.type === 'monthly' ? null : (ctx.actor?.department ?? null))),
        host: i.host ?? ctx.actor?.code ?? null,
        notified_at: notified,
        // only a special meeting under the week's notice needs (and keeps) a reason
        short_notice: noticeShort(i.type, localDate(notified, ctx.tz), date) ? reason : null,
        slot: slotFree ? slot : null,
      },
      attendees,
    );
    return { ...row, notice_days: days };
  });
}

// ---------------------------------------------------------------- attendance

function ensureOnList(ctx: Ctx, meetingId: string, code: string): void {
  ctx.db.prepare('INSERT OR IGNORE INTO meeting_attendance(meeting_id, staff) VALUES (?, ?)').run(meetingId, code);
}

function attendanceRow(ctx: Ctx, meetingId: string, code: string): AttendanceRow {
  return ctx.db
    .prepare('SELECT a.*, s.name FROM meeting_attendance a JOIN staff s ON s.code = a.staff WHERE a.meeting_id = ? AND a.staff = ?')
    .get(meetingId, code) as AttendanceRow;
}

export function recordLeave(ctx: Ctx, id: string, code: string, opts: { at?: string; note?: string }): AttendanceRow {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'clerk', action: 'action.meeting_attend' });
    issueDueWarnings(ctx);
    const m = heldMeeting(ctx, id);
    activeStaff(ctx, code);
    const at = eventTime(ctx, opts.at);
    if (!leaveInTime(localDate(at, ctx.tz), localDate(m.starts_at, ctx.tz)))
      throw new RuleRefused('err.meeting_leave_late', { id, date: localDate(m.starts_at, ctx.tz) }, 'fix.meeting_leave_late');
    ensureOnList(ctx, id, code);
    const before = attendanceRow(ctx, id, code);
    ctx.db
      .prepare('UPDATE meeting_attendance SET leave_requested_at = ?, note = COALESCE(?, note) WHERE meeting_id = ? AND staff = ?')
      .run(at, opts.note ?? null, id, code);
    const after = attendanceRow(ctx, id, code);
    audit(ctx, 'meeting.leave', 'meeting:' + id, before, after);
    return after;
  });
}

export interface AttendResult {
  rows: AttendanceRow[];
  fines: { staff: string; reason: FineReason; amount_yuan: number }[];
}

export function recordAttendance(
  ctx: Ctx,
  id: string,
  codes: string[],
  status: Attendance,
  opts: { leaveRequested?: string; note?: string },
): AttendResult {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'clerk', action: 'action.meeting_attend' });
    issueDueWarnings(ctx);
    const m = heldMeeting(ctx, id);
    requireStarted(ctx, m);
    const now = ctx.clock.now();
    const meetingDate = localDate(m.starts_at, ctx.tz);
    const rates = fineRates(ctx);
    const out: AttendResult = { rows: [], fines: [] };
    const leaveGiven = opts.leaveRequested ? eventTime(ctx, opts.leaveRequested) : null;
    for (const code of [...new Set(codes)]) {
      activeStaff(ctx, code);
      ensureOnList(ctx, id, code);
      const before = attendanceRow(ctx, id, code);
      let leave = before.leave_requested_at;
      if (status === 'excused') {
        leave = leaveGiven ?? leave;
        if (leave === null) throw new RuleRefused('err.meeting_no_leave', { code, id }, 'fix.meeting_no_leave');
        if (!leaveInTime(localDate(leave, ctx.tz), meetingDate))
          throw new RuleRefused('err.meeting_leave_late', { id, date: meetingDate }, 'fix.meeting_no_leave');
      }
      if (before.status === status && leave === before.leave_requested_at && (opts.note ?? before.note) === before.note) {
        out.rows.push(before);
        continue;
      }
      // A correction voids the earlier attendance fine; the new status brings its own.
      ctx.db
        .prepare("UPDATE meeting_fines SET voided_at = ?, voided_by = ? WHERE meeting_id = ? AND staff = ? AND reason <> 'disrupt' AND voided_at IS NULL")
        .run(now, ctx.actor?.code ?? null, id, code);
      ctx.db
        .prepare('UPDATE meeting_attendance SET status = ?, leave_requested_at = ?, note = COALESCE(?, note), recorded_at = ?, recorded_by = ? WHERE meeting_id = ? AND staff = ?')
        .run(status, leave, opts.note ?? null, now, ctx.actor?.code ?? null, id, code);
      const fine = attendanceFine(status, rates);
      if (fine) {
        ctx.db
          .prepare('INSERT INTO meeting_fines(meeting_id, staff, reason, amount_yuan, meeting_at, note, recorded_at, recorded_by) VALUES (?,?,?,?,?,?,?,?)')
          .run(id, code, fine.reason, fine.amount, m.starts_at, opts.note ?? null, now, ctx.actor?.code ?? null);
        out.fines.push({ staff: code, reason: fine.reason, amount_yuan: fine.amount });
      }
      const after = attendanceRow(ctx, id, code);
      audit(ctx, 'meeting.attend', 'meeting:' + id, before, { ...after, fine: fine ? fine.amount : 0 });
      out.rows.push(after);
    }
    return out;
  });
}

export function recordDisruption(ctx: Ctx, id: string, code: string, note?: string): FineRow {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'clerk', action: 'action.meeting_attend' });
    issueDueWarnings(ctx);
    const m = heldMeeting(ctx, id);
    requireStarted(ctx, m);
    activeStaff(ctx, code);
    ensureOnList(ctx, id, code);
    const a = attendanceRow(ctx, id, code);
    if (a.status === 'absent' || a.status === 'excused')
      throw new RuleRefused('err.meeting_disrupt_absent', { code, status: a.status }, 'fix.meeting_attend_first');
    const dup = ctx.db.prepare("SELECT 1 FROM meeting_fines WHERE meeting_id = ? AND staff = ? AND reason = 'disrupt' AND voided_at IS NULL").get(id, code);
    if (dup) throw new RuleRefused('err.meeting_disrupt_twice', { code, id }, 'fix.meeting_show');
    const now = ctx.clock.now();
    const amount = fineRates(ctx).disrupt;
    const r = ctx.db
      .prepare("INSERT INTO meeting_fines(meeting_id, staff, reason, amount_yuan, meeting_at, note, recorded_at, recorded_by) VALUES (?,?,'disrupt',?,?,?,?,?)")
      .run(id, code, amount, m.starts_at, note ?? null, now, ctx.actor?.code ?? null);
    const fine = fineById(ctx, Number(r.lastInsertRowid));
    audit(ctx, 'meeting.disrupt', 'meeting:' + id, null, fine);
    return fine;
  });
}

function fineById(ctx: Ctx, fid: number): FineRow {
  return ctx.db
    .prepare(
      `SELECT f.id, f.meeting_id, f.staff, s.name, f.reason, f.amount_yuan, f.meeting_at, m.type AS meeting_type, f.note, f.recorded_at, f.recorded_by
       FROM meeting_fines f JOIN staff s ON s.code = f.staff JOIN meetings m ON m.id = f.meeting_id WHERE f.id = ?`,
    )
    .get(fid) as FineRow;
}

// ---------------------------------------------------------------- minutes

export function recordMinutes(ctx: Ctx, id: string, text: string): MeetingRow {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'clerk', action: 'action.meeting_minutes' });
    issueDueWarnings(ctx);
    const before = heldMeeting(ctx, id);
    requireStarted(ctx, before);
    if (!text.trim()) throw new UsageError('err.meeting_minutes_empty', {}, 'fix.meeting_minutes');
    ctx.db.prepare('UPDATE meetings SET minutes = ?, minutes_at = ?, minutes_by = ? WHERE id = ?').run(text.trim(), ctx.clock.now(), ctx.actor?.code ?? null, id);
    const after = getMeeting(ctx, id);
    audit(ctx, 'meeting.minutes', 'meeting:' + id, { minutes: before.minutes }, { minutes: after.minutes });
    return after;
  });
}

// ---------------------------------------------------------------- action items

const ACTION_SQL = `SELECT a.*, s.name AS owner_name, w.issued_at AS warned_at
  FROM meeting_actions a JOIN staff s ON s.code = a.owner
  LEFT JOIN meeting_warnings w ON w.action_id = a.id AND w.withdrawn_at IS NULL`;

function withState(ctx: Ctx, r: Omit<ActionRow, 'state'>): ActionRow {
  return { ...r, state: actionState(r.due_at, r.done_at, ctx.clock.now()) };
}

export function getAction(ctx: Ctx, id: string): ActionRow {
  const r = ctx.db.prepare(ACTION_SQL + ' WHERE a.id = ?').get(id) as Omit<ActionRow, 'state'> | undefined;
  if (!r) throw new NotFound('err.meeting_action_not_found', { id }, 'fix.meeting_action_list');
  return withState(ctx, r);
}

export function addAction(ctx: Ctx, meetingId: string, i: { owner: string; due: string; text: string }): ActionRow {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'clerk', action: 'action.meeting_minutes' });
    issueDueWarnings(ctx);
    const m = heldMeeting(ctx, meetingId);
    requireStarted(ctx, m);
    activeStaff(ctx, i.owner);
    if (!i.text.trim()) throw new UsageError('err.meeting_action_text_empty', {}, 'fix.meeting_action_text');
    const due = actionDue(ctx, i.due);
    const now = ctx.clock.now();
    if (due <= now) throw new UsageError('err.meeting_action_due_past', { due: i.due }, 'fix.meeting_action_due');
    const id = nextId(ctx.db, 'MA', idDate(ctx, m.starts_at));
    ctx.db
      .prepare('INSERT INTO meeting_actions(id, meeting_id, owner, due_at, text, created_at, created_by) VALUES (?,?,?,?,?,?,?)')
      .run(id, meetingId, i.owner, due, i.text.trim(), now, ctx.actor?.code ?? null);
    const row = getAction(ctx, id);
    audit(ctx, 'meeting.action_add', 'action:' + id, null, row);
    return row;
  });
}

export function completeAction(ctx: Ctx, id: string, i: { result: string; at?: string }): ActionRow & { warning_issued: boolean; warning_withdrawn: boolean } {
  return writeTx(ctx.db, () => {
    issueDueWarnings(ctx);
    const before = getAction(ctx, id);
    // The owner reports the result ([004] 把处理结果上报); the desk may record it for them.
    if (!ctx.actor || ctx.actor.code !== before.owner)
      requireWriter(ctx, { minRole: 'clerk', action: 'action.meeting_action_done' });
    if (before.done_at !== null) throw new RuleRefused('err.meeting_action_already_done', { id }, 'fix.meeting_action_list');
    if (!i.result.trim()) throw new UsageError('err.meeting_action_result_empty', {}, 'fix.meeting_action_result');
    const at = eventTime(ctx, i.at, before.created_at);
    ctx.db.prepare('UPDATE meeting_actions SET done_at = ?, result = ?, done_by = ? WHERE id = ?').run(at, i.result.trim(), ctx.actor?.code ?? null, id);
    let issued = false;
    let withdrawn = false;
    const now = ctx.clock.now();
    if (at > before.due_at) issued = issueWarning(ctx, { id, owner: before.owner, due_at: before.due_at }, now);
    else {
      // Done in time but recorded late: a warning issued meanwhile was wrong.
      const r = ctx.db
        .prepare("UPDATE meeting_warnings SET withdrawn_at = ?, withdrawn_note = 'done before the deadline' WHERE action_id = ? AND withdrawn_at IS NULL")
        .run(now, id);
      withdrawn = r.changes > 0;
    }
    const after = getAction(ctx, id);
    audit(ctx, 'meeting.action_done', 'action:' + id, before, { ...after, warning_withdrawn: withdrawn });
    return { ...after, warning_issued: issued, warning_withdrawn: withdrawn };
  });
}

export function listActions(ctx: Ctx, f: { owner?: string; meeting?: string; state?: string }): ActionRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.owner) {
    where.push('a.owner = ?');
    args.push(f.owner);
  }
  if (f.meeting) {
    where.push('a.meeting_id = ?');
    args.push(f.meeting);
  }
  const now = ctx.clock.now();
  if (f.state === 'open') where.push('a.done_at IS NULL');
  else if (f.state === 'overdue') {
    where.push('a.done_at IS NULL AND a.due_at < ?');
    args.push(now);
  } else if (f.state === 'done') where.push('a.done_at IS NOT NULL');
  const rows = ctx.db
    .prepare(`${ACTION_SQL} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY a.done_at IS NOT NULL, a.due_at, a.id`)
    .all(...args) as Omit<ActionRow, 'state'>[];
  return rows.map((r) => withState(ctx, r));
}

export interface WarningRow {
  id: number;
  action_id: string;
  staff: string;
  name: string;
  due_at: number;
  issued_at: number;
  withdrawn_at: number | null;
  text: string;
  meeting_id: string;
}

export function listWarnings(ctx: Ctx, f: { staff?: string; all?: boolean }): WarningRow[] {
  const where: string[] = [];
  const args: string[] = [];
  if (f.staff) {
    where.push('w.staff = ?');
    args.push(f.staff);
  }
  if (!f.all) where.push('w.withdrawn_at IS NULL');
  return ctx.db
    .prepare(
      `SELECT w.id, w.action_id, w.staff, s.name, w.due_at, w.issued_at, w.withdrawn_at, a.text, a.meeting_id
       FROM meeting_warnings w JOIN staff s ON s.code = w.staff JOIN meeting_actions a ON a.id = w.action_id
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY w.issued_at, w.id`,
    )
    .all(...args) as WarningRow[];
}

// ---------------------------------------------------------------- reading

export function listMeetings(ctx: Ctx, f: { since: number; until: number; type?: string }): MeetingSummary[] {
  const args: (string | number)[] = [f.since, f.until];
  let where = 'm.starts_at >= ? AND m.starts_at < ?';
  if (f.type) {
    where += ' AND m.type = ?';
    args.push(f.type);
  }
  return ctx.db
    .prepare(
      `SELECT m.*,
         (SELECT COUNT(*) FROM meeting_attendance a WHERE a.meeting_id = m.id) AS invited,
         (SELECT COUNT(*) FROM meeting_attendance a WHERE a.meeting_id = m.id AND a.status IS NOT NULL) AS recorded,
         (SELECT COUNT(*) FROM meeting_attendance a WHERE a.meeting_id = m.id AND a.status = 'present') AS present,
         (SELECT COUNT(*) FROM meeting_attendance a WHERE a.meeting_id = m.id AND a.status = 'late') AS late,
         (SELECT COUNT(*) FROM meeting_attendance a WHERE a.meeting_id = m.id AND a.status = 'early') AS early,
         (SELECT COUNT(*) FROM meeting_attendance a WHERE a.meeting_id = m.id AND a.status = 'absent') AS absent,
         (SELECT COUNT(*) FROM meeting_attendance a WHERE a.meeting_id = m.id AND a.status = 'excused') AS excused,
         (SELECT COUNT(*) FROM meeting_actions x WHERE x.meeting_id = m.id AND x.done_at IS NULL) AS actions_open
       FROM meetings m WHERE ${where} ORDER BY m.starts_at, m.id`,
    )
    .all(...args) as MeetingSummary[];
}

export interface MeetingDetail {
  meeting: MeetingRow;
  attendance: AttendanceRow[];
  fines: FineRow[];
  actions: ActionRow[];
}

export function meetingDetail(ctx: Ctx, id: string): MeetingDetail {
  const meeting = getMeeting(ctx, id);
  const attendance = ctx.db
    .prepare('SELECT a.*, s.name FROM meeting_attendance a JOIN staff s ON s.code = a.staff WHERE a.meeting_id = ? ORDER BY a.staff')
    .all(id) as AttendanceRow[];
  const fines = (ctx.db.prepare('SELECT id FROM meeting_fines WHERE meeting_id = ? AND voided_at IS NULL ORDER BY id').all(id) as { id: number }[]).map((f) =>
    fineById(ctx, f.id),
  );
  return { meeting, attendance, fines, actions: listActions(ctx, { meeting: id }) };
}

export interface StaffFines {
  staff: string;
  name: string;
  total_yuan: number;
  items: FineRow[];
  warnings: number;
}

/** Fines per person for meetings held in the period, highest total first. */
export function finesFor(ctx: Ctx, p: Period, staff?: string): StaffFines[] {
  const rows = ctx.db
    .prepare(
      `SELECT f.id, f.meeting_id, f.staff, s.name, f.reason, f.amount_yuan, f.meeting_at, m.type AS meeting_type, f.note, f.recorded_at, f.recorded_by
       FROM meeting_fines f JOIN staff s ON s.code = f.staff JOIN meetings m ON m.id = f.meeting_id
       WHERE f.voided_at IS NULL AND f.meeting_at >= ? AND f.meeting_at < ? ${staff ? 'AND f.staff = ?' : ''}
       ORDER BY f.staff, f.meeting_at, f.id`,
    )
    .all(...[p.since, p.until, ...(staff ? [staff] : [])]) as FineRow[];
  const by = new Map<string, StaffFines>();
  for (const r of rows) {
    let s = by.get(r.staff);
    if (!s) by.set(r.staff, (s = { staff: r.staff, name: r.name, total_yuan: 0, items: [], warnings: 0 }));
    s.total_yuan += r.amount_yuan;
    s.items.push(r);
  }
  const warn = ctx.db.prepare('SELECT COUNT(*) n FROM meeting_warnings WHERE staff = ? AND withdrawn_at IS NULL AND due_at >= ? AND due_at < ?');
  for (const s of by.values()) s.warnings = (warn.get(s.staff, p.since, p.until) as { n: number }).n;
  return [...by.values()].sort((a, b) => b.total_yuan - a.total_yuan || a.staff.localeCompare(b.staff));
}

export function setFineRate(ctx: Ctx, reason: FineReason, amount: number): FineRates {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'manager', action: 'action.meeting_fines_set' });
    if (!Number.isInteger(amount) || amount < 0 || amount > 10000) throw new UsageError('err.meeting_bad_amount', { value: String(amount) }, 'fix.meeting_amount');
    const before = fineRates(ctx);
    const stored = getSetting<Partial<FineRates>>(ctx.db, FINE_SETTING, {});
    setSetting(ctx.db, FINE_SETTING, { ...stored, [reason]: amount }, ctx.clock.now(), ctx.actor?.code ?? null);
    const after = fineRates(ctx);
    audit(ctx, 'meeting.fines_set', 'setting:' + FINE_SETTING, before, after);
    return after;
  });
}
