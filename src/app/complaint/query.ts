// Reading complaints: list sorted by urgency (driven by the open-clock index,
// never a scan of every complaint), show, and the overdue clocks.
import { UsageError } from '../../errors.js';
import { parseBound } from '../../domain/time.js';
import type { Ctx } from '../context.js';
import { parseCategory } from './workflow.js';
import { type ClockRow, type ComplaintRow, complaintsWithClocks } from './records.js';
import {
  closedMatching,
  complaintFilter,
  countMatching,
  openWithoutRunningClock,
  runningClocksByDue,
  type ComplaintFilter,
  type ListStatus,
} from '../../store/complaint.js';

export type { ListStatus };
/** One screen, as `pmctl overdue` (src/cli/overdue-command.ts); --limit for more. */
export const DEFAULT_LIMIT = 20;

export interface ListFilter {
  status?: string;
  unit?: string;
  category?: string;
  since?: string;
  until?: string;
  limit?: number;
}

export interface Listed {
  row: ComplaintRow;
  clocks: ClockRow[];
  /** the earliest due time of a running clock */
  next_due: number | null;
  next_clock: string | null;
}

function listStatus(f: ListFilter): ListStatus {
  const status = (f.status ?? 'open').toLowerCase() as ListStatus;
  if (!['open', 'overdue', 'closed', 'all'].includes(status)) throw new UsageError('err.bad_list_status', { value: f.status ?? '' }, 'fix.list_status');
  return status;
}

/** The list's filter as values (each read in this order: a bad one is refused before the next is read). */
function filterOf(ctx: Ctx, f: ListFilter): ComplaintFilter {
  const now = ctx.clock.now();
  return complaintFilter({
    unit: f.unit ? f.unit.trim() : undefined,
    category: f.category ? parseCategory(f.category)! : undefined,
    since: f.since ? parseBound(f.since, now, ctx.tz, 'since') : undefined,
    until: f.until ? parseBound(f.until, now, ctx.tz, 'until') : undefined,
  });
}

/** How many complaints a list with this filter holds (for "N more" under a capped table). */
export function countComplaints(ctx: Ctx, f: ListFilter): number {
  return countMatching(ctx.db, listStatus(f), filterOf(ctx, f), ctx.clock.now());
}

export function listComplaints(ctx: Ctx, f: ListFilter): Listed[] {
  const status = listStatus(f);
  const limit = f.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit <= 0) throw new UsageError('err.bad_limit', { value: String(f.limit) }, 'fix.limit');
  const now = ctx.clock.now();
  const filter = filterOf(ctx, f);
  const out: { id: string; due: number | null; clock: string | null }[] = [];
  const seen = new Set<string>();

  if (status !== 'closed') {
    // Most urgent first: walk running clocks in due order (partial index) and
    // keep the first clock met for each complaint.
    for (const r of runningClocksByDue(ctx.db, filter, status === 'overdue' ? now : undefined)) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push(r);
      if (out.length >= limit) break;
    }
    if (status !== 'overdue' && out.length < limit) {
      // Open complaints with no running clock (waiting to be closed), newest first.
      for (const r of openWithoutRunningClock(ctx.db, filter, limit - out.length)) if (!seen.has(r.id)) out.push({ id: r.id, due: null, clock: null });
    }
  }
  if ((status === 'closed' || status === 'all') && out.length < limit) {
    for (const r of closedMatching(ctx.db, filter, limit - out.length)) out.push({ id: r.id, due: null, clock: null });
  }
  const found = complaintsWithClocks(
    ctx,
    out.map((o) => o.id),
  );
  return out.map((o) => ({ ...found.get(o.id)!, next_due: o.due, next_clock: o.clock }));
}
