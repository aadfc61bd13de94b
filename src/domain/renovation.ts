// Renovation management (装修管理, SPEC §13; [000] §11, [001] 4.5.4, [002]):
// statuses, trades, money and every rule as a check* function returning the
// refusal (message key + params) or null, as in domain/keys.ts. Pure: dates
// and instants come in, no clock, no I/O.
import type { Refusal } from './keys.js';
import { isValidIdNumber } from './people.js';

export type { Refusal };

export const RENOVATION_STATUSES = ['applied', 'reviewed', 'rejected', 'approved', 'stopped', 'completed', 'accepted', 'closed'] as const;
export type RenovationStatus = (typeof RENOVATION_STATUSES)[number];

/** Trades of a worker's pass; electricians and welders are special work ([000] §11.5). */
export const TRADES = ['general', 'electrician', 'welder', 'plumber', 'carpenter', 'mason', 'painter'] as const;
export type Trade = (typeof TRADES)[number];
export const CERTIFIED_TRADES: readonly Trade[] = ['electrician', 'welder'];

export const REVIEW_RESULTS = ['ok', 'reject'] as const;
export const INSPECT_RESULTS = ['ok', 'violation'] as const;
export const ACCEPT_RESULTS = ['pass', 'fail'] as const;

/** Site statuses of a permit in force: work may go on (approved) or is stopped. */
export const ACTIVE_STATUSES: readonly RenovationStatus[] = ['approved', 'stopped'];

/** Default days to put a violation right ([001] 4.5.4: 限期整改). */
export const NOTICE_DEFAULT_DAYS = 3;
/** An approved site is inspected at least once a week. */
export const INSPECT_EVERY_DAYS = 7;
/** Completion accepted within this many working days. */
export const ACCEPT_WITHIN = '3wd';
/** Deposit settled within this many days of acceptance. */
export const REFUND_WITHIN_DAYS = 30;
/** One 2 kg dry-powder extinguisher per 50 m², part of 50 m² counting as 50 ([000] §11.6). */
export const M2_PER_EXTINGUISHER = 50;
/** renovation_violation_rate: sites with a violation / active sites, target ≤ 10 % unless the site sets another. */
export const DEFAULT_VIOLATION_TARGET = 0.1;

export function isRenovationStatus(s: string): s is RenovationStatus {
  return (RENOVATION_STATUSES as readonly string[]).includes(s);
}

/** ⌈area ÷ 50⌉, at least one (an unknown or small area counts as 50 m²). */
export function extinguishersNeeded(areaM2: number | null | undefined): number {
  if (!areaM2 || !(areaM2 > 0)) return 1;
  return Math.max(1, Math.ceil(areaM2 / M2_PER_EXTINGUISHER - 1e-9));
}

/** Yuan as typed (`5000`, `5000.5`, `¥1,200.00`) → integer fen; undefined when not a sum of money. */
export function parseYuan(text: string): number | undefined {
  const s = text
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/,/g, '')
    .replace(/元$/, '');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(s)) return undefined;
  const [int, dec = ''] = s.split('.');
  return Number(int) * 100 + Number((dec + '00').slice(0, 2));
}

/** fen → yuan as a number (JSON) */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100;
}

export interface RenovationFacts {
  id: string;
  status: RenovationStatus;
  /** YYYY-MM-DD, site dates */
  start: string;
  end: string;
  deposit_fen: number;
  open_notices: number;
}

const refusal = (key: string, params: Record<string, string | number>, fix?: string): Refusal => ({ key, params, fix });

/** An application: dates in order (the permit runs from start to end, both days included). */
export function checkDates(start: string, end: string): Refusal | null {
  if (end < start) return refusal('err.reno_end_before_start', { start, end }, 'fix.reno_dates');
  return null;
}

/** The step needs the renovation in one of `from`. */
export function checkStatus(r: Pick<RenovationFacts, 'id' | 'status'>, from: readonly RenovationStatus[], step: string): Refusal | null {
  if (from.includes(r.status)) return null;
  return refusal('err.reno_wrong_status', { id: r.id, status: 'enum.reno_' + r.status, step: 'enum.reno_step_' + step }, 'fix.reno_show');
}

export function checkReview(r: RenovationFacts): Refusal | null {
  return checkStatus(r, ['applied'], 'review');
}

export function checkApprove(r: RenovationFacts): Refusal | null {
  return checkStatus(r, ['reviewed'], 'approve');
}

/** Passes, extinguishers and inspections: only once the permit is granted ([000] §11.1). */
export function checkOnSite(r: RenovationFacts, step: 'pass' | 'extinguishers' | 'inspect'): Refusal | null {
  if (r.status === 'applied' || r.status === 'reviewed' || r.status === 'rejected')
    return refusal('err.reno_not_approved', { id: r.id, step: 'enum.reno_step_' + step }, 'fix.reno_approve_first');
  return checkStatus(r, ACTIVE_STATUSES, step);
}

export interface PassRequest {
  name: string;
  idNumber: string;
  trade: Trade;
  certificate?: string | null;
  /** the day the pass is issued, YYYY-MM-DD site date */
  today: string;
}

export function checkPass(r: RenovationFacts, p: PassRequest): Refusal | null {
  const s = checkOnSite(r, 'pass');
  if (s) return s;
  if (p.today > r.end) return refusal('err.reno_pass_after_end', { id: r.id, end: r.end }, 'fix.reno_extend');
  if (!isValidIdNumber(p.idNumber)) return refusal('err.reno_bad_id_number', { name: p.name }, 'fix.reno_id_number');
  if (CERTIFIED_TRADES.includes(p.trade) && !p.certificate?.trim())
    return refusal('err.reno_certificate_required', { name: p.name, trade: 'enum.reno_trade_' + p.trade }, 'fix.reno_certificate');
  return null;
}

/** A pass is valid until the permit's end date (inclusive). */
export function passExpired(end: string, today: string): boolean {
  return today > end;
}

export function checkExtinguishers(r: RenovationFacts, count: number, areaM2: number | null): Refusal | null {
  const s = checkOnSite(r, 'extinguishers');
  if (s) return s;
  const need = extinguishersNeeded(areaM2);
  if (count < need) return refusal('err.reno_extinguishers_short', { count, need, area: areaM2 ?? 0 }, 'fix.reno_extinguishers');
  return null;
}

export function checkInspect(r: RenovationFacts): Refusal | null {
  return checkOnSite(r, 'inspect');
}

export function checkRectify(n: { id: string; rectified_at: number | null }): Refusal | null {
  if (n.rectified_at !== null) return refusal('err.reno_notice_done', { id: n.id }, 'fix.reno_show');
  return null;
}

export function checkComplete(r: RenovationFacts): Refusal | null {
  if (r.status === 'stopped') return refusal('err.reno_stopped', { id: r.id }, 'fix.reno_rectify_first');
  return checkStatus(r, ['approved'], 'complete');
}

/** Joint acceptance: after completion, never while a notice is open ([001] 4.5.4). */
export function checkAccept(r: RenovationFacts): Refusal | null {
  const s = checkStatus(r, ['completed'], 'accept');
  if (s) return s;
  if (r.open_notices > 0) return refusal('err.reno_notice_open', { id: r.id, n: r.open_notices }, 'fix.reno_rectify_first');
  return null;
}

/** The deposit back: only after acceptance; a deduction has a reason and is at most the deposit. */
export function checkRefund(r: RenovationFacts, deductFen: number, reason: string | null | undefined): Refusal | null {
  if (r.status === 'closed') return refusal('err.reno_refunded', { id: r.id }, 'fix.reno_show');
  if (r.status !== 'accepted') return refusal('err.reno_refund_before_acceptance', { id: r.id, status: 'enum.reno_' + r.status }, 'fix.reno_accept_first');
  if (deductFen > r.deposit_fen)
    return refusal('err.reno_deduct_over_deposit', { deduct: fenToYuan(deductFen), deposit: fenToYuan(r.deposit_fen) }, 'fix.reno_deduct');
  if (deductFen > 0 && !reason?.trim()) return refusal('err.reno_deduct_reason', { id: r.id }, 'fix.reno_deduct_reason');
  return null;
}

/** What a violation does to the site: a serious one stops the work. */
export function statusAfterViolation(status: RenovationStatus, serious: boolean): RenovationStatus {
  return serious && status === 'approved' ? 'stopped' : status;
}

/** Once no notice is open a stopped site resumes. */
export function statusAfterRectified(status: RenovationStatus, openNotices: number): RenovationStatus {
  return status === 'stopped' && openNotices === 0 ? 'approved' : status;
}

/** renovation_violation_rate counts: active sites in the window, and those with a violation. */
export interface ViolationCounts {
  active: number;
  with_violation: number;
}
