import type { Ctx } from '../context.js';
import { computeDue, isWorkingDayPolicy } from '../../domain/clocks.js';

/**
 * After a calendar change: recompute the due times of running clocks that count
 * working days; returns how many moved. Runs inside the caller's transaction.
 */
export function recomputeRunningClocks(ctx: Ctx): number {
  const rows = ctx.db
    .prepare(
      `SELECT complaint_id, clock, started_at, due_at, policy FROM complaint_clocks INDEXED BY clocks_open_due
       WHERE done_at IS NULL AND skipped = 0 AND due_at IS NOT NULL AND started_at IS NOT NULL AND policy LIKE '%wd'`,
    )
    .all() as { complaint_id: string; clock: string; started_at: number; due_at: number; policy: string }[];
  const upd = ctx.db.prepare('UPDATE complaint_clocks SET due_at = ? WHERE complaint_id = ? AND clock = ?');
  const cal = ctx.calendar();
  let moved = 0;
  for (const r of rows) {
    if (!isWorkingDayPolicy(r.policy)) continue;
    const due = computeDue(r.started_at, r.policy, cal, ctx.tz);
    if (due !== r.due_at) {
      upd.run(due, r.complaint_id, r.clock);
      moved++;
    }
  }
  return moved;
}
