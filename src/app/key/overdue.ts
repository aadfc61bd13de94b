import type { Ctx } from '../context.js';
import type { OverdueItem } from '../overdue-types.js';
import { loansDueBefore, lockChangesDueBefore } from '../../store/key.js';

/**
 * Loans past (or near) their due time, and lock changes not yet done. Both
 * read through partial indexes on open rows only (key_loans_open_due,
 * key_lock_changes_open). A lost key's loan is left to its lock change.
 */
export function overdueItems(ctx: Ctx, now: number, horizonMs: number): OverdueItem[] {
  const until = now + horizonMs;
  const loans = loansDueBefore(ctx.db, until);
  const changes = lockChangesDueBefore(ctx.db, until);
  const items: OverdueItem[] = loans.map((l) => ({
    module: 'key',
    id: l.key_label,
    what: 'loan',
    due_at: l.due_at,
    detail: `${l.id} → ${l.to_person === l.to_name ? l.to_name : `${l.to_name} (${l.to_person})`}: ${l.purpose}`,
  }));
  for (const c of changes) items.push({ module: 'key', id: c.key_label, what: 'lock_change', due_at: c.due_at, detail: c.id });
  return items;
}
