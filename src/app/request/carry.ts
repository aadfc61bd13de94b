import type { Ctx } from '../context.js';
import type { CarriedItem } from '../carry-types.js';
import { hasRequestTables, openRequestsForCarry } from '../../store/request.js';

/**
 * Open service requests a shift handover carries (see src/app/carry-types.ts),
 * like open complaints: every request neither closed nor cancelled, received by now.
 */
export function openItems(ctx: Ctx): CarriedItem[] {
  if (!hasRequestTables(ctx.db)) return [];
  return openRequestsForCarry(ctx.db, ctx.clock.now()).map((r) => ({
    kind: 'service_request',
    id: r.id,
    label: `${r.place ?? ''} ${r.subject} · ${r.urgency === 'urgent' ? 'urgent ' : ''}${r.kind}, ${r.status}`.trim(),
    due_at: r.due_at,
  }));
}
