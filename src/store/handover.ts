// Every statement of the handover module (SPEC §6): the forms, their lines
// and diary, the days and their review, the overdue scan, and whether another
// module's table is there for the carry. Statements are compiled once per
// connection.
import type { DB } from './db.js';
import { stmt } from './common.js';

export type HandoverStatus = 'pending' | 'accepted' | 'refused';

export interface HandoverRow {
  id: string;
  shift: string;
  shift_date: string;
  with_dept: string | null;
  from_staff: string;
  to_staff: string;
  status: HandoverStatus;
  started_at: number;
  accepted_at: number | null;
  refused_at: number | null;
  refuse_reason: string | null;
  created_at: number;
  updated_at: number;
}

export interface ItemRow {
  handover_id: string;
  seq: number;
  kind: string;
  item: string;
  label: string;
  due_at: number | null;
  after_hours: number;
  result: 'ok' | 'fail' | null;
  note: string | null;
  checked_at: number | null;
  checked_by: string | null;
}

export interface NoteRow {
  at: number;
  by: string | null;
  text: string;
}

export interface DayRow {
  date: string;
  reviewed_at: number | null;
  reviewed_by: string | null;
  note: string | null;
}

export interface ListFilter {
  since?: number;
  until?: number;
  date?: string;
  status?: HandoverStatus;
  shift?: string;
  limit?: number;
}

export interface ListRow extends HandoverRow {
  open_items: number;
  failed_items: number;
  carried: number;
  reviewed_at: number | null;
}

/** Whether a table is there (the carry functions of modules whose tables may be missing). */
export function hasTable(db: DB, name: string): boolean {
  return !!stmt(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

// ---- forms -----------------------------------------------------------------------

/** A handover by id, whatever its case (h20261123-001 finds H20261123-001). */
export function findHandover(db: DB, id: string): HandoverRow | undefined {
  return stmt(db, 'SELECT * FROM handovers WHERE id = ? COLLATE NOCASE').get(id) as HandoverRow | undefined;
}

/** The handover of a shift still waiting or accepted (one per shift, date and side). */
export function liveHandoverOf(db: DB, date: string, shift: string, withDept: string | null): { id: string; status: string } | undefined {
  return stmt(db, "SELECT id, status FROM handovers WHERE shift_date = ? AND shift = ? AND status IN ('pending','accepted') AND with_dept IS ?").get(
    date,
    shift,
    withDept,
  ) as { id: string; status: string } | undefined;
}

export function insertHandover(
  db: DB,
  h: { id: string; shift: string; shift_date: string; with_dept: string | null; from_staff: string; to_staff: string; started_at: number; now: number },
): void {
  stmt(
    db,
    `INSERT INTO handovers(id, shift, shift_date, with_dept, from_staff, to_staff, status, started_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
  ).run(h.id, h.shift, h.shift_date, h.with_dept, h.from_staff, h.to_staff, h.started_at, h.now, h.now);
}

export function touchHandover(db: DB, id: string, now: number): void {
  stmt(db, 'UPDATE handovers SET updated_at = ? WHERE id = ?').run(now, id);
}

export function markAccepted(db: DB, id: string, at: number, now: number): void {
  stmt(db, "UPDATE handovers SET status = 'accepted', accepted_at = ?, updated_at = ? WHERE id = ?").run(at, now, id);
}

export function markRefused(db: DB, id: string, at: number, reason: string, now: number): void {
  stmt(db, "UPDATE handovers SET status = 'refused', refused_at = ?, refuse_reason = ?, updated_at = ? WHERE id = ?").run(at, reason, now, id);
}

export function listHandovers(db: DB, f: ListFilter): ListRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.date) {
    where.push('h.shift_date = ?');
    args.push(f.date);
  }
  if (f.since !== undefined) {
    where.push('h.started_at >= ?');
    args.push(f.since);
  }
  if (f.until !== undefined) {
    where.push('h.started_at < ?');
    args.push(f.until);
  }
  if (f.status) {
    where.push('h.status = ?');
    args.push(f.status);
  }
  if (f.shift) {
    where.push('h.shift = ?');
    args.push(f.shift);
  }
  return stmt(
    db,
    `SELECT h.*,
       (SELECT COUNT(*) FROM handover_items i WHERE i.handover_id = h.id AND i.result IS NULL) AS open_items,
       (SELECT COUNT(*) FROM handover_items i WHERE i.handover_id = h.id AND i.result = 'fail') AS failed_items,
       (SELECT COUNT(*) FROM handover_items i WHERE i.handover_id = h.id AND i.kind <> 'checklist') AS carried,
       d.reviewed_at
     FROM handovers h LEFT JOIN handover_days d ON d.date = h.shift_date
     ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
     ORDER BY h.started_at DESC, h.id DESC LIMIT ?`,
  ).all(...args, f.limit ?? 100) as ListRow[];
}

/** The shifts of a date that have an accepted handover. */
export function acceptedShifts(db: DB, date: string): string[] {
  return (stmt(db, "SELECT shift FROM handovers WHERE shift_date = ? AND status = 'accepted'").all(date) as { shift: string }[]).map((r) => r.shift);
}

export function pendingIdsOn(db: DB, date: string): string[] {
  return (stmt(db, "SELECT id FROM handovers WHERE shift_date = ? AND status = 'pending' ORDER BY id").all(date) as { id: string }[]).map((r) => r.id);
}

// ---- lines and diary ---------------------------------------------------------------

export function itemsOf(db: DB, handoverId: string): ItemRow[] {
  return stmt(db, 'SELECT * FROM handover_items WHERE handover_id = ? ORDER BY seq').all(handoverId) as ItemRow[];
}

/** A line of a form by its code or carried id (any case: the column is NOCASE). */
export function itemOf(db: DB, handoverId: string, item: string): ItemRow | undefined {
  return stmt(db, 'SELECT * FROM handover_items WHERE handover_id = ? AND item = ?').get(handoverId, item) as ItemRow | undefined;
}

export function insertItem(
  db: DB,
  i: { handover_id: string; seq: number; kind: string; item: string; label: string; due_at: number | null; after_hours: boolean },
): void {
  stmt(db, 'INSERT INTO handover_items(handover_id, seq, kind, item, label, due_at, after_hours) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    i.handover_id,
    i.seq,
    i.kind,
    i.item,
    i.label,
    i.due_at,
    i.after_hours ? 1 : 0,
  );
}

export function checkItem(db: DB, c: { handover_id: string; item: string; result: 'ok' | 'fail'; note: string | null; at: number; by: string }): void {
  stmt(db, 'UPDATE handover_items SET result = ?, note = ?, checked_at = ?, checked_by = ? WHERE handover_id = ? AND item = ?').run(
    c.result,
    c.note,
    c.at,
    c.by,
    c.handover_id,
    c.item,
  );
}

/** Requests written on the refused forms of a shift, in the order written (carried to the next form). */
export function refusedRequestLines(
  db: DB,
  date: string,
  shift: string,
  withDept: string | null,
): { item: string; label: string; due_at: number | null; after_hours: number }[] {
  return stmt(
    db,
    `SELECT i.item, i.label, i.due_at, i.after_hours FROM handover_items i JOIN handovers h ON h.id = i.handover_id
      WHERE h.shift_date = ? AND h.shift = ? AND h.with_dept IS ? AND h.status = 'refused' AND i.kind = 'request' ORDER BY h.started_at, i.seq`,
  ).all(date, shift, withDept) as { item: string; label: string; due_at: number | null; after_hours: number }[];
}

export function requestLineCount(db: DB, handoverId: string): number {
  return (stmt(db, "SELECT COUNT(*) n FROM handover_items WHERE handover_id = ? AND kind = 'request'").get(handoverId) as { n: number }).n;
}

export function lastSeq(db: DB, handoverId: string): number {
  return (stmt(db, 'SELECT COALESCE(MAX(seq), 0) m FROM handover_items WHERE handover_id = ?').get(handoverId) as { m: number }).m;
}

/** The latest check on a form (null: none yet). */
export function lastCheckedAt(db: DB, handoverId: string): number | null {
  return (stmt(db, 'SELECT MAX(checked_at) m FROM handover_items WHERE handover_id = ?').get(handoverId) as { m: number | null }).m;
}

export function notesOf(db: DB, handoverId: string): NoteRow[] {
  return stmt(db, 'SELECT at, by, text FROM handover_notes WHERE handover_id = ? ORDER BY at, id').all(handoverId) as NoteRow[];
}

export function insertNote(db: DB, handoverId: string, at: number, by: string, text: string): void {
  stmt(db, 'INSERT INTO handover_notes(handover_id, at, by, text) VALUES (?, ?, ?, ?)').run(handoverId, at, by, text);
}

// ---- days --------------------------------------------------------------------------

export function dayOf(db: DB, date: string): DayRow | undefined {
  return stmt(db, 'SELECT * FROM handover_days WHERE date = ?').get(date) as DayRow | undefined;
}

/** A day that has handovers gets its row (for the review and the overdue scan). */
export function ensureDay(db: DB, date: string): void {
  stmt(db, 'INSERT OR IGNORE INTO handover_days(date) VALUES (?)').run(date);
}

export function signDay(db: DB, date: string, at: number, by: string | null, note: string | null): void {
  stmt(
    db,
    'INSERT INTO handover_days(date, reviewed_at, reviewed_by, note) VALUES (?, ?, ?, ?) ON CONFLICT(date) DO UPDATE SET reviewed_at = excluded.reviewed_at, reviewed_by = excluded.reviewed_by, note = excluded.note',
  ).run(date, at, by, note);
}

// ---- units, for the after-hours requests -----------------------------------------------

export function unitExists(db: DB, label: string): boolean {
  return !!stmt(db, 'SELECT 1 FROM units WHERE label = ?').get(label);
}

/** The demo: unit labels in their natural order. */
export function unitLabels(db: DB, n: number): string[] {
  return (stmt(db, 'SELECT label FROM units ORDER BY sort_key LIMIT ?').all(n) as { label: string }[]).map((u) => u.label);
}

// ---- overdue -------------------------------------------------------------------------------

/** Handovers waiting for the taker, started by `t`, oldest first. */
export function pendingStartedBy(db: DB, t: number): { id: string; shift: string; shift_date: string; to_staff: string; started_at: number }[] {
  return stmt(db, "SELECT id, shift, shift_date, to_staff, started_at FROM handovers WHERE status = 'pending' AND started_at <= ? ORDER BY started_at").all(
    t,
  ) as {
    id: string;
    shift: string;
    shift_date: string;
    to_staff: string;
    started_at: number;
  }[];
}

/** Refusals by `t` whose day the supervisor has not reviewed. */
export function refusedUnreviewed(db: DB, t: number): { id: string; shift: string; shift_date: string; refused_at: number; refuse_reason: string | null }[] {
  return stmt(
    db,
    `SELECT h.id, h.shift, h.shift_date, h.refused_at, h.refuse_reason FROM handovers h INDEXED BY handovers_refused
      WHERE h.status = 'refused' AND h.refused_at <= ?
        AND NOT EXISTS (SELECT 1 FROM handover_days d WHERE d.date = h.shift_date AND d.reviewed_at IS NOT NULL)`,
  ).all(t) as { id: string; shift: string; shift_date: string; refused_at: number; refuse_reason: string | null }[];
}

/** The handovers of the first day any was recorded here (empty: none yet). */
export function firstDayHandovers(db: DB): { shift: string; shift_date: string }[] {
  return stmt(db, 'SELECT shift, shift_date FROM handovers WHERE shift_date = (SELECT MIN(shift_date) FROM handovers)').all() as {
    shift: string;
    shift_date: string;
  }[];
}

export function unreviewedDays(db: DB): string[] {
  return (stmt(db, 'SELECT date FROM handover_days INDEXED BY handover_days_unreviewed WHERE reviewed_at IS NULL').all() as { date: string }[]).map(
    (d) => d.date,
  );
}

/** Accepted handovers of shifts dated from `date` on. */
export function acceptedSince(db: DB, date: string): { shift: string; shift_date: string }[] {
  return stmt(db, "SELECT shift, shift_date FROM handovers WHERE shift_date >= ? AND status = 'accepted'").all(date) as { shift: string; shift_date: string }[];
}

export function reviewedDaysSince(db: DB, date: string): string[] {
  return (stmt(db, 'SELECT date FROM handover_days WHERE date >= ? AND reviewed_at IS NOT NULL').all(date) as { date: string }[]).map((r) => r.date);
}

/** The first security handover's start (null: none yet) and the starts of those since `from` that were not refused. */
export function securityHandoverStarts(db: DB, from: number): { first: number | null; started: number[] } {
  const first = (db.prepare("SELECT MIN(started_at) AS t FROM handovers WHERE with_dept = 'security'").get() as { t: number | null }).t;
  const started = (
    db
      .prepare("SELECT started_at FROM handovers INDEXED BY handovers_started WHERE started_at >= ? AND with_dept = 'security' AND status <> 'refused'")
      .all(from) as { started_at: number }[]
  ).map((r) => r.started_at);
  return { first, started };
}
