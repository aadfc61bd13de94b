import type { Ctx } from '../context.js';
import type { OverdueItem } from '../overdue-types.js';
import { complaintBriefs, countRunningClocksDueBefore, runningClocksDueBefore } from '../../store/complaint.js';

/**
 * Overdue and due-soon complaint clocks: `what` is the clock, `id` the
 * complaint. A range scan of the partial index clocks_open_due alone; the
 * complaints table is read only for the items shown (complaintDetails).
 */
export function overdueItems(ctx: Ctx, now: number, horizonMs: number): OverdueItem[] {
  return runningClocksDueBefore(ctx.db, now + Math.max(0, horizonMs)).map(([id, what, due_at, severity]) => ({
    module: 'complaint',
    id,
    what,
    due_at,
    severity,
  }));
}

/** Clocks past due at `now`, for the warning line (the same scan as overdueItems, counted in SQL). */
export function overdueCount(ctx: Ctx, now: number): number {
  return countRunningClocksDueBefore(ctx.db, now);
}

/** "unit subject" of each complaint, for the overdue items on show. */
export function complaintDetails(ctx: Ctx, ids: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of complaintBriefs(ctx.db, [...new Set(ids)])) out.set(r.id, [r.unit, r.subject].filter(Boolean).join(' '));
  return out;
}
