import type { Ctx } from '../context.js';
import type { OverdueItem } from '../overdue-types.js';
import { openClocksDueBefore } from './query.js';

/**
 * Overdue and due-soon complaint clocks: `what` is the clock, `id` the
 * complaint. A range scan of the partial index clocks_open_due; with no
 * horizon (the warning line only counts) the complaints table is not read.
 */
export function overdueItems(ctx: Ctx, now: number, horizonMs: number): OverdueItem[] {
  if (horizonMs <= 0) {
    const rows = ctx.db
      .prepare(
        'SELECT complaint_id id, clock, due_at FROM complaint_clocks INDEXED BY clocks_open_due WHERE done_at IS NULL AND skipped = 0 AND due_at IS NOT NULL AND due_at < ?',
      )
      .raw()
      .all(now) as [string, string, number][];
    return rows.map(([id, what, due_at]) => ({ module: 'complaint', id, what, due_at }));
  }
  return openClocksDueBefore(ctx, now + horizonMs).map((c) => ({
    module: 'complaint',
    id: c.id,
    what: c.clock,
    due_at: c.due_at,
    detail: [c.unit, c.subject].filter(Boolean).join(' '),
  }));
}
