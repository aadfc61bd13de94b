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
  if (!m || +m[1] <= 0 || +m[1] > 100000)
    throw new UsageError('err.bad_duration', { value: text }, 'fix.duration_format');
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

/** Human rendering of a span of minutes: 2d 3h, 45m. */
export function formatSpan(ms: number): string {
  const neg = ms < 0;
  let m = Math.round(Math.abs(ms) / MINUTE);
  const d = Math.floor(m / 1440);
  m -= d * 1440;
  const h = Math.floor(m / 60);
  m -= h * 60;
  const parts = [];
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m || !parts.length) parts.push(`${m}m`);
  return (neg ? '-' : '') + parts.slice(0, 2).join(' ');
}
