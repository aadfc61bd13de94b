// The meeting refusals (src/domain/meeting.ts check*): each rule from a table.
import { describe, expect, it } from 'vitest';
import {
  type Attendance,
  type MeetingFacts,
  type MeetingType,
  checkActionOpen,
  checkCancel,
  checkDisrupt,
  checkExcused,
  checkHeld,
  checkLeave,
  checkNotice,
  checkStarted,
} from '../../src/domain/meeting.js';
import { fromLocal } from '../../src/domain/time.js';

const TZ = 'Asia/Shanghai';
const at = (s: string) => fromLocal(s, TZ);
const m: MeetingFacts = { id: 'M20261124-001', starts_at: at('2026-11-24 08:05:00'), minutes: null, cancelled_at: null, cancel_reason: null };

describe('checkHeld: nothing is recorded for a meeting called off', () => {
  it('a meeting not called off', () => expect(checkHeld(m, TZ)).toBeNull());
  it('a meeting called off names when and why', () => {
    expect(checkHeld({ ...m, cancelled_at: at('2026-11-23 10:00:00'), cancel_reason: '节假日' }, TZ)).toEqual({
      key: 'err.meeting_cancelled',
      params: { id: m.id, at: '2026-11-23 10:00', reason: '节假日' },
      fix: 'fix.meeting_schedule_new',
    });
  });
});

describe('checkCancel: only a meeting that has not taken place', () => {
  it.each<[string, string | null, number, string | null]>([
    ['nothing recorded', null, 0, null],
    ['attendance or leave recorded', null, 1, 'err.meeting_took_place'],
    ['minutes recorded', '纪要', 0, 'err.meeting_took_place'],
  ])('%s', (_n, minutes, recorded, expected) => {
    expect(checkCancel({ ...m, minutes }, recorded)?.key ?? null).toBe(expected);
  });
});

describe('checkStarted: attendance, minutes and action items once it has started', () => {
  it.each<[string, string, string | null]>([
    ['the day before', '2026-11-23 18:00:00', 'err.meeting_not_started'],
    ['a minute before', '2026-11-24 08:04:00', 'err.meeting_not_started'],
    ['at the start', '2026-11-24 08:05:00', null],
    ['after', '2026-11-24 09:00:00', null],
  ])('%s', (_n, now, expected) => {
    expect(checkStarted(m, at(now), TZ)?.key ?? null).toBe(expected);
  });

  it('names the start', () => expect(checkStarted(m, at('2026-11-23 18:00:00'), TZ)?.params).toEqual({ id: m.id, at: '2026-11-24 08:05' }));
});

describe('checkNotice: a week for special and training meetings, or a reason', () => {
  it.each<[string, MeetingType, string, string | null, string | null]>([
    ['special, 7 days', 'special', '2026-11-30', null, null],
    ['special, 6 days', 'special', '2026-11-29', null, 'err.meeting_short_notice'],
    ['special, 2 days with a reason', 'special', '2026-11-25', '上级检查', null],
    ['training, 1 day', 'training', '2026-11-24', null, 'err.meeting_short_notice'],
    ['morning, same day', 'morning', '2026-11-23', null, null],
    ['monthly, 2 days', 'monthly', '2026-11-25', null, null],
  ])('%s', (_n, type, meetingDate, reason, expected) => {
    expect(checkNotice(type, '2026-11-23', meetingDate, reason)?.key ?? null).toBe(expected);
  });

  it('names the days given and needed', () => expect(checkNotice('special', '2026-11-23', '2026-11-25', null)?.params).toEqual({ days: 2, need: 7 }));
});

describe('leave before the meeting day', () => {
  it.each<[string, string, string | null]>([
    ['the evening before', '2026-11-23 21:00:00', null],
    ['days before', '2026-11-20 09:00:00', null],
    ['the morning of the meeting', '2026-11-24 07:00:00', 'err.meeting_leave_late'],
  ])('checkLeave: %s', (_n, leave, expected) => {
    const r = checkLeave(m, at(leave), TZ);
    expect(r?.key ?? null).toBe(expected);
    if (r) expect(r).toEqual({ key: 'err.meeting_leave_late', params: { id: m.id, date: '2026-11-24' }, fix: 'fix.meeting_leave_late' });
  });

  it.each<[string, string | null, string | null]>([
    ['leave the day before', '2026-11-23 21:00:00', null],
    ['no leave asked', null, 'err.meeting_no_leave'],
    ['leave on the day', '2026-11-24 07:00:00', 'err.meeting_leave_late'],
  ])('checkExcused: %s', (_n, leave, expected) => {
    const r = checkExcused('S006', m, leave === null ? null : at(leave), TZ);
    expect(r?.key ?? null).toBe(expected);
    if (r) expect(r.fix).toBe('fix.meeting_no_leave');
  });
});

describe('checkDisrupt: someone in the room, once', () => {
  it.each<[string, Attendance | null, boolean, string | null]>([
    ['present', 'present', false, null],
    ['late', 'late', false, null],
    ['not recorded yet', null, false, null],
    ['absent', 'absent', false, 'err.meeting_disrupt_absent'],
    ['excused', 'excused', false, 'err.meeting_disrupt_absent'],
    ['present, already fined', 'present', true, 'err.meeting_disrupt_twice'],
    ['absent and fined: status first', 'absent', true, 'err.meeting_disrupt_absent'],
  ])('%s', (_n, status, fined, expected) => {
    expect(checkDisrupt('S006', m.id, status, fined)?.key ?? null).toBe(expected);
  });
});

describe('checkActionOpen: reported done once', () => {
  it.each<[string, number | null, string | null]>([
    ['open', null, null],
    ['done', at('2026-11-20 10:00:00'), 'err.meeting_action_already_done'],
  ])('%s', (_n, doneAt, expected) => {
    expect(checkActionOpen({ id: 'MA1', done_at: doneAt })?.key ?? null).toBe(expected);
  });
});
