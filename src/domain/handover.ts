// Shift handover rules (SPEC §6, [004] 交接班管理制度): which shift a handover
// closes, when a shift's handover is due, what blocks acceptance, when the
// supervisor's daily review is due, and the after-hours window the 08:00
// handover with security carries. Pure: instants in, instants out.
import type { WorkCalendar } from './calendar.js';
import { addDays, endOfLocalDay, fromLocal, localDate, MINUTE } from './time.js';

export interface ShiftDef {
  code: string;
  /** 'HH:MM' site time */
  start: string;
  /** 'HH:MM'; at or before start means the shift ends the next day */
  end: string;
}

/** Default shifts: the desk's day and the monitoring room's night, meeting at 08:00 and 18:00 as in [004] §3. */
export const DEFAULT_SHIFTS: ShiftDef[] = [
  { code: 'day', start: '08:00', end: '18:00' },
  { code: 'night', start: '18:00', end: '08:00' },
];

/** Default checklist items (交接检查事项) drawn from [004] and [002]. */
export const DEFAULT_CHECKLIST = ['duty_log', 'keys', 'radio_phone', 'cctv', 'pending', 'patrol', 'desk'];

/** [004] §3: the handover with the security monitoring room at 08:00 and 18:00. */
export const SECURITY_TIMES = { morning: '08:00', evening: '18:00' };

/** A handover waiting this long for acceptance is overdue (SPEC §6). */
export const ACCEPT_WITHIN_MS = 30 * MINUTE;
/** A shift's handover is due this long after the shift ends. */
export const SHIFT_GRACE_MS = 30 * MINUTE;

const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export function isHhmm(s: string): boolean {
  return HHMM.test(s);
}

export function normHhmm(s: string): string {
  const m = HHMM.exec(s.trim());
  if (!m) throw new RangeError('not HH:MM: ' + s);
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}

function at(date: string, hhmm: string, tz: string): number {
  return fromLocal(`${date} ${normHhmm(hhmm)}:00`, tz);
}

/** Start and end instants of a shift that starts on `date`. */
export function shiftBounds(s: ShiftDef, date: string, tz: string): { start: number; end: number } {
  const overnight = normHhmm(s.end) <= normHhmm(s.start);
  return { start: at(date, s.start, tz), end: at(overnight ? addDays(date, 1) : date, s.end, tz) };
}

/** The date of the occurrence of shift `s` whose end is nearest to instant `t` (a handover closes the shift ending about then). */
export function shiftDateFor(s: ShiftDef, t: number, tz: string): string {
  const today = localDate(t, tz);
  let best = today;
  let bestGap = Infinity;
  for (const d of [addDays(today, -1), today, addDays(today, 1)]) {
    const gap = Math.abs(shiftBounds(s, d, tz).end - t);
    if (gap < bestGap) {
      best = d;
      bestGap = gap;
    }
  }
  return best;
}

/** The shift ending nearest to `t`: the default for `handover start` without --shift. */
export function shiftEndingNear(shifts: ShiftDef[], t: number, tz: string): { shift: ShiftDef; date: string } {
  let best: { shift: ShiftDef; date: string; gap: number } | undefined;
  for (const s of shifts) {
    const date = shiftDateFor(s, t, tz);
    const gap = Math.abs(shiftBounds(s, date, tz).end - t);
    if (!best || gap < best.gap) best = { shift: s, date, gap };
  }
  if (!best) throw new RangeError('no shifts');
  return { shift: best.shift, date: best.date };
}

export interface FormLine {
  kind: string;
  item: string;
  result: 'ok' | 'fail' | null;
}

export type AcceptBlocker =
  | { rule: 'giver_is_taker' }
  | { rule: 'not_pending'; status: string }
  | { rule: 'unacknowledged'; items: string[] };

/**
 * Why the taker may not sign yet: giver = taker, a handover already closed,
 * or any checklist or carried line without √/× ([004] 2.1, SPEC §6).
 */
export function acceptBlockers(h: { from: string; to: string; status: string; lines: FormLine[] }): AcceptBlocker[] {
  const out: AcceptBlocker[] = [];
  if (h.from === h.to) out.push({ rule: 'giver_is_taker' });
  if (h.status !== 'pending') out.push({ rule: 'not_pending', status: h.status });
  const open = h.lines.filter((l) => l.result === null).map((l) => l.item);
  if (open.length) out.push({ rule: 'unacknowledged', items: open });
  return out;
}

/** The day's review is due by the end of the next working day after it ([004] 2.3 每天由领班负责审阅签名). */
export function reviewDue(date: string, cal: WorkCalendar, tz: string): number {
  return endOfLocalDay(cal.addWorkingDays(date, 1), tz);
}

/**
 * The after-hours window a security handover at `t` lists: for the morning
 * handover, from the previous evening's handover time to this morning's; the
 * evening handover opens the night and carries the open items only (null).
 */
export function afterHoursWindow(t: number, tz: string, times = SECURITY_TIMES): { since: number; until: number } | null {
  const today = localDate(t, tz);
  // The nearest morning or evening slot decides which handover this is.
  const slots = [addDays(today, -1), today, addDays(today, 1)].flatMap((d) => [
    { kind: 'morning' as const, date: d, at: at(d, times.morning, tz) },
    { kind: 'evening' as const, date: d, at: at(d, times.evening, tz) },
  ]);
  slots.sort((a, b) => Math.abs(a.at - t) - Math.abs(b.at - t));
  const s = slots[0];
  if (s.kind === 'evening') return null;
  return { since: at(addDays(s.date, -1), times.evening, tz), until: s.at };
}

export interface MissedShift {
  shift: string;
  date: string;
  /** shift end + grace */
  due_at: number;
}

/**
 * Shifts of the dates `from`…(today) whose handover is due before `until`
 * (now + horizon) and not covered. `covered(shift, date)` says whether an
 * accepted handover exists or the supervisor reviewed that day.
 */
export function missedShifts(
  shifts: ShiftDef[],
  from: string,
  now: number,
  horizonMs: number,
  tz: string,
  covered: (shift: string, date: string) => boolean,
  graceMs = SHIFT_GRACE_MS,
): MissedShift[] {
  const out: MissedShift[] = [];
  const last = localDate(now, tz);
  for (let d = from; d <= last; d = addDays(d, 1)) {
    for (const s of shifts) {
      const b = shiftBounds(s, d, tz);
      const due = b.end + graceMs;
      // Only shifts that have begun: a shift not yet started needs no handover.
      if (b.start > now || due > now + horizonMs) continue;
      if (!covered(s.code, d)) out.push({ shift: s.code, date: d, due_at: due });
    }
  }
  return out;
}

/** A security handover started this close to 08:00 or 18:00 is that slot's handover. */
export const SECURITY_SLOT_WINDOW_MS = 2 * 60 * MINUTE;

export interface MissedSecuritySlot {
  /** `YYYY-MM-DD HH:MM` site time */
  slot: string;
  at: number;
  /** the slot + the shift grace (30 min) */
  due_at: number;
}

/**
 * SPEC §6, [004] §3: the handover with security is due at 08:00 and 18:00.
 * The slots after `since` (the site's first security handover) whose due time
 * is before now + horizon and near which no security handover was started
 * (`started`: start instants of security handovers not refused).
 */
export function missedSecurityHandovers(since: number, now: number, horizonMs: number, started: number[], tz: string, times = SECURITY_TIMES): MissedSecuritySlot[] {
  const out: MissedSecuritySlot[] = [];
  const last = localDate(now + horizonMs, tz);
  for (let d = localDate(since, tz); d <= last; d = addDays(d, 1)) {
    for (const hhmm of [times.morning, times.evening]) {
      const t = at(d, hhmm, tz);
      if (t < since - SECURITY_SLOT_WINDOW_MS) continue;
      const due = t + SHIFT_GRACE_MS;
      if (due > now + horizonMs) continue;
      if (started.some((s) => Math.abs(s - t) <= SECURITY_SLOT_WINDOW_MS)) continue;
      out.push({ slot: `${d} ${normHhmm(hhmm)}`, at: t, due_at: due });
    }
  }
  return out;
}
