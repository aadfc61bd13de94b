import type { Ctx } from '../context.js';
import type { CarriedItem } from '../carry-types.js';
import { heardBetween, openForCarry, type CarryRow } from '../../store/complaint.js';

function label(r: CarryRow): string {
  return `${r.unit ?? r.address ?? ''} ${r.subject} · ${r.kind === 'suggestion' ? 'suggestion, ' : ''}${r.status}`.trim();
}

/**
 * Open items of the complaint module that a shift handover carries (see
 * src/app/carry-types.ts): every complaint or suggestion not closed, registered
 * by now ([002] 交接班时，将每项客户投诉问题向接班人交代清楚).
 */
export function openItems(ctx: Ctx): CarriedItem[] {
  const rows = openForCarry(ctx.db, ctx.clock.now());
  return rows.map((r) => ({ kind: 'complaint', id: r.id, label: label(r), due_at: r.due_at }));
}

/**
 * Complaints and suggestions that came in after hours ([004] 3.1: 下班后客户提出
 * 的各种投诉和服务要求), open or already closed: first heard (or else
 * registered) in [since, until), registered by now.
 */
export function afterHoursItems(ctx: Ctx, since: number, until: number): CarriedItem[] {
  const rows = heardBetween(ctx.db, since, until, ctx.clock.now());
  return rows.map((r) => ({ kind: 'complaint', id: r.id, label: label(r), due_at: r.due_at }));
}
