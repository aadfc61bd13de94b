// Owners' forums (业主恳谈会, every 6 months, [000] §6.10) and community events
// (社区活动, every quarter, [000] §6.7), with the post-event visits and
// satisfaction of [002] 2.10.
import { NotFound, RuleRefused } from '../../errors.js';
import { nextId } from '../../store/common.js';
import { writeTx } from '../../store/db.js';
import { visitStore, type EventRow } from '../../store/visit.js';
import type { EventType } from '../../domain/visit.js';
import { parseTime } from '../../domain/time.js';
import { audit, eventTime, idDate, requireWriter, type Ctx } from '../context.js';

export function addEvent(ctx: Ctx, i: { type: EventType; at: string; topic: string }): EventRow {
  requireWriter(ctx, { minRole: 'clerk', action: 'action.event_add' });
  const at = parseTime(i.at, ctx.clock.now(), ctx.tz);
  return writeTx(ctx.db, () => {
    const now = ctx.clock.now();
    const e: EventRow = {
      id: nextId(ctx.db, 'EV', idDate(ctx, at)),
      type: i.type,
      at,
      topic: i.topic,
      created_at: now,
      created_by: ctx.actor?.code ?? null,
      attendance: null,
      satisfaction: null,
      visited: null,
      recorded_at: null,
      recorded_by: null,
    };
    visitStore.insertEvent(ctx.db, e);
    audit(ctx, 'event.add', 'event:' + e.id, null, e);
    return e;
  });
}

export function recordEvent(ctx: Ctx, id: string, o: { attendance: number; satisfaction: number; visited: number; at?: string }): EventRow {
  requireWriter(ctx, { minRole: 'clerk', action: 'action.event_record' });
  const e = getEvent(ctx, id);
  const at = eventTime(ctx, o.at);
  if (e.at > at) throw new RuleRefused('err.event_not_held', { id, at: e.at }, 'fix.event_not_held');
  if (o.visited > o.attendance) throw new RuleRefused('err.event_visited_over', { visited: o.visited, attendance: o.attendance }, 'fix.event_visited_over');
  return writeTx(ctx.db, () => {
    visitStore.recordEvent(ctx.db, id, { ...o, at, by: ctx.actor?.code ?? null });
    const after = visitStore.getEvent(ctx.db, id)!;
    audit(ctx, 'event.record', 'event:' + id, e, after);
    return after;
  });
}

export function getEvent(ctx: Ctx, id: string): EventRow {
  const e = visitStore.getEvent(ctx.db, id);
  if (!e) throw new NotFound('err.no_event', { id }, 'fix.event_list');
  return e;
}

export function listEvents(ctx: Ctx, f: { type?: string; since?: number; until?: number }): EventRow[] {
  return visitStore.events(ctx.db, f);
}
