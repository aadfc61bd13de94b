// The one recorded warning (警告) an owner gets when an action item is not done
// by its deadline ([004] 违规处理 3: 如在限期内未完成或未上报记警告一次).
//
// Warnings are materialised lazily: every `pmctl meeting …` command first
// issues the warnings of newly overdue items, in a write transaction, and
// `action done` issues one when the recorded done time is past the deadline.
// UNIQUE(action_id) in meeting_warnings is what makes it "once", whichever
// process gets there first.
import { appendAudit } from '../../store/common.js';
import { writeTx } from '../../store/db.js';
import type { Ctx } from '../context.js';

interface Due {
  id: string;
  owner: string;
  due_at: number;
}

const PENDING_SQL = `SELECT a.id, a.owner, a.due_at FROM meeting_actions a
  WHERE a.done_at IS NULL AND a.due_at < ?
    AND NOT EXISTS (SELECT 1 FROM meeting_warnings w WHERE w.action_id = a.id)
  ORDER BY a.due_at`;

/** Record a warning for one action item unless it already has one. Call inside a write transaction. */
export function issueWarning(ctx: Ctx, a: Due, now: number): boolean {
  const r = ctx.db
    .prepare('INSERT INTO meeting_warnings(action_id, staff, due_at, issued_at) VALUES (?,?,?,?) ON CONFLICT(action_id) DO NOTHING')
    .run(a.id, a.owner, a.due_at, now);
  if (!r.changes) return false;
  // Issued by the rule, not by whoever happened to run the command.
  appendAudit(ctx.db, { at: now, actor: null, action: 'meeting.warning', entity: 'action:' + a.id, after: { staff: a.owner, due_at: a.due_at } });
  return true;
}

/** Issue the warnings of every action item overdue at `now`. Call inside a write transaction. */
export function issueDueWarnings(ctx: Ctx, now = ctx.clock.now()): number {
  let n = 0;
  for (const a of ctx.db.prepare(PENDING_SQL).all(now) as Due[]) if (issueWarning(ctx, a, now)) n++;
  return n;
}

/** Read first, and take the write lock only when a warning is actually due. */
export function syncWarnings(ctx: Ctx): number {
  const now = ctx.clock.now();
  if (!ctx.db.prepare(PENDING_SQL + ' LIMIT 1').get(now)) return 0;
  return writeTx(ctx.db, () => issueDueWarnings(ctx, now));
}
