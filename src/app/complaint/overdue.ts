import type { Ctx } from '../context.js';
import type { OverdueItem } from '../overdue-types.js';
import { openClocksDueBefore } from './query.js';

/** Overdue and due-soon complaint clocks: `what` is the clock, `id` the complaint. */
export function overdueItems(ctx: Ctx, now: number, horizonMs: number): OverdueItem[] {
  return openClocksDueBefore(ctx, horizonMs > 0 ? now + horizonMs : now + 1).map((c) => ({
    module: 'complaint',
    id: c.id,
    what: c.clock,
    due_at: c.due_at,
    detail: [c.unit, c.subject].filter(Boolean).join(' '),
  }));
}
