import type { Ctx } from '../context.js';
import { computeDue, isWorkingDayPolicy } from '../../domain/clocks.js';

export interface ClockMove {
  complaint_id: string;
  clock: string;
  from: number;
  to: number;
}

/**
 * After a calendar change: recompute the due times of running clocks that count
 * working days; returns how many moved. Runs inside the caller's transaction.
 */
export function recomputeRunningClocks(ctx: Ctx): number {
  return runningClockMoves(ctx, true).length;
}

/**
 * The running working-day clocks whose due time differs under `ctx.calendar()`;
 * with `write` they are moved, without it this is the dry run a preview shows.
 */
export function runningClockMoves(ctx: Ctx, write: boolean): ClockMove[] {
  const rows = ctx.db
    .prepare(
      `SELECT complaint_id, clock, started_at, due_at, policy FROM complaint_clocks INDEXED BY clocks_open_due
       WHERE done_at IS NULL AND skipped = 0 AND due_at IS NOT NULL AND started_at IS NOT NULL AND policy LIKE '%wd'`,
    )
    .all() as { complaint_id: string; clock: string; started_at: number; due_at: number; policy: string }[];
  const upd = ctx.db.prepare('UPDATE complaint_clocks SET due_at = ? WHERE complaint_id = ? AND clock = ?');
  const cal = ctx.calendar();
  const moves: ClockMove[] = [];
  for (const r of rows) {
    if (!isWorkingDayPolicy(r.policy)) continue;
    const due = computeDue(r.started_at, r.policy, cal, ctx.tz);
    if (due !== r.due_at) {
      if (write) upd.run(due, r.complaint_id, r.clock);
      moves.push({ complaint_id: r.complaint_id, clock: r.clock, from: r.due_at, to: due });
    }
  }
  return moves;
}
