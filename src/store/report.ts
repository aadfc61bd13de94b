// Every statement of `pmctl report` (SPEC §8): the complaint figures
// aggregated in SQL over the period's rows only (complaints_received for
// intake; for the clocks, the clocks of the complaints received around the
// period plus any other found through clocks_by_due, so a month on a million
// complaints reads that month and nothing else), the sections of the keys,
// archives, handovers and meetings, the valid complaints of a trailing year
// (v2), and where a module's coverage starts. The report's second thread is
// in report-thread.ts.
import { CLOCKS } from '../domain/clocks.js';
import { LET_REQUIRED, OWNER_REQUIRED } from '../domain/archive.js';
import type { DB } from './db.js';
import { stmt } from './common.js';
import type { Query } from './report-thread.js';

/** A report's window: [since, until), with `now` for what is overdue. */
export interface Window {
  since: number;
  until: number;
  now: number;
  /**
   * Figures already read for this window by one report (a module's section
   * and its rates come from the same reads): see app/report/complaints.ts `once`.
   */
  memo?: Map<string, unknown>;
}

type Span = { since: number; until: number };

/** Reports only read: the connection refuses any write from here on. */
export function refuseWrites(db: DB): void {
  db.pragma('query_only = ON');
}

/** Reads a report makes in a fresh process, mapped: they come straight from the OS cache (SQLite caps it at 2 GB). */
export function mapForReading(db: DB): void {
  db.pragma('mmap_size = 2147418112');
}

// ---- complaints ------------------------------------------------------------------

const CLOCK_LIST = CLOCKS.map((c) => `'${c}'`).join(',');

/** A clock's state at the period's end, in the order of its code (1–4) in a packed row. */
export const STATES = ['met', 'breached', 'overdue', 'pending'] as const;
export type State = (typeof STATES)[number];

/**
 * The state at the period's end of a clock due in it — the SQL twin of
 * clockStateAtEnd (src/domain/rates.ts): done only if done before :until;
 * overdue once past due at min(now, until). `v` writes each state's value.
 */
function clockStateSql(v: (s: State) => string): string {
  return `CASE
  WHEN k.done_at IS NOT NULL AND k.done_at < :until THEN CASE WHEN k.done_at <= k.due_at THEN ${v('met')} ELSE ${v('breached')} END
  WHEN k.due_at < :now THEN ${v('overdue')}
  ELSE ${v('pending')} END`;
}
export const CLOCK_STATE_SQL = clockStateSql((s) => `'${s}'`);
/** The same state as a code 1–4 (STATES), to pack a complaint's clocks into one integer. */
export const CLOCK_STATE_CODE_SQL = clockStateSql((s) => String(STATES.indexOf(s) + 1));

/** Three bits per clock, at 3 × its place in CLOCKS (NULL for a clock pmctl does not know). */
const CLOCK_SHIFT_SQL = `CASE k.clock ${CLOCKS.map((c, i) => `WHEN '${c}' THEN ${3 * i}`).join(' ')} END`;

/**
 * Each complaint's clocks due in [since, until) (not skipped), packed side by
 * side into one integer (SUM of state << shift: one row per clock and
 * complaint, so no two overlap), joined to its complaint once, then grouped.
 * Timeliness needs them side by side anyway: a complaint is timely when every
 * clock of it decided in the period was met.
 *
 * Grouping a month's ~90 000 clock rows by complaint through clocks_by_due
 * costs a sort; the clocks table itself is already in complaint order, and a
 * complaint's id starts with its received date (C20261123-004), so two queries
 * split the complaints exactly by id: those in [:lo, :hi) (received shortly
 * before or in the period: nearly all) read as one primary-key range, no sort;
 * any other complaint with a clock due in the period (a late return visit, a
 * reopened complaint, an id of another form) is found through clocks_by_due,
 * reading the index only, then read by its key. Each complaint is in exactly
 * one of them, so their groups add up. (The unary + on due_at keeps the
 * planner from reading the in-range part through clocks_by_due.)
 */
function clockGroupsSql(which: string): string {
  return `SELECT c.kind AS kind, c.valid AS valid, c.category AS category, c.satisfaction AS satisfaction, x.m AS m, COUNT(*) AS n
  FROM (SELECT k.complaint_id AS id, SUM((${CLOCK_STATE_CODE_SQL}) << (${CLOCK_SHIFT_SQL})) AS m
    FROM complaint_clocks k
    WHERE ${which} AND +k.due_at >= :since AND +k.due_at < :until AND k.skipped = 0
    GROUP BY k.complaint_id HAVING m IS NOT NULL) x
  JOIN complaints c ON c.id = x.id
  GROUP BY 1, 2, 3, 4, 5`;
}
const CLOCKS_IN_RANGE = clockGroupsSql('k.complaint_id >= :lo AND k.complaint_id < :hi');
const CLOCKS_OUT_OF_RANGE = clockGroupsSql(`k.complaint_id IN (SELECT complaint_id FROM complaint_clocks INDEXED BY clocks_by_due
      WHERE clock IN (${CLOCK_LIST}) AND due_at >= :since AND due_at < :until AND (complaint_id < :lo OR complaint_id >= :hi))`);

export const SQL = {
  received: `SELECT kind, category, severity, channel, COALESCE(dept, '') AS dept, valid,
      (closed_at IS NOT NULL AND closed_at < :until) AS closed,
      (resolved_at IS NOT NULL AND resolved_at < :until) AS resolved,
      (outcome = 'explained' AND valid = 1 AND closed_at < :until) AS unresolvable,
      COUNT(*) AS n
    FROM complaints WHERE received_at >= :since AND received_at < :until
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
  clocksInRange: CLOCKS_IN_RANGE,
  clocksOutOfRange: CLOCKS_OUT_OF_RANGE,
  delayed: `SELECT COUNT(*) AS n FROM complaints c
    WHERE c.received_at >= :since AND c.received_at < :until
      AND EXISTS (SELECT 1 FROM complaint_events e WHERE e.complaint_id = c.id AND e.type = 'delayed' AND e.at < :until)`,
  // The hot units first, then the categories of those few: a DISTINCT list per
  // unit of the period would build a temporary tree for each of thousands.
  hotUnits: `SELECT unit, COUNT(*) AS n
    FROM complaints WHERE received_at >= :since AND received_at < :until AND kind = 'complaint' AND unit IS NOT NULL
    GROUP BY unit HAVING COUNT(*) >= 2 ORDER BY n DESC, unit LIMIT :limit`,
  unitCategories: `SELECT group_concat(DISTINCT category) AS categories
    FROM complaints WHERE unit = :unit AND received_at >= :since AND received_at < :until AND kind = 'complaint'`,
  // Index-only: the trend counts every record received (complaints and suggestions).
  count: `SELECT COUNT(*) AS n FROM complaints WHERE received_at >= :since AND received_at < :until`,
  causes: `SELECT category, cause, COUNT(*) AS n FROM complaints
    WHERE received_at >= :since AND received_at < :until AND kind = 'complaint' AND cause IS NOT NULL AND trim(cause) <> ''
    GROUP BY category, cause ORDER BY n DESC, cause`,
  repeatUnits: `SELECT category, COUNT(*) AS n FROM (
      SELECT category, unit FROM complaints
      WHERE received_at >= :since AND received_at < :until AND kind = 'complaint' AND unit IS NOT NULL
      GROUP BY category, unit HAVING COUNT(*) >= 2)
    GROUP BY category`,
  byCategory: `SELECT category, COUNT(*) AS n FROM complaints
    WHERE received_at >= :since AND received_at < :until AND kind = 'complaint' GROUP BY category`,
};

export interface ComplaintGroup {
  kind: string;
  category: string;
  severity: string;
  channel: string;
  dept: string;
  valid: number | null;
  closed: number;
  resolved: number;
  /** schema 5: closed after explanation as valid but unresolvable (valid, not resolved) */
  unresolvable?: number;
  n: number;
}

/** Clock states packed side by side (SUM of state << 3 × place in CLOCKS), per group of complaints. */
export type PackedRow = { kind: string; valid: number | null; category: string; satisfaction: string | null; m: number; n: number };

export type { Query };

/** Every record received in the window (the trend's count: complaints_received alone). */
export function countReceived(db: DB, w: Span): number {
  return (stmt(db, SQL.count).get({ since: w.since, until: w.until }) as { n: number }).n;
}

/** Records received in the window grouped by kind, category, severity, channel, department, validity and state at its end. */
export function receivedGroups(db: DB, w: Span): ComplaintGroup[] {
  return db.prepare(SQL.received).all({ since: w.since, until: w.until }) as ComplaintGroup[];
}

/** Records received in the window that were delayed before its end. */
export function delayedCount(db: DB, w: Span): number {
  return (db.prepare(SQL.delayed).get({ since: w.since, until: w.until }) as { n: number }).n;
}

/** Units with two or more complaints in the window, most first, with the categories of each. */
export function hotUnits(db: DB, w: Span, limit: number): { unit: string; n: number; categories: string }[] {
  const cats = db.prepare(SQL.unitCategories);
  return (db.prepare(SQL.hotUnits).all({ since: w.since, until: w.until, limit }) as { unit: string; n: number }[]).map((u) => ({
    ...u,
    categories: (cats.get({ since: w.since, until: w.until, unit: u.unit }) as { categories: string }).categories,
  }));
}

/** Runs the packed clock queries on this connection. */
export function readPacked(db: DB, qs: Query[]): PackedRow[] {
  return qs.flatMap((q) => db.prepare(q.sql).all(q.params) as PackedRow[]);
}

/** Complaints received in the window, per category. */
export function complaintsByCategory(db: DB, w: Span): { category: string; n: number }[] {
  return db.prepare(SQL.byCategory).all({ since: w.since, until: w.until }) as { category: string; n: number }[];
}

/** The causes the departments recorded for the window's complaints, most frequent first. */
export function complaintCauses(db: DB, w: Span): { category: string; cause: string; n: number }[] {
  return db.prepare(SQL.causes).all({ since: w.since, until: w.until }) as { category: string; cause: string; n: number }[];
}

/** Per category, the units that complained about it twice or more in the window. */
export function repeatUnits(db: DB, w: Span): { category: string; n: number }[] {
  return db.prepare(SQL.repeatUnits).all({ since: w.since, until: w.until }) as { category: string; n: number }[];
}

/** Valid complaints received in [since, until), through complaints_valid (migration 14), reading that index only. */
export const VALID_COUNT_SQL = "SELECT COUNT(*) AS n FROM complaints WHERE valid = 1 AND kind = 'complaint' AND received_at >= ? AND received_at < ?";

export function countValidComplaints(db: DB, since: number, until: number): number {
  return (db.prepare(VALID_COUNT_SQL).get(since, until) as { n: number }).n;
}

// ---- keys, archives, handovers, meetings --------------------------------------------

function n(db: DB, sql: string, params: Record<string, number | string> = {}): number {
  return ((db.prepare(sql).get(params) as { n: number | null } | undefined)?.n ?? 0) as number;
}

function byKey(db: DB, sql: string, params: Record<string, number> = {}): Record<string, number> {
  const rows = db.prepare(sql).all(params) as { k: string | null; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.k ?? 'none', r.n]));
}

/**
 * Loans (key_loans, archive_loans share the contract columns lent_at, due_at,
 * returned_at): lent and returned in the period, out and overdue at its end.
 */
export function loanCounts(db: DB, table: 'key_loans' | 'archive_loans', w: Window): Record<string, number> {
  const p = { since: w.since, until: w.until, asof: Math.min(w.now, w.until) };
  const out = `lent_at < :until AND (returned_at IS NULL OR returned_at >= :until)`;
  return {
    loans_lent: n(db, `SELECT COUNT(*) AS n FROM ${table} WHERE lent_at >= :since AND lent_at < :until`, p),
    loans_returned: n(db, `SELECT COUNT(*) AS n FROM ${table} WHERE returned_at >= :since AND returned_at < :until`, p),
    loans_returned_late: n(db, `SELECT COUNT(*) AS n FROM ${table} WHERE returned_at >= :since AND returned_at < :until AND returned_at > due_at`, p),
    loans_out_at_end: n(db, `SELECT COUNT(*) AS n FROM ${table} WHERE ${out}`, p),
    loans_overdue_at_end: n(db, `SELECT COUNT(*) AS n FROM ${table} WHERE ${out} AND due_at < :asof`, p),
  };
}

/** Keys per status, most first. */
export function keyStatusCounts(db: DB): Record<string, number> {
  return byKey(db, 'SELECT status AS k, COUNT(*) AS n FROM keys GROUP BY status ORDER BY n DESC, status');
}

/** Lock changes reported in the period, and those still open at its end. */
export function lockChangeCounts(db: DB, w: Span): { reported: number; open: number } {
  return {
    reported: n(db, 'SELECT COUNT(*) AS n FROM key_lock_changes WHERE reported_at >= :since AND reported_at < :until', { since: w.since, until: w.until }),
    open: n(db, 'SELECT COUNT(*) AS n FROM key_lock_changes WHERE reported_at < :until AND (done_at IS NULL OR done_at >= :until)', { until: w.until }),
  };
}

/**
 * Units per occupancy, shared by the occupied count and archives. Counted
 * through units_occupancy: every unit, less the tenants and the vacant ones
 * (occupancy is one of owner, tenant, vacant — a CHECK of the table), so the
 * usually largest group, owners, is never walked.
 */
export function unitOccupancy(db: DB): { n: number; tenant: number; vacant: number } {
  return db
    .prepare(
      // Totals from unit_buildings (schema 16, kept by triggers): 421 rows on
      // the bench site instead of two passes over 100 000 units; tenants still
      // counted through units_occupancy (a fraction of the roster).
      `SELECT (SELECT COALESCE(SUM(units), 0) FROM unit_buildings) AS n,
        (SELECT COUNT(*) FROM units WHERE occupancy = 'tenant') AS tenant,
        (SELECT COALESCE(SUM(units - occupied), 0) FROM unit_buildings) AS vacant`,
    )
    .get() as { n: number; tenant: number; vacant: number };
}

const sqlList = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(',');

/**
 * Per dossier (by its unit's occupancy): the required documents it holds, as
 * completeness() counts them (distinct current types among the required list
 * of the dossier's type), read through documents_current. CROSS JOIN keeps
 * dossiers the outer loop (grouping by occupancy would otherwise tempt the
 * planner to walk every unit through units_occupancy); MATERIALIZED counts
 * each dossier's documents once, not once per use of the count.
 */
export const DOSSIER_TOTALS = `WITH x AS MATERIALIZED (
    SELECT u.occupancy AS occupancy,
      CASE d.type WHEN 'owner' THEN ${OWNER_REQUIRED.length} ELSE ${LET_REQUIRED.length} END AS required,
      (SELECT COUNT(DISTINCT m.type) FROM documents m
        WHERE m.unit = d.unit AND m.status = 'active' AND m.superseded_by IS NULL
          AND CASE d.type WHEN 'owner' THEN m.type IN (${sqlList(OWNER_REQUIRED)}) ELSE m.type IN (${sqlList(LET_REQUIRED)}) END) AS present
    FROM dossiers d CROSS JOIN units u ON u.label = d.unit)
  SELECT occupancy, COUNT(*) AS dossiers, COALESCE(SUM(present = required), 0) AS complete,
    COALESCE(SUM(required), 0) AS required, COALESCE(SUM(present), 0) AS present
  FROM x GROUP BY occupancy`;

export function dossierTotals(db: DB): { occupancy: string; dossiers: number; complete: number; required: number; present: number }[] {
  return db.prepare(DOSSIER_TOTALS).all() as { occupancy: string; dossiers: number; complete: number; required: number; present: number }[];
}

export function destroyedDocumentCount(db: DB): number {
  return n(db, "SELECT COUNT(*) AS n FROM documents WHERE status = 'destroyed'");
}

/** Destruction requests per status. */
export function destructionStatusCounts(db: DB): Record<string, number> {
  return byKey(db, 'SELECT status AS k, COUNT(*) AS n FROM destructions GROUP BY status ORDER BY status');
}

/** Handovers started in the period, per status. */
export function handoverStatusCounts(db: DB, w: Span): Record<string, number> {
  return byKey(db, 'SELECT status AS k, COUNT(*) AS n FROM handovers WHERE started_at >= :since AND started_at < :until GROUP BY status ORDER BY status', {
    since: w.since,
    until: w.until,
  });
}

export function handoversRefused(db: DB, w: Span): number {
  return n(db, 'SELECT COUNT(*) AS n FROM handovers WHERE refused_at >= :since AND refused_at < :until', { since: w.since, until: w.until });
}

/** Shifts (date and code) whose handover was accepted before `until`, for shift dates in [from, to]. */
export function acceptedShifts(db: DB, until: number, from: string, to: string): { d: string; s: string }[] {
  return db
    .prepare(
      "SELECT DISTINCT shift_date AS d, shift AS s FROM handovers WHERE status = 'accepted' AND accepted_at < :until AND shift_date >= :from AND shift_date <= :to",
    )
    .all({ until, from, to }) as { d: string; s: string }[];
}

/** Days in [from, to] with handovers, and those of them not reviewed before `until`. */
export function handoverDayCounts(db: DB, from: string, to: string, until: number): { days: number; unreviewed: number } {
  return {
    days: n(db, 'SELECT COUNT(*) AS n FROM handover_days WHERE date >= :from AND date <= :to', { from, to }),
    unreviewed: n(
      db,
      `SELECT COUNT(*) AS n FROM handover_days WHERE date >= :from AND date <= :to AND (reviewed_at IS NULL OR reviewed_at >= ${Number(until)})`,
      { from, to },
    ),
  };
}

/** Meetings held in the period (started before now, not called off), per type. */
export function meetingTypeCounts(db: DB, w: Window): Record<string, number> {
  return byKey(
    db,
    'SELECT type AS k, COUNT(*) AS n FROM meetings WHERE starts_at >= :since AND starts_at < :until AND starts_at < :now AND cancelled_at IS NULL GROUP BY type ORDER BY type',
    { since: w.since, until: w.until, now: w.now },
  );
}

export function meetingsCancelled(db: DB, w: Window): number {
  return n(db, 'SELECT COUNT(*) AS n FROM meetings WHERE starts_at >= :since AND starts_at < :until AND cancelled_at IS NOT NULL', {
    since: w.since,
    until: w.until,
    now: w.now,
  });
}

/** Action items due in the period: done on time, done late, overdue now. */
export function actionCounts(db: DB, w: Window): { due: number; on_time: number; late: number; overdue: number } {
  const p = { since: w.since, until: w.until, now: w.now };
  const due = 'FROM meeting_actions WHERE due_at >= :since AND due_at < :until';
  const done = 'done_at IS NOT NULL AND done_at < :until';
  return {
    due: n(db, `SELECT COUNT(*) AS n ${due}`, p),
    on_time: n(db, `SELECT COUNT(*) AS n ${due} AND ${done} AND done_at <= due_at`, p),
    late: n(db, `SELECT COUNT(*) AS n ${due} AND ${done} AND done_at > due_at`, p),
    overdue: n(db, `SELECT COUNT(*) AS n ${due} AND NOT (${done}) AND due_at < :now`, p),
  };
}

/** Attendance records of the meetings held in the period, per status (unrecorded: not taken yet). */
export function attendanceCounts(db: DB, w: Window): Record<string, number> {
  return byKey(
    db,
    `SELECT COALESCE(a.status, 'unrecorded') AS k, COUNT(*) AS n FROM meetings m JOIN meeting_attendance a ON a.meeting_id = m.id
     WHERE m.starts_at >= :since AND m.starts_at < :until AND m.starts_at < :now AND m.cancelled_at IS NULL GROUP BY 1 ORDER BY n DESC, k`,
    { since: w.since, until: w.until, now: w.now },
  );
}

/** Fines per person for meetings in the period (voided ones left out), largest first. */
export function finesByStaff(db: DB, w: Span): { staff: string; name: string | null; total_yuan: number; count: number }[] {
  return db
    .prepare(
      `SELECT f.staff AS staff, s.name AS name, SUM(f.amount_yuan) AS total_yuan, COUNT(*) AS count
         FROM meeting_fines f LEFT JOIN staff s ON s.code = f.staff
         WHERE f.voided_at IS NULL AND f.meeting_at >= :since AND f.meeting_at < :until
         GROUP BY f.staff ORDER BY total_yuan DESC, f.staff`,
    )
    .all({ since: w.since, until: w.until }) as { staff: string; name: string | null; total_yuan: number; count: number }[];
}

/** Warnings issued in the period and not withdrawn. */
export function warningsIssued(db: DB, w: Window): number {
  return n(db, 'SELECT COUNT(*) AS n FROM meeting_warnings WHERE issued_at >= :since AND issued_at < :until AND withdrawn_at IS NULL', {
    since: w.since,
    until: w.until,
    now: w.now,
  });
}

// ---- coverage ---------------------------------------------------------------------------

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * The earliest value of `column` in `table` (a module's first record), or
 * null when the table is missing or empty. Both names are checked
 * identifiers; callers pass constants. An index on the column makes it one seek.
 */
export function firstRecordAt(db: DB, table: string, column: string): number | null {
  if (!IDENT.test(table) || !IDENT.test(column)) throw new Error(`firstRecordAt: bad identifier ${table}.${column}`);
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table)) return null;
  const r = db.prepare(`SELECT MIN(${column}) AS t FROM ${table}`).get() as { t: number | null };
  return r.t ?? null;
}
