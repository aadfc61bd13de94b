// Service requests (报修、求助、咨询, SPEC §11; [000] §6.6, §7.1, §7.6): pure
// rules. The clocks run on the shared engine of src/domain/clocks.ts (start,
// wait, stop, due times, states); this file names the request clocks, their
// default policy per kind and urgency, the events that start and stop them,
// and the steps' refusals (message key + params, as src/domain/keys.ts).
import { startClock, stopClock, waitClock, type ClockRecOf } from './clocks.js';
import type { Refusal } from './keys.js';
import { DAY, MINUTE } from './time.js';

export const REQUEST_KINDS = ['repair', 'help', 'enquiry'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const URGENCIES = ['minor', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const REQUEST_STATUSES = ['received', 'assigned', 'arrived', 'done', 'closed', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** Statuses still being worked on (what a handover carries, what `list --status open` shows). */
export const OPEN_STATUSES: RequestStatus[] = ['received', 'assigned', 'arrived', 'done'];
export const REQUEST_CHANNELS = ['phone', 'visit', 'online', 'written', 'patrol'] as const;
export const REQUEST_RESULTS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type RequestResult = (typeof REQUEST_RESULTS)[number];

export const REQUEST_CLOCKS = ['assign', 'arrive', 'done', 'answer', 'return_visit'] as const;
export type RequestClock = (typeof REQUEST_CLOCKS)[number];

/** Policy scope of a request: its kind, and for a repair its urgency. Stored in sla_policy.scope. */
export const REQUEST_SCOPES = ['repair_minor', 'repair_urgent', 'help', 'enquiry'] as const;
export type RequestScope = (typeof REQUEST_SCOPES)[number];

export function requestScope(kind: RequestKind, urgency: Urgency | null): RequestScope {
  return kind === 'repair' ? (urgency === 'urgent' ? 'repair_urgent' : 'repair_minor') : kind;
}

/** The arrival window around an appointment ([000] §7.1): no more than 5 minutes early, 2 minutes late. */
export const ARRIVE_EARLY_MS = 5 * MINUTE;
export const ARRIVE_LATE_MS = 2 * MINUTE;
/** The same fault back within this long after done is a rework (返修). */
export const REWORK_WINDOW_MS = 30 * DAY;

/** Site defaults of SPEC §11 (null: the clock does not apply). */
export const REQUEST_DEFAULTS: Record<RequestClock, Record<RequestScope, string | null>> = {
  assign: { repair_minor: '30m', repair_urgent: '5m', help: '15m', enquiry: null },
  arrive: { repair_minor: '24h', repair_urgent: '30m', help: '30m', enquiry: null },
  done: { repair_minor: '24h', repair_urgent: '4h', help: '2h', enquiry: null },
  answer: { repair_minor: null, repair_urgent: null, help: null, enquiry: '1wd' },
  return_visit: { repair_minor: '2wd', repair_urgent: '2wd', help: '2wd', enquiry: null },
};

export const REQUEST_CLOCK_DEFS: { clock: RequestClock; source: string; starts: string; stops: string }[] = [
  { clock: 'assign', source: '[000] §6.6', starts: 'received', stops: 'assigned' },
  { clock: 'arrive', source: '[000] §7.1', starts: 'assigned', stops: 'arrived' },
  { clock: 'done', source: '[000] §7.6', starts: 'received', stops: 'done' },
  { clock: 'answer', source: '[000] §6.6', starts: 'received', stops: 'answered' },
  { clock: 'return_visit', source: '[000] §6.6', starts: 'done', stops: 'visited' },
];

export function isRequestClock(c: string): c is RequestClock {
  return (REQUEST_CLOCKS as readonly string[]).includes(c);
}

/** The duration in force (site override `clock|scope` first), or null when the clock does not apply. */
export function requestPolicy(clock: RequestClock, scope: RequestScope, overrides: ReadonlyMap<string, string> = new Map()): string | null {
  const d = REQUEST_DEFAULTS[clock][scope];
  if (d === null) return null;
  return overrides.get(`${clock}|${scope}`) ?? d;
}

/** The scopes `sla set --kind K [--urgency U]` addresses. */
export function scopesFor(kind: RequestKind, urgency?: Urgency): RequestScope[] {
  if (kind !== 'repair') return [kind];
  return urgency ? [requestScope('repair', urgency)] : ['repair_minor', 'repair_urgent'];
}

// ---- the clocks -------------------------------------------------------------

export type RequestClockRec = ClockRecOf<RequestClock>;
export type RequestClockSet = Map<RequestClock, RequestClockRec>;

export interface RequestClockEnv {
  scope: RequestScope;
  policy(clock: RequestClock, scope: RequestScope): string | null;
  due(start: number, policy: string): number;
  /** 23:59:59.999 site time of the day of an instant */
  dayEnd(ms: number): number;
}

export type RequestClockEvent =
  | { type: 'received'; at: number; appointment?: number | null }
  | { type: 'assigned'; at: number; appointment?: number | null }
  | { type: 'arrived'; at: number }
  | { type: 'done'; at: number }
  | { type: 'answered'; at: number }
  | { type: 'visited'; at: number }
  /** the same fault back (a rework, or an unsatisfied visit): the work starts again */
  | { type: 'reworked'; at: number; assigned: boolean }
  | { type: 'cancelled'; at: number };

/** The window of an appointment: met from 5 minutes before to 2 minutes after. */
export function arrivalWindow(appointment: number): { not_before: number; due: number } {
  return { not_before: appointment - ARRIVE_EARLY_MS, due: appointment + ARRIVE_LATE_MS };
}

/** How an arrival stands against its appointment: early/late by how much, or within the window. */
export function arrivalVerdict(appointment: number, arrived: number): { verdict: 'early' | 'on_time' | 'late'; minutes: number } {
  const w = arrivalWindow(appointment);
  const minutes = Math.round((arrived - appointment) / MINUTE);
  if (arrived < w.not_before) return { verdict: 'early', minutes };
  if (arrived > w.due) return { verdict: 'late', minutes };
  return { verdict: 'on_time', minutes };
}

function startDone(set: RequestClockSet, at: number, env: RequestClockEnv, appointment: number | null | undefined): void {
  const p = env.policy('done', env.scope);
  // A minor repair booked for a later day may be done by the end of that day.
  if (p !== null && appointment != null && env.scope === 'repair_minor') {
    const plain = env.due(at, p);
    const dayEnd = env.dayEnd(appointment);
    if (dayEnd > plain) startClock(set, 'done', at, p, env.due, { due: dayEnd, policy: 'appointment' });
    else startClock(set, 'done', at, p, env.due);
  } else startClock(set, 'done', at, p, env.due);
}

function startArrive(set: RequestClockSet, at: number, env: RequestClockEnv, appointment: number | null | undefined): void {
  const p = env.policy('arrive', env.scope);
  if (p !== null && appointment != null) {
    const w = arrivalWindow(appointment);
    startClock(set, 'arrive', at, p, env.due, { due: w.due, policy: 'appointment', not_before: w.not_before });
  } else startClock(set, 'arrive', at, p, env.due);
}

const open = (c: RequestClockRec | undefined) => !!c && !c.skipped && c.started_at != null && c.done_at == null;

/** The clocks of a request after one event (a new set). */
export function applyRequestClockEvent(prev: RequestClockSet, e: RequestClockEvent, env: RequestClockEnv): RequestClockSet {
  const set: RequestClockSet = new Map(prev);
  const pol = (c: RequestClock) => env.policy(c, env.scope);
  switch (e.type) {
    case 'received':
      for (const c of REQUEST_CLOCKS) waitClock(set, c, pol(c));
      startClock(set, 'assign', e.at, pol('assign'), env.due);
      startDone(set, e.at, env, e.appointment);
      startClock(set, 'answer', e.at, pol('answer'), env.due);
      break;
    case 'assigned': {
      stopClock(set, 'assign', e.at);
      // A reassignment or a new appointment before arrival restarts the arrival clock.
      const a = set.get('arrive');
      if (!a || a.done_at == null) startArrive(set, e.at, env, e.appointment);
      const d = set.get('done');
      if (e.appointment != null && d && open(d)) startDone(set, d.started_at!, env, e.appointment);
      break;
    }
    case 'arrived':
      stopClock(set, 'arrive', e.at);
      break;
    case 'done':
      // Done without an arrival recorded: the technician was there by then.
      stopClock(set, 'arrive', e.at);
      stopClock(set, 'done', e.at);
      startClock(set, 'return_visit', e.at, pol('return_visit'), env.due);
      break;
    case 'answered':
      stopClock(set, 'answer', e.at);
      break;
    case 'visited':
      stopClock(set, 'return_visit', e.at);
      break;
    case 'reworked':
      // The visit that found it unsatisfied stopped return_visit; a visit is owed again after the new done.
      stopClock(set, 'return_visit', e.at);
      if (e.assigned) startArrive(set, e.at, env, null);
      else startClock(set, 'assign', e.at, pol('assign'), env.due);
      startDone(set, e.at, env, null);
      waitClock(set, 'return_visit', pol('return_visit'));
      break;
    case 'cancelled':
      for (const [k, c] of set) if (c.done_at == null && !c.skipped) set.set(k, { ...c, skipped: 1 });
      break;
  }
  return set;
}

// ---- the steps ----------------------------------------------------------------

export type RequestStep = 'assign' | 'arrive' | 'done' | 'answer' | 'visit' | 'rework' | 'cancel';

export const REQUEST_STEP_FROM: Record<RequestStep, RequestStatus[]> = {
  assign: ['received', 'assigned'],
  arrive: ['assigned'],
  done: ['assigned', 'arrived'],
  answer: ['received', 'assigned'],
  visit: ['done'],
  rework: ['done', 'closed'],
  cancel: ['received', 'assigned', 'arrived'],
};

/** Why a step may not be taken (no skipping, SPEC §11), or null when it may. */
export function checkRequestStep(step: RequestStep, r: { id: string; kind: RequestKind; status: RequestStatus }): Refusal | null {
  const p = { id: r.id, status: r.status };
  if (step === 'answer' && r.kind !== 'enquiry') return { key: 'err.r_answer_not_enquiry', params: p, fix: 'fix.r_done' };
  if ((step === 'done' || step === 'arrive' || step === 'visit' || step === 'rework') && r.kind === 'enquiry')
    return { key: 'err.r_enquiry_no_' + step, params: p, fix: 'fix.r_answer' };
  if (REQUEST_STEP_FROM[step].includes(r.status)) return null;
  if (r.status === 'cancelled') return { key: 'err.r_cancelled', params: p, fix: 'fix.r_new' };
  if (r.status === 'closed') return { key: 'err.r_closed', params: p, fix: step === 'rework' ? 'fix.r_new' : 'fix.r_rework' };
  if (r.status === 'received' && (step === 'arrive' || step === 'done')) return { key: 'err.r_not_assigned', params: p, fix: 'fix.r_assign' };
  if (step === 'visit' || step === 'rework') return { key: 'err.r_not_done', params: p, fix: 'fix.r_done' };
  if (step === 'assign' || step === 'arrive') return { key: 'err.r_already_arrived', params: p, fix: 'fix.r_done' };
  return { key: 'err.r_wrong_status', params: p, fix: 'fix.r_show' };
}

/** A rework is the same fault back within 30 days of the work being done. */
export function checkRework(doneAt: number | null, at: number): Refusal | null {
  if (doneAt != null && at - doneAt > REWORK_WINDOW_MS) return { key: 'err.r_rework_too_late', params: { days: 30 }, fix: 'fix.r_new' };
  return null;
}

/** An appointment cannot be before the request came in. */
export function checkAppointment(appointment: number, receivedAt: number): Refusal | null {
  return appointment < receivedAt ? { key: 'err.r_appointment_before', params: {}, fix: 'fix.r_appointment' } : null;
}

/** A charge in yuan: non-negative, at most two decimals. */
export function checkCharge(text: string): Refusal | null {
  return /^\d{1,7}(\.\d{1,2})?$/.test(text.trim()) ? null : { key: 'err.r_bad_charge', params: { value: text }, fix: 'fix.r_charge' };
}

/** Urgency applies to repairs only; help and enquiries have none. */
export function urgencyOf(kind: RequestKind, given: Urgency | undefined): Urgency | null {
  return kind === 'repair' ? (given ?? 'minor') : null;
}
