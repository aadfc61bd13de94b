// A complaint as the steps use it: the record (unknown id → exit 3), its
// events and clocks, and the clock engine applied to the rows that change.
// The statements are in src/store/complaint.ts, the JSON in
// src/render/views/complaint.ts.
import { NotFound } from '../../errors.js';
import {
  applyClockEvent,
  computeDue,
  policyFor,
  scopeOf,
  type ClockEnv,
  type ClockEvent,
  type ClockName,
  type ClockRec,
  type Overrides,
} from '../../domain/clocks.js';
import { type Ctx, eventFields } from '../context.js';
import {
  addComplaintEvent,
  complaintClocks,
  complaintEvents,
  complaintsWithClocks as rowsWithClocks,
  findComplaint,
  lastComplaintEventAt,
  slaOverrideRows,
  updateComplaintRow,
  writeComplaintClock,
  type ClockRow,
  type ComplaintRow,
  type EventRow,
} from '../../store/complaint.js';

export type { ClockRow, ComplaintRow, EventRow };

export function loadOverrides(ctx: Ctx): Overrides {
  return new Map(slaOverrideRows(ctx.db).map((r) => [`${r.clock}|${r.scope}`, r.duration]));
}

export function getComplaint(ctx: Ctx, id: string): ComplaintRow {
  const r = findComplaint(ctx.db, id.trim().toUpperCase());
  if (!r) throw new NotFound('err.complaint_not_found', { id }, 'fix.complaint_list');
  return r;
}

export function clocksOf(ctx: Ctx, id: string): ClockRow[] {
  return complaintClocks(ctx.db, id);
}

/** The records and clocks of several complaints at once (two statements, not two per complaint). */
export function complaintsWithClocks(ctx: Ctx, ids: string[]): Map<string, { row: ComplaintRow; clocks: ClockRow[] }> {
  return rowsWithClocks(ctx.db, ids);
}

export function clockMap(ctx: Ctx, id: string): Map<ClockName, ClockRow> {
  return new Map(clocksOf(ctx, id).map((c) => [c.clock, c]));
}

export function eventsOf(ctx: Ctx, id: string): EventRow[] {
  return complaintEvents(ctx.db, id);
}

export function lastEventAt(ctx: Ctx, id: string): number | null {
  return lastComplaintEventAt(ctx.db, id);
}

export function addEvent(ctx: Ctx, id: string, type: string, at: number, e: { by?: string | null; note?: string | null; data?: unknown } = {}): void {
  addComplaintEvent(ctx.db, { complaint_id: id, type, at, ...eventFields(ctx, e) });
}

export function updateComplaint(ctx: Ctx, id: string, patch: Partial<ComplaintRow>): void {
  updateComplaintRow(ctx.db, id, patch, ctx.clock.now());
}

export function writeClock(ctx: Ctx, c: ClockRow): void {
  writeComplaintClock(ctx.db, c);
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
