import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSite, pmctl } from './helpers.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dates = (list: { starts_at: string; type: string }[], type: string) => list.filter((m) => m.type === type).map((m) => m.starts_at.slice(0, 10));

describe('meeting plan', () => {
  const site = makeSite({ roster: true, now: '2026-09-25 10:00' });
  afterAll(() => site.cleanup());

  it('2026-10: morning meetings on working days only (the adjusted Saturday 10-10 included), monthly on 10-31 10:00', () => {
    const r = site.run(['meeting', 'plan', '--month', '2026-10', '--json'], { as: 'S003' });
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j).toMatchObject({ month: '2026-10', existing: 0, official_data: true });
    const mornings = dates(j.created, 'morning');
    expect(mornings).toHaveLength(18);
    for (const d of ['2026-10-01', '2026-10-03', '2026-10-06', '2026-10-07', '2026-10-11']) expect(mornings).not.toContain(d);
    expect(mornings.slice(0, 3)).toEqual(['2026-10-08', '2026-10-09', '2026-10-10']);
    expect(j.created.find((m: any) => m.type === 'morning')).toMatchObject({
      id: 'M20261008-001',
      starts_at: '2026-10-08T08:05:00+08:00',
      ends_at: '2026-10-08T08:30:00+08:00',
      dept: 'cs',
    });
    expect(j.created.filter((m: any) => m.type === 'monthly')).toEqual([
      expect.objectContaining({ id: 'M20261031-001', starts_at: '2026-10-31T10:00:00+08:00' }),
    ]);
    // v2: the weekly meeting is in the default plan ([001] 4.3.1), on each week's first working day at 16:00
    // (the week of 09-28 started its working days in September).
    expect(dates(j.created, 'weekly')).toEqual(['2026-10-08', '2026-10-12', '2026-10-19', '2026-10-26']);
    expect(j.created.find((m: any) => m.type === 'weekly').starts_at).toBe('2026-10-08T16:00:00+08:00');
  });

  it('--no-weekly leaves the weekly meetings out', () => {
    const r = site.run(['meeting', 'plan', '--month', '2026-11', '--no-weekly', '--json'], { as: 'S003' });
    expect(r.code, r.stderr).toBe(0);
    expect(dates(r.json().created, 'weekly')).toEqual([]);
    expect(dates(r.json().created, 'morning').length).toBeGreaterThan(15);
  });

  it('planning the same month twice creates nothing new', () => {
    const r = site.run(['meeting', 'plan', '--month', '2026-10', '--json'], { as: 'S003' });
    expect(r.json()).toMatchObject({ created: [], existing: 23 });
    const list = site.run(['meeting', 'list', '--month', '2026-10', '--json']).json();
    expect(list).toHaveLength(23);
  });

  it('the morning meeting invites the cs department (below the director); the monthly one the supervisors and managers', () => {
    const m = site.run(['meeting', 'show', 'M20261008-001', '--json']).json();
    expect(m.attendees.map((a: any) => a.staff)).toEqual(['S002', 'S003', 'S004', 'S005', 'S006', 'S007', 'S008']);
    const mo = site.run(['meeting', 'show', 'M20261031-001', '--json']).json();
    expect(mo.attendees.map((a: any) => a.staff)).toEqual(expect.arrayContaining(['S001', 'S002', 'S003', 'E001', 'E002', 'B001', 'X001']));
    expect(mo.attendees.map((a: any) => a.staff)).not.toContain('S005');
  });

  it('2027 has no official calendar: Monday–Friday is assumed and the output says so', () => {
    const r = site.run(['meeting', 'plan', '--month', '2027-01'], { as: 'S003' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2027 has no official holiday data; Monday–Friday is assumed/);
    const j = site.run(['meeting', 'list', '--month', '2027-01', '--json']).json();
    expect(dates(j, 'morning')[0]).toBe('2027-01-01');
    expect(dates(j, 'morning')).toHaveLength(21);
    expect(dates(j, 'monthly')).toEqual(['2027-01-30']);
  });

  it('a clerk may not plan (exit 4); a malformed month is exit 2', () => {
    const r = site.run(['meeting', 'plan', '--month', '2026-12'], { as: 'S005' });
    expect(r.code).toBe(4);
    expect(site.run(['meeting', 'list', '--month', '2026-12', '--json']).json()).toEqual([]);
    expect(site.run(['meeting', 'plan', '--month', '2026-13'], { as: 'S003' }).code).toBe(2);
  });
});

describe('special meeting notice', () => {
  const site = makeSite({ roster: true, now: '2026-11-23 10:00' });
  afterAll(() => site.cleanup());

  it('under 7 days is refused (exit 4) and records nothing', () => {
    const r = site.run(['meeting', 'schedule', '--type', 'special', '--at', '2026-11-29 14:00', '--topic', '消防', '--dept', 'cs'], { as: 'S003' });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/week's notice.*6 days.*--short-notice/);
    expect(site.run(['meeting', 'list', '--since', '2026-11-01', '--json']).json()).toEqual([]);
  });

  it('with --short-notice REASON it is scheduled and keeps the reason', () => {
    const r = site.run(
      [
        'meeting',
        'schedule',
        '--type',
        'special',
        '--at',
        '2026-11-25 14:00',
        '--topic',
        '电梯困人应急',
        '--attendees',
        'S003,S005,E002',
        '--short-notice',
        '昨夜电梯困人事件',
        '--json',
      ],
      { as: 'S003' },
    );
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({
      id: 'M20261125-001',
      type: 'special',
      short_notice: '昨夜电梯困人事件',
      notice_days: 2,
      attendees: ['E002', 'S003', 'S005'],
    });
  });

  it('exactly 7 days is enough; a bare date takes the default time', () => {
    const r = site.run(['meeting', 'schedule', '--type', 'special', '--at', '2026-11-30', '--topic', '冬季消防', '--json'], { as: 'S004' });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ starts_at: '2026-11-30T14:00:00+08:00', short_notice: null, notice_days: 7, dept: 'cs' });
  });

  it('notice given earlier counts (--notified-at); training needs a week too (v2)', () => {
    expect(site.run(['meeting', 'schedule', '--type', 'special', '--at', '2026-11-26 09:00', '--notified-at', '2026-11-18 17:00'], { as: 'S003' }).code).toBe(
      0,
    );
    const before = site.run(['meeting', 'list', '--since', '2026-11-01', '--json']).json();
    const r = site.run(['meeting', 'schedule', '--type', 'training', '--at', '2026-11-24 15:00', '--topic', '服务礼仪'], { as: 'S003' });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/special or training meeting needs a week's notice.*1 days/);
    expect(site.run(['meeting', 'list', '--since', '2026-11-01', '--json']).json()).toEqual(before);
    const ok = site.run(
      ['meeting', 'schedule', '--type', 'training', '--at', '2026-11-24 15:00', '--topic', '服务礼仪', '--short-notice', '新员工入职', '--json'],
      { as: 'S003' },
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ type: 'training', short_notice: '新员工入职' });
    expect(site.run(['meeting', 'schedule', '--type', 'training', '--at', '2026-12-01 15:00', '--topic', '消防器材'], { as: 'S003' }).code).toBe(0);
  });

  it('a clerk may not schedule; an unknown type is exit 2', () => {
    expect(site.run(['meeting', 'schedule', '--type', 'training', '--at', '2026-12-24 15:00'], { as: 'S005' }).code).toBe(4);
    expect(site.run(['meeting', 'schedule', '--type', 'party', '--at', '2026-12-24 15:00'], { as: 'S003' }).code).toBe(2);
  });
});

describe('attendance and fines', () => {
  const site = makeSite({ roster: true, now: '2026-10-28 12:00' });
  const at = (now: string, as = 'S005') => ({ now, as });
  afterAll(() => site.cleanup());

  beforeAll(() => {
    expect(site.run(['meeting', 'plan', '--month', '2026-11'], at('2026-10-28 12:00', 'S003')).code).toBe(0);
    expect(site.run(['meeting', 'plan', '--month', '2026-10'], at('2026-10-28 12:00', 'S003')).code).toBe(0);
  });

  it('present carries no fine; late and leaving early 10 yuan; unexcused absence 20', () => {
    const now = at('2026-11-23 08:40');
    const p = site.run(['meeting', 'attend', 'M20261123-001', 'S002,S003,S004', 'present', '--json'], now);
    expect(p.code).toBe(0);
    expect(p.json().map((a: any) => [a.staff, a.status, a.fine_yuan])).toEqual([
      ['S002', 'present', 0],
      ['S003', 'present', 0],
      ['S004', 'present', 0],
    ]);
    expect(site.run(['meeting', 'attend', 'M20261123-001', 'S005', 'late', '--json'], now).json()).toMatchObject({ status: 'late', fine_yuan: 10 });
    expect(site.run(['meeting', 'attend', 'M20261123-001', 'S006', 'early', '--json'], now).json()).toMatchObject({ status: 'early', fine_yuan: 10 });
    expect(site.run(['meeting', 'attend', 'M20261123-001', 'S007', 'absent', '--json'], now).json()).toMatchObject({ status: 'absent', fine_yuan: 20 });
  });

  it('disrupting the meeting is 20 yuan, once per person and meeting, and not for someone absent', () => {
    const now = at('2026-11-23 08:40');
    const r = site.run(['meeting', 'disrupt', 'M20261123-001', 'S003', '--note', '会上接私人电话', '--json'], now);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ staff: 'S003', reason: 'disrupt', amount_yuan: 20 });
    expect(site.run(['meeting', 'disrupt', 'M20261123-001', 'S003'], now).code).toBe(4);
    expect(site.run(['meeting', 'disrupt', 'M20261123-001', 'S007'], now).code).toBe(4);
  });

  it('excused needs leave requested before the meeting day', () => {
    const now = at('2026-11-23 08:40');
    const none = site.run(['meeting', 'attend', 'M20261123-001', 'S008', 'excused'], now);
    expect(none.code).toBe(4);
    expect(none.stderr).toMatch(/no leave request/);
    const sameDay = site.run(['meeting', 'attend', 'M20261123-001', 'S008', 'excused', '--leave-requested', '2026-11-23 07:30'], now);
    expect(sameDay.code).toBe(4);
    expect(sameDay.stderr).toMatch(/before the meeting day/);
    const ok = site.run(['meeting', 'attend', 'M20261123-001', 'S008', 'excused', '--leave-requested', '2026-11-22 18:00', '--json'], now);
    expect(ok.code).toBe(0);
    expect(ok.json()).toMatchObject({ status: 'excused', fine_yuan: 0, leave_requested_at: '2026-11-22T18:00:00+08:00' });
  });

  it('leave recorded the day before (meeting leave) makes excused work; leave on the day is refused', () => {
    expect(site.run(['meeting', 'leave', 'M20261124-001', 'S006'], at('2026-11-23 17:00')).code).toBe(0);
    expect(site.run(['meeting', 'leave', 'M20261124-001', 'S007'], at('2026-11-24 07:00')).code).toBe(4);
    expect(site.run(['meeting', 'attend', 'M20261124-001', 'S006', 'excused', '--json'], at('2026-11-24 08:40')).json()).toMatchObject({
      status: 'excused',
      fine_yuan: 0,
    });
  });

  it('attendance of a meeting that has not started is refused; unknown meeting 3, unknown status 2', () => {
    expect(site.run(['meeting', 'attend', 'M20261125-001', 'S005', 'present'], at('2026-11-24 09:00')).code).toBe(4);
    expect(site.run(['meeting', 'attend', 'M20991231-001', 'S005', 'present'], at('2026-11-24 09:00')).code).toBe(3);
    expect(site.run(['meeting', 'attend', 'M20261123-001', 'S005', 'asleep'], at('2026-11-24 09:00')).code).toBe(2);
    expect(site.run(['meeting', 'attend', 'M20261123-001', 'S999', 'present'], at('2026-11-24 09:00')).code).toBe(3);
  });

  it('a correction replaces the fine (absent 20 → late 10)', () => {
    const r = site.run(['meeting', 'attend', 'M20261123-001', 'S007', 'late', '--note', '路上堵车', '--json'], at('2026-11-23 09:00'));
    expect(r.json()).toMatchObject({ status: 'late', fine_yuan: 10 });
    const show = site.run(['meeting', 'show', 'M20261123-001', '--json']).json();
    expect(show.fines.filter((f: any) => f.staff === 'S007')).toEqual([expect.objectContaining({ reason: 'late', amount_yuan: 10 })]);
  });

  it('fines are site settings: a manager changes them, a clerk may not', () => {
    expect(site.run(['meeting', 'fines', 'set', 'late', '15'], at('2026-11-25 09:00')).code).toBe(4);
    const r = site.run(['meeting', 'fines', 'set', 'late', '15', '--json'], at('2026-11-25 09:00', 'S002'));
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ late: 15, early: 10, absent: 20, disrupt: 20 });
    expect(site.run(['meeting', 'attend', 'M20261125-001', 'S005', 'late', '--json'], at('2026-11-25 09:00')).json()).toMatchObject({ fine_yuan: 15 });
    expect(site.run(['meeting', 'fines', 'set', 'nap', '5'], at('2026-11-25 09:00', 'S002')).code).toBe(2);
  });

  it('meeting fines --month totals per person across meetings, and leaves other months out', () => {
    expect(site.run(['meeting', 'attend', 'M20261030-001', 'S004', 'absent'], at('2026-10-30 09:00')).code).toBe(0);
    const r = site.run(['meeting', 'fines', '--month', '2026-11', '--json'], { now: '2026-11-30 12:00' });
    expect(r.code).toBe(0);
    const j = r.json() as { staff: string; total_yuan: number; items: { reason: string; amount_yuan: number; meeting_id: string }[] }[];
    const by = Object.fromEntries(j.map((s) => [s.staff, s]));
    expect(by.S005.total_yuan).toBe(25); // late 10 on 11-23 + late 15 on 11-25
    expect(by.S005.items.map((i) => [i.meeting_id, i.reason, i.amount_yuan])).toEqual([
      ['M20261123-001', 'late', 10],
      ['M20261125-001', 'late', 15],
    ]);
    expect(by.S003.total_yuan).toBe(20);
    expect(by.S006.total_yuan).toBe(10);
    expect(by.S007.total_yuan).toBe(10);
    expect(by.S004).toBeUndefined(); // October's absence is not November's
    expect(j.reduce((s, x) => s + x.total_yuan, 0)).toBe(65);
    expect(j[0].staff).toBe('S005'); // highest total first
    const oct = site.run(['meeting', 'fines', '--month', '2026-10', '--json']).json();
    expect(oct).toEqual([expect.objectContaining({ staff: 'S004', total_yuan: 20 })]);
    const human = site.run(['meeting', 'fines', '--month', '2026-11', '--lang', 'zh'], { now: '2026-11-30 12:00' });
    expect(human.stdout).toMatch(/合计 65 元/);
  });
});

describe('action items', () => {
  const site = makeSite({ roster: true, now: '2026-10-28 12:00' });
  afterAll(() => site.cleanup());

  beforeAll(() => {
    expect(site.run(['meeting', 'plan', '--month', '2026-10'], { as: 'S003' }).code).toBe(0);
  });

  it('an action item needs an owner and a future deadline; a bare date is due at its end', () => {
    const now = { now: '2026-10-31 11:30', as: 'S005' };
    const a = site.run(['meeting', 'action', 'add', 'M20261031-001', '--owner', 'S004', '--due', '2026-11-05', '完成二次回访并上报', '--json'], now);
    expect(a.code).toBe(0);
    expect(a.json()).toMatchObject({ id: 'MA20261031-001', owner: 'S004', due_at: '2026-11-05T23:59:59+08:00', state: 'pending', warned: false });
    expect(site.run(['meeting', 'action', 'add', 'M20261031-001', '--owner', 'S003', '--due', '2026-11-20', '整改大堂保洁'], now).code).toBe(0);
    expect(site.run(['meeting', 'action', 'add', 'M20261031-001', '--owner', 'S003', '--due', '2026-11-06 10:30', '复查消防通道'], now).code).toBe(0);
    expect(site.run(['meeting', 'action', 'add', 'M20261031-001', '--owner', 'S003', '--due', '2026-10-30', 'x'], now).code).toBe(2);
    expect(site.run(['meeting', 'action', 'add', 'M20261031-001', '--owner', 'S999', '--due', '2026-11-30', 'x'], now).code).toBe(3);
    expect(site.run(['meeting', 'action', 'add', 'M20261031-001', '--due', '2026-11-30', 'x'], now).code).toBe(2);
  });

  it('past its deadline it is an overdue item (module meeting, what action)', () => {
    const r = site.run(['overdue', '--json'], { now: '2026-11-06 09:00' });
    const items = r.json().filter((i: any) => i.module === 'meeting');
    expect(items).toEqual([
      expect.objectContaining({ module: 'meeting', id: 'MA20261031-001', what: 'action', due_at: '2026-11-05T23:59:59+08:00' }),
      expect.objectContaining({ module: 'meeting', id: 'MA20261031-003', what: 'action' }), // due within 2 h
    ]);
    expect(site.run(['overdue', '--check', '--module', 'meeting'], { now: '2026-11-06 09:00' }).code).toBe(6);
  });

  it('gives its owner one recorded warning, however many commands run', () => {
    for (const now of ['2026-11-06 09:00', '2026-11-06 09:05', '2026-11-07 10:00']) expect(site.run(['meeting', 'list'], { now }).code).toBe(0);
    const w = site.run(['meeting', 'warnings', '--json'], { now: '2026-11-07 10:00' }).json();
    expect(w.filter((x: any) => x.action_id === 'MA20261031-001')).toEqual([
      expect.objectContaining({ staff: 'S004', issued_at: '2026-11-06T09:00:00+08:00', withdrawn_at: null }),
    ]);
    const log = site.run(['log', '--action', 'meeting.warning', '--json'], { now: '2026-11-07 10:00' }).json();
    expect(log.filter((e: any) => e.entity === 'action:MA20261031-001')).toHaveLength(1);
    expect(site.run(['meeting', 'show', 'M20261031-001', '--json'], { now: '2026-11-07 10:00' }).json().actions[0]).toMatchObject({
      id: 'MA20261031-001',
      state: 'overdue',
      warned: true,
    });
  });

  it('done late: breached, still one warning; done twice is refused', () => {
    expect(site.run(['meeting', 'action', 'done', 'MA20261031-001', '--result', '已回访'], { now: '2026-11-08 10:00', as: 'E003' }).code).toBe(4);
    const r = site.run(['meeting', 'action', 'done', 'MA20261031-001', '--result', '已回访 6 户并书面上报', '--json'], { now: '2026-11-08 10:00', as: 'S004' });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ state: 'breached', warned: true, warning_issued: false, done_at: '2026-11-08T10:00:00+08:00' });
    expect(site.run(['meeting', 'action', 'done', 'MA20261031-001', '--result', 'again'], { now: '2026-11-08 10:05', as: 'S004' }).code).toBe(4);
    expect(site.run(['meeting', 'warnings', '--staff', 'S004', '--json'], { now: '2026-11-08 10:05' }).json()).toHaveLength(1);
  });

  it('done in time but recorded late (--at): the warning issued meanwhile is withdrawn', () => {
    const r = site.run(['meeting', 'action', 'done', 'MA20261031-003', '--result', '通道已清理', '--at', '2026-11-06 10:00', '--json'], {
      now: '2026-11-08 11:00',
      as: 'S005',
    });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ state: 'met', warned: false, warning_withdrawn: true });
    const all = site.run(['meeting', 'warnings', '--all', '--json'], { now: '2026-11-08 11:00' }).json();
    expect(all.find((w: any) => w.action_id === 'MA20261031-003').withdrawn_at).toBe('2026-11-08T11:00:00+08:00');
    expect(
      site
        .run(['meeting', 'warnings', '--json'], { now: '2026-11-08 11:00' })
        .json()
        .map((w: any) => w.action_id),
    ).toEqual(['MA20261031-001']);
  });

  it('done after the deadline with no command in between still warns once', () => {
    const r = site.run(['meeting', 'action', 'done', 'MA20261031-002', '--result', '已整改', '--json'], { now: '2026-11-21 09:00', as: 'S003' });
    expect(r.json()).toMatchObject({ state: 'breached', warned: true });
    expect(site.run(['meeting', 'warnings', '--staff', 'S003', '--json'], { now: '2026-11-21 09:00' }).json()).toHaveLength(1);
    expect(site.run(['overdue', '--json', '--module', 'meeting'], { now: '2026-11-21 09:00' }).json()).toEqual([]);
  });
});

describe('minutes and the demo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pmctl-meeting-demo-'));
  const data = join(dir, 'demo');
  const run = (args: string[]) => pmctl(['--data', data, ...args], { PMCTL_NOW: '2026-11-22T10:00:00+08:00' });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the demo has a month of meetings with attendance, fines and an overdue action with its warning', () => {
    expect(run(['demo']).code).toBe(0);
    const list = [...run(['meeting', 'list', '--month', '2026-10', '--json']).json(), ...run(['meeting', 'list', '--month', '2026-11', '--json']).json()];
    const held = list.filter((m: any) => m.starts_at < '2026-11-22' && m.starts_at >= '2026-10-23');
    expect(held.length).toBeGreaterThanOrEqual(20);
    expect(held.every((m: any) => m.attendance.recorded === m.attendance.invited && m.minutes)).toBe(true);
    expect(list.some((m: any) => m.type === 'monthly')).toBe(true);
    const fines = run(['meeting', 'fines', '--month', '2026-11', '--json']).json();
    expect(fines.length).toBeGreaterThan(0);
    const overdue = run(['overdue', '--json', '--module', 'meeting']).json();
    expect(overdue.filter((i: any) => i.due_at < '2026-11-22')).toHaveLength(1);
    const w = run(['meeting', 'warnings', '--json']).json();
    expect(w).toEqual([expect.objectContaining({ action_id: overdue[0].id, withdrawn_at: null })]);
  });

  it('minutes are recorded once the meeting has started', () => {
    const future = run(['meeting', 'list', '--month', '2026-11', '--json'])
      .json()
      .find((m: any) => m.starts_at > '2026-11-23');
    expect(pmctl(['--data', data, '--as', 'S005', 'meeting', 'minutes', future.id, 'x'], { PMCTL_NOW: '2026-11-22T10:00:00+08:00' }).code).toBe(4);
    const past = run(['meeting', 'list', '--month', '2026-11', '--json']).json()[0];
    const r = pmctl(['--data', data, '--as', 'S005', 'meeting', 'minutes', past.id, '总结前日工作', '--json'], { PMCTL_NOW: '2026-11-22T10:00:00+08:00' });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ id: past.id, minutes: '总结前日工作', minutes_by: 'S005' });
  });
});

describe('calling a meeting off', () => {
  const site = makeSite({ roster: true, now: '2026-11-20 12:00' });
  const at = (now: string, as = 'S003') => ({ now, as });
  let ids: string[] = [];
  afterAll(() => site.cleanup());

  beforeAll(() => {
    expect(site.run(['meeting', 'plan', '--month', '2026-12'], at('2026-11-20 12:00')).code).toBe(0);
    ids = (site.run(['meeting', 'list', '--month', '2026-12', '--json']).json() as { id: string; type: string }[])
      .filter((m) => m.type === 'morning')
      .map((m) => m.id);
  });

  it('needs a supervisor and a reason; it is kept with who, when and why, and audited', () => {
    expect(site.run(['meeting', 'cancel', ids[0], '--reason', '停电'], at('2026-11-30 17:00', 'S005')).code).toBe(4);
    expect(site.run(['meeting', 'cancel', ids[0]], at('2026-11-30 17:00')).code).toBe(2);
    expect(site.run(['meeting', 'cancel', 'M20261299-001', '--reason', 'x'], at('2026-11-30 17:00')).code).toBe(3);
    const r = site.run(['meeting', 'cancel', ids[0], '--reason', '台风停课，改至周五', '--json'], at('2026-11-30 17:00'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ id: ids[0], cancelled_at: '2026-11-30T17:00:00+08:00', cancel_reason: '台风停课，改至周五' });
    const log = site.run(['log', '--entity', 'meeting:' + ids[0], '--json']).json() as { action: string; actor: string }[];
    expect(log.map((l) => l.action)).toContain('meeting.cancel');
    expect(site.run(['meeting', 'show', ids[0], '--lang', 'zh']).stdout).toContain('晨会（已取消）');
  });

  it('a called-off meeting takes no attendance, leave, minutes or action items, and is not called off twice', () => {
    const after = at('2026-12-01 09:00', 'S005');
    for (const [args, when] of [
      [['meeting', 'attend', ids[0], 'S005', 'present'], after],
      [['meeting', 'leave', ids[0], 'S006'], at('2026-11-30 18:00', 'S005')],
      [['meeting', 'minutes', ids[0], 'x'], after],
      [['meeting', 'action', 'add', ids[0], 'x', '--owner', 'S005', '--due', '2026-12-05'], after],
    ] as const) {
      const r = site.run([...args], when);
      expect(r.code, args.join(' ')).toBe(4);
      expect(r.stderr).toContain(`meeting ${ids[0]} was called off`);
    }
    const again = site.run(['meeting', 'cancel', ids[0], '--reason', 'y'], at('2026-12-01 09:00'));
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('called off');
  });

  it('a meeting that took place cannot be called off', () => {
    expect(site.run(['meeting', 'attend', ids[1], 'S005', 'present'], at('2026-12-02 09:00', 'S005')).code).toBe(0);
    const r = site.run(['meeting', 'cancel', ids[1], '--reason', 'x'], at('2026-12-02 10:00'));
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('took place');
  });

  it('the month plan does not make it again; the report counts it as called off, not held, and leaves its invitations out', () => {
    expect(site.run(['meeting', 'plan', '--month', '2026-12', '--json'], at('2026-12-02 10:00')).json()).toMatchObject({ created: [] });
    const m = site.run(['report', 'range', '--since', '2026-12-01', '--until', '2026-12-03', '--json'], { now: '2026-12-03T10:00:00+08:00' }).json().meetings;
    expect(m.metrics).toMatchObject({ meetings_held: 1, meetings_cancelled: 1 });
    expect(Object.values(m.attendance as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      (site.run(['meeting', 'show', ids[1], '--json']).json().attendees as unknown[]).length,
    );
  });
});
