// `pmctl overdue` across all modules, most urgent first.
import type { Ctx } from './context.js';
import type { OverdueDetails, OverdueItem, OverdueModule, OverdueProvider } from './overdue-types.js';
import { complaintDetails, overdueCount as complaintCount, overdueItems as complaintItems } from './complaint/overdue.js';
import { overdueItems as keyItems } from './key/overdue.js';
import { overdueItems as archiveItems } from './archive/overdue.js';
import { overdueItems as handoverItems } from './handover/overdue.js';
import { overdueItems as meetingItems } from './meeting/overdue.js';
import { overdueItems as requestItems, requestDetails } from './request/overdue.js';
import { overdueItems as patrolItems } from './patrol/overdue.js';
import { overdueItems as visitItems } from './visit/overdue.js';
import { overdueItems as renovationItems } from './renovation/overdue.js';

export type { OverdueItem, OverdueModule };

// `count`: how many items are past due, when a module can say it cheaper than by listing them (the warning line after every command on a terminal).
const PROVIDERS: Record<OverdueModule, { items: OverdueProvider; details?: OverdueDetails; count?: (ctx: Ctx, now: number) => number }> = {
  complaint: { items: complaintItems, details: complaintDetails, count: complaintCount },
  key: { items: keyItems },
  archive: { items: archiveItems },
  handover: { items: handoverItems },
  meeting: { items: meetingItems },
  request: { items: requestItems, details: requestDetails },
  patrol: { items: patrolItems },
  visit: { items: visitItems },
  renovation: { items: renovationItems },
};

export const MODULES = Object.keys(PROVIDERS) as OverdueModule[];

export const DUE_SOON_HORIZON_MS = 2 * 60 * 60 * 1000;

export interface RankedItem extends OverdueItem {
  /** past due (else merely due within the horizon) */
  overdue: boolean;
  /** minutes past due; negative while due soon */
  overdue_minutes: number;
}

const RANK = { emergency: 2, major: 1, general: 0 } as const;

/** Everything overdue or due within the horizon: emergency, then major items first, each most overdue first. */
export function collectOverdue(ctx: Ctx, horizonMs = DUE_SOON_HORIZON_MS, modules: OverdueModule[] = MODULES): RankedItem[] {
  const now = ctx.clock.now();
  const items: RankedItem[] = [];
  for (const m of modules)
    for (const i of PROVIDERS[m].items(ctx, now, horizonMs))
      items.push({ ...i, overdue: i.due_at < now, overdue_minutes: Math.floor((now - i.due_at) / 60000) });
  // Plain code-unit order: ids and module names are ASCII, and localeCompare
  // would start ICU's collator (milliseconds on a big overdue list).
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  items.sort((a, b) => RANK[b.severity ?? 'general'] - RANK[a.severity ?? 'general'] || a.due_at - b.due_at || cmp(a.module, b.module) || cmp(a.id, b.id));
  return items;
}

/**
 * The items with their human description filled in, by the modules whose
 * providers leave it out (see OverdueDetails): a list shows a screen of
 * items, not the hundreds a big site may have overdue.
 */
export function withDetails(ctx: Ctx, items: RankedItem[]): RankedItem[] {
  const found = new Map<OverdueModule, Map<string, string>>();
  for (const m of MODULES) {
    const details = PROVIDERS[m].details;
    const ids = items.filter((i) => i.module === m && i.detail === undefined).map((i) => i.id);
    if (details && ids.length) found.set(m, details(ctx, ids));
  }
  return items.map((i) => (i.detail === undefined && found.has(i.module) ? { ...i, detail: found.get(i.module)!.get(i.id) } : i));
}

export interface OverdueSummary {
  total: number;
  groups: { module: OverdueModule; count: number }[];
}

/** Counts of items past due (not merely due soon), per module. */
export function overdueSummary(ctx: Ctx): OverdueSummary {
  const now = ctx.clock.now();
  const counts = new Map<OverdueModule, number>();
  for (const m of MODULES) {
    const count = PROVIDERS[m].count;
    if (count) {
      const n = count(ctx, now);
      if (n) counts.set(m, n);
    } else for (const i of PROVIDERS[m].items(ctx, now, 0)) if (i.due_at < now) counts.set(i.module, (counts.get(i.module) ?? 0) + 1);
  }
  const groups = [...counts].map(([module, count]) => ({ module, count }));
  return { total: groups.reduce((s, g) => s + g.count, 0), groups };
}
