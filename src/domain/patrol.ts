// Patrols and inspections (巡楼、巡检, SPEC §12; seed [001] 篇2 3.4–3.5, 3.11,
// 3.15; [000] §8.1): pure rules. Each check returns the refusal (message key +
// params) or null, as in src/domain/keys.ts; the cadence functions list what
// is owed on which days, for the overdue scan and the reports. Clock and
// calendar are passed in; no fs, no Date.now.
import type { Refusal } from './keys.js';
import { addDays, endOfLocalDay, isoWeekday } from './time.js';

export type { Refusal };

export const PATROL_KINDS = ['units', 'public', 'joint', 'fire'] as const;
export type PatrolKind = (typeof PATROL_KINDS)[number];

export const PATROL_STATUSES = ['open', 'finished'] as const;
export type PatrolStatus = (typeof PATROL_STATUSES)[number];

/** What a clerk records per item; `not_checked` is written by `finish` only. */
export const CHECK_RESULTS = ['ok', 'issue'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number] | 'not_checked';

export const FINDING_STATUSES = ['open', 'planned', 'fixed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const CONTRACTORS = ['cleaning', 'greening', 'pest'] as const;
export type Contractor = (typeof CONTRACTORS)[number];

/** Kinds whose checklist is a site list (`patrol areas set|list`). */
export const AREA_LISTS = ['public', 'fire', 'joint'] as const;
export type AreaList = (typeof AREA_LISTS)[number];

/** [001] 篇2 3.5: the public areas a patrol looks at. */
export const DEFAULT_PUBLIC_AREAS = ['大堂入口', '电梯', '走廊', '墙面', '防火门', '消防箱', '通风窗', '灯罩', '楼梯扶手', '天台'];
/** [000] §8.1: the fire equipment inspected monthly (a site sets its own list). */
export const DEFAULT_FIRE_EQUIPMENT = ['灭火器', '消火栓', '消防水带', '应急照明', '疏散指示标志', '烟感报警器', '喷淋系统', '消防泵房', '防火门', '消防通道'];
/** [001] 篇2 3.11: what the joint walk with the cleaning and greening leads looks at. */
export const DEFAULT_JOINT_AREAS = ['楼道卫生', '垃圾收集点', '道路广场', '地下车库', '绿化带', '草坪', '树木修剪', '水景'];

export function defaultAreas(list: AreaList): string[] {
  return list === 'public' ? DEFAULT_PUBLIC_AREAS : list === 'fire' ? DEFAULT_FIRE_EQUIPMENT : DEFAULT_JOINT_AREAS;
}

/** [001] 篇2 3.11: what cannot be fixed on the spot gets a solution within 3 days. */
export const SOLUTION_WITHIN = '3d';

/** A joint walk needs at least this many a week ([001] 篇2 3.11). */
export const JOINT_PER_WEEK = 2;

/** The department a finding goes to when the clerk names none. */
export function defaultDept(kind: PatrolKind): string {
  return kind === 'joint' ? 'cleaning' : 'engineering';
}

export function isPatrolKind(s: string): s is PatrolKind {
  return (PATROL_KINDS as readonly string[]).includes(s);
}

// ---- rules ----------------------------------------------------------------

export interface Member {
  code: string;
  department: string;
}

/** A joint walk is with the cleaning and the greening leads: both departments in --with. */
export function checkJoint(kind: PatrolKind, withStaff: Member[]): Refusal | null {
  if (kind !== 'joint') return null;
  const missing = ['cleaning', 'greening'].filter((d) => !withStaff.some((m) => m.department === d));
  // One message per case, so no department code reaches a person (err.patrol_joint_no_cleaning_greening …).
  if (missing.length) return { key: 'err.patrol_joint_no_' + missing.join('_'), params: {}, fix: 'fix.patrol_joint_members' };
  return null;
}

/** A patrol has something to check: a units patrol on a site with no vacant unit has not. */
export function checkChecklist(kind: PatrolKind, items: string[]): Refusal | null {
  if (items.length) return null;
  return {
    key: kind === 'units' ? 'err.patrol_no_units' : 'err.patrol_no_items',
    params: { kind },
    fix: kind === 'units' ? 'fix.patrol_no_units' : 'fix.patrol_areas',
  };
}

export interface PatrolFacts {
  id: string;
  status: PatrolStatus;
}

/** Items are checked, and a patrol finished, only while it is open. */
export function checkOpen(p: PatrolFacts): Refusal | null {
  return p.status === 'open' ? null : { key: 'err.patrol_finished', params: { id: p.id }, fix: 'fix.patrol_new' };
}

export interface ItemFacts {
  item: string;
  result: CheckResult | null;
  finding_id: string | null;
}

/** An item that opened a finding is not checked again: the finding carries it. */
export function checkRecheck(i: ItemFacts): Refusal | null {
  if (i.finding_id) return { key: 'err.patrol_item_has_finding', params: { item: i.item, finding: i.finding_id }, fix: 'fix.finding_fix' };
  return null;
}

/** --fixed is for an issue put right on the spot. */
export function checkFixedFlag(result: CheckResult, fixed: boolean): Refusal | null {
  return fixed && result !== 'issue' ? { key: 'err.patrol_fixed_needs_issue', params: {}, fix: 'fix.patrol_fixed' } : null;
}

export interface FindingFacts {
  id: string;
  status: FindingStatus;
  opened_at: number;
}

/** A solution (with its fix deadline) is recorded for a finding not yet fixed, due after now. */
export function checkPlan(f: FindingFacts, at: number, fixDue: number): Refusal | null {
  if (f.status === 'fixed') return { key: 'err.finding_fixed', params: { id: f.id }, fix: 'fix.finding_show' };
  if (fixDue <= at) return { key: 'err.finding_due_past', params: { id: f.id }, fix: 'fix.finding_due' };
  return null;
}

export function checkFix(f: FindingFacts): Refusal | null {
  if (f.status === 'fixed') return { key: 'err.finding_fixed', params: { id: f.id }, fix: 'fix.finding_show' };
  return null;
}

/** A contractor's score is 0–100, for a month that has begun. */
export function checkRating(month: string, currentMonth: string, score: number): Refusal | null {
  if (!Number.isInteger(score) || score < 0 || score > 100) return { key: 'err.patrol_bad_score', params: { score: String(score) }, fix: 'fix.patrol_score' };
  if (month > currentMonth) return { key: 'err.patrol_rate_future', params: { month }, fix: 'fix.patrol_rate_month' };
  return null;
}

// ---- what is owed (overdue, reports) --------------------------------------

/** The Monday of a date's ISO week. */
export function weekMonday(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** ISO week label of a Monday: 2026-W49. */
export function weekLabel(monday: string): string {
  // The ISO year is the year of the week's Thursday.
  const thu = addDays(monday, 3);
  const jan4 = thu.slice(0, 4) + '-01-04';
  const w = 1 + Math.round((Date.parse(monday) - Date.parse(weekMonday(jan4))) / (7 * 86_400_000));
  return `${thu.slice(0, 4)}-W${String(w).padStart(2, '0')}`;
}

/** Last date of a month 'YYYY-MM'. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

export function nextMonth(month: string): string {
  return addDays(monthEnd(month), 1).slice(0, 7);
}

export interface Owed {
  /** the day, week (2026-W49), month, or month/contractor owed */
  id: string;
  what: 'units_patrol' | 'joint_patrol' | 'public_patrol' | 'fire_patrol' | 'contractor_rating';
  due_at: number;
  /** `public_patrol`: the week's roster buildings without a finished public patrol, in roster order */
  buildings?: string[];
  /** plain data for the list: joint walks done of those owed, the buildings missed */
  detail?: string;
}

export interface OwedInput {
  /** first local date counted (the site's first patrol or patrol.since) */
  since: string;
  /** today's local date */
  today: string;
  /** only what is due before this instant */
  until: number;
  tz: string;
  /** days, weeks, months looked back at most */
  lookback: { days: number; weeks: number; months: number };
  /** local dates with a finished units patrol */
  unitDays: Set<string>;
  /** Mondays → finished joint patrols that week */
  jointWeeks: Map<string, number>;
  /** Monday → the buildings with a finished public patrol that week */
  publicWeeks: Map<string, Set<string>>;
  buildings: string[];
  /** months (YYYY-MM) with a finished fire patrol */
  fireMonths: Set<string>;
  /** `YYYY-MM/contractor` rated */
  ratings: Set<string>;
}

/**
 * Everything the cadence of §12 owes and nobody did, due before `until`,
 * counted from `since` (never before) and at most `lookback` back: a day with
 * no finished units patrol (due 23:59:59), a week with fewer than two joint
 * patrols or with buildings missing their public patrol (one item naming
 * them; due Sunday 23:59:59), a
 * month without its fire patrol or a contractor's rating (due its last day
 * 23:59:59). A week or month counts only when it starts on or after `since`:
 * a site that starts patrolling on a Thursday owes its first joint walks the
 * Monday after, and its first fire inspection the month after.
 */
export function owedItems(o: OwedInput): Owed[] {
  const out: Owed[] = [];
  const max = (a: string, b: string) => (a > b ? a : b);
  // days
  for (let d = max(o.since, addDays(o.today, -o.lookback.days)); d <= o.today; d = addDays(d, 1)) {
    const due = endOfLocalDay(d, o.tz);
    if (due >= o.until) break;
    if (!o.unitDays.has(d)) out.push({ id: d, what: 'units_patrol', due_at: due });
  }
  // weeks
  const firstMonday = weekMonday(o.since) === o.since ? o.since : addDays(weekMonday(o.since), 7);
  for (let mon = max(firstMonday, weekMonday(addDays(o.today, -7 * o.lookback.weeks))); mon <= o.today; mon = addDays(mon, 7)) {
    const due = endOfLocalDay(addDays(mon, 6), o.tz);
    if (due >= o.until) break;
    const label = weekLabel(mon);
    const joint = o.jointWeeks.get(mon) ?? 0;
    if (joint < JOINT_PER_WEEK) out.push({ id: label, what: 'joint_patrol', due_at: due, detail: `${joint}/${JOINT_PER_WEEK}` });
    // One item a week naming the buildings missed: a big site's skipped week
    // is one line to act on, not hundreds that bury the urgent items.
    const done = o.publicWeeks.get(mon);
    const missed = done ? o.buildings.filter((b) => !done.has(b)) : o.buildings;
    if (missed.length) out.push({ id: label, what: 'public_patrol', due_at: due, buildings: missed, detail: missed.join(', ') });
  }
  // months
  const sinceMonth = o.since.endsWith('-01') ? o.since.slice(0, 7) : nextMonth(o.since.slice(0, 7));
  const firstMonth = max(sinceMonth, addDays(o.today, -31 * o.lookback.months).slice(0, 7));
  for (let m = firstMonth; m <= o.today.slice(0, 7); m = nextMonth(m)) {
    const due = endOfLocalDay(monthEnd(m), o.tz);
    if (due >= o.until) break;
    if (!o.fireMonths.has(m)) out.push({ id: m, what: 'fire_patrol', due_at: due });
    for (const c of CONTRACTORS) if (!o.ratings.has(m + '/' + c)) out.push({ id: `${m}/${c}`, what: 'contractor_rating', due_at: due });
  }
  return out;
}

/** Days from `since` to the end (exclusive), as local dates. */
export function daysBetween(from: string, toExclusive: string): string[] {
  const out: string[] = [];
  for (let d = from; d < toExclusive; d = addDays(d, 1)) out.push(d);
  return out;
}

export interface FindingClock {
  solution_due_at: number;
  planned_at: number | null;
  fix_due_at: number | null;
  fixed_at: number | null;
}

/**
 * A finding handled on time: a solution recorded (or the fix made) by the
 * solution deadline, and the fix made by the fix deadline (the solution
 * deadline when none was planned).
 */
export function findingOnTime(f: FindingClock): boolean {
  if (f.fixed_at === null) return false;
  const solved = Math.min(f.planned_at ?? Infinity, f.fixed_at);
  return solved <= f.solution_due_at && f.fixed_at <= (f.fix_due_at ?? f.solution_due_at);
}

/** The deadline a finding is waiting on: its solution, then its fix; null once fixed. */
export function findingDue(f: {
  status: FindingStatus;
  solution_due_at: number;
  fix_due_at: number | null;
}): { what: 'solution' | 'fix'; due_at: number } | null {
  if (f.status === 'open') return { what: 'solution', due_at: f.solution_due_at };
  if (f.status === 'planned' && f.fix_due_at !== null) return { what: 'fix', due_at: f.fix_due_at };
  return null;
}
