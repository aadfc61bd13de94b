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
  /** 95 % Wilson interval while the denominator is under SMALL_DENOMINATOR (else null) */
  ci: Interval | null;
  source: string;
}

export interface Interval {
  low: number;
  high: number;
}

/** Below this many in the denominator a rate also shows its 95 % interval (SPEC §8 v2). */
export const SMALL_DENOMINATOR = 20;

/** z for a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

/**
 * The Wilson score interval of num/den (95 % by default): where the true rate
 * plausibly lies when only `den` cases were seen, so 2 of 3 reads as
 * 21 %–94 %, not as a bare 67 %. Null when den is 0. Bounds clamped to [0, 1].
 */
export function wilson(num: number, den: number, z = Z95): Interval | null {
  if (!Number.isInteger(num) || !Number.isInteger(den) || num < 0 || den < 0 || num > den) throw new RangeError(`wilson: bad counts ${num}/${den}`);
  if (den === 0) return null;
  const p = num / den;
  const z2 = z * z;
  const d = 1 + z2 / den;
  const centre = (p + z2 / (2 * den)) / d;
  const half = (z / d) * Math.sqrt((p * (1 - p)) / den + z2 / (4 * den * den));
  // At 0 and den the interval touches the edge exactly (floating point leaves 1e-17).
  const low = num === 0 ? 0 : Math.max(0, centre - half);
  const high = num === den ? 1 : Math.min(1, centre + half);
  return { low, high };
}

/** The interval a report shows beside a rate: only for 0 < den < SMALL_DENOMINATOR. */
export function smallSampleInterval(num: number, den: number): Interval | null {
  return den > 0 && den < SMALL_DENOMINATOR ? wilson(num, den) : null;
}

/** A plain ratio rate: num/den against the rate's target. */
export function ratio(name: RateName, num: number, den: number): Rate {
  const d = RATE_DEFS[name];
  if (!Number.isInteger(num) || !Number.isInteger(den) || num < 0 || den < 0 || num > den) throw new RangeError(`rate ${name}: bad counts ${num}/${den}`);
  const value = den === 0 ? null : num / den;
  return {
    name,
    value,
    target: d.p / d.q,
    cmp: d.cmp,
    met: den === 0 ? null : compare(num * d.q, d.p * den, d.cmp),
    numerator: num,
    denominator: den,
    ci: smallSampleInterval(num, den),
    source: d.source,
  };
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

/** The valid complaint rate looks back this many months from the period's end, whatever the period. */
export const VALID_RATE_MONTHS = 12;

/**
 * Valid complaints of the 12 months ending at the period's end per occupied
 * unit ([003] 篇4 "有效投诉率力争在1%以下"), never annualised: a week's
 * report shows the same trailing year as the month's. Null with no occupied
 * unit. Valid complaints may outnumber units (a unit complaining twice), so
 * this is not a ratio() and has no interval.
 */
export function validComplaintRate(valid: number, occupied: number): Rate {
  const d = RATE_DEFS.valid_complaint_rate;
  if (!Number.isInteger(valid) || !Number.isInteger(occupied) || valid < 0 || occupied < 0)
    throw new RangeError(`valid complaint rate: bad counts ${valid}/${occupied}`);
  const value = occupied > 0 ? valid / occupied : null;
  return {
    name: 'valid_complaint_rate',
    value,
    target: d.p / d.q,
    cmp: d.cmp,
    met: value === null ? null : compare(valid * d.q, d.p * occupied, d.cmp),
    numerator: valid,
    denominator: occupied,
    ci: null,
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
  /** valid complaints received in the 12 months ending at the period's end, and occupied units */
  valid_complaints_12m: number;
  occupied_units: number;
}

export function computeRates(c: RateCounts): Rate[] {
  return [
    ratio('timeliness', c.timely_met, c.timely_complaints),
    ratio('valid_handled', c.valid_resolved, c.valid_received),
    ratio('reply_on_time', c.reply_met, c.reply_due),
    ratio('return_visit', c.visit_done, c.visit_due),
    ratio('satisfaction', c.visited_satisfied, c.visited_rated),
    ratio('suggestion_reply', c.suggestion_met, c.suggestion_due),
    validComplaintRate(c.valid_complaints_12m, c.occupied_units),
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
