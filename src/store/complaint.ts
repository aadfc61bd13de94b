// Every statement of the complaint procedure (SPEC §3): the records, their
// events and clocks, the site's policy overrides, the lists and the overdue
// scan, what a handover carries, and the clocks a calendar change moves.
// Fixed statements are compiled once per connection (stmt); those whose text
// depends on a filter or a list of ids are prepared per call, as before.
import { CLOCKS, type ClockRec, type Kind, type Severity, type Status } from '../domain/clocks.js';
import type { DB } from './db.js';
import { inSlices, stmt, type EventRowBase } from './common.js';

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
  /** schema 6: raised from a service request (complaint new --from-request) */
  from_request?: string | null;
  created_at: number;
  updated_at: number;
}

export interface ClockRow extends ClockRec {
  complaint_id: string;
}

export interface EventRow extends EventRowBase {
  complaint_id: string;
}

// ---- records, events, clocks ---------------------------------------------------

/** The site's overrides of the default policy (`sla set`), shared by complaint and request clocks. */
export function slaOverrideRows(db: DB): { clock: string; scope: string; duration: string }[] {
  return stmt(db, 'SELECT clock, scope, duration FROM sla_policy').all() as { clock: string; scope: string; duration: string }[];
}

export function findComplaint(db: DB, id: string): ComplaintRow | undefined {
  return stmt(db, 'SELECT * FROM complaints WHERE id = ?').get(id) as ComplaintRow | undefined;
}

export function insertComplaint(
  db: DB,
  r: Pick<
    ComplaintRow,
    | 'id'
    | 'kind'
    | 'severity'
    | 'category'
    | 'channel'
    | 'unit'
    | 'address'
    | 'name'
    | 'phone'
    | 'subject'
    | 'description'
    | 'written'
    | 'same_as'
    | 'first_contact'
    | 'received_at'
    | 'heard_at'
    | 'created_at'
    | 'updated_at'
  >,
): void {
  stmt(
    db,
    `INSERT INTO complaints(id, kind, status, severity, category, channel, unit, address, name, phone, subject, description, written, same_as,
           first_contact, received_at, heard_at, created_at, updated_at)
         VALUES (?, ?, 'received', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.kind,
    r.severity,
    r.category,
    r.channel,
    r.unit,
    r.address,
    r.name,
    r.phone,
    r.subject,
    r.description,
    r.written,
    r.same_as,
    r.first_contact,
    r.received_at,
    r.heard_at,
    r.created_at,
    r.updated_at,
  );
}

export function updateComplaintRow(db: DB, id: string, patch: Partial<ComplaintRow>, now: number): void {
  const keys = Object.keys(patch);
  if (!keys.length) return;
  stmt(db, `UPDATE complaints SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @__now WHERE id = @__id`).run({ ...patch, __now: now, __id: id });
}

/** Every complaint of an issue (the root and those registered `--same-as` it), suggestions left out. */
export function complaintGroup(db: DB, root: string): ComplaintRow[] {
  return stmt(db, "SELECT * FROM complaints WHERE (id = ? OR same_as = ?) AND kind = 'complaint'").all(root, root) as ComplaintRow[];
}

export function complaintEvents(db: DB, id: string): EventRow[] {
  return stmt(db, 'SELECT * FROM complaint_events WHERE complaint_id = ? ORDER BY at, id').all(id) as EventRow[];
}

export function lastComplaintEventAt(db: DB, id: string): number | null {
  return (stmt(db, 'SELECT MAX(at) m FROM complaint_events WHERE complaint_id = ?').get(id) as { m: number | null }).m;
}

export function addComplaintEvent(db: DB, e: Omit<EventRow, 'id'>): void {
  stmt(db, 'INSERT INTO complaint_events(complaint_id, type, at, by, actor, note, data, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    e.complaint_id,
    e.type,
    e.at,
    e.by,
    e.actor,
    e.note,
    e.data,
    e.recorded_at,
  );
}

const CLOCK_ORDER = new Map<string, number>(CLOCKS.map((c, i) => [c, i]));
const byClockOrder = (a: ClockRow, b: ClockRow) => (CLOCK_ORDER.get(a.clock) ?? 99) - (CLOCK_ORDER.get(b.clock) ?? 99);

/** A complaint's clocks in the order of CLOCKS. */
export function complaintClocks(db: DB, id: string): ClockRow[] {
  return (stmt(db, 'SELECT * FROM complaint_clocks WHERE complaint_id = ?').all(id) as ClockRow[]).sort(byClockOrder);
}

export function writeComplaintClock(db: DB, c: ClockRow): void {
  stmt(
    db,
    `INSERT INTO complaint_clocks(complaint_id, clock, started_at, due_at, done_at, skipped, policy) VALUES (@complaint_id, @clock, @started_at, @due_at, @done_at, @skipped, @policy)
       ON CONFLICT(complaint_id, clock) DO UPDATE SET started_at = excluded.started_at, due_at = excluded.due_at, done_at = excluded.done_at, skipped = excluded.skipped, policy = excluded.policy`,
  ).run(c);
}

/** The records and clocks of several complaints at once (two statements per slice, not two per complaint). */
export function complaintsWithClocks(db: DB, ids: string[]): Map<string, { row: ComplaintRow; clocks: ClockRow[] }> {
  const out = new Map<string, { row: ComplaintRow; clocks: ClockRow[] }>();
  inSlices(ids, (part, marks) => {
    for (const row of db.prepare(`SELECT * FROM complaints WHERE id IN (${marks})`).all(...part) as ComplaintRow[]) out.set(row.id, { row, clocks: [] });
    for (const k of db.prepare(`SELECT * FROM complaint_clocks WHERE complaint_id IN (${marks})`).all(...part) as ClockRow[])
      out.get(k.complaint_id)?.clocks.push(k);
  });
  for (const v of out.values()) v.clocks.sort(byClockOrder);
  return out;
}

// ---- escalations and severity ---------------------------------------------------

/** Roles of everyone a complaint was escalated to at the centre tier (old events: the staff row's role). */
export function escalatedRoles(db: DB, id: string): string[] {
  const rows = db
    .prepare(
      `SELECT COALESCE(json_extract(e.data, '$.role'), s.role) AS role FROM complaint_events e
         LEFT JOIN staff s ON s.code = json_extract(e.data, '$.to')
        WHERE e.complaint_id = ? AND e.type = 'escalated' AND COALESCE(json_extract(e.data, '$.tier'), 'centre') <> 'board'`,
    )
    .all(id) as { role: string | null }[];
  return rows.map((r) => r.role).filter((r): r is string => !!r);
}

/** Whether a complaint was ever taken to the board (`escalate --tier board`). */
export function boardEscalated(db: DB, id: string): boolean {
  return !!db.prepare(`SELECT 1 FROM complaint_events WHERE complaint_id = ? AND type = 'escalated' AND json_extract(data, '$.tier') = 'board'`).get(id);
}

/** The moments a record's severity changed, with why (collective, or a supervisor's reason). */
export function severityChanges(db: DB, id: string): { at: number; data: string | null }[] {
  return db.prepare(`SELECT at, data FROM complaint_events WHERE complaint_id = ? AND type = 'upgraded' ORDER BY at, id`).all(id) as {
    at: number;
    data: string | null;
  }[];
}

// ---- places ---------------------------------------------------------------------

/** Whether `label` is a unit of the roster (a complaint's place is a unit or a public place). */
export function isUnitLabel(db: DB, label: string): boolean {
  return !!stmt(db, 'SELECT 1 FROM units WHERE label = ?').get(label);
}

/** Who lives in a unit, as the roster has it. */
export interface UnitOccupants {
  label: string;
  occupancy: 'owner' | 'tenant' | 'vacant';
  owner_name: string | null;
  owner_phone: string | null;
  tenant_name: string | null;
  tenant_phone: string | null;
}

/** A unit's occupants (`complaint new` offers the name and phone of whoever lives there); undefined: no such unit. */
export function unitOccupants(db: DB, label: string): Omit<UnitOccupants, 'label'> | undefined {
  return db.prepare('SELECT occupancy, owner_name, owner_phone, tenant_name, tenant_phone FROM units WHERE label = ?').get(label) as
    Omit<UnitOccupants, 'label'> | undefined;
}

/** Occupied units with an owner's phone, in roster order: where the demo's complainants live. */
export function occupiedUnitsWithPhone(db: DB): UnitOccupants[] {
  return db
    .prepare(
      "SELECT label, occupancy, owner_name, owner_phone, tenant_name, tenant_phone FROM units WHERE occupancy <> 'vacant' AND owner_phone IS NOT NULL ORDER BY sort_key",
    )
    .all() as UnitOccupants[];
}

// ---- lists ----------------------------------------------------------------------

const OPEN_CLOCKS = 'k.done_at IS NULL AND k.skipped = 0 AND k.due_at IS NOT NULL';

/** A list's status word. */
export type ListStatus = 'open' | 'overdue' | 'closed' | 'all';

/** A list's filter: `extra` is its `AND …` over the complaints `c`, `args` its parameters. */
export interface ComplaintFilter {
  extra: string;
  args: Record<string, string | number>;
}

/** The filter of `complaint list --unit/--category/--since/--until` (a value left undefined does not filter). */
export function complaintFilter(v: { unit?: string; category?: string; since?: number; until?: number }): ComplaintFilter {
  const where: string[] = [];
  const args: Record<string, string | number> = {};
  if (v.unit !== undefined) {
    where.push('(c.unit = @unit OR c.address = @unit)');
    args.unit = v.unit;
  }
  if (v.category !== undefined) {
    where.push('c.category = @category');
    args.category = v.category;
  }
  if (v.since !== undefined) {
    where.push('c.received_at >= @since');
    args.since = v.since;
  }
  if (v.until !== undefined) {
    where.push('c.received_at < @until');
    args.until = v.until;
  }
  return { extra: where.length ? ' AND ' + where.join(' AND ') : '', args };
}

/** How many complaints `complaint list --status S` with this filter holds. */
export function countMatching(db: DB, status: ListStatus, { extra, args }: ComplaintFilter, now: number): number {
  const sql =
    status === 'overdue'
      ? `SELECT COUNT(DISTINCT k.complaint_id) n FROM complaint_clocks k INDEXED BY clocks_open_due JOIN complaints c ON c.id = k.complaint_id WHERE ${OPEN_CLOCKS} AND k.due_at < @now ${extra}`
      : status === 'open'
        ? `SELECT COUNT(*) n FROM complaints c INDEXED BY complaints_open WHERE c.status <> 'closed' ${extra}`
        : status === 'closed'
          ? `SELECT COUNT(*) n FROM complaints c WHERE c.status = 'closed' ${extra}`
          : `SELECT COUNT(*) n FROM complaints c WHERE 1 ${extra}`;
  return (db.prepare(sql).get(status === 'overdue' ? { ...args, now } : args) as { n: number }).n;
}

/**
 * Running clocks of the complaints matching the filter, in due order (the
 * partial index clocks_open_due), past due at `overdueAt` only when given. An
 * iterator: the caller stops once it has a screen.
 */
export function runningClocksByDue(db: DB, { extra, args }: ComplaintFilter, overdueAt?: number): IterableIterator<{ id: string; due: number; clock: string }> {
  const sql = `SELECT k.complaint_id id, k.due_at due, k.clock clock FROM complaint_clocks k INDEXED BY clocks_open_due
      JOIN complaints c ON c.id = k.complaint_id
      WHERE ${OPEN_CLOCKS} ${overdueAt !== undefined ? 'AND k.due_at < @now' : ''} ${extra} ORDER BY k.due_at`;
  return db.prepare(sql).iterate({ ...args, ...(overdueAt !== undefined ? { now: overdueAt } : {}) }) as IterableIterator<{
    id: string;
    due: number;
    clock: string;
  }>;
}

/** Open complaints matching the filter with no running clock (waiting to be closed), newest first. */
export function openWithoutRunningClock(db: DB, { extra, args }: ComplaintFilter, limit: number): { id: string }[] {
  return db
    .prepare(
      `SELECT c.id FROM complaints c INDEXED BY complaints_open WHERE c.status <> 'closed' ${extra}
           AND NOT EXISTS (SELECT 1 FROM complaint_clocks k WHERE k.complaint_id = c.id AND ${OPEN_CLOCKS})
           ORDER BY c.received_at DESC LIMIT @lim`,
    )
    .all({ ...args, lim: limit }) as { id: string }[];
}

/** Closed complaints matching the filter, newest first. */
export function closedMatching(db: DB, { extra, args }: ComplaintFilter, limit: number): { id: string }[] {
  return db.prepare(`SELECT c.id FROM complaints c WHERE c.status = 'closed' ${extra} ORDER BY c.received_at DESC LIMIT @lim`).all({ ...args, lim: limit }) as {
    id: string;
  }[];
}

// ---- overdue --------------------------------------------------------------------

/**
 * Running clocks due before `before`, as [complaint id, clock, due_at,
 * severity]: a range scan of the partial index clocks_open_due alone.
 */
export function runningClocksDueBefore(db: DB, before: number): [string, string, number, Severity][] {
  return db
    .prepare(
      `SELECT k.complaint_id id, k.clock, k.due_at,
          COALESCE((SELECT s.severity FROM complaints s INDEXED BY complaints_severe WHERE s.id = k.complaint_id AND s.severity <> 'general'), 'general') severity
        FROM complaint_clocks k INDEXED BY clocks_open_due
        WHERE k.done_at IS NULL AND k.skipped = 0 AND k.due_at IS NOT NULL AND k.due_at < ? ORDER BY k.due_at, k.complaint_id`,
    )
    .raw()
    .all(before) as [string, string, number, Severity][];
}

/** How many running clocks are due before `before` (the warning line's count: no join, no rows). */
export function countRunningClocksDueBefore(db: DB, before: number): number {
  return (
    db
      .prepare(
        'SELECT COUNT(*) AS n FROM complaint_clocks INDEXED BY clocks_open_due WHERE done_at IS NULL AND skipped = 0 AND due_at IS NOT NULL AND due_at < ?',
      )
      .get(before) as { n: number }
  ).n;
}

/** The unit (or place) and subject of each complaint, by id. */
export function complaintBriefs(db: DB, ids: string[]): { id: string; unit: string | null; subject: string }[] {
  const out: { id: string; unit: string | null; subject: string }[] = [];
  inSlices(ids, (part, marks) => {
    for (const r of db.prepare(`SELECT id, COALESCE(unit, address) unit, subject FROM complaints WHERE id IN (${marks})`).all(...part) as typeof out)
      out.push(r);
  });
  return out;
}

// ---- handover carry ------------------------------------------------------------

export interface CarryRow {
  id: string;
  unit: string | null;
  address: string | null;
  subject: string;
  status: string;
  kind: string;
  due_at: number | null;
}

// The earliest running clock is what the taker has to watch.
const NEXT_DUE = `(SELECT MIN(k.due_at) FROM complaint_clocks k WHERE k.complaint_id = c.id AND k.done_at IS NULL AND k.skipped = 0)`;

/** Complaints and suggestions not closed, registered by `now`, oldest first. */
export function openForCarry(db: DB, now: number): CarryRow[] {
  return db
    .prepare(
      `SELECT c.id, c.unit, c.address, c.subject, c.status, c.kind, ${NEXT_DUE} AS due_at
         FROM complaints c WHERE c.status <> 'closed' AND c.received_at <= ? ORDER BY c.received_at, c.id`,
    )
    .all(now) as CarryRow[];
}

/** Complaints and suggestions first heard (or else registered) in [since, until), registered by `now`. */
export function heardBetween(db: DB, since: number, until: number, now: number): CarryRow[] {
  return db
    .prepare(
      `SELECT c.id, c.unit, c.address, c.subject, c.status, c.kind, ${NEXT_DUE} AS due_at
         FROM complaints c
        WHERE c.received_at >= ? AND c.received_at <= ?
          AND COALESCE(c.heard_at, c.received_at) >= ? AND COALESCE(c.heard_at, c.received_at) < ?
        ORDER BY c.received_at, c.id`,
    )
    .all(since, now, since, until) as CarryRow[];
}

// ---- calendar changes -----------------------------------------------------------

/** Running clocks whose policy may count working days (policy ends in `wd`). */
export function runningWorkingDayClocks(db: DB): { complaint_id: string; clock: string; started_at: number; due_at: number; policy: string }[] {
  return db
    .prepare(
      `SELECT complaint_id, clock, started_at, due_at, policy FROM complaint_clocks INDEXED BY clocks_open_due
       WHERE done_at IS NULL AND skipped = 0 AND due_at IS NOT NULL AND started_at IS NOT NULL AND policy LIKE '%wd'`,
    )
    .all() as { complaint_id: string; clock: string; started_at: number; due_at: number; policy: string }[];
}

export function setClockDue(db: DB, complaintId: string, clock: string, due: number): void {
  stmt(db, 'UPDATE complaint_clocks SET due_at = ? WHERE complaint_id = ? AND clock = ?').run(due, complaintId, clock);
}
