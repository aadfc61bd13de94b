// What the visit module owes (module `visit`): a clerk below the quarter's
// target, no survey in 12 months, no owners' forum in 6 months, a quarter with
// no community event, an event short of its visits or satisfaction 14 days on.
// All counted from visitSince (the module's first record or `visit.since`).
import type { Ctx } from '../context.js';
import type { OverdueItem } from '../overdue-types.js';
import { visitStore } from '../../store/visit.js';
import { addMonths, eventShortfall, EVENT_RECORD_DAYS, previousQuarter, quarterOf } from '../../domain/visit.js';
import { localDate, startOfLocalDay, type Period } from '../../domain/time.js';
import { shortfalls, visitSince } from './visits.js';

export function overdueItems(ctx: Ctx, now: number, horizonMs: number): OverdueItem[] {
  const since = visitSince(ctx);
  if (since === null) return [];
  const tz = ctx.tz;
  const limit = now + horizonMs;
  const items: OverdueItem[] = [];
  const current = quarterOf(localDate(now, tz), tz);
  // The quarter just ended (overdue), and the current one once its end is near (due soon).
  const quarters: Period[] = [previousQuarter(current, tz), current].filter((q) => q.since >= startOfQuarterOf(since, ctx) && q.until <= limit);
  for (const q of quarters) {
    for (const p of shortfalls(ctx, q))
      items.push({ module: 'visit', id: p.staff, what: 'visit_target', due_at: q.until, detail: `${q.label} ${p.visited}/${p.target}` });
    if (q.since >= since && !visitStore.events(ctx.db, { type: 'community', since: q.since, until: q.until }).length)
      items.push({ module: 'visit', id: q.label, what: 'community_event', due_at: q.until });
  }
  const lastSurvey = visitStore.lastSurveyDate(ctx.db);
  const surveyDue = startOfLocalDay(addMonths(lastSurvey ?? localDate(since, tz), 12), tz);
  if (surveyDue < limit) items.push({ module: 'visit', id: lastSurvey ? 'survey:' + lastSurvey : 'survey', what: 'survey', due_at: surveyDue });
  const lastForum = visitStore.lastEventAt(ctx.db, 'forum', now) ?? since;
  const forumDue = startOfLocalDay(addMonths(localDate(lastForum, tz), 6), tz);
  if (forumDue < limit) items.push({ module: 'visit', id: 'forum', what: 'forum', due_at: forumDue });
  const recordBy = EVENT_RECORD_DAYS * 86_400_000;
  for (const e of visitStore.eventsHeldBefore(ctx.db, limit - recordBy, since)) {
    const short = eventShortfall(e);
    if (short) items.push({ module: 'visit', id: e.id, what: 'event_' + short, due_at: e.at + recordBy, detail: e.topic });
  }
  return items;
}

/** The start of the quarter holding `ms`: a module started mid-quarter owes nothing for that quarter's visits. */
function startOfQuarterOf(ms: number, ctx: Ctx): number {
  const q = quarterOf(localDate(ms, ctx.tz), ctx.tz);
  return q.since === ms ? q.since : q.until;
}
