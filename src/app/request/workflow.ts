// The service-request lifecycle of SPEC §11: intake, assignment (with the
// appointment agreed), arrival, work done or enquiry answered, return visit,
// rework and cancellation. Every step is one transaction with one audit entry;
// the rules are the check* functions of src/domain/request.ts, the clocks the
// shared engine's.
import { NotFound, RuleRefused, UsageError } from '../../errors.js';
import { computeDue } from '../../domain/clocks.js';
import {
  REQUEST_CHANNELS,
  REQUEST_KINDS,
  REQUEST_RESULTS,
  URGENCIES,
  applyRequestClockEvent,
  checkAppointment,
  checkCharge,
  checkRequestStep,
  checkRework,
  requestPolicy,
  requestScope,
  urgencyOf,
  type RequestClockEnv,
  type RequestClockEvent,
  type RequestClockRec,
  type RequestClock,
  type RequestKind,
  type RequestResult,
  type RequestStep,
  type Urgency,
} from '../../domain/request.js';
import type { Refusal } from '../../domain/keys.js';
import { isValidPhone, normalizePhone } from '../../domain/people.js';
import { endOfLocalDay, localDate, parseTime } from '../../domain/time.js';
import { nextId } from '../../store/common.js';
import { writeTx } from '../../store/db.js';
import {
  addRequestEvent,
  findRequest,
  insertRequest,
  lastRequestEventAt,
  requestClocks,
  updateRequest,
  writeRequestClock,
  type RequestRow,
} from '../../store/request.js';
import { type Ctx, audit, eventFields, eventTime, findActor, idDate, requireWriter } from '../context.js';
import { checkPlace } from '../complaint/workflow.js';
import { loadOverrides } from '../complaint/records.js';

const DESK = { minRole: 'clerk' as const };
/** Technicians record their own arrival and work. */
const FIELD = { minRole: 'staff' as const };

export function refuse(r: Refusal | null): void {
  if (r) throw new RuleRefused(r.key, r.params ?? {}, r.fix);
}

function oneOf<T extends string>(v: string | undefined | null, list: readonly T[], what: string): T | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (!(list as readonly string[]).includes(v)) throw new UsageError('err.bad_choice', { what, value: v, accepted: list.join(', ') }, 'fix.choice');
  return v as T;
}

export function getRequest(ctx: Ctx, id: string): RequestRow {
  const r = findRequest(ctx.db, id.trim().toUpperCase());
  if (!r) throw new NotFound('err.request_not_found', { id }, 'fix.request_list');
  return r;
}

/** The engine's environment for a request: the policy in force now, due times on the site calendar. */
export function requestClockEnv(ctx: Ctx, r: Pick<RequestRow, 'kind' | 'urgency'>): RequestClockEnv {
  const ov = loadOverrides(ctx);
  return {
    scope: requestScope(r.kind, r.urgency),
    policy: (clock, scope) => requestPolicy(clock, scope, ov),
    due: (start, policy) => computeDue(start, policy, ctx.calendar(), ctx.tz),
    dayEnd: (ms) => endOfLocalDay(localDate(ms, ctx.tz), ctx.tz),
  };
}

/** Apply one event to a request's clocks and store the rows that changed. */
export function requestClockEvent(ctx: Ctx, r: Pick<RequestRow, 'id' | 'kind' | 'urgency'>, e: RequestClockEvent): void {
  const before = new Map<RequestClock, RequestClockRec>(requestClocks(ctx.db, r.id).map((c) => [c.clock, c]));
  const after = applyRequestClockEvent(before, e, requestClockEnv(ctx, r));
  for (const [k, c] of after) {
    const b = before.get(k);
    if (
      b &&
      b.started_at === c.started_at &&
      b.due_at === c.due_at &&
      b.done_at === c.done_at &&
      b.skipped === c.skipped &&
      b.policy === c.policy &&
      (b.not_before ?? null) === (c.not_before ?? null)
    )
      continue;
    writeRequestClock(ctx.db, {
      request_id: r.id,
      clock: k,
      started_at: c.started_at,
      due_at: c.due_at,
      done_at: c.done_at,
      skipped: c.skipped,
      policy: c.policy,
      not_before: c.not_before ?? null,
    });
  }
}

function event(ctx: Ctx, id: string, type: string, at: number, e: { by?: string | null; note?: string | null; data?: unknown } = {}): void {
  addRequestEvent(ctx.db, { request_id: id, type, at, ...eventFields(ctx, e) });
}

// ---- intake ----------------------------------------------------------------------

export interface CreateInput {
  kind: string;
  urgency?: string;
  /** a unit of the roster, or a public place */
  place: string;
  name: string;
  phone: string;
  subject: string;
  description?: string;
  channel?: string;
  paid?: boolean;
  /** time text (as typed) or an instant */
  appointment?: string | number;
  at?: string | number;
  /** what raised it, e.g. finding:F20261206-001, visit:V… */
  source?: string;
}

function instant(ctx: Ctx, v: string | number | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  return typeof v === 'number' ? v : parseTime(v, ctx.clock.now(), ctx.tz);
}

/**
 * Register a request inside the caller's write transaction: the one entry
 * point for the desk (`request new`), patrol findings (`finding to-request`)
 * and visits (`visit record --raise request`). Checks the facts, takes the
 * next R-id of the received day, starts the clocks, writes the audit entry.
 */
export function createRequest(ctx: Ctx, i: CreateInput): RequestRow {
  const kind = oneOf<RequestKind>(i.kind, REQUEST_KINDS, 'request_kind');
  if (!kind) throw new UsageError('err.missing_options', { list: 'field.kind' }, 'fix.give_options');
  const given = oneOf<Urgency>(i.urgency, URGENCIES, 'request_urgency');
  if (given && kind !== 'repair') throw new UsageError('err.r_urgency_repair_only', { kind }, 'fix.r_urgency');
  const urgency = urgencyOf(kind, given);
  const channel = oneOf(i.channel, REQUEST_CHANNELS, 'request_channel') ?? 'phone';
  for (const [k, v] of [
    ['field.unit', i.place],
    ['field.name', i.name],
    ['field.phone', i.phone],
    ['field.subject', i.subject],
  ] as const)
    if (!v || !String(v).trim()) throw new UsageError('err.missing_options', { list: k }, 'fix.give_options');
  if (!isValidPhone(i.phone)) throw new UsageError('err.bad_phone', { column: 'field.phone', value: i.phone }, 'fix.phone');
  const { unit, address } = checkPlace(ctx, i.place);
  const received = typeof i.at === 'number' ? i.at : eventTime(ctx, i.at);
  if (received > ctx.clock.now()) throw new UsageError('err.at_future', { at: String(i.at) }, 'fix.at_past');
  const appointment = instant(ctx, i.appointment) ?? null;
  if (appointment != null) refuse(checkAppointment(appointment, received));
  const id = nextId(ctx.db, 'R', idDate(ctx, received));
  const now = ctx.clock.now();
  insertRequest(ctx.db, {
    id,
    kind,
    urgency,
    unit,
    address,
    name: i.name.trim(),
    phone: normalizePhone(i.phone),
    subject: i.subject.trim(),
    description: i.description?.trim() || null,
    channel,
    paid: i.paid ? 1 : 0,
    source: i.source ?? null,
    received_at: received,
    appointment_at: appointment,
    created_at: now,
    updated_at: now,
  });
  event(ctx, id, 'received', received, { data: { channel, ...(appointment != null ? { appointment } : {}), ...(i.source ? { source: i.source } : {}) } });
  requestClockEvent(ctx, { id, kind, urgency }, { type: 'received', at: received, appointment });
  const out = findRequest(ctx.db, id)!;
  audit(ctx, 'request.new', 'request:' + id, null, out);
  return out;
}

/** `request new`: a desk write of its own. */
export function newRequest(ctx: Ctx, i: CreateInput): RequestRow {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { ...DESK, action: 'action.request' });
    return createRequest(ctx, i);
  });
}

// ---- the steps ----------------------------------------------------------------------

function step(
  ctx: Ctx,
  id: string,
  s: RequestStep,
  at: string | undefined,
  perm: { minRole: 'clerk' | 'staff' },
  body: (r: RequestRow, t: number) => void,
): RequestRow {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { ...perm, action: 'action.request_' + s });
    const r = getRequest(ctx, id);
    refuse(checkRequestStep(s, r));
    const t = eventTime(ctx, at, lastRequestEventAt(ctx.db, r.id));
    body(r, t);
    const out = findRequest(ctx.db, r.id)!;
    audit(ctx, 'request.' + s, 'request:' + r.id, r, out);
    return out;
  });
}

export function assign(ctx: Ctx, id: string, o: { to: string; appointment?: string; at?: string }): RequestRow {
  return step(ctx, id, 'assign', o.at, DESK, (r, t) => {
    if (!o.to?.trim()) throw new UsageError('err.missing_options', { list: 'field.to' }, 'fix.give_options');
    const to = findActor(ctx.db, o.to.trim());
    const appointment = o.appointment ? parseTime(o.appointment, ctx.clock.now(), ctx.tz) : r.appointment_at;
    if (appointment != null) refuse(checkAppointment(appointment, r.received_at));
    updateRequest(ctx.db, r.id, { status: 'assigned', assignee: to.code, assigned_at: t, appointment_at: appointment }, ctx.clock.now());
    event(ctx, r.id, 'assigned', t, { data: { to: to.code, ...(appointment != null ? { appointment } : {}) } });
    requestClockEvent(ctx, r, { type: 'assigned', at: t, appointment });
  });
}

export function arrive(ctx: Ctx, id: string, o: { at?: string; by?: string }): RequestRow {
  return step(ctx, id, 'arrive', o.at, FIELD, (r, t) => {
    const by = o.by ? findActor(ctx.db, o.by).code : (r.assignee ?? ctx.actor?.code ?? null);
    updateRequest(ctx.db, r.id, { status: 'arrived', arrived_at: t }, ctx.clock.now());
    event(ctx, r.id, 'arrived', t, { by });
    requestClockEvent(ctx, r, { type: 'arrived', at: t });
  });
}

export function done(ctx: Ctx, id: string, o: { note: string; charge?: string; at?: string; by?: string }): RequestRow {
  return step(ctx, id, 'done', o.at, FIELD, (r, t) => {
    if (!o.note?.trim()) throw new UsageError('err.missing_options', { list: 'field.note' }, 'fix.give_options');
    if (o.charge !== undefined) refuse(checkCharge(o.charge));
    const by = o.by ? findActor(ctx.db, o.by).code : (r.assignee ?? ctx.actor?.code ?? null);
    updateRequest(
      ctx.db,
      r.id,
      { status: 'done', done_at: t, done_note: o.note.trim(), ...(o.charge !== undefined ? { charge_yuan: o.charge.trim() } : {}) },
      ctx.clock.now(),
    );
    event(ctx, r.id, 'done', t, { by, note: o.note.trim(), data: o.charge !== undefined ? { charge_yuan: o.charge.trim() } : undefined });
    requestClockEvent(ctx, r, { type: 'done', at: t });
  });
}

export function answer(ctx: Ctx, id: string, o: { note: string; at?: string }): RequestRow {
  return step(ctx, id, 'answer', o.at, DESK, (r, t) => {
    if (!o.note?.trim()) throw new UsageError('err.missing_options', { list: 'field.note' }, 'fix.give_options');
    updateRequest(ctx.db, r.id, { status: 'closed', answered_at: t, closed_at: t, done_note: o.note.trim() }, ctx.clock.now());
    event(ctx, r.id, 'answered', t, { note: o.note.trim() });
    requestClockEvent(ctx, r, { type: 'answered', at: t });
  });
}

/** Back to work on the same fault (返修): the clocks start again, the count goes up. */
function reopenAsRework(ctx: Ctx, r: RequestRow, t: number, reason: string, from: 'visit' | 'rework'): void {
  updateRequest(
    ctx.db,
    r.id,
    { status: r.assignee ? 'assigned' : 'received', rework_count: r.rework_count + 1, arrived_at: null, done_at: null, closed_at: null, appointment_at: null },
    ctx.clock.now(),
  );
  event(ctx, r.id, 'reworked', t, { note: reason, data: { from, previous_done_at: r.done_at } });
  requestClockEvent(ctx, r, { type: 'reworked', at: t, assigned: !!r.assignee });
}

export function visit(ctx: Ctx, id: string, o: { result: string; note?: string; at?: string }): RequestRow {
  return step(ctx, id, 'visit', o.at, DESK, (r, t) => {
    const result = oneOf<RequestResult>(o.result, REQUEST_RESULTS, 'request_result');
    if (!result) throw new UsageError('err.missing_options', { list: 'field.result' }, 'fix.give_options');
    updateRequest(ctx.db, r.id, { satisfaction: result }, ctx.clock.now());
    event(ctx, r.id, 'visited', t, { note: o.note?.trim() || null, data: { result } });
    requestClockEvent(ctx, r, { type: 'visited', at: t });
    if (result === 'unsatisfied') reopenAsRework(ctx, { ...r, satisfaction: result }, t, o.note?.trim() || '', 'visit');
    else {
      updateRequest(ctx.db, r.id, { status: 'closed', closed_at: t }, ctx.clock.now());
      event(ctx, r.id, 'closed', t);
    }
  });
}

export function rework(ctx: Ctx, id: string, o: { reason: string; at?: string }): RequestRow {
  return step(ctx, id, 'rework', o.at, DESK, (r, t) => {
    if (!o.reason?.trim()) throw new UsageError('err.missing_options', { list: 'field.reason' }, 'fix.give_options');
    refuse(checkRework(r.done_at, t));
    reopenAsRework(ctx, r, t, o.reason.trim(), 'rework');
  });
}

export function cancel(ctx: Ctx, id: string, o: { reason: string; at?: string }): RequestRow {
  return step(ctx, id, 'cancel', o.at, DESK, (r, t) => {
    if (!o.reason?.trim()) throw new UsageError('err.missing_options', { list: 'field.reason' }, 'fix.give_options');
    updateRequest(ctx.db, r.id, { status: 'cancelled', cancelled_at: t }, ctx.clock.now());
    event(ctx, r.id, 'cancelled', t, { note: o.reason.trim() });
    requestClockEvent(ctx, r, { type: 'cancelled', at: t });
  });
}
