// Renovation (SPEC §13): every statement of the module (schema 8).
import type { DB } from './db.js';
import type { RenovationStatus } from '../domain/renovation.js';

export interface RenovationRow {
  id: string;
  unit: string;
  status: RenovationStatus;
  contractor: string;
  contractor_phone: string;
  scope: string;
  start_date: string;
  end_date: string;
  deposit_fen: number;
  extinguishers: number | null;
  extinguishers_at: number | null;
  applied_at: number;
  applied_by: string | null;
  reviewed_at: number | null;
  reviewed_by: string | null;
  review_note: string | null;
  approved_at: number | null;
  approved_by: string | null;
  permit_doc: string | null;
  last_inspected_at: number | null;
  completed_at: number | null;
  completed_by: string | null;
  accepted_at: number | null;
  accepted_by: string | null;
  accepted_with: string | null;
  accept_result: string | null;
  accept_note: string | null;
  accept_doc: string | null;
  refunded_at: number | null;
  refunded_by: string | null;
  deduct_fen: number | null;
  deduct_reason: string | null;
  updated_at: number;
}

export interface PassRow {
  id: number;
  renovation_id: string;
  name: string;
  id_number: string;
  trade: string;
  certificate: string | null;
  issued_at: number;
  issued_by: string | null;
}

export interface InspectionRow {
  id: number;
  renovation_id: string;
  at: number;
  by: string | null;
  result: 'ok' | 'violation';
  serious: number;
  note: string;
  notice_id: string | null;
}

export interface NoticeRow {
  id: string;
  renovation_id: string;
  serious: number;
  note: string;
  issued_at: number;
  issued_by: string | null;
  due_at: number;
  rectified_at: number | null;
  rectified_by: string | null;
  rectify_note: string | null;
}

export interface UnitFacts {
  label: string;
  area_m2: number | null;
  owner_name: string | null;
  owner_phone: string | null;
  tenant_name: string | null;
  occupancy: string;
}

export function unitFacts(db: DB, label: string): UnitFacts | undefined {
  return db.prepare('SELECT label, area_m2, owner_name, owner_phone, tenant_name, occupancy FROM units WHERE label = ?').get(label) as UnitFacts | undefined;
}

export function hasDossier(db: DB, unit: string): boolean {
  return !!db.prepare('SELECT 1 FROM dossiers WHERE unit = ?').get(unit);
}

export function staffBrief(db: DB, code: string): { code: string; name: string; role: string; department: string; active: number } | undefined {
  return db.prepare('SELECT code, name, role, department, active FROM staff WHERE code = ?').get(code) as
    { code: string; name: string; role: string; department: string; active: number } | undefined;
}

export function insertRenovation(
  db: DB,
  r: Pick<
    RenovationRow,
    'id' | 'unit' | 'contractor' | 'contractor_phone' | 'scope' | 'start_date' | 'end_date' | 'deposit_fen' | 'applied_at' | 'applied_by' | 'updated_at'
  >,
): void {
  db.prepare(
    `INSERT INTO renovations(id, unit, status, contractor, contractor_phone, scope, start_date, end_date, deposit_fen, applied_at, applied_by, updated_at)
     VALUES (?, ?, 'applied', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.unit, r.contractor, r.contractor_phone, r.scope, r.start_date, r.end_date, r.deposit_fen, r.applied_at, r.applied_by, r.updated_at);
}

const UPDATABLE = new Set([
  'status',
  'extinguishers',
  'extinguishers_at',
  'reviewed_at',
  'reviewed_by',
  'review_note',
  'approved_at',
  'approved_by',
  'permit_doc',
  'last_inspected_at',
  'completed_at',
  'completed_by',
  'accepted_at',
  'accepted_by',
  'accepted_with',
  'accept_result',
  'accept_note',
  'accept_doc',
  'refunded_at',
  'refunded_by',
  'deduct_fen',
  'deduct_reason',
  'updated_at',
]);

/** Sets the given columns of one renovation (names from a fixed list). */
export function updateRenovation(db: DB, id: string, fields: Partial<RenovationRow>): void {
  const keys = Object.keys(fields).filter((k) => UPDATABLE.has(k));
  if (!keys.length) return;
  db.prepare(`UPDATE renovations SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...fields, id });
}

export function getRenovationRow(db: DB, id: string): RenovationRow | undefined {
  return db.prepare('SELECT * FROM renovations WHERE id = ?').get(id) as RenovationRow | undefined;
}

export function listRenovationRows(db: DB, f: { status?: string; unit?: string }): RenovationRow[] {
  const where: string[] = [];
  const p: Record<string, string> = {};
  if (f.status) {
    where.push('r.status = @status');
    p.status = f.status;
  }
  if (f.unit) {
    where.push('r.unit = @unit');
    p.unit = f.unit;
  }
  return db
    .prepare(
      `SELECT r.* FROM renovations r JOIN units u ON u.label = r.unit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY r.applied_at DESC, r.id DESC`,
    )
    .all(p) as RenovationRow[];
}

export function insertPass(db: DB, p: Omit<PassRow, 'id'>): void {
  db.prepare('INSERT INTO renovation_passes(renovation_id, name, id_number, trade, certificate, issued_at, issued_by) VALUES (?,?,?,?,?,?,?)').run(
    p.renovation_id,
    p.name,
    p.id_number,
    p.trade,
    p.certificate,
    p.issued_at,
    p.issued_by,
  );
}

export function passesOf(db: DB, id: string): PassRow[] {
  return db.prepare('SELECT * FROM renovation_passes WHERE renovation_id = ? ORDER BY id').all(id) as PassRow[];
}

export function insertInspection(db: DB, i: Omit<InspectionRow, 'id'>): void {
  db.prepare('INSERT INTO renovation_inspections(renovation_id, at, by, result, serious, note, notice_id) VALUES (?,?,?,?,?,?,?)').run(
    i.renovation_id,
    i.at,
    i.by,
    i.result,
    i.serious,
    i.note,
    i.notice_id,
  );
}

export function inspectionsOf(db: DB, id: string): InspectionRow[] {
  return db.prepare('SELECT * FROM renovation_inspections WHERE renovation_id = ? ORDER BY at, id').all(id) as InspectionRow[];
}

export function insertNotice(db: DB, n: Omit<NoticeRow, 'rectified_at' | 'rectified_by' | 'rectify_note'>): void {
  db.prepare('INSERT INTO renovation_notices(id, renovation_id, serious, note, issued_at, issued_by, due_at) VALUES (?,?,?,?,?,?,?)').run(
    n.id,
    n.renovation_id,
    n.serious,
    n.note,
    n.issued_at,
    n.issued_by,
    n.due_at,
  );
}

export function noticesOf(db: DB, id: string): NoticeRow[] {
  return db.prepare('SELECT * FROM renovation_notices WHERE renovation_id = ? ORDER BY issued_at, id').all(id) as NoticeRow[];
}

export function getNoticeRow(db: DB, id: string): NoticeRow | undefined {
  return db.prepare('SELECT * FROM renovation_notices WHERE id = ?').get(id) as NoticeRow | undefined;
}

export function countOpenNotices(db: DB, id: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM renovation_notices WHERE renovation_id = ? AND rectified_at IS NULL').get(id) as { n: number }).n;
}

export function rectifyNotice(db: DB, id: string, at: number, by: string | null, note: string): void {
  db.prepare('UPDATE renovation_notices SET rectified_at = ?, rectified_by = ?, rectify_note = ? WHERE id = ?').run(at, by, note, id);
}

/** Sites whose status has an obligation running (overdue scan): through renovations_status. */
export function rowsInStatus(db: DB, statuses: readonly string[]): RenovationRow[] {
  return db.prepare(`SELECT * FROM renovations WHERE status IN (${statuses.map(() => '?').join(',')})`).all(...statuses) as RenovationRow[];
}

/** Open notices due before `until` (partial index renovation_notices_open). */
export function openNoticesDue(db: DB, until: number): (NoticeRow & { unit: string })[] {
  return db
    .prepare(
      'SELECT n.*, r.unit FROM renovation_notices n INDEXED BY renovation_notices_open JOIN renovations r ON r.id = n.renovation_id WHERE n.rectified_at IS NULL AND n.due_at < ?',
    )
    .all(until) as (NoticeRow & { unit: string })[];
}

/** Units with a permit in force (approved, or stopped for a violation). */
export function activeUnits(db: DB): string[] {
  return (
    db
      .prepare("SELECT DISTINCT r.unit FROM renovations r JOIN units u ON u.label = r.unit WHERE r.status IN ('approved','stopped') ORDER BY u.sort_key")
      .all() as { unit: string }[]
  ).map((r) => r.unit);
}

export interface RenovationWindowCounts {
  active_sites: number;
  sites_with_violation: number;
  applied: number;
  approved: number;
  notices_issued: number;
  notices_due: number;
  notices_on_time: number;
  completed: number;
  accepted: number;
  accepted_on_time_candidates: { completed_at: number; accepted_at: number | null }[];
  refunds_due: { accepted_at: number; refunded_at: number | null }[];
  deposits_held_fen: number;
  deposits_refunded_fen: number;
  deducted_fen: number;
  active_now: number;
}

/**
 * A report window's figures. A site is active in the window when its permit
 * was granted before the window's end and it was not completed before its
 * start (rejected and never-approved applications are not sites).
 */
export function windowCounts(db: DB, w: { since: number; until: number; now: number }): RenovationWindowCounts {
  const p = { since: w.since, until: w.until, now: w.now };
  const n = (sql: string) => ((db.prepare(sql).get(p) as { n: number | null }).n ?? 0) as number;
  const active = `approved_at IS NOT NULL AND approved_at < @until AND (completed_at IS NULL OR completed_at >= @since)`;
  return {
    active_sites: n(`SELECT COUNT(*) AS n FROM renovations WHERE ${active}`),
    sites_with_violation: n(
      `SELECT COUNT(*) AS n FROM renovations r WHERE ${active} AND EXISTS (SELECT 1 FROM renovation_notices x WHERE x.renovation_id = r.id AND x.issued_at >= @since AND x.issued_at < @until)`,
    ),
    applied: n('SELECT COUNT(*) AS n FROM renovations WHERE applied_at >= @since AND applied_at < @until'),
    approved: n('SELECT COUNT(*) AS n FROM renovations WHERE approved_at >= @since AND approved_at < @until'),
    notices_issued: n('SELECT COUNT(*) AS n FROM renovation_notices WHERE issued_at >= @since AND issued_at < @until'),
    notices_due: n('SELECT COUNT(*) AS n FROM renovation_notices WHERE due_at >= @since AND due_at < @until AND due_at < @now'),
    notices_on_time: n(
      'SELECT COUNT(*) AS n FROM renovation_notices WHERE due_at >= @since AND due_at < @until AND due_at < @now AND rectified_at IS NOT NULL AND rectified_at <= due_at',
    ),
    completed: n('SELECT COUNT(*) AS n FROM renovations WHERE completed_at >= @since AND completed_at < @until'),
    accepted: n("SELECT COUNT(*) AS n FROM renovations WHERE accepted_at >= @since AND accepted_at < @until AND accept_result = 'pass'"),
    accepted_on_time_candidates: db
      .prepare('SELECT completed_at, accepted_at FROM renovations WHERE completed_at >= @since AND completed_at < @until')
      .all(p) as { completed_at: number; accepted_at: number | null }[],
    refunds_due: db
      .prepare("SELECT accepted_at, refunded_at FROM renovations WHERE accepted_at >= @since AND accepted_at < @until AND accept_result = 'pass'")
      .all(p) as { accepted_at: number; refunded_at: number | null }[],
    deposits_held_fen: n(
      `SELECT SUM(deposit_fen) AS n FROM renovations WHERE approved_at IS NOT NULL AND approved_at < @until AND (refunded_at IS NULL OR refunded_at >= @until)`,
    ),
    deposits_refunded_fen: n('SELECT SUM(deposit_fen - COALESCE(deduct_fen, 0)) AS n FROM renovations WHERE refunded_at >= @since AND refunded_at < @until'),
    deducted_fen: n('SELECT SUM(COALESCE(deduct_fen, 0)) AS n FROM renovations WHERE refunded_at >= @since AND refunded_at < @until'),
    active_now: n("SELECT COUNT(*) AS n FROM renovations WHERE status IN ('approved','stopped')"),
  };
}

export function renovationTableExists(db: DB): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'renovations'").get();
}
