// SPEC §1: warn whenever a deadline falls in a year with no official calendar
// (Monday–Friday assumed). One line on stderr, in the user's language; any
// module's command can call it with the due times it printed.
import type { Ctx } from '../app/context.js';
import type { Io } from './run.js';
import { writeErr } from './stdio.js';

export interface DueClock {
  due_at: number | null;
  done_at?: number | null;
  skipped?: number | boolean;
  /** the duration that set the due time (2wd); only working-day clocks depend on the calendar */
  policy?: string | null;
}

export async function warnFallbackDeadlines(io: Io, ctx: Ctx, clocks: DueClock[]): Promise<void> {
  if (io.g.quiet) return;
  const open = clocks.filter((c) => c.due_at != null && !c.done_at && !c.skipped && (c.policy == null || /wd$/.test(c.policy)));
  if (!open.length) return;
  const { fallbackYears } = await import('../app/calendar/calendar-import.js');
  for (const y of fallbackYears(
    ctx,
    open.map((c) => c.due_at),
  ))
    writeErr(io.t('warn.deadline_fallback', { year: y }) + '\n');
}
