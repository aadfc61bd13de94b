import type { Ctx } from '../context.js';
import type { OverdueItem } from '../overdue-types.js';

/**
 * Action items not done by their deadline (module `meeting`, what `action`),
 * and those due within the horizon. Read-only; reads the partial index
 * meeting_actions_open_due.
 */
export function overdueItems(ctx: Ctx, now: number, horizonMs: number): OverdueItem[] {
  const rows = ctx.db
    .prepare('SELECT id, owner, due_at, text FROM meeting_actions WHERE done_at IS NULL AND due_at < ? ORDER BY due_at')
    .all(now + horizonMs) as { id: string; owner: string; due_at: number; text: string }[];
  return rows.map((r) => ({ module: 'meeting', id: r.id, what: 'action', due_at: r.due_at, detail: `${r.owner} ${r.text}`, who: r.owner, note: r.text }));
}
