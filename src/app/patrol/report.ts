// The patrol part of every report (SPEC §8 v2, §12): finished patrols per
// kind, units checked, findings opened and fixed, contractor scores of the
// last months, and two rates next to their 100 % targets —
// `patrol_coverage` (days with a finished units patrol / days, counted from
// the site's first patrol or `patrol.since`, never before) and
// `finding_on_time` (findings whose last deadline fell in the period and was
// met, the solution by its 3 days and the fix by its deadline).
import type { Ctx } from '../context.js';
import type { ModuleSection } from '../report/modules.js';
import { once, type Window } from '../report/complaints.js';
import { ratio, type Rate } from '../../domain/rates.js';
import { findingOnTime, CONTRACTORS } from '../../domain/patrol.js';
import { addDays, endOfLocalDay, localDate } from '../../domain/time.js';
import * as store from '../../store/patrol.js';
import { patrolSince } from './patrols.js';

export interface ContractorScores {
  month: string;
  scores: Record<string, number | null>;
}

export interface PatrolSection extends ModuleSection {
  contractor_scores: ContractorScores[];
}

/** Months of contractor scores a report shows, ending with the period's last month. */
export const SCORE_MONTHS = 6;

/**
 * A report asks twice (its section, and its rates through MODULE_RATE_SOURCES):
 * read once per context, window and state of the data (any write since, by
 * this connection or another, reads again).
 */
const last = new WeakMap<Ctx, { key: string; value: { section: PatrolSection; rates: Rate[] } }>();

export function patrolReport(ctx: Ctx, w: Window): { section: PatrolSection; rates: Rate[] } {
  const key = `${w.since}/${w.until}/${w.now}/${store.dataState(ctx.db)}`;
  const hit = last.get(ctx);
  if (hit && hit.key === key) return hit.value;
  const value = readPatrolReport(ctx, w);
  last.set(ctx, { key, value });
  return value;
}

function readPatrolReport(ctx: Ctx, w: Window): { section: PatrolSection; rates: Rate[] } {
  const db = ctx.db;
  const tz = ctx.tz;
  const empty = (): PatrolSection => ({ available: false, missing_tables: ['patrols'], metrics: {}, contractor_scores: [] });
  if (!store.hasPatrolTables(db)) return { section: empty(), rates: [ratio('patrol_coverage', 0, 0), ratio('finding_on_time', 0, 0)] };
  const asOf = Math.min(w.now, w.until);
  const fromDay = localDate(w.since, tz);
  const toDay = localDate(w.until - 1, tz);
  const c = store.patrolReportCounts(db, { since: w.since, until: w.until, fromDay, toDay });

  // Coverage: whole days of the period already over, from the first counted day.
  const since = patrolSince(ctx);
  let expected = 0;
  let covered = 0;
  if (since) {
    const days = new Set(c.unit_days);
    for (let d = since > fromDay ? since : fromDay; d <= toDay && endOfLocalDay(d, tz) < asOf; d = addDays(d, 1)) {
      expected++;
      if (days.has(d)) covered++;
    }
  }
  // Findings whose last deadline fell in the period, decided by its end (fixed, or the deadline passed).
  let due = 0;
  let onTime = 0;
  for (const f of c.finding_rows) {
    const fixed = f.fixed_at !== null && f.fixed_at < w.until ? f.fixed_at : null;
    const last = f.fix_due_at ?? f.solution_due_at;
    if (fixed === null && last >= asOf) continue;
    due++;
    if (findingOnTime({ ...f, fixed_at: fixed, planned_at: f.planned_at !== null && f.planned_at < w.until ? f.planned_at : null })) onTime++;
  }

  const endMonth = toDay.slice(0, 7);
  let startMonth = endMonth;
  for (let i = 1; i < SCORE_MONTHS; i++) startMonth = addDays(startMonth + '-01', -1).slice(0, 7);
  const ratings = store.ratingsBetween(db, startMonth, endMonth);
  const scores: ContractorScores[] = [];
  for (let m = startMonth; m <= endMonth; m = addDays(m + '-28', 4).slice(0, 7)) {
    const row = Object.fromEntries(CONTRACTORS.map((k) => [k, ratings.find((r) => r.month === m && r.contractor === k)?.score ?? null]));
    if (Object.values(row).some((v) => v !== null) || m === endMonth) scores.push({ month: m, scores: row });
  }

  const section: PatrolSection = {
    available: true,
    missing_tables: [],
    metrics: {
      patrols_units: c.by_kind.units ?? 0,
      patrols_public: c.by_kind.public ?? 0,
      patrols_joint: c.by_kind.joint ?? 0,
      patrols_fire: c.by_kind.fire ?? 0,
      patrol_days_expected: expected,
      patrol_days_covered: covered,
      units_checked: c.units_checked,
      findings_opened: c.findings_opened,
      findings_fixed: c.findings_fixed,
      findings_open_at_end: c.open_at_end,
    },
    contractor_scores: scores,
  };
  return { section, rates: [ratio('patrol_coverage', covered, expected), ratio('finding_on_time', onTime, due)] };
}

/** The patrol rates alone (src/app/report/rates.ts MODULE_RATE_SOURCES: report and rollup). */
export function patrolRates(ctx: Ctx, w: Window): Rate[] {
  return once(w, 'patrol', () => patrolReport(ctx, w)).rates;
}
