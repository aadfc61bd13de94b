import type { Ctx } from '../context.js';

/**
 * After a calendar change: recompute the due times of running clocks that count
 * working days; returns how many moved. Runs inside the caller's transaction.
 */
export function recomputeRunningClocks(_ctx: Ctx): number {
  return 0;
}
