// Visits, surveys and community events (SPEC §14; [001] 3.13, 4.7; [000]
// §6.7–6.12; [002] 2.10). Pure: the clock, the calendar and the records are
// passed in.
import { wilson } from './rates.js';
import { addDays, makePeriod, periodStart, shiftPeriod, type Period } from './time.js';

export const VISIT_METHODS = ['home', 'phone'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];
export const EVENT_TYPES = ['forum', 'community'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const RAISE_KINDS = ['request', 'complaint'] as const;

/** Default share of an area's occupied units to visit each quarter: every household once a year. */
export const DEFAULT_VISIT_TARGET = 0.25;
/** [002] 2.10: post-event visits to at least 10 % of attendees, satisfaction of at least 80 %. */
export const EVENT_MIN_VISITED = 0.1;
export const EVENT_MIN_SATISFACTION = 80;
/** Days after an event by which its visits and satisfaction are recorded. */
export const EVENT_RECORD_DAYS = 14;

/** How many units a clerk must visit in a quarter: ⌈target × occupied units of the area⌉. */
export function visitTarget(occupied: number, target: number): number {
  return Math.max(0, Math.ceil(occupied * target - 1e-9));
}

export interface PlanLine {
  staff: string;
  buildings: string[];
  occupied: number;
  visited: number;
  target: number;
  /** visits still needed to reach the target (0 once met) */
  short: number;
  /** occupied units of the area not visited this quarter, in natural order */
  to_visit: string[];
}

/** One clerk's quarter: the area's occupied units, those visited, what remains. */
export function planLine(staff: string, buildings: string[], occupiedUnits: string[], visitedUnits: ReadonlySet<string>, target: number): PlanLine {
  const visited = occupiedUnits.filter((u) => visitedUnits.has(u)).length;
  const t = visitTarget(occupiedUnits.length, target);
  return {
    staff,
    buildings,
    occupied: occupiedUnits.length,
    visited,
    target: t,
    short: Math.max(0, t - visited),
    to_visit: occupiedUnits.filter((u) => !visitedUnits.has(u)),
  };
}

/**
 * A survey answer as a score 1–5: a digit, or the words of a three-level
 * survey (满意 5, 基本满意 4, 不满意 2; "一般" 3). Null: not a score.
 */
const WORD_SCORES: Record<string, number> = {
  满意: 5,
  非常满意: 5,
  很满意: 5,
  基本满意: 4,
  比较满意: 4,
  一般: 3,
  不满意: 2,
  不太满意: 2,
  很不满意: 1,
  非常不满意: 1,
  satisfied: 5,
  basic: 4,
  neutral: 3,
  unsatisfied: 2,
};
export function scoreOf(text: string): number | null {
  const t = text.normalize('NFKC').trim().toLowerCase();
  if (/^[1-5]$/.test(t)) return Number(t);
  return WORD_SCORES[t] ?? null;
}

/** Satisfied: 4 or 5 (满意 and 基本满意), as the return-visit satisfaction counts satisfied + basic. */
export function isSatisfied(score: number): boolean {
  return score >= 4;
}

export interface IndexFigure {
  question: string;
  answers: number;
  satisfied: number;
  /** satisfied / answers, null with no answers */
  index: number | null;
  mean: number | null;
  /** 95 % Wilson interval of the index */
  low: number | null;
  high: number | null;
}

/** 95 % Wilson score interval of k successes in n trials: the one in domain/rates.ts (null with none). */
export { wilson };

export function indexFigure(question: string, scores: readonly number[]): IndexFigure {
  const satisfied = scores.filter(isSatisfied).length;
  const w = wilson(satisfied, scores.length);
  return {
    question,
    answers: scores.length,
    satisfied,
    index: scores.length ? satisfied / scores.length : null,
    mean: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
    low: w?.low ?? null,
    high: w?.high ?? null,
  };
}

/** The quarter holding a local date. */
export function quarterOf(date: string, tz: string): Period {
  return makePeriod('quarter', periodStart('quarter', date), tz);
}

/** The quarter before `q`. */
export function previousQuarter(q: Period, tz: string): Period {
  return makePeriod('quarter', shiftPeriod('quarter', q.from, -1), tz);
}

/** `date` plus `months` calendar months (the 31st of a short month: its last day). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** What an event's record lacks against [002] 2.10, or null when it meets both floors. */
export function eventShortfall(e: {
  attendance: number | null;
  visited: number | null;
  satisfaction: number | null;
}): 'not_recorded' | 'few_visited' | 'low_satisfaction' | null {
  if (e.attendance === null || e.visited === null || e.satisfaction === null) return 'not_recorded';
  if (e.attendance > 0 && e.visited < Math.ceil(e.attendance * EVENT_MIN_VISITED - 1e-9)) return 'few_visited';
  if (e.satisfaction < EVENT_MIN_SATISFACTION) return 'low_satisfaction';
  return null;
}

export { addDays };
