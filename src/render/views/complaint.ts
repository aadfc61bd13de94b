// A complaint as every format shows it (SPEC §10): the JSON object with its
// clocks and, for `show`, its events; the record's fields, the clocks and
// timeline tables, the list's columns and the summary asked to confirm before
// a new complaint is saved. Pure: rows in, view data out.
import type { Listed } from '../../app/complaint/query.js';
import { clockState, lateness } from '../../domain/clocks.js';
import { formatIso, formatLocal } from '../../domain/time.js';
import type { ClockRow, ComplaintRow, EventRow } from '../../store/complaint.js';
import { eventJson, personText } from '../format.js';
import type { Column, Output, RenderOpts, Row, Section } from '../view.js';

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
          events: events.map((e) => eventJson(e, tz)),
        }
      : {}),
  };
}

const FIELDS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'kind', label: 'col.kind', type: 'state' },
  { key: 'status', label: 'col.status', type: 'state' },
  { key: 'severity', label: 'col.severity', type: 'state' },
  { key: 'category', label: 'col.category', type: 'state' },
  { key: 'channel', label: 'col.channel', type: 'state' },
  { key: 'unit', label: 'col.unit' },
  { key: 'name', label: 'col.name' },
  { key: 'phone', label: 'col.phone' },
  { key: 'subject', label: 'col.subject' },
  { key: 'description', label: 'col.description' },
  { key: 'written', label: 'col.written', type: 'bool' },
  { key: 'same_as', label: 'col.same_as' },
  { key: 'received_at', label: 'col.received_at', type: 'time' },
  { key: 'heard_at', label: 'col.heard_at', type: 'time' },
  { key: 'first_contact', label: 'col.first_contact', type: 'person' },
  { key: 'dept', label: 'col.department', type: 'state' },
  { key: 'handler', label: 'col.handler', type: 'person' },
  { key: 'appointment_at', label: 'col.appointment_at', type: 'time' },
  { key: 'developer', label: 'col.developer', type: 'bool' },
  { key: 'valid_text', label: 'col.valid', type: 'state' },
  { key: 'cause', label: 'col.cause' },
  { key: 'resolved_at', label: 'col.resolved_at', type: 'time' },
  { key: 'satisfaction', label: 'col.satisfaction', type: 'state' },
  { key: 'outcome', label: 'col.outcome', type: 'state' },
  { key: 'reopen_count', label: 'col.reopen_count', type: 'number' },
];

const CLOCK_COLUMNS: Column[] = [
  { key: 'clock', label: 'col.clock', type: 'state' },
  { key: 'state', label: 'col.state', type: 'state' },
  { key: 'policy', label: 'col.policy', type: 'duration', drop: 2 },
  { key: 'started_at', label: 'col.started_at', type: 'time', drop: 1 },
  { key: 'due_at', label: 'col.due_at', type: 'time' },
  { key: 'done_at', label: 'col.done_at', type: 'time' },
  { key: 'late', label: 'col.late_early', type: 'span' },
];

function recordRow(r: ComplaintRow): Row {
  const valid_text = r.kind === 'suggestion' ? null : r.valid == null ? 'undecided' : r.valid ? 'valid' : 'not_valid';
  // Dispatched before a handler was required: still valid, and said so instead of a blank.
  const handler = r.handler ?? (r.dispatched_at != null ? 'handler_not_recorded' : null);
  const outcome = r.outcome === 'explained' && r.valid === 1 ? 'unresolvable' : r.outcome;
  return { ...r, unit: r.unit ?? r.address, valid_text, handler, outcome, developer: r.developer ? 1 : null };
}

function clockSection(clocks: ClockRow[], now: number): Section {
  return {
    title: 'title.clocks',
    columns: CLOCK_COLUMNS,
    // A clock that applies but has not started reads "not started" for people; JSON keeps SPEC's `pending`.
    // Clocks that do not apply to this record are left out of the human table (JSON lists them as skipped).
    rows: clocks
      .filter((c) => !c.skipped || c.started_at != null)
      .map((c) => ({ ...c, state: !c.skipped && c.started_at == null ? 'not_started' : clockState(c, now), late: lateness(c, now) })),
  };
}

function timelineSection(o: RenderOpts, events: EventRow[]): Section {
  return {
    title: 'title.timeline',
    wrap: true,
    columns: [
      { key: 'at', label: 'col.at', type: 'time' },
      { key: 'type', label: 'col.event', type: 'state' },
      { key: 'by', label: 'col.by', type: 'person' },
      { key: 'note', label: 'col.note' },
    ],
    rows: events.map((e) => ({ ...e, note: [e.note, e.data ? eventSentence(e.type, e.data, o) : ''].filter(Boolean).join(o.lang === 'zh' ? '；' : '; ') })),
  };
}

/**
 * An event's details as a sentence in the user's language (`派往工程，经办人
 * 吴师傅（G002）`), never `dept=engineering handler=G002`: codes through their
 * labels, staff by name, instants in site time. JSON keeps the data as stored.
 */
export function eventSentence(type: string, data: string, o: RenderOpts): string {
  const d = JSON.parse(data) as Record<string, unknown>;
  const value = (v: unknown): string => {
    if (typeof v === 'number' && v > 1e11) return formatLocal(v, o.tz);
    const s = String(v);
    if (o.person?.(s)) return personText(s, o);
    const label = o.t('enum.' + s);
    return label === 'enum.' + s ? s : label;
  };
  const parts: string[] = [];
  for (const [k, v] of Object.entries(d)) {
    if (v === null || v === undefined || v === '') continue;
    const specific = `evdata.${type}.${k}`;
    const key = o.t(specific) !== specific ? specific : `evdata.${k}`;
    const text = o.t(key, { v: value(v) });
    parts.push(text === key ? `${k}: ${value(v)}` : text);
  }
  return parts.join(o.lang === 'zh' ? '，' : ', ');
}

/** A complaint as its record with its clocks and, for `show` and the workflow steps, its timeline (`events`). */
export function complaintOutput(o: RenderOpts, r: ComplaintRow, clocks: ClockRow[], now: number, events?: EventRow[]): Output {
  const sections = [clockSection(clocks, now)];
  if (events) sections.unshift(timelineSection(o, events));
  const row = recordRow(r);
  return {
    json: complaintJson(r, clocks, now, o.tz, events),
    record: {
      title: o.t('title.complaint', { id: r.id }),
      fields: FIELDS.filter((f) => row[f.key] !== null && row[f.key] !== undefined && row[f.key] !== ''),
      row,
    },
    sections,
  };
}

const LIST_COLUMNS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'status', label: 'col.status', type: 'state' },
  { key: 'severity', label: 'col.severity', type: 'state', drop: 4 },
  { key: 'category', label: 'col.category', type: 'state', drop: 3 },
  { key: 'unit', label: 'col.unit' },
  { key: 'subject', label: 'col.subject' },
  { key: 'received_at', label: 'col.received_at', type: 'time', drop: 1 },
  { key: 'next_clock', label: 'col.next_clock', type: 'state' },
  { key: 'next_due', label: 'col.due_at', type: 'time' },
  { key: 'next_state', label: 'col.next_state', type: 'state', drop: 2 },
];

/** The list: a table shows each complaint's next clock; JSON (built only for --json) every clock. */
export function complaintListOutput(rows: Listed[], now: number, tz: string, notes: string[]): Output {
  return {
    json: () => rows.map((l) => complaintJson(l.row, l.clocks, now, tz)),
    table: {
      title: '',
      empty: 'msg.c_none',
      columns: LIST_COLUMNS,
      rows: rows.map((l) => {
        const c = l.clocks.find((k) => k.clock === l.next_clock);
        return { ...l.row, unit: l.row.unit ?? l.row.address, next_clock: l.next_clock, next_due: l.next_due, next_state: c ? clockState(c, now) : null };
      }),
    },
    notes,
  };
}

const SUMMARY_FIELDS: Column[] = [
  { key: 'unit', label: 'col.unit' },
  { key: 'name', label: 'col.name' },
  { key: 'phone', label: 'col.phone' },
  { key: 'subject', label: 'col.subject' },
  { key: 'category', label: 'col.category', type: 'state' },
  { key: 'channel', label: 'col.channel', type: 'state' },
];

/** What a new complaint will record, shown before 确认登记？ (the fields given so far). */
export function newSummaryOutput(t: RenderOpts['t'], given: Row): Output {
  return { json: null, record: { title: t('title.c_summary'), fields: SUMMARY_FIELDS.filter((f) => given[f.key]), row: given } };
}
