// Every SQL statement of the patrol module (SPEC §12): patrols, their
// checklist items, findings and contractor ratings. The app layer
// (src/app/patrol/*) calls these inside its write transactions.
import type { DB } from './db.js';
import { nextId } from './common.js';
import type { CheckResult, FindingStatus, PatrolKind, PatrolStatus } from '../domain/patrol.js';

export interface PatrolRow {
  id: string;
  kind: PatrolKind;
  building: string | null;
  status: PatrolStatus;
  day: string;
  started_at: number;
  finished_at: number | null;
  by: string | null;
  with_staff: string;
  note: string | null;
}

export interface ItemRow {
  patrol_id: string;
  seq: number;
  item: string;
  unit: string | null;
  result: CheckResult | null;
  note: string | null;
  fixed: number;
  checked_at: number | null;
  checked_by: string | null;
  finding_id: string | null;
}

export interface FindingRow {
  id: string;
  patrol_id: string;
  item: string;
  unit: string | null;
  dept: string;
  note: string | null;
  status: FindingStatus;
  opened_at: number;
  opened_by: string | null;
  solution_due_at: number;
  solution: string | null;
  planned_at: number | null;
  planned_by: string | null;
  fix_due_at: number | null;
  fixed_at: number | null;
  fixed_by: string | null;
  fix_note: string | null;
  request_id: string | null;
}

export interface RatingRow {
  month: string;
  contractor: string;
  score: number;
  note: string;
  rated_at: number;
  rated_by: string | null;
}

// ---- ids ----
export const newPatrolId = (db: DB, yyyymmdd: string) => nextId(db, 'P', yyyymmdd);
export const newFindingId = (db: DB, yyyymmdd: string) => nextId(db, 'F', yyyymmdd);

// ---- roster reads ----
/** Vacant units in natural order (units_occupancy, then sorted). */
export function vacantUnits(db: DB): string[] {
  return (db.prepare("SELECT label FROM units WHERE occupancy = 'vacant' ORDER BY sort_key").all() as { label: string }[]).map((r) => r.label);
}

/** Units in the roster with these labels, in natural order. */
export function unitsInOrder(db: DB, labels: string[]): string[] {
  if (!labels.length) return [];
  const rows = db.prepare(`SELECT label FROM units WHERE label IN (${labels.map(() => '?').join(',')}) ORDER BY sort_key`).all(...labels) as {
    label: string;
  }[];
  return rows.map((r) => r.label);
}

/** The buildings of the roster, each once, in natural order (unit_buildings, kept by triggers on units). */
export function buildings(db: DB): string[] {
  return db.prepare('SELECT name FROM unit_buildings INDEXED BY unit_buildings_sort ORDER BY sort_key, name').pluck().all() as string[];
}

export function hasBuilding(db: DB, b: string): boolean {
  return !!db.prepare('SELECT 1 FROM units WHERE building = ? LIMIT 1').get(b);
}

export function anyUnit(db: DB): boolean {
  return !!db.prepare('SELECT 1 FROM units LIMIT 1').get();
}

export interface StaffBrief {
  code: string;
  name: string;
  department: string;
  active: number;
}

export function staffBrief(db: DB, code: string): StaffBrief | undefined {
  return db.prepare('SELECT code, name, department, active FROM staff WHERE code = ?').get(code) as StaffBrief | undefined;
}

export function staffNames(db: DB, codes: string[]): Map<string, string> {
  if (!codes.length) return new Map();
  const rows = db.prepare(`SELECT code, name FROM staff WHERE code IN (${codes.map(() => '?').join(',')})`).all(...codes) as { code: string; name: string }[];
  return new Map(rows.map((r) => [r.code, r.name]));
}

// ---- patrols ----
export function insertPatrol(db: DB, p: Omit<PatrolRow, 'finished_at' | 'note'> & { created_at: number }): void {
  db.prepare(
    'INSERT INTO patrols(id, kind, building, status, day, started_at, finished_at, by, with_staff, note, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, NULL, ?)',
  ).run(p.id, p.kind, p.building, p.status, p.day, p.started_at, p.by, p.with_staff, p.created_at);
}

export function insertItems(db: DB, patrolId: string, items: { item: string; unit: string | null }[]): void {
  const st = db.prepare('INSERT INTO patrol_items(patrol_id, seq, item, unit) VALUES (?, ?, ?, ?)');
  items.forEach((it, i) => st.run(patrolId, i + 1, it.item, it.unit));
}

export function getPatrol(db: DB, id: string): PatrolRow | undefined {
  return db.prepare('SELECT id, kind, building, status, day, started_at, finished_at, by, with_staff, note FROM patrols WHERE id = ?').get(id) as
    PatrolRow | undefined;
}

export function patrolItems(db: DB, id: string): ItemRow[] {
  return db.prepare('SELECT * FROM patrol_items WHERE patrol_id = ? ORDER BY seq').all(id) as ItemRow[];
}

export function setItemResult(
  db: DB,
  r: { patrol_id: string; seq: number; result: CheckResult; note: string | null; fixed: boolean; at: number; by: string | null; finding_id: string | null },
): void {
  db.prepare('UPDATE patrol_items SET result = ?, note = ?, fixed = ?, checked_at = ?, checked_by = ?, finding_id = ? WHERE patrol_id = ? AND seq = ?').run(
    r.result,
    r.note,
    r.fixed ? 1 : 0,
    r.at,
    r.by,
    r.finding_id,
    r.patrol_id,
    r.seq,
  );
}

/** Every item still unchecked becomes `not_checked`; returns their names in order. */
export function markUnchecked(db: DB, id: string, at: number, by: string | null): string[] {
  const rows = db.prepare('SELECT seq, item FROM patrol_items WHERE patrol_id = ? AND result IS NULL ORDER BY seq').all(id) as { seq: number; item: string }[];
  db.prepare("UPDATE patrol_items SET result = 'not_checked', checked_at = ?, checked_by = ? WHERE patrol_id = ? AND result IS NULL").run(at, by, id);
  return rows.map((r) => r.item);
}

export function finishPatrol(db: DB, id: string, at: number, note: string | null): void {
  db.prepare("UPDATE patrols SET status = 'finished', finished_at = ?, note = ? WHERE id = ?").run(at, note, id);
}

export interface PatrolListRow extends PatrolRow {
  by_name: string | null;
  items: number;
  checked: number;
  issues: number;
  not_checked: number;
}

/** Newest first, at most `limit` (0 = all). */
export function listPatrols(db: DB, f: { kind?: string; status?: string; since?: number; until?: number; limit: number }): PatrolListRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.kind) (where.push('p.kind = ?'), args.push(f.kind));
  if (f.status) (where.push('p.status = ?'), args.push(f.status));
  if (f.since !== undefined) (where.push('p.started_at >= ?'), args.push(f.since));
  if (f.until !== undefined) (where.push('p.started_at < ?'), args.push(f.until));
  const sql = `SELECT p.id, p.kind, p.building, p.status, p.day, p.started_at, p.finished_at, p.by, p.with_staff, p.note,
      (SELECT s.name FROM staff s WHERE s.code = p.by) AS by_name,
      (SELECT COUNT(*) FROM patrol_items i WHERE i.patrol_id = p.id) AS items,
      (SELECT COUNT(*) FROM patrol_items i WHERE i.patrol_id = p.id AND i.result IN ('ok','issue')) AS checked,
      (SELECT COUNT(*) FROM patrol_items i WHERE i.patrol_id = p.id AND i.result = 'issue') AS issues,
      (SELECT COUNT(*) FROM patrol_items i WHERE i.patrol_id = p.id AND i.result = 'not_checked') AS not_checked
    FROM patrols p INDEXED BY patrols_started ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
    ORDER BY p.started_at DESC, p.id DESC ${f.limit > 0 ? 'LIMIT ' + Math.floor(f.limit) : ''}`;
  return db.prepare(sql).all(...args) as PatrolListRow[];
}

export function countPatrols(db: DB): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM patrols').get() as { n: number }).n;
}

// ---- findings ----
export function insertFinding(
  db: DB,
  f: Omit<FindingRow, 'solution' | 'planned_at' | 'planned_by' | 'fix_due_at' | 'fixed_at' | 'fixed_by' | 'fix_note' | 'request_id'>,
): void {
  db.prepare(
    `INSERT INTO findings(id, patrol_id, item, unit, dept, note, status, opened_at, opened_by, solution_due_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(f.id, f.patrol_id, f.item, f.unit, f.dept, f.note, f.status, f.opened_at, f.opened_by, f.solution_due_at);
}

export function getFinding(db: DB, id: string): FindingRow | undefined {
  return db.prepare('SELECT * FROM findings WHERE id = ?').get(id) as FindingRow | undefined;
}

export function planFinding(db: DB, id: string, solution: string, at: number, by: string | null, fixDue: number): void {
  db.prepare("UPDATE findings SET status = 'planned', solution = ?, planned_at = ?, planned_by = ?, fix_due_at = ? WHERE id = ?").run(
    solution,
    at,
    by,
    fixDue,
    id,
  );
}

export function fixFinding(db: DB, id: string, note: string, at: number, by: string | null): void {
  db.prepare("UPDATE findings SET status = 'fixed', fix_note = ?, fixed_at = ?, fixed_by = ? WHERE id = ?").run(note, at, by, id);
}

export function patrolFindings(db: DB, patrolId: string): FindingRow[] {
  return db.prepare('SELECT * FROM findings WHERE patrol_id = ? ORDER BY id').all(patrolId) as FindingRow[];
}

/**
 * Findings: `open` = not fixed (open or planned), `overdue` = waiting past
 * its solution or fix deadline, `all`. Open ones read through the partial
 * indexes on open rows; `all` newest first, at most `limit` (0 = all).
 */
export function listFindings(db: DB, status: 'open' | 'overdue' | 'all', now: number, limit: number): FindingRow[] {
  const lim = limit > 0 ? ' LIMIT ' + Math.floor(limit) : '';
  if (status === 'all') return db.prepare('SELECT * FROM findings INDEXED BY findings_opened ORDER BY opened_at DESC, id DESC' + lim).all() as FindingRow[];
  const cut = status === 'overdue' ? now : Number.MAX_SAFE_INTEGER;
  return db
    .prepare(
      `SELECT * FROM (
        SELECT * FROM findings INDEXED BY findings_open_solution WHERE status = 'open' AND solution_due_at < :cut
        UNION ALL
        SELECT * FROM findings INDEXED BY findings_planned_fix WHERE status = 'planned' AND fix_due_at < :cut)
       ORDER BY COALESCE(fix_due_at, solution_due_at), id${lim}`,
    )
    .all({ cut }) as FindingRow[];
}

/** Findings waiting on a deadline before `until` (overdue scan). */
export function findingsDueBefore(
  db: DB,
  until: number,
): { id: string; status: FindingStatus; item: string; unit: string | null; dept: string; solution_due_at: number; fix_due_at: number | null }[] {
  return db
    .prepare(
      `SELECT id, status, item, unit, dept, solution_due_at, fix_due_at FROM findings INDEXED BY findings_open_solution WHERE status = 'open' AND solution_due_at < :u
       UNION ALL
       SELECT id, status, item, unit, dept, solution_due_at, fix_due_at FROM findings INDEXED BY findings_planned_fix WHERE status = 'planned' AND fix_due_at < :u`,
    )
    .all({ u: until }) as never;
}

/** Every finding not fixed, oldest first (handover carry). */
export function unfixedFindings(db: DB, asOf: number): FindingRow[] {
  return db
    .prepare(
      `SELECT * FROM (SELECT * FROM findings INDEXED BY findings_open_solution WHERE status = 'open'
        UNION ALL SELECT * FROM findings INDEXED BY findings_planned_fix WHERE status = 'planned') WHERE opened_at <= ? ORDER BY opened_at, id`,
    )
    .all(asOf) as FindingRow[];
}

// ---- cadence (overdue scan) ----
export function firstPatrolDay(db: DB): string | null {
  return (db.prepare('SELECT MIN(day) AS d FROM patrols').get() as { d: string | null }).d;
}

/** Finished patrols of a kind from a local date on: day, building. */
export function finishedSince(db: DB, kind: PatrolKind, fromDay: string): { day: string; building: string | null }[] {
  return db.prepare("SELECT day, building FROM patrols INDEXED BY patrols_kind_day WHERE status = 'finished' AND kind = ? AND day >= ?").all(kind, fromDay) as {
    day: string;
    building: string | null;
  }[];
}

/**
 * Finished public patrols from a local date on: each day with its buildings.
 * Grouped in SQL along patrols_kind_day (a big site walks hundreds of
 * buildings a week: tens of rows reach JavaScript, not thousands).
 */
export function publicBuildingsByDay(db: DB, fromDay: string): [string, string][] {
  return db
    .prepare(
      "SELECT day, group_concat(building, char(31)) FROM patrols INDEXED BY patrols_kind_day WHERE status = 'finished' AND kind = 'public' AND day >= ? AND building IS NOT NULL GROUP BY day",
    )
    .raw()
    .all(fromDay) as [string, string][];
}

export function ratedSince(db: DB, fromMonth: string): { month: string; contractor: string }[] {
  return db.prepare('SELECT month, contractor FROM patrol_ratings WHERE month >= ?').all(fromMonth) as { month: string; contractor: string }[];
}

// ---- ratings ----
export function getRating(db: DB, month: string, contractor: string): RatingRow | undefined {
  return db.prepare('SELECT * FROM patrol_ratings WHERE month = ? AND contractor = ?').get(month, contractor) as RatingRow | undefined;
}

export function upsertRating(db: DB, r: RatingRow): void {
  db.prepare(
    `INSERT INTO patrol_ratings(month, contractor, score, note, rated_at, rated_by) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(month, contractor) DO UPDATE SET score = excluded.score, note = excluded.note, rated_at = excluded.rated_at, rated_by = excluded.rated_by`,
  ).run(r.month, r.contractor, r.score, r.note, r.rated_at, r.rated_by);
}

export function ratingsBetween(db: DB, fromMonth: string, toMonth: string): RatingRow[] {
  return db.prepare('SELECT * FROM patrol_ratings WHERE month >= ? AND month <= ? ORDER BY month, contractor').all(fromMonth, toMonth) as RatingRow[];
}

// ---- reports ----
export function hasPatrolTables(db: DB): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'patrols'").get();
}

export interface PatrolReportCounts {
  by_kind: Record<string, number>;
  unit_days: string[];
  units_checked: number;
  findings_opened: number;
  findings_fixed: number;
  /** findings whose final deadline fell in the period and is decided by its end */
  finding_rows: { solution_due_at: number; planned_at: number | null; fix_due_at: number | null; fixed_at: number | null }[];
  open_at_end: number;
}

/**
 * The period's figures: finished patrols per kind, the local days with a
 * finished units patrol, vacant/renovating units checked (ok or issue) on
 * units patrols, findings opened and fixed, and the findings whose last
 * deadline (fix, else solution) fell in [since, until).
 */
export function patrolReportCounts(db: DB, w: { since: number; until: number; fromDay: string; toDay: string }): PatrolReportCounts {
  const byKind = db
    .prepare("SELECT kind AS k, COUNT(*) AS n FROM patrols WHERE status = 'finished' AND started_at >= ? AND started_at < ? GROUP BY kind ORDER BY kind")
    .all(w.since, w.until) as { k: string; n: number }[];
  const days = db
    .prepare(
      "SELECT DISTINCT day FROM patrols INDEXED BY patrols_kind_day WHERE status = 'finished' AND kind = 'units' AND day >= ? AND day <= ? AND finished_at < ?",
    )
    .all(w.fromDay, w.toDay, w.until) as { day: string }[];
  const checked = db
    .prepare(
      `SELECT COUNT(*) AS n FROM patrols p JOIN patrol_items i ON i.patrol_id = p.id
       WHERE p.kind = 'units' AND p.started_at >= ? AND p.started_at < ? AND i.result IN ('ok','issue')`,
    )
    .get(w.since, w.until) as { n: number };
  const opened = db.prepare('SELECT COUNT(*) AS n FROM findings WHERE opened_at >= ? AND opened_at < ?').get(w.since, w.until) as { n: number };
  const fixed = db.prepare('SELECT COUNT(*) AS n FROM findings WHERE fixed_at >= ? AND fixed_at < ?').get(w.since, w.until) as { n: number };
  const rows = db
    .prepare(
      `SELECT solution_due_at, planned_at, fix_due_at, fixed_at FROM findings
       WHERE COALESCE(fix_due_at, solution_due_at) >= ? AND COALESCE(fix_due_at, solution_due_at) < ?`,
    )
    .all(w.since, w.until) as PatrolReportCounts['finding_rows'];
  const open = db.prepare('SELECT COUNT(*) AS n FROM findings WHERE opened_at < ? AND (fixed_at IS NULL OR fixed_at >= ?)').get(w.until, w.until) as {
    n: number;
  };
  return {
    by_kind: Object.fromEntries(byKind.map((r) => [r.k, r.n])),
    unit_days: days.map((d) => d.day),
    units_checked: checked.n,
    findings_opened: opened.n,
    findings_fixed: fixed.n,
    finding_rows: rows,
    open_at_end: open.n,
  };
}

// ---- bulk load (the benchmark site, `pmctl demo --units N`) ----
export interface PatrolBulk {
  patrol(p: { id: string; kind: string; building: string | null; day: string; started_at: number; finished_at: number; by: string; with_staff: string }): void;
  item(patrolId: string, seq: number, item: string, unit: string | null, result: string, at: number, by: string): void;
  finding(f: {
    id: string;
    patrol_id: string;
    item: string;
    unit: string | null;
    dept: string;
    note: string;
    opened_at: number;
    solution_due_at: number;
    planned_at: number;
    fix_due_at: number;
    fixed_at: number | null;
    by: string;
  }): void;
  /** id_seq: the last number used per id scope, so later ids go on from there */
  sequences(last: Map<string, number>): void;
}

export function patrolBulk(db: DB): PatrolBulk {
  const p = db.prepare(
    "INSERT INTO patrols(id, kind, building, status, day, started_at, finished_at, by, with_staff, created_at) VALUES (?, ?, ?, 'finished', ?, ?, ?, ?, ?, ?)",
  );
  const i = db.prepare('INSERT INTO patrol_items(patrol_id, seq, item, unit, result, checked_at, checked_by) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const f = db.prepare(
    `INSERT INTO findings(id, patrol_id, item, unit, dept, note, status, opened_at, opened_by, solution_due_at, solution, planned_at, planned_by, fix_due_at, fixed_at, fixed_by, fix_note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const seq = db.prepare('INSERT INTO id_seq(scope, last) VALUES (?, ?) ON CONFLICT(scope) DO UPDATE SET last = MAX(last, excluded.last)');
  return {
    patrol: (x) => p.run(x.id, x.kind, x.building, x.day, x.started_at, x.finished_at, x.by, x.with_staff, x.started_at),
    item: (pid, n, item, unit, result, at, by) => i.run(pid, n, item, unit, result, at, by),
    finding: (x) =>
      f.run(
        x.id,
        x.patrol_id,
        x.item,
        x.unit,
        x.dept,
        x.note,
        x.fixed_at === null ? 'planned' : 'fixed',
        x.opened_at,
        x.by,
        x.solution_due_at,
        '按方案整改',
        x.planned_at,
        x.by,
        x.fix_due_at,
        x.fixed_at,
        x.fixed_at === null ? null : x.by,
        x.fixed_at === null ? null : '已整改',
      ),
    sequences: (last) => {
      for (const [scope, n] of last) seq.run(scope, n);
    },
  };
}

/** Up to n vacant units (the bulk load takes its sections from them). */
export function vacantSample(db: DB, n: number): string[] {
  return (db.prepare("SELECT label FROM units INDEXED BY units_occupancy WHERE occupancy = 'vacant' LIMIT ?").all(n) as { label: string }[]).map(
    (r) => r.label,
  );
}

/** Changes to the data as this connection can tell: its own writes and other connections' commits. */
export function dataState(db: DB): string {
  return `${(db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}/${db.pragma('data_version', { simple: true })}`;
}

/** Links a finding to the repair request raised from it (finding to-request). */
export function setFindingRequest(db: DB, id: string, requestId: string): void {
  db.prepare('UPDATE findings SET request_id = ? WHERE id = ?').run(requestId, id);
}

/** A staff member's phone, for a request raised by the site itself. */
export function staffPhone(db: DB, code: string): string | null {
  return (db.prepare('SELECT phone FROM staff WHERE code = ?').get(code) as { phone: string | null } | undefined)?.phone ?? null;
}

/** The earliest finding on an item (the demo picks its storylines by item). */
export function firstFindingOf(db: DB, item: string): { id: string; opened_at: number } | undefined {
  return db.prepare('SELECT id, opened_at FROM findings WHERE item = ? ORDER BY opened_at LIMIT 1').get(item) as { id: string; opened_at: number } | undefined;
}
