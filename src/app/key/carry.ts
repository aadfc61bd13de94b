import type { Ctx } from '../context.js';
import type { CarriedItem } from '../carry-types.js';
import { carriedId } from '../handover/carry-util.js';
import { openLoansLentBy } from '../../store/key.js';

/**
 * Open items of the key module that a shift handover carries (see
 * src/app/carry-types.ts): every key loan not returned. The taker acknowledges
 * the loan id (KL-12 for a numeric id), not the key label, which often holds
 * spaces (`3-2-1502 security_door #1`). key_loans is in schema.sql, so every
 * data folder has it.
 */
export function openItems(ctx: Ctx): CarriedItem[] {
  return openLoansLentBy(ctx.db, ctx.clock.now()).map((r) => ({
    kind: 'key_loan',
    id: carriedId('KL', r.id),
    label: `${r.key_label} → ${r.to_person}${r.purpose ? ` (${r.purpose})` : ''}`,
    due_at: r.due_at,
  }));
}
