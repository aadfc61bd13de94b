// Every statement of the service-request module (SPEC §11): the requests,
// their events and clocks, the lists, the overdue scan, what a handover
// carries, and the report's counts. Statements are compiled once per
// connection.
import type { Statement } from 'better-sqlite3';
import { MultiInsert } from './batch.js';
import type { DB } from './db.js';
import { inSlices, stmt, type EventRowBase } from './common.js';
import type { RequestClock, RequestClockRec, RequestKind, RequestStatus, Urgency } from '../domain/request.js';

export interface RequestRow {
  id: string;
  kind: RequestKind;
  urgency: Urgency | null;
  status: RequestStatus;
  unit: string | null;
  address: string | null;
  name: string;
  phone: string;
  subject: string;
  description: string | null;
  channel: string;
  paid: number;
  source: string | null;
  received_at: number;
  assignee: string | null;
  assigned_at: number | null;
  appointment_at: number | null;
  arrived_at: number | null;
  done_at: number | null;
  done_note: string | null;
  charge_yuan: string | null;
  answered_at: number | null;
  closed_at: number | null;
  cancelled_at: number | null;
  satisfaction: string | null;
  rework_count: number;
  complaint_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface RequestClockRow extends RequestClockRec {
  request_id: string;
}

export interface RequestEventRow extends EventRowBase {
  request_id: string;
}

export function hasRequestTables(db: DB): boolean {
  return !!stmt(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'requests'").get();
}

// ---- records ------------------------------------------------------------------

export function insertRequest(
  db: DB,
  r: Omit<
    RequestRow,
    | 'status'
    | 'rework_count'
    | 'complaint_id'
    | 'assigned_at'
    | 'arrived_at'
    | 'done_at'
    | 'done_note'
    | 'charge_yuan'
    | 'answered_at'
    | 'closed_at'
    | 'cancelled_at'
    | 'satisfaction'
    | 'assignee'
  >,
): void {
  stmt(
    db,
    `INSERT INTO requests(id, kind, urgency, status, unit, address, name, phone, subject, description, channel, paid, source, received_at, appointment_at, created_at, updated_at)
     VALUES (@id, @kind, @urgency, 'received', @unit, @address, @name, @phone, @subject, @description, @channel, @paid, @source, @received_at, @appointment_at, @created_at, @updated_at)`,
  ).run(r);
}

export function findRequest(db: DB, id: string): RequestRow | undefined {
  return stmt(db, 'SELECT * FROM requests WHERE id = ?').get(id) as RequestRow | undefined;
}

export function updateRequest(db: DB, id: string, patch: Partial<RequestRow>, now: number): void {
  const keys = Object.keys(patch);
  if (!keys.length) return;
  stmt(db, `UPDATE requests SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @__now WHERE id = @__id`).run({ ...patch, __now: now, __id: id });
}

export function addRequestEvent(db: DB, e: Omit<RequestEventRow, 'id'>): void {
  stmt(
    db,
    'INSERT INTO request_events(request_id, type, at, by, actor, note, data, recorded_at) VALUES (@request_id, @type, @at, @by, @actor, @note, @data, @recorded_at)',
  ).run(e);
}

export function requestEvents(db: DB, id: string): RequestEventRow[] {
  return stmt(db, 'SELECT * FROM request_events WHERE request_id = ? ORDER BY at, id').all(id) as RequestEventRow[];
}

export function lastRequestEventAt(db: DB, id: string): number | null {
  return (stmt(db, 'SELECT MAX(at) m FROM request_events WHERE request_id = ?').get(id) as { m: number | null }).m;
}

export function requestClocks(db: DB, id: string): RequestClockRow[] {
  return stmt(db, 'SELECT * FROM request_clocks WHERE request_id = ?').all(id) as RequestClockRow[];
}

export function writeRequestClock(db: DB, c: RequestClockRow): void {
  stmt(
    db,
    `INSERT INTO request_clocks(request_id, clock, started_at, due_at, done_at, skipped, policy, not_before)
     VALUES (@request_id, @clock, @started_at, @due_at, @done_at, @skipped, @policy, @not_before)
     ON CONFLICT(request_id, clock) DO UPDATE SET started_at = excluded.started_at, due_at = excluded.due_at, done_at = excluded.done_at,
       skipped = excluded.skipped, policy = excluded.policy, not_before = excluded.not_before`,
  ).run({ ...c, not_before: c.not_before ?? null });
}

/** Records and clocks of several requests (two statements per slice). */
export function requestsWithClocks(db: DB, ids: string[]): Map<string, { row: RequestRow; clocks: RequestClockRow[] }> {
  const out = new Map<string, { row: RequestRow; clocks: RequestClockRow[] }>();
  inSlices(ids, (part, marks) => {
    for (const row of db.prepare(`SELECT * FROM requests WHERE id IN (${marks})`).all(...part) as RequestRow[]) out.set(row.id, { row, clocks: [] });
    for (const k of db.prepare(`SELECT * FROM request_clocks WHERE request_id IN (${marks})`).all(...part) as RequestClockRow[])
      out.get(k.request_id)?.clocks.push(k);
  });
  return out;
}

export function upsertSlaPolicy(db: DB, clock: string, scope: string, duration: string, at: number, by: string | null): void {
  stmt(
    db,
    'INSERT INTO sla_policy(clock, scope, duration, set_at, set_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT(clock, scope) DO UPDATE SET duration = excluded.duration, set_at = excluded.set_at, set_by = excluded.set_by',
  ).run(clock, scope, duration, at, by);
}

export function linkComplaint(db: DB, complaintId: string, requestId: string): void {
  stmt(db, 'UPDATE complaints SET from_request = ? WHERE id = ?').run(requestId, complaintId);
}

// ---- lists ----------------------------------------------------------------------

export interface ListFilter {
  /** status codes to keep (empty: all) */
  statuses: RequestStatus[];
  /** only requests with a clock past due at `now` */
  overdueAt?: number;
  kind?: RequestKind;
  unit?: string;
  assignee?: string;
  since?: number;
  until?: number;
  limit: number;
}

/** The ids of the requests a list shows, newest first (through requests_received or requests_open). */
export function listRequestIds(db: DB, f: ListFilter): string[] {
  const where: string[] = [];
  const p: Record<string, unknown> = {};
  // The open ones through the partial index requests_open (its WHERE, word for word).
  const OPEN = ['received', 'assigned', 'arrived', 'done'];
  if (f.statuses.length === OPEN.length && OPEN.every((s) => f.statuses.includes(s as RequestStatus))) where.push(`status NOT IN ('closed','cancelled')`);
  else if (f.statuses.length) where.push(`status IN (${f.statuses.map((s) => `'${s}'`).join(',')})`);
  if (f.kind) (where.push('kind = @kind'), (p.kind = f.kind));
  if (f.unit) (where.push('unit = @unit'), (p.unit = f.unit));
  if (f.assignee) (where.push('assignee = @assignee'), (p.assignee = f.assignee));
  if (f.since != null) (where.push('received_at >= @since'), (p.since = f.since));
  if (f.until != null) (where.push('received_at < @until'), (p.until = f.until));
  if (f.overdueAt != null) {
    where.push(
      `id IN (SELECT request_id FROM request_clocks INDEXED BY request_clocks_open_due WHERE done_at IS NULL AND skipped = 0 AND due_at IS NOT NULL AND due_at < @now)`,
    );
    p.now = f.overdueAt;
  }
  const lim = f.limit > 0 ? ` LIMIT ${Math.floor(f.limit)}` : '';
  const sql = `SELECT id FROM requests${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY received_at DESC, id DESC${lim}`;
  return (db.prepare(sql).raw().all(p) as [string][]).map((r) => r[0]);
}

/** The earliest running clock of each request: what a list shows next to it. */
export function nextClocks(db: DB, ids: string[]): Map<string, { clock: RequestClock; due_at: number; started_at: number }> {
  const out = new Map<string, { clock: RequestClock; due_at: number; started_at: number }>();
  inSlices(ids, (part, marks) => {
    const rows = db
      .prepare(
        `SELECT request_id, clock, due_at, started_at FROM request_clocks WHERE request_id IN (${marks}) AND done_at IS NULL AND skipped = 0 AND due_at IS NOT NULL ORDER BY due_at`,
      )
      .all(...part) as { request_id: string; clock: RequestClock; due_at: number; started_at: number }[];
    for (const r of rows) if (!out.has(r.request_id)) out.set(r.request_id, r);
  });
  return out;
}

export function rowsByIds(db: DB, ids: string[]): RequestRow[] {
  const m = new Map<string, RequestRow>();
  inSlices(ids, (part, marks) => {
    for (const r of db.prepare(`SELECT * FROM requests WHERE id IN (${marks})`).all(...part) as RequestRow[]) m.set(r.id, r);
  });
  return ids.map((id) => m.get(id)!).filter(Boolean);
}

/** A unit's requests, newest first (客户请修记录). */
export function unitRequests(db: DB, unit: string): RequestRow[] {
  return stmt(db, 'SELECT * FROM requests WHERE unit = ? ORDER BY received_at DESC, id DESC').all(unit) as RequestRow[];
}

// ---- overdue and handover -----------------------------------------------------------

/** Open request clocks due before `until`: a range scan of request_clocks_open_due alone. */
export function openClocksDueBefore(db: DB, until: number): [string, string, number][] {
  return stmt(
    db,
    `SELECT request_id, clock, due_at FROM request_clocks INDEXED BY request_clocks_open_due
      WHERE done_at IS NULL AND skipped = 0 AND due_at IS NOT NULL AND due_at < ? ORDER BY due_at, request_id`,
  )
    .raw()
    .all(until) as [string, string, number][];
}

/** "unit subject" and urgency of each request, for the overdue items shown. */
export function requestBriefs(db: DB, ids: string[]): { id: string; place: string | null; subject: string; kind: string; urgency: string | null }[] {
  const out: { id: string; place: string | null; subject: string; kind: string; urgency: string | null }[] = [];
  inSlices([...new Set(ids)], (part, marks) => {
    out.push(
      ...(db.prepare(`SELECT id, COALESCE(unit, address) place, subject, kind, urgency FROM requests WHERE id IN (${marks})`).all(...part) as typeof out),
    );
  });
  return out;
}

/** Open requests received by `now`, with their earliest running clock (for a handover). */
export function openRequestsForCarry(
  db: DB,
  now: number,
): { id: string; place: string | null; subject: string; status: string; kind: string; urgency: string | null; due_at: number | null }[] {
  return stmt(
    db,
    `SELECT r.id, COALESCE(r.unit, r.address) place, r.subject, r.status, r.kind, r.urgency,
            (SELECT MIN(k.due_at) FROM request_clocks k WHERE k.request_id = r.id AND k.done_at IS NULL AND k.skipped = 0) due_at
       FROM requests r WHERE r.status NOT IN ('closed','cancelled') AND r.received_at <= ? ORDER BY r.received_at, r.id`,
  ).all(now) as never;
}

// ---- reports ----------------------------------------------------------------------------

export interface RequestWindow {
  since: number;
  until: number;
  /** min(now, until) */
  asof: number;
}

/** State at the report's end of clocks due in the period (as clockStateAtEnd; not_before for windows). */
const STATE_AT_END = `CASE
  WHEN k.done_at IS NOT NULL AND k.done_at < @until THEN
    CASE WHEN k.done_at <= k.due_at AND (k.not_before IS NULL OR k.done_at >= k.not_before) THEN 'met' ELSE 'breached' END
  WHEN k.due_at < @asof THEN 'overdue' ELSE 'pending' END`;

export interface ClockTally {
  clock: string;
  kind: string;
  urgency: string | null;
  assignee: string | null;
  state: 'met' | 'breached' | 'overdue' | 'pending';
  n: number;
}

/** Request clocks due in the period, by clock, kind, urgency, assignee and state at the end. */
export function clockTallies(db: DB, w: RequestWindow): ClockTally[] {
  return stmt(
    db,
    `SELECT k.clock, r.kind, r.urgency, r.assignee, ${STATE_AT_END} state, COUNT(*) n
       FROM request_clocks k INDEXED BY request_clocks_by_due JOIN requests r ON r.id = k.request_id
      WHERE k.clock IN ('assign','arrive','done','answer','return_visit') AND k.due_at >= @since AND k.due_at < @until AND k.skipped = 0
      GROUP BY 1, 2, 3, 4, 5`,
  ).all(w) as ClockTally[];
}

/** Arrivals in the period against an appointment: all, and within the window. */
export function arrivalCounts(db: DB, w: RequestWindow): { n: number; within: number } {
  const r = stmt(
    db,
    `SELECT COUNT(*) n, COALESCE(SUM(k.done_at >= k.not_before AND k.done_at <= k.due_at), 0) within
       FROM request_clocks k INDEXED BY request_clocks_appointment_done WHERE k.clock = 'arrive' AND k.policy = 'appointment' AND k.skipped = 0
        AND k.done_at >= @since AND k.done_at < @until AND k.not_before IS NOT NULL`,
  ).get(w) as { n: number; within: number };
  return r;
}

/** Repairs done in the period, and those of them reworked afterwards (by the report's end). */
export function reworkCounts(db: DB, w: RequestWindow): { done: number; reworked: number } {
  return stmt(
    db,
    `SELECT COUNT(DISTINCT e.request_id) done,
            COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM request_events x WHERE x.request_id = e.request_id AND x.type = 'reworked' AND x.at > e.at AND x.at < @until)
                                THEN e.request_id END) reworked
       FROM request_events e INDEXED BY request_events_type JOIN requests r ON r.id = e.request_id
      WHERE e.type = 'done' AND e.at >= @since AND e.at < @until AND r.kind = 'repair'`,
  ).get(w) as { done: number; reworked: number };
}

/** Return visits in the period: rated, and satisfied or basic. */
export function visitCounts(db: DB, w: RequestWindow): { rated: number; satisfied: number } {
  return stmt(
    db,
    `SELECT COUNT(*) rated, COALESCE(SUM(json_extract(data, '$.result') IN ('satisfied','basic')), 0) satisfied
       FROM request_events INDEXED BY request_events_type WHERE type = 'visited' AND at >= @since AND at < @until`,
  ).get(w) as { rated: number; satisfied: number };
}

export interface VolumeRow {
  kind: string;
  urgency: string | null;
  assignee: string | null;
  status: string;
  reworked: number;
  n: number;
}

/** Requests received in the period, by kind, urgency, assignee and status. */
export function volumes(db: DB, w: RequestWindow): VolumeRow[] {
  return stmt(
    db,
    `SELECT kind, urgency, assignee, status, rework_count > 0 reworked, COUNT(*) n FROM requests
      WHERE received_at >= @since AND received_at < @until GROUP BY 1, 2, 3, 4, 5`,
  ).all(w) as VolumeRow[];
}

export function staffNames(db: DB, codes: string[]): Map<string, string> {
  const m = new Map<string, string>();
  inSlices(codes, (part, marks) => {
    for (const r of db.prepare(`SELECT code, name FROM staff WHERE code IN (${marks})`).all(...part) as { code: string; name: string }[]) m.set(r.code, r.name);
  });
  return m;
}

/** Requests received in [since, until) (a complaint report must never count these). */
export function countReceived(db: DB, since: number, until: number): number {
  return (stmt(db, 'SELECT COUNT(*) n FROM requests WHERE received_at >= ? AND received_at < ?').get(since, until) as { n: number }).n;
}

// ---- bulk load (pmctl demo at scale) -------------------------------------------------

const REQUEST_COLS = [
  'id',
  'kind',
  'urgency',
  'status',
  'unit',
  'name',
  'phone',
  'subject',
  'channel',
  'received_at',
  'assignee',
  'assigned_at',
  'appointment_at',
  'arrived_at',
  'done_at',
  'answered_at',
  'closed_at',
  'satisfaction',
  'rework_count',
  'created_at',
  'updated_at',
];
const EVENT_COLS = ['request_id', 'type', 'at', 'by', 'actor', 'data', 'recorded_at'];
const CLOCK_COLS = ['request_id', 'clock', 'started_at', 'due_at', 'done_at', 'skipped', 'policy', 'not_before'];

export interface BulkRequests {
  request(v: unknown[]): void;
  event(v: unknown[]): void;
  clock(v: unknown[]): void;
  counts(): { requests: number; events: number; clocks: number };
  /** write what is buffered, set id_seq for every day used, rebuild the indexes */
  finish(lastPerDay: Map<string, number>): void;
}

/**
 * Rows written many to a statement with the request tables' secondary
 * indexes dropped meanwhile (rebuilt at the end, sorted). The caller holds
 * the transaction. Column order: REQUEST_COLS, EVENT_COLS, CLOCK_COLS above.
 */
export function bulkRequests(db: DB): BulkRequests {
  const idx = db
    .prepare(`SELECT sql, name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('requests','request_events','request_clocks')`)
    .all() as { sql: string; name: string }[];
  for (const i of idx) db.exec(`DROP INDEX "${i.name}"`);
  const r = new MultiInsert(db, 'requests', REQUEST_COLS, 32);
  const e = new MultiInsert(db, 'request_events', EVENT_COLS, 128);
  const k = new MultiInsert(db, 'request_clocks', CLOCK_COLS, 128);
  return {
    request: (v) => r.push(...v),
    event: (v) => e.push(...v),
    clock: (v) => k.push(...v),
    counts: () => ({ requests: r.count, events: e.count, clocks: k.count }),
    finish(lastPerDay) {
      r.flush();
      e.flush();
      k.flush();
      const seq = db.prepare('INSERT INTO id_seq(scope, last) VALUES (?, ?) ON CONFLICT(scope) DO UPDATE SET last = MAX(last, excluded.last)');
      for (const [scope, last] of lastPerDay) seq.run(scope, last);
      for (const i of idx) db.exec(i.sql);
    },
  };
}

/** The occupant of a unit as the roster has it (the tenant when let): the name and phone a prompt offers. */
export function unitOccupant(db: DB, label: string): { name: string | null; phone: string | null } | undefined {
  const u = stmt(db, 'SELECT occupancy, owner_name, owner_phone, tenant_name, tenant_phone FROM units WHERE label = ?').get(label) as
    { occupancy: string; owner_name: string | null; owner_phone: string | null; tenant_name: string | null; tenant_phone: string | null } | undefined;
  if (!u) return undefined;
  const t = u.occupancy === 'tenant';
  return { name: (t ? u.tenant_name : u.owner_name) ?? u.owner_name, phone: (t ? u.tenant_phone : u.owner_phone) ?? u.owner_phone };
}

/** Occupied units with a phone: who may call the line (the demo's requests), in roster order. */
export function callingUnits(
  db: DB,
): { label: string; occupancy: string; owner_name: string | null; owner_phone: string | null; tenant_name: string | null; tenant_phone: string | null }[] {
  return db
    .prepare(
      "SELECT label, occupancy, owner_name, owner_phone, tenant_name, tenant_phone FROM units WHERE occupancy <> 'vacant' AND owner_phone IS NOT NULL ORDER BY sort_key",
    )
    .all() as never;
}

/** The last request number of each day already taken (id_seq scopes R20261206 …). */
export function requestIdSeq(db: DB): Map<string, number> {
  const rows = db.prepare("SELECT scope, last FROM id_seq WHERE scope GLOB 'R[0-9]*'").all() as { scope: string; last: number }[];
  return new Map(rows.map((r) => [r.scope, r.last]));
}
