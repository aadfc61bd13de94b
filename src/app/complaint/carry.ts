import type { Ctx } from '../context.js';
import type { CarriedItem } from '../carry-types.js';

interface Row {
  id: string;
  unit: string | null;
  address: string | null;
  subject: string;
  status: string;
  kind: string;
  due_at: number | null;
}

function label(r: Row): string {
  return `${r.unit ?? r.address ?? ''} ${r.subject} · ${r.kind === 'suggestion' ? 'suggestion, ' : ''}${r.status}`.trim();
}

// The earliest running clock is what the taker has to watch.
const NEXT_DUE = `(SELECT MIN(k.due_at) FROM complaint_clocks k WHERE k.complaint_id = c.id AND k.done_at IS NULL AND k.skipped = 0)`;

/**
 * Open items of the complaint module that a shift handover carries (see
 * src/app/carry-types.ts): every complaint or suggestion not closed, registered
 * by now ([002] 交接班时，将每项客户投诉问题向接班人交代清楚).
 */
export function openItems(ctx: Ctx): CarriedItem[] {
  const rows = ctx.db
    .prepare(
      `SELECT c.id, c.unit, c.address, c.subject, c.status, c.kind, ${NEXT_DUE} AS due_at
         FROM complaints c WHERE c.status <> 'closed' AND c.received_at <= ? ORDER BY c.received_at, c.id`,
    )
    .all(ctx.clock.now()) as Row[];
  return rows.map((r) => ({ kind: 'complaint', id: r.id, label: label(r), due_at: r.due_at }));
}

/**
 * Complaints and suggestions that came in after hours ([004] 3.1: 下班后客户提出
 * 的各种投诉和服务要求), open or already closed: first heard (or else
 * registered) in [since, until), registered by now.
 */
export function afterHoursItems(ctx: Ctx, since: number, until: number): CarriedItem[] {
  const rows = ctx.db
    .prepare(
      `SELECT c.id, c.unit, c.address, c.subject, c.status, c.kind, ${NEXT_DUE} AS due_at
         FROM complaints c
        WHERE c.received_at >= ? AND c.received_at <= ?
          AND COALESCE(c.heard_at, c.received_at) >= ? AND COALESCE(c.heard_at, c.received_at) < ?
        ORDER BY c.received_at, c.id`,
    )
    .all(since, ctx.clock.now(), since, until) as Row[];
  return rows.map((r) => ({ kind: 'complaint', id: r.id, label: label(r), due_at: r.due_at }));
}
