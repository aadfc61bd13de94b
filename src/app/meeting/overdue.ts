import type { Ctx } from '../context.js';
import type { OverdueItem } from '../overdue-types.js';
import { openActionsDueBefore } from '../../store/meeting.js';

/**
 * Action items not done by their deadline (module `meeting`, what `action`),
 * and those due within the horizon. Read-only; reads the partial index
 * meeting_actions_open_due.
 */
export function overdueItems(ctx: Ctx, now: number, horizonMs: number): OverdueItem[] {
  return openActionsDueBefore(ctx.db, now + horizonMs).map((r) => ({
    module: 'meeting',
    id: r.id,
    what: 'action',
    due_at: r.due_at,
    detail: `${r.owner} ${r.text}`,
    who: r.owner,
    note: r.text,
  }));
}
