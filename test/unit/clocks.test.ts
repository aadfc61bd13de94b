import { describe, expect, it } from 'vitest';
import {
  CLOCKS,
  applyClockEvent,
  clockState,
  closeBlockers,
  computeDue,
  escalationRoleNeeded,
  isCollective,
  isWorkingDayPolicy,
  lateness,
  policyFor,
  severityFor,
  stepRefusal,
  type ClockEnv,
  type ClockEvent,
  type ClockName,
  type ClockSet,
  type Scope,
  type Status,
  type Step,
} from '../../src/domain/clocks.js';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { formatIso, fromLocal } from '../../src/domain/time.js';
import { officialCalendarData } from '../../src/store/calendar.js';

const TZ = 'Asia/Shanghai';
const cal = new WorkCalendar(officialCalendarData());
const at = (s: string) => fromLocal(s, TZ);
const iso = (ms: number | null | undefined) => (ms == null ? null : formatIso(ms, TZ));

function env(scope: Scope, overrides = new Map<string, string>()): ClockEnv {
  return { scope, policy: (c, s) => policyFor(c, s, overrides), due: (start, p) => computeDue(start, p, cal, TZ) };
}

function run(scope: Scope, events: ClockEvent[]): ClockSet {
  let set: ClockSet = new Map();
  for (const e of events) set = applyClockEvent(set, e, env(scope));
  return set;
}

const view = (set: ClockSet, c: ClockName) => {
  const k = set.get(c)!;
  return { started: iso(k.started_at), due: iso(k.due_at), done: iso(k.done_at), skipped: !!k.skipped, policy: k.policy };
};

describe('default policy per severity and kind (SPEC §3 table)', () => {
  it.each([
    ['intake', '24h', '24h', '3m', '24h'],
    ['dispatch', '12h', '12h', '3m', null],
    ['accept', '2h', '2h', '2h', null],
    ['resolve', '24h', '24h', '4h', null],
    ['feedback', '2h', '2h', '2h', null],
    ['reply', '2wd', '2wd', '2wd', null],
    ['return_visit', '2wd', '2wd', '2wd', null],
    ['escalate', null, '30m', '5m', null],
    ['written_report', null, null, '24h', null],
    ['verify', null, null, '8h', null],
    ['suggestion_reply', null, null, null, '3d'],
    ['first_contact', '2h', '2h', '2h', null],
    ['board_escalate', '10m', '10m', '10m', null],
    ['board_report', '48h', '48h', '48h', null],
  ] as const)('%s: general %s, major %s, emergency %s, suggestion %s', (clock, g, m, e, s) => {
    expect([policyFor(clock, 'general'), policyFor(clock, 'major'), policyFor(clock, 'emergency'), policyFor(clock, 'suggestion')]).toEqual([g, m, e, s]);
  });

  it('a site override wins for its scope only, and never makes a clock apply where it does not', () => {
    const ov = new Map([
      ['reply|general', '3wd'],
      ['escalate|general', '1h'],
    ]);
    expect(policyFor('reply', 'general', ov)).toBe('3wd');
    expect(policyFor('reply', 'major', ov)).toBe('2wd');
    expect(policyFor('escalate', 'general', ov)).toBeNull();
  });

  it('covers every clock', () => {
    expect(CLOCKS.length).toBe(14);
  });
});

describe('severity from the category', () => {
  it.each([
    ['repair', undefined, 'general'],
    ['repair', 'major', 'major'],
    ['theft', undefined, 'major'],
    ['equipment_failure', 'general', 'major'],
    ['fire', undefined, 'emergency'],
    ['elevator_entrapment', 'general', 'emergency'],
    ['flooding', 'major', 'emergency'],
    ['power_cut', undefined, 'emergency'],
    ['noise', 'emergency', 'emergency'],
  ] as const)('%s with --severity %s → %s', (cat, given, expected) => {
    expect(severityFor(cat, given)).toBe(expected);
  });

  it.each([
    [1, false],
    [2, false],
    [3, true],
    [5, true],
  ])('%i distinct units collective: %s', (n, c) => expect(isCollective(n)).toBe(c));

  it('escalation goes to manager+ for major, to the company leader for emergency', () => {
    expect(escalationRoleNeeded('general')).toBeNull();
    expect(escalationRoleNeeded('major')).toBe('manager');
    expect(escalationRoleNeeded('emergency')).toBe('leader');
  });
});

describe('clock states', () => {
  const s = at('2026-11-23 10:00');
  const d = at('2026-11-23 14:00');
  it.each([
    ['skipped', { started_at: null, due_at: null, done_at: null, skipped: 1 }, s, 'skipped'],
    ['not started', { started_at: null, due_at: null, done_at: null, skipped: 0 }, s, 'pending'],
    ['plenty of time', { started_at: s, due_at: d, done_at: null, skipped: 0 }, at('2026-11-23 12:00'), 'pending'],
    ['exactly 25 % left', { started_at: s, due_at: d, done_at: null, skipped: 0 }, at('2026-11-23 13:00'), 'pending'],
    ['less than 25 % left', { started_at: s, due_at: d, done_at: null, skipped: 0 }, at('2026-11-23 13:01'), 'due_soon'],
    ['at the due instant', { started_at: s, due_at: d, done_at: null, skipped: 0 }, d, 'due_soon'],
    ['past due', { started_at: s, due_at: d, done_at: null, skipped: 0 }, d + 1, 'overdue'],
    ['done on time', { started_at: s, due_at: d, done_at: d, skipped: 0 }, d + 9e9, 'met'],
    ['done late', { started_at: s, due_at: d, done_at: d + 1, skipped: 0 }, d + 9e9, 'breached'],
  ] as const)('%s → %s', (_n, c, now, state) => {
    expect(clockState(c, now)).toBe(state);
  });

  it('lateness is signed: late positive, early negative, none before start', () => {
    expect(lateness({ started_at: s, due_at: d, done_at: d - 60000, skipped: 0 }, 0)).toBe(-60000);
    expect(lateness({ started_at: s, due_at: d, done_at: null, skipped: 0 }, d + 120000)).toBe(120000);
    expect(lateness({ started_at: null, due_at: null, done_at: null, skipped: 0 }, d)).toBeNull();
  });
});

describe('the clock engine: which event starts and stops which clock', () => {
  const recv = at('2026-11-23 09:00');
  const received: ClockEvent = { type: 'received', at: recv };

  it('received: intake met at once, dispatch/reply start, department clocks wait, others skipped', () => {
    const set = run('general', [received]);
    expect(view(set, 'intake')).toMatchObject({ started: iso(recv), done: iso(recv), policy: '24h' });
    expect(view(set, 'dispatch')).toMatchObject({ started: iso(recv), due: '2026-11-23T21:00:00+08:00', done: null });
    expect(view(set, 'reply')).toMatchObject({ due: '2026-11-25T23:59:59+08:00', policy: '2wd' });
    for (const c of ['accept', 'resolve', 'feedback', 'return_visit'] as const) expect(view(set, c)).toMatchObject({ started: null, skipped: false });
    for (const c of ['escalate', 'written_report', 'verify', 'suggestion_reply', 'board_escalate', 'board_report'] as const)
      expect(view(set, c).skipped).toBe(true);
    expect(view(set, 'first_contact')).toMatchObject({ started: null, skipped: false });
    expect(set.size).toBe(14);
  });

  it('heard first by a colleague: intake runs from --heard-at', () => {
    const set = run('emergency', [{ type: 'received', at: recv, heard_at: recv - 5 * 60000 }]);
    const k = set.get('intake')!;
    expect(clockState(k, recv)).toBe('breached'); // 5 minutes against 3m
    expect(view(set, 'escalate')).toMatchObject({ due: '2026-11-23T09:05:00+08:00' });
    expect(view(set, 'written_report')).toMatchObject({ due: '2026-11-24T09:00:00+08:00' });
  });

  it('dispatched: stops dispatch, starts accept and resolve (default or the deadline given)', () => {
    const t = at('2026-11-23 09:30');
    let set = run('general', [received, { type: 'dispatched', at: t }]);
    expect(view(set, 'dispatch').done).toBe(iso(t));
    expect(view(set, 'accept')).toMatchObject({ due: '2026-11-23T11:30:00+08:00' });
    expect(view(set, 'resolve')).toMatchObject({ due: '2026-11-24T09:30:00+08:00', policy: '24h' });
    set = run('general', [received, { type: 'dispatched', at: t, deadline: { due: at('2026-11-23 17:00'), policy: 'fixed' } }]);
    expect(view(set, 'resolve')).toMatchObject({ due: '2026-11-23T17:00:00+08:00', policy: 'fixed' });
  });

  it('accepted and delayed stop accept; delay moves the resolve due', () => {
    const t = at('2026-11-23 09:30');
    const base = [received, { type: 'dispatched', at: t } as ClockEvent];
    expect(view(run('general', [...base, { type: 'accepted', at: t + 3600e3 }]), 'accept').done).toBe(iso(t + 3600e3));
    const nd = at('2026-11-26 18:00');
    const set = run('general', [...base, { type: 'delayed', at: t + 60e3, new_due: nd }]);
    expect(view(set, 'accept').done).toBe(iso(t + 60e3));
    expect(view(set, 'resolve')).toMatchObject({ due: iso(nd), policy: 'delay', done: null });
  });

  it('resolved: stops accept and resolve at the done time; feedback runs until recorded; return visit and verify start', () => {
    const t = at('2026-11-23 09:30');
    const done = at('2026-11-23 12:00');
    const rec = at('2026-11-23 15:00');
    const set = run('emergency', [received, { type: 'dispatched', at: t }, { type: 'resolved', at: rec, done_at: done }]);
    expect(view(set, 'accept').done).toBe(iso(done));
    expect(clockState(set.get('resolve')!, rec)).toBe('met'); // 2h30 against 4h
    expect(view(set, 'feedback')).toMatchObject({ started: iso(done), done: iso(rec) });
    expect(clockState(set.get('feedback')!, rec)).toBe('breached'); // 3h against 2h
    expect(view(set, 'return_visit')).toMatchObject({ started: iso(done), due: '2026-11-25T23:59:59+08:00' });
    expect(view(set, 'verify')).toMatchObject({ due: '2026-11-23T20:00:00+08:00' });
  });

  it('replied stops reply (first reply wins) and suggestion_reply', () => {
    const r1 = at('2026-11-23 10:00');
    let set = run('general', [received, { type: 'replied', at: r1 }, { type: 'replied', at: r1 + 9e6 }]);
    expect(view(set, 'reply').done).toBe(iso(r1));
    set = run('suggestion', [received, { type: 'replied', at: at('2026-11-27 10:00') }]);
    expect(view(set, 'suggestion_reply')).toMatchObject({ due: '2026-11-26T09:00:00+08:00', done: '2026-11-27T10:00:00+08:00' });
    expect(clockState(set.get('suggestion_reply')!, 0)).toBe('breached');
    expect(view(set, 'reply').skipped).toBe(true);
  });

  it('visited stops return visit, and an owed reply unless the complaint is written', () => {
    const t = at('2026-11-23 09:30');
    const base: ClockEvent[] = [received, { type: 'dispatched', at: t }, { type: 'resolved', at: t + 3600e3, done_at: t + 3600e3 }];
    let set = run('general', [...base, { type: 'visited', at: t + 7200e3, written: false }]);
    expect(view(set, 'return_visit').done).toBe(iso(t + 7200e3));
    expect(view(set, 'reply').done).toBe(iso(t + 7200e3));
    set = run('general', [...base, { type: 'visited', at: t + 7200e3, written: true }]);
    expect(view(set, 'reply').done).toBeNull();
  });

  it('explained: reply met, every other open clock skipped', () => {
    const set = run('major', [received, { type: 'explained', at: recv + 60e3 }]);
    expect(view(set, 'reply').done).toBe(iso(recv + 60e3));
    for (const c of ['dispatch', 'accept', 'resolve', 'feedback', 'return_visit', 'escalate'] as const) expect(view(set, c).skipped, c).toBe(true);
    expect(view(set, 'intake').skipped).toBe(false);
  });

  it('escalated, report filed, verified stop their clocks', () => {
    const t = at('2026-11-23 09:02');
    const set = run('emergency', [
      received,
      { type: 'escalated', at: t },
      { type: 'report_filed', at: t },
      { type: 'dispatched', at: t },
      { type: 'resolved', at: t + 3600e3, done_at: t + 3600e3 },
      { type: 'verified', at: t + 7200e3 },
    ]);
    for (const c of ['escalate', 'written_report', 'verify'] as const) expect(clockState(set.get(c)!, 0), c).toBe('met');
  });

  it('redispatch restarts dispatch and clears the department clocks', () => {
    const t = at('2026-11-23 09:30');
    const v = at('2026-11-24 10:00');
    const set = run('general', [
      received,
      { type: 'dispatched', at: t },
      { type: 'resolved', at: t + 3600e3, done_at: t + 3600e3 },
      { type: 'visited', at: v, written: false },
      { type: 'redispatch', at: v, unskip: false },
    ]);
    expect(view(set, 'dispatch')).toMatchObject({ started: iso(v), due: '2026-11-24T22:00:00+08:00', done: null });
    for (const c of ['accept', 'resolve', 'feedback'] as const) expect(view(set, c)).toMatchObject({ started: null, done: null, skipped: false });
    expect(view(set, 'return_visit').done).toBe(iso(v)); // the visit of the first round stays recorded
  });

  it('upgraded to major: escalate starts from the received time with the policy in force', () => {
    let set = run('general', [received]);
    set = applyClockEvent(set, { type: 'upgraded', received_at: recv, resolved_at: null }, env('major'));
    expect(view(set, 'escalate')).toMatchObject({ started: iso(recv), due: '2026-11-23T09:30:00+08:00', skipped: false });
    expect(view(set, 'written_report').skipped).toBe(true);
    expect(view(set, 'dispatch').due).toBe('2026-11-23T21:00:00+08:00'); // running clocks keep their due
  });

  it('an override in force when the clock starts fixes its due', () => {
    const e = env('general', new Map([['dispatch|general', '2h']]));
    const set = applyClockEvent(new Map(), received, e);
    expect(view(set, 'dispatch')).toMatchObject({ due: '2026-11-23T11:00:00+08:00', policy: '2h' });
  });
});

describe('workflow guards', () => {
  it.each([
    ['resolve', 'received', 'err.c_not_dispatched'],
    ['accept', 'received', 'err.c_not_dispatched'],
    ['delay', 'received', 'err.c_not_dispatched'],
    ['visit', 'received', 'err.c_not_resolved'],
    ['visit', 'dispatched', 'err.c_not_resolved'],
    ['verify', 'accepted', 'err.c_not_resolved'],
    ['dispatch', 'dispatched', 'err.c_already_dispatched'],
    ['accept', 'accepted', 'err.c_already_accepted'],
    ['resolve', 'resolved', 'err.c_already_resolved'],
    ['explain', 'resolved', 'err.c_already_resolved'],
    ['reply', 'closed', 'err.c_closed'],
    ['reopen', 'received', 'err.c_not_closed'],
    ['dispatch', 'received', null],
    ['accept', 'dispatched', null],
    ['resolve', 'delayed', null],
    ['visit', 'resolved', null],
    ['reopen', 'closed', null],
  ] as [Step, Status, string | null][])('%s from %s → %s', (step, status, why) => {
    expect(stepRefusal(step, status)).toBe(why);
  });

  const clocks = (done: Partial<Record<ClockName, boolean>>) =>
    new Map(Object.entries(done).map(([k, v]) => [k as ClockName, { started_at: 1, due_at: 2, done_at: v ? 1 : null, skipped: 0 }]));

  it.each([
    ['resolved, satisfied', { status: 'resolved', satisfaction: 'satisfied' }, {}, []],
    ['resolved, basic', { status: 'resolved', satisfaction: 'basic' }, {}, []],
    ['resolved, no visit', { status: 'resolved', satisfaction: null }, {}, ['err.close_needs_visit']],
    ['resolved, unsatisfied', { status: 'resolved', satisfaction: 'unsatisfied' }, {}, ['err.close_needs_visit']],
    ['not resolved', { status: 'dispatched', satisfaction: null }, {}, ['err.close_needs_resolve']],
    ['major not escalated', { status: 'resolved', satisfaction: 'basic' }, { escalate: false }, ['err.close_needs_escalate']],
    ['written, not replied', { status: 'resolved', satisfaction: 'basic' }, { reply: false }, ['err.close_needs_written_reply']],
    [
      'emergency without report',
      { status: 'resolved', satisfaction: 'basic' },
      { escalate: true, written_report: false, verify: true },
      ['err.close_needs_report'],
    ],
  ] as const)('close a complaint: %s', (_n, r, c, expected) => {
    expect(closeBlockers({ kind: 'complaint', severity: 'general', valid: 1, ...r, clocks: clocks(c) } as never)).toEqual(expected);
  });

  it('a suggestion closes once answered', () => {
    expect(
      closeBlockers({
        kind: 'suggestion',
        severity: 'general',
        status: 'received',
        valid: null,
        satisfaction: null,
        clocks: clocks({ suggestion_reply: false }),
      }),
    ).toEqual(['err.close_needs_reply']);
    expect(
      closeBlockers({
        kind: 'suggestion',
        severity: 'general',
        status: 'received',
        valid: null,
        satisfaction: null,
        clocks: clocks({ suggestion_reply: true }),
      }),
    ).toEqual([]);
  });

  it('only working-day policies move with the calendar', () => {
    expect(isWorkingDayPolicy('2wd')).toBe(true);
    for (const p of ['24h', '3d', 'fixed', 'delay', null]) expect(isWorkingDayPolicy(p)).toBe(false);
  });
});
