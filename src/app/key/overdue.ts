import type { Ctx } from '../context.js';
import type { OverdueItem } from '../overdue-types.js';

/**
 * Loans past (or near) their due time, and lock changes not yet done. Both
 * read through partial indexes on open rows only (key_loans_open_due,
 * key_lock_changes_open). A lost key's loan is left to its lock change.
 */
export function overdueItems(ctx: Ctx, now: number, horizonMs: number): OverdueItem[] {
  const until = now + horizonMs;
  const loans = ctx.db
    .prepare(
      `SELECT l.id, l.key_label, l.due_at, l.to_name, l.to_person, l.purpose FROM key_loans l INDEXED BY key_loans_open_due
       JOIN keys k ON k.label = l.key_label
       WHERE l.returned_at IS NULL AND l.due_at < ? AND k.status = 'on_loan'`,
    )
    .all(until) as { id: string; key_label: string; due_at: number; to_name: string; to_person: string; purpose: string }[];
  const changes = ctx.db
    .prepare('SELECT id, key_label, due_at FROM key_lock_changes INDEXED BY key_lock_changes_open WHERE done_at IS NULL AND due_at < ?')
    .all(until) as { id: string; key_label: string; due_at: number }[];
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
