// Every statement of the key module (SPEC §4): the register, loans, events,
// lock changes, counts (盘点), what a handover carries and the overdue scan.
// Statements are compiled once per connection.
import type { DB } from './db.js';
import { stmt } from './common.js';
import type { KeyKind, KeyStatus, RegisterEntry, StaffRef } from '../domain/keys.js';

export interface KeyRow {
  label: string;
  kind: KeyKind;
  unit: string | null;
  place: string | null;
  holder_dept: string;
  status: KeyStatus;
  copies: number;
  sort_key: string;
  last_event_at: number;
  created_at: number;
  updated_at: number;
}

export interface LoanRow {
  id: string;
  key_label: string;
  to_person: string;
  to_kind: 'staff' | 'owner' | 'outside';
  to_name: string;
  to_phone: string | null;
  purpose: string;
  lent_at: number;
  due_at: number;
  approved_by: string | null;
  owner_consent: string | null;
  overnight: string | null;
  lent_by: string | null;
  returned_at: number | null;
  returned_by: string | null;
  closed_as: string | null;
}

export interface EventRow {
  id: number;
  key_label: string;
  type: string;
  at: number;
  by: string | null;
  loan_id: string | null;
  note: string | null;
  data: string | null;
}

export interface LockChangeRow {
  id: string;
  key_label: string;
  loan_id: string | null;
  reported_at: number;
  reported_by: string | null;
  notified: string;
  due_at: number;
  done_at: number | null;
  done_by: string | null;
}

// ---- the register ---------------------------------------------------------------

export function keyByLabel(db: DB, label: string): KeyRow | undefined {
  return stmt(db, 'SELECT * FROM keys WHERE label = ?').get(label) as KeyRow | undefined;
}

/** The key one of whose loans has this id (KL20261123-001). */
export function keyByLoanId(db: DB, loanId: string): KeyRow | undefined {
  return stmt(db, 'SELECT k.* FROM key_loans l JOIN keys k ON k.label = l.key_label WHERE l.id = ?').get(loanId) as KeyRow | undefined;
}

export function insertKey(
  db: DB,
  k: {
    label: string;
    kind: KeyKind;
    unit: string | null;
    place: string | null;
    holder_dept: string;
    copies: number;
    sort_key: string;
    at: number;
    now: number;
  },
): void {
  stmt(
    db,
    `INSERT INTO keys(label, kind, unit, place, holder_dept, status, copies, sort_key, last_event_at, created_at, updated_at)
     VALUES (?,?,?,?,?,'in_cabinet',?,?,?,?,?)`,
  ).run(k.label, k.kind, k.unit, k.place, k.holder_dept, k.copies, k.sort_key, k.at, k.now, k.now);
}

/** An import's change of a key's kind, unit, place or holder. */
export function updateKey(
  db: DB,
  k: { label: string; kind: KeyKind; unit: string | null; place: string | null; holder_dept: string; sort_key: string; now: number },
): void {
  stmt(db, 'UPDATE keys SET kind = ?, unit = ?, place = ?, holder_dept = ?, sort_key = ?, updated_at = ? WHERE label = ?').run(
    k.kind,
    k.unit,
    k.place,
    k.holder_dept,
    k.sort_key,
    k.now,
    k.label,
  );
}

/** A key's new status; its last event moves to `at` unless a later one is recorded. */
export function setKeyStatus(db: DB, label: string, status: KeyStatus, at: number, now: number): void {
  stmt(db, 'UPDATE keys SET status = ?, last_event_at = MAX(last_event_at, ?), updated_at = ? WHERE label = ?').run(status, at, now, label);
}

export function addCopies(db: DB, label: string, n: number, at: number, now: number): void {
  stmt(db, 'UPDATE keys SET copies = copies + ?, last_event_at = MAX(last_event_at, ?), updated_at = ? WHERE label = ?').run(n, at, now, label);
}

export interface KeyListFilter {
  /** statuses to keep; with `overdue`, also keys whose loan was due before `now` */
  statuses?: string[];
  /** a unit label (given, even empty: only keys of that unit) */
  unit?: string;
  kind?: KeyKind;
  holderDept?: string;
  now: number;
}

/** The register in its natural order, each key with the id of its open loan (while on loan). */
export function keyList(db: DB, f: KeyListFilter): (KeyRow & { l_id: string | null })[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.statuses) {
    const plain = f.statuses.filter((s) => s !== 'overdue');
    const parts: string[] = [];
    if (plain.length) {
      parts.push(`k.status IN (${plain.map(() => '?').join(',')})`);
      args.push(...plain);
    }
    if (f.statuses.includes('overdue')) {
      parts.push('k.label IN (SELECT key_label FROM key_loans WHERE returned_at IS NULL AND due_at < ?)');
      args.push(f.now);
    }
    where.push('(' + parts.join(' OR ') + ')');
  }
  if (f.unit !== undefined) {
    where.push('k.unit = ?');
    args.push(f.unit);
  }
  if (f.kind) {
    where.push('k.kind = ?');
    args.push(f.kind);
  }
  if (f.holderDept) {
    where.push('k.holder_dept = ?');
    args.push(f.holderDept);
  }
  return db
    .prepare(
      `SELECT k.*, l.id AS l_id FROM keys k
       LEFT JOIN key_loans l ON l.key_label = k.label AND l.returned_at IS NULL AND k.status = 'on_loan'
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY k.sort_key`,
    )
    .all(...args) as (KeyRow & { l_id: string | null })[];
}

/** What should be in the cabinet, for a count: every key not retired, in register order. */
export function registerEntries(db: DB): RegisterEntry[] {
  return stmt(db, "SELECT label, status, copies FROM keys WHERE status <> 'retired' ORDER BY sort_key").all() as RegisterEntry[];
}

export function insertKeyAudit(db: DB, a: { id: string; at: number; by: string | null; file: string; findings: string }): void {
  stmt(db, 'INSERT INTO key_audits(id, counted_at, counted_by, file, findings) VALUES (?,?,?,?,?)').run(a.id, a.at, a.by, a.file, a.findings);
}

// ---- events -------------------------------------------------------------------------

export function insertKeyEvent(
  db: DB,
  e: { label: string; type: string; at: number; by: string | null; loan: string | null; note: string | null; data: string | null; recordedAt: number },
): void {
  stmt(db, 'INSERT INTO key_events(key_label, type, at, by, loan_id, note, data, recorded_at) VALUES (?,?,?,?,?,?,?,?)').run(
    e.label,
    e.type,
    e.at,
    e.by,
    e.loan,
    e.note,
    e.data,
    e.recordedAt,
  );
}

export function keyEvents(db: DB, label: string): EventRow[] {
  return stmt(db, 'SELECT * FROM key_events WHERE key_label = ? ORDER BY at, id').all(label) as EventRow[];
}

// ---- loans ----------------------------------------------------------------------------

export function loanById(db: DB, id: string): LoanRow | undefined {
  return stmt(db, 'SELECT * FROM key_loans WHERE id = ?').get(id) as LoanRow | undefined;
}

/** A key's loan not returned (the latest, should there be more). */
export function openLoanOf(db: DB, label: string): LoanRow | undefined {
  return stmt(db, 'SELECT * FROM key_loans WHERE key_label = ? AND returned_at IS NULL ORDER BY lent_at DESC LIMIT 1').get(label) as LoanRow | undefined;
}

export function loansOf(db: DB, label: string): LoanRow[] {
  return stmt(db, 'SELECT * FROM key_loans WHERE key_label = ? ORDER BY lent_at').all(label) as LoanRow[];
}

export function insertLoan(db: DB, l: Omit<LoanRow, 'returned_at' | 'returned_by' | 'closed_as'> & { created_at: number }): void {
  stmt(
    db,
    `INSERT INTO key_loans(id, key_label, to_person, to_kind, to_name, to_phone, purpose, lent_at, due_at, approved_by, owner_consent, overnight, lent_by, created_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  ).run(
    l.id,
    l.key_label,
    l.to_person,
    l.to_kind,
    l.to_name,
    l.to_phone,
    l.purpose,
    l.lent_at,
    l.due_at,
    l.approved_by,
    l.owner_consent,
    l.overnight,
    l.lent_by,
    l.created_at,
  );
}

/** Ends a loan: the key came back (returned, damaged) or its lock was changed (lost). */
export function closeLoan(db: DB, id: string, at: number, by: string | null, closedAs: 'returned' | 'damaged' | 'lost'): void {
  stmt(db, 'UPDATE key_loans SET returned_at = ?, returned_by = ?, closed_as = ? WHERE id = ?').run(at, by, closedAs, id);
}

/** What a shift handover carries: every loan not returned that began by `now`. */
export function openLoansLentBy(db: DB, now: number): { id: string; key_label: string; to_person: string; purpose: string | null; due_at: number | null }[] {
  return stmt(db, 'SELECT id, key_label, to_person, purpose, due_at FROM key_loans WHERE returned_at IS NULL AND lent_at <= ? ORDER BY lent_at, id').all(
    now,
  ) as {
    id: string;
    key_label: string;
    to_person: string;
    purpose: string | null;
    due_at: number | null;
  }[];
}

/** Loans of keys still on loan, due before `until` (a lost key's loan is left to its lock change). */
export function loansDueBefore(
  db: DB,
  until: number,
): { id: string; key_label: string; due_at: number; to_name: string; to_person: string; purpose: string }[] {
  return stmt(
    db,
    `SELECT l.id, l.key_label, l.due_at, l.to_name, l.to_person, l.purpose FROM key_loans l INDEXED BY key_loans_open_due
     JOIN keys k ON k.label = l.key_label
     WHERE l.returned_at IS NULL AND l.due_at < ? AND k.status = 'on_loan'`,
  ).all(until) as { id: string; key_label: string; due_at: number; to_name: string; to_person: string; purpose: string }[];
}

// ---- lock changes ----------------------------------------------------------------------

export function insertLockChange(
  db: DB,
  c: { id: string; label: string; loan: string | null; at: number; by: string | null; notified: string[]; dueAt: number; note: string | null },
): void {
  stmt(db, 'INSERT INTO key_lock_changes(id, key_label, loan_id, reported_at, reported_by, notified, due_at, note) VALUES (?,?,?,?,?,?,?,?)').run(
    c.id,
    c.label,
    c.loan,
    c.at,
    c.by,
    JSON.stringify(c.notified),
    c.dueAt,
    c.note,
  );
}

export function lockChangeById(db: DB, id: string): LockChangeRow | undefined {
  return stmt(db, 'SELECT * FROM key_lock_changes WHERE id = ?').get(id) as LockChangeRow | undefined;
}

/** A key's lock change not yet done (the latest reported). */
export function openLockChangeOf(db: DB, label: string): LockChangeRow | undefined {
  return stmt(db, 'SELECT * FROM key_lock_changes WHERE key_label = ? AND done_at IS NULL ORDER BY reported_at DESC LIMIT 1').get(label) as
    LockChangeRow | undefined;
}

export function lockChangesOf(db: DB, label: string): LockChangeRow[] {
  return stmt(db, 'SELECT * FROM key_lock_changes WHERE key_label = ? ORDER BY reported_at').all(label) as LockChangeRow[];
}

export function markLockChangeDone(db: DB, id: string, at: number, by: string | null): void {
  stmt(db, 'UPDATE key_lock_changes SET done_at = ?, done_by = ? WHERE id = ?').run(at, by, id);
}

/** Lock changes not done, due before `until` (the partial index key_lock_changes_open). */
export function lockChangesDueBefore(db: DB, until: number): { id: string; key_label: string; due_at: number }[] {
  return stmt(db, 'SELECT id, key_label, due_at FROM key_lock_changes INDEXED BY key_lock_changes_open WHERE done_at IS NULL AND due_at < ?').all(until) as {
    id: string;
    key_label: string;
    due_at: number;
  }[];
}

// ---- units and staff, as the key rules read them --------------------------------------------

export function unitExists(db: DB, label: string): boolean {
  return !!stmt(db, 'SELECT 1 FROM units WHERE label = ?').get(label);
}

export function unitSortKey(db: DB, label: string): string | undefined {
  return (stmt(db, 'SELECT sort_key FROM units WHERE label = ?').get(label) as { sort_key: string } | undefined)?.sort_key;
}

/** Who a unit's keys belong to: the owner, and the tenant of a let unit. */
export function unitOccupancy(db: DB, label: string): { occupancy: string; owner_name: string | null; tenant_name: string | null } | undefined {
  return stmt(db, 'SELECT occupancy, owner_name, tenant_name FROM units WHERE label = ?').get(label) as
    { occupancy: string; owner_name: string | null; tenant_name: string | null } | undefined;
}

/** The demo: the first units, with their owners. */
export function firstUnits(db: DB, n: number): { label: string; occupancy: string; owner_name: string | null; move_in_date: string | null }[] {
  return stmt(db, 'SELECT label, occupancy, owner_name, move_in_date FROM units ORDER BY sort_key LIMIT ?').all(n) as {
    label: string;
    occupancy: string;
    owner_name: string | null;
    move_in_date: string | null;
  }[];
}

/** Active staff of a department, by code, with their roles (who is told of a loss). */
export function activeStaffOfDept(db: DB, dept: string): { code: string; role: StaffRef['role'] }[] {
  return stmt(db, 'SELECT code, role FROM staff WHERE active = 1 AND department = ? ORDER BY code').all(dept) as { code: string; role: StaffRef['role'] }[];
}
