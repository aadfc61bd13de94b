// Findings (SPEC §12): what a patrol found that could not be fixed on the
// spot. Solution due in 3 days ([001] 篇2 3.11), then the fix deadline the
// responsible department sets with the solution; both deadlines from the
// shared duration engine (src/domain/duration.ts).
import { createRequest } from '../request/workflow.js';
import { NotFound, RuleRefused, UsageError } from '../../errors.js';
import { checkFix, checkPlan } from '../../domain/patrol.js';
import { dueAfter, isDuration, parseDuration } from '../../domain/duration.js';
import { parseTime } from '../../domain/time.js';
import { type Ctx, audit, eventTime, requireWriter } from '../context.js';
import { writeTx } from '../../store/db.js';
import * as store from '../../store/patrol.js';
import type { FindingRow } from '../../store/patrol.js';
import { limitText, refuse } from './patrols.js';

function get(ctx: Ctx, id: string): FindingRow {
  const f = store.getFinding(ctx.db, id.trim().toUpperCase());
  if (!f) throw new NotFound('err.finding_not_found', { id }, 'fix.finding_list');
  return f;
}

export function showFinding(ctx: Ctx, id: string): FindingRow {
  return get(ctx, id);
}

/** `--due`: a time (`2026-12-10 18:00`, `tomorrow 17:00`) or a duration from the plan (`2d`, `3wd`). */
function parseDue(ctx: Ctx, due: string, from: number): number {
  return isDuration(due) ? dueAfter(from, parseDuration(due), ctx.calendar(), ctx.tz) : parseTime(due, ctx.clock.now(), ctx.tz);
}

export function planFinding(ctx: Ctx, o: { id: string; note: string; due: string; at?: string }): FindingRow {
  requireWriter(ctx, { action: 'action.finding_plan' });
  if (!o.note.trim()) throw new UsageError('err.finding_note_required', {}, 'fix.finding_note_required');
  limitText('field.note', 'note', o.note);
  return writeTx(ctx.db, () => {
    const f = get(ctx, o.id);
    const at = eventTime(ctx, o.at, f.opened_at);
    const due = parseDue(ctx, o.due, at);
    refuse(checkPlan(f, at, due));
    store.planFinding(ctx.db, f.id, o.note.trim(), at, ctx.actor?.code ?? null, due);
    audit(
      ctx,
      'finding.plan',
      'finding:' + f.id,
      { status: f.status, solution: f.solution, fix_due_at: f.fix_due_at },
      { status: 'planned', solution: o.note.trim(), fix_due_at: due },
    );
    return store.getFinding(ctx.db, f.id)!;
  });
}

export function fixFinding(ctx: Ctx, o: { id: string; note: string; at?: string }): FindingRow {
  requireWriter(ctx, { action: 'action.finding_fix' });
  if (!o.note.trim()) throw new UsageError('err.finding_note_required', {}, 'fix.finding_note_required');
  limitText('field.note', 'note', o.note);
  return writeTx(ctx.db, () => {
    const f = get(ctx, o.id);
    refuse(checkFix(f));
    const at = eventTime(ctx, o.at, f.planned_at ?? f.opened_at);
    store.fixFinding(ctx.db, f.id, o.note.trim(), at, ctx.actor?.code ?? null);
    audit(ctx, 'finding.fix', 'finding:' + f.id, { status: f.status }, { status: 'fixed', fix_note: o.note.trim(), fixed_at: at });
    return store.getFinding(ctx.db, f.id)!;
  });
}

export function listFindings(ctx: Ctx, status: 'open' | 'overdue' | 'all', limit = 0): FindingRow[] {
  return store.listFindings(ctx.db, status, ctx.clock.now(), limit);
}

/**
 * The one place a finding becomes a repair request (SPEC §11), through the
 * request module's own intake (createRequest): the place is the finding's unit
 * or the patrol's building, the subject its item and note, the requester the
 * staff member raising it; the two are linked both ways (findings.request_id,
 * the request's source).
 */
export function raiseRepairRequest(ctx: Ctx, f: FindingRow): string {
  const p = store.getPatrol(ctx.db, f.patrol_id);
  const who = ctx.actor;
  const phone = who ? store.staffPhone(ctx.db, who.code) : null;
  if (!who || !phone) throw new RuleRefused('err.finding_request_contact', { id: f.id }, 'fix.finding_request_contact');
  return writeTx(ctx.db, () => {
    const r = createRequest(ctx, {
      kind: 'repair',
      place: f.unit ?? p?.building ?? f.item,
      name: who.name,
      phone,
      subject: [f.item, f.note].filter(Boolean).join('：'),
      channel: 'patrol',
      source: 'finding:' + f.id,
    });
    store.setFindingRequest(ctx.db, f.id, r.id);
    audit(ctx, 'finding.to_request', 'finding:' + f.id, null, { request: r.id });
    return r.id;
  });
}

export function findingToRequest(ctx: Ctx, id: string): FindingRow & { request: string } {
  requireWriter(ctx, { action: 'action.finding_to_request' });
  const f = get(ctx, id);
  refuse(checkFix(f));
  if (f.request_id) throw new RuleRefused('err.finding_has_request', { id: f.id, request: f.request_id }, 'fix.finding_show');
  const request = raiseRepairRequest(ctx, f);
  return { ...store.getFinding(ctx.db, f.id)!, request };
}
