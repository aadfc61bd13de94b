// Patrol use cases (SPEC §12): start a patrol with its checklist, check items,
// finish (unchecked items named), list and show, the site's area lists, the
// monthly contractor rating. Every write runs in one immediate transaction
// with one audit entry; all SQL is in src/store/patrol.ts.
import { NotFound, RuleRefused, UsageError } from '../../errors.js';
import {
  type AreaList,
  type CheckResult,
  type Contractor,
  type PatrolKind,
  type Refusal,
  SOLUTION_WITHIN,
  checkChecklist,
  checkFixedFlag,
  checkJoint,
  checkOpen,
  checkRating,
  checkRecheck,
  defaultAreas,
  defaultDept,
} from '../../domain/patrol.js';
import { dueAfter, parseDuration } from '../../domain/duration.js';
import { localDate } from '../../domain/time.js';
import { TEXT_LIMITS, hasForbiddenControl, overLimit, type TextKind } from '../../domain/limits.js';
import { type Actor, type Ctx, audit, eventTime, findActor, idDate, requireWriter } from '../context.js';
import { writeTx } from '../../store/db.js';
import { activeRenovationUnits } from '../renovation/renovation.js';
import { getSetting, setSetting } from '../../store/common.js';
import * as store from '../../store/patrol.js';
import type { FindingRow, ItemRow, PatrolListRow, PatrolRow, RatingRow } from '../../store/patrol.js';

/** Text as typed, within the shared limits (src/domain/limits.ts): over the limit or with control characters is a usage error. */
export function limitText(field: string, kind: TextKind, v: string | undefined): string | undefined {
  if (v === undefined) return v;
  const over = overLimit(kind, v);
  if (over) throw new UsageError('err.patrol_text_too_long', { field, max: TEXT_LIMITS[kind] }, 'fix.patrol_text_too_long');
  if (hasForbiddenControl(v)) throw new UsageError('err.patrol_text_control', { field }, 'fix.patrol_text_too_long');
  return v;
}

export function refuse(r: Refusal | null): void {
  if (r) throw new RuleRefused(r.key, r.params ?? {}, r.fix);
}

/**
 * Units under renovation (SPEC §13), patrolled daily with the vacant ones
 * ([001] 篇2 3.4): those with a permit in force (approved or stopped), from
 * the renovation register.
 */
export function unitsUnderRenovation(ctx: Ctx): string[] {
  return activeRenovationUnits(ctx);
}

const AREAS_KEY = (list: AreaList) => `patrol.areas.${list}`;
export const SINCE_KEY = 'patrol.since';
export const SOLUTION_KEY = 'patrol.solution_within';

export function getAreas(ctx: Ctx, list: AreaList): string[] {
  return getSetting<string[]>(ctx.db, AREAS_KEY(list), defaultAreas(list));
}

export function setAreas(ctx: Ctx, list: AreaList, items: string[]): string[] {
  requireWriter(ctx, { minRole: 'supervisor', action: 'action.patrol_areas' });
  const clean = [...new Set(items.map((s) => s.trim()).filter(Boolean))];
  for (const c of clean) limitText('ITEM', 'label', c);
  if (!clean.length) throw new UsageError('err.patrol_areas_empty', { list }, 'fix.patrol_areas');
  return writeTx(ctx.db, () => {
    const before = getAreas(ctx, list);
    setSetting(ctx.db, AREAS_KEY(list), clean, ctx.clock.now(), ctx.actor?.code ?? null);
    audit(ctx, 'patrol.areas', 'setting:' + AREAS_KEY(list), before, clean);
    return clean;
  });
}

/** The first local date the cadence counts from: `patrol.since`, else the first patrol's day, else null. */
export function patrolSince(ctx: Ctx): string | null {
  return getSetting<string | null>(ctx.db, SINCE_KEY, null) ?? store.firstPatrolDay(ctx.db);
}

export function setPatrolSince(ctx: Ctx, date: string): string {
  requireWriter(ctx, { minRole: 'supervisor', action: 'action.patrol_areas' });
  return writeTx(ctx.db, () => {
    const before = getSetting<string | null>(ctx.db, SINCE_KEY, null);
    setSetting(ctx.db, SINCE_KEY, date, ctx.clock.now(), ctx.actor?.code ?? null);
    audit(ctx, 'patrol.since', 'setting:' + SINCE_KEY, before, date);
    return date;
  });
}

export interface Member {
  code: string;
  name: string;
  department: string;
}

export interface PatrolView {
  patrol: PatrolRow;
  with: Member[];
  by_name: string | null;
  items: ItemRow[];
  findings: FindingRow[];
}

function view(ctx: Ctx, id: string): PatrolView {
  const p = store.getPatrol(ctx.db, id);
  if (!p) throw new NotFound('err.patrol_not_found', { id }, 'fix.patrol_list');
  const codes = JSON.parse(p.with_staff) as string[];
  const names = store.staffNames(ctx.db, [...codes, ...(p.by ? [p.by] : [])]);
  return {
    patrol: p,
    with: codes.map((c) => {
      const s = store.staffBrief(ctx.db, c);
      return { code: c, name: names.get(c) ?? c, department: s?.department ?? '' };
    }),
    by_name: p.by ? (names.get(p.by) ?? null) : null,
    items: store.patrolItems(ctx.db, id),
    findings: store.patrolFindings(ctx.db, id),
  };
}

export function showPatrol(ctx: Ctx, id: string): PatrolView {
  return view(ctx, id.trim().toUpperCase());
}

/** The checklist a patrol of this kind starts with. */
export function checklist(ctx: Ctx, kind: PatrolKind): { item: string; unit: string | null }[] {
  if (kind === 'units') {
    const vacant = store.vacantUnits(ctx.db);
    const seen = new Set(vacant);
    const renovating = store.unitsInOrder(
      ctx.db,
      unitsUnderRenovation(ctx).filter((u) => !seen.has(u)),
    );
    // Vacant and renovating units together, in the roster's natural order.
    const all = renovating.length ? store.unitsInOrder(ctx.db, [...vacant, ...renovating]) : vacant;
    return all.map((u) => ({ item: u, unit: u }));
  }
  return getAreas(ctx, kind).map((a) => ({ item: a, unit: null }));
}

export interface StartInput {
  kind: PatrolKind;
  building?: string;
  with: string[];
  at?: string;
}

export function startPatrol(ctx: Ctx, o: StartInput): PatrolView {
  const actor = requireWriter(ctx, { action: 'action.patrol_start' });
  const members: Actor[] = [];
  for (const code of [...new Set(o.with.map((c) => c.trim()).filter(Boolean))]) members.push(findActor(ctx.db, code));
  refuse(checkJoint(o.kind, members));
  let building: string | null = null;
  if (o.kind === 'public') {
    if (!o.building?.trim()) throw new UsageError('err.patrol_building_required', {}, 'fix.patrol_building');
    building = o.building.trim();
    if (store.anyUnit(ctx.db) && !store.hasBuilding(ctx.db, building)) throw new NotFound('err.patrol_no_building', { building }, 'fix.unit_list');
  } else if (o.building?.trim()) throw new UsageError('err.patrol_building_public_only', {}, 'fix.patrol_building');
  const items = checklist(ctx, o.kind);
  refuse(
    checkChecklist(
      o.kind,
      items.map((i) => i.item),
    ),
  );
  return writeTx(ctx.db, () => {
    const at = eventTime(ctx, o.at);
    const id = store.newPatrolId(ctx.db, idDate(ctx, at));
    store.insertPatrol(ctx.db, {
      id,
      kind: o.kind,
      building,
      status: 'open',
      day: localDate(at, ctx.tz),
      started_at: at,
      by: actor?.code ?? null,
      with_staff: JSON.stringify(members.map((m) => m.code)),
      created_at: ctx.clock.now(),
    });
    store.insertItems(ctx.db, id, items);
    audit(ctx, 'patrol.start', 'patrol:' + id, null, { kind: o.kind, building, with: members.map((m) => m.code), items: items.length });
    return view(ctx, id);
  });
}

/** ITEM as typed: its number on the checklist, or its text (a unit label, an area). */
export function findItem(items: ItemRow[], text: string): ItemRow | undefined {
  const t = text.normalize('NFKC').trim();
  if (/^\d+$/.test(t)) {
    const bySeq = items.find((i) => i.seq === Number(t));
    if (bySeq && !items.some((i) => i.item === t)) return bySeq;
  }
  return items.find((i) => i.item.normalize('NFKC') === t) ?? items.find((i) => i.item.normalize('NFKC').toLowerCase() === t.toLowerCase());
}

export interface CheckInput {
  id: string;
  item: string;
  result: Exclude<CheckResult, 'not_checked'>;
  note?: string;
  fixed?: boolean;
  /** the department a finding goes to (default by kind) */
  dept?: string;
  at?: string;
}

export interface CheckOutcome extends PatrolView {
  checked: ItemRow;
  finding: FindingRow | null;
}

export function checkItem(ctx: Ctx, o: CheckInput): CheckOutcome {
  const actor = requireWriter(ctx, { action: 'action.patrol_check' });
  refuse(checkFixedFlag(o.result, !!o.fixed));
  limitText('field.note', 'note', o.note);
  return writeTx(ctx.db, () => {
    const p = store.getPatrol(ctx.db, o.id.trim().toUpperCase());
    if (!p) throw new NotFound('err.patrol_not_found', { id: o.id }, 'fix.patrol_list');
    refuse(checkOpen(p));
    const it = findItem(store.patrolItems(ctx.db, p.id), o.item);
    if (!it) throw new NotFound('err.patrol_item_not_found', { id: p.id, item: o.item }, 'fix.patrol_show');
    refuse(checkRecheck(it));
    const at = eventTime(ctx, o.at, p.started_at);
    let finding: FindingRow | null = null;
    if (o.result === 'issue' && !o.fixed) {
      const fid = store.newFindingId(ctx.db, idDate(ctx, at));
      const within = getSetting<string>(ctx.db, SOLUTION_KEY, SOLUTION_WITHIN);
      const due = dueAfter(at, parseDuration(within), ctx.calendar(), ctx.tz);
      store.insertFinding(ctx.db, {
        id: fid,
        patrol_id: p.id,
        item: it.item,
        unit: it.unit,
        dept: o.dept ?? defaultDept(p.kind),
        note: o.note?.trim() || null,
        status: 'open',
        opened_at: at,
        opened_by: actor?.code ?? null,
        solution_due_at: due,
      });
      finding = store.getFinding(ctx.db, fid)!;
      audit(ctx, 'finding.open', 'finding:' + fid, null, { patrol: p.id, item: it.item, dept: finding.dept, solution_due_at: due });
    }
    store.setItemResult(ctx.db, {
      patrol_id: p.id,
      seq: it.seq,
      result: o.result,
      note: o.note?.trim() || null,
      fixed: !!o.fixed,
      at,
      by: actor?.code ?? null,
      finding_id: finding?.id ?? null,
    });
    audit(ctx, 'patrol.check', 'patrol:' + p.id, it.result ? { item: it.item, result: it.result } : null, {
      item: it.item,
      result: o.result,
      fixed: !!o.fixed,
      finding: finding?.id ?? null,
    });
    const after = view(ctx, p.id);
    return { ...after, checked: after.items.find((i) => i.seq === it.seq)!, finding };
  });
}

export interface FinishOutcome extends PatrolView {
  unchecked: string[];
}

export function finishPatrol(ctx: Ctx, o: { id: string; note?: string; at?: string }): FinishOutcome {
  const actor = requireWriter(ctx, { action: 'action.patrol_finish' });
  limitText('field.note', 'note', o.note);
  return writeTx(ctx.db, () => {
    const p = store.getPatrol(ctx.db, o.id.trim().toUpperCase());
    if (!p) throw new NotFound('err.patrol_not_found', { id: o.id }, 'fix.patrol_list');
    refuse(checkOpen(p));
    const last = Math.max(p.started_at, ...store.patrolItems(ctx.db, p.id).map((i) => i.checked_at ?? 0));
    const at = eventTime(ctx, o.at, last);
    const unchecked = store.markUnchecked(ctx.db, p.id, at, actor?.code ?? null);
    store.finishPatrol(ctx.db, p.id, at, o.note?.trim() || null);
    audit(ctx, 'patrol.finish', 'patrol:' + p.id, { status: 'open' }, { status: 'finished', not_checked: unchecked });
    return { ...view(ctx, p.id), unchecked };
  });
}

export function listPatrols(ctx: Ctx, f: { kind?: PatrolKind; status?: 'open' | 'finished'; since?: number; until?: number; limit?: number }): PatrolListRow[] {
  return store.listPatrols(ctx.db, { ...f, limit: f.limit ?? 0 });
}

export function ratePatrol(ctx: Ctx, o: { month: string; contractor: Contractor; score: number; note: string }): RatingRow & { previous: RatingRow | null } {
  const actor = requireWriter(ctx, { minRole: 'supervisor', action: 'action.patrol_rate' });
  if (!o.note.trim()) throw new UsageError('err.patrol_rate_note', {}, 'fix.patrol_rate_note');
  limitText('field.note', 'note', o.note);
  const now = ctx.clock.now();
  refuse(checkRating(o.month, localDate(now, ctx.tz).slice(0, 7), o.score));
  return writeTx(ctx.db, () => {
    const before = store.getRating(ctx.db, o.month, o.contractor) ?? null;
    const row: RatingRow = { month: o.month, contractor: o.contractor, score: o.score, note: o.note.trim(), rated_at: now, rated_by: actor?.code ?? null };
    store.upsertRating(ctx.db, row);
    audit(ctx, 'patrol.rate', `rating:${o.month}/${o.contractor}`, before, row);
    return { ...row, previous: before };
  });
}

export function listRatings(ctx: Ctx, fromMonth: string, toMonth: string): RatingRow[] {
  return store.ratingsBetween(ctx.db, fromMonth, toMonth);
}
