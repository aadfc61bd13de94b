// A complaint as scripts see it (SPEC §10): the JSON object with its clocks
// and, for `show`, its events. Pure: rows in, view data out.
import { clockState } from '../../domain/clocks.js';
import { formatIso } from '../../domain/time.js';
import type { ClockRow, ComplaintRow, EventRow } from '../../store/complaint.js';

/** The outcome SPEC §3 names: a valid complaint closed after explanation is `unresolvable`. */
export function outcomeOf(r: Pick<ComplaintRow, 'outcome' | 'valid'>): 'resolved' | 'explained' | 'unresolvable' | null {
  return r.outcome === 'explained' && r.valid === 1 ? 'unresolvable' : r.outcome;
}

/** Dispatched before pmctl required a handler (SPEC §3 v2): still valid, shown as such. */
export function handlerNotRecorded(r: Pick<ComplaintRow, 'dispatched_at' | 'handler'>): boolean {
  return r.dispatched_at != null && !r.handler;
}

export function clockJson(c: ClockRow, now: number, tz: string) {
  return {
    clock: c.clock,
    state: clockState(c, now),
    due_at: c.due_at == null ? null : formatIso(c.due_at, tz),
    done_at: c.done_at == null ? null : formatIso(c.done_at, tz),
    started_at: c.started_at == null ? null : formatIso(c.started_at, tz),
    policy: c.policy,
  };
}

const iso = (ms: number | null, tz: string) => (ms == null ? null : formatIso(ms, tz));

export function complaintJson(r: ComplaintRow, clocks: ClockRow[] | null, now: number, tz: string, events?: EventRow[]) {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    outcome: outcomeOf(r),
    severity: r.severity,
    category: r.category,
    channel: r.channel,
    unit: r.unit,
    address: r.address,
    name: r.name,
    phone: r.phone,
    subject: r.subject,
    description: r.description,
    written: !!r.written,
    same_as: r.same_as,
    received_at: iso(r.received_at, tz),
    heard_at: iso(r.heard_at, tz),
    valid: r.valid == null ? null : !!r.valid,
    first_contact: r.first_contact,
    dept: r.dept,
    handler: r.handler,
    handler_recorded: r.dispatched_at == null ? null : !handlerNotRecorded(r),
    appointment_at: iso(r.appointment_at ?? null, tz),
    developer: !!r.developer,
    satisfaction: r.satisfaction,
    cause: r.cause,
    dispatched_at: iso(r.dispatched_at, tz),
    resolved_at: iso(r.resolved_at, tz),
    closed_at: iso(r.closed_at, tz),
    reopen_count: r.reopen_count,
    // raised from a service request (complaint new --from-request), schema 6
    from_request: r.from_request ?? null,
    ...(clocks ? { clocks: clocks.map((c) => clockJson(c, now, tz)) } : {}),
    ...(events
      ? {
          events: events.map((e) => ({
            type: e.type,
            at: formatIso(e.at, tz),
            by: e.by,
            actor: e.actor,
            note: e.note,
            ...(e.data ? { data: JSON.parse(e.data) } : {}),
          })),
        }
      : {}),
  };
}
