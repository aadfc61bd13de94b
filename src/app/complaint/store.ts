// Rows of the complaint tables and the small helpers every step uses.
import { NotFound } from '../../errors.js';
import {
  CLOCKS,
  applyClockEvent,
  computeDue,
  policyFor,
  scopeOf,
  clockState,
  type ClockEnv,
  type ClockEvent,
  type ClockName,
  type ClockRec,
  type Kind,
  type Overrides,
  type Severity,
  type Status,
} from '../../domain/clocks.js';
import { formatIso } from '../../domain/time.js';
import type { Ctx } from '../context.js';
import type { DB } from '../../store/db.js';
import { inSlices, stmt } from '../../store/common.js';

export { stmt };
import type { Statement } from 'better-sqlite3';


export interface ComplaintRow {
  id: string;
  kind: Kind;
  status: Status;
  /** stored; 'explained' with valid = 1 reads as `unresolvable` (see outcomeOf) */
  outcome: 'resolved' | 'explained' | null;
  severity: Severity;
  category: string;
  channel: string;
  unit: string | null;
  address: string | null;
  name: string;
  phone: string;
  subject: string;
  description: string | null;
  written: number;
  same_as: string | null;
  first_contact: string | null;
  dept: string | null;
  handler: string | null;
  valid: number | null;
  satisfaction: string | null;
  cause: string | null;
  received_at: number;
  heard_at: number | null;
  dispatched_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  reopen_count: number;
  /** schema 5: the time agreed with the complainant at dispatch */
  appointment_at?: number | null;
  /** schema 5: a matter for the developer ([003] §6) */
  developer?: number;
  created_at: number;
  updated_at: number;
}

export interface ClockRow extends ClockRec {
  complaint_id: string;
}

export interface EventRow {
  id: number;
  complaint_id: string;
  type: string;
  at: number;
  by: string | null;
  actor: string | null;
  note: string | null;
  data: string | null;
  recorded_at: number;
}

export function loadOverrides(ctx: Ctx): Overrides {
  const rows = stmt(ctx.db, 'SELECT clock, scope, duration FROM sla_policy').all() as { clock: string; scope: string; duration: string }[];
  return new Map(rows.map((r) => [`${r.clock}|${r.scope}`, r.duration]));
}

export function getComplaint(ctx: Ctx, id: string): ComplaintRow {
  const r = stmt(ctx.db, 'SELECT * FROM complaints WHERE id = ?').get(id.trim().toUpperCase()) as ComplaintRow | undefined;
  if (!r) throw new NotFound('err.complaint_not_found', { id }, 'fix.complaint_list');
  return r;
}

const CLOCK_ORDER = new Map<string, number>(CLOCKS.map((c, i) => [c, i]));
const byClockOrder = (a: ClockRow, b: ClockRow) => (CLOCK_ORDER.get(a.clock) ?? 99) - (CLOCK_ORDER.get(b.clock) ?? 99);

export function clocksOf(ctx: Ctx, id: string): ClockRow[] {
  return (stmt(ctx.db, 'SELECT * FROM complaint_clocks WHERE complaint_id = ?').all(id) as ClockRow[]).sort(byClockOrder);
}

/** The records and clocks of several complaints at once (two statements, not two per complaint). */
export function complaintsWithClocks(ctx: Ctx, ids: string[]): Map<string, { row: ComplaintRow; clocks: ClockRow[] }> {
  const out = new Map<string, { row: ComplaintRow; clocks: ClockRow[] }>();
  inSlices(ids, (part, marks) => {
    for (const row of ctx.db.prepare(`SELECT * FROM complaints WHERE id IN (${marks})`).all(...part) as ComplaintRow[]) out.set(row.id, { row, clocks: [] });
    for (const k of ctx.db.prepare(`SELECT * FROM complaint_clocks WHERE complaint_id IN (${marks})`).all(...part) as ClockRow[])
      out.get(k.complaint_id)?.clocks.push(k);
  });
  for (const v of out.values()) v.clocks.sort(byClockOrder);
  return out;
}

export function clockMap(ctx: Ctx, id: string): Map<ClockName, ClockRow> {
  return new Map(clocksOf(ctx, id).map((c) => [c.clock, c]));
}

export function eventsOf(ctx: Ctx, id: string): EventRow[] {
  return stmt(ctx.db, 'SELECT * FROM complaint_events WHERE complaint_id = ? ORDER BY at, id').all(id) as EventRow[];
}

export function lastEventAt(ctx: Ctx, id: string): number | null {
  return (stmt(ctx.db, 'SELECT MAX(at) m FROM complaint_events WHERE complaint_id = ?').get(id) as { m: number | null }).m;
}

export function addEvent(
  ctx: Ctx,
  id: string,
  type: string,
  at: number,
  e: { by?: string | null; note?: string | null; data?: unknown } = {},
): void {
  stmt(ctx.db, 'INSERT INTO complaint_events(complaint_id, type, at, by, actor, note, data, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, type, at, e.by ?? ctx.actor?.code ?? null, ctx.actor?.code ?? null, e.note ?? null, e.data === undefined ? null : JSON.stringify(e.data), ctx.clock.now());
}

export function updateComplaint(ctx: Ctx, id: string, patch: Partial<ComplaintRow>): void {
  const keys = Object.keys(patch);
  if (!keys.length) return;
  stmt(ctx.db, `UPDATE complaints SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @__now WHERE id = @__id`)
    .run({ ...patch, __now: ctx.clock.now(), __id: id });
}

export function writeClock(ctx: Ctx, c: ClockRow): void {
  stmt(ctx.db, 
      `INSERT INTO complaint_clocks(complaint_id, clock, started_at, due_at, done_at, skipped, policy) VALUES (@complaint_id, @clock, @started_at, @due_at, @done_at, @skipped, @policy)
       ON CONFLICT(complaint_id, clock) DO UPDATE SET started_at = excluded.started_at, due_at = excluded.due_at, done_at = excluded.done_at, skipped = excluded.skipped, policy = excluded.policy`,
    )
    .run(c);
}

/** The engine's environment for a record: the policy in force now, due times on the site calendar. */
export function clockEnv(ctx: Ctx, r: Pick<ComplaintRow, 'kind' | 'severity'>): ClockEnv {
  const ov = loadOverrides(ctx);
  return {
    scope: scopeOf(r.kind, r.severity),
    policy: (clock, scope) => policyFor(clock, scope, ov),
    due: (start, policy) => computeDue(start, policy, ctx.calendar(), ctx.tz),
  };
}

/** Apply one event to a record's clocks and store the rows that changed. */
export function clockEvent(ctx: Ctx, r: Pick<ComplaintRow, 'id' | 'kind' | 'severity'>, e: ClockEvent): void {
  const before = new Map(clocksOf(ctx, r.id).map((c) => [c.clock, c as ClockRec]));
  const after = applyClockEvent(before, e, clockEnv(ctx, r));
  for (const [k, c] of after) {
    const b = before.get(k);
    if (b && b.started_at === c.started_at && b.due_at === c.due_at && b.done_at === c.done_at && b.skipped === c.skipped && b.policy === c.policy) continue;
    writeClock(ctx, { complaint_id: r.id, clock: k, started_at: c.started_at, due_at: c.due_at, done_at: c.done_at, skipped: c.skipped, policy: c.policy });
  }
}

// ---- JSON -----------------------------------------------------------------

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
    from_request: (r as { from_request?: string | null }).from_request ?? null,
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
