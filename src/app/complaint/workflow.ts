// The complaint lifecycle of SPEC §3: intake with the five facts, dispatch →
// department answer → resolution → reply → return visit, and the clocks each
// step starts and stops. Every step is one transaction with one audit entry.
import { NotFound, RuleRefused, UsageError } from '../../errors.js';
import {
  CATEGORIES,
  CHANNELS,
  KINDS,
  REPLY_METHODS,
  SEVERITIES,
  VISIT_RESULTS,
  closeBlockers,
  computeDue,
  escalationMet,
  escalationMissing,
  escalationRefusal,
  isCollective,
  severityChangeRefusal,
  maxSeverity,
  severityFor,
  stepRefusal,
  type Kind,
  type Severity,
  type Step,
} from '../../domain/clocks.js';
import { isDuration, parseDuration } from '../../domain/duration.js';
import { isDeptCode, isRole, isValidPhone, normalizePhone, roleAtLeast } from '../../domain/people.js';
import { parseTime } from '../../domain/time.js';
import { nextId } from '../../store/common.js';
import { boardEscalated, complaintGroup, escalatedRoles, insertComplaint, isUnitLabel } from '../../store/complaint.js';
import { writeTx } from '../../store/db.js';
import { type Actor, type Ctx, audit, eventTime, idDate, requireActiveStaff, requireWriter } from '../context.js';
import { type ComplaintRow, addEvent, clockMap, getComplaint, lastEventAt, clockEvent, updateComplaint } from './records.js';

const DESK = { minRole: 'clerk' as const };

function oneOf<T extends string>(v: string | undefined, list: readonly T[], errKey: string, fixKey: string): T | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const x = v.trim().toLowerCase();
  if (!(list as readonly string[]).includes(x)) throw new UsageError(errKey, { value: v, list: list.join(', ') }, fixKey);
  return x as T;
}

/** A staff code given in an option: looked up without surrounding blanks, quoted as typed. */
function activeStaff(ctx: Ctx, code: string): Actor {
  return requireActiveStaff(ctx.db, code.trim(), code);
}

// ---- intake ----------------------------------------------------------------

export interface NewInput {
  unit: string;
  name: string;
  phone: string;
  subject: string;
  category?: string;
  channel?: string;
  kind?: string;
  severity?: string;
  description?: string;
  written?: boolean;
  sameAs?: string;
  heardAt?: string;
  at?: string;
  firstContact?: string;
}

export function parseCategory(v: string | undefined): string | undefined {
  return oneOf(v, CATEGORIES, 'err.bad_category', 'fix.category');
}

/**
 * Where it happened: a unit of the roster, or the address of a public place
 * (电梯厅, 地库 B2). Something shaped like a unit label must be a known unit.
 */
export function checkPlace(ctx: Ctx, text: string): { unit: string | null; address: string | null } {
  const place = text.trim();
  if (isUnitLabel(ctx.db, place)) return { unit: place, address: null };
  if (/^[^\s-]+-[^\s-]+-[^\s-]+$/.test(place)) throw new NotFound('err.unit_not_found', { label: place }, 'fix.unit_list');
  return { unit: null, address: place };
}

export function newComplaint(ctx: Ctx, i: NewInput): ComplaintRow {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { ...DESK, action: 'action.complaint' });
    const kind: Kind = oneOf(i.kind, KINDS, 'err.bad_kind', 'fix.kind') ?? 'complaint';
    const category = parseCategory(i.category) ?? 'other';
    const channel = oneOf(i.channel, CHANNELS, 'err.bad_channel', 'fix.channel') ?? 'phone';
    const given = oneOf<Severity>(i.severity, SEVERITIES, 'err.bad_severity', 'fix.severity');
    const severity: Severity = kind === 'suggestion' ? 'general' : severityFor(category, given);
    for (const [k, v] of [
      ['field.name', i.name],
      ['field.subject', i.subject],
      ['field.unit', i.unit],
      ['field.phone', i.phone],
    ] as const)
      if (!v || !String(v).trim()) throw new UsageError('err.missing_options', { list: k }, 'fix.give_options');
    if (!isValidPhone(i.phone)) throw new UsageError('err.bad_phone', { column: 'field.phone', value: i.phone }, 'fix.phone');
    const { unit, address } = checkPlace(ctx, i.unit);
    const received = eventTime(ctx, i.at);
    let heard: number | null = null;
    if (i.heardAt) {
      heard = parseTime(i.heardAt, ctx.clock.now(), ctx.tz);
      if (heard > received) throw new UsageError('err.heard_after_received', { at: i.heardAt }, 'fix.heard_at');
    }
    let root: string | null = null;
    if (i.sameAs) {
      const t = getComplaint(ctx, i.sameAs);
      root = t.same_as ?? t.id;
    }
    const first = i.firstContact ? activeStaff(ctx, i.firstContact).code : (ctx.actor?.code ?? null);
    const id = nextId(ctx.db, 'C', idDate(ctx, received));
    const now = ctx.clock.now();
    insertComplaint(ctx.db, {
      id,
      kind,
      severity,
      category,
      channel,
      unit,
      address,
      name: i.name.trim(),
      phone: normalizePhone(i.phone),
      subject: i.subject.trim(),
      description: i.description?.trim() || null,
      written: i.written || channel === 'written' ? 1 : 0,
      same_as: root,
      first_contact: first,
      received_at: received,
      heard_at: heard,
      created_at: now,
      updated_at: now,
    });
    addEvent(ctx, id, 'received', received, { note: i.subject.trim(), data: heard != null ? { heard_at: heard } : undefined });
    clockEvent(ctx, { id, kind, severity }, { type: 'received', at: received, heard_at: heard });
    if (root) upgradeCollective(ctx, root, received);
    const out = getComplaint(ctx, id);
    audit(ctx, 'complaint.new', 'complaint:' + id, null, out);
    return out;
  });
}

/** When an issue reaches 3 distinct units, every linked complaint becomes major. */
function upgradeCollective(ctx: Ctx, root: string, at: number): void {
  const group = complaintGroup(ctx.db, root);
  const units = new Set(group.map((g) => g.unit ?? g.address));
  if (!isCollective(units.size)) return;
  // Their escalate clock counts from this moment, not from each one's reception (SPEC §3 v2).
  for (const g of group) if (g.severity === 'general') raiseSeverity(ctx, g, 'major', at, 'collective', true);
}

/**
 * Raise a record's severity: clocks that now apply and whose start already
 * happened start with the policy in force now; running clocks keep their due.
 */
export function raiseSeverity(ctx: Ctx, r: ComplaintRow, to: Severity, at: number, reason: string, fromChange = false): void {
  const severity = maxSeverity(r.severity, to);
  if (severity === r.severity) return;
  updateComplaint(ctx, r.id, { severity });
  if (r.status !== 'closed')
    clockEvent(
      ctx,
      { ...r, severity },
      { type: 'upgraded', received_at: r.received_at, resolved_at: r.status === 'resolved' ? r.resolved_at : null, ...(fromChange ? { at } : {}) },
    );
  addEvent(ctx, r.id, 'upgraded', at, { data: { from: r.severity, to: severity, reason } });
  audit(ctx, 'complaint.upgrade', 'complaint:' + r.id, { severity: r.severity }, { severity, reason });
}

// ---- steps -----------------------------------------------------------------

interface StepCtx {
  r: ComplaintRow;
  at: number;
}

/** The common frame of a step: permission, the record, the workflow guard, --at, audit. */
function step(
  ctx: Ctx,
  id: string,
  s: Step | 'note',
  at: string | undefined,
  fn: (x: StepCtx) => void,
  minRole: 'clerk' | 'supervisor' = 'clerk',
  /** a status the usual guard refuses but this record may take the step from */
  allow?: (r: ComplaintRow) => boolean,
): ComplaintRow {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole, action: 'action.complaint_' + s });
    const r = getComplaint(ctx, id);
    if (s !== 'note' && !allow?.(r)) {
      const why = stepRefusal(s, r.status);
      if (why) throw new RuleRefused(why, { id: r.id, status: r.status, step: s }, 'fix.c_next_step');
    }
    const t = eventTime(ctx, at, lastEventAt(ctx, r.id));
    fn({ r, at: t });
    const out = getComplaint(ctx, r.id);
    audit(ctx, 'complaint.' + s, 'complaint:' + r.id, r, out);
    return out;
  });
}

/** --by CODE for a department's step: an active member of the department it was sent to. */
function byMember(ctx: Ctx, r: ComplaintRow, by: string | undefined): string | null {
  if (!by) return ctx.actor?.code ?? null;
  const s = activeStaff(ctx, by);
  if (r.dept && s.department !== r.dept) throw new RuleRefused('err.by_wrong_dept', { code: s.code, dept: s.department, need: r.dept }, 'fix.by_dept');
  return s.code;
}

export function dispatch(
  ctx: Ctx,
  id: string,
  o: { dept: string; handler?: string; due?: string; at?: string; appointment?: string; developer?: boolean },
): ComplaintRow {
  return step(ctx, id, 'dispatch', o.at, ({ r, at }) => {
    const dept = o.dept.trim().toLowerCase();
    if (!isDeptCode(dept)) throw new UsageError('err.bad_dept', { value: o.dept }, 'fix.dept');
    // SPEC §3 v2: every complaint has a named handler (专人).
    if (!o.handler?.trim()) throw new UsageError('err.missing_options', { list: 'field.handler' }, 'fix.handler_required');
    const h = activeStaff(ctx, o.handler);
    if (h.department !== dept) throw new RuleRefused('err.handler_wrong_dept', { code: h.code, dept: h.department, need: dept }, 'fix.by_dept');
    const handler = h.code;
    let appointment: number | null = null;
    if (o.appointment) {
      appointment = parseTime(o.appointment, ctx.clock.now(), ctx.tz);
      if (appointment < at) throw new UsageError('err.appointment_past', { at: o.appointment }, 'fix.appointment');
    }
    const developer = !!o.developer;
    let fixed: { due: number; policy: string } | undefined;
    if (o.due) {
      if (isDuration(o.due)) {
        const p = `${parseDuration(o.due).n}${parseDuration(o.due).unit}`;
        fixed = { policy: p, due: computeDue(at, p, ctx.calendar(), ctx.tz) };
      } else {
        const due = parseTime(o.due, ctx.clock.now(), ctx.tz);
        if (due <= at) throw new UsageError('err.due_not_after', { due: o.due }, 'fix.due_future');
        fixed = { policy: 'fixed', due };
      }
    }
    updateComplaint(ctx, r.id, {
      status: 'dispatched',
      dept,
      handler,
      dispatched_at: at,
      valid: r.kind === 'complaint' ? 1 : r.valid,
      appointment_at: appointment,
      developer: developer || r.developer ? 1 : 0,
    });
    clockEvent(ctx, r, { type: 'dispatched', at, deadline: fixed, ...(developer ? { developer } : {}) });
    addEvent(ctx, r.id, 'dispatched', at, {
      data: { dept, handler, due: fixed?.due ?? null, appointment_at: appointment, ...(developer ? { developer } : {}) },
    });
  });
}

export function accept(ctx: Ctx, id: string, o: { by?: string; at?: string; note?: string }): ComplaintRow {
  return step(ctx, id, 'accept', o.at, ({ r, at }) => {
    const by = byMember(ctx, r, o.by);
    updateComplaint(ctx, r.id, { status: 'accepted' });
    clockEvent(ctx, r, { type: 'accepted', at });
    addEvent(ctx, r.id, 'accepted', at, { by, note: o.note });
  });
}

export function delay(ctx: Ctx, id: string, o: { reason: string; newDue: string; by?: string; at?: string }): ComplaintRow {
  return step(ctx, id, 'delay', o.at, ({ r, at }) => {
    const by = byMember(ctx, r, o.by);
    const due = parseTime(o.newDue, ctx.clock.now(), ctx.tz);
    const c = clockMap(ctx, r.id).get('resolve');
    if (due <= at) throw new UsageError('err.due_not_after', { due: o.newDue }, 'fix.due_future');
    if (c?.due_at != null && due <= c.due_at) throw new UsageError('err.delay_not_later', { due: o.newDue }, 'fix.delay_later');
    updateComplaint(ctx, r.id, { status: 'delayed' });
    clockEvent(ctx, r, { type: 'delayed', at, new_due: due });
    addEvent(ctx, r.id, 'delayed', at, { by, note: o.reason, data: { old_due: c?.due_at ?? null, new_due: due } });
  });
}

export function resolve(ctx: Ctx, id: string, o: { note: string; doneAt?: string; by?: string; at?: string }): ComplaintRow {
  return step(ctx, id, 'resolve', o.at, ({ r, at }) => {
    const by = byMember(ctx, r, o.by);
    let done = at;
    if (o.doneAt) {
      done = parseTime(o.doneAt, ctx.clock.now(), ctx.tz);
      if (done > at) throw new UsageError('err.done_after_recorded', { at: o.doneAt }, 'fix.done_at');
      if (r.dispatched_at != null && done < r.dispatched_at) throw new UsageError('err.done_before_dispatch', { at: o.doneAt }, 'fix.done_at');
    }
    updateComplaint(ctx, r.id, { status: 'resolved', resolved_at: done, cause: o.note.trim() });
    // [003] §8: skipped when the first contact is the clerk recording it (or nobody was named).
    const selfInformed = !r.first_contact || r.first_contact === ctx.actor?.code;
    clockEvent(ctx, r, { type: 'resolved', at, done_at: done, self_informed: selfInformed });
    addEvent(ctx, r.id, 'resolved', at, { by, note: o.note, data: { done_at: done } });
  });
}

export function reply(ctx: Ctx, id: string, o: { method: string; note: string; at?: string; adopted?: boolean; reason?: string }): ComplaintRow {
  return step(ctx, id, 'reply', o.at, ({ r, at }) => {
    const method = oneOf(o.method, REPLY_METHODS, 'err.bad_method', 'fix.method')!;
    const adopted = o.adopted;
    const reason = o.reason?.trim() || null;
    if (r.kind === 'suggestion') {
      // [002] 2.6: a suggestion's reply says whether it was adopted, and why not.
      if (adopted === undefined) throw new RuleRefused('err.suggestion_needs_adopted', { id: r.id }, 'fix.adopted');
      if (adopted === false && !reason) throw new RuleRefused('err.suggestion_needs_reason', { id: r.id }, 'fix.adopted_reason');
    } else if (adopted !== undefined) throw new UsageError('err.adopted_complaint', { id: r.id }, 'fix.adopted_complaint');
    if (r.written && method !== 'written') throw new RuleRefused('err.written_needs_written', { id: r.id, method }, 'fix.written_reply');
    clockEvent(ctx, r, { type: 'replied', at });
    addEvent(ctx, r.id, 'replied', at, { note: o.note, data: { method, ...(adopted !== undefined ? { adopted, reason } : {}) } });
  });
}

/** Closed as unresolvable (valid, explained) and not yet visited: the return visit is still owed. */
const visitOwed = (ctx: Ctx) => (r: ComplaintRow) =>
  r.status === 'closed' && r.outcome === 'explained' && r.valid === 1 && clockMap(ctx, r.id).get('return_visit')?.done_at == null;

export function visit(ctx: Ctx, id: string, o: { result: string; note: string; at?: string }): ComplaintRow {
  return step(
    ctx,
    id,
    'visit',
    o.at,
    ({ r, at }) => {
      const result = oneOf(o.result, VISIT_RESULTS, 'err.bad_result', 'fix.result')!;
      clockEvent(ctx, r, { type: 'visited', at, written: !!r.written });
      updateComplaint(ctx, r.id, { satisfaction: result });
      addEvent(ctx, r.id, 'visited', at, { note: o.note, data: { result } });
      // An unresolvable complaint stays closed whatever the answer (a supervisor may reopen it).
      if (result === 'unsatisfied' && r.status !== 'closed') {
        redispatch(ctx, r, at, false);
        addEvent(ctx, r.id, 'reopened', at, { data: { reason: 'unsatisfied' } });
      }
    },
    'clerk',
    visitOwed(ctx),
  );
}

/** Back to the desk for re-dispatch: the dispatch clock runs again, the department's clocks wait. */
function redispatch(ctx: Ctx, r: ComplaintRow, at: number, unskip: boolean): void {
  updateComplaint(ctx, r.id, { status: 'received', resolved_at: null, closed_at: null, outcome: null, reopen_count: r.reopen_count + 1 });
  clockEvent(ctx, r, { type: 'redispatch', at, unskip });
}

/**
 * `explain`: an unreasonable complaint (not valid), or with `valid` one that
 * cannot be fixed, or only on conditions ([002] 投诉-a): closed after the
 * explanation with outcome `unresolvable`, still valid, not resolved, and
 * its return visit still owed.
 */
export function explain(ctx: Ctx, id: string, o: { note: string; at?: string; valid?: boolean }): ComplaintRow {
  return step(ctx, id, 'explain', o.at, ({ r, at }) => {
    if (r.kind !== 'complaint') throw new RuleRefused('err.explain_suggestion', { id: r.id }, 'fix.suggestion_reply');
    if (!o.note?.trim()) throw new UsageError('err.missing_options', { list: 'field.note' }, 'fix.give_options');
    clockEvent(ctx, r, { type: 'explained', at, ...(o.valid ? { valid: true } : {}) });
    updateComplaint(ctx, r.id, { status: 'closed', outcome: 'explained', valid: o.valid ? 1 : 0, closed_at: at });
    addEvent(ctx, r.id, 'explained', at, { note: o.note, ...(o.valid ? { data: { outcome: 'unresolvable' } } : {}) });
  });
}

const atLeast = (role: string, min: Parameters<typeof roleAtLeast>[1]) => isRole(role) && roleAtLeast(role, min);

export type Tier = 'centre' | 'board';

/**
 * `escalate --to CODE [--tier centre|board]`. Centre tier ([003] §6): a major
 * complaint to the department manager and the centre leader, its clock met
 * when both are recorded; an emergency or developer matter to the company
 * leader. Board tier ([003] §7): the company leader CODE cannot resolve it and
 * takes it to the board: board_escalate (10m) and board_report (48h) start.
 */
export function escalate(ctx: Ctx, id: string, o: { to: string; note?: string; at?: string; tier?: Tier }): ComplaintRow {
  return step(ctx, id, 'escalate', o.at, ({ r, at }) => {
    const tier = o.tier ?? 'centre';
    const developer = !!r.developer;
    const to = activeStaff(ctx, o.to);
    if (tier === 'board') {
      if (r.severity === 'general' && !developer) throw new RuleRefused('err.escalate_general', { id: r.id }, 'fix.escalate_general');
      if (!atLeast(to.role, 'leader')) throw new RuleRefused('err.board_needs_leader', { code: to.code, role: to.role }, 'fix.board_leader');
      if (clockMap(ctx, r.id).get('escalate')?.done_at == null) throw new RuleRefused('err.board_before_centre', { id: r.id }, 'fix.board_centre');
      if (boardEscalated(ctx.db, r.id)) throw new RuleRefused('err.board_twice', { id: r.id }, 'fix.c_next_step');
      clockEvent(ctx, r, { type: 'board_escalated', at });
      addEvent(ctx, r.id, 'escalated', at, { note: o.note, data: { to: to.code, role: to.role, tier } });
      return;
    }
    const why = escalationRefusal(r.severity, developer, to.role, atLeast);
    if (why) {
      const need = r.severity === 'major' ? 'manager' : 'leader';
      throw new RuleRefused(
        why,
        { id: r.id, code: to.code, role: to.role, need, severity: r.severity },
        why === 'err.escalate_general' ? 'fix.escalate_general' : 'fix.escalate_to',
      );
    }
    const roles = [...escalatedRoles(ctx.db, r.id), to.role];
    if (escalationMet(r.severity, developer, roles, atLeast)) clockEvent(ctx, r, { type: 'escalated', at });
    addEvent(ctx, r.id, 'escalated', at, {
      note: o.note,
      data: { to: to.code, role: to.role, tier, missing: escalationMissing(r.severity, developer, roles, atLeast).join(',') || null },
    });
  });
}

/** The roles a major escalation still lacks (for the message after a step). */
export function escalationStillMissing(ctx: Ctx, r: ComplaintRow): string[] {
  return escalationMissing(r.severity, !!r.developer, escalatedRoles(ctx.db, r.id), atLeast);
}

export function reportFiled(ctx: Ctx, id: string, o: { note?: string; at?: string; tier?: Tier }): ComplaintRow {
  return step(
    ctx,
    id,
    'report_filed',
    o.at,
    ({ r, at }) => {
      const tier = o.tier ?? 'centre';
      if (tier === 'board') {
        const c = clockMap(ctx, r.id).get('board_report');
        if (!c || c.started_at == null) throw new RuleRefused('err.board_not_escalated', { id: r.id }, 'fix.board_first');
        if (c.done_at != null) throw new RuleRefused('err.board_report_twice', { id: r.id }, 'fix.c_next_step');
        clockEvent(ctx, r, { type: 'board_report_filed', at });
        addEvent(ctx, r.id, 'report_filed', at, { note: o.note, data: { tier } });
        return;
      }
      if (r.severity === 'general' && !r.developer) throw new RuleRefused('err.report_general', { id: r.id }, 'fix.escalate_general');
      clockEvent(ctx, r, { type: 'report_filed', at });
      addEvent(ctx, r.id, 'report_filed', at, { note: o.note });
    },
    'clerk',
    (r) => o.tier === 'board' && r.status === 'closed',
  );
}

/** `complaint board-notified ID`: the board was told by phone ([003] §7), stopping board_escalate. */
export function boardNotified(ctx: Ctx, id: string, o: { note?: string; at?: string }): ComplaintRow {
  return step(ctx, id, 'board_notified', o.at, ({ r, at }) => {
    const c = clockMap(ctx, r.id).get('board_escalate');
    if (!c || c.started_at == null) throw new RuleRefused('err.board_not_escalated', { id: r.id }, 'fix.board_first');
    if (c.done_at != null) throw new RuleRefused('err.board_notified_twice', { id: r.id }, 'fix.c_next_step');
    clockEvent(ctx, r, { type: 'board_notified', at });
    addEvent(ctx, r.id, 'board_notified', at, { note: o.note });
  });
}

/** `complaint inform ID`: the first-contact person was told of the result ([003] §8). */
export function inform(ctx: Ctx, id: string, o: { note?: string; at?: string }): ComplaintRow {
  return step(ctx, id, 'inform', o.at, ({ r, at }) => {
    const c = clockMap(ctx, r.id).get('first_contact');
    if (!c || c.skipped || c.started_at == null) throw new RuleRefused('err.inform_not_needed', { id: r.id, first: r.first_contact ?? '—' }, 'fix.c_next_step');
    if (c.done_at != null) throw new RuleRefused('err.inform_twice', { id: r.id }, 'fix.c_next_step');
    clockEvent(ctx, r, { type: 'informed', at });
    addEvent(ctx, r.id, 'informed', at, { note: o.note, data: { to: r.first_contact } });
  });
}

/**
 * `complaint severity ID S --reason R` (supervisor and above): clocks that now
 * apply start from the change; running ones keep their due times.
 */
export function changeSeverity(ctx: Ctx, id: string, o: { severity: string; reason: string; at?: string }): ComplaintRow {
  return step(
    ctx,
    id,
    'severity',
    o.at,
    ({ r, at }) => {
      const to = oneOf<Severity>(o.severity, SEVERITIES, 'err.bad_severity', 'fix.severity');
      if (!to) throw new UsageError('err.missing_options', { list: 'SEVERITY' }, 'fix.give_options');
      if (!o.reason?.trim()) throw new UsageError('err.missing_options', { list: 'field.reason' }, 'fix.give_options');
      const why = severityChangeRefusal(r, to);
      if (why) throw new RuleRefused(why, { id: r.id, from: r.severity, to, category: r.category }, 'fix.severity_change');
      updateComplaint(ctx, r.id, { severity: to });
      clockEvent(
        ctx,
        { ...r, severity: to },
        { type: 'upgraded', received_at: r.received_at, resolved_at: r.status === 'resolved' ? r.resolved_at : null, at },
      );
      addEvent(ctx, r.id, 'upgraded', at, { note: o.reason.trim(), data: { from: r.severity, to, reason: 'supervisor' } });
    },
    'supervisor',
  );
}

export function verify(ctx: Ctx, id: string, o: { note: string; at?: string }): ComplaintRow {
  return step(ctx, id, 'verify', o.at, ({ r, at }) => {
    clockEvent(ctx, r, { type: 'verified', at });
    addEvent(ctx, r.id, 'verified', at, { note: o.note });
  });
}

export function note(ctx: Ctx, id: string, o: { text: string; at?: string }): ComplaintRow {
  return step(ctx, id, 'note', o.at, ({ r, at }) => {
    if (!o.text?.trim()) throw new UsageError('err.missing_options', { list: 'TEXT' }, 'fix.give_options');
    addEvent(ctx, r.id, 'noted', at, { note: o.text.trim() });
  });
}

export function close(ctx: Ctx, id: string, o: { at?: string; note?: string }): ComplaintRow {
  return step(ctx, id, 'close', o.at, ({ r, at }) => {
    const blockers = closeBlockers({ ...r, clocks: clockMap(ctx, r.id) });
    if (blockers.length) throw new RuleRefused(blockers[0], { id: r.id }, 'fix.c_next_step');
    updateComplaint(ctx, r.id, { status: 'closed', outcome: 'resolved', closed_at: at });
    addEvent(ctx, r.id, 'closed', at, { note: o.note });
  });
}

export function reopen(ctx: Ctx, id: string, o: { reason?: string; at?: string }): ComplaintRow {
  return step(
    ctx,
    id,
    'reopen',
    o.at,
    ({ r, at }) => {
      // An explained complaint comes back undecided; its skipped clocks run again.
      // An unresolvable one (valid, explained) stays valid and its clocks run again too.
      if (r.outcome === 'explained' && r.valid !== 1) updateComplaint(ctx, r.id, { valid: null });
      redispatch(ctx, r, at, r.outcome === 'explained');
      addEvent(ctx, r.id, 'reopened', at, { note: o.reason });
    },
    'supervisor',
  );
}
