// What each module reports to `pmctl overdue` (SPEC §10 shape once rendered).
export type OverdueModule = 'complaint' | 'key' | 'archive' | 'handover' | 'meeting' | 'visit' | 'renovation' | 'request' | 'patrol';

export interface OverdueItem {
  module: OverdueModule;
  /** the record's id or label */
  id: string;
  /** the clock or obligation: reply, dispatch, loan, acceptance, action, … */
  what: string;
  due_at: number;
  /** a short human description (already translated is not required: plain data) */
  detail?: string;
  /**
   * The pieces of `detail` a view puts in the user's language (a shift by its
   * name, a person by name and code); `detail` stays the plain-data summary.
   */
  shift?: string;
  shift_date?: string;
  who?: string;
  note?: string;
  /** a patrol week's buildings missed (the table names the first few, JSON's detail all) */
  buildings?: string[];
  /** emergency and major items lead the list (SPEC §1 v2); absent means general */
  severity?: 'general' | 'major' | 'emergency';
}

/**
 * A module's provider: every item overdue at `now`, or due before
 * `now + horizonMs` (due soon). Must use indexes, not table scans.
 */
export type OverdueProvider = (ctx: import('./context.js').Ctx, now: number, horizonMs: number) => OverdueItem[];

/**
 * A module's descriptions of its items, when its provider leaves `detail` out
 * to keep the scan on its index: looked up only for the items shown.
 */
export type OverdueDetails = (ctx: import('./context.js').Ctx, ids: string[]) => Map<string, string>;
