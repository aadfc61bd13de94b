import { describe, expect, it } from 'vitest';
import { WorkCalendar, type OfficialData } from '../../src/domain/calendar.js';
import { dueAfter, explainDue, parseDuration } from '../../src/domain/duration.js';
import { formatIso, fromLocal } from '../../src/domain/time.js';
import { officialCalendarData } from '../../src/store/calendar.js';

const TZ = 'Asia/Shanghai';
const official = officialCalendarData();
const cal = new WorkCalendar(official);
const at = (s: string) => fromLocal(s, TZ);
const due = (start: string, d: string, c = cal) => formatIso(dueAfter(at(start), parseDuration(d), c, TZ), TZ);

describe('working days (SPEC §1)', () => {
  it.each([
    // [received (site time), duration, due]
    ['2026-11-20 17:00', '2wd', '2026-11-24T23:59:59+08:00'], // Friday before an ordinary weekend → Tuesday
    ['2026-11-21 09:00', '2wd', '2026-11-24T23:59:59+08:00'], // Saturday → Tuesday
    ['2026-11-22 23:59', '1wd', '2026-11-23T23:59:59+08:00'], // Sunday → Monday
    ['2026-11-23 00:00', '1wd', '2026-11-24T23:59:59+08:00'], // the day itself never counts
    ['2026-09-30 10:00', '2wd', '2026-10-09T23:59:59+08:00'], // National Day 10-01…07 follows
    ['2026-10-08 10:00', '2wd', '2026-10-10T23:59:59+08:00'], // Saturday 10-10 is an adjusted working day
    ['2026-09-18 10:00', '1wd', '2026-09-20T23:59:59+08:00'], // Friday → Sunday 09-20 adjusted working day
    ['2026-09-24 10:00', '1wd', '2026-09-28T23:59:59+08:00'], // Mid-autumn 09-25…27 skipped
    ['2026-02-13 16:00', '1wd', '2026-02-14T23:59:59+08:00'], // Saturday 02-14 adjusted working day
    ['2026-02-14 16:00', '1wd', '2026-02-24T23:59:59+08:00'], // Spring Festival 02-15…23
    ['2026-02-14 16:00', '3wd', '2026-02-26T23:59:59+08:00'],
    ['2026-12-31 09:00', '1wd', '2027-01-01T23:59:59+08:00'], // 2027 has no official data: Mon–Fri fallback
    ['2025-12-31 09:00', '1wd', '2026-01-04T23:59:59+08:00'], // New Year 01-01…03 off, Sunday 01-04 is an adjusted working day
  ])('%s + %s → %s', (start, d, expected) => {
    expect(due(start, d)).toBe(expected);
  });

  it('elapsed durations ignore the calendar', () => {
    expect(due('2026-09-30 10:00', '3d')).toBe('2026-10-03T10:00:00+08:00');
    expect(due('2026-11-23 10:00', '2h')).toBe('2026-11-23T12:00:00+08:00');
    expect(due('2026-11-23 10:00', '15m')).toBe('2026-11-23T10:15:00+08:00');
    expect(due('2026-11-23 23:58', '3m')).toBe('2026-11-24T00:01:00+08:00');
  });

  it('a site override wins over the official calendar', () => {
    const c = new WorkCalendar(
      official,
      new Map([
        ['2026-11-23', { type: 'holiday', note: '停电检修' }],
        ['2026-11-22', { type: 'workday' }],
      ]),
    );
    expect(c.info('2026-11-23')).toMatchObject({ workday: false, reason: 'site_holiday', name: '停电检修' });
    expect(due('2026-11-21 09:00', '2wd', c)).toBe('2026-11-24T23:59:59+08:00'); // Sun (site workday), Mon off, Tue
    expect(due('2026-11-21 09:00', '1wd', c)).toBe('2026-11-22T23:59:59+08:00');
  });

  it('a year without official data falls back to Monday–Friday and says so', () => {
    expect(cal.hasOfficialData(2026)).toBe(true);
    expect(cal.hasOfficialData(2027)).toBe(false);
    const e = explainDue(at('2027-02-05 10:00'), parseDuration('2wd'), cal, TZ); // Friday
    expect(formatIso(e.due, TZ)).toBe('2027-02-09T23:59:59+08:00');
    expect(e.fallback).toBe(true);
    expect(e.steps!.map((s) => s.reason)).toEqual(['weekend', 'weekend', 'weekday', 'weekday']);
    const c = new WorkCalendar(official, new Map([['2027-02-08', { type: 'holiday', note: '春节' }]]));
    expect(formatIso(dueAfter(at('2027-02-05 10:00'), parseDuration('2wd'), c, TZ), TZ)).toBe('2027-02-10T23:59:59+08:00');
  });

  it('explains the days it skipped and counted', () => {
    const e = explainDue(at('2026-09-30 10:00'), parseDuration('2wd'), cal, TZ);
    expect(e.steps!.filter((s) => !s.workday).map((s) => s.date)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
    expect(e.steps!.filter((s) => s.workday).map((s) => s.date)).toEqual(['2026-10-08', '2026-10-09']);
    expect(e.steps![0]).toMatchObject({ reason: 'holiday', name: '国庆节' });
  });

  it('the official data has the 调休 days of 2026', () => {
    const d: OfficialData = official;
    expect(Object.keys(d.workdays).filter((k) => k.startsWith('2026'))).toEqual(
      expect.arrayContaining(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']),
    );
  });
});

describe('durations', () => {
  it.each(['15m', '2h', '3d', '2wd', '1WD'])('parses %s', (s) => expect(parseDuration(s).n).toBeGreaterThan(0));
  it.each(['', '0h', '2w', 'h', '-1d', '2.5h'])('rejects %s', (s) => expect(() => parseDuration(s)).toThrow());
});
