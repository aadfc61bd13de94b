// The keys, archives, handovers and meetings sections of a report, read from
// the contract columns of their tables (schema.sql creates every one of them,
// so a section is always available; the JSON keeps `available` and
// `missing_tables` for scripts that read them).
import type { DB } from '../../store/db.js';
import type { Window } from './complaints.js';
import { LET_REQUIRED, OWNER_REQUIRED, pct } from '../../domain/archive.js';
import { addDays, localDate } from '../../domain/time.js';
import { shiftBounds, type ShiftDef } from '../../domain/handover.js';
import { smallSampleInterval, type Interval } from '../../domain/rates.js';
import { coverageSpan, type CoverageBasis } from './coverage.js';

export interface ModuleSection {
  /** always true: every table a section reads is in schema.sql (kept for scripts reading the JSON) */
  available: boolean;
  missing_tables: string[];
  /** named counts (null: not recorded by this version) */
  metrics: Record<string, number | null>;
  /** counts per status or type */
  by_status?: Record<string, number>;
  /** archives: site completeness in percent (0–100), as `archive check` */
  site_complete_pct?: number | null;
  /** meetings: attendance records per status (unrecorded: not taken yet) */
  attendance?: Record<string, number>;
  /** coverage (handovers; patrols and visits later): covered/expected counted from coverageSpan; null before the module's first record */
  coverage?: Coverage | null;
  /** meetings: fines per person in the period (voided fines left out) */
  fines?: { staff: string; name: string | null; total_yuan: number; count: number }[];
}

/** A coverage figure as the report shows it: value with numerator, denominator and (under 20) a 95 % interval. */
export interface Coverage {
  value: number | null;
  num: number;
  den: number;
  ci: Interval | null;
  /** counted from this instant (coverageSpan) and why */
  since: number;
  basis: CoverageBasis;
}

export function ratioParts(num: number, den: number): Pick<Coverage, 'value' | 'num' | 'den' | 'ci'> {
  return { value: den ? num / den : null, num, den, ci: smallSampleInterval(num, den) };
}

function n(db: DB, sql: string, params: Record<string, number> = {}): number {
  return ((db.prepare(sql).get(params) as { n: number | null } | undefined)?.n ?? 0) as number;
}

function byStatus(db: DB, sql: string, params: Record<string, number> = {}): Record<string, number> {
  const rows = db.prepare(sql).all(params) as { k: string | null; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.k ?? 'none', r.n]));
}

function section(): ModuleSection {
  return { available: true, missing_tables: [], metrics: {} };
}

/**
 * Loans (key_loans, archive_loans share the contract columns lent_at, due_at,
 * returned_at): lent and returned in the period, out and overdue at its end.
 */
function loanMetrics(db: DB, table: string, w: Window): Record<string, number> {
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

export function keysSection(db: DB, w: Window): ModuleSection {
  const s = section();
  s.by_status = byStatus(db, 'SELECT status AS k, COUNT(*) AS n FROM keys GROUP BY status ORDER BY n DESC, status');
  s.metrics.keys_total = Object.values(s.by_status).reduce((a, b) => a + b, 0);
  s.metrics.keys_lost = s.by_status.lost ?? 0;
  s.metrics.keys_damaged = s.by_status.damaged ?? 0;
  Object.assign(s.metrics, loanMetrics(db, 'key_loans', w));
  s.metrics.lock_changes_reported = n(db, 'SELECT COUNT(*) AS n FROM key_lock_changes WHERE reported_at >= :since AND reported_at < :until', { since: w.since, until: w.until });
  s.metrics.lock_changes_open = n(db, 'SELECT COUNT(*) AS n FROM key_lock_changes WHERE reported_at < :until AND (done_at IS NULL OR done_at >= :until)', { until: w.until });
  return s;
}

/**
 * Units per occupancy, shared by the occupied count and archives. Counted
 * through units_occupancy: every unit, less the tenants and the vacant ones
 * (occupancy is one of owner, tenant, vacant — a CHECK of the table), so the
 * usually largest group, owners, is never walked.
 */
export interface UnitCounts {
  owner: number;
  tenant: number;
  occupied: number;
}

export function unitCounts(db: DB): UnitCounts {
  const r = db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM units) AS n,
        (SELECT COUNT(*) FROM units WHERE occupancy = 'tenant') AS tenant,
        (SELECT COUNT(*) FROM units WHERE occupancy = 'vacant') AS vacant`,
    )
    .get() as { n: number; tenant: number; vacant: number };
  return { owner: r.n - r.tenant - r.vacant, tenant: r.tenant, occupied: r.n - r.vacant };
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

/**
 * Completeness exactly as \`archive check\` (checkArchives) computes it —
 * every dossier, and every occupied unit still without one lacking all its
 * required documents — but summed in SQL: the report needs only the totals,
 * not one row per unit (100 000 of them on a big site). Documents belong to a
 * dossier (documents.unit references dossiers, foreign keys on), so a unit
 * without a dossier holds none.
 */
export function archiveTotals(db: DB, units: UnitCounts) {
  const rows = db.prepare(DOSSIER_TOTALS).all() as { occupancy: string; dossiers: number; complete: number; required: number; present: number }[];
  const t = { dossiers: 0, complete: 0, required: 0, present: 0, without_dossier: 0 };
  const withDossier = { owner: 0, tenant: 0 };
  for (const r of rows) {
    t.dossiers += r.dossiers;
    t.complete += r.complete;
    t.required += r.required;
    t.present += r.present;
    if (r.occupancy === 'owner' || r.occupancy === 'tenant') withDossier[r.occupancy] += r.dossiers;
  }
  const owners = units.owner - withDossier.owner;
  const tenants = units.tenant - withDossier.tenant;
  t.without_dossier = owners + tenants;
  t.required += owners * OWNER_REQUIRED.length + tenants * LET_REQUIRED.length;
  return { ...t, site_complete_pct: pct(t.present, t.required) };
}

/**
 * Archives: completeness as `archive check` computes it (required documents
 * present over required, for every dossier and every occupied unit still
 * without one), documents destroyed, loans, destruction requests.
 */
export function archivesSection(db: DB, w: Window, units: UnitCounts): ModuleSection {
  const s = section();
  const c = archiveTotals(db, units);
  s.metrics.dossiers = c.dossiers;
  s.metrics.dossiers_complete = c.complete;
  s.metrics.units_without_dossier = c.without_dossier;
  s.metrics.documents_required = c.required;
  s.metrics.documents_present = c.present;
  s.metrics.destroyed_documents = n(db, "SELECT COUNT(*) AS n FROM documents WHERE status = 'destroyed'");
  s.site_complete_pct = c.site_complete_pct;
  Object.assign(s.metrics, loanMetrics(db, 'archive_loans', w));
  s.by_status = byStatus(db, 'SELECT status AS k, COUNT(*) AS n FROM destructions GROUP BY status ORDER BY status');
  return s;
}

/**
 * Handovers: started, accepted, refused in the period; coverage = shifts
 * (the site's shift list) that ended in the period with an accepted handover,
 * over those that ended; days with handovers and those not reviewed by the
 * period end.
 */
export function handoversSection(db: DB, w: Window, tz: string, shifts: ShiftDef[]): ModuleSection {
  const s = section();
  const p = { since: w.since, until: w.until };
  s.by_status = byStatus(
    db,
    'SELECT status AS k, COUNT(*) AS n FROM handovers WHERE started_at >= :since AND started_at < :until GROUP BY status ORDER BY status',
    p,
  );
  s.metrics.handovers_started = Object.values(s.by_status).reduce((a, b) => a + b, 0);
  s.metrics.handovers_refused = n(db, 'SELECT COUNT(*) AS n FROM handovers WHERE refused_at >= :since AND refused_at < :until', p);
  // The shifts that ended in the period, by its end (or now): a night shift
  // belongs to the period in which it ends. Counted from the site's first
  // handover (or the setting handover.since), never the days before it.
  const span = coverageSpan(db, tz, 'handover', { table: 'handovers', column: 'started_at' }, w);
  const due = new Set<string>();
  let covered = 0;
  if (span && span.until > span.since) {
    const first = addDays(localDate(span.since, tz), -1);
    const last = localDate(span.until, tz);
    for (let d = first; d <= last; d = addDays(d, 1)) {
      // A shift lasts under a day: only the two days at each edge need their
      // bounds computed (time-zone arithmetic is the slow part here).
      const inner = d >= addDays(first, 2) && d <= addDays(last, -2);
      for (const sh of shifts) {
        const b = inner ? null : shiftBounds(sh, d, tz);
        if (!b || (b.end > span.since && b.end <= span.until)) due.add(d + ' ' + sh.code);
      }
    }
    const done = db
      .prepare(
        "SELECT DISTINCT shift_date AS d, shift AS s FROM handovers WHERE status = 'accepted' AND accepted_at < :until AND shift_date >= :from AND shift_date <= :to",
      )
      .all({ until: w.until, from: first, to: last }) as { d: string; s: string }[];
    covered = done.filter((x) => due.has(x.d + ' ' + x.s)).length;
  }
  s.metrics.shifts_expected = due.size;
  s.metrics.shifts_covered = covered;
  s.coverage = span ? { ...ratioParts(covered, due.size), since: span.since, basis: span.basis } : null;
  const d = { from: localDate(w.since, tz), to: localDate(w.until - 1, tz) } as unknown as Record<string, number>;
  s.metrics.days_with_handovers = n(db, 'SELECT COUNT(*) AS n FROM handover_days WHERE date >= :from AND date <= :to', d);
  s.metrics.days_unreviewed = n(
    db,
    `SELECT COUNT(*) AS n FROM handover_days WHERE date >= :from AND date <= :to AND (reviewed_at IS NULL OR reviewed_at >= ${Number(w.until)})`,
    d,
  );
  return s;
}

export function meetingsSection(db: DB, w: Window): ModuleSection {
  const s = section();
  const p = { since: w.since, until: w.until, now: w.now };
  s.by_status = byStatus(
    db,
    'SELECT type AS k, COUNT(*) AS n FROM meetings WHERE starts_at >= :since AND starts_at < :until AND starts_at < :now AND cancelled_at IS NULL GROUP BY type ORDER BY type',
    p,
  );
  s.metrics.meetings_held = Object.values(s.by_status).reduce((a, b) => a + b, 0);
  s.metrics.meetings_cancelled = n(db, 'SELECT COUNT(*) AS n FROM meetings WHERE starts_at >= :since AND starts_at < :until AND cancelled_at IS NOT NULL', p);
  const due = 'FROM meeting_actions WHERE due_at >= :since AND due_at < :until';
  const done = 'done_at IS NOT NULL AND done_at < :until';
  s.metrics.actions_due = n(db, `SELECT COUNT(*) AS n ${due}`, p);
  s.metrics.actions_done_on_time = n(db, `SELECT COUNT(*) AS n ${due} AND ${done} AND done_at <= due_at`, p);
  s.metrics.actions_done_late = n(db, `SELECT COUNT(*) AS n ${due} AND ${done} AND done_at > due_at`, p);
  s.metrics.actions_overdue = n(db, `SELECT COUNT(*) AS n ${due} AND NOT (${done}) AND due_at < :now`, p);
  s.attendance = byStatus(
    db,
    `SELECT COALESCE(a.status, 'unrecorded') AS k, COUNT(*) AS n FROM meetings m JOIN meeting_attendance a ON a.meeting_id = m.id
     WHERE m.starts_at >= :since AND m.starts_at < :until AND m.starts_at < :now AND m.cancelled_at IS NULL GROUP BY 1 ORDER BY n DESC, k`,
    p,
  );
  s.fines = db
    .prepare(
      `SELECT f.staff AS staff, s.name AS name, SUM(f.amount_yuan) AS total_yuan, COUNT(*) AS count
       FROM meeting_fines f LEFT JOIN staff s ON s.code = f.staff
       WHERE f.voided_at IS NULL AND f.meeting_at >= :since AND f.meeting_at < :until
       GROUP BY f.staff ORDER BY total_yuan DESC, f.staff`,
    )
    .all({ since: w.since, until: w.until }) as ModuleSection['fines'];
  s.metrics.warnings_issued = n(
    db,
    'SELECT COUNT(*) AS n FROM meeting_warnings WHERE issued_at >= :since AND issued_at < :until AND withdrawn_at IS NULL',
    p,
  );
  return s;
}
