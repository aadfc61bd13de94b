import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import {
  acceptBlockers,
  afterHoursWindow,
  DEFAULT_SHIFTS,
  missedShifts,
  reviewDue,
  shiftBounds,
  shiftDateFor,
  shiftEndingNear,
} from '../../src/domain/handover.js';
import { formatIso, fromLocal } from '../../src/domain/time.js';
import { officialCalendarData } from '../../src/store/calendar.js';

const TZ = 'Asia/Shanghai';
const at = (s: string) => fromLocal(s, TZ);
const iso = (ms: number) => formatIso(ms, TZ);
const day = DEFAULT_SHIFTS[0];
const night = DEFAULT_SHIFTS[1];
const cal = new WorkCalendar(officialCalendarData());

describe('shift bounds and the shift a handover closes', () => {
  it('a night shift ends the next morning and belongs to the day it started', () => {
    const b = shiftBounds(night, '2026-11-22', TZ);
    expect(iso(b.start)).toBe('2026-11-22T18:00:00+08:00');
    expect(iso(b.end)).toBe('2026-11-23T08:00:00+08:00');
    const d = shiftBounds(day, '2026-11-23', TZ);
    expect([iso(d.start), iso(d.end)]).toEqual(['2026-11-23T08:00:00+08:00', '2026-11-23T18:00:00+08:00']);
  });

  it.each([
    // [shift, started at, shift date]
    [day, '2026-11-23 17:50', '2026-11-23'],
    [day, '2026-11-23 18:40', '2026-11-23'],
    [day, '2026-11-24 01:00', '2026-11-23'], // nearer last evening's end than tonight's
    [night, '2026-11-23 07:55', '2026-11-22'],
    [night, '2026-11-23 08:30', '2026-11-22'],
    [night, '2026-11-23 19:00', '2026-11-22'], // 11 h after this morning's end, 13 h before tomorrow's
    [night, '2026-11-23 21:00', '2026-11-23'],
  ])('%o started %s closes the shift of %s', (s, t, date) => {
    expect(shiftDateFor(s, at(t), TZ)).toBe(date);
  });

  it.each([
    ['2026-11-23 07:50', 'night', '2026-11-22'],
    ['2026-11-23 08:20', 'night', '2026-11-22'],
    ['2026-11-23 17:45', 'day', '2026-11-23'],
    ['2026-11-23 12:59', 'night', '2026-11-22'], // 4 h 59 after the night's end, 5 h 01 before the day's
    ['2026-11-23 13:01', 'day', '2026-11-23'],
    ['2026-11-23 23:59', 'day', '2026-11-23'],
    ['2026-11-24 03:01', 'night', '2026-11-23'],
  ])('without --shift, at %s the shift ending nearest is %s of %s', (t, code, date) => {
    const r = shiftEndingNear(DEFAULT_SHIFTS, at(t), TZ);
    expect([r.shift.code, r.date]).toEqual([code, date]);
  });

  it('a site shift 08:00–20:00 ends at 20:00', () => {
    const b = shiftBounds({ code: 'desk', start: '8:00', end: '20:00' }, '2026-11-23', TZ);
    expect(iso(b.end)).toBe('2026-11-23T20:00:00+08:00');
  });
});

describe('acceptance rule', () => {
  const lines = (...r: ('ok' | 'fail' | null)[]) => r.map((result, i) => ({ kind: i ? 'complaint' : 'checklist', item: 'I' + i, result }));
  it.each([
    ['all ticked', { from: 'S005', to: 'S006', status: 'pending', lines: lines('ok', 'fail') }, []],
    ['one carried item open', { from: 'S005', to: 'S006', status: 'pending', lines: lines('ok', null) }, ['unacknowledged']],
    ['giver = taker', { from: 'S005', to: 'S005', status: 'pending', lines: lines('ok') }, ['giver_is_taker']],
    ['already accepted', { from: 'S005', to: 'S006', status: 'accepted', lines: lines('ok') }, ['not_pending']],
    ['refused and open', { from: 'S005', to: 'S006', status: 'refused', lines: lines(null) }, ['not_pending', 'unacknowledged']],
  ])('%s', (_name, h, rules) => {
    expect(acceptBlockers(h).map((b) => b.rule)).toEqual(rules);
  });

  it('names every unacknowledged line', () => {
    const b = acceptBlockers({ from: 'a', to: 'b', status: 'pending', lines: lines(null, 'ok', null) });
    expect(b).toEqual([{ rule: 'unacknowledged', items: ['I0', 'I2'] }]);
  });
});

describe('daily review due by the end of the next working day', () => {
  it.each([
    ['2026-11-23', '2026-11-24T23:59:59+08:00'], // Monday → Tuesday
    ['2026-11-20', '2026-11-23T23:59:59+08:00'], // Friday → Monday
    ['2026-11-21', '2026-11-23T23:59:59+08:00'], // Saturday → Monday
    ['2026-09-30', '2026-10-08T23:59:59+08:00'], // National Day holidays 10-01…07 skipped
  ])('%s → %s', (date, due) => {
    expect(iso(reviewDue(date, cal, TZ))).toBe(due);
  });
});

describe('after-hours window of the security handover', () => {
  it.each([
    ['2026-11-23 08:00', ['2026-11-22T18:00:00+08:00', '2026-11-23T08:00:00+08:00']],
    ['2026-11-23 07:40', ['2026-11-22T18:00:00+08:00', '2026-11-23T08:00:00+08:00']],
    ['2026-11-23 09:10', ['2026-11-22T18:00:00+08:00', '2026-11-23T08:00:00+08:00']],
    ['2026-11-23 18:00', null],
    ['2026-11-23 17:30', null],
  ])('at %s', (t, w) => {
    const r = afterHoursWindow(at(t), TZ);
    expect(r ? [iso(r.since), iso(r.until)] : null).toEqual(w);
  });
});

describe('shifts that ended without an accepted handover', () => {
  const none = () => false;
  it('lists each ended shift 30 min after its end, not shifts still running', () => {
    const m = missedShifts(DEFAULT_SHIFTS, '2026-11-22', at('2026-11-23 10:00'), 0, TZ, none);
    expect(m.map((x) => [x.date, x.shift, iso(x.due_at)])).toEqual([
      ['2026-11-22', 'day', '2026-11-22T18:30:00+08:00'],
      ['2026-11-22', 'night', '2026-11-23T08:30:00+08:00'],
    ]);
  });

  it('a covered shift is not listed; a shift ending within the horizon is (due soon)', () => {
    const covered = (s: string, d: string) => s === 'day' && d === '2026-11-22';
    const m = missedShifts(DEFAULT_SHIFTS, '2026-11-22', at('2026-11-23 16:45'), 2 * 3600_000, TZ, covered);
    expect(m.map((x) => `${x.date}/${x.shift}`)).toEqual(['2026-11-22/night', '2026-11-23/day']);
  });

  it('the grace period: 08:29 is not yet overdue, 08:31 is', () => {
    expect(missedShifts([night], '2026-11-22', at('2026-11-23 08:29'), 0, TZ, none)).toEqual([]);
    expect(missedShifts([night], '2026-11-22', at('2026-11-23 08:31'), 0, TZ, none)).toHaveLength(1);
  });
});
