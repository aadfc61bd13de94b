// Instants are epoch milliseconds; local dates are 'YYYY-MM-DD' strings in the
// site's time zone. "now" is always passed in, never read here.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import isoWeek from 'dayjs/plugin/isoWeek.js';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import { UsageError } from '../errors.js';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(isoWeek);
dayjs.extend(customParseFormat);

export { dayjs };

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const offsetCache = new Map<string, Map<number, number>>();

/**
 * Zones whose UTC offset (minutes) has not changed since `since`: China has had
 * no daylight saving time since 1991-09-15. For them the offset is known
 * without asking Intl, whose ICU time-zone start-up costs 10–30 ms on every
 * command (SPEC §9 start-up budget). Earlier instants still go through Intl.
 */
const FIXED_ZONES = new Map<string, { off: number; since: number }>();
for (const z of ['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'PRC']) FIXED_ZONES.set(z, { off: 480, since: Date.UTC(1991, 8, 15) });
for (const z of ['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'GMT', 'Etc/GMT', 'Universal', 'Etc/Universal', 'Zulu', 'Etc/Zulu'])
  FIXED_ZONES.set(z, { off: 0, since: -Infinity });

const WALL_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Offset of `tz` from UTC in minutes at instant `ms` (cached per hour bucket). */
export function tzOffset(ms: number, tz: string): number {
  const fixed = FIXED_ZONES.get(tz);
  if (fixed && ms >= fixed.since) return fixed.off;
  let m = offsetCache.get(tz);
  if (!m) offsetCache.set(tz, (m = new Map()));
  const bucket = Math.floor(ms / HOUR);
  let off = m.get(bucket);
  if (off === undefined) {
    off = dayjs(ms).tz(tz).utcOffset();
    m.set(bucket, off);
  }
  return off;
}

/** ISO 8601 with the site offset, seconds precision: 2026-11-23T14:05:00+08:00 */
export function formatIso(ms: number, tz: string): string {
  const off = tzOffset(ms, tz);
  const d = new Date(ms + off * MINUTE);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return d.toISOString().slice(0, 19) + sign + String(Math.floor(a / 60)).padStart(2, '0') + ':' + String(a % 60).padStart(2, '0');
}

/** 'YYYY-MM-DD HH:mm' in site time, for tables. */
export function formatLocal(ms: number, tz: string): string {
  return formatIso(ms, tz).slice(0, 16).replace('T', ' ');
}

/** The site-local calendar date of an instant. */
export function localDate(ms: number, tz: string): string {
  return formatIso(ms, tz).slice(0, 10);
}

/** Instant of a site-local wall time 'YYYY-MM-DD HH:mm[:ss]'. */
export function fromLocal(wall: string, tz: string): number {
  const fixed = FIXED_ZONES.get(tz);
  const w = fixed ? WALL_RE.exec(wall) : null;
  if (fixed && w) {
    // Date.UTC rolls impossible dates over exactly as dayjs does.
    const ms = Date.UTC(+w[1], +w[2] - 1, +w[3], +w[4], +w[5], +(w[6] ?? 0)) - fixed.off * MINUTE;
    if (ms >= fixed.since + DAY) return ms;
  }
  const d = dayjs.tz(wall, tz);
  if (!d.isValid()) throw new UsageError('err.bad_time', { value: wall }, 'fix.time_format');
  return d.valueOf();
}

const endOfDayCache = new Map<string, number>();
/** 23:59:59 site time of a local date. */
export function endOfLocalDay(date: string, tz: string): number {
  const k = tz + date;
  let v = endOfDayCache.get(k);
  if (v === undefined) {
    v = fromLocal(date + ' 23:59:59', tz);
    endOfDayCache.set(k, v);
  }
  return v;
}

export function startOfLocalDay(date: string, tz: string): number {
  return fromLocal(date + ' 00:00:00', tz);
}

/** Epoch ms of a 'YYYY-MM-DD' at 00:00 UTC (plain arithmetic: the overdue scans call this per day). */
function utcDay(date: string): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
}

/** Calendar arithmetic on local dates (no time zone involved). */
export function addDays(date: string, n: number): string {
  return new Date(utcDay(date) + n * DAY).toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return new Date(utcDay(date)).getUTCDay() || 7;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const HHMM_RE = /^(\d{1,2}):(\d{2})$/;

function checkDate(y: number, mo: number, d: number, raw: string): void {
  const t = dayjs.utc(`${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  if (!t.isValid() || t.month() + 1 !== mo || t.date() !== d) throw new UsageError('err.bad_time', { value: raw }, 'fix.time_format');
}

function atHhmm(date: string, hhmm: string | undefined, tz: string, raw: string): number {
  if (!hhmm) return startOfLocalDay(date, tz);
  const m = HHMM_RE.exec(hhmm);
  if (!m || +m[1] > 23 || +m[2] > 59) throw new UsageError('err.bad_time', { value: raw }, 'fix.time_format');
  return fromLocal(`${date} ${m[1].padStart(2, '0')}:${m[2]}:00`, tz);
}

/**
 * Parse a time given on the command line: ISO 8601 (offset optional, site time
 * without), `now`, `today|yesterday|tomorrow [HH:MM]`, or a bare `HH:MM` (today).
 */
/** How far ahead a time may be (a loan due, a meeting planned): about a year. */
export const LATEST_AHEAD_MS = 366 * 86_400_000;

/**
 * A time typed on the command line, between 2000-01-01 and about a year
 * after now; outside that it is a usage error (a typo, not an event).
 */
export function parseTime(text: string, now: number, tz: string): number {
  const t = parseTimeAnyYear(text, now, tz);
  // (issue 14: `--at 1900-01-01` was accepted) 2000-01-01 00:00 site time is the earliest
  if (t < fromLocal('2000-01-01 00:00:00', tz) || t > now + LATEST_AHEAD_MS) throw new UsageError('err.time_range', { value: text.trim() }, 'fix.time_range');
  return t;
}

/** parseTime without the range (PMCTL_NOW itself, which "now" is measured from). */
export function parseTimeAnyYear(text: string, now: number, tz: string): number {
  const raw = text.trim();
  const lower = raw.toLowerCase();
  if (lower === 'now') return now;
  const words = /^(today|yesterday|tomorrow)(?:\s+(\S+))?$/.exec(lower);
  if (words) {
    const today = localDate(now, tz);
    const date = words[1] === 'today' ? today : addDays(today, words[1] === 'yesterday' ? -1 : 1);
    return atHhmm(date, words[2], tz, raw);
  }
  if (HHMM_RE.test(lower)) return atHhmm(localDate(now, tz), lower, tz, raw);
  const m = ISO_RE.exec(raw);
  if (!m) throw new UsageError('err.bad_time', { value: raw }, 'fix.time_format');
  const [, y, mo, d, hh = '0', mi = '0', ss = '0', off] = m;
  checkDate(+y, +mo, +d, raw);
  if (+hh > 23 || +mi > 59 || +ss > 59) throw new UsageError('err.bad_time', { value: raw }, 'fix.time_format');
  const wall = `${y}-${mo}-${d} ${hh.padStart(2, '0')}:${mi}:${ss.padStart(2, '0')}`;
  if (!off) return fromLocal(wall, tz);
  // With an explicit offset the instant needs no zone rules: an ISO 8601 date-time
  // with offset, its fields checked above, is what Date.parse reads exactly.
  const t = Date.parse(wall.replace(' ', 'T') + (off.toUpperCase() === 'Z' ? 'Z' : off.length === 5 ? off.slice(0, 3) + ':' + off.slice(3) : off));
  if (Number.isNaN(t)) throw new UsageError('err.bad_time', { value: raw }, 'fix.time_format');
  return t;
}

/** A local date 'YYYY-MM-DD' from the command line (also today/yesterday/tomorrow). */
export function parseDate(text: string, now: number, tz: string): string {
  const lower = text.trim().toLowerCase();
  const today = localDate(now, tz);
  if (lower === 'today') return today;
  if (lower === 'yesterday') return addDays(today, -1);
  if (lower === 'tomorrow') return addDays(today, 1);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(lower);
  if (!m) throw new UsageError('err.bad_date', { value: text }, 'fix.date_format');
  checkDate(+m[1], +m[2], +m[3], text);
  return lower;
}

export interface Period {
  since: number;
  until: number;
  /** first and last local dates covered */
  from: string;
  to: string;
  label: string;
  unit: 'day' | 'week' | 'month' | 'quarter' | 'range';
}

function periodOf(unit: 'week' | 'month' | 'quarter', startDate: string, tz: string): Period {
  const s = dayjs.utc(startDate);
  const e = unit === 'week' ? s.add(7, 'day') : unit === 'month' ? s.add(1, 'month') : s.add(3, 'month');
  const endDate = e.format('YYYY-MM-DD');
  const label =
    unit === 'week'
      ? `${s.isoWeekYear()}-W${String(s.isoWeek()).padStart(2, '0')}`
      : unit === 'month'
        ? s.format('YYYY-MM')
        : `${s.year()}-Q${Math.floor(s.month() / 3) + 1}`;
  return {
    since: startOfLocalDay(startDate, tz),
    until: startOfLocalDay(endDate, tz),
    from: startDate,
    to: addDays(endDate, -1),
    label,
    unit,
  };
}

/** Start date of the period `unit` containing local date `date`. */
export function periodStart(unit: 'week' | 'month' | 'quarter', date: string): string {
  const d = dayjs.utc(date);
  if (unit === 'week') return d.subtract(d.isoWeekday() - 1, 'day').format('YYYY-MM-DD');
  if (unit === 'month') return d.format('YYYY-MM-01');
  const q = Math.floor(d.month() / 3) * 3;
  return `${d.year()}-${String(q + 1).padStart(2, '0')}-01`;
}

/** Shift a period start by n periods. */
export function shiftPeriod(unit: 'week' | 'month' | 'quarter', start: string, n: number): string {
  const d = dayjs.utc(start);
  return (unit === 'week' ? d.add(7 * n, 'day') : d.add(unit === 'month' ? n : 3 * n, 'month')).format('YYYY-MM-DD');
}

export function makePeriod(unit: 'week' | 'month' | 'quarter', start: string, tz: string): Period {
  return periodOf(unit, start, tz);
}

/**
 * Period words of SPEC §1: this|last week|month|quarter, 2026-W47, 2026-11,
 * 2026-Q4, and a single date. `unit` gives the meaning of bare this/last.
 */
export function parsePeriod(text: string, now: number, tz: string, unit?: 'week' | 'month' | 'quarter'): Period {
  const raw = text.trim().toLowerCase();
  const today = localDate(now, tz);
  const rel = /^(this|last|next)(?:[\s-]+(week|month|quarter))?$/.exec(raw);
  if (rel) {
    const u = (rel[2] as 'week' | 'month' | 'quarter' | undefined) ?? unit;
    if (!u) throw new UsageError('err.bad_period', { value: text }, 'fix.period_format');
    const start = shiftPeriod(u, periodStart(u, today), rel[1] === 'this' ? 0 : rel[1] === 'last' ? -1 : 1);
    return periodOf(u, start, tz);
  }
  let m = /^(\d{4})-w(\d{1,2})$/.exec(raw);
  if (m) {
    const week = +m[2];
    // ISO week 1 is the week with 4 January in it.
    const jan4 = `${m[1]}-01-04`;
    const start = shiftPeriod('week', periodStart('week', jan4), week - 1);
    const p = periodOf('week', start, tz);
    if (week < 1 || week > 53 || p.label !== `${m[1]}-W${String(week).padStart(2, '0')}`)
      throw new UsageError('err.bad_period', { value: text }, 'fix.period_format');
    return p;
  }
  m = /^(\d{4})-(\d{2})$/.exec(raw);
  if (m && +m[2] >= 1 && +m[2] <= 12) return periodOf('month', `${m[1]}-${m[2]}-01`, tz);
  m = /^(\d{4})-q([1-4])$/.exec(raw);
  if (m) return periodOf('quarter', `${m[1]}-${String((+m[2] - 1) * 3 + 1).padStart(2, '0')}-01`, tz);
  if (raw === 'today' || raw === 'yesterday' || /^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    const d = parseDate(raw, now, tz);
    return {
      since: startOfLocalDay(d, tz),
      until: startOfLocalDay(addDays(d, 1), tz),
      from: d,
      to: d,
      label: d,
      unit: 'day',
    };
  }
  throw new UsageError('err.bad_period', { value: text }, 'fix.period_format');
}

/**
 * A `--since/--until` bound: a period word gives its start (since) or its end
 * (until, half-open); any time expression is taken as is.
 */
export function parseBound(text: string, now: number, tz: string, edge: 'since' | 'until'): number {
  const raw = text.trim().toLowerCase();
  if (/^(\d{4})-(w\d{1,2}|\d{2}|q[1-4])$/.test(raw) || /^(this|last)[\s-]+(week|month|quarter)$/.test(raw)) {
    const p = parsePeriod(raw, now, tz);
    return edge === 'since' ? p.since : p.until;
  }
  return parseTime(text, now, tz);
}
