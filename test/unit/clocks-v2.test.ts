// SPEC §3 v2 rules in the clock engine and domain/clocks.ts: table-driven.
import { describe, expect, it } from 'vitest';
import {
  applyClockEvent,
  computeDue,
  escalationMet,
  escalationMissing,
  escalationRefusal,
  policyFor,
  severityChangeRefusal,
  type ClockEnv,
  type ClockEvent,
  type ClockName,
  type ClockSet,
  type Scope,
} from '../../src/domain/clocks.js';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { formatIso, fromLocal } from '../../src/domain/time.js';
import { officialCalendarData } from '../../src/store/calendar.js';
import { isRole, roleAtLeast } from '../../src/domain/people.js';

const TZ = 'Asia/Shanghai';
const cal = new WorkCalendar(officialCalendarData());
const at = (s: string) => fromLocal(s, TZ);
const iso = (ms: number | null | undefined) => (ms == null ? null : formatIso(ms, TZ));
const env = (scope: Scope): ClockEnv => ({ scope, policy: (c, s) => policyFor(c, s), due: (start, p) => computeDue(start, p, cal, TZ) });
const run = (scope: Scope, events: ClockEvent[]) => events.reduce<ClockSet>((set, e) => applyClockEvent(set, e, env(scope)), new Map());
const view = (set: ClockSet, c: ClockName) => {
  const k = set.get(c)!;
  return { started: iso(k.started_at), due: iso(k.due_at), done: iso(k.done_at), skipped: !!k.skipped };
};
const atLeast = (r: string, min: Parameters<typeof roleAtLeast>[1]) => isRole(r) && roleAtLeast(r, min);

const recv = at('2026-11-23 09:00');
const received: ClockEvent = { type: 'received', at: recv };

describe('escalation: who completes it', () => {
  it.each([
    ['major', false, ['manager'], false, ['director']],
    ['major', false, ['director'], false, ['manager']],
    ['major', false, ['manager', 'director'], true, []],
    ['major', false, ['manager', 'leader'], true, []],
    ['major', false, ['director', 'leader'], false, ['manager']],
    ['emergency', false, ['director'], false, ['leader']],
    ['emergency', false, ['leader'], true, []],
    ['general', true, ['leader'], true, []],
    ['major', true, ['leader'], true, []],
    ['general', false, ['leader'], false, ['leader']],
  ] as const)('%s (developer %s) escalated to %j: met %s, missing %j', (sev, dev, roles, met, missing) => {
    expect(escalationMet(sev, dev, roles, atLeast)).toBe(met);
    expect(escalationMissing(sev, dev, roles, atLeast)).toEqual(missing);
  });

  it.each([
    ['general', false, 'leader', 'err.escalate_general'],
    ['major', false, 'supervisor', 'err.escalate_wrong_role'],
    ['major', false, 'manager', null],
    ['emergency', false, 'director', 'err.escalate_wrong_role'],
    ['general', true, 'director', 'err.escalate_wrong_role'],
    ['general', true, 'leader', null],
  ] as const)('%s (developer %s) to a %s: %s', (sev, dev, role, why) => {
    expect(escalationRefusal(sev, dev, role, atLeast)).toBe(why);
  });
});

describe('severity change refusals', () => {
  const base = { kind: 'complaint' as const, status: 'dispatched' as const, severity: 'general' as const, category: 'repair' };
  it.each([
    [base, 'major', null],
    [base, 'general', 'err.severity_same'],
    [{ ...base, kind: 'suggestion' as const }, 'major', 'err.severity_suggestion'],
    [{ ...base, status: 'closed' as const }, 'major', 'err.c_closed'],
    [{ ...base, category: 'fire', severity: 'emergency' as const }, 'major', 'err.severity_below_category'],
    [{ ...base, category: 'theft', severity: 'emergency' as const }, 'major', null],
  ] as const)('%j → %s: %s', (r, to, why) => {
    expect(severityChangeRefusal(r, to)).toBe(why);
  });
});

describe('the v2 clocks in the engine', () => {
  it('upgraded with `at`: escalate counts from the change; without it, from reception (schema 4 behaviour)', () => {
    const change = at('2026-11-23 11:00');
    const now = run('general', [received]);
    const v2 = applyClockEvent(now, { type: 'upgraded', received_at: recv, resolved_at: null, at: change }, env('major'));
    expect(view(v2, 'escalate')).toMatchObject({ started: '2026-11-23T11:00:00+08:00', due: '2026-11-23T11:30:00+08:00' });
    const v1 = applyClockEvent(now, { type: 'upgraded', received_at: recv, resolved_at: null }, env('major'));
    expect(view(v1, 'escalate').started).toBe('2026-11-23T09:00:00+08:00');
  });

  it('first_contact starts at the recorded resolution, or is skipped when the recorder is the first contact', () => {
    const base: ClockEvent[] = [received, { type: 'dispatched', at: at('2026-11-23 09:30') }];
    const done = at('2026-11-23 10:00');
    const rec = at('2026-11-23 10:40');
    const a = run('general', [...base, { type: 'resolved', at: rec, done_at: done }]);
    expect(view(a, 'first_contact')).toMatchObject({ started: '2026-11-23T10:40:00+08:00', due: '2026-11-23T12:40:00+08:00' });
    expect(view(applyClockEvent(a, { type: 'informed', at: at('2026-11-23 11:00') }, env('general')), 'first_contact').done).toBe('2026-11-23T11:00:00+08:00');
    const b = run('general', [...base, { type: 'resolved', at: rec, done_at: done, self_informed: true }]);
    expect(view(b, 'first_contact').skipped).toBe(true);
  });

  it('board_escalated starts board_escalate (10m) and board_report (48h); their own events stop them', () => {
    let set = run('major', [received, { type: 'board_escalated', at: at('2026-11-23 10:00') }]);
    expect(view(set, 'board_escalate')).toMatchObject({ due: '2026-11-23T10:10:00+08:00', skipped: false });
    expect(view(set, 'board_report')).toMatchObject({ due: '2026-11-25T10:00:00+08:00', skipped: false });
    set = applyClockEvent(set, { type: 'board_notified', at: at('2026-11-23 10:05') }, env('major'));
    set = applyClockEvent(set, { type: 'board_report_filed', at: at('2026-11-24 10:05') }, env('major'));
    expect(view(set, 'board_escalate').done).toBe('2026-11-23T10:05:00+08:00');
    expect(view(set, 'board_report').done).toBe('2026-11-24T10:05:00+08:00');
  });

  it('explained as valid (unresolvable): department clocks skipped, return visit in 2 working days', () => {
    // Friday 16:00 → Tuesday 23:59:59
    const fri = at('2026-11-27 16:00');
    const set = run('general', [
      { type: 'received', at: at('2026-11-27 09:00') },
      { type: 'dispatched', at: at('2026-11-27 09:30') },
      { type: 'explained', at: fri, valid: true },
    ]);
    for (const c of ['dispatch', 'accept', 'resolve'] as const) expect(view(set, c).skipped || view(set, c).done !== null, c).toBe(true);
    expect(view(set, 'resolve').skipped).toBe(true);
    expect(view(set, 'reply').done).toBe('2026-11-27T16:00:00+08:00');
    expect(view(set, 'return_visit')).toMatchObject({ started: '2026-11-27T16:00:00+08:00', due: '2026-12-01T23:59:59+08:00', skipped: false });
  });

  it('developer: the dispatch notice clock is judged at 3m from its start; escalate and written_report start', () => {
    const set = run('general', [received, { type: 'dispatched', at: at('2026-11-23 09:02'), developer: true }]);
    expect(view(set, 'dispatch')).toMatchObject({ due: '2026-11-23T09:03:00+08:00', done: '2026-11-23T09:02:00+08:00' });
    expect(view(set, 'escalate')).toMatchObject({ started: '2026-11-23T09:02:00+08:00', due: '2026-11-23T09:07:00+08:00' });
    expect(view(set, 'written_report').due).toBe('2026-11-24T09:02:00+08:00');
  });
});
