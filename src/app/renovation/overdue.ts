// Renovation's overdue items (SPEC §13): an approved site not inspected for 7
// days, notices past due, permits past their end date and not completed,
// completions not accepted within 3 working days, deposits not settled within
// 30 days of acceptance. A few rows per site: read through renovations_status
// and the open-notice partial index.
import type { Ctx } from '../context.js';
import type { OverdueItem } from '../overdue-types.js';
import { DAY, endOfLocalDay } from '../../domain/time.js';
import { INSPECT_EVERY_DAYS, REFUND_WITHIN_DAYS } from '../../domain/renovation.js';
import { openNoticesDue, renovationTableExists, rowsInStatus } from '../../store/renovation.js';
import { acceptanceDue } from './renovation.js';

export function overdueItems(ctx: Ctx, now: number, horizonMs: number): OverdueItem[] {
  if (!renovationTableExists(ctx.db)) return [];
  const until = now + horizonMs;
  const items: OverdueItem[] = [];
  const push = (id: string, what: string, due: number, detail: string) => {
    if (due < until) items.push({ module: 'renovation', id, what, due_at: due, detail });
  };
  for (const r of rowsInStatus(ctx.db, ['approved', 'stopped', 'completed', 'accepted'])) {
    if (r.status === 'approved' || r.status === 'stopped') {
      const since = Math.max(r.last_inspected_at ?? 0, r.approved_at ?? r.applied_at);
      push(r.id, 'inspection', since + INSPECT_EVERY_DAYS * DAY, r.unit);
      push(r.id, 'permit_end', endOfLocalDay(r.end_date, ctx.tz), r.unit);
    } else if (r.status === 'completed' && r.completed_at !== null) push(r.id, 'reno_acceptance', acceptanceDue(ctx, r.completed_at), r.unit);
    else if (r.status === 'accepted' && r.accepted_at !== null) push(r.id, 'deposit', r.accepted_at + REFUND_WITHIN_DAYS * DAY, r.unit);
  }
  for (const n of openNoticesDue(ctx.db, until))
    items.push({ module: 'renovation', id: n.id, what: 'notice', due_at: n.due_at, detail: `${n.renovation_id} ${n.unit}: ${n.note}` });
  return items;
}
