// The keys, archives, handovers and meetings sections of a report, read from
// the contract columns of their tables (schema.sql creates every one of them,
// so a section is always available; the JSON keeps `available` and
// `missing_tables` for scripts that read them).
import type { DB } from '../../store/db.js';
import { LET_REQUIRED, OWNER_REQUIRED, pct } from '../../domain/archive.js';
import { addDays, localDate } from '../../domain/time.js';
import { shiftBounds, type ShiftDef } from '../../domain/handover.js';
import { smallSampleInterval, type Interval } from '../../domain/rates.js';
import { coverageSpan, type CoverageBasis } from './coverage.js';
import {
  acceptedShifts,
  actionCounts,
  attendanceCounts,
  destroyedDocumentCount,
  destructionStatusCounts,
  dossierTotals,
  finesByStaff,
  handoverDayCounts,
  handoversRefused,
  handoverStatusCounts,
  keyStatusCounts,
  loanCounts,
  lockChangeCounts,
  meetingsCancelled,
  meetingTypeCounts,
  unitOccupancy,
  warningsIssued,
  type Window,
} from '../../store/report.js';

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

function section(): ModuleSection {
  return { available: true, missing_tables: [], metrics: {} };
}

export function keysSection(db: DB, w: Window): ModuleSection {
  const s = section();
  s.by_status = keyStatusCounts(db);
  s.metrics.keys_total = Object.values(s.by_status).reduce((a, b) => a + b, 0);
  s.metrics.keys_lost = s.by_status.lost ?? 0;
  s.metrics.keys_damaged = s.by_status.damaged ?? 0;
  Object.assign(s.metrics, loanCounts(db, 'key_loans', w));
  const locks = lockChangeCounts(db, w);
  s.metrics.lock_changes_reported = locks.reported;
  s.metrics.lock_changes_open = locks.open;
  return s;
}

/** Units per occupancy, shared by the occupied count and archives (store/report unitOccupancy: read through units_occupancy). */
export interface UnitCounts {
  owner: number;
  tenant: number;
  occupied: number;
}

export function unitCounts(db: DB): UnitCounts {
  const r = unitOccupancy(db);
  return { owner: r.n - r.tenant - r.vacant, tenant: r.tenant, occupied: r.n - r.vacant };
}

/**
 * Completeness exactly as \`archive check\` (checkArchives) computes it —
 * every dossier, and every occupied unit still without one lacking all its
 * required documents — but summed in SQL: the report needs only the totals,
 * not one row per unit (100 000 of them on a big site). Documents belong to a
 * dossier (documents.unit references dossiers, foreign keys on), so a unit
 * without a dossier holds none.
 */
export function archiveTotals(db: DB, units: UnitCounts) {
  const rows = dossierTotals(db);
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
  s.metrics.destroyed_documents = destroyedDocumentCount(db);
  s.site_complete_pct = c.site_complete_pct;
  Object.assign(s.metrics, loanCounts(db, 'archive_loans', w));
  s.by_status = destructionStatusCounts(db);
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
  s.by_status = handoverStatusCounts(db, w);
  s.metrics.handovers_started = Object.values(s.by_status).reduce((a, b) => a + b, 0);
  s.metrics.handovers_refused = handoversRefused(db, w);
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
    covered = acceptedShifts(db, w.until, first, last).filter((x) => due.has(x.d + ' ' + x.s)).length;
  }
  s.metrics.shifts_expected = due.size;
  s.metrics.shifts_covered = covered;
  s.coverage = span ? { ...ratioParts(covered, due.size), since: span.since, basis: span.basis } : null;
  const days = handoverDayCounts(db, localDate(w.since, tz), localDate(w.until - 1, tz), w.until);
  s.metrics.days_with_handovers = days.days;
  s.metrics.days_unreviewed = days.unreviewed;
  return s;
}

export function meetingsSection(db: DB, w: Window): ModuleSection {
  const s = section();
  s.by_status = meetingTypeCounts(db, w);
  s.metrics.meetings_held = Object.values(s.by_status).reduce((a, b) => a + b, 0);
  s.metrics.meetings_cancelled = meetingsCancelled(db, w);
  const actions = actionCounts(db, w);
  s.metrics.actions_due = actions.due;
  s.metrics.actions_done_on_time = actions.on_time;
  s.metrics.actions_done_late = actions.late;
  s.metrics.actions_overdue = actions.overdue;
  s.attendance = attendanceCounts(db, w);
  s.fines = finesByStaff(db, w);
  s.metrics.warnings_issued = warningsIssued(db, w);
  return s;
}
