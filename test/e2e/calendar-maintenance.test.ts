// calendar show/set/import, doctor, backup, log, demo's refusal of real data.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeSite } from './helpers.js';

describe('calendar', () => {
  const site = makeSite({ roster: true });
  afterAll(() => site.cleanup());

  it('shows October 2026 with National Day off and the adjusted Saturday as a working day', () => {
    const j = site.run(['calendar', 'show', '2026-10', '--json']).json();
    expect(j.official_data).toBe(true);
    const day = (d: string) => j.days.find((x: { date: string }) => x.date === d);
    expect(day('2026-10-01')).toMatchObject({ workday: false, reason: 'holiday', name: '国庆节' });
    expect(day('2026-10-10')).toMatchObject({ workday: true, reason: 'adjusted_workday' });
    expect(day('2026-10-11')).toMatchObject({ workday: false, reason: 'weekend' });
    const grid = site.run(['calendar', 'show', '2026-10', '--lang', 'zh']).stdout;
    expect(grid).toMatch(/1 休/);
    expect(grid).toMatch(/10 班/);
  });

  it('a year without official data says Monday–Friday is assumed', () => {
    const r = site.run(['calendar', 'show', '2027-02']);
    expect(r.stdout).toMatch(/2027 has no official holiday data/);
    expect(site.run(['calendar', 'show', '2027-02', '--json']).json().official_data).toBe(false);
  });

  it('set needs a supervisor, makes a site holiday, and clear returns to the official calendar', () => {
    expect(site.run(['calendar', 'set', '2027-02-08', 'holiday', '--note', '春节'], { as: 'S005' }).code).toBe(4);
    const r = site.run(['calendar', 'set', '2027-02-08', 'holiday', '--note', '春节', '--json'], { as: 'S003' });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ date: '2027-02-08', type: 'holiday', clocks_moved: 0 });
    const day = () =>
      site
        .run(['calendar', 'show', '2027-02', '--json'])
        .json()
        .days.find((d: { date: string }) => d.date === '2027-02-08');
    expect(day()).toMatchObject({ workday: false, reason: 'site_holiday', name: '春节' });
    expect(site.run(['calendar', 'set', '2027-02-08', 'clear'], { as: 'S003' }).code).toBe(0);
    expect(day()).toMatchObject({ workday: true, reason: 'weekday' });
    expect(site.run(['calendar', 'set', '2027-02-30', 'holiday'], { as: 'S003' }).code).toBe(2);
    expect(site.run(['calendar', 'set', '2027-02-09', 'sometimes'], { as: 'S003' }).code).toBe(2);
  });

  it('imports a list (Chinese type words too); a re-import changes nothing', () => {
    const f = site.file('cal.csv', '日期,类型,备注\n2027-02-10,休,春节\n2027-02-11,holiday,春节\n2027-02-20,班,调休上班\n');
    expect(site.run(['calendar', 'import', f, '--json'], { as: 'S003' }).json()).toMatchObject({ rows: 3, added: 3 });
    expect(site.run(['calendar', 'import', f, '--json'], { as: 'S003' }).json()).toMatchObject({ rows: 3, added: 0, unchanged: 3 });
    const days = site.run(['calendar', 'show', '2027-02', '--json']).json().days as { date: string; workday: boolean }[];
    expect(days.find((d) => d.date === '2027-02-20')!.workday).toBe(true);
    expect(days.find((d) => d.date === '2027-02-10')!.workday).toBe(false);
  });
});

describe('doctor, backup, log, demo', () => {
  const site = makeSite({ roster: true });
  afterAll(() => site.cleanup());

  it('doctor passes on a healthy folder and warns that next year has no official calendar', () => {
    const r = site.run(['doctor', '--json']);
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j.ok).toBe(true);
    const check = (n: string) => j.checks.find((c: { check: string }) => c.check === n);
    expect(check('quick_check').status).toBe('ok');
    expect(check('schema_version').status).toBe('ok');
    expect(check('calendar_2026').status).toBe('ok');
    expect(check('calendar_2027').status).toBe('warn');
    expect(check('mode pmctl.db')).toMatchObject({ status: 'ok', detail: '0600' });
  });

  it('backup writes a consistent 0600 copy and refuses to overwrite a file', () => {
    const file = join(site.dir, 'copy.db');
    const r = site.run(['backup', file, '--json'], { as: 'S005' });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ integrity: 'ok' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(site.run(['backup', file], { as: 'S005' }).code).toBe(2);
    expect(site.run(['log', '--action', 'backup', '--json']).json()).toHaveLength(1);
  });

  it('log filters by time (half-open) and actor', () => {
    const all = site.run(['log', '--json', '--limit', '1000']).json() as { at: string; actor: string | null; action: string }[];
    // 25 staff added one by one; the 240 units are one unit.import entry (issue 14 #11)
    expect(all.length).toBeGreaterThan(25);
    expect(all.filter((e) => e.action === 'unit.import')).toHaveLength(1);
    const none = site.run(['log', '--until', '2020-01-01', '--json']).json();
    expect(none).toEqual([]);
    const mine = site.run(['log', '--actor', 'S005', '--json', '--limit', '1000']).json() as { actor: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.actor === 'S005')).toBe(true);
  });

  it('demo refuses a folder holding real data, and builds elsewhere', () => {
    const r = site.run(['demo']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/real data/);
    const other = join(site.dir, 'demo');
    const d = site.run(['--data', other, 'demo', '--json']);
    expect(d.code).toBe(0);
    expect(d.json().dashboard).toMatchObject({ staff: 25, units: { total: 240 } });
    expect(existsSync(join(other, 'pmctl.db'))).toBe(true);
    expect(site.run(['--data', other, 'demo']).code).toBe(0); // a demo folder is rebuilt
  });
});
