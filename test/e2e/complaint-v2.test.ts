// SPEC §3 "The rest of the complaint procedure (v2)", through bin/pmctl: each
// rule with its refusal (exit 4 or 2, the record unchanged) and its clock's
// due time on the working-day calendar where it counts working days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSite, type Site } from './helpers.js';

const clock = (c: any, name: string) => c.clocks.find((k: any) => k.clock === name);
const NEW = (unit: string, subject = '地库渗水') => ['complaint', 'new', '--unit', unit, '--name', '业主', '--phone', '13800138000', '--subject', subject];

describe('complaint procedure v2', () => {
  let site: Site;
  const ok = (args: string[], as: string, now: string) => {
    const r = site.run([...args, '--json'], { as, now });
    expect(r.code, args.join(' ') + '\n' + r.stderr).toBe(0);
    return r.json();
  };
  const show = (id: string, now = '2026-12-05 10:00') => site.run(['complaint', 'show', id, '--json'], { now }).json();
  /** Runs a refused command and checks that the record did not change. */
  const refused = (args: string[], as: string, now: string, code: 2 | 4, msg?: RegExp) => {
    const id = args[2];
    const before = show(id, now);
    const r = site.run(args, { as, now });
    expect(r.code, args.join(' ') + '\n' + r.stderr).toBe(code);
    if (msg) expect(r.stderr).toMatch(msg);
    expect(show(id, now)).toEqual(before);
    return r;
  };
  beforeAll(() => {
    site = makeSite({ roster: true });
  });
  afterAll(() => site.cleanup());

  it('collective upgrade: escalate counts from the upgrade, and sla explain says so', () => {
    const a = ok([...NEW('1-1-101'), '--at', '2026-11-23 08:00'], 'S005', '2026-11-23 08:01');
    ok([...NEW('1-1-102'), '--same-as', a.id, '--at', '2026-11-23 09:00'], 'S005', '2026-11-23 09:01');
    const c = ok([...NEW('1-1-202'), '--same-as', a.id, '--at', '2026-11-23 10:00'], 'S005', '2026-11-23 10:01');
    expect(c.severity).toBe('major');
    for (const id of [a.id, c.id]) {
      const x = show(id, '2026-11-23 10:05');
      expect(x.severity).toBe('major');
      expect(clock(x, 'escalate')).toMatchObject({ started_at: '2026-11-23T10:00:00+08:00', due_at: '2026-11-23T10:30:00+08:00', state: 'pending' });
    }
    const j = site.run(['sla', 'explain', a.id, '--json'], { now: '2026-11-23 10:05' }).json();
    expect(j.clocks.find((k: any) => k.clock === 'escalate').from_upgrade).toBe('collective');
    const text = site.run(['sla', 'explain', a.id, '--lang', 'en'], { now: '2026-11-23 10:05' }).stdout;
    expect(text).toMatch(/counted from the upgrade \(collective: 3 or more units\), not from reception/);
    expect(site.run(['sla', 'explain', a.id, '--lang', 'zh'], { now: '2026-11-23 10:05' }).stdout).toMatch(/自升级（集体投诉：3户以上）时起算/);
  });

  it('major escalation is met only with the department manager and the centre leader; the board tier runs its own clocks', () => {
    const c = ok([...NEW('1-1-301', '单车被盗'), '--category', 'theft', '--at', '2026-11-23 09:00'], 'S005', '2026-11-23 09:00');
    expect(c.severity).toBe('major');
    refused(['complaint', 'escalate', c.id, '--to', 'S003'], 'S005', '2026-11-23 09:05', 4, /manager/);
    let x = ok(['complaint', 'escalate', c.id, '--to', 'S002'], 'S005', '2026-11-23 09:10');
    expect(clock(x, 'escalate').done_at).toBeNull();
    expect(x.events.at(-1).data.missing).toBe('director');
    refused(['complaint', 'escalate', c.id, '--to', 'S001', '--tier', 'upward'], 'S005', '2026-11-23 09:11', 2);
    // not the board before the centre is complete
    refused(['complaint', 'escalate', c.id, '--to', 'G001', '--tier', 'board'], 'S005', '2026-11-23 09:12', 4, /centre/);
    x = ok(['complaint', 'escalate', c.id, '--to', 'S001'], 'S005', '2026-11-23 09:20');
    expect(clock(x, 'escalate')).toMatchObject({ state: 'met', done_at: '2026-11-23T09:20:00+08:00' });
    // the board tier: only a company leader takes it there
    refused(['complaint', 'escalate', c.id, '--to', 'S001', '--tier', 'board'], 'S005', '2026-11-23 10:00', 4, /company leader/);
    refused(['complaint', 'board-notified', c.id], 'S005', '2026-11-23 10:00', 4);
    x = ok(['complaint', 'escalate', c.id, '--to', 'G001', '--tier', 'board'], 'S005', '2026-11-23 10:00');
    expect(clock(x, 'board_escalate')).toMatchObject({ due_at: '2026-11-23T10:10:00+08:00', state: 'pending' });
    expect(clock(x, 'board_report')).toMatchObject({ due_at: '2026-11-25T10:00:00+08:00', state: 'pending' });
    const o = site.run(['overdue', '--json'], { now: '2026-11-23 10:20' }).json();
    expect(o.find((i: any) => i.id === c.id && i.what === 'board_escalate').overdue_minutes).toBe(10);
    x = ok(['complaint', 'board-notified', c.id, '--at', '2026-11-23 10:08'], 'S005', '2026-11-23 10:20');
    expect(clock(x, 'board_escalate').state).toBe('met');
    x = ok(['complaint', 'report-filed', c.id, '--tier', 'board'], 'S005', '2026-11-24 16:00');
    expect(clock(x, 'board_report').state).toBe('met');
    refused(['complaint', 'report-filed', c.id, '--tier', 'board'], 'S005', '2026-11-24 16:05', 4);
  });

  it('a suggestion reply records adopted or not and why not; refused without it', () => {
    const s = ok([...NEW('1-1-102', '增设快递柜'), '--kind', 'suggestion', '--at', '2026-11-23 09:00'], 'S005', '2026-11-23 09:00');
    expect(clock(s, 'suggestion_reply').due_at).toBe('2026-11-26T09:00:00+08:00');
    refused(['complaint', 'reply', s.id, '--method', 'phone', '--note', '已答复'], 'S005', '2026-11-23 10:00', 4, /adopted/);
    refused(['complaint', 'reply', s.id, '--method', 'phone', '--note', '已答复', '--adopted', 'no'], 'S005', '2026-11-23 10:00', 4, /reason/);
    refused(['complaint', 'reply', s.id, '--method', 'phone', '--note', '已答复', '--adopted', 'maybe'], 'S005', '2026-11-23 10:00', 2);
    const x = ok(
      ['complaint', 'reply', s.id, '--method', 'phone', '--note', '已答复', '--adopted', '否', '--reason', '须业主大会表决'],
      'S005',
      '2026-11-23 10:00',
    );
    expect(clock(x, 'suggestion_reply').state).toBe('met');
    expect(x.events.at(-1).data).toMatchObject({ adopted: false, reason: '须业主大会表决' });
    // --adopted is for suggestions only
    const c = ok([...NEW('1-1-101', '噪音')], 'S005', '2026-11-23 10:00');
    refused(['complaint', 'reply', c.id, '--method', 'phone', '--note', 'x', '--adopted', 'yes'], 'S005', '2026-11-23 10:05', 2);
  });

  it('explain --valid: unresolvable, still valid, not resolved, return visit due in 2 working days', () => {
    // Friday 2026-11-27 16:00: 2wd → Tuesday 12-01 23:59:59.
    const c = ok([...NEW('1-1-202', '窗外噪音'), '--category', 'noise', '--at', '2026-11-27 09:00'], 'S005', '2026-11-27 09:00');
    ok(['complaint', 'dispatch', c.id, '--dept', 'engineering', '--handler', 'E003'], 'S005', '2026-11-27 09:30');
    refused(['complaint', 'explain', c.id, '--valid'], 'S005', '2026-11-27 16:00', 2);
    const x = ok(['complaint', 'explain', c.id, '--valid', '--note', '市政道路施工，物业无法解决，已解释'], 'S005', '2026-11-27 16:00');
    expect(x).toMatchObject({ status: 'closed', outcome: 'unresolvable', valid: true, resolved_at: null });
    expect(clock(x, 'return_visit')).toMatchObject({ started_at: '2026-11-27T16:00:00+08:00', due_at: '2026-12-01T23:59:59+08:00', state: 'pending' });
    for (const k of ['resolve', 'accept']) expect(clock(x, k).state).toBe('skipped');
    const o = site.run(['overdue', '--json'], { now: '2026-12-02 09:00' }).json();
    expect(o.some((i: any) => i.id === c.id && i.what === 'return_visit')).toBe(true);
    const v = ok(['complaint', 'visit', c.id, '--result', 'basic', '--note', '理解'], 'S005', '2026-11-30 10:00');
    expect(v).toMatchObject({ status: 'closed', outcome: 'unresolvable', satisfaction: 'basic' });
    expect(clock(v, 'return_visit').state).toBe('met');
    refused(['complaint', 'visit', c.id, '--result', 'basic', '--note', '再次'], 'S005', '2026-11-30 11:00', 4);
    const en = site.run(['complaint', 'show', c.id, '--lang', 'zh'], { now: '2026-11-30 11:00' }).stdout;
    expect(en).toContain('有效但无法解决');
  });

  it('dispatch names a handler (required), records the appointment, and --developer applies the notice clocks', () => {
    const c = ok([...NEW('1-1-301', '外墙渗水'), '--category', 'repair', '--at', '2026-11-23 09:00'], 'S005', '2026-11-23 09:00');
    refused(['complaint', 'dispatch', c.id, '--dept', 'engineering'], 'S005', '2026-11-23 09:10', 2, /--handler/);
    refused(['complaint', 'dispatch', c.id, '--dept', 'engineering', '--handler', 'J002'], 'S005', '2026-11-23 09:10', 4);
    refused(['complaint', 'dispatch', c.id, '--dept', 'engineering', '--handler', 'E003', '--appointment', '2026-11-23 08:00'], 'S005', '2026-11-23 09:10', 2);
    const x = ok(
      ['complaint', 'dispatch', c.id, '--dept', 'engineering', '--handler', 'E003', '--appointment', '2026-11-24 14:00', '--developer'],
      'S005',
      '2026-11-23 09:10',
    );
    expect(x).toMatchObject({ handler: 'E003', appointment_at: '2026-11-24T14:00:00+08:00', developer: true, handler_recorded: true });
    // 3 minutes to notify, judged from reception: dispatched at 09:10, breached
    expect(clock(x, 'dispatch')).toMatchObject({ due_at: '2026-11-23T09:03:00+08:00', state: 'breached' });
    expect(clock(x, 'escalate')).toMatchObject({ started_at: '2026-11-23T09:10:00+08:00', due_at: '2026-11-23T09:15:00+08:00' });
    expect(clock(x, 'written_report')).toMatchObject({ due_at: '2026-11-24T09:10:00+08:00' });
    const table = site.run(['complaint', 'show', c.id, '--lang', 'zh'], { now: '2026-11-23 09:20' }).stdout;
    expect(table).toContain('约定时间');
    expect(table).toContain('2026-11-24 14:00');
    const j = site.run(['sla', 'explain', c.id, '--json'], { now: '2026-11-23 09:20' }).json();
    expect(j.clocks.find((k: any) => k.clock === 'dispatch').developer).toBe(true);
    // the developer matter escalates to a company leader
    refused(['complaint', 'escalate', c.id, '--to', 'S001'], 'S005', '2026-11-23 09:12', 4);
    expect(clock(ok(['complaint', 'escalate', c.id, '--to', 'G001'], 'S005', '2026-11-23 09:13'), 'escalate').state).toBe('met');
  });

  it('severity changes by a supervisor: new clocks start from the change, running ones keep their due', () => {
    const c = ok([...NEW('1-1-101', '电梯异响'), '--category', 'facility', '--at', '2026-11-23 09:00'], 'S005', '2026-11-23 09:00');
    const reply = clock(c, 'reply').due_at;
    refused(['complaint', 'severity', c.id, 'major', '--reason', '多次反映'], 'S005', '2026-11-23 11:00', 4, /supervisor/);
    refused(['complaint', 'severity', c.id, 'major'], 'S003', '2026-11-23 11:00', 2);
    refused(['complaint', 'severity', c.id, 'huge', '--reason', 'x'], 'S003', '2026-11-23 11:00', 2);
    refused(['complaint', 'severity', c.id, 'general', '--reason', 'x'], 'S003', '2026-11-23 11:00', 4);
    const x = ok(['complaint', 'severity', c.id, 'major', '--reason', '多次反映，影响全楼'], 'S003', '2026-11-23 11:00');
    expect(x.severity).toBe('major');
    expect(clock(x, 'escalate')).toMatchObject({ started_at: '2026-11-23T11:00:00+08:00', due_at: '2026-11-23T11:30:00+08:00' });
    expect(clock(x, 'reply').due_at).toBe(reply);
    expect(clock(x, 'dispatch').due_at).toBe('2026-11-23T21:00:00+08:00');
    const j = site.run(['sla', 'explain', c.id, '--json'], { now: '2026-11-23 11:05' }).json();
    expect(j.clocks.find((k: any) => k.clock === 'escalate').from_upgrade).toBe('supervisor');
    // a category's severity is a floor
    const f = ok([...NEW('1-1-102', '起火'), '--category', 'fire'], 'S005', '2026-11-23 11:00');
    refused(['complaint', 'severity', f.id, 'major', '--reason', 'x'], 'S003', '2026-11-23 11:05', 4);
    const s = ok([...NEW('1-1-102', '建议'), '--kind', 'suggestion'], 'S005', '2026-11-23 11:00');
    refused(['complaint', 'severity', s.id, 'major', '--reason', 'x'], 'S003', '2026-11-23 11:05', 4);
  });

  it('first_contact: 2h from the resolution being recorded, stopped by inform; skipped when the first contact records it', () => {
    const c = ok([...NEW('1-1-202', '楼道灯坏'), '--category', 'repair', '--at', '2026-11-24 09:00'], 'S005', '2026-11-24 09:00');
    expect(c.first_contact).toBe('S005');
    ok(['complaint', 'dispatch', c.id, '--dept', 'engineering', '--handler', 'E003'], 'S006', '2026-11-24 09:10');
    refused(['complaint', 'inform', c.id], 'S006', '2026-11-24 09:20', 4, /not resolved/);
    let x = ok(['complaint', 'resolve', c.id, '--note', '已换灯', '--by', 'E003', '--done-at', '2026-11-24 10:00'], 'S006', '2026-11-24 10:30');
    expect(clock(x, 'first_contact')).toMatchObject({ started_at: '2026-11-24T10:30:00+08:00', due_at: '2026-11-24T12:30:00+08:00', state: 'pending' });
    x = ok(['complaint', 'inform', c.id, '--note', '已告知张丽'], 'S006', '2026-11-24 11:00');
    expect(clock(x, 'first_contact')).toMatchObject({ state: 'met', done_at: '2026-11-24T11:00:00+08:00' });
    refused(['complaint', 'inform', c.id], 'S006', '2026-11-24 11:05', 4);
    const d = ok([...NEW('1-1-202', '垃圾未清'), '--category', 'cleaning', '--at', '2026-11-24 09:00'], 'S005', '2026-11-24 09:00');
    ok(['complaint', 'dispatch', d.id, '--dept', 'cleaning', '--handler', 'J002'], 'S005', '2026-11-24 09:10');
    x = ok(['complaint', 'resolve', d.id, '--note', '已清理', '--by', 'J002'], 'S005', '2026-11-24 10:00');
    expect(clock(x, 'first_contact').state).toBe('skipped');
    refused(['complaint', 'inform', d.id], 'S005', '2026-11-24 10:05', 4);
  });

  it('sla show lists the new clocks with their sources', () => {
    const rows = site.run(['sla', 'show', '--json']).json();
    const by = Object.fromEntries(rows.map((r: any) => [r.clock, r]));
    expect(by.first_contact).toMatchObject({ general: '2h', source: '[003] §8', suggestion: null });
    expect(by.board_escalate).toMatchObject({ major: '10m', emergency: '10m', source: '[003] §7' });
    expect(by.board_report).toMatchObject({ major: '48h', source: '[003] §7' });
    expect(by.suggestion_reply.stops).toBe('replied_adopted');
    const zh = site.run(['sla', 'show', '--lang', 'zh']).stdout;
    expect(zh).toContain('反馈首问人');
    expect(zh).toContain('上报董事领导');
    expect(zh).not.toMatch(/ev\.|enum\./);
  });
});

describe('reports count the new outcomes honestly', () => {
  let site: Site;
  beforeAll(() => {
    site = makeSite({ roster: true, now: '2026-11-23 08:00' });
  });
  afterAll(() => site.cleanup());

  it('unresolvable is valid and not resolved; suggestion_reply counts only replies saying adopted or not', () => {
    const step = (args: string[], now: string, as = 'S005') => {
      const r = site.run([...args, '--json'], { as, now });
      expect(r.code, args.join(' ') + '\n' + r.stderr).toBe(0);
      return r.json();
    };
    const a = step([...NEW('1-1-101', '漏水'), '--category', 'repair', '--at', '2026-11-23 09:00'], '2026-11-23 09:00');
    step(['complaint', 'dispatch', a.id, '--dept', 'engineering', '--handler', 'E003'], '2026-11-23 09:10');
    step(['complaint', 'resolve', a.id, '--note', '已修', '--by', 'E003'], '2026-11-23 11:00');
    const b = step([...NEW('1-1-102', '市政噪音'), '--category', 'noise', '--at', '2026-11-23 09:30'], '2026-11-23 09:30');
    step(['complaint', 'dispatch', b.id, '--dept', 'engineering', '--handler', 'E003'], '2026-11-23 09:40');
    step(['complaint', 'explain', b.id, '--valid', '--note', '物业无法解决'], '2026-11-23 12:00');
    const s = step([...NEW('1-1-202', '增加绿化'), '--kind', 'suggestion', '--at', '2026-11-23 10:00'], '2026-11-23 10:00');
    step(['complaint', 'reply', s.id, '--method', 'phone', '--note', '已答复', '--adopted', 'yes'], '2026-11-24 10:00');
    const r = site.run(['report', 'weekly', '--week', '2026-W48', '--json'], { now: '2026-11-30 10:00' });
    expect(r.code, r.stderr).toBe(0);
    const rep = r.json();
    expect(rep.complaints).toMatchObject({ valid: 2, explained: 0, unresolvable: 1 });
    const rate = (n: string) => rep.rates[n] ?? rep.rates.find?.((x: any) => x.name === n);
    expect(rate('valid_handled')).toMatchObject({ value: 0.5 });
    expect(rate('suggestion_reply')).toMatchObject({ value: 1 });
    expect(rep.clocks.first_contact).toBeDefined();
    const zh = site.run(['report', 'weekly', '--week', '2026-W48', '--lang', 'zh'], { now: '2026-11-30 10:00' }).stdout;
    expect(zh).toContain('有效但无法解决');
  });
});
