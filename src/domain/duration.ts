// Durations of SPEC §1: 15m, 2h, 3d (elapsed time) and 2wd (working days, due at
// 23:59:59 site time of the N-th working day after the start date).
import { UsageError } from '../errors.js';
import type { DayInfo, WorkCalendar } from './calendar.js';
import { DAY, HOUR, MINUTE, endOfLocalDay, localDate } from './time.js';

export type DurationUnit = 'm' | 'h' | 'd' | 'wd';
export interface Duration {
  n: number;
  unit: DurationUnit;
}

const RE = /^(\d+)\s*(wd|m|h|d)$/i;

export function parseDuration(text: string): Duration {
  const m = RE.exec(text.trim());
  if (!m || +m[1] <= 0 || +m[1] > 100000) throw new UsageError('err.bad_duration', { value: text }, 'fix.duration_format');
  return { n: +m[1], unit: m[2].toLowerCase() as DurationUnit };
}

export function isDuration(text: string): boolean {
  return RE.test(text.trim());
}

export function formatDuration(d: Duration): string {
  return `${d.n}${d.unit}`;
}

const UNIT_MS: Record<'m' | 'h' | 'd', number> = { m: MINUTE, h: HOUR, d: DAY };

export interface DueExplanation {
  due: number;
  /** for working days: every day looked at after the start date */
  steps?: DayInfo[];
  /** true when a year without official data was assumed Monday–Friday */
  fallback: boolean;
}

/** Due instant of a clock started at `start` with duration `d`. */
export function dueAfter(start: number, d: Duration, cal: WorkCalendar, tz: string): number {
  if (d.unit !== 'wd') return start + d.n * UNIT_MS[d.unit];
  return endOfLocalDay(cal.addWorkingDays(localDate(start, tz), d.n), tz);
}

export function explainDue(start: number, d: Duration, cal: WorkCalendar, tz: string): DueExplanation {
  if (d.unit !== 'wd') return { due: start + d.n * UNIT_MS[d.unit], fallback: false };
  const { date, steps } = cal.addWorkingDaysTrace(localDate(start, tz), d.n);
  return { due: endOfLocalDay(date, tz), steps, fallback: steps.some((s) => s.fallback) };
}

const DURATION_WORDS: Record<'zh' | 'en', Record<string, [string, string]>> = {
  zh: { m: ['分钟', '分钟'], h: ['小时', '小时'], d: ['天', '天'], wd: ['个工作日', '个工作日'], y: ['年', '年'], mo: ['个月', '个月'] },
  en: { m: [' min', ' min'], h: [' h', ' h'], d: [' day', ' days'], wd: [' working day', ' working days'], y: [' year', ' years'], mo: [' month', ' months'] },
};

/**
 * A duration as a person reads it: `2wd` → 2个工作日 / 2 working days, `5y` →
 * 5年. Anything else (a word, `—`) is returned as it is for the caller to translate.
 */
export function humanDuration(text: string, lang: 'zh' | 'en'): string {
  const m = /^(\d+)(wd|mo|m|h|d|y)$/.exec(text.trim());
  if (!m) return text;
  const [one, many] = DURATION_WORDS[lang][m[2]];
  return m[1] + (m[1] === '1' ? one : many);
}

const SPAN_WORDS = { en: { d: 'd', h: 'h', m: 'm', sep: ' ' }, zh: { d: '天', h: '小时', m: '分', sep: '' } } as const;

/** Human rendering of a span of minutes: 2d 3h, 45m; in zh 2天3小时, 45分. */
export function formatSpan(ms: number, lang: 'zh' | 'en' = 'en'): string {
  const w = SPAN_WORDS[lang];
  const neg = ms < 0;
  let m = Math.round(Math.abs(ms) / MINUTE);
  const d = Math.floor(m / 1440);
  m -= d * 1440;
  const h = Math.floor(m / 60);
  m -= h * 60;
  const parts = [];
  if (d) parts.push(`${d}${w.d}`);
  if (h) parts.push(`${h}${w.h}`);
  if (m || !parts.length) parts.push(`${m}${w.m}`);
  return (neg ? '-' : '') + parts.slice(0, 2).join(w.sep);
}

/** The working days a clock's deadline was counted over, when its policy is in working days (`sla explain`). */
export function workingDaysOf(c: { started_at: number | null; policy: string | null }, cal: WorkCalendar, tz: string): { days: DayInfo[]; fallback: boolean } {
  if (c.started_at == null || !c.policy || !/wd$/.test(c.policy)) return { days: [], fallback: false };
  const e = explainDue(c.started_at, parseDuration(c.policy), cal, tz);
  return { days: e.steps ?? [], fallback: e.fallback };
}
