// Meeting rules of [004] 会议制度管理规定 and [001]: which standard meetings a
// month has, the week's notice of a special meeting, leave before the meeting
// day, the fines, and the state of an action item. Pure: dates and instants in,
// decisions out; each check* returns the refusal (message key + params) or
// null, and the app layer turns it into exit 4.
import type { WorkCalendar } from './calendar.js';
import type { Refusal } from './keys.js';
import { addDays, dayjs, formatLocal, isoWeekday, localDate } from './time.js';

export const MEETING_TYPES = ['morning', 'weekly', 'monthly', 'special', 'training'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const ATTENDANCE = ['present', 'late', 'early', 'absent', 'excused'] as const;
export type Attendance = (typeof ATTENDANCE)[number];

export const FINE_REASONS = ['late', 'early', 'absent', 'disrupt'] as const;
export type FineReason = (typeof FINE_REASONS)[number];
export type FineRates = Record<FineReason, number>;

/** [004] 违规处理: late or leaving early 10 yuan, unexcused absence 20, disrupting the meeting 20. */
export const DEFAULT_FINES: FineRates = { late: 10, early: 10, absent: 20, disrupt: 20 };

/** Default wall times (HH:MM) and, for the morning meeting, its end ([004] 晨会 8:05–8:30). */
export const DEFAULT_TIMES: Record<MeetingType, { start: string; end?: string }> = {
  morning: { start: '08:05', end: '08:30' },
  // [001] 3.12 only says "every week"; a site usually holds it after the day's work.
  weekly: { start: '16:00' },
  monthly: { start: '10:00' },
  special: { start: '14:00' },
  training: { start: '14:00' },
};

/** [004] 专题会议 "将在会前一周通知": at least 7 calendar days between notice and meeting. */
export const SPECIAL_NOTICE_DAYS = 7;

export function isMeetingType(v: string): v is MeetingType {
  return (MEETING_TYPES as readonly string[]).includes(v);
}
export function isAttendance(v: string): v is Attendance {
  return (ATTENDANCE as readonly string[]).includes(v);
}

/** Every date of a month 'YYYY-MM'. */
export function monthDates(ym: string): string[] {
  const out: string[] = [];
  for (let d = ym + '-01'; d.startsWith(ym); d = addDays(d, 1)) out.push(d);
  return out;
}

/** The last Saturday of a month ([004] 月分析例会: 每月最后一周的周六). */
export function lastSaturday(ym: string): string {
  const last = dayjs
    .utc(ym + '-01')
    .add(1, 'month')
    .subtract(1, 'day')
    .format('YYYY-MM-DD');
  const back = (isoWeekday(last) - 6 + 7) % 7;
  return addDays(last, -back);
}

export function isoWeekLabel(date: string): string {
  const d = dayjs.utc(date);
  return `${d.isoWeekYear()}-W${String(d.isoWeek()).padStart(2, '0')}`;
}

export interface PlannedSlot {
  type: MeetingType;
  date: string;
  start: string;
  end?: string;
  /** the slot a month's plan fills once: morning:2026-12-03, weekly:2026-W49, monthly:2026-12 */
  slot: string;
  /** set when the standard date was moved (e.g. the last Saturday is a statutory holiday) */
  moved_from?: string;
}

/**
 * The standard meetings of a month: a morning meeting on every working day
 * (adjusted Saturdays included), the monthly analysis meeting on the last
 * Saturday at 10:00 — put off to the next working day when that Saturday is a
 * holiday ([004] 遇节假日月例会顺延) — and, when asked, a weekly meeting on the
 * first working day of each week that starts its working days in the month.
 */
export function planMonth(ym: string, cal: WorkCalendar, opts: { weekly?: boolean } = {}): PlannedSlot[] {
  const out: PlannedSlot[] = [];
  const weeks = new Set<string>();
  for (const d of monthDates(ym)) {
    if (!cal.isWorkday(d)) continue;
    out.push({ type: 'morning', date: d, ...DEFAULT_TIMES.morning, slot: `morning:${d}` });
    const w = isoWeekLabel(d);
    if (opts.weekly && !weeks.has(w)) {
      weeks.add(w);
      // only when no working day of that week fell in the previous month
      let prev = addDays(d, -1);
      let firstOfWeek = true;
      while (isoWeekLabel(prev) === w) {
        if (cal.isWorkday(prev)) firstOfWeek = false;
        prev = addDays(prev, -1);
      }
      if (firstOfWeek) out.push({ type: 'weekly', date: d, start: DEFAULT_TIMES.weekly.start, slot: `weekly:${w}` });
    }
  }
  const sat = lastSaturday(ym);
  const info = cal.info(sat);
  const isHoliday = info.reason === 'holiday' || info.reason === 'site_holiday';
  const date = isHoliday ? cal.nextWorkday(sat, false) : sat;
  out.push({ type: 'monthly', date, start: DEFAULT_TIMES.monthly.start, slot: `monthly:${ym}`, ...(isHoliday ? { moved_from: sat } : {}) });
  return out.sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start));
}

/** The plan slot a meeting of `type` on `date` fills (special and training meetings fill none). */
export function slotOf(type: MeetingType, date: string): string | null {
  if (type === 'morning') return `morning:${date}`;
  if (type === 'weekly') return `weekly:${isoWeekLabel(date)}`;
  if (type === 'monthly') return `monthly:${date.slice(0, 7)}`;
  return null;
}

/** Calendar days between the notice date and the meeting date. */
export function noticeDays(noticeDate: string, meetingDate: string): number {
  return dayjs.utc(meetingDate).diff(dayjs.utc(noticeDate), 'day');
}

/** Meetings that need a week's notice: special ([004] 专题会议会前一周通知) and, v2, training ([001]). */
export const NOTICE_TYPES: readonly MeetingType[] = ['special', 'training'];

/** A special or training meeting needs a week's notice. */
export function noticeShort(type: MeetingType, noticeDate: string, meetingDate: string): boolean {
  return NOTICE_TYPES.includes(type) && noticeDays(noticeDate, meetingDate) < SPECIAL_NOTICE_DAYS;
}

/** Leave counts only when requested before the meeting day ([004] 应在前一天请假). */
export function leaveInTime(leaveDate: string, meetingDate: string): boolean {
  return leaveDate < meetingDate;
}

/** The fine an attendance status carries (present and excused carry none). */
export function attendanceFine(status: Attendance, rates: FineRates): { reason: FineReason; amount: number } | null {
  if (status === 'late' || status === 'early' || status === 'absent') return { reason: status, amount: rates[status] };
  return null;
}

/** The state of an action item, in the clock vocabulary used everywhere else. */
export type ActionState = 'pending' | 'overdue' | 'met' | 'breached';

export function actionState(dueAt: number, doneAt: number | null, now: number): ActionState {
  if (doneAt !== null) return doneAt <= dueAt ? 'met' : 'breached';
  return now > dueAt ? 'overdue' : 'pending';
}

/** Parse a fine setting name: late, early, absent, disrupt (disrupting accepted). */
export function parseFineReason(v: string): FineReason | undefined {
  const s = v.trim().toLowerCase();
  const alias: Record<string, FineReason> = { disrupting: 'disrupt', 迟到: 'late', 早退: 'early', 缺席: 'absent', 扰乱: 'disrupt' };
  if ((FINE_REASONS as readonly string[]).includes(s)) return s as FineReason;
  return alias[s] ?? alias[v.trim()];
}

// ---- refusals (each returns the refusal, or null) ----------------------------------------

/** A meeting as the rules see it. */
export interface MeetingFacts {
  id: string;
  starts_at: number;
  minutes: string | null;
  cancelled_at: number | null;
  cancel_reason: string | null;
}

/** Nothing is recorded for a meeting that was called off. */
export function checkHeld(m: Pick<MeetingFacts, 'id' | 'cancelled_at' | 'cancel_reason'>, tz: string): Refusal | null {
  if (m.cancelled_at === null) return null;
  return {
    key: 'err.meeting_cancelled',
    params: { id: m.id, at: formatLocal(m.cancelled_at, tz), reason: m.cancel_reason ?? '' },
    fix: 'fix.meeting_schedule_new',
  };
}

/** Only a meeting that has not taken place is called off: no attendance, leave, fines, action items (`recorded`) or minutes. */
export function checkCancel(m: Pick<MeetingFacts, 'id' | 'minutes'>, recorded: number): Refusal | null {
  return recorded > 0 || m.minutes !== null ? { key: 'err.meeting_took_place', params: { id: m.id }, fix: 'fix.meeting_took_place' } : null;
}

/** Attendance, disruptions, minutes and action items are recorded once the meeting has started. */
export function checkStarted(m: Pick<MeetingFacts, 'id' | 'starts_at'>, now: number, tz: string): Refusal | null {
  return now < m.starts_at ? { key: 'err.meeting_not_started', params: { id: m.id, at: formatLocal(m.starts_at, tz) }, fix: 'fix.meeting_wait' } : null;
}

/** [004] 专题会议会前一周通知: a special or training meeting under a week's notice needs a stated reason. */
export function checkNotice(type: MeetingType, noticeDate: string, meetingDate: string, reason: string | null): Refusal | null {
  if (!noticeShort(type, noticeDate, meetingDate) || reason) return null;
  return { key: 'err.meeting_short_notice', params: { days: noticeDays(noticeDate, meetingDate), need: SPECIAL_NOTICE_DAYS }, fix: 'fix.meeting_short_notice' };
}

/** `meeting leave`: leave is asked for before the meeting day ([004] 应在前一天请假). */
export function checkLeave(m: Pick<MeetingFacts, 'id' | 'starts_at'>, leaveAt: number, tz: string): Refusal | null {
  const date = localDate(m.starts_at, tz);
  return leaveInTime(localDate(leaveAt, tz), date) ? null : { key: 'err.meeting_leave_late', params: { id: m.id, date }, fix: 'fix.meeting_leave_late' };
}

/** Excused means leave asked for in time; without it the person is absent. */
export function checkExcused(code: string, m: Pick<MeetingFacts, 'id' | 'starts_at'>, leaveAt: number | null, tz: string): Refusal | null {
  if (leaveAt === null) return { key: 'err.meeting_no_leave', params: { code, id: m.id }, fix: 'fix.meeting_no_leave' };
  const date = localDate(m.starts_at, tz);
  return leaveInTime(localDate(leaveAt, tz), date) ? null : { key: 'err.meeting_leave_late', params: { id: m.id, date }, fix: 'fix.meeting_no_leave' };
}

/** A disruption is recorded for someone in the room, once per meeting. */
export function checkDisrupt(code: string, meetingId: string, status: Attendance | null, alreadyFined: boolean): Refusal | null {
  if (status === 'absent' || status === 'excused') return { key: 'err.meeting_disrupt_absent', params: { code, status }, fix: 'fix.meeting_attend_first' };
  if (alreadyFined) return { key: 'err.meeting_disrupt_twice', params: { code, id: meetingId }, fix: 'fix.meeting_show' };
  return null;
}

/** An action item is reported done once. */
export function checkActionOpen(a: { id: string; done_at: number | null }): Refusal | null {
  return a.done_at === null ? null : { key: 'err.meeting_action_already_done', params: { id: a.id }, fix: 'fix.meeting_action_list' };
}
