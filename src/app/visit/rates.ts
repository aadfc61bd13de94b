// The visit module's rate (SPEC §14): 走访覆盖率 visit_coverage — occupied units
// visited in the 12 months ending at the period's end / occupied units (every
// household once a year, [001] 3.13). Registered in MODULE_RATE_SOURCES.
import { ratio, type Rate } from '../../domain/rates.js';
import { addMonths } from '../../domain/visit.js';
import { localDate, startOfLocalDay } from '../../domain/time.js';
import { visitStore } from '../../store/visit.js';
import type { Ctx } from '../context.js';
import { once, type Window } from '../report/complaints.js';

export function visitRates(ctx: Ctx, w: Window): Rate[] {
  const end = Math.min(w.until, w.now);
  const from = startOfLocalDay(addMonths(localDate(w.until, ctx.tz), -12), ctx.tz);
  const occupied = once(w, 'occupied', () => visitStore.occupiedCount(ctx.db));
  return [ratio('visit_coverage', Math.min(occupied, visitStore.occupiedVisited(ctx.db, from, end)), occupied)];
}
