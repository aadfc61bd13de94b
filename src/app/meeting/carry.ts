import type { Ctx } from '../context.js';
import type { CarriedItem } from '../carry-types.js';
import { carriedId, hasTable } from '../handover/carry-util.js';

/** Open items of the meeting module that a shift handover carries (see src/app/carry-types.ts): every action item not done. */
export function openItems(ctx: Ctx): CarriedItem[] {
  if (!hasTable(ctx.db, 'meeting_actions')) return [];
  const rows = ctx.db
    .prepare('SELECT id, meeting_id, owner, due_at, text FROM meeting_actions WHERE done_at IS NULL ORDER BY due_at, id')
    .all() as { id: unknown; meeting_id: unknown; owner: string; due_at: number | null; text: string }[];
  return rows.map((r) => ({ kind: 'action', id: carriedId('A', r.id), label: `${r.owner}: ${r.text}`, due_at: r.due_at }));
}
