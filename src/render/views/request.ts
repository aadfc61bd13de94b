// A service request as scripts and people see it (SPEC §10 v2 shape, §11):
// the JSON object, the record's fields, the clocks and timeline tables, and
// the list's columns. Pure: rows in, view data out.
import type { ListItem } from '../../app/request/query.js';
import { clockState, lateness } from '../../domain/clocks.js';
import { arrivalVerdict } from '../../domain/request.js';
import { formatIso, formatLocal } from '../../domain/time.js';
import type { RequestClockRow, RequestEventRow, RequestRow } from '../../store/request.js';
import { eventJson } from '../format.js';
import type { Column, Output, RenderOpts, Row, Section } from '../view.js';

const iso = (ms: number | null | undefined, tz: string) => (ms == null ? null : formatIso(ms, tz));

export function requestClockJson(c: RequestClockRow, now: number, tz: string, appointment: number | null) {
  const out: Record<string, unknown> = {
    clock: c.clock,
    state: clockState(c, now),
    due_at: iso(c.due_at, tz),
    done_at: iso(c.done_at, tz),
    started_at: iso(c.started_at, tz),
    policy: c.policy,
  };
  if (c.not_before != null) out.not_before = iso(c.not_before, tz);
  if (c.clock === 'arrive' && c.policy === 'appointment' && c.done_at != null && appointment != null) {
    const v = arrivalVerdict(appointment, c.done_at);
    out.arrival = v.verdict;
    out.arrival_minutes = v.minutes;
  }
  return out;
}

export function requestJson(r: RequestRow, clocks: RequestClockRow[] | null, now: number, tz: string, events?: RequestEventRow[]) {
  return {
    id: r.id,
    kind: r.kind,
    urgency: r.urgency,
    status: r.status,
    unit: r.unit,
    address: r.address,
    name: r.name,
    phone: r.phone,
    subject: r.subject,
    description: r.description,
    channel: r.channel,
    paid: !!r.paid,
    source: r.source,
    received_at: iso(r.received_at, tz),
    assignee: r.assignee,
    assigned_at: iso(r.assigned_at, tz),
    appointment_at: iso(r.appointment_at, tz),
    arrived_at: iso(r.arrived_at, tz),
    done_at: iso(r.done_at, tz),
    done_note: r.done_note,
    charge_yuan: r.charge_yuan == null ? null : Number(r.charge_yuan),
    answered_at: iso(r.answered_at, tz),
    closed_at: iso(r.closed_at, tz),
    cancelled_at: iso(r.cancelled_at, tz),
    satisfaction: r.satisfaction,
    rework_count: r.rework_count,
    complaint: r.complaint_id,
    ...(clocks ? { clocks: sortClocks(clocks).map((c) => requestClockJson(c, now, tz, r.appointment_at)) } : {}),
    ...(events
      ? {
          events: events.map((e) => eventJson(e, tz)),
        }
      : {}),
  };
}

const ORDER = ['assign', 'arrive', 'done', 'answer', 'return_visit'];
export function sortClocks(c: RequestClockRow[]): RequestClockRow[] {
  return [...c].sort((a, b) => ORDER.indexOf(a.clock) - ORDER.indexOf(b.clock));
}

export const REQUEST_FIELDS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'kind', label: 'col.kind', type: 'state' },
  { key: 'urgency', label: 'col.r_urgency', type: 'state' },
  { key: 'status', label: 'col.status', type: 'state' },
  { key: 'place', label: 'col.unit' },
  { key: 'name', label: 'col.name' },
  { key: 'phone', label: 'col.phone' },
  { key: 'subject', label: 'col.subject' },
  { key: 'description', label: 'col.description' },
  { key: 'channel', label: 'col.channel', type: 'state' },
  { key: 'paid', label: 'col.r_paid', type: 'bool' },
  { key: 'source', label: 'col.source' },
  { key: 'received_at', label: 'col.received_at', type: 'time' },
  { key: 'assignee_t', label: 'col.r_assignee' },
  { key: 'appointment_at', label: 'col.r_appointment', type: 'time' },
  { key: 'arrived_at', label: 'col.r_arrived_at', type: 'time' },
  { key: 'arrival', label: 'col.r_arrival', type: 'state' },
  { key: 'done_at', label: 'col.done_at', type: 'time' },
  { key: 'done_note', label: 'col.note' },
  { key: 'charge_yuan', label: 'col.r_charge' },
  { key: 'answered_at', label: 'col.r_answered_at', type: 'time' },
  { key: 'satisfaction', label: 'col.satisfaction', type: 'state' },
  { key: 'rework_count', label: 'col.r_rework_count', type: 'number' },
  { key: 'complaint_id', label: 'col.r_complaint' },
  { key: 'closed_at', label: 'col.r_closed_at', type: 'time' },
  { key: 'cancelled_at', label: 'col.r_cancelled_at', type: 'time' },
];

/** The record's row for people; `who` names staff as 吴师傅（G002）. */
export function requestRecordRow(r: RequestRow, who: (code: string) => string): Row {
  const arrival = r.appointment_at != null && r.arrived_at != null ? arrivalVerdict(r.appointment_at, r.arrived_at).verdict : null;
  return {
    ...r,
    place: r.unit ?? r.address,
    assignee_t: r.assignee ? who(r.assignee) : null,
    arrival,
    rework_count: r.rework_count || null,
    paid: r.paid ? true : null,
  };
}

export function requestRecordFields(row: Row): Column[] {
  return REQUEST_FIELDS.filter((f) => row[f.key] !== null && row[f.key] !== undefined && row[f.key] !== '');
}

const CLOCK_COLUMNS: Column[] = [
  { key: 'clock', label: 'col.clock', type: 'state' },
  { key: 'state', label: 'col.state', type: 'state' },
  { key: 'policy_t', label: 'col.policy' },
  { key: 'started_at', label: 'col.started_at', type: 'time' },
  { key: 'due_at', label: 'col.due_at', type: 'time' },
  { key: 'done_at', label: 'col.done_at', type: 'time' },
  { key: 'late', label: 'col.late_early', type: 'span' },
];

export function requestClockSection(
  r: RequestRow,
  clocks: RequestClockRow[],
  now: number,
  t: (k: string, p?: Record<string, string | number>) => string,
): Section {
  return {
    title: 'title.clocks',
    columns: CLOCK_COLUMNS,
    rows: sortClocks(clocks)
      .filter((c) => !c.skipped || c.started_at != null)
      .map((c) => {
        let late = lateness(c, now);
        let state: string = !c.skipped && c.started_at == null ? 'not_started' : clockState(c, now);
        // An arrival outside the appointment window reads early or late, by how much.
        if (c.clock === 'arrive' && c.policy === 'appointment' && c.done_at != null && r.appointment_at != null) {
          const v = arrivalVerdict(r.appointment_at, c.done_at);
          if (v.verdict === 'early') ((state = 'breached_early'), (late = c.done_at - r.appointment_at));
          else if (v.verdict === 'late') state = 'breached_late';
        }
        const policy_t = c.policy === 'appointment' ? t(c.clock === 'arrive' ? 'msg.r_sla_window' : 'msg.r_sla_day_end') : c.policy;
        return { ...c, state, late, policy_t };
      }),
  };
}

export function requestTimelineSection(
  events: RequestEventRow[],
  tz: string,
  t: (k: string, p?: Record<string, string | number>) => string,
  who: (code: string) => string = (c) => c,
): Section {
  return {
    title: 'title.timeline',
    columns: [
      { key: 'at', label: 'col.at', type: 'time' },
      { key: 'type', label: 'col.event', type: 'state' },
      { key: 'by', label: 'col.by' },
      { key: 'note', label: 'col.note' },
    ],
    rows: events.map((e) => ({
      at: e.at,
      type: 'r_' + e.type,
      by: e.by ? who(e.by) : null,
      note: [e.note, e.data ? eventData(e.data, tz, t, who) : ''].filter(Boolean).join(' '),
    })),
  };
}

/** Event details for people, in their language: instants in site time, codes as labels. */
function eventData(data: string, tz: string, t: (k: string) => string, who: (code: string) => string): string {
  const d = JSON.parse(data) as Record<string, unknown>;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(d)) {
    if (v == null || k === 'previous_done_at' || (k === 'from' && v === 'rework')) continue;
    const val =
      typeof v === 'number' && v > 1e11
        ? formatLocal(v, tz)
        : k === 'result' || k === 'channel'
          ? t('enum.' + String(v))
          : k === 'from'
            ? t('enum.from_' + String(v))
            : k === 'to'
              ? who(String(v))
              : String(v);
    parts.push(`${t('rkey.' + k)}${t('rkey.sep')}${val}`);
  }
  return parts.join(' ');
}

// `drop`: on a narrow terminal these go first (1 first), as in the complaint list.
export const LIST_COLUMNS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'kind', label: 'col.kind', type: 'state', drop: 4 },
  { key: 'urgency', label: 'col.r_urgency', type: 'state' },
  { key: 'status', label: 'col.status', type: 'state' },
  { key: 'place', label: 'col.unit' },
  { key: 'subject', label: 'col.subject' },
  { key: 'assignee', label: 'col.r_assignee', drop: 3 },
  { key: 'received_at', label: 'col.received_at', type: 'time', drop: 1 },
  { key: 'next_clock', label: 'col.next_clock', type: 'state' },
  { key: 'next_due', label: 'col.due_at', type: 'time' },
  { key: 'next_state', label: 'col.next_state', type: 'state', drop: 2 },
];

export function listRow(
  r: RequestRow,
  next: { clock: string; due_at: number; started_at: number } | null,
  now: number,
  who: (code: string) => string = (c) => c,
): Row {
  return {
    ...r,
    assignee: r.assignee ? who(r.assignee) : null,
    place: r.unit ?? r.address,
    next_clock: next?.clock ?? null,
    next_due: next?.due_at ?? null,
    next_state: next ? clockState({ started_at: next.started_at, due_at: next.due_at, done_at: null, skipped: 0 }, now) : null,
  };
}

/** A unit's requests in `unit show` (客户请修记录). */
export const UNIT_REQUEST_COLUMNS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'kind', label: 'col.kind', type: 'state' },
  { key: 'status', label: 'col.status', type: 'state' },
  { key: 'subject', label: 'col.subject' },
  { key: 'received_at', label: 'col.received_at', type: 'time' },
  { key: 'done_at', label: 'col.done_at', type: 'time' },
  { key: 'satisfaction', label: 'col.satisfaction', type: 'state' },
];

/**
 * A request as its record, timeline and clocks; an arrival outside the
 * appointment window is said under it (early or late, by how many minutes).
 */
export function requestOutput(
  t: RenderOpts['t'],
  r: RequestRow,
  v: { clocks: RequestClockRow[]; events: RequestEventRow[] },
  now: number,
  tz: string,
  who: (code: string) => string,
  notes: string[] = [],
): Output {
  const row = requestRecordRow(r, who);
  const out: string[] = [...notes];
  if (r.appointment_at != null && r.arrived_at != null) {
    const a = arrivalVerdict(r.appointment_at, r.arrived_at);
    if (a.verdict !== 'on_time') out.push(t(a.verdict === 'early' ? 'msg.r_arrived_early' : 'msg.r_arrived_late', { n: Math.abs(a.minutes) }));
  }
  return {
    json: requestJson(r, v.clocks, now, tz, v.events),
    record: { title: t('title.request', { id: r.id }), fields: requestRecordFields(row), row },
    sections: [requestTimelineSection(v.events, tz, t, who), requestClockSection(r, v.clocks, now, t)],
    notes: out,
  };
}

/** The list: each request's next clock (JSON built only for --json). */
export function requestListOutput(items: ListItem[], now: number, tz: string, who: (code: string) => string, notes: string[]): Output {
  return {
    json: () => items.map((i) => requestJson(i.row, null, now, tz)),
    table: { title: '', empty: 'msg.r_none', columns: LIST_COLUMNS, rows: items.map((i) => listRow(i.row, i.next, now, who)) },
    notes,
  };
}
