import type { Ctx } from '../context.js';
import type { CarriedItem } from '../carry-types.js';
import { hasTable } from '../handover/carry-util.js';
import { findingDue } from '../../domain/patrol.js';
import { unfixedFindings } from '../../store/patrol.js';

/**
 * Open items of the patrol module that a shift handover carries (see
 * src/app/carry-types.ts): every finding not fixed yet, under its id
 * (F20261206-001), with the deadline it waits on.
 */
export function openItems(ctx: Ctx): CarriedItem[] {
  if (!hasTable(ctx.db, 'findings')) return [];
  return unfixedFindings(ctx.db, ctx.clock.now()).map((f) => ({
    kind: 'finding',
    id: f.id,
    label: `${f.item}${f.note ? ` ${f.note}` : ''}`,
    due_at: findingDue(f)?.due_at ?? null,
  }));
}
