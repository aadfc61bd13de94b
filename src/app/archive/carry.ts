import type { Ctx } from '../context.js';
import type { CarriedItem } from '../carry-types.js';
import { carriedId } from '../handover/carry-util.js';

/** Open items of the archive module that a shift handover carries (see src/app/carry-types.ts): every archive loan not returned. */
export function openItems(ctx: Ctx): CarriedItem[] {
  const rows = ctx.db
    .prepare(
      'SELECT id, unit, document_id, to_person, purpose, due_at FROM archive_loans WHERE returned_at IS NULL AND lent_at <= ? ORDER BY lent_at, id',
    )
    .all(ctx.clock.now()) as { id: unknown; unit: string | null; document_id: unknown; to_person: string; purpose: string | null; due_at: number | null }[];
  return rows.map((r) => ({
    kind: 'archive_loan',
    id: carriedId('AL', r.id),
    label: `${[r.unit, r.document_id].filter((x) => x !== null && x !== undefined && x !== '').join(' ')} → ${r.to_person}${r.purpose ? ` (${r.purpose})` : ''}`,
    due_at: r.due_at,
  }));
}
