// Meetings (SPEC §7, [004] 会议制度, [001]): the month's plan, scheduling with
// notice, the attendance register with its fines, minutes, and action items.
import { NotFound, RuleRefused, UsageError } from '../../errors.js';
import type { Refusal } from '../../domain/keys.js';
import {
  DEFAULT_FINES,
  DEFAULT_TIMES,
  attendanceFine,
  actionState,
  checkActionOpen,
  checkCancel,
  checkDisrupt,
  checkExcused,
  checkHeld,
  checkLeave,
  checkNotice,
  checkStarted,
  noticeDays,
  noticeShort,
  planMonth,
  slotOf,
  type ActionState,
  type Attendance,
  type FineRates,
  type FineReason,
  type MeetingType,
  type PlannedSlot,
} from '../../domain/meeting.js';
import { dueAfter, isDuration, parseDuration } from '../../domain/duration.js';
import { endOfLocalDay, fromLocal, localDate, parseTime, type Period } from '../../domain/time.js';
import { getSetting, nextId, setSetting } from '../../store/common.js';
import { writeTx } from '../../store/db.js';
import * as store from '../../store/meeting.js';
import type { ActionRecord, AttendanceRow, FineRow, MeetingRow, MeetingSummary, WarningRow } from '../../store/meeting.js';
import { type Ctx, audit, eventTime, idDate, requireActiveStaff, requireWriter } from '../context.js';
import { issueDueWarnings, issueWarning } from './warnings.js';

export type { AttendanceRow, FineRow, MeetingRow, MeetingSummary, WarningRow } from '../../store/meeting.js';

export interface ActionRow extends ActionRecord {
  state: ActionState;
}

// ---------------------------------------------------------------- helpers

const FINE_SETTING = 'meeting.fines';

function refuse(r: Refusal | null): void {
  if (r) throw new RuleRefused(r.key, r.params ?? {}, r.fix);
}

export function fineRates(ctx: Ctx): FineRates {
  return { ...DEFAULT_FINES, ...getSetting<Partial<FineRates>>(ctx.db, FINE_SETTING, {}) };
}

export function getMeeting(ctx: Ctx, id: string): MeetingRow {
  const m = store.findMeeting(ctx.db, id);
  if (!m) throw new NotFound('err.meeting_not_found', { id }, 'fix.meeting_list');
  return m;
}

/** A meeting that was not called off: the one attendance, minutes and action items are recorded for. */
function heldMeeting(ctx: Ctx, id: string): MeetingRow {
  const m = getMeeting(ctx, id);
  refuse(checkHeld(m, ctx.tz));
  return m;
}

/**
 * Calls a meeting off, with a reason (a supervisor, who schedules them). Only
 * one that has not taken place: nothing recorded for it yet (attendance,
 * leave, minutes, fines, action items). It keeps its plan slot, so `meeting
 * plan` does not make it again; reports do not count it as held.
 */
export function cancelMeeting(ctx: Ctx, id: string, reason: string): MeetingRow {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'supervisor', action: 'action.meeting_schedule' });
    const why = reason.trim();
    if (!why) throw new UsageError('err.meeting_cancel_reason', {}, 'fix.meeting_cancel_reason');
    const before = heldMeeting(ctx, id);
    refuse(checkCancel(before, store.recordedCount(ctx.db, id)));
    const at = ctx.clock.now();
    store.markCancelled(ctx.db, id, at, ctx.actor?.code ?? null, why);
    const after = getMeeting(ctx, id);
    audit(ctx, 'meeting.cancel', 'meeting:' + id, { cancelled_at: null }, { cancelled_at: at, cancel_reason: why });
    return after;
  });
}

function requireStarted(ctx: Ctx, m: MeetingRow): void {
  refuse(checkStarted(m, ctx.clock.now(), ctx.tz));
}

/** A meeting time: a full time, or a bare date meaning the type's default time. */
export function meetingTime(ctx: Ctx, text: string, type: MeetingType): number {
  const s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    parseTime(s, ctx.clock.now(), ctx.tz); // validates the date
    return fromLocal(`${s} ${DEFAULT_TIMES[type].start}:00`, ctx.tz);
  }
  return parseTime(s, ctx.clock.now(), ctx.tz);
}

/**
 * An action item's deadline: a bare date means the end of that day (限期 …日),
 * a duration (3d, 2wd) counts from now, anything else is a time.
 */
export function actionDue(ctx: Ctx, text: string): number {
  const s = text.trim();
  const now = ctx.clock.now();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    parseTime(s, now, ctx.tz);
    return endOfLocalDay(s, ctx.tz);
  }
  if (isDuration(s)) return dueAfter(now, parseDuration(s), ctx.calendar(), ctx.tz);
  return parseTime(s, now, ctx.tz);
}

/**
 * Who is invited when no list is given: the cs department (below the center
 * director) to a morning meeting, supervisors and above (below company
 * leaders) of every department to the monthly analysis meeting, and the
 * scheduler's department to the others.
 */
function defaultAttendees(ctx: Ctx, type: MeetingType, dept: string | null): string[] {
  if (dept) return store.activeCodesOfDept(ctx.db, dept);
  if (type === 'morning') return store.morningInvitees(ctx.db);
  if (type === 'monthly') return store.monthlyInvitees(ctx.db);
  return store.activeCodesOfDept(ctx.db, ctx.actor?.department ?? 'cs');
}

function insertMeeting(
  ctx: Ctx,
  m: Omit<MeetingRow, 'id' | 'minutes' | 'minutes_at' | 'minutes_by' | 'created_at' | 'created_by' | 'cancelled_at' | 'cancelled_by' | 'cancel_reason'>,
  attendees: string[],
): MeetingRow {
  const id = nextId(ctx.db, 'M', idDate(ctx, m.starts_at));
  const now = ctx.clock.now();
  store.insertMeeting(ctx.db, { ...m, id, created_at: now, created_by: ctx.actor?.code ?? null });
  for (const code of attendees) store.addInvitee(ctx.db, id, code);
  const row = getMeeting(ctx, id);
  audit(ctx, 'meeting.schedule', 'meeting:' + id, null, { ...row, attendees });
  return row;
}

// ---------------------------------------------------------------- plan

export interface PlanResult {
  month: string;
  created: MeetingRow[];
  existing: number;
  /** the month's year has no official holiday data (Monday–Friday assumed) */
  fallback: boolean;
  moved: PlannedSlot[];
}

export function planMeetings(ctx: Ctx, ym: string, opts: { weekly?: boolean } = {}): PlanResult {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'supervisor', action: 'action.meeting_schedule' });
    issueDueWarnings(ctx);
    const cal = ctx.calendar();
    const slots = planMonth(ym, cal, opts);
    const created: MeetingRow[] = [];
    let existing = 0;
    const now = ctx.clock.now();
    for (const s of slots) {
      if (store.slotTaken(ctx.db, s.slot)) {
        existing++;
        continue;
      }
      const starts = fromLocal(`${s.date} ${s.start}:00`, ctx.tz);
      created.push(
        insertMeeting(
          ctx,
          {
            type: s.type,
            starts_at: starts,
            ends_at: s.end ? fromLocal(`${s.date} ${s.end}:00`, ctx.tz) : null,
            topic: null,
            location: null,
            dept: s.type === 'morning' ? 'cs' : null,
            host: ctx.actor?.code ?? null,
            notified_at: now,
            short_notice: null,
            slot: s.slot,
          },
          defaultAttendees(ctx, s.type, null),
        ),
      );
    }
    return { month: ym, created, existing, fallback: !cal.hasOfficialData(+ym.slice(0, 4)), moved: slots.filter((s) => s.moved_from) };
  });
}

// ---------------------------------------------------------------- schedule

export interface ScheduleInput {
  type: MeetingType;
  at: string;
  topic?: string;
  location?: string;
  attendees?: string[];
  dept?: string;
  host?: string;
  shortNotice?: string;
  notifiedAt?: string;
}

export function scheduleMeeting(ctx: Ctx, i: ScheduleInput): MeetingRow & { notice_days: number } {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'supervisor', action: 'action.meeting_schedule' });
    issueDueWarnings(ctx);
    const starts = meetingTime(ctx, i.at, i.type);
    const notified = eventTime(ctx, i.notifiedAt);
    const days = noticeDays(localDate(notified, ctx.tz), localDate(starts, ctx.tz));
    const reason = i.shortNotice?.trim() || null;
    refuse(checkNotice(i.type, localDate(notified, ctx.tz), localDate(starts, ctx.tz), reason));
    let attendees: string[];
    if (i.attendees?.length) attendees = [...new Set(i.attendees.map((c) => requireActiveStaff(ctx.db, c).code))];
    else attendees = defaultAttendees(ctx, i.type, i.dept ?? null);
    if (!attendees.length) throw new UsageError('err.meeting_no_attendees', {}, 'fix.meeting_attendees');
    if (i.host) requireActiveStaff(ctx.db, i.host);
    const date = localDate(starts, ctx.tz);
    const slot = slotOf(i.type, date);
    const slotFree = slot && !store.slotTaken(ctx.db, slot);
    const row = insertMeeting(
      ctx,
      {
        type: i.type,
        starts_at: starts,
        ends_at: i.type === 'morning' ? fromLocal(`${date} ${DEFAULT_TIMES.morning.end}:00`, ctx.tz) : null,
        topic: i.topic ?? null,
        location: i.location ?? null,
        dept: i.attendees?.length ? null : (i.dept ?? (i.type === 'morning' ? 'cs' : i.type === 'monthly' ? null : (ctx.actor?.department ?? null))),
        host: i.host ?? ctx.actor?.code ?? null,
        notified_at: notified,
        // only a special meeting under the week's notice needs (and keeps) a reason
        short_notice: noticeShort(i.type, localDate(notified, ctx.tz), date) ? reason : null,
        slot: slotFree ? slot : null,
      },
      attendees,
    );
    return { ...row, notice_days: days };
  });
}

// ---------------------------------------------------------------- attendance

function ensureOnList(ctx: Ctx, meetingId: string, code: string): void {
  store.addInvitee(ctx.db, meetingId, code);
}

function attendanceRow(ctx: Ctx, meetingId: string, code: string): AttendanceRow {
  return store.attendanceOf(ctx.db, meetingId, code)!;
}

export function recordLeave(ctx: Ctx, id: string, code: string, opts: { at?: string; note?: string }): AttendanceRow {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'clerk', action: 'action.meeting_attend' });
    issueDueWarnings(ctx);
    const m = heldMeeting(ctx, id);
    requireActiveStaff(ctx.db, code);
    const at = eventTime(ctx, opts.at);
    refuse(checkLeave(m, at, ctx.tz));
    ensureOnList(ctx, id, code);
    const before = attendanceRow(ctx, id, code);
    store.setLeave(ctx.db, id, code, at, opts.note ?? null);
    const after = attendanceRow(ctx, id, code);
    audit(ctx, 'meeting.leave', 'meeting:' + id, before, after);
    return after;
  });
}

export interface AttendResult {
  rows: AttendanceRow[];
  fines: { staff: string; reason: FineReason; amount_yuan: number }[];
}

export function recordAttendance(ctx: Ctx, id: string, codes: string[], status: Attendance, opts: { leaveRequested?: string; note?: string }): AttendResult {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'clerk', action: 'action.meeting_attend' });
    issueDueWarnings(ctx);
    const m = heldMeeting(ctx, id);
    requireStarted(ctx, m);
    const now = ctx.clock.now();
    const rates = fineRates(ctx);
    const out: AttendResult = { rows: [], fines: [] };
    const leaveGiven = opts.leaveRequested ? eventTime(ctx, opts.leaveRequested) : null;
    for (const code of [...new Set(codes)]) {
      requireActiveStaff(ctx.db, code);
      ensureOnList(ctx, id, code);
      const before = attendanceRow(ctx, id, code);
      let leave = before.leave_requested_at;
      if (status === 'excused') {
        leave = leaveGiven ?? leave;
        refuse(checkExcused(code, m, leave, ctx.tz));
      }
      if (before.status === status && leave === before.leave_requested_at && (opts.note ?? before.note) === before.note) {
        out.rows.push(before);
        continue;
      }
      // A correction voids the earlier attendance fine; the new status brings its own.
      const by = ctx.actor?.code ?? null;
      store.voidAttendanceFines(ctx.db, id, code, now, by);
      store.setAttendance(ctx.db, { meetingId: id, code, status, leave, note: opts.note ?? null, at: now, by });
      const fine = attendanceFine(status, rates);
      if (fine) {
        store.insertFine(ctx.db, {
          meetingId: id,
          code,
          reason: fine.reason,
          amount: fine.amount,
          meetingAt: m.starts_at,
          note: opts.note ?? null,
          at: now,
          by,
        });
        out.fines.push({ staff: code, reason: fine.reason, amount_yuan: fine.amount });
      }
      const after = attendanceRow(ctx, id, code);
      audit(ctx, 'meeting.attend', 'meeting:' + id, before, { ...after, fine: fine ? fine.amount : 0 });
      out.rows.push(after);
    }
    return out;
  });
}

export function recordDisruption(ctx: Ctx, id: string, code: string, note?: string): FineRow {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'clerk', action: 'action.meeting_attend' });
    issueDueWarnings(ctx);
    const m = heldMeeting(ctx, id);
    requireStarted(ctx, m);
    requireActiveStaff(ctx.db, code);
    ensureOnList(ctx, id, code);
    const a = attendanceRow(ctx, id, code);
    refuse(checkDisrupt(code, id, a.status, store.hasDisruptionFine(ctx.db, id, code)));
    const now = ctx.clock.now();
    const amount = fineRates(ctx).disrupt;
    const fid = store.insertFine(ctx.db, {
      meetingId: id,
      code,
      reason: 'disrupt',
      amount,
      meetingAt: m.starts_at,
      note: note ?? null,
      at: now,
      by: ctx.actor?.code ?? null,
    });
    const fine = store.fineById(ctx.db, fid)!;
    audit(ctx, 'meeting.disrupt', 'meeting:' + id, null, fine);
    return fine;
  });
}

// ---------------------------------------------------------------- minutes

export function recordMinutes(ctx: Ctx, id: string, text: string): MeetingRow {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'clerk', action: 'action.meeting_minutes' });
    issueDueWarnings(ctx);
    const before = heldMeeting(ctx, id);
    requireStarted(ctx, before);
    if (!text.trim()) throw new UsageError('err.meeting_minutes_empty', {}, 'fix.meeting_minutes');
    store.setMinutes(ctx.db, id, text.trim(), ctx.clock.now(), ctx.actor?.code ?? null);
    const after = getMeeting(ctx, id);
    audit(ctx, 'meeting.minutes', 'meeting:' + id, { minutes: before.minutes }, { minutes: after.minutes });
    return after;
  });
}

// ---------------------------------------------------------------- action items

function withState(ctx: Ctx, r: ActionRecord): ActionRow {
  return { ...r, state: actionState(r.due_at, r.done_at, ctx.clock.now()) };
}

export function getAction(ctx: Ctx, id: string): ActionRow {
  const r = store.findAction(ctx.db, id);
  if (!r) throw new NotFound('err.meeting_action_not_found', { id }, 'fix.meeting_action_list');
  return withState(ctx, r);
}

export function addAction(ctx: Ctx, meetingId: string, i: { owner: string; due: string; text: string }): ActionRow {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'clerk', action: 'action.meeting_minutes' });
    issueDueWarnings(ctx);
    const m = heldMeeting(ctx, meetingId);
    requireStarted(ctx, m);
    requireActiveStaff(ctx.db, i.owner);
    if (!i.text.trim()) throw new UsageError('err.meeting_action_text_empty', {}, 'fix.meeting_action_text');
    const due = actionDue(ctx, i.due);
    const now = ctx.clock.now();
    if (due <= now) throw new UsageError('err.meeting_action_due_past', { due: i.due }, 'fix.meeting_action_due');
    const id = nextId(ctx.db, 'MA', idDate(ctx, m.starts_at));
    store.insertAction(ctx.db, { id, meetingId, owner: i.owner, dueAt: due, text: i.text.trim(), at: now, by: ctx.actor?.code ?? null });
    const row = getAction(ctx, id);
    audit(ctx, 'meeting.action_add', 'action:' + id, null, row);
    return row;
  });
}

export function completeAction(ctx: Ctx, id: string, i: { result: string; at?: string }): ActionRow & { warning_issued: boolean; warning_withdrawn: boolean } {
  return writeTx(ctx.db, () => {
    issueDueWarnings(ctx);
    const before = getAction(ctx, id);
    // The owner reports the result ([004] 把处理结果上报); the desk may record it for them.
    if (!ctx.actor || ctx.actor.code !== before.owner) requireWriter(ctx, { minRole: 'clerk', action: 'action.meeting_action_done' });
    refuse(checkActionOpen(before));
    if (!i.result.trim()) throw new UsageError('err.meeting_action_result_empty', {}, 'fix.meeting_action_result');
    const at = eventTime(ctx, i.at, before.created_at);
    store.markActionDone(ctx.db, id, at, i.result.trim(), ctx.actor?.code ?? null);
    let issued = false;
    let withdrawn = false;
    const now = ctx.clock.now();
    if (at > before.due_at) issued = issueWarning(ctx, { id, owner: before.owner, due_at: before.due_at }, now);
    else {
      // Done in time but recorded late: a warning issued meanwhile was wrong.
      withdrawn = store.withdrawWarning(ctx.db, id, now, 'done before the deadline');
    }
    const after = getAction(ctx, id);
    audit(ctx, 'meeting.action_done', 'action:' + id, before, { ...after, warning_withdrawn: withdrawn });
    return { ...after, warning_issued: issued, warning_withdrawn: withdrawn };
  });
}

export function listActions(ctx: Ctx, f: { owner?: string; meeting?: string; state?: string }): ActionRow[] {
  return store.actionList(ctx.db, { ...f, now: ctx.clock.now() }).map((r) => withState(ctx, r));
}

export function listWarnings(ctx: Ctx, f: { staff?: string; all?: boolean }): WarningRow[] {
  return store.warningList(ctx.db, f);
}

// ---------------------------------------------------------------- reading

export function listMeetings(ctx: Ctx, f: { since: number; until: number; type?: string }): MeetingSummary[] {
  return store.meetingSummaries(ctx.db, f);
}

export interface MeetingDetail {
  meeting: MeetingRow;
  attendance: AttendanceRow[];
  fines: FineRow[];
  actions: ActionRow[];
}

export function meetingDetail(ctx: Ctx, id: string): MeetingDetail {
  const meeting = getMeeting(ctx, id);
  const attendance = store.attendanceList(ctx.db, id);
  const fines = store.finesOfMeeting(ctx.db, id);
  return { meeting, attendance, fines, actions: listActions(ctx, { meeting: id }) };
}

export interface StaffFines {
  staff: string;
  name: string;
  total_yuan: number;
  items: FineRow[];
  warnings: number;
}

/** Fines per person for meetings held in the period, highest total first. */
export function finesFor(ctx: Ctx, p: Period, staff?: string): StaffFines[] {
  const rows = store.finesBetween(ctx.db, p.since, p.until, staff);
  const by = new Map<string, StaffFines>();
  for (const r of rows) {
    let s = by.get(r.staff);
    if (!s) by.set(r.staff, (s = { staff: r.staff, name: r.name, total_yuan: 0, items: [], warnings: 0 }));
    s.total_yuan += r.amount_yuan;
    s.items.push(r);
  }
  for (const s of by.values()) s.warnings = store.warningCount(ctx.db, s.staff, p.since, p.until);
  return [...by.values()].sort((a, b) => b.total_yuan - a.total_yuan || a.staff.localeCompare(b.staff));
}

export function setFineRate(ctx: Ctx, reason: FineReason, amount: number): FineRates {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'manager', action: 'action.meeting_fines_set' });
    if (!Number.isInteger(amount) || amount < 0 || amount > 10000)
      throw new UsageError('err.meeting_bad_amount', { value: String(amount) }, 'fix.meeting_amount');
    const before = fineRates(ctx);
    const stored = getSetting<Partial<FineRates>>(ctx.db, FINE_SETTING, {});
    setSetting(ctx.db, FINE_SETTING, { ...stored, [reason]: amount }, ctx.clock.now(), ctx.actor?.code ?? null);
    const after = fineRates(ctx);
    audit(ctx, 'meeting.fines_set', 'setting:' + FINE_SETTING, before, after);
    return after;
  });
}
