// Shift handover rules (SPEC §6, [004] 交接班管理制度): which shift a handover
// closes, when a shift's handover is due, who may give and take it, who
// acknowledges which line, what blocks acceptance, when the supervisor's daily
// review is due, and the after-hours window the 08:00 handover with security
// carries. Pure: instants in, instants out; each check* returns the refusal
// (message key + params) or null, and the app layer turns it into exit 4.
import type { WorkCalendar } from './calendar.js';
import type { Refusal } from './keys.js';
import { roleAtLeast, type Role } from './people.js';
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

export type AcceptBlocker = { rule: 'giver_is_taker' } | { rule: 'not_pending'; status: string } | { rule: 'unacknowledged'; items: string[] };

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
export function missedSecurityHandovers(
  since: number,
  now: number,
  horizonMs: number,
  started: number[],
  tz: string,
  times = SECURITY_TIMES,
): MissedSecuritySlot[] {
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

// ---- who may do what (each returns the refusal, or null) ------------------------------

/** A giver or taker as the rules see them. */
export interface Party {
  code: string;
  role: Role;
  department: string;
}

/** A form as the rules see it: its giver, taker and status. */
export interface FormFacts {
  id: string;
  from_staff: string;
  to_staff: string;
  status: string;
}

/** A site keeps at least one shift. */
export function checkShiftsLeft(remaining: readonly ShiftDef[]): Refusal | null {
  return remaining.length ? null : { key: 'err.handover_last_shift', params: {}, fix: 'fix.handover_shift_add' };
}

/** [004] §1: desk staff (clerk and above) hand over; §3: the monitoring room's guards take part in the security handover. */
export function checkGiver(giver: Party, security: boolean): Refusal | null {
  if (roleAtLeast(giver.role, 'clerk') || (security && giver.department === 'security')) return null;
  return { key: 'err.handover_start_role', params: { code: giver.code, role: giver.role }, fix: 'fix.ask_role' };
}

/**
 * The taker: someone else; for the security handover, the other side (desk ↔
 * monitoring room); otherwise a desk member (clerk and above).
 */
export function checkTaker(giver: Party, taker: Party, security: boolean): Refusal | null {
  if (taker.code === giver.code) return { key: 'err.handover_giver_is_taker', params: { code: giver.code }, fix: 'fix.handover_other_taker' };
  if (security && (giver.department === 'security') === (taker.department === 'security'))
    return { key: 'err.handover_security_side', params: {}, fix: 'fix.handover_security_side' };
  if (!security && !roleAtLeast(taker.role, 'clerk'))
    return { key: 'err.handover_taker_role', params: { code: taker.code, role: taker.role }, fix: 'fix.handover_with_security' };
  if (security && taker.department !== 'security' && !roleAtLeast(taker.role, 'clerk'))
    return { key: 'err.handover_taker_role', params: { code: taker.code, role: taker.role }, fix: 'fix.handover_other_taker' };
  return null;
}

/** One form per shift, date and side: none accepted, none waiting. */
export function checkShiftFree(live: { id: string; status: string } | undefined, shift: string, date: string): Refusal | null {
  if (!live) return null;
  if (live.status === 'accepted') return { key: 'err.handover_already_accepted', params: { shift, date, id: live.id }, fix: 'fix.handover_show' };
  return { key: 'err.handover_already_pending', params: { shift, date, id: live.id }, fix: 'fix.handover_finish_pending' };
}

/** Only a form waiting for the taker changes. */
export function checkPending(h: Pick<FormFacts, 'id' | 'status'>): Refusal | null {
  return h.status === 'pending' ? null : { key: 'err.handover_closed', params: { id: h.id, status: h.status }, fix: 'fix.handover_new' };
}

/** The giver and the taker mark the lines. */
export function checkParty(code: string, h: FormFacts): Refusal | null {
  if (code === h.from_staff || code === h.to_staff) return null;
  return { key: 'err.handover_not_party', params: { code, id: h.id, from: h.from_staff, to: h.to_staff }, fix: 'fix.handover_as_party' };
}

/** The diary and after-hours requests are the giver's. */
export function checkGiverOf(code: string, h: FormFacts): Refusal | null {
  return code === h.from_staff ? null : { key: 'err.handover_not_giver', params: { code, id: h.id, from: h.from_staff }, fix: 'fix.handover_as_giver' };
}

/** Accepting or refusing is the taker's. */
export function checkTakerOf(code: string, h: FormFacts): Refusal | null {
  return code === h.to_staff ? null : { key: 'err.handover_not_taker', params: { code, id: h.id, to: h.to_staff }, fix: 'fix.handover_as_taker' };
}

/** Lines carried in from the modules (not the checklist, not the giver's requests). */
export const CARRIED_KINDS_TAKER_ONLY: ReadonlySet<string> = new Set(['complaint', 'key_loan', 'archive_loan', 'action', 'request', 'service_request']);

/** Carried items are the taker's to acknowledge one by one ([002], [004] 1.5). */
export function checkLineMarker(code: string, line: { kind: string; item: string }, h: FormFacts): Refusal | null {
  if (!CARRIED_KINDS_TAKER_ONLY.has(line.kind) || code === h.to_staff) return null;
  return { key: 'err.handover_carried_taker', params: { item: line.item, to: h.to_staff }, fix: 'fix.handover_as_taker' };
}

/**
 * Whether `code` may sign the form now ([004] 2.1, SPEC §6): not the giver
 * taking from themselves, only a waiting form, only the taker, and every line
 * marked √ or × (the first eight open lines are named).
 */
export function checkAccept(code: string, h: FormFacts, lines: FormLine[]): Refusal | null {
  const blockers = acceptBlockers({ from: h.from_staff, to: h.to_staff, status: h.status, lines });
  for (const b of blockers) {
    if (b.rule === 'giver_is_taker') return { key: 'err.handover_giver_is_taker', params: { code: h.from_staff }, fix: 'fix.handover_other_taker' };
    if (b.rule === 'not_pending') return { key: 'err.handover_closed', params: { id: h.id, status: b.status }, fix: 'fix.handover_new' };
  }
  const notTaker = checkTakerOf(code, h);
  if (notTaker) return notTaker;
  const open = blockers.find((b) => b.rule === 'unacknowledged');
  if (open && open.rule === 'unacknowledged') {
    const shown = open.items.slice(0, 8).join(', ') + (open.items.length > 8 ? ' …' : '');
    return { key: 'err.handover_unacknowledged', params: { n: open.items.length, items: shown }, fix: 'fix.handover_check_each' };
  }
  return null;
}

/**
 * The supervisor signs a day once ([004] 2.3), after its last shift has ended
 * (a night shift ends the next morning) and with no form still waiting.
 */
export function checkReview(r: {
  date: string;
  now: number;
  lastEnd: number;
  reviewedBy: string | null | undefined;
  reviewed: boolean;
  pending: string[];
}): Refusal | null {
  if (r.now < r.lastEnd) return { key: 'err.handover_day_not_over', params: { date: r.date }, fix: 'fix.handover_review_later' };
  if (r.reviewed) return { key: 'err.handover_reviewed', params: { date: r.date, by: r.reviewedBy ?? '' }, fix: 'fix.handover_show' };
  if (r.pending.length) return { key: 'err.handover_review_pending', params: { date: r.date, ids: r.pending.join(', ') }, fix: 'fix.handover_finish_pending' };
  return null;
}
