// Reading complaints: list sorted by urgency (driven by the open-clock index,
// never a scan of every complaint), show, and the overdue clocks.
import { UsageError } from '../../errors.js';
import { parseBound } from '../../domain/time.js';
import type { Ctx } from '../context.js';
import { parseCategory } from './workflow.js';
import { type ClockRow, type ComplaintRow, complaintsWithClocks } from './store.js';
import { countMatching } from '../../store/complaint.js';

export type ListStatus = 'open' | 'overdue' | 'closed' | 'all';
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

const OPEN_CLOCKS = 'k.done_at IS NULL AND k.skipped = 0 AND k.due_at IS NOT NULL';

function listStatus(f: ListFilter): ListStatus {
  const status = (f.status ?? 'open').toLowerCase() as ListStatus;
  if (!['open', 'overdue', 'closed', 'all'].includes(status))
    throw new UsageError('err.bad_list_status', { value: f.status ?? '' }, 'fix.list_status');
  return status;
}

function filterSql(ctx: Ctx, f: ListFilter): { extra: string; args: Record<string, string | number> } {
  const now = ctx.clock.now();
  const where: string[] = [];
  const args: Record<string, string | number> = {};
  if (f.unit) {
    where.push('(c.unit = @unit OR c.address = @unit)');
    args.unit = f.unit.trim();
  }
  if (f.category) {
    where.push('c.category = @category');
    args.category = parseCategory(f.category)!;
  }
  if (f.since) {
    where.push('c.received_at >= @since');
    args.since = parseBound(f.since, now, ctx.tz, 'since');
  }
  if (f.until) {
    where.push('c.received_at < @until');
    args.until = parseBound(f.until, now, ctx.tz, 'until');
  }
  return { extra: where.length ? ' AND ' + where.join(' AND ') : '', args };
}

/** How many complaints a list with this filter holds (for "N more" under a capped table). */
export function countComplaints(ctx: Ctx, f: ListFilter): number {
  const { extra, args } = filterSql(ctx, f);
  return countMatching(ctx.db, listStatus(f), extra, args, ctx.clock.now());
}

export function listComplaints(ctx: Ctx, f: ListFilter): Listed[] {
  const status = listStatus(f);
  const limit = f.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit <= 0) throw new UsageError('err.bad_limit', { value: String(f.limit) }, 'fix.limit');
  const now = ctx.clock.now();
  const { extra, args } = filterSql(ctx, f);
  const out: { id: string; due: number | null; clock: string | null }[] = [];
  const seen = new Set<string>();

  if (status !== 'closed') {
    // Most urgent first: walk running clocks in due order (partial index) and
    // keep the first clock met for each complaint.
    const sql = `SELECT k.complaint_id id, k.due_at due, k.clock clock FROM complaint_clocks k INDEXED BY clocks_open_due
      JOIN complaints c ON c.id = k.complaint_id
      WHERE ${OPEN_CLOCKS} ${status === 'overdue' ? 'AND k.due_at < @now' : ''} ${extra} ORDER BY k.due_at`;
    for (const r of ctx.db.prepare(sql).iterate({ ...args, ...(status === 'overdue' ? { now } : {}) }) as Iterable<{ id: string; due: number; clock: string }>) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push(r);
      if (out.length >= limit) break;
    }
    if (status !== 'overdue' && out.length < limit) {
      // Open complaints with no running clock (waiting to be closed), newest first.
      const rest = ctx.db
        .prepare(
          `SELECT c.id FROM complaints c INDEXED BY complaints_open WHERE c.status <> 'closed' ${extra}
           AND NOT EXISTS (SELECT 1 FROM complaint_clocks k WHERE k.complaint_id = c.id AND ${OPEN_CLOCKS})
           ORDER BY c.received_at DESC LIMIT @lim`,
        )
        .all({ ...args, lim: limit - out.length }) as { id: string }[];
      for (const r of rest) if (!seen.has(r.id)) out.push({ id: r.id, due: null, clock: null });
    }
  }
  if ((status === 'closed' || status === 'all') && out.length < limit) {
    const rest = ctx.db
      .prepare(`SELECT c.id FROM complaints c WHERE c.status = 'closed' ${extra} ORDER BY c.received_at DESC LIMIT @lim`)
      .all({ ...args, lim: limit - out.length }) as { id: string }[];
    for (const r of rest) out.push({ id: r.id, due: null, clock: null });
  }
  const found = complaintsWithClocks(ctx, out.map((o) => o.id));
  return out.map((o) => ({ ...found.get(o.id)!, next_due: o.due, next_clock: o.clock }));
}

