// `pmctl report`: everything a supervisor reads weekly, monthly, quarterly,
// computed from the records in one read snapshot. Reports never write.
import type { Ctx } from '../context.js';
import type { Rate } from '../../domain/rates.js';
import { complaintRates, moduleRates, validRateWindow } from './rates.js';
import { renovationSection } from '../renovation/report.js';
import { trendPeriods, TREND_LENGTH, type ReportKind } from '../../domain/report-period.js';
import { formatIso, formatLocal, makePeriod, shiftPeriod, type Period } from '../../domain/time.js';
import { collectOverdue, withDetails, type RankedItem } from '../overdue.js';
import { getShifts } from '../handover/handover.js';
import { CLOCKS, complaintFacts, startClockGroups, sum, tallyBy, type ClockName, type Tally, once, type Window } from './complaints.js';
import { archivesSection, handoversSection, keysSection, meetingsSection, unitCounts, type ModuleSection } from './modules.js';
import { requestsSection, type RequestSection } from './requests.js';
import { patrolReport, type PatrolSection } from '../patrol/report.js';
import { complaintCauses, complaintsByCategory, countReceived, mapForReading, repeatUnits } from '../../store/report.js';

/** Overdue items whose unit/place and subject a report looks up (it lists 20; JSON gets them for these). */
export const REPORT_OVERDUE_DETAILS = 50;

export interface ClockCounts {
  met: number;
  breached: number;
  overdue: number;
  pending: number;
}

export interface TrendPoint {
  label: string;
  since: number;
  until: number;
  received: number;
}

export interface CategoryAnalysis {
  category: string;
  received: number;
  share: number;
  /** counts per month of the quarter, oldest first */
  by_month: { label: string; received: number }[];
  previous_quarter: number;
  valid: number;
  explained: number;
  resolve_late: number;
  unsatisfied: number;
  repeat_units: number;
  causes: { cause: string; count: number }[];
}

export interface Analysis {
  complaints: number;
  previous_quarter: number;
  top: CategoryAnalysis[];
}

export interface ReportData {
  kind: ReportKind;
  site: string;
  tz: string;
  generated_at: number;
  /** the instant the report describes: min(now, until) */
  as_of: number;
  period: Period & { days: number };
  complaints: {
    received: number;
    complaints: number;
    suggestions: number;
    valid: number;
    explained: number;
    /** valid, closed after explanation as unresolvable: counted valid and not resolved */
    unresolvable: number;
    undecided: number;
    closed: number;
    open: number;
    delayed: number;
    by_category: Record<string, Tally>;
    by_severity: Record<string, Tally>;
    by_channel: Record<string, Tally>;
    by_dept: Record<string, Tally>;
    by_kind: Record<string, Tally>;
  };
  clocks: Record<ClockName, ClockCounts>;
  rates: Rate[];
  occupied_units: number;
  /** the 12 months the valid complaint rate counts (ending at the period's end) */
  valid_rate_window: { since: number; until: number };
  hot_units: { unit: string; count: number; categories: string[] }[];
  hot_categories: { category: string; count: number; share: number }[];
  trend: TrendPoint[];
  keys: ModuleSection;
  archives: ModuleSection;
  handovers: ModuleSection;
  meetings: ModuleSection;
  /** patrols and findings (SPEC §12) */
  patrols?: PatrolSection;
  renovation?: ModuleSection;
  /** service requests (SPEC §11): never part of the complaint figures above */
  requests?: RequestSection;
  overdue: RankedItem[];
  analysis?: Analysis;
}

/** A range's label in site time: 2026-11-01 00:00 – 2026-11-15 00:00. */
function labelled(p: Period, tz: string): Period {
  if (p.label) return p;
  return { ...p, label: `${formatLocal(p.since, tz)} – ${formatLocal(p.until, tz)}` };
}

export function buildReport(ctx: Ctx, kind: ReportKind, period: Period, opts: { trend?: number } = {}): ReportData {
  const db = ctx.db;
  const now = ctx.clock.now();
  const tz = ctx.tz;
  // One deferred transaction: every query reads the same WAL snapshot, and
  // clerks keep writing meanwhile.
  // A report reads a few thousand pages in a fresh process: mapped, they come
  // straight from the OS cache instead of one read() and copy each (a third
  // of the system time on a big site). SQLite caps it at its maximum (2 GB);
  // pages past the mapped part are read as before.
  mapForReading(db);
  const w: Window = { since: period.since, until: period.until, now };
  // Before the transaction: a worker may take part of the clocks meanwhile.
  const clocksPending = startClockGroups(db, w, tz);
  // The sections' window: a module's section and its rates share their reads.
  const wm: Window = { ...w, memo: new Map() };
  return db.transaction((): ReportData => {
    const units = unitCounts(db);
    wm.memo!.set('occupied', units.occupied);
    // What does not depend on the complaints' figures first, so a worker
    // reading part of the clocks has had time to finish by the time they are needed.
    const trend = trendPeriods(period, opts.trend ?? TREND_LENGTH[kind], tz).map((p) => ({
      label: labelled(p, tz).label,
      since: p.since,
      until: p.until,
      received: countReceived(db, p),
    }));
    const modules = {
      keys: keysSection(db, w),
      archives: archivesSection(db, w, units),
      handovers: handoversSection(db, w, tz, getShifts(ctx)),
      meetings: meetingsSection(db, w),
      renovation: renovationSection(ctx, w),
      // Past due only: no horizon, so no provider looks up what it would show
      // for items merely due soon (the complaints' units and subjects).
      overdue: collectOverdue(ctx, 0).filter((i) => i.overdue),
    };
    const req = requestsSection(db, wm);
    // The section; its two rates come in through MODULE_RATE_SOURCES (src/app/report/rates.ts).
    const patrol = once(wm, 'patrol', () => patrolReport(ctx, wm));
    // The unit or place and the subject of the items the report lists (the rest keep only their ids).
    modules.overdue = [...withDetails(ctx, modules.overdue.slice(0, REPORT_OVERDUE_DETAILS)), ...modules.overdue.slice(REPORT_OVERDUE_DETAILS)];
    const f = complaintFacts(db, w, tz, units.occupied, 5, clocksPending);
    const groups = f.groups;
    const complaintsOnly = groups.filter((g) => g.kind === 'complaint');

    const clocks = Object.fromEntries(CLOCKS.map((c) => [c, { met: 0, breached: 0, overdue: 0, pending: 0 }])) as Record<ClockName, ClockCounts>;
    for (const g of f.clocks) if (g.clock in clocks) clocks[g.clock as ClockName][g.state] += g.n;

    const received = sum(groups, (g) => g.n);
    const closed = sum(groups, (g) => (g.closed ? g.n : 0));
    const byCategory = tallyBy(complaintsOnly, (g) => g.category);
    const totalComplaints = sum(complaintsOnly, (g) => g.n);

    const report: ReportData = {
      kind,
      site: ctx.site,
      tz,
      generated_at: now,
      as_of: Math.min(now, period.until),
      period: { ...labelled(period, tz), days: (period.until - period.since) / 86_400_000 },
      complaints: {
        received,
        complaints: totalComplaints,
        suggestions: received - totalComplaints,
        valid: sum(complaintsOnly, (g) => (g.valid === 1 ? g.n : 0)),
        explained: sum(complaintsOnly, (g) => (g.valid === 0 ? g.n : 0)),
        unresolvable: sum(complaintsOnly, (g) => (g.unresolvable ? g.n : 0)),
        undecided: sum(complaintsOnly, (g) => (g.valid === null ? g.n : 0)),
        closed,
        open: received - closed,
        delayed: f.delayed,
        by_category: byCategory,
        by_severity: tallyBy(groups, (g) => g.severity),
        by_channel: tallyBy(groups, (g) => g.channel),
        by_dept: tallyBy(groups, (g) => g.dept),
        by_kind: tallyBy(groups, (g) => g.kind),
      },
      clocks,
      rates: [...complaintRates(db, tz, f, period), ...moduleRates(ctx, wm)],
      valid_rate_window: validRateWindow(period, tz),
      occupied_units: f.occupied,
      hot_units: f.hotUnits.map((u) => ({ unit: u.unit, count: u.n, categories: (u.categories ?? '').split(',').filter(Boolean).sort() })),
      hot_categories: Object.entries(byCategory)
        .slice(0, 5)
        .map(([category, t]) => ({ category, count: t.received, share: totalComplaints ? t.received / totalComplaints : 0 })),
      trend,
      ...modules,
      requests: req,
      patrols: patrol.section,
    };
    if (kind === 'quarterly') report.analysis = quarterAnalysis(ctx, period, report, f.clocks);
    return report;
  })();
}

/**
 * The quarterly complaint analysis of [001] §3: the top categories with their
 * counts, month-by-month trend against the previous quarter, the causes the
 * departments recorded, and findings to base the improvement points on.
 */
function quarterAnalysis(ctx: Ctx, q: Period, r: ReportData, clockGroups: ReturnType<typeof complaintFacts>['clocks']): Analysis {
  const db = ctx.db;
  const tz = ctx.tz;
  const months = [0, 1, 2].map((i) => makePeriod('month', shiftPeriod('month', q.from, i), tz));
  const prev = makePeriod('quarter', shiftPeriod('quarter', q.from, -1), tz);
  const catCounts = (since: number, until: number) => Object.fromEntries(complaintsByCategory(db, { since, until }).map((x) => [x.category, x.n]));
  const perMonth = months.map((m) => ({ label: m.label, counts: catCounts(m.since, m.until) }));
  const prevCounts = catCounts(prev.since, prev.until);
  const causes = complaintCauses(db, q);
  const repeat = Object.fromEntries(repeatUnits(db, q).map((x) => [x.category, x.n]));
  const total = r.complaints.complaints;
  const top = Object.entries(r.complaints.by_category)
    .slice(0, 5)
    .map(([category, t]): CategoryAnalysis => {
      const cg = clockGroups.filter((g) => g.category === category && g.kind === 'complaint');
      return {
        category,
        received: t.received,
        share: total ? t.received / total : 0,
        by_month: perMonth.map((m) => ({ label: m.label, received: m.counts[category] ?? 0 })),
        previous_quarter: prevCounts[category] ?? 0,
        valid: t.valid,
        explained: t.explained,
        resolve_late: sum(
          cg.filter((g) => g.clock === 'resolve' && (g.state === 'breached' || g.state === 'overdue')),
          (g) => g.n,
        ),
        unsatisfied: sum(
          cg.filter((g) => g.clock === 'return_visit' && g.satisfaction === 'unsatisfied' && g.state !== 'pending' && g.state !== 'overdue'),
          (g) => g.n,
        ),
        repeat_units: repeat[category] ?? 0,
        causes: causes
          .filter((c) => c.category === category)
          .slice(0, 3)
          .map((c) => ({ cause: c.cause, count: c.n })),
      };
    });
  return { complaints: total, previous_quarter: Object.values(prevCounts).reduce((a, b) => a + b, 0), top };
}

export function isoOrNull(ms: number | null, tz: string): string | null {
  return ms === null ? null : formatIso(ms, tz);
}
