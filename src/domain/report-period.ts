// Which stretch of time a report covers, and the periods of its trend chart.
import { UsageError } from '../errors.js';
import { formatIso, fromLocal, makePeriod, parseBound, parsePeriod, periodStart, shiftPeriod, type Period } from './time.js';

export type ReportKind = 'weekly' | 'monthly' | 'quarterly' | 'range';

const UNIT: Record<Exclude<ReportKind, 'range'>, 'week' | 'month' | 'quarter'> = {
  weekly: 'week',
  monthly: 'month',
  quarterly: 'quarter',
};

/** How many periods the trend shows: 8 weeks, 12 months, 8 quarters, 8 ranges. */
export const TREND_LENGTH: Record<ReportKind, number> = { weekly: 8, monthly: 12, quarterly: 8, range: 8 };

/**
 * The period of a report. `word` is --week/--month/--quarter (default `this`:
 * the period so far); a range takes --since and --until (half-open; until
 * defaults to now).
 */
export function reportPeriod(kind: ReportKind, o: { word?: string; since?: string; until?: string }, now: number, tz: string): Period {
  if (kind === 'range') {
    if (!o.since) throw new UsageError('err.report_since_required', {}, 'fix.report_range');
    const since = parseBound(o.since, now, tz, 'since');
    const until = o.until ? parseBound(o.until, now, tz, 'until') : now;
    if (until <= since) throw new UsageError('err.report_empty_range', { since: o.since, until: o.until ?? 'now' }, 'fix.report_range');
    return { since, until, from: '', to: '', label: '', unit: 'range' };
  }
  const unit = UNIT[kind];
  const p = parsePeriod(o.word ?? 'this', now, tz, unit);
  if (p.unit !== unit) throw new UsageError('err.report_period_unit', { value: o.word ?? '', unit }, 'fix.report_period_' + unit);
  return p;
}

/** The trend's periods, oldest first, ending with `p` itself. */
export function trendPeriods(p: Period, n: number, tz: string): Period[] {
  const out: Period[] = [];
  if (p.unit === 'week' || p.unit === 'month' || p.unit === 'quarter') {
    const start = periodStart(p.unit, p.from);
    for (let i = n - 1; i >= 0; i--) out.push(makePeriod(p.unit, shiftPeriod(p.unit, start, -i), tz));
    return out;
  }
  // A range (or a day): equal-length windows ending with this one.
  const len = p.until - p.since;
  for (let i = n - 1; i >= 0; i--) out.push({ ...p, since: p.since - i * len, until: p.until - i * len, label: '', from: '', to: '' });
  return out;
}

/**
 * The `months` months ending at `until` (site-local wall time, so a month
 * report ending 2026-12-01 00:00 looks back to 2025-12-01 00:00); a day that
 * does not exist in the earlier month (29–31) falls back to that month's last.
 */
export function monthsBefore(until: number, months: number, tz: string): { since: number; until: number } {
  const iso = formatIso(until, tz);
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 - months;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  const day = Math.min(Number(iso.slice(8, 10)), last);
  const wall = `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}-${String(day).padStart(2, '0')} ${iso.slice(11, 19)}`;
  return { since: fromLocal(wall, tz), until };
}

/** The part of the period already lived at `now` (ms, never negative). */
export function elapsedMs(p: { since: number; until: number }, now: number): number {
  return Math.max(0, Math.min(now, p.until) - p.since);
}
