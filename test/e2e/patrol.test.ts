// Patrols and inspections (SPEC §12) through bin/pmctl, on the fixture roster
// (29 vacant units, cleaning lead J001, greening lead L001).
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, makeSite } from './helpers.js';

const MON = '2026-12-07'; // a Monday

function overdue(site: ReturnType<typeof makeSite>, now: string): { module: string; id: string; what: string; due_at: string; overdue_minutes: number }[] {
  const r = site.run(['overdue', '--json'], { now });
  expect(r.code).toBe(0);
  return r.json().filter((i: { module: string }) => i.module === 'patrol');
}

describe('patrol start: the units checklist', () => {
  const site = makeSite({ roster: true, now: `${MON} 09:00` });
  afterAll(() => site.cleanup());

  it('holds exactly the vacant units of the roster, in its order', () => {
    const units = site.run(['unit', 'list', '--json', '--limit', '1000']).json() as { label: string; occupancy: string }[];
    const vacant = units.filter((u) => u.occupancy === 'vacant').map((u) => u.label);
    expect(vacant.length).toBeGreaterThan(0);
    const r = site.run(['patrol', 'start', '--kind', 'units', '--json'], { as: 'S005' });
    expect(r.code).toBe(0);
    const p = r.json();
    expect(p).toMatchObject({
      id: 'P20261207-001',
      kind: 'units',
      status: 'open',
      by: 'S005',
      with: [],
      started_at: '2026-12-07T09:00:00+08:00',
      finished_at: null,
    });
    expect(p.items.map((i: { item: string }) => i.item)).toEqual(vacant);
    expect(p.items.every((i: { result: unknown }) => i.result === null)).toBe(true);
  });

  it('a vacant unit let since then is not on the next checklist', () => {
    const csv = readFileSync(join(FIXTURES, 'units.csv'), 'utf8').split('\n');
    const i = csv.findIndex((l) => l.includes(',vacant,'));
    const let_ = csv[i].split(',')[0] + '-' + csv[i].split(',')[1] + '-' + csv[i].split(',')[3];
    csv[i] = csv[i].replace(',vacant,', ',owner,');
    expect(site.run(['unit', 'import', site.file('units2.csv', csv.join('\n'))], { as: 'S005' }).code).toBe(0);
    const vacant = (site.run(['unit', 'list', '--json', '--limit', '1000']).json() as { label: string; occupancy: string }[])
      .filter((u) => u.occupancy === 'vacant')
      .map((u) => u.label);
    const p = site.run(['patrol', 'start', '--kind', '空置房巡查', '--json'], { as: 'S005' }).json();
    expect(p.items.map((x: { item: string }) => x.item)).toEqual(vacant);
    expect(vacant).not.toContain(let_);
  });
});

describe('joint walk', () => {
  const site = makeSite({ roster: true, now: `${MON} 09:00` });
  afterAll(() => site.cleanup());

  it('without a greening member is refused (exit 4) and nothing is written', () => {
    const logBefore = site.run(['log', '--json', '--limit', '100000']).json().length;
    const r = site.run(['patrol', 'start', '--kind', 'joint', '--with', 'J001'], { as: 'S005' });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/greening/);
    expect(site.run(['patrol', 'list', '--json']).json()).toEqual([]);
    expect(site.run(['log', '--json', '--limit', '100000']).json().length).toBe(logBefore);
    const zh = site.run(['patrol', 'start', '--kind', '联合巡查', '--with', 'J001', '--lang', 'zh'], { as: 'S005' });
    expect(zh.code).toBe(4);
    expect(zh.stderr).toContain('绿化');
    expect(zh.stderr).not.toMatch(/greening/);
  });

  it('with a cleaning and a greening member it starts, with the members recorded', () => {
    const r = site.run(['patrol', 'start', '--kind', 'joint', '--with', 'J001,L001', '--json'], { as: 'S005' });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ kind: 'joint', with: ['J001', 'L001'] });
  });

  it('an unknown member is not found (exit 3)', () => {
    expect(site.run(['patrol', 'start', '--kind', 'joint', '--with', 'J001,ZZZ'], { as: 'S005' }).code).toBe(3);
  });
});

describe('overdue cadence', () => {
  const site = makeSite({ roster: true, now: `${MON} 09:00` });
  afterAll(() => site.cleanup());

  const patrol = (kind: string, now: string, extra: string[] = []) => {
    const s = site.run(['patrol', 'start', '--kind', kind, ...extra, '--json'], { as: 'S005', now });
    expect(s.code, s.stderr).toBe(0);
    const id = s.json().id;
    expect(site.run(['patrol', 'finish', id], { as: 'S005', now }).code).toBe(0);
    return id;
  };

  it('nothing is owed before the first patrol', () => {
    expect(overdue(site, `${MON} 09:00`)).toEqual([]);
  });

  it('a skipped day is overdue the next morning, not before', () => {
    patrol('units', `${MON} 10:00`);
    // Tuesday: no units patrol. Late on Tuesday it is due soon, not overdue.
    const evening = overdue(site, '2026-12-08 22:30').filter((i) => i.what === 'units_patrol');
    expect(evening).toEqual([expect.objectContaining({ id: '2026-12-08', due_at: '2026-12-08T23:59:59+08:00' })]);
    expect(evening[0].overdue_minutes).toBeLessThan(0);
    const morning = overdue(site, '2026-12-09 08:00').filter((i) => i.what === 'units_patrol');
    expect(morning.map((i) => i.id)).toEqual(['2026-12-08']);
    expect(morning[0].overdue_minutes).toBeGreaterThan(0);
    expect(site.run(['overdue', '--check'], { now: '2026-12-09 08:00' }).code).toBe(6);
  });

  it('a week (Mon–Sun) with one joint walk is overdue after Sunday 23:59; with two it is not', () => {
    patrol('joint', `${MON} 14:00`, ['--with', 'J001,L001']);
    const sunday = overdue(site, '2026-12-13 20:00').filter((i) => i.what === 'joint_patrol');
    expect(sunday.every((i) => i.overdue_minutes < 0)).toBe(true);
    const monday = overdue(site, '2026-12-14 00:30').filter((i) => i.what === 'joint_patrol' && i.overdue_minutes > 0);
    expect(monday).toEqual([expect.objectContaining({ id: '2026-W50', due_at: '2026-12-13T23:59:59+08:00' })]);
    // The next week gets two.
    patrol('joint', '2026-12-15 14:00', ['--with', 'J001,L001']);
    patrol('joint', '2026-12-18 14:00', ['--with', 'J001,L001']);
    const later = overdue(site, '2026-12-21 08:00').filter((i) => i.what === 'joint_patrol');
    expect(later.map((i) => i.id)).toEqual(['2026-W50']);
  });

  it('a building without its weekly public patrol, and the month without its fire patrol and ratings', () => {
    patrol('public', '2026-12-08 10:00', ['--building', '1']);
    // December began before the first patrol: it is owed once the cadence counts from its first day.
    expect(overdue(site, '2027-01-01 08:00').filter((i) => i.what === 'fire_patrol')).toEqual([]);
    expect(site.run(['patrol', 'since', '2026-12-01'], { as: 'S003', now: '2027-01-01 08:00' }).code).toBe(0);
    const items = overdue(site, '2027-01-01 08:00');
    // One item for the week, naming the buildings without their public patrol.
    const pub = items.filter((i) => i.what === 'public_patrol' && i.id === '2026-W50');
    expect(pub).toEqual([expect.objectContaining({ detail: '2, 3, 4, 5' })]);
    expect(items.filter((i) => i.what === 'fire_patrol').map((i) => i.id)).toEqual(['2026-12']);
    expect(items.filter((i) => i.what === 'contractor_rating').map((i) => i.id)).toEqual(['2026-12/cleaning', '2026-12/greening', '2026-12/pest']);
    // Nothing before patrol.since.
    expect(items.filter((i) => i.what === 'units_patrol').map((i) => i.id)[0]).toBe('2026-12-01');
  });

  it('patrol.since moves the start: nothing owed before it', () => {
    expect(site.run(['patrol', 'since', '2026-12-20'], { as: 'S003', now: '2027-01-01 08:00' }).code).toBe(0);
    const items = overdue(site, '2027-01-01 08:00');
    expect(items.filter((i) => i.what === 'units_patrol').map((i) => i.id)[0]).toBe('2026-12-20');
    // The week of 12-20 counts whole: it had its two joint walks.
    expect(items.filter((i) => i.what === 'joint_patrol').map((i) => i.id)).toEqual(['2026-W52']);
  });
});

describe('findings', () => {
  const site = makeSite({ roster: true, now: `${MON} 09:00` });
  afterAll(() => site.cleanup());
  let pid = '';
  let fid = '';

  it('an issue not fixed on the spot opens a finding with its solution due 3 days out', () => {
    pid = site.run(['patrol', 'start', '--kind', 'public', '--building', '3', '--json'], { as: 'S005', now: `${MON} 10:00` }).json().id;
    const r = site.run(['patrol', 'check', pid, '电梯', 'issue', '--note', '轿厢照明不亮', '--json'], { as: 'S005', now: `${MON} 10:20` });
    expect(r.code, r.stderr).toBe(0);
    const f = r.json().finding;
    fid = f.id;
    expect(f).toMatchObject({
      id: 'F20261207-001',
      patrol: pid,
      item: '电梯',
      dept: 'engineering',
      status: 'open',
      solution_due_at: '2026-12-10T10:20:00+08:00',
      fix_due_at: null,
      fixed_at: null,
    });
    // An issue fixed on the spot opens none.
    const spot = site.run(['patrol', 'check', pid, '灯罩', '问题', '--fixed', '--json'], { as: 'S005', now: `${MON} 10:25` }).json();
    expect(spot.finding).toBeNull();
    expect(
      site
        .run(['finding', 'list', '--json'], { now: `${MON} 11:00` })
        .json()
        .map((x: { id: string }) => x.id),
    ).toEqual([fid]);
  });

  it('is not overdue before its deadline, and overdue after it', () => {
    expect(overdue(site, '2026-12-10 10:00').filter((i) => i.id === fid && i.overdue_minutes > 0)).toEqual([]);
    const late = overdue(site, '2026-12-10 11:00').filter((i) => i.id === fid);
    expect(late).toEqual([expect.objectContaining({ what: 'solution', due_at: '2026-12-10T10:20:00+08:00', overdue_minutes: 40 })]);
    expect(
      site
        .run(['finding', 'list', '--status', 'overdue', '--json'], { now: '2026-12-10 11:00' })
        .json()
        .map((x: { id: string }) => x.id),
    ).toEqual([fid]);
  });

  it('a solution sets the fix deadline, which is then the one overdue; the fix closes it', () => {
    const p = site.run(['finding', 'plan', fid, '--note', '更换灯管', '--due', '2d', '--json'], { as: 'E002', now: '2026-12-10 11:00' });
    expect(p.code, p.stderr).toBe(0);
    expect(p.json()).toMatchObject({ status: 'planned', solution: '更换灯管', fix_due_at: '2026-12-12T11:00:00+08:00' });
    expect(overdue(site, '2026-12-12 12:00').filter((i) => i.id === fid)).toEqual([expect.objectContaining({ what: 'fix' })]);
    const f = site.run(['finding', 'fix', fid, '--note', '已更换', '--json'], { as: 'E003', now: '2026-12-12 12:00' });
    expect(f.json()).toMatchObject({ status: 'fixed', fixed_at: '2026-12-12T12:00:00+08:00' });
    expect(overdue(site, '2026-12-12 12:00').filter((i) => i.id === fid)).toEqual([]);
    expect(site.run(['finding', 'fix', fid, '--note', 'again'], { as: 'E003', now: '2026-12-12 12:10' }).code).toBe(4);
  });

  it('a shift handover carries the findings not yet fixed', () => {
    const r = site.run(['patrol', 'check', pid, '走廊', 'issue', '--note', '地面破损', '--json'], { as: 'S005', now: '2026-12-12 12:20' });
    const open = r.json().finding.id;
    const h = site.run(['handover', 'start', '--shift', 'day', '--to', 'S006', '--json'], { as: 'S005', now: '2026-12-12 17:50' });
    expect(h.code, h.stderr).toBe(0);
    const carried = h.json().carried as { id: string; kind: string; due_at: string | null }[];
    expect(carried.find((c) => c.id === open)).toMatchObject({ kind: 'finding', due_at: '2026-12-15T12:20:00+08:00' });
    expect(carried.map((c) => c.id)).not.toContain(fid); // fixed
  });

  it('to-request raises a repair request through the request module, linked both ways; not twice', () => {
    const r = site.run(['patrol', 'check', pid, '天台', 'issue', '--note', '排水口堵塞', '--json'], { as: 'S005', now: '2026-12-12 12:00' });
    const id = r.json().finding.id;
    const t = site.run(['finding', 'to-request', id, '--json'], { as: 'S005', now: '2026-12-12 12:05' });
    expect(t.code, t.stderr).toBe(0);
    const req = t.json().request as string;
    expect(req).toMatch(/^R20261212-\d{3}$/);
    const shown = site.run(['request', 'show', req, '--json'], { now: '2026-12-12 12:06' }).json();
    expect(shown).toMatchObject({ kind: 'repair', status: 'received' });
    expect(shown.subject).toContain('排水口堵塞');
    const again = site.run(['finding', 'to-request', id], { as: 'S005', now: '2026-12-12 12:07' });
    expect(again.code).toBe(4);
  });
});

describe('patrol finish', () => {
  const site = makeSite({ roster: true, now: `${MON} 09:00` });
  afterAll(() => site.cleanup());

  it('records unchecked items as not checked and names them', () => {
    const p = site.run(['patrol', 'start', '--kind', 'fire', '--json'], { as: 'S005' }).json();
    const all = p.items.map((i: { item: string }) => i.item);
    expect(all.length).toBe(10);
    expect(site.run(['patrol', 'check', p.id, '1', 'ok'], { as: 'S005' }).code).toBe(0);
    expect(site.run(['patrol', 'check', p.id, all[1], 'ok'], { as: 'S005' }).code).toBe(0);
    const f = site.run(['patrol', 'finish', p.id], { as: 'S005' });
    expect(f.code).toBe(0);
    const rest = all.slice(2);
    expect(f.stdout).toContain(`${rest.length} not checked: ${rest.join(', ')}`);
    const shown = site.run(['patrol', 'show', p.id, '--json']).json();
    expect(shown.status).toBe('finished');
    expect(shown.items.filter((i: { result: string }) => i.result === 'not_checked').map((i: { item: string }) => i.item)).toEqual(rest);
    expect(site.run(['patrol', 'check', p.id, all[2], 'ok'], { as: 'S005' }).code).toBe(4);
  });

  it('prints the 巡查记录 as HTML with the signature line', () => {
    const id = site.run(['patrol', 'list', '--json']).json()[0].id;
    const out = join(site.dir, 'record.html');
    const r = site.run(['patrol', 'show', id, '--out', out, '--lang', 'zh']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('巡查记录');
    expect(html).toContain('巡查人签字');
    expect(html).toContain('size: A4');
    expect(site.run(['patrol', 'show', id, '--out', join(site.dir, 'x.txt')]).code).toBe(2);
  });
});

describe('report', () => {
  const site = makeSite({ roster: true, now: `${MON} 09:00` });
  afterAll(() => site.cleanup());

  it('patrol_coverage counts the days over since the first patrol; finding_on_time the findings due in the period', () => {
    for (const day of [MON, '2026-12-09']) {
      const id = site.run(['patrol', 'start', '--kind', 'units', '--json'], { as: 'S005', now: `${day} 09:00` }).json().id;
      if (day === MON) site.run(['patrol', 'check', id, '1', 'issue', '--note', '渗水'], { as: 'S005', now: `${day} 09:10` });
      expect(site.run(['patrol', 'finish', id], { as: 'S005', now: `${day} 10:00` }).code).toBe(0);
    }
    const r = site.run(['report', 'range', '--since', '2026-12-01', '--until', '2026-12-14', '--json'], { now: '2026-12-11 10:00' });
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    // 12-07 … 12-10 are over (12-11 is not); 12-07 and 12-09 have a finished round.
    expect(j.rates.patrol_coverage).toMatchObject({ numerator: 2, denominator: 4, target: 1, met: false });
    // The finding's solution was due 12-10 09:10 and nothing was recorded: missed.
    expect(j.rates.finding_on_time).toMatchObject({ numerator: 0, denominator: 1, met: false });
    expect(j.patrols.metrics).toMatchObject({ patrols_units: 2, units_checked: 1, findings_opened: 1, findings_open_at_end: 1 });
    const zh = site.run(['report', 'range', '--since', '2026-12-01', '--until', '2026-12-14', '--lang', 'zh'], { now: '2026-12-11 10:00' }).stdout;
    expect(zh).toContain('空置房巡查覆盖率');
    expect(zh).toContain('巡楼、巡检');
  });
});
