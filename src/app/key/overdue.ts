import type { Ctx } from '../context.js';
import type { OverdueItem } from '../overdue-types.js';

/** Overdue and due-soon items of the key module (see src/app/overdue-types.ts). */
export function overdueItems(_ctx: Ctx, _now: number, _horizonMs: number): OverdueItem[] {
  return [];
}
