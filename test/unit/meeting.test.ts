import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import {
  DEFAULT_FINES,
  actionState,
  attendanceFine,
  lastSaturday,
  leaveInTime,
  noticeDays,
  noticeShort,
  parseFineReason,
  planMonth,
  slotOf,
} from '../../src/domain/meeting.js';
import { officialCalendarData } from '../../src/store/calendar.js';

const cal = new WorkCalendar(officialCalendarData());
const mornings = (ym: string, c = cal) =>
  planMonth(ym, c)
    .filter((s) => s.type === 'morning')
    .map((s) => s.date);
const monthly = (ym: string, c = cal) => planMonth(ym, c).filter((s) => s.type === 'monthly');

describe('lastSaturday', () => {
  it.each([
    ['2026-10', '2026-10-31'],
    ['2026-11', '2026-11-28'],
    ['2026-12', '2026-12-26'],
    ['2027-01', '2027-01-30'],
    ['2026-02', '2026-02-28'],
    ['2026-01', '2026-01-31'],
  ])('%s → %s', (ym, d) => expect(lastSaturday(ym)).toBe(d));
});

describe('planMonth', () => {
  it('2026-10: no morning meeting on the National Day holiday, one on the adjusted Saturday 10-10', () => {
    const m = mornings('2026-10');
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-07', '2026-10-11', '2026-10-17']) expect(m).not.toContain(d);
    for (const d of ['2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12', '2026-10-30']) expect(m).toContain(d);
    expect(m).toHaveLength(18);
    expect(monthly('2026-10')).toEqual([{ type: 'monthly', date: '2026-10-31', start: '10:00', slot: 'monthly:2026-10' }]);
  });

  it('2026-12: every weekday, monthly on the last Saturday 12-26', () => {
    expect(mornings('2026-12')).toHaveLength(23);
    expect(monthly('2026-12')[0].date).toBe('2026-12-26');
    expect(planMonth('2026-12', cal).find((s) => s.type === 'morning')).toMatchObject({
      date: '2026-12-01',
      start: '08:05',
      end: '08:30',
      slot: 'morning:2026-12-01',
    });
  });

  it('2027 has no official data: Monday–Friday, so 2027-01-01 has a morning meeting', () => {
    expect(cal.hasOfficialData(2027)).toBe(false);
    const m = mornings('2027-01');
    expect(m[0]).toBe('2027-01-01');
    expect(m).toHaveLength(21);
  });

  it('a site holiday removes the morning meeting; a site workday adds one', () => {
    const c = new WorkCalendar(
      officialCalendarData(),
      new Map([
        ['2026-12-08', { type: 'holiday' as const }],
        ['2026-12-12', { type: 'workday' as const }],
      ]),
    );
    const m = mornings('2026-12', c);
    expect(m).not.toContain('2026-12-08');
    expect(m).toContain('2026-12-12');
  });

  it('a last Saturday that is a statutory holiday puts the monthly meeting off to the next working day', () => {
    // 2025-05-31 is the Dragon Boat Festival holiday (05-31…06-02)
    expect(monthly('2025-05')[0]).toMatchObject({ date: '2025-06-03', moved_from: '2025-05-31' });
    // a site holiday on the last Saturday too
    const c = new WorkCalendar(officialCalendarData(), new Map([['2026-12-26', { type: 'holiday' as const }]]));
    expect(monthly('2026-12', c)[0]).toMatchObject({ date: '2026-12-28', moved_from: '2026-12-26' });
  });

  it('weekly meetings on the first working day of each week that starts in the month', () => {
    const w = planMonth('2026-10', cal, { weekly: true })
      .filter((s) => s.type === 'weekly')
      .map((s) => s.date);
    // the week of 09-28 started in September; the week of 10-05 starts working on 10-08
    expect(w).toEqual(['2026-10-08', '2026-10-12', '2026-10-19', '2026-10-26']);
  });

  it('slots are stable so a second plan finds them taken', () => {
    expect(slotOf('morning', '2026-12-03')).toBe('morning:2026-12-03');
    expect(slotOf('monthly', '2026-12-26')).toBe('monthly:2026-12');
    expect(slotOf('weekly', '2026-12-03')).toBe('weekly:2026-W49');
    expect(slotOf('special', '2026-12-03')).toBeNull();
  });
});

describe('notice of a special meeting', () => {
  it.each([
    ['special', '2026-11-23', '2026-11-30', false, 7],
    ['special', '2026-11-23', '2026-11-29', true, 6],
    ['special', '2026-11-23', '2026-11-23', true, 0],
    ['special', '2026-11-23', '2026-12-23', false, 30],
    ['training', '2026-11-23', '2026-11-24', true, 1],
    ['training', '2026-11-23', '2026-11-30', false, 7],
    ['morning', '2026-11-23', '2026-11-23', false, 0],
  ] as const)('%s notified %s for %s: short=%s (%i days)', (type, notice, meeting, short, days) => {
    expect(noticeShort(type, notice, meeting)).toBe(short);
    expect(noticeDays(notice, meeting)).toBe(days);
  });
});

describe('leave and fines', () => {
  it.each([
    ['2026-11-22', '2026-11-23', true],
    ['2026-11-01', '2026-11-23', true],
    ['2026-11-23', '2026-11-23', false],
    ['2026-11-24', '2026-11-23', false],
  ])('leave on %s for a meeting on %s counts: %s', (leave, meeting, ok) => expect(leaveInTime(leave, meeting)).toBe(ok));

  it.each([
    ['present', null],
    ['excused', null],
    ['late', { reason: 'late', amount: 10 }],
    ['early', { reason: 'early', amount: 10 }],
    ['absent', { reason: 'absent', amount: 20 }],
  ] as const)('%s → %o', (status, fine) => expect(attendanceFine(status, DEFAULT_FINES)).toEqual(fine));

  it('site rates replace the defaults', () => {
    expect(attendanceFine('late', { ...DEFAULT_FINES, late: 15 })).toEqual({ reason: 'late', amount: 15 });
    expect(DEFAULT_FINES.disrupt).toBe(20);
  });

  it.each([
    ['late', 'late'],
    ['Disrupting', 'disrupt'],
    ['迟到', 'late'],
    ['nap', undefined],
  ])('fine name %s → %s', (v, r) => expect(parseFineReason(v)).toBe(r));
});

describe('action item state', () => {
  it.each([
    [100, null, 50, 'pending'],
    [100, null, 100, 'pending'],
    [100, null, 101, 'overdue'],
    [100, 90, 200, 'met'],
    [100, 100, 200, 'met'],
    [100, 101, 200, 'breached'],
  ] as const)('due %i done %s at %i → %s', (due, done, now, state) => expect(actionState(due, done, now)).toBe(state));
});
