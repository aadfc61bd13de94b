import type { Ctx } from '../context.js';
import type { OverdueItem } from '../overdue-types.js';

/** Archive loans past due or due within the horizon (partial index archive_loans_open_due). */
export function overdueItems(ctx: Ctx, now: number, horizonMs: number): OverdueItem[] {
  const rows = ctx.db
    .prepare('SELECT id, unit, to_person, due_at FROM archive_loans WHERE returned_at IS NULL AND due_at < ? ORDER BY due_at')
    .all(now + horizonMs) as { id: string; unit: string; to_person: string; due_at: number }[];
  return rows.map((r) => ({ module: 'archive', id: r.id, what: 'loan', due_at: r.due_at, detail: `${r.unit} → ${r.to_person}` }));
}
