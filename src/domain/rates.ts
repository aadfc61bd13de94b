// The standard's rates (SPEC §8) from counts the report aggregated in SQL.
// Pure: counts in, value/target/met out. Comparisons with the target are done
// on integers (num·q against p·den), so 19/20 against 95 % is exact.
import { clockState } from './clock-state.js';

export type RateName =
  | 'timeliness'
  | 'valid_handled'
  | 'reply_on_time'
  | 'return_visit'
  | 'satisfaction'
  | 'suggestion_reply'
  | 'valid_complaint_rate'
  // patrols (SPEC §12)
  | 'patrol_coverage'
  | 'finding_on_time'
  // service requests (SPEC §11)
  | 'minor_repair_on_time'
  | 'urgent_repair_on_time'
  | 'arrival_on_time'
  | 'rework_rate'
  | 'request_satisfaction'
  // visits (SPEC §14)

  | 'visit_coverage'
  | 'renovation_violation_rate';

export const RATE_NAMES: RateName[] = [
  'timeliness',
  'valid_handled',
  'reply_on_time',
  'return_visit',
  'satisfaction',
  'suggestion_reply',
  'valid_complaint_rate',
  'patrol_coverage',
  'finding_on_time',
  'minor_repair_on_time',
  'urgent_repair_on_time',
  'arrival_on_time',
  'rework_rate',
  'request_satisfaction',
  'renovation_violation_rate',
];

export type RateCmp = '>=' | '<' | '<=';

export interface RateDef {
  name: RateName;
  /** target as the exact fraction p/q */
  p: number;
  q: number;
  /** at least the target (>=), strictly below it (<), or at most it (<=) */
  cmp: RateCmp;
  /** the seed clause it comes from */
  source: string;
}

export const RATE_DEFS: Record<RateName, RateDef> = {
  timeliness: { name: 'timeliness', p: 1, q: 1, cmp: '>=', source: '[002] 2.6' },
  valid_handled: { name: 'valid_handled', p: 1, q: 1, cmp: '>=', source: '[000] 3' },
  reply_on_time: { name: 'reply_on_time', p: 1, q: 1, cmp: '>=', source: '[000] 3' },
  return_visit: { name: 'return_visit', p: 1, q: 1, cmp: '>=', source: '[002] 2.6' },
  satisfaction: { name: 'satisfaction', p: 95, q: 100, cmp: '>=', source: '[000] 7' },
  suggestion_reply: { name: 'suggestion_reply', p: 1, q: 1, cmp: '>=', source: '[002] 2.6' },
  valid_complaint_rate: { name: 'valid_complaint_rate', p: 1, q: 100, cmp: '<', source: '[003] 篇4' },
  patrol_coverage: { name: 'patrol_coverage', p: 1, q: 1, cmp: '>=', source: '[001] 篇2 3.4' },
  finding_on_time: { name: 'finding_on_time', p: 1, q: 1, cmp: '>=', source: '[001] 篇2 3.11' },
  minor_repair_on_time: { name: 'minor_repair_on_time', p: 1, q: 1, cmp: '>=', source: '[000] §7.6' },
  urgent_repair_on_time: { name: 'urgent_repair_on_time', p: 1, q: 1, cmp: '>=', source: '[000] §7.6' },
  arrival_on_time: { name: 'arrival_on_time', p: 1, q: 1, cmp: '>=', source: '[000] §7.1' },
  rework_rate: { name: 'rework_rate', p: 1, q: 100, cmp: '<=', source: '[000] §7.6' },
  request_satisfaction: { name: 'request_satisfaction', p: 95, q: 100, cmp: '>=', source: '[000] §7.6' },
  visit_coverage: { name: 'visit_coverage', p: 1, q: 1, cmp: '>=', source: '[001] 3.13' },
  // No figure in the seeds: at most 10 % of active sites with a violation (site setting renovation.violation_target).
  renovation_violation_rate: { name: 'renovation_violation_rate', p: 10, q: 100, cmp: '<=', source: '[001] 4.5.4' },
};

export interface Rate {
  name: RateName;
  /** fraction (0.95 for 95 %), null when nothing was due */
  value: number | null;
  target: number;
  cmp: RateCmp;
  /** null when there is no value */
  met: boolean | null;
  numerator: number;
  denominator: number;
  source: string;
}

/** A plain ratio rate: num/den against the rate's target. */
export function ratio(name: RateName, num: number, den: number): Rate {
  const d = RATE_DEFS[name];
  if (!Number.isInteger(num) || !Number.isInteger(den) || num < 0 || den < 0 || num > den)
    throw new RangeError(`rate ${name}: bad counts ${num}/${den}`);
  const value = den === 0 ? null : num / den;
  return { name, value, target: d.p / d.q, cmp: d.cmp, met: den === 0 ? null : compare(num * d.q, d.p * den, d.cmp), numerator: num, denominator: den, source: d.source };
}

function compare(a: number, b: number, cmp: RateCmp): boolean {
  return cmp === '>=' ? a >= b : cmp === '<=' ? a <= b : a < b;
}

/**
 * renovation_violation_rate: sites with a violation / active sites, against
 * the site's target (a fraction, default RATE_DEFS' 10 %), at most.
 */
export function violationRate(num: number, den: number, target?: number): Rate {
  const r = ratio('renovation_violation_rate', num, den);
  if (target === undefined || target === r.target) return r;
  // Exact comparison in millionths: num·10⁶ ≤ round(target·10⁶)·den.
  const p = Math.round(target * 1_000_000);
  return { ...r, target, met: den === 0 ? null : num * 1_000_000 <= p * den };
}

/**
 * Valid complaints per occupied unit, annualised: valid / occupied × (year /
 * elapsed), where elapsed is the part of the period already lived (ms).
 * A year is 365 days. Null when no unit is occupied or no time has elapsed.
 */
export function validComplaintRate(valid: number, occupied: number, elapsedMs: number): Rate {
  const d = RATE_DEFS.valid_complaint_rate;
  const YEAR = 365 * 86_400_000;
  const den = occupied * elapsedMs;
  const value = occupied > 0 && elapsedMs > 0 ? (valid * YEAR) / den : null;
  return {
    name: 'valid_complaint_rate',
    value,
    target: d.p / d.q,
    cmp: d.cmp,
    met: value === null ? null : compare(valid * YEAR * d.q, d.p * den, d.cmp),
    numerator: valid,
    denominator: occupied,
    source: d.source,
  };
}

/** What the report's SQL counted; see src/app/report/complaints.ts for each scope. */
export interface RateCounts {
  /** complaints (kind complaint) with a clock decided in the period, and those with all of them met */
  timely_complaints: number;
  timely_met: number;
  /** valid complaints received in the period, and those resolved by its end */
  valid_received: number;
  valid_resolved: number;
  /** `reply` clocks due in the period (decided), and those met */
  reply_due: number;
  reply_met: number;
  /** `return_visit` clocks of valid complaints due in the period (decided), and those done */
  visit_due: number;
  visit_done: number;
  /** of the visits done: with a result, and satisfied + basic */
  visited_rated: number;
  visited_satisfied: number;
  /** `suggestion_reply` clocks due in the period (decided), and those met */
  suggestion_due: number;
  suggestion_met: number;
  /** valid complaints received in the period, occupied units, and elapsed ms of the period */
  valid_complaints: number;
  occupied_units: number;
  elapsed_ms: number;
}

export function computeRates(c: RateCounts): Rate[] {
  return [
    ratio('timeliness', c.timely_met, c.timely_complaints),
    ratio('valid_handled', c.valid_resolved, c.valid_received),
    ratio('reply_on_time', c.reply_met, c.reply_due),
    ratio('return_visit', c.visit_done, c.visit_due),
    ratio('satisfaction', c.visited_satisfied, c.visited_rated),
    ratio('suggestion_reply', c.suggestion_met, c.suggestion_due),
    validComplaintRate(c.valid_complaints, c.occupied_units, c.elapsed_ms),
  ];
}

/** What a report counted of the service requests (src/store/request.ts, SPEC §11). */
export interface RequestRateCounts {
  /** `done` clocks of minor / urgent repairs due in the period (decided), and those met */
  minor_due: number;
  minor_met: number;
  urgent_due: number;
  urgent_met: number;
  /** arrivals in the period against an appointment, and those within the window */
  arrivals: number;
  arrivals_within: number;
  /** repairs done in the period, and those of them reworked */
  repairs_done: number;
  repairs_reworked: number;
  /** return visits in the period, and those satisfied or basic */
  visits_rated: number;
  visits_satisfied: number;
}

/** The five request rates of SPEC §11 (complaint rates never read requests). */
export function computeRequestRates(c: RequestRateCounts): Rate[] {
  return [
    ratio('minor_repair_on_time', c.minor_met, c.minor_due),
    ratio('urgent_repair_on_time', c.urgent_met, c.urgent_due),
    ratio('arrival_on_time', c.arrivals_within, c.arrivals),
    ratio('rework_rate', c.repairs_reworked, c.repairs_done),
    ratio('request_satisfaction', c.visits_satisfied, c.visits_rated),
  ];
}

/** Percent text for humans: 95 %, 92.3 %, 0.41 % (small rates keep two decimals). */
export function pctText(v: number | null): string {
  if (v === null) return '—';
  const p = v * 100;
  const s = p !== 0 && Math.abs(p) < 1 ? p.toFixed(2) : p.toFixed(1);
  return s.replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1') + '%';
}

/**
 * How a clock due in [since, until) stands at the report's end, in the words
 * of clockState (src/domain/clock-state.ts) evaluated at min(now, until):
 * events from `until` on are not yet done. The SQL twin is
 * CLOCK_STATE_SQL in src/app/report/complaints.ts (tested against this).
 */
export function clockStateAtEnd(c: { due_at: number; done_at: number | null }, now: number, until: number): 'met' | 'breached' | 'overdue' | 'pending' {
  const done = c.done_at !== null && c.done_at < until ? c.done_at : null;
  // started_at only matters for due_soon, which a report counts as pending.
  const s = clockState({ started_at: c.due_at, due_at: c.due_at, done_at: done, skipped: 0 }, Math.min(now, until));
  return s === 'met' || s === 'breached' || s === 'overdue' ? s : 'pending';
}
