// Areas and visits (《巡访、回访记录表》, [001] 3.13, 4.7.2): each clerk visits
// the households of their area, a quarter's share at a time.
import { NotFound, RuleRefused, UsageError } from '../../errors.js';
import { getSetting, nextId } from '../../store/common.js';
import { writeTx } from '../../store/db.js';
import { visitStore, type VisitRow } from '../../store/visit.js';
import { DEFAULT_VISIT_TARGET, planLine, visitTarget, type PlanLine, type VisitMethod } from '../../domain/visit.js';
import { startOfLocalDay, type Period } from '../../domain/time.js';
import { audit, eventTime, findActor, idDate, requireWriter, type Ctx } from '../context.js';
import { newComplaint, note as complaintNote } from '../complaint/workflow.js';
import { createRequest } from '../request/workflow.js';

export function visitTargetSetting(ctx: Ctx): number {
  const v = getSetting<number>(ctx.db, 'visit.target', DEFAULT_VISIT_TARGET);
  return typeof v === 'number' && v > 0 && v <= 1 ? v : DEFAULT_VISIT_TARGET;
}

export function setArea(ctx: Ctx, staff: string, buildings: string[]): { staff: string; buildings: string[] } {
  requireWriter(ctx, { minRole: 'supervisor', action: 'action.visit_area' });
  findActor(ctx.db, staff); // exit 3 unknown, 4 inactive
  const missing = visitStore.buildingsExist(ctx.db, buildings);
  if (missing.length) throw new NotFound('err.no_building', { building: missing.join(', ') }, 'fix.unit_list');
  writeTx(ctx.db, () => {
    visitStore.setArea(ctx.db, staff, buildings, ctx.clock.now(), ctx.actor?.code ?? null);
    audit(ctx, 'visit.area', 'staff:' + staff, null, { buildings });
  });
  return { staff, buildings };
}

/** Each clerk's area: staff code → buildings. */
export function areasByStaff(ctx: Ctx): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const a of visitStore.areas(ctx.db)) m.set(a.staff_code, [...(m.get(a.staff_code) ?? []), a.building]);
  return m;
}

/** Per clerk, the quarter's target and the occupied units of the area still to visit. */
export function visitPlan(ctx: Ctx, q: Period, staff?: string): PlanLine[] {
  const visited = visitStore.visitedUnits(ctx.db, q.since, q.until);
  const target = visitTargetSetting(ctx);
  const out: PlanLine[] = [];
  for (const [code, buildings] of areasByStaff(ctx)) {
    if (staff && code !== staff) continue;
    out.push(planLine(code, buildings, visitStore.occupiedUnits(ctx.db, buildings), visited, target));
  }
  return out;
}

export interface RecordVisit {
  unit: string;
  method: VisitMethod;
  note: string;
  issue?: string;
  raise?: 'request' | 'complaint';
  at?: string;
}

export function recordVisit(ctx: Ctx, i: RecordVisit): VisitRow {
  requireWriter(ctx, { minRole: 'clerk', action: 'action.visit_record' });
  if (i.raise && !i.issue) throw new UsageError('err.raise_needs_issue', {}, 'fix.raise_needs_issue');
  const u = visitStore.unitContact(ctx.db, i.unit);
  if (!u) throw new NotFound('err.no_unit', { unit: i.unit }, 'fix.unit_list');
  const at = eventTime(ctx, i.at);
  return writeTx(ctx.db, () => {
    const v: VisitRow = {
      id: nextId(ctx.db, 'V', idDate(ctx, at)),
      unit: u.label,
      method: i.method,
      at,
      by: ctx.actor?.code ?? null,
      note: i.note,
      issue: i.issue ?? null,
      raised_kind: null,
      raised_id: null,
    };
    visitStore.insertVisit(ctx.db, v);
    audit(ctx, 'visit.record', 'visit:' + v.id, null, v);
    if (i.raise === 'complaint') {
      const let_ = u.occupancy === 'tenant' && u.tenant_name;
      const name = (let_ ? u.tenant_name : u.owner_name) ?? '';
      const phone = (let_ ? u.tenant_phone : u.owner_phone) ?? '';
      if (!name || !phone) throw new RuleRefused('err.raise_no_contact', { unit: u.label }, 'fix.raise_no_contact');
      const c = newComplaint(ctx, { unit: u.label, name, phone, subject: i.issue!, channel: 'visit', description: i.note, at: i.at });
      // Linked both ways: the visit names the complaint, the complaint's timeline the visit.
      complaintNote(ctx, c.id, { text: v.id, at: i.at });
      visitStore.linkVisit(ctx.db, v.id, 'complaint', c.id);
      v.raised_kind = 'complaint';
      v.raised_id = c.id;
    }
    if (i.raise === 'request') {
      // Through the request module's one entry point (SPEC §11): a repair at the unit, from this visit.
      const let_ = u.occupancy === 'tenant' && u.tenant_name;
      const name = (let_ ? u.tenant_name : u.owner_name) ?? '';
      const phone = (let_ ? u.tenant_phone : u.owner_phone) ?? '';
      if (!name || !phone) throw new RuleRefused('err.raise_no_contact', { unit: u.label }, 'fix.raise_no_contact');
      const r = createRequest(ctx, {
        kind: 'repair',
        place: u.label,
        name,
        phone,
        subject: i.issue!,
        description: i.note,
        channel: 'visit',
        at,
        source: 'visit:' + v.id,
      });
      visitStore.linkVisit(ctx.db, v.id, 'request', r.id);
      v.raised_kind = 'request';
      v.raised_id = r.id;
    }
    return v;
  });
}

export function listVisits(ctx: Ctx, f: { since?: number; until?: number; unit?: string; by?: string; limit?: number }): VisitRow[] {
  return visitStore.listVisits(ctx.db, f);
}

export function getVisit(ctx: Ctx, id: string): VisitRow {
  const v = visitStore.getVisit(ctx.db, id);
  if (!v) throw new NotFound('err.no_visit', { id }, 'fix.visit_list');
  return v;
}

/** Clerks short of the quarter's target, from counts only (the overdue scan: no unit lists). */
export function shortfalls(ctx: Ctx, q: Period): { staff: string; visited: number; target: number }[] {
  const target = visitTargetSetting(ctx);
  const out: { staff: string; visited: number; target: number }[] = [];
  for (const [staff, buildings] of areasByStaff(ctx)) {
    const c = visitStore.areaCounts(ctx.db, buildings, q.since, q.until);
    const t = visitTarget(c.occupied, target);
    if (c.visited < t) out.push({ staff, visited: c.visited, target: t });
  }
  return out;
}

/**
 * Where the module's cadences count from (SPEC §8 v2): the site setting
 * `visit.since` (a date), else the module's first record (a visit, a survey
 * or an event), else null: nothing is owed before the site starts.
 */
export function visitSince(ctx: Ctx): number | null {
  const set = getSetting<string | null>(ctx.db, 'visit.since', null);
  if (set) return startOfLocalDay(set, ctx.tz);
  const firsts = [visitStore.firstVisitAt(ctx.db), visitStore.firstSurveyAt(ctx.db), visitStore.firstEventAt(ctx.db)].filter((x): x is number => x !== null);
  return firsts.length ? Math.min(...firsts) : null;
}
