import type { Ctx } from '../context.js';
import type { CarriedItem } from '../carry-types.js';
import { carriedId, hasTable } from '../handover/carry-util.js';

/**
 * Open items of the key module that a shift handover carries (see
 * src/app/carry-types.ts): every key loan not returned. The taker acknowledges
 * the loan id (KL-12 for a numeric id), not the key label, which often holds
 * spaces (`3-2-1502 security_door #1`).
 */
export function openItems(ctx: Ctx): CarriedItem[] {
  if (!hasTable(ctx.db, 'key_loans')) return [];
  const rows = ctx.db
    .prepare('SELECT id, key_label, to_person, purpose, due_at FROM key_loans WHERE returned_at IS NULL AND lent_at <= ? ORDER BY lent_at, id')
    .all(ctx.clock.now()) as { id: unknown; key_label: string; to_person: string; purpose: string | null; due_at: number | null }[];
  return rows.map((r) => ({
    kind: 'key_loan',
    id: carriedId('KL', r.id),
    label: `${r.key_label} → ${r.to_person}${r.purpose ? ` (${r.purpose})` : ''}`,
    due_at: r.due_at,
  }));
}
