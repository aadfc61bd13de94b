// The State Council notice parser against the notices of 2017–2026, written as
// fixtures in the notices' own sentence shapes from the facts chinese-days has.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayYear, parseNotice, type OfficialDay } from '../../src/domain/calendar-notice.js';
import { parseHolidayCn, parseIcs } from '../../src/domain/calendar-import.js';
import { addDays, isoWeekday } from '../../src/domain/time.js';
import { WorkCalendar, mergeOfficial } from '../../src/domain/calendar.js';
import { officialCalendarData } from '../../src/store/calendar.js';

const require = createRequire(import.meta.url);
const cd = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
const DIR = join(__dirname, '../fixtures/notices');
const fixture = (y: number) => readFileSync(join(DIR, `${y}.txt`), 'utf8');

/** chinese-days' days that belong to year Y's notice (late-December 元旦 days belong to the next year's). */
function expected(y: number): { holidays: string[]; workdays: string[] } {
  const pick = (m: Record<string, string>) =>
    Object.entries(m)
      .filter(([date, v]) => dayYear({ date, type: 'holiday', name: v.split(',')[1] }) === y)
      .map(([d]) => d)
      .sort();
  return { holidays: pick(cd.holidays), workdays: pick(cd.workdays) };
}

const weekday = (d: string) => isoWeekday(d) <= 5;
const of = (days: OfficialDay[], type: string) =>
  days
    .filter((d) => d.type === type)
    .map((d) => d.date)
    .sort();

describe('notice parser: 2017–2026 against chinese-days', () => {
  it.each([2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026])('%i', (y) => {
    const r = parseNotice(fixture(y));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.year).toBe(y);
    expect(r.set.years).toEqual([y]);
    const got = { holidays: of(r.set.days, 'holiday'), workdays: of(r.set.days, 'workday') };
    const want = expected(y);
    // 调休 working days: exactly the same days.
    expect(got.workdays).toEqual(want.workdays);
    // Statutory rest days that would otherwise be working days: exactly the same.
    // (chinese-days lists the weekend of "放假，与周末连休" in some years — 2019 — and
    // not in others — 2018, 2024 — while the notice names the one day; a weekend is
    // a rest day either way, so the working-day calendar is the same.)
    expect(got.holidays.filter(weekday)).toEqual(want.holidays.filter(weekday));
    // Every day the notice names as off is off in chinese-days too (weekends in a range included).
    for (const d of got.holidays) expect(want.holidays).toContain(d);
    expect(r.warnings).toEqual([]);
  });

  it('reads a range that starts in the previous year, with its working day', () => {
    const r = parseNotice(fixture(2019));
    if (!r.ok) throw new Error('parse');
    expect(r.set.days.slice(0, 4)).toEqual([
      { date: '2018-12-29', type: 'workday', name: '元旦' },
      { date: '2018-12-30', type: 'holiday', name: '元旦' },
      { date: '2018-12-31', type: 'holiday', name: '元旦' },
      { date: '2019-01-01', type: 'holiday', name: '元旦' },
    ]);
  });

  it('keeps a combined 中秋节、国庆节 line under its own name, and 补休 days', () => {
    const r = parseNotice(fixture(2017));
    if (!r.ok) throw new Error('parse');
    expect(r.sections.map((s) => s.name)).toContain('中秋节、国庆节');
    expect(r.set.days.find((d) => d.date === '2017-10-04')).toEqual({ date: '2017-10-04', type: 'holiday', name: '中秋节、国庆节' });
    expect(of(r.set.days, 'holiday').slice(0, 2)).toEqual(['2017-01-01', '2017-01-02']);
  });

  it('ignores a sentence that names a date but neither 放假 nor 上班 (2024: 除夕 encouraged)', () => {
    const r = parseNotice(fixture(2024));
    if (!r.ok) throw new Error('parse');
    expect(r.set.days.find((d) => d.date === '2024-02-09')).toBeUndefined();
  });

  it('reads the 2027 test notice: Spring Festival 02-05…13, 01-31 and 02-20 working days', () => {
    const r = parseNotice(fixture(2027));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.year).toBe(2027);
    expect(of(r.set.days, 'workday')).toEqual(['2027-01-31', '2027-02-20', '2027-04-25', '2027-09-26', '2027-10-09']);
    const h = of(r.set.days, 'holiday');
    expect(h.filter((d) => d.startsWith('2027-02'))).toEqual(['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => '2027-02-' + d));
    expect(h).toHaveLength(3 + 9 + 3 + 5 + 1 + 1 + 7);
  });
});

describe('notice parser: errors (nothing may be written)', () => {
  const base = '国务院办公厅关于2027年部分节假日安排的通知\n';
  it.each([
    ['a weekday note contradicting its date', '二、春节：2月5日（农历除夕、周四）至13日（周六）放假调休，共9天。', 'err.notice_weekday'],
    ['星期 form too', '一、元旦：1月1日（星期六）放假，共1天。', 'err.notice_weekday'],
    ['a 上班 day with the wrong weekday', '一、元旦：1月1日至3日放假，共3天。1月9日（周日）上班。', 'err.notice_weekday'],
    ['共N天 not matching the range', '一、元旦：1月1日至3日放假，共4天。', 'err.notice_count'],
    ['an impossible date', '二、春节：2月30日放假，共1天。', 'err.notice_bad_date'],
    ['a range ending before it starts', '二、春节：2月13日至5日放假调休，共9天。', 'err.notice_bad_range'],
    ['a day both off and on', '一、元旦：1月1日至3日放假，共3天。1月2日（周六）上班。', 'err.notice_both'],
    ['a section with no dates', '一、元旦：另行通知。', 'err.notice_no_days'],
    ['no numbered line', '春节放假七天', 'err.notice_no_sections'],
  ])('%s', (_what, line, key) => {
    const r = parseNotice(base + line);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.key)).toContain(key);
  });

  it('the weekday error names the date, the stated and the real weekday', () => {
    const r = parseNotice(base + '二、春节：2月5日（农历除夕、周四）至13日（农历正月初八、周六）放假调休，共9天。');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toEqual({ line: 2, key: 'err.notice_weekday', params: { date: '2027-02-05', stated: '四', actual: '五' } });
  });

  it('needs a year: from the title, or given, and both must agree', () => {
    expect(parseNotice('一、元旦：1月1日放假，共1天。').ok).toBe(false);
    const r = parseNotice('一、元旦：1月1日（周五）放假，共1天。', { year: 2027 });
    expect(r.ok && r.set.days).toEqual([{ date: '2027-01-01', type: 'holiday', name: '元旦' }]);
    const bad = parseNotice(base + '一、元旦：1月1日放假，共1天。', { year: 2028 });
    expect(!bad.ok && bad.errors[0].key).toBe('err.notice_year_mismatch');
  });

  it('a line pasted with commas instead of 。 between the days off and 上班', () => {
    const r = parseNotice(base + '二、春节：2月5日至13日放假调休，共9天，1月31日（周日）、2月20日（周六）上班');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(of(r.set.days, 'workday')).toEqual(['2027-01-31', '2027-02-20']);
    expect(of(r.set.days, 'holiday')).toHaveLength(9);
  });

  it('full-width digits and a December 元旦 day without a year', () => {
    const r = parseNotice('国务院办公厅关于２０２８年部分节假日安排的通知\n一、元旦：１２月３０日至１月１日放假调休，共３天。１２月２９日（周三）上班。');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.set.days.map((d) => d.date + d.type[0])).toEqual(['2027-12-29w', '2027-12-30h', '2027-12-31h', '2028-01-01h']);
    // A 上班 day on a weekday is read, with a warning.
    expect(r.warnings.map((w) => w.key)).toEqual(['warn.notice_weekday_workday']);
  });
});

describe('holiday-cn JSON and ICS', () => {
  it('holiday-cn per-year JSON', () => {
    const r = parseHolidayCn(
      JSON.stringify({
        year: 2019,
        papers: [],
        days: [
          { name: '元旦', date: '2018-12-29', isOffDay: false },
          { name: '元旦', date: '2018-12-30', isOffDay: true },
          { name: '春节', date: '2019-02-04', isOffDay: true },
        ],
      }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.set).toEqual({
      years: [2019],
      days: [
        { date: '2018-12-29', type: 'workday', name: '元旦' },
        { date: '2018-12-30', type: 'holiday', name: '元旦' },
        { date: '2019-02-04', type: 'holiday', name: '春节' },
      ],
    });
  });

  it.each([
    ['not JSON', '{year', 'err.calendar_json'],
    ['no days', '{"year":2027}', 'err.calendar_json_shape'],
    ['a bad day', '{"year":2027,"days":[{"name":"x","date":"2027-02-30","isOffDay":true}]}', 'err.calendar_json_day'],
  ])('holiday-cn refused: %s', (_w, text, key) => {
    const r = parseHolidayCn(text);
    expect(!r.ok && r.errors[0].key).toBe(key);
  });

  it('ICS: multi-day holiday events, （班）/(班) events are working days', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270205',
      'DTEND;VALUE=DATE:20270214',
      'SUMMARY:春节',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270131',
      'SUMMARY:春节（班）',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270220',
      'DTEND;VALUE=DATE:20270221',
      'SUMMARY:春节(班)',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const r = parseIcs(ics);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.set.years).toEqual([2027]);
    expect(of(r.set.days, 'workday')).toEqual(['2027-01-31', '2027-02-20']);
    expect(of(r.set.days, 'holiday')).toHaveLength(9);
    expect(r.set.days.every((d) => d.name === '春节')).toBe(true);
  });

  it('ICS refused: not a calendar', () => {
    const r = parseIcs('hello');
    expect(!r.ok && r.errors[0].key).toBe('err.calendar_ics');
  });
});

describe('an imported notice replaces the package for its year', () => {
  // The right comparison with chinese-days is the working-day calendar itself:
  // for every day of the year, working or not must be the same whichever source.
  it.each([2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026])('%i: every day works the same from the notice as from chinese-days', (y) => {
    const r = parseNotice(fixture(y));
    if (!r.ok) throw new Error('parse');
    const pkg = new WorkCalendar(officialCalendarData());
    const imp = new WorkCalendar(mergeOfficial(officialCalendarData(), r.set));
    const differ: string[] = [];
    for (let d = `${y - 1}-12-25`; d <= `${y}-12-31`; d = addDays(d, 1)) if (pkg.isWorkday(d) !== imp.isWorkday(d)) differ.push(d);
    expect(differ).toEqual([]);
    expect(imp.hasOfficialData(y)).toBe(true);
  });

  it('a 2027 notice makes 2027 official; a site override still wins over it', () => {
    const r = parseNotice(fixture(2027));
    if (!r.ok) throw new Error('parse');
    const data = mergeOfficial(officialCalendarData(), r.set);
    expect(new WorkCalendar(officialCalendarData()).hasOfficialData(2027)).toBe(false);
    const cal = new WorkCalendar(data);
    expect(cal.hasOfficialData(2027)).toBe(true);
    expect(cal.hasOfficialData(2028)).toBe(false);
    expect(cal.info('2027-02-08')).toMatchObject({ workday: false, reason: 'holiday', name: '春节', fallback: false });
    expect(cal.info('2027-02-20')).toMatchObject({ workday: true, reason: 'adjusted_workday' });
    expect(cal.addWorkingDays('2027-02-04', 2)).toBe('2027-02-16');
    const site = new WorkCalendar(data, new Map([['2027-02-20', { type: 'holiday' as const, note: '本处' }]]));
    expect(site.info('2027-02-20')).toMatchObject({ workday: false, reason: 'site_holiday' });
  });

  it("a December 元旦 day of next year's notice does not make this year official", () => {
    const r = parseNotice('国务院办公厅关于2029年部分节假日安排的通知\n一、元旦：2028年12月30日至2029年1月1日放假调休，共3天。');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const cal = new WorkCalendar(mergeOfficial(officialCalendarData(), r.set));
    expect(cal.hasOfficialData(2029)).toBe(true);
    expect(cal.hasOfficialData(2028)).toBe(false);
    expect(cal.isWorkday('2028-12-29')).toBe(true); // a Friday: untouched
  });
});
