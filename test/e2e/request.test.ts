// Service requests (SPEC §11) through bin/pmctl: the appointment window, the
// no-skipping rules, overdue, rework and the rates, and that a request never
// changes the complaint figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSite, type Site } from './helpers.js';

const DAY = '2026-12-07';
const at = (hm: string, day = DAY) => `${day}T${hm}:00+08:00`;
const NEW = ['request', 'new', '--unit', '1-1-101', '--name', '付辉磊', '--phone', '13038378401', '--json'];

type Clock = { clock: string; state: string; due_at: string | null; done_at: string | null; arrival?: string; arrival_minutes?: number };
const clock = (r: { clocks: Clock[] }, name: string) => r.clocks.find((c) => c.clock === name)!;

describe('request: the appointment window and the whole path', () => {
  let site: Site;
  beforeAll(() => {
    site = makeSite({ roster: true, now: at('09:00') });
  });
  afterAll(() => site.cleanup());

  /** A minor repair received at 09:00, assigned at 09:10 for a 14:00 appointment. */
  function booked(subject: string): string {
    const r = site.run([...NEW, '--kind', '报修', '--subject', subject], { as: 'S005', now: at('09:00') });
    expect(r.code, r.stderr).toBe(0);
    const id = r.json().id as string;
    expect(id).toMatch(/^R20261207-\d{3}$/);
    const a = site.run(['request', 'assign', id, '--to', 'E003', '--appointment', `${DAY} 14:00`, '--json'], { as: 'S005', now: at('09:10') });
    expect(a.code, a.stderr).toBe(0);
    expect(a.json()).toMatchObject({ status: 'assigned', assignee: 'E003', appointment_at: at('14:00') });
    return id;
  }

  it('a repair kept within the window closes with every clock met', () => {
    const id = booked('厨房水龙头滴水');
    const arr = site.run(['request', 'arrive', id, '--json'], { as: 'E003', now: at('13:57') }).json();
    expect(clock(arr, 'arrive')).toMatchObject({ state: 'met', arrival: 'on_time', arrival_minutes: -3 });
    const done = site.run(['request', 'done', id, '--note', '更换阀芯', '--charge', '35', '--json'], { as: 'E003', now: at('14:40') });
    expect(done.code, done.stderr).toBe(0);
    const v = site.run(['request', 'visit', id, '--result', '满意', '--json'], { as: 'S005', now: '2026-12-08T10:00:00+08:00' });
    expect(v.code, v.stderr).toBe(0);
    const r = v.json();
    expect(r).toMatchObject({ status: 'closed', satisfaction: 'satisfied', rework_count: 0, charge_yuan: 35 });
    const states = Object.fromEntries(r.clocks.map((c: Clock) => [c.clock, c.state]));
    expect(states).toEqual({ assign: 'met', arrive: 'met', done: 'met', answer: 'skipped', return_visit: 'met' });
    expect(r.events.map((e: { type: string }) => e.type)).toEqual(['received', 'assigned', 'arrived', 'done', 'visited', 'closed']);
  });

  it('arriving 6 minutes early and 3 minutes late each breach, with early/late shown', () => {
    const early = booked('门铃不响');
    const e = site.run(['request', 'arrive', early, '--json'], { as: 'E003', now: at('13:54') }).json();
    expect(clock(e, 'arrive')).toMatchObject({ state: 'breached', arrival: 'early', arrival_minutes: -6 });
    const late = booked('灯不亮');
    const l = site.run(['request', 'arrive', late, '--json'], { as: 'E003', now: at('14:03') }).json();
    expect(clock(l, 'arrive')).toMatchObject({ state: 'breached', arrival: 'late', arrival_minutes: 3 });
    // People read it in their language.
    const zh = site.run(['request', 'show', early, '--lang', 'zh'], { now: at('14:10') }).stdout;
    expect(zh).toContain('早到 6 分钟');
    expect(zh).toContain('超时（早到）');
    // Recorded after the fact: --at counts, not the time it was typed.
    const later = booked('窗户关不上');
    const x = site.run(['request', 'arrive', later, '--at', `${DAY} 14:01`, '--json'], { as: 'E003', now: at('16:00') }).json();
    expect(clock(x, 'arrive')).toMatchObject({ state: 'met', arrival: 'on_time' });
  });

  it('a visit before done is refused (exit 4) and nothing is written', () => {
    const id = booked('马桶漏水');
    const before = site.run(['request', 'show', id, '--json']).stdout;
    const log = site.run(['log', '--json']).json().length;
    const r = site.run(['request', 'visit', id, '--result', 'satisfied'], { as: 'S005', now: at('15:00') });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/not done/);
    expect(site.run(['request', 'show', id, '--json']).stdout).toBe(before);
    expect(site.run(['log', '--json']).json().length).toBe(log);
    // Nor done before assigned.
    const fresh = site.run([...NEW, '--kind', 'repair', '--subject', '地漏堵'], { as: 'S005', now: at('15:00') }).json().id;
    expect(site.run(['request', 'done', fresh, '--note', 'x'], { as: 'E003', now: at('15:05') }).code).toBe(4);
    expect(site.run(['request', 'show', fresh, '--json']).json().status).toBe('received');
  });
});

describe('request: overdue, rework and the rates', () => {
  let site: Site;
  beforeAll(() => {
    site = makeSite({ roster: true, now: at('10:00') });
  });
  afterAll(() => site.cleanup());

  it('an urgent repair unassigned after 5 minutes is overdue', () => {
    const id = site.run([...NEW, '--kind', 'repair', '--urgency', '急修', '--subject', '水管爆裂'], { as: 'S005', now: at('10:00') }).json().id;
    expect(
      site
        .run(['overdue', '--json'], { now: at('10:04') })
        .json()
        .filter((i: { module: string; overdue_minutes: number }) => i.module === 'request' && i.overdue_minutes >= 0),
    ).toEqual([]);
    const items = site.run(['overdue', '--json'], { now: at('10:06') }).json();
    expect(items).toContainEqual(expect.objectContaining({ module: 'request', id, what: 'assign', due_at: at('10:05'), overdue_minutes: 1 }));
    expect(site.run(['overdue', '--check'], { now: at('10:06') }).code).toBe(6);
    const list = site.run(['request', 'list', '--status', '超期', '--json'], { now: at('10:06') }).json();
    expect(list.map((r: { id: string }) => r.id)).toEqual([id]);
    // The warning line a clerk sees on a terminal.
    const tty = site.run(['request', 'list'], { now: at('10:06'), env: { PMCTL_ASSUME_TTY: '1' } });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/1 overdue: 1 request clocks? — pmctl overdue/);
  });

  it('rework reopens the request and counts in rework_rate', () => {
    const id = site.run([...NEW, '--kind', 'repair', '--subject', '空调不制冷'], { as: 'S005', now: at('10:10') }).json().id;
    site.run(['request', 'assign', id, '--to', 'E004'], { as: 'S005', now: at('10:20') });
    site.run(['request', 'arrive', id], { as: 'E004', now: at('11:00') });
    expect(site.run(['request', 'done', id, '--note', '加氟'], { as: 'E004', now: at('12:00') }).code).toBe(0);
    const v = site.run(['request', 'visit', id, '--result', 'satisfied'], { as: 'S005', now: at('16:00') });
    expect(v.code, v.stderr).toBe(0);
    const r = site.run(['request', 'rework', id, '--reason', '又不制冷了', '--json'], { as: 'S005', now: '2026-12-09T09:00:00+08:00' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ status: 'assigned', rework_count: 1, assignee: 'E004' });
    expect(clock(r.json(), 'done').state).toBe('pending');
    const rep = site.run(['report', 'range', '--since', DAY, '--until', '2026-12-10', '--json'], { now: '2026-12-09T10:00:00+08:00' }).json();
    expect(rep.rates.rework_rate).toMatchObject({ numerator: 1, denominator: 1, value: 1, met: false, comparison: '<=' });
    expect(rep.rates.request_satisfaction).toMatchObject({ numerator: 1, denominator: 1 });
    expect(rep.requests.by_kind.repair).toBe(2);
    // An unsatisfied visit reopens it as a rework too.
    site.run(['request', 'arrive', id], { as: 'E004', now: '2026-12-09T09:30:00+08:00' });
    site.run(['request', 'done', id, '--note', '换压缩机'], { as: 'E004', now: '2026-12-09T10:30:00+08:00' });
    const u = site.run(['request', 'visit', id, '--result', '不满意', '--note', '噪音大', '--json'], { as: 'S005', now: '2026-12-09T11:00:00+08:00' }).json();
    expect(u).toMatchObject({ status: 'assigned', rework_count: 2 });
  });

  it('an enquiry is answered within a working day, and cannot be visited', () => {
    const id = site.run([...NEW, '--kind', '咨询', '--subject', '物业费怎么交'], { as: 'S005', now: at('10:30') }).json().id;
    expect(site.run(['request', 'visit', id, '--result', 'satisfied'], { as: 'S005', now: at('10:40') }).code).toBe(4);
    const r = site.run(['request', 'answer', id, '--note', '可在服务中心或网上缴纳', '--json'], { as: 'S005', now: at('11:00') }).json();
    expect(r.status).toBe('closed');
    expect(clock(r, 'answer')).toMatchObject({ state: 'met', due_at: '2026-12-08T23:59:59+08:00' });
  });

  it('sla set --kind repair --urgency urgent changes the urgent clocks only; sla show and explain cover them', () => {
    const s = site.run(['sla', 'set', 'assign', '10m', '--kind', '报修', '--urgency', 'urgent', '--json'], { as: 'S002' });
    expect(s.code, s.stderr).toBe(0);
    expect(s.json().scopes).toEqual(['repair_urgent']);
    const show = site.run(['sla', 'show', '--json']).json();
    expect(show.find((x: any) => x.module === 'request' && x.clock === 'assign')).toMatchObject({
      repair_minor: '30m',
      repair_urgent: '10m',
      help: '15m',
      enquiry: null,
    });
    const id = site.run([...NEW, '--kind', 'repair', '--urgency', 'urgent', '--subject', '停电'], { as: 'S005', now: at('12:00') }).json().id;
    const x = site.run(['sla', 'explain', id, '--json'], { now: at('12:00') });
    expect(x.code, x.stderr).toBe(0);
    expect(x.json().clocks.find((c: any) => c.clock === 'assign').due_at).toBe(at('12:10'));
  });
});

describe('request and complaint figures', () => {
  let site: Site;
  beforeAll(() => {
    site = makeSite({ roster: true, now: at('09:00') });
  });
  afterAll(() => site.cleanup());

  it('a request never changes complaint figures; a complaint raised from one is linked both ways', () => {
    const c = site.run(['complaint', 'new', '--unit', '1-1-102', '--name', '唐丽秀', '--phone', '15159747824', '--subject', '噪音', '--category', 'noise'], {
      as: 'S005',
    });
    expect(c.code, c.stderr).toBe(0);
    const report = () => {
      const r = site.run(['report', 'range', '--since', DAY, '--until', '2026-12-08', '--json'], { now: at('18:00') }).json();
      const complaintRates = Object.fromEntries(
        Object.entries(r.rates).filter(
          ([k]) => !['minor_repair_on_time', 'urgent_repair_on_time', 'arrival_on_time', 'rework_rate', 'request_satisfaction'].includes(k),
        ),
      );
      return { complaints: r.complaints, clocks: r.clocks, rates: complaintRates, requests: r.requests.metrics.requests_received };
    };
    const before = report();
    for (const [kind, subject] of [
      ['repair', '漏水'],
      ['help', '钥匙锁家里'],
      ['enquiry', '停车办理'],
    ]) {
      const r = site.run([...NEW, '--kind', kind, '--subject', subject], { as: 'S005', now: at('10:00') });
      expect(r.code, r.stderr).toBe(0);
    }
    const after = report();
    expect(after.requests).toBe(3);
    expect({ ...after, requests: 0 }).toEqual({ ...before, requests: 0 });

    // complaint new --from-request: the facts come from the request, and the two name each other.
    const rid = site.run(['request', 'list', '--kind', 'repair', '--json'], { now: at('11:00') }).json()[0].id;
    const k = site.run(['complaint', 'new', '--from-request', rid, '--json'], { as: 'S005', now: at('11:00') });
    expect(k.code, k.stderr).toBe(0);
    expect(k.json()).toMatchObject({ unit: '1-1-101', name: '付辉磊', subject: '漏水', from_request: rid });
    expect(site.run(['request', 'show', rid, '--json']).json().complaint).toBe(k.json().id);
    expect(site.run(['complaint', 'new', '--from-request', rid], { as: 'S005', now: at('11:05') }).code).toBe(4);

    // unit show lists the unit's requests (客户请修记录); a handover carries the open ones.
    const u = site.run(['unit', 'show', '1-1-101', '--json']).json();
    expect(u.requests.map((r: { id: string }) => r.id)).toContain(rid);
    const h = site.run(['handover', 'start', '--shift', 'day', '--to', 'S006', '--json'], { as: 'S005', now: at('17:50') });
    expect(h.code, h.stderr).toBe(0);
    const carried = h.json().carried.filter((c: { kind: string }) => c.kind === 'service_request');
    expect(carried.map((c: { id: string }) => c.id).sort()).toEqual(
      site
        .run(['request', 'list', '--json'], { now: at('17:50') })
        .json()
        .map((r: { id: string }) => r.id)
        .sort(),
    );
    expect(carried.length).toBe(3);
  });
});
