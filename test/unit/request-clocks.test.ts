// The request clocks of SPEC §11 on the shared clock engine: table-driven.
import { describe, expect, it } from 'vitest';
import { clockState, computeDue } from '../../src/domain/clocks.js';
import {
  applyRequestClockEvent,
  arrivalVerdict,
  checkAppointment,
  checkCharge,
  checkRequestStep,
  checkRework,
  requestPolicy,
  requestScope,
  scopesFor,
  type RequestClock,
  type RequestClockEnv,
  type RequestClockEvent,
  type RequestClockSet,
  type RequestKind,
  type RequestScope,
  type RequestStatus,
  type RequestStep,
} from '../../src/domain/request.js';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { endOfLocalDay, formatIso, fromLocal, localDate } from '../../src/domain/time.js';
import { officialCalendarData } from '../../src/store/calendar.js';

const TZ = 'Asia/Shanghai';
const cal = new WorkCalendar(officialCalendarData());
const at = (s: string) => fromLocal(s, TZ);
const iso = (ms: number | null | undefined) => (ms == null ? null : formatIso(ms, TZ).slice(0, 16).replace('T', ' '));

function env(scope: RequestScope, overrides = new Map<string, string>()): RequestClockEnv {
  return {
    scope,
    policy: (c, s) => requestPolicy(c, s, overrides),
    due: (start, p) => computeDue(start, p, cal, TZ),
    dayEnd: (ms) => endOfLocalDay(localDate(ms, TZ), TZ),
  };
}

function run(scope: RequestScope, events: RequestClockEvent[], overrides?: Map<string, string>): RequestClockSet {
  let set: RequestClockSet = new Map();
  for (const e of events) set = applyRequestClockEvent(set, e, env(scope, overrides));
  return set;
}

const state = (set: RequestClockSet, c: RequestClock, now: number) => clockState(set.get(c)!, now);

describe('default due times per kind and urgency (received Monday 2026-12-07 09:00)', () => {
  const R = at('2026-12-07 09:00');
  const cases: [RequestScope, RequestClock, string | null][] = [
    ['repair_minor', 'assign', '2026-12-07 09:30'],
    ['repair_urgent', 'assign', '2026-12-07 09:05'],
    ['help', 'assign', '2026-12-07 09:15'],
    ['enquiry', 'assign', null],
    ['repair_minor', 'done', '2026-12-08 09:00'],
    ['repair_urgent', 'done', '2026-12-07 13:00'],
    ['help', 'done', '2026-12-07 11:00'],
    ['enquiry', 'done', null],
    ['enquiry', 'answer', '2026-12-08 23:59'],
    ['repair_minor', 'answer', null],
  ];
  it.each(cases)('%s %s → %s', (scope, clock, due) => {
    const set = run(scope, [{ type: 'received', at: R }]);
    const c = set.get(clock)!;
    if (due === null) expect(c.skipped).toBe(1);
    else expect(iso(c.due_at)).toBe(due);
  });

  it('an enquiry received on Friday is answered by the next working day (Monday)', () => {
    const set = run('enquiry', [{ type: 'received', at: at('2026-12-11 17:00') }]);
    expect(iso(set.get('answer')!.due_at)).toBe('2026-12-14 23:59');
  });
});

describe('arrive: the appointment window ([000] §7.1: 5 minutes early … 2 minutes late)', () => {
  const R = at('2026-12-07 09:00');
  const A = at('2026-12-07 14:00');
  const cases: [string, string, 'met' | 'breached', 'early' | 'on_time' | 'late', number][] = [
    ['6 minutes early', '2026-12-07 13:54', 'breached', 'early', -6],
    ['5 minutes early', '2026-12-07 13:55', 'met', 'on_time', -5],
    ['on the minute', '2026-12-07 14:00', 'met', 'on_time', 0],
    ['2 minutes late', '2026-12-07 14:02', 'met', 'on_time', 2],
    ['3 minutes late', '2026-12-07 14:03', 'breached', 'late', 3],
    ['an hour late', '2026-12-07 15:00', 'breached', 'late', 60],
  ];
  it.each(cases)('%s → %s', (_what, arrived, st, verdict, minutes) => {
    const set = run('repair_minor', [
      { type: 'received', at: R },
      { type: 'assigned', at: at('2026-12-07 09:10'), appointment: A },
      { type: 'arrived', at: at(arrived) },
    ]);
    expect(state(set, 'arrive', at('2026-12-07 18:00'))).toBe(st);
    expect(arrivalVerdict(A, at(arrived))).toEqual({ verdict, minutes });
  });

  it('before the appointment the clock is running, past +2 minutes it is overdue', () => {
    const set = run('repair_minor', [
      { type: 'received', at: R },
      { type: 'assigned', at: R, appointment: A },
    ]);
    expect(set.get('arrive')!.policy).toBe('appointment');
    expect(state(set, 'arrive', at('2026-12-07 14:01'))).not.toBe('overdue');
    expect(state(set, 'arrive', at('2026-12-07 14:03'))).toBe('overdue');
  });

  const noAppt: [RequestScope, string][] = [
    ['repair_minor', '2026-12-08 09:10'],
    ['repair_urgent', '2026-12-07 09:40'],
    ['help', '2026-12-07 09:40'],
  ];
  it.each(noAppt)('without an appointment, %s must arrive by %s', (scope, due) => {
    const set = run(scope, [
      { type: 'received', at: R },
      { type: 'assigned', at: at('2026-12-07 09:10') },
    ]);
    expect(iso(set.get('arrive')!.due_at)).toBe(due);
  });
});

describe('done: 24h, or the end of the appointment day for a minor repair', () => {
  const cases: [string, string | null, string, string][] = [
    ['no appointment', null, '2026-12-08 09:00', '24h'],
    ['appointment two days on', '2026-12-09 15:00', '2026-12-09 23:59', 'appointment'],
    ['appointment the same day (24h is later)', '2026-12-07 14:00', '2026-12-08 09:00', '24h'],
  ];
  it.each(cases)('%s', (_w, appt, due, policy) => {
    const set = run('repair_minor', [
      { type: 'received', at: at('2026-12-07 09:00') },
      { type: 'assigned', at: at('2026-12-07 09:10'), appointment: appt ? at(appt) : null },
    ]);
    expect(iso(set.get('done')!.due_at)).toBe(due);
    expect(set.get('done')!.policy).toBe(policy);
  });
});

describe('the whole path, rework and cancel', () => {
  const R = at('2026-12-07 09:00');
  it('done stops arrive (if unrecorded) and starts return_visit (2 working days)', () => {
    const set = run('repair_minor', [
      { type: 'received', at: R },
      { type: 'assigned', at: at('2026-12-07 09:10') },
      { type: 'done', at: at('2026-12-07 11:00') },
    ]);
    expect(set.get('arrive')!.done_at).toBe(at('2026-12-07 11:00'));
    expect(iso(set.get('return_visit')!.due_at)).toBe('2026-12-09 23:59');
    const v = applyRequestClockEvent(set, { type: 'visited', at: at('2026-12-08 10:00') }, env('repair_minor'));
    for (const c of ['assign', 'arrive', 'done', 'return_visit'] as const) expect(state(v, c, at('2026-12-10 00:00'))).toBe('met');
  });

  it('a rework starts arrive and done again from the rework, and a visit is owed again', () => {
    const set = run('repair_minor', [
      { type: 'received', at: R },
      { type: 'assigned', at: at('2026-12-07 09:10') },
      { type: 'done', at: at('2026-12-07 11:00') },
      { type: 'visited', at: at('2026-12-07 16:00') },
      { type: 'reworked', at: at('2026-12-09 09:00'), assigned: true },
    ]);
    expect(iso(set.get('done')!.due_at)).toBe('2026-12-10 09:00');
    expect(set.get('done')!.done_at).toBeNull();
    expect(iso(set.get('arrive')!.started_at)).toBe('2026-12-09 09:00');
    expect(set.get('return_visit')!.started_at).toBeNull();
  });

  it('a cancellation skips every running clock', () => {
    const set = run('repair_urgent', [
      { type: 'received', at: R },
      { type: 'cancelled', at: at('2026-12-07 09:02') },
    ]);
    for (const c of ['assign', 'done'] as const) expect(state(set, c, at('2026-12-08 00:00'))).toBe('skipped');
  });

  it('a site override applies to its scope only', () => {
    const ov = new Map([['assign|repair_urgent', '10m']]);
    expect(iso(run('repair_urgent', [{ type: 'received', at: R }], ov).get('assign')!.due_at)).toBe('2026-12-07 09:10');
    expect(iso(run('repair_minor', [{ type: 'received', at: R }], ov).get('assign')!.due_at)).toBe('2026-12-07 09:30');
  });
});

describe('no skipping (checkRequestStep)', () => {
  const cases: [RequestStep, RequestKind, RequestStatus, string | null][] = [
    ['assign', 'repair', 'received', null],
    ['assign', 'repair', 'assigned', null],
    ['arrive', 'repair', 'received', 'err.r_not_assigned'],
    ['done', 'repair', 'received', 'err.r_not_assigned'],
    ['done', 'repair', 'assigned', null],
    ['done', 'repair', 'arrived', null],
    ['visit', 'repair', 'arrived', 'err.r_not_done'],
    ['visit', 'repair', 'received', 'err.r_not_done'],
    ['visit', 'repair', 'done', null],
    ['rework', 'repair', 'assigned', 'err.r_not_done'],
    ['rework', 'repair', 'closed', null],
    ['answer', 'repair', 'received', 'err.r_answer_not_enquiry'],
    ['answer', 'enquiry', 'received', null],
    ['done', 'enquiry', 'assigned', 'err.r_enquiry_no_done'],
    ['visit', 'enquiry', 'closed', 'err.r_enquiry_no_visit'],
    ['cancel', 'help', 'done', 'err.r_wrong_status'],
    ['cancel', 'help', 'cancelled', 'err.r_cancelled'],
    ['assign', 'repair', 'closed', 'err.r_closed'],
  ];
  it.each(cases)('%s a %s that is %s → %s', (step, kind, status, key) => {
    expect(checkRequestStep(step, { id: 'R1', kind, status })?.key ?? null).toBe(key);
  });

  it('rework within 30 days of done only; appointments after receipt; charges in yuan', () => {
    const done = at('2026-12-07 11:00');
    expect(checkRework(done, at('2027-01-06 10:00'))).toBeNull();
    expect(checkRework(done, at('2027-01-06 12:00'))?.key).toBe('err.r_rework_too_late');
    expect(checkAppointment(at('2026-12-07 08:00'), at('2026-12-07 09:00'))?.key).toBe('err.r_appointment_before');
    expect(checkCharge('12.50')).toBeNull();
    expect(checkCharge('-3')?.key).toBe('err.r_bad_charge');
  });

  it('scopes: kind and urgency', () => {
    expect(requestScope('repair', null)).toBe('repair_minor');
    expect(requestScope('repair', 'urgent')).toBe('repair_urgent');
    expect(requestScope('help', null)).toBe('help');
    expect(scopesFor('repair')).toEqual(['repair_minor', 'repair_urgent']);
    expect(scopesFor('repair', 'urgent')).toEqual(['repair_urgent']);
  });
});

describe('the request rates (SPEC §11)', () => {
  const base = {
    minor_due: 0,
    minor_met: 0,
    urgent_due: 0,
    urgent_met: 0,
    arrivals: 0,
    arrivals_within: 0,
    repairs_done: 0,
    repairs_reworked: 0,
    visits_rated: 0,
    visits_satisfied: 0,
  };
  const cases: [string, Partial<typeof base>, string, number | null, boolean | null][] = [
    ['nothing due', {}, 'minor_repair_on_time', null, null],
    ['all minor on time', { minor_due: 12, minor_met: 12 }, 'minor_repair_on_time', 1, true],
    ['one urgent late', { urgent_due: 4, urgent_met: 3 }, 'urgent_repair_on_time', 0.75, false],
    ['arrivals 19/20', { arrivals: 20, arrivals_within: 19 }, 'arrival_on_time', 0.95, false],
    ['rework exactly 1 %', { repairs_done: 100, repairs_reworked: 1 }, 'rework_rate', 0.01, true],
    ['rework 2 in 100', { repairs_done: 100, repairs_reworked: 2 }, 'rework_rate', 0.02, false],
    ['satisfaction 19/20', { visits_rated: 20, visits_satisfied: 19 }, 'request_satisfaction', 0.95, true],
  ];
  it.each(cases)('%s', async (_w, counts, name, value, met) => {
    const { computeRequestRates } = await import('../../src/domain/rates.js');
    const r = computeRequestRates({ ...base, ...counts }).find((x) => x.name === name)!;
    expect(r.value).toBe(value);
    expect(r.met).toBe(met);
  });
});
