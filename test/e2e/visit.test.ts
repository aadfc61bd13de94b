// Visits, surveys, forums and community events (SPEC §14), through the binary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { FIXTURES, makeSite, type Site } from './helpers.js';

const NOW = '2026-11-23T10:00:00+08:00';

function fixtureUnits(): { label: string; building: string; occupancy: string }[] {
  const lines = readFileSync(join(FIXTURES, 'units.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((l) => {
    const [b, u, , r, , occ] = l.split(',');
    return { label: `${b}-${u}-${r}`, building: b, occupancy: occ };
  });
}

describe('visits', () => {
  let s: Site;
  beforeAll(() => {
    s = makeSite({ now: NOW, roster: true });
    expect(s.run(['staff', 'area', 'S005', '--buildings', '1'], { as: 'S002' }).code).toBe(0);
  });
  afterAll(() => s.cleanup());

  it('a clerk may not set areas; a supervisor may', () => {
    const r = s.run(['staff', 'area', 'S006', '--buildings', '2'], { as: 'S005' });
    expect(r.code).toBe(4);
    expect(s.run(['staff', 'area', 'S006', '--buildings', '99'], { as: 'S002' }).code).toBe(3);
  });

  it("the plan lists exactly the occupied units of the clerk's area not yet visited this quarter", () => {
    const occupied = fixtureUnits()
      .filter((u) => u.building === '1' && u.occupancy !== 'vacant')
      .map((u) => u.label);
    // A visit last quarter does not count for this one.
    expect(s.run(['visit', 'record', occupied[0], '--method', 'home', '--note', 'x', '--at', '2026-09-20 10:00'], { as: 'S005' }).code).toBe(0);
    expect(s.run(['visit', 'record', occupied[1], '--method', '电话', '--note', '问候'], { as: 'S005' }).code).toBe(0);
    const vacant = fixtureUnits().find((u) => u.building === '1' && u.occupancy === 'vacant')!.label;
    expect(s.run(['visit', 'record', vacant, '--method', 'home', '--note', 'vacant'], { as: 'S005' }).code).toBe(0);
    const plan = s.run(['visit', 'plan', '--json']).json();
    expect(plan.quarter).toBe('2026-Q4');
    const line = plan.clerks.find((c: any) => c.staff === 'S005');
    expect(line.occupied).toBe(occupied.length);
    expect(line.visited).toBe(1);
    expect(line.target).toBe(Math.ceil(occupied.length * 0.25));
    expect([...line.to_visit].sort()).toEqual(occupied.filter((u) => u !== occupied[1]).sort());
  });

  it('a visit raising a complaint links both ways; a request is refused until requests exist', () => {
    const v = s.run(['visit', 'record', '1-1-102', '--method', '上门', '--note', '回访', '--issue', '楼道灯不亮', '--raise', '投诉', '--json'], { as: 'S005' });
    expect(v.code, v.stderr).toBe(0);
    const visit = v.json();
    expect(visit.raised).toEqual({ kind: 'complaint', id: expect.stringMatching(/^C20261123-\d{3}$/) });
    const c = s.run(['complaint', 'show', visit.raised.id, '--json']).json();
    expect(c.unit).toBe('1-1-102');
    expect(c.channel).toBe('visit');
    expect(JSON.stringify(c.events)).toContain(visit.id);
    // --raise request goes through the request module's one entry point (SPEC §11), linked both ways.
    const r = s.run(['visit', 'record', '1-1-102', '--method', 'home', '--note', 'x', '--issue', '漏水', '--raise', '报修', '--json'], { as: 'S005' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().raised).toEqual({ kind: 'request', id: expect.stringMatching(/^R20261123-\d{3}$/) });
    const req = s.run(['request', 'show', r.json().raised.id, '--json']).json();
    expect(req).toMatchObject({ kind: 'repair', urgency: 'minor', unit: '1-1-102', subject: '漏水', channel: 'visit', source: `visit:${r.json().id}` });
  });
});

describe('surveys', () => {
  let s: Site;
  beforeAll(() => {
    s = makeSite({ now: NOW, roster: true });
  });
  afterAll(() => s.cleanup());

  it('a GB18030 survey with Chinese answers gives the hand-computed index', () => {
    // Q1 answers: 满意, 基本满意, 不满意, 5, 2 → satisfied 3 of 5 = 60 %.
    // Q2 answers: 满意, 满意, 满意, 4, (blank) → 4 of 4 = 100 %. Overall 7 of 9.
    const csv = [
      '房号,日期,服务态度,维修及时',
      '1-1-101,2026-07-10,满意,满意',
      '1-1-102,2026-07-10,基本满意,满意',
      '1-1-201,2026-07-11,不满意,满意',
      '1-1-202,2026-07-11,5,4',
      '1-1-301,2026-07-12,2,',
    ].join('\r\n');
    const file = s.file('survey-gbk.csv', iconv.encode(csv, 'gb18030'));
    const r = s.run(['survey', 'import', file, '--name', '2026年度满意度调查', '--json'], { as: 'S005' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().encoding).toBe('gb18030');
    const id = r.json().survey.id;
    const show = s.run(['survey', 'show', id, '--json']).json();
    expect(show.respondents).toBe(5);
    expect(show.taken_from).toBe('2026-07-10');
    expect(show.questions.map((q: any) => [q.question, q.answers, q.satisfied, q.index])).toEqual([
      ['服务态度', 5, 3, 0.6],
      ['维修及时', 4, 4, 1],
    ]);
    expect(show.overall.index).toBeCloseTo(7 / 9, 12);
    // Wilson 95 % for 3 of 5: 0.2307 … 0.8824
    expect(show.questions[0].ci95[0]).toBeCloseTo(0.2307, 3);
    expect(show.questions[0].ci95[1]).toBeCloseTo(0.8824, 3);
    expect(show.response_rate).toBeCloseTo(5 / show.occupied_units, 12);
  });

  it('a bad score is refused, naming its line and column; nothing is written', () => {
    const before = s.run(['survey', 'list', '--json']).json().length;
    const csv = ['unit,date,Q1', '1-1-101,2026-07-10,5', '1-1-102,2026-07-10,很好'].join('\n');
    const r = s.run(['survey', 'import', s.file('bad.csv', csv), '--name', 'bad'], { as: 'S005' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv:3:3/);
    expect(r.stderr).toContain('很好');
    expect(s.run(['survey', 'list', '--json']).json().length).toBe(before);
  });

  it('--vs compares two surveys', () => {
    const a = s
      .run(['survey', 'import', s.file('a.csv', 'unit,date,Q1\n1-1-101,2025-07-01,2\n1-1-102,2025-07-01,5\n'), '--name', '2025', '--json'], { as: 'S005' })
      .json().survey.id;
    const b = s
      .run(['survey', 'import', s.file('b.csv', 'unit,date,Q1\n1-1-101,2026-07-01,5\n1-1-102,2026-07-01,5\n'), '--name', '2026', '--json'], { as: 'S005' })
      .json().survey.id;
    const j = s.run(['survey', 'show', b, '--vs', a, '--json']).json();
    expect([j.vs.overall.index, j.survey.overall.index]).toEqual([0.5, 1]);
  });
});

describe('cadences: overdue at the right time, never before the first record', () => {
  let s: Site;
  const overdue = (now: string) =>
    s
      .run(['overdue', '--json'], { now })
      .json()
      .filter((i: any) => i.module === 'visit');
  beforeAll(() => {
    s = makeSite({ now: NOW, roster: true });
  });
  afterAll(() => s.cleanup());

  it('nothing is owed before the module is used', () => {
    expect(overdue('2027-12-31T10:00:00+08:00')).toEqual([]);
  });

  it('forum, survey, community event, quarter target and event records each fall due in turn', () => {
    expect(s.run(['staff', 'area', 'S005', '--buildings', '1'], { as: 'S002' }).code).toBe(0);
    // The first record: a community event on 2026-11-20 (held), recorded the same day.
    const e = s.run(['event', 'add', '--type', '社区活动', '--at', '2026-11-20 14:00', '--topic', '义诊', '--json'], { as: 'S005' }).json();
    expect(e.id).toMatch(/^EV20261120-\d{3}$/);
    // Before the forum's 6 months: nothing about forums; the event is not yet 14 days old.
    const early = overdue('2026-12-01T10:00:00+08:00');
    expect(early.map((i: any) => i.what)).toEqual([]);
    // 14 days on, the event's record is missing.
    expect(overdue('2026-12-05T10:00:00+08:00').map((i: any) => i.what)).toEqual(['event_not_recorded']);
    expect(
      s.run(['event', 'record', e.id, '--attendance', '50', '--satisfaction', '90', '--visited', '4'], { as: 'S005', now: '2026-12-05T10:00:00+08:00' }).code,
    ).toBe(0);
    // 4 of 50 is under 10 %.
    expect(overdue('2026-12-05T11:00:00+08:00').map((i: any) => i.what)).toEqual(['event_few_visited']);
    expect(
      s.run(['event', 'record', e.id, '--attendance', '50', '--satisfaction', '90', '--visited', '5'], { as: 'S005', now: '2026-12-05T12:00:00+08:00' }).code,
    ).toBe(0);
    expect(overdue('2026-12-05T13:00:00+08:00')).toEqual([]);
    // The quarter started before the first record: Q4 owes no visits and no event. Q1 2027 does.
    const q1 = overdue('2027-04-01T09:00:00+08:00').map((i: any) => `${i.what}:${i.id}`);
    expect(q1).toEqual(expect.arrayContaining(['visit_target:S005', 'community_event:2027-Q1']));
    expect(q1).not.toContain('forum:forum');
    // Six months after the first record: the forum; twelve: the survey.
    expect(overdue('2027-05-21T09:00:00+08:00').map((i: any) => i.what)).toContain('forum');
    expect(overdue('2027-11-19T09:00:00+08:00').map((i: any) => i.what)).not.toContain('survey');
    expect(overdue('2027-11-21T09:00:00+08:00').map((i: any) => i.what)).toContain('survey');
  });

  it('visit_coverage appears in the report with its counts', () => {
    const r = s.run(['report', 'monthly', '--month', '2026-11', '--json']).json();
    expect(r.rates.visit_coverage).toMatchObject({ target: 1, numerator: 0 });
    expect(r.rates.visit_coverage.denominator).toBeGreaterThan(100);
  });
});
