import type { Ctx } from '../context.js';
import type { CarriedItem } from '../carry-types.js';
import { carriedId } from '../handover/carry-util.js';
import { loansForCarry } from '../../store/archive.js';

/** Open items of the archive module that a shift handover carries (see src/app/carry-types.ts): every archive loan not returned. */
export function openItems(ctx: Ctx): CarriedItem[] {
  const rows = loansForCarry(ctx.db, ctx.clock.now());
  return rows.map((r) => ({
    kind: 'archive_loan',
    id: carriedId('AL', r.id),
    label: `${[r.unit, r.document_id].filter((x) => x !== null && x !== undefined && x !== '').join(' ')} → ${r.to_person}${r.purpose ? ` (${r.purpose})` : ''}`,
    due_at: r.due_at,
  }));
}
