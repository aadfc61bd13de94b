import type { Ctx } from '../context.js';
import type { OverdueItem } from '../overdue-types.js';
import { loansDueBefore } from '../../store/archive.js';

/** Archive loans past due or due within the horizon (partial index archive_loans_open_due). */
export function overdueItems(ctx: Ctx, now: number, horizonMs: number): OverdueItem[] {
  const rows = loansDueBefore(ctx.db, now + horizonMs);
  return rows.map((r) => ({ module: 'archive', id: r.id, what: 'loan', due_at: r.due_at, detail: `${r.unit} → ${r.to_person}` }));
}
