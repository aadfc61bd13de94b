// `request list` and `request show`: reads only, through the indexes.
import { UsageError } from '../../errors.js';
import { OPEN_STATUSES, REQUEST_STATUSES, type RequestKind, type RequestStatus } from '../../domain/request.js';
import { parseBound } from '../../domain/time.js';
import {
  listRequestIds,
  nextClocks,
  requestClocks,
  requestEvents,
  rowsByIds,
  unitRequests,
  type RequestClockRow,
  type RequestEventRow,
  type RequestRow,
} from '../../store/request.js';
import type { Ctx } from '../context.js';
import { getRequest } from './workflow.js';

/** A table on a terminal shows this many (as complaint list); --json/--csv give everything unless --limit. */
export const DEFAULT_LIMIT = 20;
export const LIST_STATUSES = ['open', 'overdue', 'closed', 'all', ...REQUEST_STATUSES] as const;

export interface ListItem {
  row: RequestRow;
  next: { clock: string; due_at: number; started_at: number } | null;
}

export function listRequests(
  ctx: Ctx,
  f: { status?: string; kind?: RequestKind; unit?: string; assignee?: string; since?: string; until?: string; limit?: number },
): ListItem[] {
  const status = f.status ?? 'open';
  let statuses: RequestStatus[];
  let overdueAt: number | undefined;
  if (status === 'open') statuses = OPEN_STATUSES;
  else if (status === 'overdue') ((statuses = OPEN_STATUSES), (overdueAt = ctx.clock.now()));
  else if (status === 'closed') statuses = ['closed', 'cancelled'];
  else if (status === 'all') statuses = [];
  else if ((REQUEST_STATUSES as readonly string[]).includes(status)) statuses = [status as RequestStatus];
  else throw new UsageError('err.bad_choice', { what: 'status', value: status, accepted: LIST_STATUSES.join(', ') }, 'fix.choice');
  const now = ctx.clock.now();
  const ids = listRequestIds(ctx.db, {
    statuses,
    overdueAt,
    kind: f.kind,
    unit: f.unit?.trim(),
    assignee: f.assignee?.trim(),
    since: f.since ? parseBound(f.since, now, ctx.tz, 'since') : undefined,
    until: f.until ? parseBound(f.until, now, ctx.tz, 'until') : undefined,
    limit: f.limit ?? DEFAULT_LIMIT,
  });
  const rows = rowsByIds(ctx.db, ids);
  const next = nextClocks(ctx.db, ids);
  return rows.map((row) => ({ row, next: next.get(row.id) ?? null }));
}

export function showRequest(ctx: Ctx, id: string): { row: RequestRow; clocks: RequestClockRow[]; events: RequestEventRow[] } {
  const row = getRequest(ctx, id);
  return { row, clocks: requestClocks(ctx.db, row.id), events: requestEvents(ctx.db, row.id) };
}

/** A unit's requests for `unit show` (客户请修记录, [003] 篇3). */
export function requestsOfUnit(ctx: Ctx, unit: string): RequestRow[] {
  return unitRequests(ctx.db, unit);
}
