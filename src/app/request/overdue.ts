import type { Ctx } from '../context.js';
import type { OverdueItem } from '../overdue-types.js';
import { hasRequestTables, openClocksDueBefore, requestBriefs } from '../../store/request.js';

/**
 * Overdue and due-soon request clocks (module `request`): `what` is the clock,
 * `id` the request. A range scan of request_clocks_open_due alone; the
 * requests are read only for the items shown (requestDetails).
 */
export function overdueItems(ctx: Ctx, now: number, horizonMs: number): OverdueItem[] {
  if (!hasRequestTables(ctx.db)) return [];
  return openClocksDueBefore(ctx.db, now + Math.max(0, horizonMs)).map(([id, what, due_at]) => ({ module: 'request', id, what, due_at }));
}

/** "place subject" of each request, for the overdue items on show. */
export function requestDetails(ctx: Ctx, ids: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of requestBriefs(ctx.db, ids)) out.set(r.id, [r.place, r.subject].filter(Boolean).join(' '));
  return out;
}
