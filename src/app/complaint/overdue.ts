import type { Ctx } from '../context.js';
import type { OverdueItem } from '../overdue-types.js';
import { inSlices } from '../../store/common.js';

/**
 * Overdue and due-soon complaint clocks: `what` is the clock, `id` the
 * complaint. A range scan of the partial index clocks_open_due alone; the
 * complaints table is read only for the items shown (complaintDetails).
 */
export function overdueItems(ctx: Ctx, now: number, horizonMs: number): OverdueItem[] {
  const rows = ctx.db
    .prepare(
      `SELECT k.complaint_id id, k.clock, k.due_at, c.severity FROM complaint_clocks k INDEXED BY clocks_open_due
        JOIN complaints c ON c.id = k.complaint_id
        WHERE k.done_at IS NULL AND k.skipped = 0 AND k.due_at IS NOT NULL AND k.due_at < ? ORDER BY k.due_at, k.complaint_id`,
    )
    .raw()
    .all(now + Math.max(0, horizonMs)) as [string, string, number, OverdueItem['severity']][];
  return rows.map(([id, what, due_at, severity]) => ({ module: 'complaint', id, what, due_at, severity }));
}

/** "unit subject" of each complaint, for the overdue items on show. */
export function complaintDetails(ctx: Ctx, ids: string[]): Map<string, string> {
  const out = new Map<string, string>();
  inSlices([...new Set(ids)], (part, marks) => {
    const rows = ctx.db.prepare(`SELECT id, COALESCE(unit, address) unit, subject FROM complaints WHERE id IN (${marks})`).all(...part) as {
      id: string;
      unit: string | null;
      subject: string;
    }[];
    for (const r of rows) out.set(r.id, [r.unit, r.subject].filter(Boolean).join(' '));
  });
  return out;
}
