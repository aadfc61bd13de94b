// Shift handover (交接班, SPEC §6, [004] 客服部交接班管理制度): the giver records
// the checklist and diary, the open items of every module are carried in, the
// taker acknowledges each line and signs (or refuses), the supervisor reviews
// each day.
import { NotFound, RuleRefused, UsageError } from '../../errors.js';
import type { Refusal } from '../../domain/keys.js';
import {
  afterHoursWindow,
  checkAccept,
  checkGiver,
  checkGiverOf,
  checkLineMarker,
  checkParty,
  checkPending,
  checkReview,
  checkShiftFree,
  checkShiftsLeft,
  checkTaker,
  checkTakerOf,
  DEFAULT_CHECKLIST,
  DEFAULT_SHIFTS,
  isHhmm,
  normHhmm,
  reviewDue,
  shiftBounds,
  shiftDateFor,
  shiftEndingNear,
  type ShiftDef,
} from '../../domain/handover.js';
import { addDays, localDate, parseDate } from '../../domain/time.js';
import { writeTx } from '../../store/db.js';
import { getSetting, nextId, setSetting } from '../../store/common.js';
import { staffByCode } from '../../store/people.js';
import * as store from '../../store/handover.js';
import type { DayRow, HandoverRow, ItemRow, ListFilter, ListRow, NoteRow } from '../../store/handover.js';
import { type Actor, type Ctx, audit, eventTime, idDate, requireActiveStaff, requireWriter } from '../context.js';
import type { CarriedItem } from '../carry-types.js';
import { openItems as openComplaints, afterHoursItems } from '../complaint/carry.js';
import { openItems as openKeyLoans } from '../key/carry.js';
import { openItems as openArchiveLoans } from '../archive/carry.js';
import { openItems as openActions } from '../meeting/carry.js';
import { openItems as openRequests } from '../request/carry.js';
import { openItems as openFindings } from '../patrol/carry.js';

export const SHIFTS_KEY = 'handover.shifts';
export const CHECKLIST_KEY = 'handover.checklist';

export interface ChecklistDef {
  code: string;
  /** the site's own wording; empty for the defaults, which are translated */
  label: string;
}

export type { DayRow, HandoverRow, HandoverStatus, ItemRow, ListFilter, ListRow, NoteRow } from '../../store/handover.js';

export interface HandoverView extends HandoverRow {
  from_name: string | null;
  to_name: string | null;
  items: ItemRow[];
  diary: NoteRow[];
  day: DayRow | null;
  reviewer_name: string | null;
  shift_start: number | null;
  shift_end: number | null;
}

// ---------- site settings ----------

export function getShifts(ctx: Ctx): ShiftDef[] {
  return getSetting<ShiftDef[]>(ctx.db, SHIFTS_KEY, DEFAULT_SHIFTS);
}

export function getChecklist(ctx: Ctx): ChecklistDef[] {
  return getSetting<ChecklistDef[]>(
    ctx.db,
    CHECKLIST_KEY,
    DEFAULT_CHECKLIST.map((code) => ({ code, label: '' })),
  );
}

const CODE_RE = /^[a-z][a-z0-9_]{0,31}$/;

function refuse(r: Refusal | null): void {
  if (r) throw new RuleRefused(r.key, r.params ?? {}, r.fix);
}

function configPermission(ctx: Ctx): void {
  requireWriter(ctx, { minRole: 'supervisor', action: 'action.handover_config' });
}

export function setShift(ctx: Ctx, code: string, start: string, end: string): ShiftDef[] {
  if (!CODE_RE.test(code)) throw new UsageError('err.handover_bad_code', { value: code }, 'fix.handover_code');
  for (const v of [start, end]) if (!isHhmm(v)) throw new UsageError('err.bad_time', { value: v }, 'fix.handover_hhmm');
  return writeTx(ctx.db, () => {
    configPermission(ctx);
    const before = getShifts(ctx);
    const s: ShiftDef = { code, start: normHhmm(start), end: normHhmm(end) };
    const after = before.some((x) => x.code === code) ? before.map((x) => (x.code === code ? s : x)) : [...before, s];
    setSetting(ctx.db, SHIFTS_KEY, after, ctx.clock.now(), ctx.actor?.code ?? null);
    audit(ctx, 'handover.shift_set', 'setting:' + SHIFTS_KEY, before, after);
    return after;
  });
}

export function removeShift(ctx: Ctx, code: string): ShiftDef[] {
  return writeTx(ctx.db, () => {
    configPermission(ctx);
    const before = getShifts(ctx);
    if (!before.some((x) => x.code === code))
      throw new NotFound('err.handover_shift_unknown', { value: code, list: before.map((s) => s.code).join(', ') }, 'fix.handover_shift_list');
    const after = before.filter((x) => x.code !== code);
    refuse(checkShiftsLeft(after));
    setSetting(ctx.db, SHIFTS_KEY, after, ctx.clock.now(), ctx.actor?.code ?? null);
    audit(ctx, 'handover.shift_remove', 'setting:' + SHIFTS_KEY, before, after);
    return after;
  });
}

export function addChecklistItem(ctx: Ctx, code: string, label: string): ChecklistDef[] {
  if (!CODE_RE.test(code)) throw new UsageError('err.handover_bad_code', { value: code }, 'fix.handover_code');
  return writeTx(ctx.db, () => {
    configPermission(ctx);
    const before = getChecklist(ctx);
    const after = before.some((x) => x.code === code) ? before.map((x) => (x.code === code ? { code, label } : x)) : [...before, { code, label }];
    setSetting(ctx.db, CHECKLIST_KEY, after, ctx.clock.now(), ctx.actor?.code ?? null);
    audit(ctx, 'handover.checklist_set', 'setting:' + CHECKLIST_KEY, before, after);
    return after;
  });
}

export function removeChecklistItem(ctx: Ctx, code: string): ChecklistDef[] {
  return writeTx(ctx.db, () => {
    configPermission(ctx);
    const before = getChecklist(ctx);
    if (!before.some((x) => x.code === code)) throw new NotFound('err.handover_checklist_unknown', { value: code }, 'fix.handover_checklist');
    const after = before.filter((x) => x.code !== code);
    setSetting(ctx.db, CHECKLIST_KEY, after, ctx.clock.now(), ctx.actor?.code ?? null);
    audit(ctx, 'handover.checklist_remove', 'setting:' + CHECKLIST_KEY, before, after);
    return after;
  });
}

// ---------- reading ----------

export function getHandover(ctx: Ctx, id: string): HandoverRow {
  const h = store.findHandover(ctx.db, id.trim());
  if (!h) throw new NotFound('err.handover_not_found', { id }, 'fix.handover_list');
  return h;
}

function items(ctx: Ctx, id: string): ItemRow[] {
  return store.itemsOf(ctx.db, id);
}

function staffName(ctx: Ctx, code: string | null): string | null {
  if (!code) return null;
  return staffByCode(ctx.db, code)?.name ?? null;
}

export function viewHandover(ctx: Ctx, id: string): HandoverView {
  const h = getHandover(ctx, id);
  const day = store.dayOf(ctx.db, h.shift_date) ?? null;
  const def = getShifts(ctx).find((s) => s.code === h.shift);
  const b = def ? shiftBounds(def, h.shift_date, ctx.tz) : null;
  return {
    ...h,
    from_name: staffName(ctx, h.from_staff),
    to_name: staffName(ctx, h.to_staff),
    items: items(ctx, h.id),
    diary: store.notesOf(ctx.db, h.id),
    day,
    reviewer_name: staffName(ctx, day?.reviewed_by ?? null),
    shift_start: b?.start ?? null,
    shift_end: b?.end ?? null,
  };
}

export function listHandovers(ctx: Ctx, f: ListFilter): ListRow[] {
  return store.listHandovers(ctx.db, f);
}

// ---------- writing ----------

function actorRequired(ctx: Ctx, action: string): Actor {
  const a = requireWriter(ctx, { action });
  if (!a) throw new RuleRefused('err.actor_required', {}, 'fix.actor');
  return a;
}

export interface StartInput {
  shift?: string;
  to: string;
  with?: string;
  at?: string;
}

/** The time-shifted context a carry function reads "open as of" from. */
function asOf(ctx: Ctx, t: number): Ctx {
  return { ...ctx, clock: { now: () => t } };
}

export function startHandover(ctx: Ctx, o: StartInput): HandoverView {
  const id = writeTx(ctx.db, () => {
    const withDept = o.with ? o.with.trim().toLowerCase() : null;
    if (withDept !== null && withDept !== 'security') throw new UsageError('err.handover_bad_with', { value: o.with! }, 'fix.handover_with');
    const giver = actorRequired(ctx, 'action.handover_start');
    const security = withDept === 'security';
    refuse(checkGiver(giver, security));
    const taker = requireActiveStaff(ctx.db, o.to.trim());
    refuse(checkTaker(giver, taker, security));

    const started = eventTime(ctx, o.at);
    const shifts = getShifts(ctx);
    let shift: ShiftDef;
    let date: string;
    if (o.shift) {
      const s = shifts.find((x) => x.code === o.shift!.trim().toLowerCase());
      if (!s) throw new UsageError('err.handover_shift_unknown', { value: o.shift, list: shifts.map((x) => x.code).join(', ') }, 'fix.handover_shift_list');
      shift = s;
      date = shiftDateFor(s, started, ctx.tz);
    } else ({ shift, date } = shiftEndingNear(shifts, started, ctx.tz));

    refuse(checkShiftFree(store.liveHandoverOf(ctx.db, date, shift.code, withDept), shift.code, date));

    const id = nextId(ctx.db, 'H', idDate(ctx, started));
    const now = ctx.clock.now();
    store.insertHandover(ctx.db, {
      id,
      shift: shift.code,
      shift_date: date,
      with_dept: withDept,
      from_staff: giver.code,
      to_staff: taker.code,
      started_at: started,
      now,
    });

    const seen = new Set<string>();
    let seq = 0;
    const add = (kind: string, item: string, label: string, due: number | null | undefined, afterHours: boolean) => {
      const k = item.toLowerCase();
      if (seen.has(k)) return;
      seen.add(k);
      store.insertItem(ctx.db, { handover_id: id, seq: ++seq, kind, item, label, due_at: due ?? null, after_hours: afterHours });
    };
    for (const c of getChecklist(ctx)) add('checklist', c.code, c.label, null, false);
    const then = asOf(ctx, started);
    const carried: CarriedItem[] = [];
    if (security) {
      const w = afterHoursWindow(started, ctx.tz);
      if (w) for (const c of afterHoursItems(then, w.since, w.until)) add(c.kind, c.id, c.label, c.due_at, true);
    }
    carried.push(...openComplaints(then), ...openKeyLoans(then), ...openArchiveLoans(then), ...openActions(then), ...openRequests(then), ...openFindings(then));
    for (const c of carried) add(c.kind, c.id, c.label, c.due_at, false);
    // Requests written on a refused form of this shift are not lost when the giver starts again.
    for (const r of store.refusedRequestLines(ctx.db, date, shift.code, withDept)) add('request', r.item, r.label, r.due_at, !!r.after_hours);

    store.ensureDay(ctx.db, date);
    audit(ctx, 'handover.start', 'handover:' + id, null, {
      shift: shift.code,
      shift_date: date,
      with: withDept,
      from: giver.code,
      to: taker.code,
      started_at: started,
      items: seq,
    });
    return id;
  });
  return viewHandover(ctx, id);
}

export interface CheckInput {
  items: string[];
  result: string;
  note?: string;
  at?: string;
}

export function checkItems(ctx: Ctx, id: string, o: CheckInput): HandoverView {
  const result = o.result.trim().toLowerCase();
  const norm = result === '√' || result === 'v' ? 'ok' : result === '×' || result === 'x' ? 'fail' : result;
  if (norm !== 'ok' && norm !== 'fail') throw new UsageError('err.handover_bad_result', { value: o.result }, 'fix.handover_result');
  // [004] 2.1: × marks an abnormal condition, which the form must describe.
  if (norm === 'fail' && !o.note?.trim()) throw new UsageError('err.handover_fail_note', {}, 'fix.handover_fail_note');
  if (!o.items.length) throw new UsageError('err.missing_options', { list: 'field.items' }, 'fix.give_options');
  const hid = writeTx(ctx.db, () => {
    const a = actorRequired(ctx, 'action.handover_check');
    const h = getHandover(ctx, id);
    refuse(checkPending(h));
    refuse(checkParty(a.code, h));
    const at = eventTime(ctx, o.at, h.started_at);
    for (const raw of o.items) {
      const it = store.itemOf(ctx.db, h.id, raw.trim());
      if (!it) throw new NotFound('err.handover_item_not_found', { item: raw, id: h.id }, 'fix.handover_show');
      refuse(checkLineMarker(a.code, it, h));
      store.checkItem(ctx.db, { handover_id: h.id, item: it.item, result: norm, note: o.note?.trim() || null, at, by: a.code });
      audit(
        ctx,
        'handover.check',
        'handover:' + h.id,
        { item: it.item, result: it.result, note: it.note },
        { item: it.item, result: norm, note: o.note?.trim() || null },
      );
    }
    store.touchHandover(ctx.db, h.id, ctx.clock.now());
    return h.id;
  });
  return viewHandover(ctx, hid);
}

/** The diary and after-hours requests are the giver's, while the form waits for the taker. */
function giverOfPending(ctx: Ctx, id: string): { a: Actor; h: HandoverRow } {
  const a = actorRequired(ctx, 'action.handover_note');
  const h = getHandover(ctx, id);
  refuse(checkPending(h));
  refuse(checkGiverOf(a.code, h));
  return { a, h };
}

export function addNote(ctx: Ctx, id: string, text: string, atText?: string): HandoverView {
  if (!text.trim()) throw new UsageError('err.missing_options', { list: 'field.text' }, 'fix.give_options');
  const hid = writeTx(ctx.db, () => {
    const { a, h } = giverOfPending(ctx, id);
    const at = eventTime(ctx, atText);
    store.insertNote(ctx.db, h.id, at, a.code, text.trim());
    store.touchHandover(ctx.db, h.id, ctx.clock.now());
    audit(ctx, 'handover.note', 'handover:' + h.id, null, { at, text: text.trim() });
    return h.id;
  });
  return viewHandover(ctx, hid);
}

/** A service request taken after hours (服务要求), added to the form as a line the taker acknowledges. */
export function addRequest(ctx: Ctx, id: string, text: string, unit?: string): HandoverView {
  if (!text.trim()) throw new UsageError('err.missing_options', { list: 'field.text' }, 'fix.give_options');
  const hid = writeTx(ctx.db, () => {
    const { a, h } = giverOfPending(ctx, id);
    if (unit && !store.unitExists(ctx.db, unit.trim())) throw new NotFound('err.unit_not_found', { label: unit }, 'fix.unit_list');
    const n = store.requestLineCount(ctx.db, h.id) + 1;
    const seq = store.lastSeq(ctx.db, h.id) + 1;
    const label = `${unit ? unit.trim() + ' ' : ''}${text.trim()}`;
    store.insertItem(ctx.db, { handover_id: h.id, seq, kind: 'request', item: `R${n}`, label, due_at: null, after_hours: h.with_dept === 'security' });
    audit(ctx, 'handover.request', 'handover:' + h.id, null, { item: `R${n}`, label });
    return h.id;
  });
  return viewHandover(ctx, hid);
}

export function acceptHandover(ctx: Ctx, id: string, atText?: string): HandoverView {
  const hid = writeTx(ctx.db, () => {
    const a = actorRequired(ctx, 'action.handover_accept');
    const h = getHandover(ctx, id);
    refuse(checkAccept(a.code, h, items(ctx, h.id)));
    const at = eventTime(ctx, atText, lastEvent(ctx, h));
    store.markAccepted(ctx.db, h.id, at, ctx.clock.now());
    audit(ctx, 'handover.accept', 'handover:' + h.id, { status: h.status }, { status: 'accepted', accepted_at: at });
    return h.id;
  });
  return viewHandover(ctx, hid);
}

/** The latest event on the form: acceptance or refusal cannot be dated before it. */
function lastEvent(ctx: Ctx, h: HandoverRow): number {
  return Math.max(h.started_at, store.lastCheckedAt(ctx.db, h.id) ?? 0);
}

export function refuseHandover(ctx: Ctx, id: string, reason: string, atText?: string): HandoverView {
  if (!reason?.trim()) throw new UsageError('err.missing_options', { list: 'field.reason' }, 'fix.give_options');
  const hid = writeTx(ctx.db, () => {
    const a = actorRequired(ctx, 'action.handover_refuse');
    const h = getHandover(ctx, id);
    refuse(checkPending(h));
    refuse(checkTakerOf(a.code, h));
    const at = eventTime(ctx, atText, h.started_at);
    store.markRefused(ctx.db, h.id, at, reason.trim(), ctx.clock.now());
    audit(ctx, 'handover.refuse', 'handover:' + h.id, { status: h.status }, { status: 'refused', refused_at: at, reason: reason.trim() });
    return h.id;
  });
  return viewHandover(ctx, hid);
}

export interface ReviewResult {
  day: DayRow;
  reviewer_name: string | null;
  handovers: ListRow[];
  missing: { shift: string; date: string }[];
}

/** Shifts of `date` with no accepted handover (for the review and the form). */
export function missingShifts(ctx: Ctx, date: string): { shift: string; date: string }[] {
  const acc = new Set(store.acceptedShifts(ctx.db, date));
  return getShifts(ctx)
    .filter((s) => !acc.has(s.code))
    .map((s) => ({ shift: s.code, date }));
}

export function reviewDay(ctx: Ctx, dateText: string, note?: string, atText?: string): ReviewResult {
  const now = ctx.clock.now();
  const date = parseDate(dateText, now, ctx.tz);
  writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'supervisor', action: 'action.handover_review' });
    // The day is reviewable once its last shift has ended (a night shift ends the next morning).
    const lastEnd = Math.max(...getShifts(ctx).map((s) => shiftBounds(s, date, ctx.tz).end));
    const at = eventTime(ctx, atText, lastEnd);
    const day = store.dayOf(ctx.db, date);
    refuse(checkReview({ date, now, lastEnd, reviewed: !!day?.reviewed_at, reviewedBy: day?.reviewed_by, pending: store.pendingIdsOn(ctx.db, date) }));
    store.signDay(ctx.db, date, at, ctx.actor?.code ?? null, note?.trim() || null);
    audit(ctx, 'handover.review', 'handover:' + date, day ?? null, { date, reviewed_at: at, note: note?.trim() || null });
  });
  const day = store.dayOf(ctx.db, date)!;
  return {
    day,
    reviewer_name: staffName(ctx, day.reviewed_by),
    handovers: listHandovers(ctx, { date, limit: 1000 }).reverse(),
    missing: missingShifts(ctx, date),
  };
}

export { reviewDue, localDate, addDays };
