// The state of one SLA clock at an instant (SPEC §3). Shared by the complaint
// module, `overdue` and the reports, so a clock reads the same everywhere.

export type ClockState = 'pending' | 'due_soon' | 'overdue' | 'met' | 'breached' | 'skipped';

export interface ClockFacts {
  started_at: number | null;
  due_at: number | null;
  done_at: number | null;
  skipped: boolean | number;
  /**
   * A window's opening (an appointment less the early margin): stopped before
   * it, the clock is breached though not late. Absent for clocks without one.
   */
  not_before?: number | null;
}

/** Less than 25 % of the window left counts as due soon. */
export const DUE_SOON_FRACTION = 0.25;

export function clockState(c: ClockFacts, now: number): ClockState {
  if (c.skipped) return 'skipped';
  if (c.done_at != null && c.not_before != null && c.done_at < c.not_before) return 'breached';
  if (c.done_at != null) return c.due_at == null || c.done_at <= c.due_at ? 'met' : 'breached';
  if (c.due_at == null || c.started_at == null) return 'pending';
  if (now > c.due_at) return 'overdue';
  const window = c.due_at - c.started_at;
  return c.due_at - now < window * DUE_SOON_FRACTION ? 'due_soon' : 'pending';
}
