// The SLA clocks of SPEC §3: which clocks a record carries, their default
// policy per severity and kind, how severity follows from the category, and
// what each workflow step may do. Pure rules: no I/O, no wall clock.
import { clockState, type ClockFacts, type ClockState } from './clock-state.js';
import { dueAfter, parseDuration, type Duration } from './duration.js';
import type { WorkCalendar } from './calendar.js';
// Roles through a passed-in comparison (domain/people.ts, with its validators, stays out of `complaint list`'s start-up).
type Role = 'staff' | 'clerk' | 'supervisor' | 'manager' | 'director' | 'leader';
export type AtLeast = (role: string, min: Role) => boolean;

export const CLOCKS = [
  'intake',
  'dispatch',
  'accept',
  'resolve',
  'feedback',
  'reply',
  'return_visit',
  'escalate',
  'written_report',
  'verify',
  'suggestion_reply',
  // v2 (SPEC §3 "the rest of the complaint procedure"): appended, so the
  // reports' packed clock states keep the places of the clocks above.
  'first_contact',
  'board_escalate',
  'board_report',
] as const;
export type ClockName = (typeof CLOCKS)[number];

export const SEVERITIES = ['general', 'major', 'emergency'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const KINDS = ['complaint', 'suggestion'] as const;
export type Kind = (typeof KINDS)[number];

export const STATUSES = ['received', 'dispatched', 'accepted', 'delayed', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const CHANNELS = ['phone', 'visit', 'written', 'online', 'patrol'] as const;
export const REPLY_METHODS = ['phone', 'visit', 'written', 'sms'] as const;
export const VISIT_RESULTS = ['satisfied', 'basic', 'unsatisfied'] as const;

/** Categories whose incident is an emergency (紧急抢险抢修). */
export const EMERGENCY_CATEGORIES = ['fire', 'explosion', 'elevator_entrapment', 'flooding', 'power_cut'] as const;
/** Further major-incident categories of [003]. */
export const MAJOR_CATEGORIES = ['theft', 'vandalism', 'criminal_case', 'equipment_failure', 'structural_damage'] as const;
export const CATEGORIES = [
  'cleaning',
  'greening',
  'repair',
  'facility',
  'noise',
  'renovation',
  'security',
  'parking',
  'fees',
  'service',
  'neighbour',
  'other',
  ...MAJOR_CATEGORIES,
  ...EMERGENCY_CATEGORIES,
] as const;

/** Collective complaint: this many distinct units on one issue make every linked record major. */
export const COLLECTIVE_UNITS = 3;

const RANK: Record<Severity, number> = { general: 0, major: 1, emergency: 2 };

/** The severity a category implies (the higher of it and what the desk gave). */
export function severityFor(category: string, given?: Severity): Severity {
  const implied: Severity = (EMERGENCY_CATEGORIES as readonly string[]).includes(category)
    ? 'emergency'
    : (MAJOR_CATEGORIES as readonly string[]).includes(category)
      ? 'major'
      : 'general';
  return given && RANK[given] > RANK[implied] ? given : implied;
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}

export interface ClockDef {
  clock: ClockName;
  source: string;
  /** event that starts it / stops it, as message-key suffixes */
  starts: string;
  stops: string;
}

export const CLOCK_DEFS: ClockDef[] = [
  { clock: 'intake', source: '[003] §1', starts: 'heard', stops: 'registered' },
  { clock: 'dispatch', source: '[003] §2, §6', starts: 'registered', stops: 'dispatched' },
  { clock: 'accept', source: '[003] §4', starts: 'dispatched', stops: 'accepted' },
  { clock: 'resolve', source: '[003] §2', starts: 'dispatched', stops: 'resolved' },
  { clock: 'feedback', source: '[003] §5', starts: 'done', stops: 'resolution_recorded' },
  { clock: 'reply', source: '[000] 品质监控', starts: 'received', stops: 'replied' },
  { clock: 'return_visit', source: '[003] §5, §7', starts: 'resolved', stops: 'visited' },
  { clock: 'escalate', source: '[003] §6, [003]-篇5', starts: 'received', stops: 'escalated_complete' },
  { clock: 'written_report', source: '[003] §6', starts: 'received', stops: 'report_filed' },
  { clock: 'verify', source: '[003] §7', starts: 'resolved', stops: 'verified' },
  { clock: 'suggestion_reply', source: '[002] 2.6', starts: 'received', stops: 'replied_adopted' },
  { clock: 'first_contact', source: '[003] §8', starts: 'resolution_recorded', stops: 'informed' },
  { clock: 'board_escalate', source: '[003] §7', starts: 'board_escalated', stops: 'board_notified' },
  { clock: 'board_report', source: '[003] §7', starts: 'board_escalated', stops: 'board_report_filed' },
];

/** Policy scope: a severity of a complaint, or a suggestion. */
export type Scope = Severity | 'suggestion';
export const SCOPES: Scope[] = ['general', 'major', 'emergency', 'suggestion'];

/** Default durations; null means the clock does not apply (skipped). */
export const DEFAULTS: Record<ClockName, Record<Scope, string | null>> = {
  intake: { general: '24h', major: '24h', emergency: '3m', suggestion: '24h' },
  dispatch: { general: '12h', major: '12h', emergency: '3m', suggestion: null },
  accept: { general: '2h', major: '2h', emergency: '2h', suggestion: null },
  resolve: { general: '24h', major: '24h', emergency: '4h', suggestion: null },
  feedback: { general: '2h', major: '2h', emergency: '2h', suggestion: null },
  reply: { general: '2wd', major: '2wd', emergency: '2wd', suggestion: null },
  return_visit: { general: '2wd', major: '2wd', emergency: '2wd', suggestion: null },
  escalate: { general: null, major: '30m', emergency: '5m', suggestion: null },
  written_report: { general: null, major: null, emergency: '24h', suggestion: null },
  verify: { general: null, major: null, emergency: '8h', suggestion: null },
  suggestion_reply: { general: null, major: null, emergency: null, suggestion: '3d' },
  first_contact: { general: '2h', major: '2h', emergency: '2h', suggestion: null },
  // Only a major, emergency or developer matter goes to the board (the workflow refuses others).
  board_escalate: { general: '10m', major: '10m', emergency: '10m', suggestion: null },
  board_report: { general: '48h', major: '48h', emergency: '48h', suggestion: null },
};

export function scopeOf(kind: Kind, severity: Severity): Scope {
  return kind === 'suggestion' ? 'suggestion' : severity;
}

/** Site overrides from `sla set`, keyed `clock|scope`. */
export type Overrides = ReadonlyMap<string, string>;

export function defaultPolicy(clock: ClockName, scope: Scope): string | null {
  return DEFAULTS[clock][scope];
}

/** The duration in force for a clock, or null when it does not apply to this record. */
export function policyFor(clock: ClockName, scope: Scope, overrides: Overrides = new Map()): string | null {
  const d = DEFAULTS[clock][scope];
  if (d === null) return null;
  return overrides.get(`${clock}|${scope}`) ?? d;
}

export function isClock(c: string): c is ClockName {
  return (CLOCKS as readonly string[]).includes(c);
}

/** Clocks SPEC §3 skips when a complaint is explained as not valid (the engine also skips any other still open). */
export const EXPLAIN_SKIPS: ClockName[] = ['dispatch', 'accept', 'resolve', 'feedback', 'return_visit'];

export function computeDue(start: number, policy: string, cal: WorkCalendar, tz: string): number {
  const d: Duration = parseDuration(policy);
  return dueAfter(start, d, cal, tz);
}

/** Whether a recorded policy counts working days (moves with calendar changes). */
export function isWorkingDayPolicy(policy: string | null): boolean {
  return !!policy && /^\d+wd$/.test(policy);
}

export { clockState, type ClockFacts, type ClockState };

/** Signed minutes late (positive) or early (negative) of a clock at `now`; null when not started. */
export function lateness(c: ClockFacts, now: number): number | null {
  if (c.skipped || c.due_at == null) return null;
  return (c.done_at ?? now) - c.due_at;
}

// ---- workflow guards ------------------------------------------------------

export type Step =
  | 'dispatch'
  | 'accept'
  | 'delay'
  | 'resolve'
  | 'reply'
  | 'visit'
  | 'explain'
  | 'escalate'
  | 'report_filed'
  | 'verify'
  | 'close'
  | 'reopen'
  // v2
  | 'severity'
  | 'inform'
  | 'board_notified';

/** Statuses from which each step may be taken. */
export const STEP_FROM: Record<Step, Status[]> = {
  dispatch: ['received'],
  accept: ['dispatched'],
  delay: ['dispatched', 'accepted', 'delayed'],
  resolve: ['dispatched', 'accepted', 'delayed'],
  reply: ['received', 'dispatched', 'accepted', 'delayed', 'resolved'],
  visit: ['resolved'],
  explain: ['received', 'dispatched', 'accepted', 'delayed'],
  escalate: ['received', 'dispatched', 'accepted', 'delayed', 'resolved'],
  report_filed: ['received', 'dispatched', 'accepted', 'delayed', 'resolved'],
  verify: ['resolved'],
  close: ['received', 'dispatched', 'accepted', 'delayed', 'resolved'],
  reopen: ['closed'],
  severity: ['received', 'dispatched', 'accepted', 'delayed', 'resolved'],
  inform: ['resolved', 'closed'],
  board_notified: ['received', 'dispatched', 'accepted', 'delayed', 'resolved', 'closed'],
};

/**
 * Why a step may not be taken from a status (a message key), or null when it
 * may. The keys name the missing earlier step so the clerk knows what to do.
 */
export function stepRefusal(step: Step, status: Status): string | null {
  if (STEP_FROM[step].includes(status)) return null;
  if (status === 'closed') return 'err.c_closed';
  if (status === 'received' && ['accept', 'delay', 'resolve'].includes(step)) return 'err.c_not_dispatched';
  if (['visit', 'verify', 'inform'].includes(step)) return 'err.c_not_resolved';
  if (step === 'dispatch') return 'err.c_already_dispatched';
  if (step === 'accept') return status === 'resolved' ? 'err.c_already_resolved' : 'err.c_already_accepted';
  if (status === 'resolved') return 'err.c_already_resolved';
  if (step === 'reopen') return 'err.c_not_closed';
  return 'err.c_wrong_status';
}

/** What a valid complaint still lacks before it may close (message keys), empty when it may. */
export function closeBlockers(r: {
  kind: Kind;
  severity: Severity;
  status: Status;
  valid: number | null;
  satisfaction: string | null;
  clocks: Map<ClockName, ClockFacts>;
}): string[] {
  const done = (c: ClockName) => {
    const k = r.clocks.get(c);
    return !k || !!k.skipped || k.done_at != null;
  };
  const out: string[] = [];
  if (r.kind === 'suggestion') {
    if (!done('suggestion_reply')) out.push('err.close_needs_reply');
    return out;
  }
  if (r.status !== 'resolved') out.push('err.close_needs_resolve');
  else if (!r.satisfaction || r.satisfaction === 'unsatisfied') out.push('err.close_needs_visit');
  // A return visit answers a spoken complaint; a written one still needs its written reply.
  if (!done('reply')) out.push('err.close_needs_written_reply');
  if (!done('escalate')) out.push('err.close_needs_escalate');
  if (!done('written_report')) out.push('err.close_needs_report');
  if (!done('verify')) out.push('err.close_needs_verify');
  return out;
}

/**
 * Whom an escalation must reach ([003] §6): a major complaint goes to the
 * department manager and the center leader (manager or above), an emergency
 * to the company leader.
 */
export function escalationRoleNeeded(severity: Severity): 'manager' | 'leader' | null {
  return severity === 'emergency' ? 'leader' : severity === 'major' ? 'manager' : null;
}

/**
 * v2 ([003] §6, SPEC §3): a major complaint is met when both the department
 * manager (role manager) and the centre leader (管理处负责人: director or
 * above) are recorded; an emergency or developer matter when a company leader
 * (role leader) is. `roles` are the roles of everyone escalated to so far.
 */
export function escalationMet(severity: Severity, developer: boolean, roles: readonly string[], atLeast: AtLeast): boolean {
  const at = (min: Role) => roles.some((r) => atLeast(r, min));
  if (severity === 'emergency' || developer) if (at('leader')) return true;
  if (severity === 'major') return roles.includes('manager') && at('director');
  return false;
}

/** Why CODE of role `role` may not take an escalation (a message key), or null. */
export function escalationRefusal(severity: Severity, developer: boolean, role: string, atLeast: AtLeast): string | null {
  if (severity === 'general' && !developer) return 'err.escalate_general';
  const min: Role = severity === 'major' ? 'manager' : 'leader';
  return atLeast(role, min) ? null : 'err.escalate_wrong_role';
}

/** The roles a major escalation still lacks (for the message after a first escalation). */
export function escalationMissing(severity: Severity, developer: boolean, roles: readonly string[], atLeast: AtLeast): ('manager' | 'director' | 'leader')[] {
  if (escalationMet(severity, developer, roles, atLeast)) return [];
  if (severity !== 'major') return ['leader'];
  const out: ('manager' | 'director')[] = [];
  if (!roles.includes('manager')) out.push('manager');
  if (!roles.some((r) => atLeast(r, 'director'))) out.push('director');
  return out;
}

/**
 * `complaint severity ID S --reason R` ([003], SPEC §3 v2): why the change is
 * refused (a message key), or null. A suggestion has no severity; a closed
 * record is history; a category's implied severity is a floor.
 */
export function severityChangeRefusal(r: { kind: Kind; status: Status; severity: Severity; category: string }, to: Severity): string | null {
  if (r.kind === 'suggestion') return 'err.severity_suggestion';
  if (r.status === 'closed') return 'err.c_closed';
  if (to === r.severity) return 'err.severity_same';
  if (RANK[to] < RANK[severityFor(r.category)]) return 'err.severity_below_category';
  return null;
}

/** Distinct units on one issue reached the collective threshold. */
export function isCollective(distinctUnits: number): boolean {
  return distinctUnits >= COLLECTIVE_UNITS;
}

// ---- the clock engine -----------------------------------------------------
// Every clock change is a pure function of the record's events, the policy in
// force when a clock starts, and the calendar (through `env.due`).

export interface ClockRec extends ClockFacts {
  clock: ClockName;
  started_at: number | null;
  due_at: number | null;
  done_at: number | null;
  skipped: number;
  /** the duration in force when it started (e.g. 2wd), 'fixed' for a dispatch deadline, 'delay' after a delay */
  policy: string | null;
}
export type ClockSet = Map<ClockName, ClockRec>;

export interface ClockEnv {
  scope: Scope;
  /** the policy in force now for a clock of this scope (null: does not apply) */
  policy(clock: ClockName, scope: Scope): string | null;
  /** due instant of a clock started at `start` with a duration */
  due(start: number, policy: string): number;
}

export type ClockEvent =
  | { type: 'received'; at: number; heard_at?: number | null }
  /** `developer`: a matter for the developer ([003] §6): the emergency notice clocks apply */
  | { type: 'dispatched'; at: number; deadline?: { due: number; policy: string }; developer?: boolean }
  | { type: 'accepted'; at: number }
  | { type: 'delayed'; at: number; new_due: number }
  /** `self_informed`: the first contact is the clerk recording the resolution (first_contact skipped) */
  | { type: 'resolved'; at: number; done_at: number; self_informed?: boolean }
  | { type: 'replied'; at: number }
  | { type: 'visited'; at: number; written: boolean }
  /** `valid`: a valid complaint that cannot be fixed (outcome unresolvable): a return visit is still owed */
  | { type: 'explained'; at: number; valid?: boolean }
  | { type: 'escalated'; at: number }
  | { type: 'report_filed'; at: number }
  | { type: 'verified'; at: number }
  /** back to the desk for re-dispatch (unsatisfied visit, reopen) */
  | { type: 'redispatch'; at: number; unskip: boolean }
  /** severity raised: clocks that now apply start from their own start event */
  | { type: 'upgraded'; received_at: number; resolved_at: number | null; at?: number }
  /** the first-contact person told of the result ([003] §8) */
  | { type: 'informed'; at: number }
  /** the company leader takes the matter to the board ([003] §7) */
  | { type: 'board_escalated'; at: number }
  | { type: 'board_notified'; at: number }
  | { type: 'board_report_filed'; at: number };

/** Clocks a developer matter runs with the emergency policy ([003] §6: notice in 3 minutes, the leader in 5, a report in 24 hours). */
export const DEVELOPER_NOTICE_CLOCKS: ClockName[] = ['dispatch', 'escalate', 'written_report'];

function start(set: ClockSet, clock: ClockName, at: number, env: ClockEnv, fixed?: { due: number; policy: string }): void {
  startClock(set, clock, at, env.policy(clock, env.scope), env.due, fixed);
}

function wait(set: ClockSet, clock: ClockName, env: ClockEnv): void {
  waitClock(set, clock, env.policy(clock, env.scope));
}

const stop = stopClock;

const blank = (clock: ClockName, skipped: boolean): ClockRec => blankClock(clock, skipped);

/** The clocks of a record after one event (returns a new set). */
export function applyClockEvent(prev: ClockSet, e: ClockEvent, env: ClockEnv): ClockSet {
  const set: ClockSet = new Map(prev);
  switch (e.type) {
    case 'received':
      for (const c of CLOCKS) wait(set, c, env);
      // The board tier applies only once a company leader takes the matter there (board_escalated).
      for (const c of ['board_escalate', 'board_report'] as const) set.set(c, blank(c, true));
      // Heard first by a colleague: intake ran until registration; heard at the desk: it starts and stops at once.
      start(set, 'intake', e.heard_at ?? e.at, env);
      stop(set, 'intake', e.at);
      for (const c of ['dispatch', 'reply', 'escalate', 'written_report', 'suggestion_reply'] as const) start(set, c, e.at, env);
      break;
    case 'dispatched':
      if (e.developer) {
        // The notice clock is judged by the emergency policy from its own start.
        const d = set.get('dispatch');
        const p = env.policy('dispatch', 'emergency');
        if (d && !d.skipped && d.started_at != null && d.done_at == null && p) set.set('dispatch', { ...d, due_at: env.due(d.started_at, p), policy: p });
        for (const c of ['escalate', 'written_report'] as const) {
          const cur = set.get(c);
          const q = env.policy(c, 'emergency');
          if (q && (!cur || cur.skipped || cur.started_at == null))
            set.set(c, { clock: c, started_at: e.at, due_at: env.due(e.at, q), done_at: null, skipped: 0, policy: q });
        }
      }
      stop(set, 'dispatch', e.at);
      start(set, 'accept', e.at, env);
      start(set, 'resolve', e.at, env, e.deadline);
      break;
    case 'accepted':
      stop(set, 'accept', e.at);
      break;
    case 'delayed': {
      stop(set, 'accept', e.at);
      const r = set.get('resolve');
      if (r && !r.skipped && r.done_at == null) set.set('resolve', { ...r, due_at: e.new_due, policy: 'delay' });
      break;
    }
    case 'resolved':
      stop(set, 'accept', e.done_at);
      stop(set, 'resolve', e.done_at);
      start(set, 'feedback', e.done_at, env);
      stop(set, 'feedback', e.at);
      start(set, 'return_visit', e.done_at, env);
      start(set, 'verify', e.done_at, env);
      // [003] §8: the first-contact person hears of the result within 2 h of it being recorded.
      if (e.self_informed) set.set('first_contact', blank('first_contact', true));
      else start(set, 'first_contact', e.at, env);
      break;
    case 'informed':
      stop(set, 'first_contact', e.at);
      break;
    case 'board_escalated':
      start(set, 'board_escalate', e.at, env);
      start(set, 'board_report', e.at, env);
      break;
    case 'board_notified':
      stop(set, 'board_escalate', e.at);
      break;
    case 'board_report_filed':
      stop(set, 'board_report', e.at);
      break;
    case 'replied':
      stop(set, 'reply', e.at);
      stop(set, 'suggestion_reply', e.at);
      break;
    case 'visited':
      stop(set, 'return_visit', e.at);
      // The visit reaches the complainant: it answers a reply still owed (not a written one).
      if (!e.written) stop(set, 'reply', e.at);
      break;
    case 'explained':
      stop(set, 'reply', e.at);
      if (e.valid) {
        // Valid but cannot be fixed: the department's clocks end here, the complainant is still visited.
        for (const c of ['dispatch', 'accept', 'resolve', 'feedback', 'verify', 'first_contact'] as const) {
          const k = set.get(c);
          if (k && k.done_at == null && !k.skipped) set.set(c, { ...k, skipped: 1 });
        }
        start(set, 'return_visit', e.at, env);
        break;
      }
      // Not valid: the department's clocks, and anything else still open, no longer apply.
      for (const [k, c] of set) if (c.done_at == null && !c.skipped) set.set(k, { ...c, skipped: 1 });
      break;
    case 'escalated':
      stop(set, 'escalate', e.at);
      break;
    case 'report_filed':
      stop(set, 'written_report', e.at);
      break;
    case 'verified':
      stop(set, 'verify', e.at);
      break;
    case 'redispatch':
      start(set, 'dispatch', e.at, env);
      for (const c of ['accept', 'resolve', 'feedback'] as const) wait(set, c, env);
      if (e.unskip) for (const c of ['return_visit', 'verify'] as const) wait(set, c, env);
      break;
    case 'upgraded': {
      // With `at` (v2: a collective upgrade, `complaint severity`), clocks that now apply count from the change.
      const from = (t: number | null) => (t == null ? null : e.at != null ? Math.max(t, e.at) : t);
      const starts: [ClockName, number | null][] = [
        ['escalate', from(e.received_at)],
        ['written_report', from(e.received_at)],
        ['verify', from(e.resolved_at)],
      ];
      for (const [c, at] of starts) {
        const cur = set.get(c);
        if (!cur?.skipped || env.policy(c, env.scope) === null) continue;
        if (at == null) wait(set, c, env);
        else start(set, c, at, env);
      }
      break;
    }
  }
  return set;
}

// ---- the engine's primitives, shared by every module with clocks ----------
// (complaints above; service requests in src/domain/request.ts). A module
// names its clocks and the events that start and stop them; starting,
// waiting, stopping, due times and states are these, for all of them.

/** One clock of any module's record (ClockRec is the complaints' one). */
export interface ClockRecOf<C extends string> extends ClockFacts {
  clock: C;
  started_at: number | null;
  due_at: number | null;
  done_at: number | null;
  skipped: number;
  policy: string | null;
  /** see ClockFacts.not_before (an appointment window) */
  not_before?: number | null;
}

export function blankClock<C extends string>(clock: C, skipped: boolean): ClockRecOf<C> {
  return { clock, started_at: null, due_at: null, done_at: null, skipped: skipped ? 1 : 0, policy: null };
}

/**
 * Start (or restart) a clock at `at` under `policy` (null: it does not apply,
 * so it is skipped); `fixed` gives a due time decided otherwise (a dispatch
 * deadline, an appointment window) and the word recorded as its policy.
 */
export function startClock<C extends string, R extends ClockRecOf<C>>(
  set: Map<C, R>,
  clock: C,
  at: number,
  policy: string | null,
  due: (start: number, policy: string) => number,
  fixed?: { due: number; policy: string; not_before?: number | null },
): void {
  if (policy === null) set.set(clock, blankClock(clock, true) as R);
  else {
    const rec = { clock, started_at: at, due_at: fixed ? fixed.due : due(at, policy), done_at: null, skipped: 0, policy: fixed ? fixed.policy : policy } as R;
    if (fixed?.not_before != null) rec.not_before = fixed.not_before;
    set.set(clock, rec);
  }
}

/** Not started yet (skipped when the policy does not apply). */
export function waitClock<C extends string, R extends ClockRecOf<C>>(set: Map<C, R>, clock: C, policy: string | null): void {
  set.set(clock, blankClock(clock, policy === null) as R);
}

/** First stop wins; a skipped or unstarted clock stays as it is. */
export function stopClock<C extends string, R extends ClockRecOf<C>>(set: Map<C, R>, clock: C, at: number): void {
  const c = set.get(clock);
  if (c && !c.skipped && c.started_at != null && c.done_at == null) set.set(clock, { ...c, done_at: at });
}
