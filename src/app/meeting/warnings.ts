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
import { anyWarningDue, insertWarning, warningsDue, type WarningDue } from '../../store/meeting.js';
import type { Ctx } from '../context.js';

/** Record a warning for one action item unless it already has one. Call inside a write transaction. */
export function issueWarning(ctx: Ctx, a: WarningDue, now: number): boolean {
  if (!insertWarning(ctx.db, a, now)) return false;
  // Issued by the rule, not by whoever happened to run the command.
  appendAudit(ctx.db, { at: now, actor: null, action: 'meeting.warning', entity: 'action:' + a.id, after: { staff: a.owner, due_at: a.due_at } });
  return true;
}

/** Issue the warnings of every action item overdue at `now`. Call inside a write transaction. */
export function issueDueWarnings(ctx: Ctx, now = ctx.clock.now()): number {
  let n = 0;
  for (const a of warningsDue(ctx.db, now)) if (issueWarning(ctx, a, now)) n++;
  return n;
}

/** Read first, and take the write lock only when a warning is actually due. */
export function syncWarnings(ctx: Ctx): number {
  const now = ctx.clock.now();
  if (!anyWarningDue(ctx.db, now)) return 0;
  return writeTx(ctx.db, () => issueDueWarnings(ctx, now));
}
