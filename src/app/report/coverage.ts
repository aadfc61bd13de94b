// Where a coverage figure starts counting (SPEC §8 v2): "shifts handed over",
// "buildings patrolled", "households visited" count from the module's first
// record at the site, or from the site setting `<module>.since`, never the
// days before it — a site that started handovers on the 20th is not 35 %
// covered for the month. One function for every module's report part:
//
//   const span = coverageSpan(db, tz, 'handover', { table: 'handovers', column: 'started_at' }, w);
//   if (span) expected = slots ending in [span.since, span.until)
//
// The setting is the site setting `<module>.since` (the settings table, as
// visits' `visit.since`): a local date (`2026-11-01`, from its 00:00) or a
// local time (`2026-11-01 08:00`). It wins over the first record, earlier or
// later (a site that imported old records can say when it really started).
import type { DB } from '../../store/db.js';
import { getSetting } from '../../store/common.js';
import { firstRecordAt } from '../../store/report.js';
import { fromLocal } from '../../domain/time.js';

export type CoverageBasis = 'period' | 'setting' | 'first_record';

export interface CoverageSpan {
  /** count slots from here (the later of the period start and the module's start) */
  since: number;
  /** to here: min(now, period end) */
  until: number;
  /** the module's start at the site, when it falls inside or after the period start */
  started_at: number;
  /** what `since` came from: the period itself, the setting, or the first record */
  basis: CoverageBasis;
}

/** A `<module>.since` value in site time: a date (from its 00:00) or a date and time; null when unreadable. */
export function parseSinceSetting(text: string | null | undefined, tz: string): number | null {
  if (!text) return null;
  const s = text.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?$/.exec(s);
  if (!m) return null;
  try {
    return fromLocal(`${m[1]} ${m[2] ?? '00:00:00'}`, tz);
  } catch {
    return null;
  }
}

/**
 * The stretch of [w.since, min(w.now, w.until)) a coverage figure of `module`
 * may count, or null when the module has neither a setting nor any record at
 * the site (nothing to cover yet: the figure is "—", not 0 %). `since` may
 * equal `until` (the module started after the period): nothing expected.
 */
export function coverageSpan(
  db: DB,
  tz: string,
  module: string,
  first: { table: string; column: string },
  w: { since: number; until: number; now: number },
): CoverageSpan | null {
  const raw = getSetting<unknown>(db, `${module}.since`, null);
  const setting = parseSinceSetting(typeof raw === 'string' ? raw : null, tz);
  const start = setting ?? firstRecordAt(db, first.table, first.column);
  if (start === null) return null;
  const until = Math.min(w.now, w.until);
  const since = Math.min(Math.max(w.since, start), Math.max(until, w.since));
  return { since, until: Math.max(until, since), started_at: start, basis: start > w.since ? (setting !== null ? 'setting' : 'first_record') : 'period' };
}
