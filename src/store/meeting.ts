// Every statement of the meeting module (SPEC §7): meetings and their plan
// slots, the invitation list and attendance register, fines, minutes, action
// items and the warnings of overdue ones, what a handover carries and the
// overdue scan. Statements are compiled once per connection.
import type { DB } from './db.js';
import { stmt } from './common.js';
import type { Attendance, FineReason, MeetingType } from '../domain/meeting.js';

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

/** An action item as stored, with its owner's name and the warning (if any); the app adds its state. */
export interface ActionRecord {
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

// ---- meetings -----------------------------------------------------------------

export function findMeeting(db: DB, id: string): MeetingRow | undefined {
  return stmt(db, 'SELECT * FROM meetings WHERE id = ?').get(id) as MeetingRow | undefined;
}

export type NewMeeting = Omit<MeetingRow, 'minutes' | 'minutes_at' | 'minutes_by' | 'cancelled_at' | 'cancelled_by' | 'cancel_reason'>;

export function insertMeeting(db: DB, m: NewMeeting): void {
  stmt(
    db,
    `INSERT INTO meetings(id, type, starts_at, ends_at, topic, location, dept, host, notified_at, short_notice, slot, created_at, created_by)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  ).run(m.id, m.type, m.starts_at, m.ends_at, m.topic, m.location, m.dept, m.host, m.notified_at, m.short_notice, m.slot, m.created_at, m.created_by);
}

/** Whether a plan slot (morning:2026-12-03, weekly:2026-W49, monthly:2026-12) already has its meeting. */
export function slotTaken(db: DB, slot: string): boolean {
  return !!stmt(db, 'SELECT 1 FROM meetings WHERE slot = ?').get(slot);
}

/** How much was recorded for a meeting: attendance or leave, fines, action items (minutes are on the row). */
export function recordedCount(db: DB, id: string): number {
  return (
    stmt(
      db,
      `SELECT (SELECT COUNT(*) FROM meeting_attendance WHERE meeting_id = :id AND (status IS NOT NULL OR leave_requested_at IS NOT NULL))
            + (SELECT COUNT(*) FROM meeting_fines WHERE meeting_id = :id)
            + (SELECT COUNT(*) FROM meeting_actions WHERE meeting_id = :id) AS n`,
    ).get({ id }) as { n: number }
  ).n;
}

export function markCancelled(db: DB, id: string, at: number, by: string | null, reason: string): void {
  stmt(db, 'UPDATE meetings SET cancelled_at = ?, cancelled_by = ?, cancel_reason = ? WHERE id = ?').run(at, by, reason, id);
}

export function setMinutes(db: DB, id: string, text: string, at: number, by: string | null): void {
  stmt(db, 'UPDATE meetings SET minutes = ?, minutes_at = ?, minutes_by = ? WHERE id = ?').run(text, at, by, id);
}

/** Meetings starting in [since, until), optionally of one type, with their attendance counts and open action items. */
export function meetingSummaries(db: DB, f: { since: number; until: number; type?: string }): MeetingSummary[] {
  const args: (string | number)[] = [f.since, f.until];
  let where = 'm.starts_at >= ? AND m.starts_at < ?';
  if (f.type) {
    where += ' AND m.type = ?';
    args.push(f.type);
  }
  return stmt(
    db,
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
  ).all(...args) as MeetingSummary[];
}

/** The demo: meetings starting in [since, until), oldest first. */
export function meetingsBetween(db: DB, since: number, until: number): { id: string; type: MeetingType; starts_at: number }[] {
  return stmt(db, 'SELECT id, type, starts_at FROM meetings WHERE starts_at >= ? AND starts_at < ? ORDER BY starts_at').all(since, until) as {
    id: string;
    type: MeetingType;
    starts_at: number;
  }[];
}

// ---- who is invited ----------------------------------------------------------------

const codes = (rows: unknown[]): string[] => (rows as { code: string }[]).map((r) => r.code);

/** Active staff of a department, by code. */
export function activeCodesOfDept(db: DB, dept: string): string[] {
  return codes(stmt(db, 'SELECT code FROM staff WHERE active = 1 AND department = ? ORDER BY code').all(dept));
}

/** A morning meeting's default list: the cs department below the centre director. */
export function morningInvitees(db: DB): string[] {
  return codes(stmt(db, "SELECT code FROM staff WHERE active = 1 AND department = 'cs' AND role NOT IN ('director','leader') ORDER BY code").all());
}

/** The monthly analysis meeting's default list: supervisors and above, below company leaders, of every department. */
export function monthlyInvitees(db: DB): string[] {
  return codes(stmt(db, "SELECT code FROM staff WHERE active = 1 AND role IN ('supervisor','manager','director') ORDER BY code").all());
}

// ---- attendance ---------------------------------------------------------------------

/** Puts a staff member on a meeting's list (nothing when already on it). */
export function addInvitee(db: DB, meetingId: string, code: string): void {
  stmt(db, 'INSERT OR IGNORE INTO meeting_attendance(meeting_id, staff) VALUES (?, ?)').run(meetingId, code);
}

export function inviteeCodes(db: DB, meetingId: string): string[] {
  return (stmt(db, 'SELECT staff FROM meeting_attendance WHERE meeting_id = ? ORDER BY staff').all(meetingId) as { staff: string }[]).map((r) => r.staff);
}

export function attendanceOf(db: DB, meetingId: string, code: string): AttendanceRow | undefined {
  return stmt(db, 'SELECT a.*, s.name FROM meeting_attendance a JOIN staff s ON s.code = a.staff WHERE a.meeting_id = ? AND a.staff = ?').get(
    meetingId,
    code,
  ) as AttendanceRow | undefined;
}

export function attendanceList(db: DB, meetingId: string): AttendanceRow[] {
  return stmt(db, 'SELECT a.*, s.name FROM meeting_attendance a JOIN staff s ON s.code = a.staff WHERE a.meeting_id = ? ORDER BY a.staff').all(
    meetingId,
  ) as AttendanceRow[];
}

export function setLeave(db: DB, meetingId: string, code: string, at: number, note: string | null): void {
  stmt(db, 'UPDATE meeting_attendance SET leave_requested_at = ?, note = COALESCE(?, note) WHERE meeting_id = ? AND staff = ?').run(at, note, meetingId, code);
}

export function setAttendance(
  db: DB,
  a: { meetingId: string; code: string; status: Attendance; leave: number | null; note: string | null; at: number; by: string | null },
): void {
  stmt(
    db,
    'UPDATE meeting_attendance SET status = ?, leave_requested_at = ?, note = COALESCE(?, note), recorded_at = ?, recorded_by = ? WHERE meeting_id = ? AND staff = ?',
  ).run(a.status, a.leave, a.note, a.at, a.by, a.meetingId, a.code);
}

// ---- fines ------------------------------------------------------------------------------

const FINE_SQL = `SELECT f.id, f.meeting_id, f.staff, s.name, f.reason, f.amount_yuan, f.meeting_at, m.type AS meeting_type, f.note, f.recorded_at, f.recorded_by
  FROM meeting_fines f JOIN staff s ON s.code = f.staff JOIN meetings m ON m.id = f.meeting_id`;

/** Voids a staff member's attendance fines of a meeting (a disruption fine stays). */
export function voidAttendanceFines(db: DB, meetingId: string, code: string, at: number, by: string | null): void {
  stmt(db, "UPDATE meeting_fines SET voided_at = ?, voided_by = ? WHERE meeting_id = ? AND staff = ? AND reason <> 'disrupt' AND voided_at IS NULL").run(
    at,
    by,
    meetingId,
    code,
  );
}

/** Records a fine; returns its row id. */
export function insertFine(
  db: DB,
  f: { meetingId: string; code: string; reason: FineReason; amount: number; meetingAt: number; note: string | null; at: number; by: string | null },
): number {
  const r = stmt(
    db,
    'INSERT INTO meeting_fines(meeting_id, staff, reason, amount_yuan, meeting_at, note, recorded_at, recorded_by) VALUES (?,?,?,?,?,?,?,?)',
  ).run(f.meetingId, f.code, f.reason, f.amount, f.meetingAt, f.note, f.at, f.by);
  return Number(r.lastInsertRowid);
}

export function hasDisruptionFine(db: DB, meetingId: string, code: string): boolean {
  return !!stmt(db, "SELECT 1 FROM meeting_fines WHERE meeting_id = ? AND staff = ? AND reason = 'disrupt' AND voided_at IS NULL").get(meetingId, code);
}

export function fineById(db: DB, id: number): FineRow | undefined {
  return stmt(db, FINE_SQL + ' WHERE f.id = ?').get(id) as FineRow | undefined;
}

/** A meeting's fines in force, in the order recorded. */
export function finesOfMeeting(db: DB, meetingId: string): FineRow[] {
  return stmt(db, FINE_SQL + ' WHERE f.meeting_id = ? AND f.voided_at IS NULL ORDER BY f.id').all(meetingId) as FineRow[];
}

/** Fines in force for meetings held in [since, until), optionally of one person, by person then meeting. */
export function finesBetween(db: DB, since: number, until: number, staff?: string): FineRow[] {
  return stmt(
    db,
    `${FINE_SQL}
     WHERE f.voided_at IS NULL AND f.meeting_at >= ? AND f.meeting_at < ? ${staff ? 'AND f.staff = ?' : ''}
     ORDER BY f.staff, f.meeting_at, f.id`,
  ).all(...[since, until, ...(staff ? [staff] : [])]) as FineRow[];
}

/** Warnings in force for a staff member's action items due in [since, until). */
export function warningCount(db: DB, staff: string, since: number, until: number): number {
  return (
    stmt(db, 'SELECT COUNT(*) n FROM meeting_warnings WHERE staff = ? AND withdrawn_at IS NULL AND due_at >= ? AND due_at < ?').get(staff, since, until) as {
      n: number;
    }
  ).n;
}

// ---- action items ------------------------------------------------------------------------

const ACTION_SQL = `SELECT a.*, s.name AS owner_name, w.issued_at AS warned_at
  FROM meeting_actions a JOIN staff s ON s.code = a.owner
  LEFT JOIN meeting_warnings w ON w.action_id = a.id AND w.withdrawn_at IS NULL`;

export function findAction(db: DB, id: string): ActionRecord | undefined {
  return stmt(db, ACTION_SQL + ' WHERE a.id = ?').get(id) as ActionRecord | undefined;
}

export function insertAction(db: DB, a: { id: string; meetingId: string; owner: string; dueAt: number; text: string; at: number; by: string | null }): void {
  stmt(db, 'INSERT INTO meeting_actions(id, meeting_id, owner, due_at, text, created_at, created_by) VALUES (?,?,?,?,?,?,?)').run(
    a.id,
    a.meetingId,
    a.owner,
    a.dueAt,
    a.text,
    a.at,
    a.by,
  );
}

export function markActionDone(db: DB, id: string, at: number, result: string, by: string | null): void {
  stmt(db, 'UPDATE meeting_actions SET done_at = ?, result = ?, done_by = ? WHERE id = ?').run(at, result, by, id);
}

/**
 * Action items by owner and meeting; `state` open (not done), overdue (not
 * done, due before `now`), done, or all; undone first, then by deadline.
 */
export function actionList(db: DB, f: { owner?: string; meeting?: string; state?: string; now: number }): ActionRecord[] {
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
  if (f.state === 'open') where.push('a.done_at IS NULL');
  else if (f.state === 'overdue') {
    where.push('a.done_at IS NULL AND a.due_at < ?');
    args.push(f.now);
  } else if (f.state === 'done') where.push('a.done_at IS NOT NULL');
  return stmt(db, `${ACTION_SQL} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY a.done_at IS NOT NULL, a.due_at, a.id`).all(
    ...args,
  ) as ActionRecord[];
}

/** What a shift handover carries: every action item not done, by deadline. */
export function openActions(db: DB): { id: string; meeting_id: string; owner: string; due_at: number | null; text: string }[] {
  return stmt(db, 'SELECT id, meeting_id, owner, due_at, text FROM meeting_actions WHERE done_at IS NULL ORDER BY due_at, id').all() as {
    id: string;
    meeting_id: string;
    owner: string;
    due_at: number | null;
    text: string;
  }[];
}

/** Action items not done and due before `until` (the partial index meeting_actions_open_due). */
export function openActionsDueBefore(db: DB, until: number): { id: string; owner: string; due_at: number; text: string }[] {
  return stmt(db, 'SELECT id, owner, due_at, text FROM meeting_actions WHERE done_at IS NULL AND due_at < ? ORDER BY due_at').all(until) as {
    id: string;
    owner: string;
    due_at: number;
    text: string;
  }[];
}

// ---- warnings --------------------------------------------------------------------------------

export interface WarningDue {
  id: string;
  owner: string;
  due_at: number;
}

const PENDING_SQL = `SELECT a.id, a.owner, a.due_at FROM meeting_actions a
  WHERE a.done_at IS NULL AND a.due_at < ?
    AND NOT EXISTS (SELECT 1 FROM meeting_warnings w WHERE w.action_id = a.id)
  ORDER BY a.due_at`;

/** Action items overdue at `now` that have no warning yet. */
export function warningsDue(db: DB, now: number): WarningDue[] {
  return stmt(db, PENDING_SQL).all(now) as WarningDue[];
}

export function anyWarningDue(db: DB, now: number): boolean {
  return !!stmt(db, PENDING_SQL + ' LIMIT 1').get(now);
}

/** Records the one warning of an action item; false when it already has one (UNIQUE(action_id)). */
export function insertWarning(db: DB, a: WarningDue, at: number): boolean {
  return (
    stmt(db, 'INSERT INTO meeting_warnings(action_id, staff, due_at, issued_at) VALUES (?,?,?,?) ON CONFLICT(action_id) DO NOTHING').run(
      a.id,
      a.owner,
      a.due_at,
      at,
    ).changes > 0
  );
}

/** Withdraws an action item's warning in force; whether there was one. */
export function withdrawWarning(db: DB, actionId: string, at: number, note: string): boolean {
  return (
    stmt(db, 'UPDATE meeting_warnings SET withdrawn_at = ?, withdrawn_note = ? WHERE action_id = ? AND withdrawn_at IS NULL').run(at, note, actionId).changes >
    0
  );
}

export function warningList(db: DB, f: { staff?: string; all?: boolean }): WarningRow[] {
  const where: string[] = [];
  const args: string[] = [];
  if (f.staff) {
    where.push('w.staff = ?');
    args.push(f.staff);
  }
  if (!f.all) where.push('w.withdrawn_at IS NULL');
  return stmt(
    db,
    `SELECT w.id, w.action_id, w.staff, s.name, w.due_at, w.issued_at, w.withdrawn_at, a.text, a.meeting_id
     FROM meeting_warnings w JOIN staff s ON s.code = w.staff JOIN meeting_actions a ON a.id = w.action_id
     ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY w.issued_at, w.id`,
  ).all(...args) as WarningRow[];
}
