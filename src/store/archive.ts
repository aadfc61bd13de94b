// Every statement of the archive room ([004] 6): dossiers and their
// documents, the dossier history, loans, holds and destructions, the finder
// over the units roster, what a handover carries and what is overdue. Fixed
// statements are compiled once per connection (stmt); those whose text
// depends on a filter are prepared per call.
import type { DossierType, DestructionMethod, DestructionStatus } from '../domain/archive.js';
import type { DB } from './db.js';
import { stmt } from './common.js';

export interface DossierRow {
  unit: string;
  type: DossierType;
  bag_label: string;
  sort_key: string;
  opened_at: number;
  opened_by: string | null;
  updated_at: number;
}

export interface DocumentRow {
  id: string;
  unit: string;
  type: string;
  ref: string | null;
  note: string | null;
  status: 'active' | 'destroyed';
  confidential: number;
  filed_at: number;
  filed_by: string | null;
  superseded_by: string | null;
  hold_reason: string | null;
  held_at: number | null;
  held_by: string | null;
  destroyed_at: number | null;
  destruction_id: string | null;
}

export interface DossierEvent {
  id: number;
  unit: string;
  at: number;
  by: string | null;
  action: string;
  document_id: string | null;
  ref_id: string | null;
  detail: string | null;
}

export interface LoanRow {
  id: string;
  unit: string;
  document_id: string | null;
  to_person: string;
  to_staff: number;
  purpose: string;
  lent_at: number;
  due_at: number;
  approved_by: string | null;
  registered_by: string | null;
  signed_by: string;
  returned_at: number | null;
  returned_to: string | null;
  return_note: string | null;
}

export interface DestructionRow {
  id: string;
  status: DestructionStatus;
  reason: string;
  method: DestructionMethod;
  requested_by: string;
  requested_at: number;
  reviewed_by: string | null;
  reviewed_at: number | null;
  approved_by: string | null;
  approved_at: number | null;
  destroyed_at: number | null;
  executed_by: string | null;
  witnesses: string | null;
  place: string | null;
  rejected_by: string | null;
  rejected_at: number | null;
  reject_reason: string | null;
}

// ---- dossiers and documents -----------------------------------------------------

export function findDossier(db: DB, unit: string): DossierRow | undefined {
  return stmt(db, 'SELECT * FROM dossiers WHERE unit = ?').get(unit) as DossierRow | undefined;
}

export function dossierExists(db: DB, unit: string): boolean {
  return !!stmt(db, 'SELECT 1 FROM dossiers WHERE unit = ?').get(unit);
}

export function insertDossier(db: DB, d: DossierRow): void {
  stmt(db, 'INSERT INTO dossiers(unit, type, bag_label, sort_key, opened_at, opened_by, updated_at) VALUES (?,?,?,?,?,?,?)').run(
    d.unit,
    d.type,
    d.bag_label,
    d.sort_key,
    d.opened_at,
    d.opened_by,
    d.updated_at,
  );
}

export function setDossierType(db: DB, unit: string, type: DossierType): void {
  stmt(db, 'UPDATE dossiers SET type = ? WHERE unit = ?').run(type, unit);
}

export function addDossierEvent(db: DB, e: Omit<DossierEvent, 'id'> & { recorded_at: number }): void {
  stmt(db, 'INSERT INTO dossier_events(unit, at, by, action, document_id, ref_id, detail, recorded_at) VALUES (?,?,?,?,?,?,?,?)').run(
    e.unit,
    e.at,
    e.by,
    e.action,
    e.document_id,
    e.ref_id,
    e.detail,
    e.recorded_at,
  );
}

export function touchDossier(db: DB, unit: string, at: number): void {
  stmt(db, 'UPDATE dossiers SET updated_at = ? WHERE unit = ?').run(at, unit);
}

export function dossierEvents(db: DB, unit: string): DossierEvent[] {
  return stmt(db, 'SELECT * FROM dossier_events WHERE unit = ? ORDER BY at, id').all(unit) as DossierEvent[];
}

export function findDocument(db: DB, id: string): DocumentRow | undefined {
  return stmt(db, 'SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
}

/** The current document of a type in a unit's bag (active first, then the newest filed). */
export function currentDocument(db: DB, unit: string, type: string): DocumentRow | undefined {
  return stmt(
    db,
    "SELECT * FROM documents WHERE unit = ? AND type = ? AND superseded_by IS NULL ORDER BY status = 'active' DESC, filed_at DESC, id DESC LIMIT 1",
  ).get(unit, type) as DocumentRow | undefined;
}

export function documentsOfUnit(db: DB, unit: string): DocumentRow[] {
  return stmt(db, 'SELECT * FROM documents WHERE unit = ? ORDER BY filed_at, id').all(unit) as DocumentRow[];
}

/** Active, not replaced documents of a type in a unit's bag, oldest first. */
export function activeDocumentsOfType(db: DB, unit: string, type: string): DocumentRow[] {
  return stmt(db, "SELECT * FROM documents WHERE unit = ? AND type = ? AND status = 'active' AND superseded_by IS NULL ORDER BY filed_at, id").all(
    unit,
    type,
  ) as DocumentRow[];
}

export function insertDocument(
  db: DB,
  d: Pick<DocumentRow, 'id' | 'unit' | 'type' | 'ref' | 'note' | 'status' | 'confidential' | 'filed_at' | 'filed_by'>,
): void {
  stmt(db, 'INSERT INTO documents(id, unit, type, ref, note, status, confidential, filed_at, filed_by) VALUES (?,?,?,?,?,?,?,?,?)').run(
    d.id,
    d.unit,
    d.type,
    d.ref,
    d.note,
    d.status,
    d.confidential,
    d.filed_at,
    d.filed_by,
  );
}

export function supersedeDocument(db: DB, id: string, by: string): void {
  stmt(db, 'UPDATE documents SET superseded_by = ? WHERE id = ?').run(by, id);
}

/** Types of the documents a dossier currently holds (active, not replaced). */
export function heldTypes(db: DB, unit: string): string[] {
  return (stmt(db, "SELECT DISTINCT type FROM documents WHERE unit = ? AND status = 'active' AND superseded_by IS NULL").all(unit) as { type: string }[]).map(
    (r) => r.type,
  );
}

/** Per unit, the types its dossier holds: grouped in SQL over the covering index (one row per unit). */
export function heldTypesByUnit(db: DB): [string, string][] {
  return db.prepare("SELECT unit, group_concat(type) FROM documents WHERE status = 'active' AND superseded_by IS NULL GROUP BY unit").raw().all() as [
    string,
    string,
  ][];
}

/** Units with a dossier or an occupant (who should have one), in roster order: [label, dossier type or null, occupancy]. */
export function unitsForCheck(db: DB): [string, DossierType | null, string][] {
  return db
    .prepare(
      `SELECT u.label, d.type, u.occupancy FROM units u LEFT JOIN dossiers d ON d.unit = u.label
         WHERE d.unit IS NOT NULL OR u.occupancy IN ('owner','tenant') ORDER BY u.sort_key`,
    )
    .raw()
    .all() as [string, DossierType | null, string][];
}

export interface DossierListRow {
  unit: string;
  bag_label: string;
  type: DossierType;
  documents: number;
  destroyed: number;
  /** the types held (active, not replaced), comma-separated */
  held_types: string | null;
  held: number;
  on_loan: number;
}

/** Dossiers in roster order with their counts; `limit` (with `offset`) caps the rows. */
export function dossierList(db: DB, f: { type?: DossierType; building?: string; limit?: number; offset?: number }): DossierListRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.type) {
    where.push('d.type = ?');
    args.push(f.type);
  }
  if (f.building) {
    where.push('u.building = ?');
    args.push(f.building);
  }
  const lim = f.limit ? ` LIMIT ${Math.max(0, Math.floor(f.limit))} OFFSET ${Math.max(0, Math.floor(f.offset ?? 0))}` : '';
  return db
    .prepare(
      `SELECT d.unit, d.bag_label, d.type,
         (SELECT COUNT(*) FROM documents x WHERE x.unit = d.unit) AS documents,
         (SELECT COUNT(*) FROM documents x WHERE x.unit = d.unit AND x.status = 'destroyed') AS destroyed,
         (SELECT group_concat(DISTINCT x.type) FROM documents x WHERE x.unit = d.unit AND x.status = 'active' AND x.superseded_by IS NULL) AS held_types,
         (SELECT COUNT(*) FROM documents x WHERE x.unit = d.unit AND x.hold_reason IS NOT NULL AND x.status = 'active') AS held,
         (SELECT COUNT(*) FROM archive_loans l WHERE l.unit = d.unit AND l.returned_at IS NULL) AS on_loan
       FROM dossiers d JOIN units u ON u.label = d.unit
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY d.sort_key${lim}`,
    )
    .all(...args) as DossierListRow[];
}

/** The open loan a document is out on, if any. */
export function openLoanOf(db: DB, documentId: string): string | null {
  return (
    (
      stmt(db, 'SELECT l.id FROM archive_loan_items i JOIN archive_loans l ON l.id = i.loan_id WHERE i.document_id = ? AND l.returned_at IS NULL').get(
        documentId,
      ) as { id: string } | undefined
    )?.id ?? null
  );
}

/** The destruction a document is in (requested, reviewed or approved), if any. */
export function pendingDestructionOf(db: DB, documentId: string): string | null {
  return (
    (
      stmt(
        db,
        "SELECT x.id FROM destruction_items i JOIN destructions x ON x.id = i.destruction_id WHERE i.document_id = ? AND x.status IN ('requested','reviewed','approved')",
      ).get(documentId) as { id: string } | undefined
    )?.id ?? null
  );
}

// ---- holds ------------------------------------------------------------------------

export function setHold(db: DB, id: string, reason: string, at: number, by: string | null): void {
  stmt(db, 'UPDATE documents SET hold_reason = ?, held_at = ?, held_by = ? WHERE id = ?').run(reason, at, by, id);
}

export function clearHold(db: DB, id: string): void {
  stmt(db, 'UPDATE documents SET hold_reason = NULL, held_at = NULL, held_by = NULL WHERE id = ?').run(id);
}

/**
 * Active documents of a type filed before `cutoff`, oldest first, less those
 * still in force: not replaced, in a dossier whose checklist includes the
 * type (`inForce`: that dossier type, '' when none).
 */
export function filedBefore(db: DB, type: string, cutoff: number, inForce: string): DocumentRow[] {
  const rows = db
    .prepare(
      `SELECT x.*, d.type AS dossier_type FROM documents x JOIN dossiers d ON d.unit = x.unit
         WHERE x.type = ? AND x.status = 'active' AND x.filed_at < ?
           AND NOT (x.superseded_by IS NULL AND d.type = ?) ORDER BY x.filed_at, x.id`,
    )
    .all(type, cutoff, inForce) as (DocumentRow & { dossier_type: DossierType })[];
  return rows.map(({ dossier_type: _t, ...d }) => d);
}

// ---- loans --------------------------------------------------------------------------

export function findLoan(db: DB, id: string): LoanRow | undefined {
  return stmt(db, 'SELECT * FROM archive_loans WHERE id = ?').get(id) as LoanRow | undefined;
}

export function loanDocumentIds(db: DB, id: string): string[] {
  return (stmt(db, 'SELECT document_id FROM archive_loan_items WHERE loan_id = ? ORDER BY document_id').all(id) as { document_id: string }[]).map(
    (r) => r.document_id,
  );
}

export function insertLoan(db: DB, l: Omit<LoanRow, 'returned_at' | 'returned_to' | 'return_note'>, documentIds: string[]): void {
  stmt(
    db,
    `INSERT INTO archive_loans(id, unit, document_id, to_person, to_staff, purpose, lent_at, due_at, approved_by, registered_by, signed_by)
         VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  ).run(l.id, l.unit, l.document_id, l.to_person, l.to_staff, l.purpose, l.lent_at, l.due_at, l.approved_by, l.registered_by, l.signed_by);
  const ins = stmt(db, 'INSERT INTO archive_loan_items(loan_id, document_id) VALUES (?, ?)');
  for (const d of documentIds) ins.run(l.id, d);
}

/** Open loans of a unit's dossier or of a document. */
export function openLoansFor(db: DB, unitOrDocument: string): string[] {
  return (
    stmt(
      db,
      `SELECT DISTINCT l.id FROM archive_loans l LEFT JOIN archive_loan_items i ON i.loan_id = l.id
           WHERE l.returned_at IS NULL AND (l.unit = ? OR i.document_id = ?)`,
    ).all(unitOrDocument, unitOrDocument) as { id: string }[]
  ).map((r) => r.id);
}

export function markLoanReturned(db: DB, id: string, at: number, to: string | null, note: string | null): void {
  stmt(db, 'UPDATE archive_loans SET returned_at = ?, returned_to = ?, return_note = ? WHERE id = ?').run(at, to, note, id);
}

/** The loan register, newest first: `open` not returned, `dueBefore` also past due at that instant. */
export function loanList(db: DB, f: { open?: boolean; dueBefore?: number; unit?: string }): LoanRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.open || f.dueBefore !== undefined) where.push('returned_at IS NULL');
  if (f.dueBefore !== undefined) {
    where.push('due_at < ?');
    args.push(f.dueBefore);
  }
  if (f.unit) {
    where.push('unit = ?');
    args.push(f.unit);
  }
  return db
    .prepare(`SELECT * FROM archive_loans ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY lent_at DESC, id DESC`)
    .all(...args) as LoanRow[];
}

export function loansOfUnit(db: DB, unit: string): LoanRow[] {
  return stmt(db, 'SELECT * FROM archive_loans WHERE unit = ? ORDER BY lent_at DESC').all(unit) as LoanRow[];
}

/** Loans not returned, lent by `now`, oldest first (a handover carries them). */
export function loansForCarry(db: DB, now: number): Pick<LoanRow, 'id' | 'unit' | 'document_id' | 'to_person' | 'purpose' | 'due_at'>[] {
  return db
    .prepare('SELECT id, unit, document_id, to_person, purpose, due_at FROM archive_loans WHERE returned_at IS NULL AND lent_at <= ? ORDER BY lent_at, id')
    .all(now) as Pick<LoanRow, 'id' | 'unit' | 'document_id' | 'to_person' | 'purpose' | 'due_at'>[];
}

/** Loans not returned and due before `before` (partial index archive_loans_open_due), soonest first. */
export function loansDueBefore(db: DB, before: number): Pick<LoanRow, 'id' | 'unit' | 'to_person' | 'due_at'>[] {
  return db.prepare('SELECT id, unit, to_person, due_at FROM archive_loans WHERE returned_at IS NULL AND due_at < ? ORDER BY due_at').all(before) as Pick<
    LoanRow,
    'id' | 'unit' | 'to_person' | 'due_at'
  >[];
}

// ---- destructions ---------------------------------------------------------------------

export function findDestruction(db: DB, id: string): DestructionRow | undefined {
  return stmt(db, 'SELECT * FROM destructions WHERE id = ?').get(id) as DestructionRow | undefined;
}

export function destructionDocuments(db: DB, id: string): DocumentRow[] {
  return stmt(db, 'SELECT d.* FROM destruction_items i JOIN documents d ON d.id = i.document_id WHERE i.destruction_id = ? ORDER BY d.unit, d.id').all(
    id,
  ) as DocumentRow[];
}

export function destructionList(db: DB, status?: string): DestructionRow[] {
  return (
    status
      ? db.prepare('SELECT * FROM destructions WHERE status = ? ORDER BY requested_at DESC').all(status)
      : db.prepare('SELECT * FROM destructions ORDER BY requested_at DESC').all()
  ) as DestructionRow[];
}

export function insertDestruction(
  db: DB,
  x: Pick<DestructionRow, 'id' | 'status' | 'reason' | 'method' | 'requested_by' | 'requested_at'>,
  documentIds: string[],
): void {
  stmt(db, 'INSERT INTO destructions(id, status, reason, method, requested_by, requested_at) VALUES (?,?,?,?,?,?)').run(
    x.id,
    x.status,
    x.reason,
    x.method,
    x.requested_by,
    x.requested_at,
  );
  const ins = stmt(db, 'INSERT INTO destruction_items(destruction_id, document_id) VALUES (?, ?)');
  for (const d of documentIds) ins.run(x.id, d);
}

export function markDestructionReviewed(db: DB, id: string, by: string | null, at: number): void {
  stmt(db, "UPDATE destructions SET status = 'reviewed', reviewed_by = ?, reviewed_at = ? WHERE id = ?").run(by, at, id);
}

export function markDestructionApproved(db: DB, id: string, by: string | null, at: number): void {
  stmt(db, "UPDATE destructions SET status = 'approved', approved_by = ?, approved_at = ? WHERE id = ?").run(by, at, id);
}

export function markDestructionRejected(db: DB, id: string, by: string | null, at: number, reason: string): void {
  stmt(db, "UPDATE destructions SET status = 'rejected', rejected_by = ?, rejected_at = ?, reject_reason = ? WHERE id = ?").run(by, at, reason, id);
}

/** The destruction carried out, and each of its documents marked destroyed (the records stay). */
export function markDestroyed(
  db: DB,
  id: string,
  x: { at: number; by: string | null; witnesses: string; method: DestructionMethod; place: string | null },
): void {
  stmt(db, "UPDATE destructions SET status = 'destroyed', destroyed_at = ?, executed_by = ?, witnesses = ?, method = ?, place = ? WHERE id = ?").run(
    x.at,
    x.by,
    x.witnesses,
    x.method,
    x.place,
    id,
  );
}

export function markDocumentDestroyed(db: DB, documentId: string, at: number, destructionId: string): void {
  stmt(db, "UPDATE documents SET status = 'destroyed', destroyed_at = ?, destruction_id = ? WHERE id = ?").run(at, destructionId, documentId);
}

// ---- the units roster, as the archive reads it ------------------------------------------

/** Occupied units in roster order (the demo files a dossier for each). */
export function occupiedUnits(db: DB): { label: string; occupancy: 'owner' | 'tenant'; move_in_date: string | null }[] {
  return db.prepare("SELECT label, occupancy, move_in_date FROM units WHERE occupancy IN ('owner','tenant') ORDER BY sort_key").all() as {
    label: string;
    occupancy: 'owner' | 'tenant';
    move_in_date: string | null;
  }[];
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

type Label = { label: string };
type Why = { label: string; why: string };

/**
 * The lookups of `archive find` ([004]: any file found within a minute), each
 * through an index where one serves: a full mobile number through the phone
 * indexes, a label as a range over the primary key, a name as a prefix
 * through the name indexes; fragments of a name or a phone are a LIKE over
 * the roster (one pass over 100 000 rows stays well under a second).
 */
export const unitFinder = {
  byOwnerPhone: (db: DB, phone: string, limit: number): Label[] =>
    db.prepare('SELECT label FROM units WHERE owner_phone = ? ORDER BY sort_key LIMIT ?').all(phone, limit) as Label[],
  byTenantPhone: (db: DB, phone: string, limit: number): Label[] =>
    db.prepare('SELECT label FROM units WHERE tenant_phone = ? ORDER BY sort_key LIMIT ?').all(phone, limit) as Label[],
  /** a label prefix as a range over the primary key (LIKE would scan) */
  byLabelPrefix: (db: DB, s: string, limit: number): Label[] =>
    db.prepare('SELECT label FROM units WHERE label >= ? AND label < ? ORDER BY sort_key LIMIT ?').all(s, s + '\uffff', limit) as Label[],
  /** names that start with the text, through the name indexes (up to `limit` rows) */
  byNamePrefix: (db: DB, s: string, limit: number): Why[] =>
    db
      .prepare(
        `SELECT label, 'owner_name' AS why, sort_key FROM units WHERE owner_name >= @s AND owner_name < @end
           UNION ALL
           SELECT label, 'tenant_name', sort_key FROM units WHERE tenant_name >= @s AND tenant_name < @end
           ORDER BY sort_key LIMIT @lim`,
      )
      // U+10FFFF sorts after every character a name can hold (UTF-8 order).
      .all({ s, end: s + '\u{10FFFF}', lim: limit }) as Why[],
  /**
   * Names holding the text anywhere: one sequential pass matching both names;
   * `+sort_key` keeps SQLite from walking the sort index row by row (slow when
   * the name is rare).
   */
  byNameAnywhere: (db: DB, s: string, limit: number): Why[] =>
    db
      .prepare(
        "SELECT label, CASE WHEN owner_name LIKE @q ESCAPE '\\' THEN 'owner_name' ELSE 'tenant_name' END AS why FROM units WHERE owner_name LIKE @q ESCAPE '\\' OR tenant_name LIKE @q ESCAPE '\\' ORDER BY +sort_key LIMIT @lim",
      )
      .all({ q: '%' + likeEscape(s) + '%', lim: limit }) as Why[],
  /** phone numbers holding the digits anywhere */
  byPhoneAnywhere: (db: DB, s: string, limit: number): Why[] =>
    db
      .prepare(
        "SELECT label, CASE WHEN owner_phone LIKE @q THEN 'owner_phone' ELSE 'tenant_phone' END AS why FROM units WHERE owner_phone LIKE @q OR tenant_phone LIKE @q ORDER BY +sort_key LIMIT @lim",
      )
      .all({ q: '%' + likeEscape(s) + '%', lim: limit }) as Why[],
  byRoom: (db: DB, room: string, limit: number): Label[] =>
    db.prepare('SELECT label FROM units WHERE room = ? ORDER BY sort_key LIMIT ?').all(room, limit) as Label[],
};

export interface FoundUnit {
  unit: string;
  bag_label: string | null;
  type: DossierType | null;
  occupancy: string;
  owner_name: string | null;
  owner_phone: string | null;
  tenant_name: string | null;
  tenant_phone: string | null;
  sort_key: string;
  documents: number;
  on_loan: number;
}

/** A found unit with its dossier (if any) and its counts. */
export function foundUnit(db: DB, label: string): FoundUnit {
  return stmt(
    db,
    `SELECT u.label AS unit, d.bag_label, d.type, u.occupancy, u.owner_name, u.owner_phone, u.tenant_name, u.tenant_phone, u.sort_key,
       (SELECT COUNT(*) FROM documents x WHERE x.unit = u.label AND x.status = 'active') AS documents,
       (SELECT COUNT(*) FROM archive_loans l WHERE l.unit = u.label AND l.returned_at IS NULL) AS on_loan
     FROM units u LEFT JOIN dossiers d ON d.unit = u.label WHERE u.label = ?`,
  ).get(label) as FoundUnit;
}
