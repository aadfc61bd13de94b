// Next year's official calendar (SPEC §2 v2) through bin/pmctl: the State
// Council notice, holiday-cn JSON and ICS imports, provenance, per-year status,
// the December warnings, and the running clocks that move.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, makeSite, type Site } from './helpers.js';

const NOTICE_2027 = join(ROOT, 'test/fixtures/notices/2027.txt');
const RECEIVED = '2027-02-04T16:00:00+08:00';

function query<T>(site: Site, sql: string): T[] {
  const d = new Database(join(site.data, 'pmctl.db'), { readonly: true, fileMustExist: true });
  try {
    return d.prepare(sql).all() as T[];
  } finally {
    d.close();
  }
}

/** A site with one complaint received Thursday 2027-02-04 16:00: reply due in 2 working days. */
function siteWithComplaint(): { site: Site; id: string; newStderr: string } {
  const site = makeSite({ roster: true, now: RECEIVED });
  const r = site.run(
    ['complaint', 'new', '--unit', '1-1-101', '--name', 'Wang', '--phone', '13800138000', '--subject', 'noise', '--category', 'noise', '--json'],
    { as: 'S003' },
  );
  expect(r.code).toBe(0);
  return { site, id: r.json().id, newStderr: r.stderr };
}

const replyDue = (site: Site, id: string, o: { lang?: string } = {}) => {
  const r = site.run(['complaint', 'show', id, '--json', ...(o.lang ? ['--lang', o.lang] : [])]);
  return { due: r.json().clocks.find((c: { clock: string }) => c.clock === 'reply').due_at as string, stderr: r.stderr };
};

describe('calendar import-notice', () => {
  const { site, id, newStderr } = siteWithComplaint();
  afterAll(() => site.cleanup());

  it('before the import 2027 is a fallback year: reply due Monday 02-08, and complaint new/show warn', () => {
    expect(replyDue(site, id).due).toBe('2027-02-08T23:59:59+08:00');
    expect(newStderr).toMatch(/deadline falls in 2027, which has no official holiday calendar/);
    expect(replyDue(site, id, { lang: 'zh' }).stderr).toMatch(/有时限落在 2027 年，该年尚无官方节假日安排/);
    expect(site.run(['calendar', 'show', '2027', '--json']).json()).toMatchObject({ year: 2027, status: 'fallback', source: null });
  });

  it('a weekday note contradicting its date exits 2, names the line, and writes nothing', () => {
    const bad = readFileSync(NOTICE_2027, 'utf8').replace('2月5日（农历除夕、周五）', '2月5日（农历除夕、周四）');
    const f = site.file('bad-2027.txt', bad);
    const r = site.run(['calendar', 'import-notice', f, '--yes'], { as: 'S003' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-2027\.txt: 1 problem\(s\), nothing was written/);
    expect(r.stderr).toMatch(/bad-2027\.txt:7: 2027-02-05 is noted as 周四, but that day is a 周五/);
    const zh = site.run(['calendar', 'import-notice', f, '--yes', '--lang', 'zh'], { as: 'S003' });
    expect(zh.stderr).toMatch(/2027-02-05 注明为周四，但这天是周五/);
    expect(query(site, 'SELECT * FROM calendar_imports')).toEqual([]);
    expect(replyDue(site, id).due).toBe('2027-02-08T23:59:59+08:00');
  });

  it('without --yes on a non-TTY: shows the days and the clock that would move, writes nothing', () => {
    const r = site.run(['calendar', 'import-notice', NOTICE_2027], { as: 'S003', now: '2027-02-04T16:30:00+08:00' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2027-02-05 │ Fri\s+│ day off/);
    expect(r.stdout).toMatch(/2027-02-20 │ Sat\s+│ adjusted working day/);
    expect(r.stdout).toMatch(new RegExp(`${id} │ reply │ 2027-02-08 23:59 │ 2027-02-16 23:59`));
    expect(r.stdout).toMatch(/preview only, nothing written — run again with --yes/);
    const j = site.run(['calendar', 'import-notice', NOTICE_2027, '--json'], { as: 'S003' }).json();
    expect(j).toMatchObject({ source: 'notice', years: [2027], written: false, import_id: null });
    expect(j.holidays).toHaveLength(29);
    expect(j.workdays.map((d: { date: string }) => d.date)).toEqual(['2027-01-31', '2027-02-20', '2027-04-25', '2027-09-26', '2027-10-09']);
    expect(j.moves).toEqual([{ complaint_id: id, clock: 'reply', from: '2027-02-08T23:59:59+08:00', to: '2027-02-16T23:59:59+08:00' }]);
    expect(query(site, 'SELECT * FROM calendar_imports')).toEqual([]);
    expect(replyDue(site, id).due).toBe('2027-02-08T23:59:59+08:00');
  });

  it('needs a supervisor to write', () => {
    expect(site.run(['calendar', 'import-notice', NOTICE_2027, '--yes'], { as: 'S005' }).code).toBe(4);
    expect(query(site, 'SELECT * FROM calendar_imports')).toEqual([]);
  });

  it('with --yes: 2027 becomes official, the reply moves past the Spring Festival, provenance recorded', () => {
    const r = site.run(['calendar', 'import-notice', NOTICE_2027, '--yes', '--json'], { as: 'S003', now: '2027-02-04T16:30:00+08:00' });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ written: true, clocks_moved: 1 });
    expect(replyDue(site, id)).toEqual({ due: '2027-02-16T23:59:59+08:00', stderr: '' });
    const sha = createHash('sha256').update(readFileSync(NOTICE_2027)).digest('hex');
    expect(query(site, 'SELECT source, file_name, sha256, years, holidays, workdays, clocks_moved, imported_by FROM calendar_imports')).toEqual([
      { source: 'notice', file_name: '2027.txt', sha256: sha, years: '2027', holidays: 29, workdays: 5, clocks_moved: 1, imported_by: 'S003' },
    ]);
    const y = site.run(['calendar', 'show', '2027', '--json']).json();
    expect(y).toMatchObject({
      year: 2027,
      status: 'official',
      source: 'notice',
      imported: { file: '2027.txt', sha256: sha, by: 'S003', at: '2027-02-04T16:30:00+08:00' },
    });
    expect(y.days.find((d: { date: string }) => d.date === '2027-02-08')).toMatchObject({ workday: false, reason: 'holiday', name: '春节' });
    expect(site.run(['calendar', 'show', '2026', '--json']).json()).toMatchObject({ status: 'official', source: 'package' });
    const log = site.run(['log', '--json']).json() as { action: string }[];
    expect(log.some((e) => e.action === 'calendar.import_official')).toBe(true);
    // Re-importing the same notice moves nothing more.
    expect(site.run(['calendar', 'import-notice', NOTICE_2027, '--yes', '--json'], { as: 'S003' }).json()).toMatchObject({
      written: true,
      clocks_moved: 0,
      changes: [],
    });
  });

  it('reads the notice from stdin', () => {
    const r = site.run(['calendar', 'import-notice', '-', '--json'], { as: 'S003', input: readFileSync(NOTICE_2027, 'utf8') });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ file: 'stdin', years: [2027], written: false, changes: [], moves: [] });
  });
});

describe('calendar import: holiday-cn JSON and ICS', () => {
  const { site, id } = siteWithComplaint();
  afterAll(() => site.cleanup());
  const days = [
    ...['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => ({ name: '春节', date: `2027-02-${d}`, isOffDay: true })),
    { name: '春节', date: '2027-01-31', isOffDay: false },
    { name: '春节', date: '2027-02-20', isOffDay: false },
  ];
  const json = () =>
    site.file(
      '2027.json',
      JSON.stringify({ $schema: 'https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json', year: 2027, papers: [], days }),
    );

  it('holiday-cn per-year JSON: a dry run shows the clock that would move, a refusal names the bad day', () => {
    const dry = site.run(['calendar', 'import', json(), '--dry-run', '--json'], { as: 'S003' }).json();
    expect(dry).toMatchObject({
      source: 'holiday_cn',
      years: [2027],
      written: false,
      moves: [{ complaint_id: id, clock: 'reply', to: '2027-02-16T23:59:59+08:00' }],
    });
    expect(dry.workdays.map((d: { date: string }) => d.date)).toEqual(['2027-01-31', '2027-02-20']);
    expect(replyDue(site, id).due).toBe('2027-02-08T23:59:59+08:00');
    const bad = site.file('bad.json', '{"year":2027,"days":[{"name":"春节","date":"2027-02-30","isOffDay":true}]}');
    const b = site.run(['calendar', 'import', bad], { as: 'S003' });
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/day 1 is not valid/);
  });

  it('ICS: （班）/(班) events are working days, the others holidays; the clock moves', () => {
    const ev = (from: string, to: string, summary: string) => [
      'BEGIN:VEVENT',
      `UID:${from}@test`,
      `DTSTART;VALUE=DATE:${from}`,
      `DTEND;VALUE=DATE:${to}`,
      `SUMMARY:${summary}`,
      'END:VEVENT',
    ];
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//holidays//CN',
      ...ev('20270205', '20270214', '春节 休'),
      ...ev('20270131', '20270201', '春节（班）'),
      ...ev('20270220', '20270221', '春节(班)'),
      'END:VCALENDAR',
    ].join('\r\n');
    const r = site.run(['calendar', 'import', site.file('china-holidays.ics', ics), '--json'], { as: 'S003' });
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j).toMatchObject({ source: 'ics', years: [2027], written: true, clocks_moved: 1 });
    expect(j.workdays.map((d: { date: string }) => d.date)).toEqual(['2027-01-31', '2027-02-20']);
    expect(j.holidays).toHaveLength(9);
    expect(replyDue(site, id).due).toBe('2027-02-16T23:59:59+08:00');
    const show = site.run(['calendar', 'show', '2027-02', '--json']).json();
    expect(show).toMatchObject({ official_data: true, year_status: 'official', year_source: 'ics' });
    expect(show.days.find((d: { date: string }) => d.date === '2027-02-20')).toMatchObject({ workday: true, reason: 'adjusted_workday' });
  });

  it('the same days from holiday-cn JSON then replace the ICS year: nothing moves, the source is recorded', () => {
    const r = site.run(['calendar', 'import', json(), '--json'], { as: 'S003' });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ source: 'holiday_cn', written: true, clocks_moved: 0, changes: [] });
    expect(site.run(['calendar', 'show', '2027', '--json']).json()).toMatchObject({
      status: 'official',
      source: 'holiday_cn',
      imported: { file: '2027.json' },
    });
    expect(query(site, 'SELECT source, years, clocks_moved FROM calendar_imports ORDER BY id')).toEqual([
      { source: 'ics', years: '2027', clocks_moved: 1 },
      { source: 'holiday_cn', years: '2027', clocks_moved: 0 },
    ]);
  });
});

describe('next year without an official calendar, from 1 December', () => {
  const site = makeSite({ roster: true, now: '2026-12-06T10:00:00+08:00' });
  afterAll(() => site.cleanup());
  const tty = { PMCTL_ASSUME_TTY: '1' };

  it('doctor says so in December, not in November', () => {
    const dec = site.run(['doctor', '--json']).json();
    expect(dec.checks.find((c: { check: string }) => c.check === 'calendar_next_year')).toMatchObject({ status: 'warn', year: 2027 });
    expect(dec.checks.find((c: { check: string }) => c.check === 'calendar_2027')).toMatchObject({ status: 'warn', calendar: { status: 'fallback' } });
    expect(site.run(['doctor']).stdout).toMatch(/⚠ 2027 has no official holiday calendar yet/);
    const nov = site.run(['doctor', '--json'], { now: '2026-11-20T10:00:00+08:00' }).json();
    expect(nov.checks.some((c: { check: string }) => c.check === 'calendar_next_year')).toBe(false);
  });

  it('the TTY warning line says so in December, and stops once the notice is imported', () => {
    expect(site.run(['calendar', 'show', '2026-12'], { env: tty }).stderr).toMatch(/⚠ 2027 has no official holiday calendar yet/);
    expect(site.run(['calendar', 'show', '2026-12'], { env: tty, now: '2026-11-30T10:00:00+08:00' }).stderr).not.toMatch(/2027 has no official/);
    expect(site.run(['calendar', 'show', '2026-12']).stderr).toBe('');
    expect(site.run(['calendar', 'import-notice', NOTICE_2027, '--yes'], { as: 'S003' }).code).toBe(0);
    expect(site.run(['calendar', 'show', '2026-12'], { env: tty }).stderr).not.toMatch(/no official/);
    expect(
      site
        .run(['doctor', '--json'])
        .json()
        .checks.find((c: { check: string }) => c.check === 'calendar_2027'),
    ).toMatchObject({
      status: 'ok',
      calendar: { status: 'official', source: 'notice' },
    });
  });

  it('a site CSV import records its provenance too, and makes its year site-set', () => {
    const f = site.file('site.csv', 'date,type,note\n2028-02-08,holiday,春节\n');
    expect(site.run(['calendar', 'import', f], { as: 'S003' }).code).toBe(0);
    expect(query(site, "SELECT source, file_name, years, holidays FROM calendar_imports WHERE source = 'csv'")).toEqual([
      { source: 'csv', file_name: 'site.csv', years: '2028', holidays: 1 },
    ]);
    expect(site.run(['calendar', 'show', '2028', '--json']).json()).toMatchObject({ status: 'site', source: null, site_overrides: 1 });
  });
});
