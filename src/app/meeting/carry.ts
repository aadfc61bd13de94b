import type { Ctx } from '../context.js';
import type { CarriedItem } from '../carry-types.js';
import { carriedId } from '../handover/carry-util.js';
import { openActions } from '../../store/meeting.js';

/**
 * Open items of the meeting module that a shift handover carries (see
 * src/app/carry-types.ts): every action item not done. meeting_actions is in
 * schema.sql, so every data folder has it.
 */
export function openItems(ctx: Ctx): CarriedItem[] {
  return openActions(ctx.db).map((r) => ({ kind: 'action', id: carriedId('A', r.id), label: `${r.owner}: ${r.text}`, due_at: r.due_at }));
}
