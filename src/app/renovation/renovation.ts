// Renovation use cases (SPEC §13): application, plan review, permit, passes,
// extinguishers, inspections and notices, completion, joint acceptance and the
// deposit. Every write is one transaction with one audit entry; the rules are
// domain/renovation.ts's check* functions, the SQL store/renovation.ts's.
import { NotFound, RuleRefused, UsageError } from '../../errors.js';
import {
  type RenovationStatus,
  type Trade,
  type Refusal,
  type RenovationFacts,
  ACCEPT_WITHIN,
  NOTICE_DEFAULT_DAYS,
  checkAccept,
  checkApprove,
  checkComplete,
  checkDates,
  checkExtinguishers,
  checkInspect,
  checkPass,
  checkRectify,
  checkRefund,
  checkReview,
  extinguishersNeeded,
  passExpired,
  statusAfterRectified,
  statusAfterViolation,
} from '../../domain/renovation.js';
import { isValidPhone, normalizePhone, roleAtLeast, type Role } from '../../domain/people.js';
import { DAY, localDate } from '../../domain/time.js';
import { dueAfter, parseDuration } from '../../domain/duration.js';
import { nextId } from '../../store/common.js';
import { writeTx } from '../../store/db.js';
import * as store from '../../store/renovation.js';
import type { NoticeRow, PassRow, InspectionRow, RenovationRow } from '../../store/renovation.js';
import { type Ctx, type Actor, audit, eventTime, idDate, requireWriter } from '../context.js';
import { addDocument } from '../archive/dossiers.js';

export type { RenovationRow, NoticeRow, PassRow, InspectionRow };

export interface RenovationView extends RenovationRow {
  area_m2: number | null;
  extinguishers_needed: number;
  passes: (PassRow & { expires: string; expired: boolean })[];
  notices: NoticeRow[];
  inspections: InspectionRow[];
  open_notices: number;
}

function refuse(r: Refusal | null): void {
  if (r) throw new RuleRefused(r.key, r.params ?? {}, r.fix);
}

/** Who may do a step: a role at least `min`, in `dept` unless director or above. */
function requireRole(ctx: Ctx, min: Role, dept: string | null, action: string): Actor | null {
  const a = requireWriter(ctx, { action });
  if (!a) return null;
  const ok = roleAtLeast(a.role, min) && (!dept || a.department === dept || roleAtLeast(a.role, 'director'));
  if (!ok) throw new RuleRefused('err.reno_role', { code: a.code, action, need: `enum.reno_need_${dept ?? 'any'}_${min}` }, 'fix.ask_role');
  return a;
}

export function getRenovation(ctx: Ctx, id: string): RenovationRow {
  const r = store.getRenovationRow(ctx.db, id.trim().toUpperCase());
  if (!r) throw new NotFound('err.reno_not_found', { id }, 'fix.reno_list');
  return r;
}

function facts(ctx: Ctx, r: RenovationRow): RenovationFacts {
  return { id: r.id, status: r.status, start: r.start_date, end: r.end_date, deposit_fen: r.deposit_fen, open_notices: store.countOpenNotices(ctx.db, r.id) };
}

export function renovationView(ctx: Ctx, id: string): RenovationView {
  const r = getRenovation(ctx, id);
  const u = store.unitFacts(ctx.db, r.unit);
  const today = localDate(ctx.clock.now(), ctx.tz);
  const notices = store.noticesOf(ctx.db, r.id);
  return {
    ...r,
    area_m2: u?.area_m2 ?? null,
    extinguishers_needed: extinguishersNeeded(u?.area_m2),
    passes: store.passesOf(ctx.db, r.id).map((p) => ({ ...p, expires: r.end_date, expired: passExpired(r.end_date, today) })),
    notices,
    inspections: store.inspectionsOf(ctx.db, r.id),
    open_notices: notices.filter((n) => n.rectified_at === null).length,
  };
}

function setStatus(ctx: Ctx, r: RenovationRow, fields: Partial<RenovationRow>, action: string, note?: unknown): RenovationView {
  store.updateRenovation(ctx.db, r.id, { ...fields, updated_at: ctx.clock.now() });
  const after = store.getRenovationRow(ctx.db, r.id)!;
  const diff = (row: RenovationRow) => Object.fromEntries(Object.keys(fields).map((k) => [k, row[k as keyof RenovationRow]]));
  audit(ctx, 'renovation.' + action, 'renovation:' + r.id, diff(r), note === undefined ? diff(after) : { ...diff(after), ...(note as object) });
  return renovationView(ctx, r.id);
}

// ---- application and permit -------------------------------------------------

export interface ApplyInput {
  unit: string;
  contractor: string;
  contractorPhone: string;
  scope: string;
  /** YYYY-MM-DD */
  start: string;
  end: string;
  depositFen: number;
  at?: string;
}

export function applyRenovation(ctx: Ctx, i: ApplyInput): RenovationView {
  return writeTx(ctx.db, () => {
    const a = requireRole(ctx, 'clerk', null, 'action.reno_apply');
    const unit = store.unitFacts(ctx.db, i.unit.trim());
    if (!unit) throw new NotFound('err.unit_not_found', { label: i.unit }, 'fix.unit_list');
    if (!i.contractor.trim()) throw new UsageError('err.missing_options', { list: 'field.contractor' }, 'fix.give_options');
    if (!i.scope.trim()) throw new UsageError('err.missing_options', { list: 'field.scope' }, 'fix.give_options');
    if (!isValidPhone(i.contractorPhone)) throw new UsageError('err.bad_phone', { column: 'field.contractor_phone', value: i.contractorPhone }, 'fix.phone');
    const bad = checkDates(i.start, i.end);
    if (bad) throw new UsageError(bad.key, bad.params ?? {}, bad.fix);
    const at = eventTime(ctx, i.at);
    const id = nextId(ctx.db, 'RN', idDate(ctx, at));
    store.insertRenovation(ctx.db, {
      id,
      unit: unit.label,
      contractor: i.contractor.trim(),
      contractor_phone: normalizePhone(i.contractorPhone),
      scope: i.scope.trim(),
      start_date: i.start,
      end_date: i.end,
      deposit_fen: i.depositFen,
      applied_at: at,
      applied_by: a?.code ?? null,
      updated_at: ctx.clock.now(),
    });
    const v = renovationView(ctx, id);
    audit(ctx, 'renovation.apply', 'renovation:' + id, null, store.getRenovationRow(ctx.db, id));
    return v;
  });
}

export function reviewRenovation(ctx: Ctx, id: string, result: 'ok' | 'reject', note: string, at?: string): RenovationView {
  return writeTx(ctx.db, () => {
    const a = requireRole(ctx, 'supervisor', 'engineering', 'action.reno_review');
    const r = getRenovation(ctx, id);
    refuse(checkReview(facts(ctx, r)));
    if (!note.trim()) throw new UsageError('err.missing_options', { list: 'field.note' }, 'fix.give_options');
    const when = eventTime(ctx, at, r.applied_at);
    return setStatus(
      ctx,
      r,
      { status: result === 'ok' ? 'reviewed' : 'rejected', reviewed_at: when, reviewed_by: a?.code ?? null, review_note: note.trim() },
      'review',
    );
  });
}

/** The permit: a `renovation_file` paper goes into the unit's dossier (when it has one). */
export function approveRenovation(ctx: Ctx, id: string, at?: string): RenovationView & { filed: string | null } {
  return writeTx(ctx.db, () => {
    const a = requireRole(ctx, 'manager', 'cs', 'action.reno_approve');
    const r = getRenovation(ctx, id);
    refuse(checkApprove(facts(ctx, r)));
    const when = eventTime(ctx, at, r.reviewed_at);
    let filed: string | null = null;
    if (store.hasDossier(ctx.db, r.unit)) filed = addDocument(ctx, r.unit, { type: 'renovation_file', ref: `${r.id} 装修许可证`, note: r.scope, at }).id;
    const v = setStatus(ctx, r, { status: 'approved', approved_at: when, approved_by: a?.code ?? null, permit_doc: filed }, 'approve');
    return { ...v, filed };
  });
}

// ---- on site -------------------------------------------------------------------

export interface PassInput {
  name: string;
  idNumber: string;
  trade: Trade;
  certificate?: string;
  at?: string;
}

export function addPass(ctx: Ctx, id: string, p: PassInput): RenovationView {
  return writeTx(ctx.db, () => {
    const a = requireRole(ctx, 'clerk', null, 'action.reno_pass');
    const r = getRenovation(ctx, id);
    if (!p.name.trim()) throw new UsageError('err.missing_options', { list: 'field.name' }, 'fix.give_options');
    const when = eventTime(ctx, p.at, r.approved_at);
    const idNumber = p.idNumber.trim().toUpperCase();
    refuse(checkPass(facts(ctx, r), { name: p.name.trim(), idNumber, trade: p.trade, certificate: p.certificate, today: localDate(when, ctx.tz) }));
    store.insertPass(ctx.db, {
      renovation_id: r.id,
      name: p.name.trim(),
      id_number: idNumber,
      trade: p.trade,
      certificate: p.certificate?.trim() || null,
      issued_at: when,
      issued_by: a?.code ?? null,
    });
    audit(ctx, 'renovation.pass', 'renovation:' + r.id, null, { name: p.name.trim(), trade: p.trade, certificate: p.certificate ?? null });
    return renovationView(ctx, r.id);
  });
}

export function recordExtinguishers(ctx: Ctx, id: string, count: number, at?: string): RenovationView {
  return writeTx(ctx.db, () => {
    requireRole(ctx, 'clerk', null, 'action.reno_extinguishers');
    const r = getRenovation(ctx, id);
    const u = store.unitFacts(ctx.db, r.unit);
    refuse(checkExtinguishers(facts(ctx, r), count, u?.area_m2 ?? null));
    const when = eventTime(ctx, at, r.approved_at);
    return setStatus(ctx, r, { extinguishers: count, extinguishers_at: when }, 'extinguishers');
  });
}

export interface InspectInput {
  result: 'ok' | 'violation';
  serious: boolean;
  note: string;
  /** a time or duration text (`3d`, `2026-12-10 18:00`); default 3 days */
  due?: { at: number } | { duration: string };
  at?: string;
}

/** A site check; a violation issues a notice (RV…), a serious one stops the work. */
export function inspectRenovation(ctx: Ctx, id: string, i: InspectInput): RenovationView & { notice: string | null } {
  return writeTx(ctx.db, () => {
    const a = ctx.actor;
    if (a && !(roleAtLeast(a.role, 'clerk') || a.department === 'engineering'))
      throw new RuleRefused('err.reno_role', { code: a.code, action: 'action.reno_inspect', need: 'enum.reno_need_inspect' }, 'fix.ask_role');
    requireWriter(ctx, { action: 'action.reno_inspect' });
    const r = getRenovation(ctx, id);
    refuse(checkInspect(facts(ctx, r)));
    if (!i.note.trim()) throw new UsageError('err.missing_options', { list: 'field.note' }, 'fix.give_options');
    const when = eventTime(ctx, i.at, r.approved_at);
    let notice: string | null = null;
    if (i.result === 'violation') {
      const due = !i.due ? when + NOTICE_DEFAULT_DAYS * DAY : 'at' in i.due ? i.due.at : dueAfter(when, parseDuration(i.due.duration), ctx.calendar(), ctx.tz);
      if (due <= when) throw new UsageError('err.reno_due_past', {}, 'fix.reno_due');
      notice = nextId(ctx.db, 'RV', idDate(ctx, when));
      store.insertNotice(ctx.db, {
        id: notice,
        renovation_id: r.id,
        serious: i.serious ? 1 : 0,
        note: i.note.trim(),
        issued_at: when,
        issued_by: a?.code ?? null,
        due_at: due,
      });
    }
    store.insertInspection(ctx.db, {
      renovation_id: r.id,
      at: when,
      by: a?.code ?? null,
      result: i.result,
      serious: i.serious ? 1 : 0,
      note: i.note.trim(),
      notice_id: notice,
    });
    const status = i.result === 'violation' ? statusAfterViolation(r.status, i.serious) : r.status;
    const v = setStatus(ctx, r, { status, last_inspected_at: Math.max(when, r.last_inspected_at ?? 0) }, 'inspect', {
      result: i.result,
      serious: i.serious,
      notice,
    });
    return { ...v, notice };
  });
}

export function getNotice(ctx: Ctx, id: string): NoticeRow {
  const n = store.getNoticeRow(ctx.db, id.trim().toUpperCase());
  if (!n) throw new NotFound('err.reno_notice_not_found', { id }, 'fix.reno_list');
  return n;
}

export function rectifyNotice(ctx: Ctx, noticeId: string, note: string, at?: string): RenovationView & { resumed: boolean } {
  return writeTx(ctx.db, () => {
    const a = requireRole(ctx, 'clerk', null, 'action.reno_rectified');
    const n = getNotice(ctx, noticeId);
    refuse(checkRectify(n));
    if (!note.trim()) throw new UsageError('err.missing_options', { list: 'field.note' }, 'fix.give_options');
    const when = eventTime(ctx, at, n.issued_at);
    store.rectifyNotice(ctx.db, n.id, when, a?.code ?? null, note.trim());
    const r = getRenovation(ctx, n.renovation_id);
    const status = statusAfterRectified(r.status, store.countOpenNotices(ctx.db, r.id));
    const v = setStatus(ctx, r, { status }, 'rectified', { notice: n.id });
    return { ...v, resumed: r.status === 'stopped' && status === 'approved' };
  });
}

// ---- completion, acceptance, deposit -------------------------------------------

export function completeRenovation(ctx: Ctx, id: string, at?: string): RenovationView {
  return writeTx(ctx.db, () => {
    const a = requireRole(ctx, 'clerk', null, 'action.reno_complete');
    const r = getRenovation(ctx, id);
    refuse(checkComplete(facts(ctx, r)));
    const when = eventTime(ctx, at, r.approved_at);
    return setStatus(ctx, r, { status: 'completed', completed_at: when, completed_by: a?.code ?? null }, 'complete');
  });
}

/** When a completion should be accepted by: 3 working days (shared calendar). */
export function acceptanceDue(ctx: Ctx, completedAt: number): number {
  return dueAfter(completedAt, parseDuration(ACCEPT_WITHIN), ctx.calendar(), ctx.tz);
}

/** Joint acceptance with a cs staff member; a pass files the record in the dossier, a fail sends the site back to work. */
export function acceptRenovation(
  ctx: Ctx,
  id: string,
  result: 'pass' | 'fail',
  note: string,
  withCode: string,
  at?: string,
): RenovationView & { filed: string | null } {
  return writeTx(ctx.db, () => {
    const a = requireRole(ctx, 'supervisor', 'engineering', 'action.reno_accept');
    const r = getRenovation(ctx, id);
    refuse(checkAccept(facts(ctx, r)));
    if (!note.trim()) throw new UsageError('err.missing_options', { list: 'field.note' }, 'fix.give_options');
    const w = store.staffBrief(ctx.db, withCode.trim()) ?? store.staffBrief(ctx.db, withCode.trim().toUpperCase());
    if (!w) throw new NotFound('err.staff_not_found', { code: withCode }, 'fix.staff_list');
    if (!w.active) throw new RuleRefused('err.staff_inactive', { code: w.code }, 'fix.staff_active');
    if (w.department !== 'cs') throw new RuleRefused('err.reno_with_not_cs', { code: w.code }, 'fix.reno_with');
    const when = eventTime(ctx, at, r.completed_at);
    let filed: string | null = null;
    if (result === 'pass' && store.hasDossier(ctx.db, r.unit)) {
      // The acceptance record is filed with the desk member present as the filer.
      filed = addDocument(
        { ...ctx, actor: ctx.actor && w.department === 'cs' ? { code: w.code, name: w.name, role: w.role as Role, department: w.department } : ctx.actor },
        r.unit,
        {
          type: 'renovation_file',
          ref: `${r.id} 装修验收记录`,
          note: note.trim(),
          at,
        },
      ).id;
    }
    const fields: Partial<RenovationRow> =
      result === 'pass'
        ? {
            status: 'accepted',
            accepted_at: when,
            accepted_by: a?.code ?? null,
            accepted_with: w.code,
            accept_result: 'pass',
            accept_note: note.trim(),
            accept_doc: filed,
          }
        : { status: 'approved', completed_at: null, completed_by: null, accept_result: 'fail', accept_note: note.trim(), accepted_with: w.code };
    const v = setStatus(ctx, r, fields, 'accept');
    return { ...v, filed };
  });
}

export function refundDeposit(ctx: Ctx, id: string, deductFen: number, reason: string | undefined, at?: string): RenovationView {
  return writeTx(ctx.db, () => {
    const a = requireRole(ctx, 'manager', 'cs', 'action.reno_refund');
    const r = getRenovation(ctx, id);
    refuse(checkRefund(facts(ctx, r), deductFen, reason));
    const when = eventTime(ctx, at, r.accepted_at);
    return setStatus(
      ctx,
      r,
      { status: 'closed', refunded_at: when, refunded_by: a?.code ?? null, deduct_fen: deductFen, deduct_reason: reason?.trim() || null },
      'refund',
    );
  });
}

// ---- reading ----------------------------------------------------------------------

export function listRenovations(ctx: Ctx, f: { status?: RenovationStatus; unit?: string }): RenovationView[] {
  return store.listRenovationRows(ctx.db, f).map((r) => renovationView(ctx, r.id));
}

/** Units with a permit in force (approved or stopped): they join the daily units patrol (SPEC §12). */
export function activeRenovationUnits(ctx: Ctx): string[] {
  return store.activeUnits(ctx.db);
}

/** A printable form: the violation notice (with its notice) or the permit (notice null). */
export interface FormView {
  notice: NoticeRow | null;
  renovation: RenovationView;
  owner: string | null;
}

function formOf(ctx: Ctx, renovationId: string, notice: NoticeRow | null): FormView {
  const r = renovationView(ctx, renovationId);
  const u = store.unitFacts(ctx.db, r.unit);
  return { notice, renovation: r, owner: u ? (u.occupancy === 'tenant' && u.tenant_name ? u.tenant_name : u.owner_name) : null };
}

export function noticeForm(ctx: Ctx, id: string): FormView {
  const n = getNotice(ctx, id);
  return formOf(ctx, n.renovation_id, n);
}

export function permitForm(ctx: Ctx, id: string): FormView {
  return formOf(ctx, getRenovation(ctx, id).id, null);
}
