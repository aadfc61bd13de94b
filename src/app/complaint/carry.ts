import type { Ctx } from '../context.js';
import type { CarriedItem } from '../carry-types.js';

/** Open items of the complaint module that a shift handover carries (see src/app/carry-types.ts). */
export function openItems(_ctx: Ctx): CarriedItem[] {
  return [];
}
