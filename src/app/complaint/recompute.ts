import type { Ctx } from '../context.js';
import { computeDue, isWorkingDayPolicy } from '../../domain/clocks.js';
import { runningWorkingDayClocks, setClockDue } from '../../store/complaint.js';

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
  const rows = runningWorkingDayClocks(ctx.db);
  const cal = ctx.calendar();
  const moves: ClockMove[] = [];
  for (const r of rows) {
    if (!isWorkingDayPolicy(r.policy)) continue;
    const due = computeDue(r.started_at, r.policy, cal, ctx.tz);
    if (due !== r.due_at) {
      if (write) setClockDue(ctx.db, r.complaint_id, r.clock, due);
      moves.push({ complaint_id: r.complaint_id, clock: r.clock, from: r.due_at, to: due });
    }
  }
  return moves;
}
