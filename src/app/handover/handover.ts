// Shift handover (交接班, SPEC §6, [004] 客服部交接班管理制度): the giver records
// the checklist and diary, the open items of every module are carried in, the
// taker acknowledges each line and signs (or refuses), the supervisor reviews
// each day.
import { NotFound, RuleRefused, UsageError } from '../../errors.js';
import { roleAtLeast } from '../../domain/people.js';
import {
  acceptBlockers,
  afterHoursWindow,
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
import { type Actor, type Ctx, audit, eventTime, findActor, idDate, requireWriter } from '../context.js';
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

export type HandoverStatus = 'pending' | 'accepted' | 'refused';

export interface HandoverRow {
  id: string;
  shift: string;
  shift_date: string;
  with_dept: string | null;
  from_staff: string;
  to_staff: string;
  status: HandoverStatus;
  started_at: number;
  accepted_at: number | null;
  refused_at: number | null;
  refuse_reason: string | null;
  created_at: number;
  updated_at: number;
}

export interface ItemRow {
  handover_id: string;
  seq: number;
  kind: string;
  item: string;
  label: string;
  due_at: number | null;
  after_hours: number;
  result: 'ok' | 'fail' | null;
  note: string | null;
  checked_at: number | null;
  checked_by: string | null;
}

export interface NoteRow {
  at: number;
  by: string | null;
  text: string;
}

export interface DayRow {
  date: string;
  reviewed_at: number | null;
  reviewed_by: string | null;
  note: string | null;
}

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
  return getSetting<ChecklistDef[]>(ctx.db, CHECKLIST_KEY, DEFAULT_CHECKLIST.map((code) => ({ code, label: '' })));
}

const CODE_RE = /^[a-z][a-z0-9_]{0,31}$/;

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
    if (!before.some((x) => x.code === code)) throw new NotFound('err.handover_shift_unknown', { value: code, list: before.map((s) => s.code).join(', ') }, 'fix.handover_shift_list');
    const after = before.filter((x) => x.code !== code);
    if (!after.length) throw new RuleRefused('err.handover_last_shift', {}, 'fix.handover_shift_add');
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
  const h = ctx.db.prepare('SELECT * FROM handovers WHERE id = ? COLLATE NOCASE').get(id.trim()) as HandoverRow | undefined;
  if (!h) throw new NotFound('err.handover_not_found', { id }, 'fix.handover_list');
  return h;
}

function items(ctx: Ctx, id: string): ItemRow[] {
  return ctx.db.prepare('SELECT * FROM handover_items WHERE handover_id = ? ORDER BY seq').all(id) as ItemRow[];
}

function staffName(ctx: Ctx, code: string | null): string | null {
  if (!code) return null;
  return (ctx.db.prepare('SELECT name FROM staff WHERE code = ?').get(code) as { name: string } | undefined)?.name ?? null;
}

export function viewHandover(ctx: Ctx, id: string): HandoverView {
  const h = getHandover(ctx, id);
  const day = (ctx.db.prepare('SELECT * FROM handover_days WHERE date = ?').get(h.shift_date) as DayRow | undefined) ?? null;
  const def = getShifts(ctx).find((s) => s.code === h.shift);
  const b = def ? shiftBounds(def, h.shift_date, ctx.tz) : null;
  return {
    ...h,
    from_name: staffName(ctx, h.from_staff),
    to_name: staffName(ctx, h.to_staff),
    items: items(ctx, h.id),
    diary: ctx.db.prepare('SELECT at, by, text FROM handover_notes WHERE handover_id = ? ORDER BY at, id').all(h.id) as NoteRow[],
    day,
    reviewer_name: staffName(ctx, day?.reviewed_by ?? null),
    shift_start: b?.start ?? null,
    shift_end: b?.end ?? null,
  };
}

export interface ListFilter {
  since?: number;
  until?: number;
  date?: string;
  status?: HandoverStatus;
  shift?: string;
  limit?: number;
}

export interface ListRow extends HandoverRow {
  open_items: number;
  failed_items: number;
  carried: number;
  reviewed_at: number | null;
}

export function listHandovers(ctx: Ctx, f: ListFilter): ListRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.date) {
    where.push('h.shift_date = ?');
    args.push(f.date);
  }
  if (f.since !== undefined) {
    where.push('h.started_at >= ?');
    args.push(f.since);
  }
  if (f.until !== undefined) {
    where.push('h.started_at < ?');
    args.push(f.until);
  }
  if (f.status) {
    where.push('h.status = ?');
    args.push(f.status);
  }
  if (f.shift) {
    where.push('h.shift = ?');
    args.push(f.shift);
  }
  return ctx.db
    .prepare(
      `SELECT h.*,
         (SELECT COUNT(*) FROM handover_items i WHERE i.handover_id = h.id AND i.result IS NULL) AS open_items,
         (SELECT COUNT(*) FROM handover_items i WHERE i.handover_id = h.id AND i.result = 'fail') AS failed_items,
         (SELECT COUNT(*) FROM handover_items i WHERE i.handover_id = h.id AND i.kind <> 'checklist') AS carried,
         d.reviewed_at
       FROM handovers h LEFT JOIN handover_days d ON d.date = h.shift_date
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY h.started_at DESC, h.id DESC LIMIT ?`,
    )
    .all(...args, f.limit ?? 100) as ListRow[];
}

// ---------- writing ----------

function actorRequired(ctx: Ctx, action: string): Actor {
  const a = requireWriter(ctx, { action });
  if (!a) throw new RuleRefused('err.actor_required', {}, 'fix.actor');
  return a;
}

function requirePending(h: HandoverRow): void {
  if (h.status !== 'pending') throw new RuleRefused('err.handover_closed', { id: h.id, status: h.status }, 'fix.handover_new');
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
    // [004] §1: desk staff hand over to each other; §3: the monitoring room's guards take part in the security handover.
    if (!roleAtLeast(giver.role, 'clerk') && !(security && giver.department === 'security'))
      throw new RuleRefused('err.handover_start_role', { code: giver.code, role: giver.role }, 'fix.ask_role');
    const taker = findActor(ctx.db, o.to.trim());
    if (taker.code === giver.code) throw new RuleRefused('err.handover_giver_is_taker', { code: giver.code }, 'fix.handover_other_taker');
    if (security && (giver.department === 'security') === (taker.department === 'security'))
      throw new RuleRefused('err.handover_security_side', {}, 'fix.handover_security_side');
    if (!security && !roleAtLeast(taker.role, 'clerk'))
      throw new RuleRefused('err.handover_taker_role', { code: taker.code, role: taker.role }, 'fix.handover_with_security');
    if (security && taker.department !== 'security' && !roleAtLeast(taker.role, 'clerk'))
      throw new RuleRefused('err.handover_taker_role', { code: taker.code, role: taker.role }, 'fix.handover_other_taker');

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

    const same = ctx.db
      .prepare("SELECT id, status FROM handovers WHERE shift_date = ? AND shift = ? AND status IN ('pending','accepted') AND with_dept IS ?")
      .get(date, shift.code, withDept) as { id: string; status: string } | undefined;
    if (same?.status === 'accepted')
      throw new RuleRefused('err.handover_already_accepted', { shift: shift.code, date, id: same.id }, 'fix.handover_show');
    if (same) throw new RuleRefused('err.handover_already_pending', { shift: shift.code, date, id: same.id }, 'fix.handover_finish_pending');

    const id = nextId(ctx.db, 'H', idDate(ctx, started));
    const now = ctx.clock.now();
    ctx.db
      .prepare(
        `INSERT INTO handovers(id, shift, shift_date, with_dept, from_staff, to_staff, status, started_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
      )
      .run(id, shift.code, date, withDept, giver.code, taker.code, started, now, now);

    const ins = ctx.db.prepare(
      'INSERT INTO handover_items(handover_id, seq, kind, item, label, due_at, after_hours) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const seen = new Set<string>();
    let seq = 0;
    const add = (kind: string, item: string, label: string, due: number | null | undefined, afterHours: boolean) => {
      const k = item.toLowerCase();
      if (seen.has(k)) return;
      seen.add(k);
      ins.run(id, ++seq, kind, item, label, due ?? null, afterHours ? 1 : 0);
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
    const earlier = ctx.db
      .prepare(
        `SELECT i.item, i.label, i.due_at, i.after_hours FROM handover_items i JOIN handovers h ON h.id = i.handover_id
          WHERE h.shift_date = ? AND h.shift = ? AND h.with_dept IS ? AND h.status = 'refused' AND i.kind = 'request' ORDER BY h.started_at, i.seq`,
      )
      .all(date, shift.code, withDept) as { item: string; label: string; due_at: number | null; after_hours: number }[];
    for (const r of earlier) add('request', r.item, r.label, r.due_at, !!r.after_hours);

    ctx.db.prepare('INSERT OR IGNORE INTO handover_days(date) VALUES (?)').run(date);
    audit(ctx, 'handover.start', 'handover:' + id, null, { shift: shift.code, shift_date: date, with: withDept, from: giver.code, to: taker.code, started_at: started, items: seq });
    return id;
  });
  return viewHandover(ctx, id);
}

const CARRIED_KINDS_TAKER_ONLY = new Set(['complaint', 'key_loan', 'archive_loan', 'action', 'request', 'service_request']);

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
  if (!o.items.length) throw new UsageError('err.missing_options', { list: 'ITEM' }, 'fix.give_options');
  const hid = writeTx(ctx.db, () => {
    const a = actorRequired(ctx, 'action.handover_check');
    const h = getHandover(ctx, id);
    requirePending(h);
    if (a.code !== h.from_staff && a.code !== h.to_staff)
      throw new RuleRefused('err.handover_not_party', { code: a.code, id: h.id, from: h.from_staff, to: h.to_staff }, 'fix.handover_as_party');
    const at = eventTime(ctx, o.at, h.started_at);
    const get = ctx.db.prepare('SELECT * FROM handover_items WHERE handover_id = ? AND item = ?');
    const upd = ctx.db.prepare('UPDATE handover_items SET result = ?, note = ?, checked_at = ?, checked_by = ? WHERE handover_id = ? AND item = ?');
    for (const raw of o.items) {
      const it = get.get(h.id, raw.trim()) as ItemRow | undefined;
      if (!it) throw new NotFound('err.handover_item_not_found', { item: raw, id: h.id }, 'fix.handover_show');
      // Carried items are the taker's to acknowledge one by one ([002], [004] 1.5).
      if (CARRIED_KINDS_TAKER_ONLY.has(it.kind) && a.code !== h.to_staff)
        throw new RuleRefused('err.handover_carried_taker', { item: it.item, to: h.to_staff }, 'fix.handover_as_taker');
      upd.run(norm, o.note?.trim() || null, at, a.code, h.id, it.item);
      audit(ctx, 'handover.check', 'handover:' + h.id, { item: it.item, result: it.result, note: it.note }, { item: it.item, result: norm, note: o.note?.trim() || null });
    }
    ctx.db.prepare('UPDATE handovers SET updated_at = ? WHERE id = ?').run(ctx.clock.now(), h.id);
    return h.id;
  });
  return viewHandover(ctx, hid);
}

/** The diary and after-hours requests are the giver's, while the form waits for the taker. */
function giverOfPending(ctx: Ctx, id: string): { a: Actor; h: HandoverRow } {
  const a = actorRequired(ctx, 'action.handover_note');
  const h = getHandover(ctx, id);
  requirePending(h);
  if (a.code !== h.from_staff) throw new RuleRefused('err.handover_not_giver', { code: a.code, id: h.id, from: h.from_staff }, 'fix.handover_as_giver');
  return { a, h };
}

export function addNote(ctx: Ctx, id: string, text: string, atText?: string): HandoverView {
  if (!text.trim()) throw new UsageError('err.missing_options', { list: 'TEXT' }, 'fix.give_options');
  const hid = writeTx(ctx.db, () => {
    const { a, h } = giverOfPending(ctx, id);
    const at = eventTime(ctx, atText);
    ctx.db.prepare('INSERT INTO handover_notes(handover_id, at, by, text) VALUES (?, ?, ?, ?)').run(h.id, at, a.code, text.trim());
    ctx.db.prepare('UPDATE handovers SET updated_at = ? WHERE id = ?').run(ctx.clock.now(), h.id);
    audit(ctx, 'handover.note', 'handover:' + h.id, null, { at, text: text.trim() });
    return h.id;
  });
  return viewHandover(ctx, hid);
}

/** A service request taken after hours (服务要求), added to the form as a line the taker acknowledges. */
export function addRequest(ctx: Ctx, id: string, text: string, unit?: string): HandoverView {
  if (!text.trim()) throw new UsageError('err.missing_options', { list: 'TEXT' }, 'fix.give_options');
  const hid = writeTx(ctx.db, () => {
    const { a, h } = giverOfPending(ctx, id);
    if (unit && !ctx.db.prepare('SELECT 1 FROM units WHERE label = ?').get(unit.trim()))
      throw new NotFound('err.unit_not_found', { label: unit }, 'fix.unit_list');
    const n = (ctx.db.prepare("SELECT COUNT(*) n FROM handover_items WHERE handover_id = ? AND kind = 'request'").get(h.id) as { n: number }).n + 1;
    const seq = (ctx.db.prepare('SELECT COALESCE(MAX(seq), 0) m FROM handover_items WHERE handover_id = ?').get(h.id) as { m: number }).m + 1;
    const label = `${unit ? unit.trim() + ' ' : ''}${text.trim()}`;
    ctx.db
      .prepare("INSERT INTO handover_items(handover_id, seq, kind, item, label, after_hours) VALUES (?, ?, 'request', ?, ?, ?)")
      .run(h.id, seq, `R${n}`, label, h.with_dept === 'security' ? 1 : 0);
    audit(ctx, 'handover.request', 'handover:' + h.id, null, { item: `R${n}`, label });
    return h.id;
  });
  return viewHandover(ctx, hid);
}

function requireTaker(a: Actor, h: HandoverRow): void {
  if (a.code !== h.to_staff) throw new RuleRefused('err.handover_not_taker', { code: a.code, id: h.id, to: h.to_staff }, 'fix.handover_as_taker');
}

export function acceptHandover(ctx: Ctx, id: string, atText?: string): HandoverView {
  const hid = writeTx(ctx.db, () => {
    const a = actorRequired(ctx, 'action.handover_accept');
    const h = getHandover(ctx, id);
    const blockers = acceptBlockers({ from: h.from_staff, to: h.to_staff, status: h.status, lines: items(ctx, h.id) });
    for (const b of blockers) {
      if (b.rule === 'giver_is_taker') throw new RuleRefused('err.handover_giver_is_taker', { code: h.from_staff }, 'fix.handover_other_taker');
      if (b.rule === 'not_pending') throw new RuleRefused('err.handover_closed', { id: h.id, status: b.status }, 'fix.handover_new');
    }
    requireTaker(a, h);
    const open = blockers.find((b) => b.rule === 'unacknowledged');
    if (open && open.rule === 'unacknowledged') {
      const shown = open.items.slice(0, 8).join(', ') + (open.items.length > 8 ? ' …' : '');
      throw new RuleRefused('err.handover_unacknowledged', { n: open.items.length, items: shown }, 'fix.handover_check_each');
    }
    const at = eventTime(ctx, atText, lastEvent(ctx, h));
    ctx.db.prepare("UPDATE handovers SET status = 'accepted', accepted_at = ?, updated_at = ? WHERE id = ?").run(at, ctx.clock.now(), h.id);
    audit(ctx, 'handover.accept', 'handover:' + h.id, { status: h.status }, { status: 'accepted', accepted_at: at });
    return h.id;
  });
  return viewHandover(ctx, hid);
}

/** The latest event on the form: acceptance or refusal cannot be dated before it. */
function lastEvent(ctx: Ctx, h: HandoverRow): number {
  const r = ctx.db.prepare('SELECT MAX(checked_at) m FROM handover_items WHERE handover_id = ?').get(h.id) as { m: number | null };
  return Math.max(h.started_at, r.m ?? 0);
}

export function refuseHandover(ctx: Ctx, id: string, reason: string, atText?: string): HandoverView {
  if (!reason?.trim()) throw new UsageError('err.missing_options', { list: '--reason' }, 'fix.give_options');
  const hid = writeTx(ctx.db, () => {
    const a = actorRequired(ctx, 'action.handover_refuse');
    const h = getHandover(ctx, id);
    requirePending(h);
    requireTaker(a, h);
    const at = eventTime(ctx, atText, h.started_at);
    ctx.db
      .prepare("UPDATE handovers SET status = 'refused', refused_at = ?, refuse_reason = ?, updated_at = ? WHERE id = ?")
      .run(at, reason.trim(), ctx.clock.now(), h.id);
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
  const acc = new Set(
    (ctx.db.prepare("SELECT shift FROM handovers WHERE shift_date = ? AND status = 'accepted'").all(date) as { shift: string }[]).map((r) => r.shift),
  );
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
    if (now < lastEnd) throw new RuleRefused('err.handover_day_not_over', { date }, 'fix.handover_review_later');
    const day = ctx.db.prepare('SELECT * FROM handover_days WHERE date = ?').get(date) as DayRow | undefined;
    if (day?.reviewed_at) throw new RuleRefused('err.handover_reviewed', { date, by: day.reviewed_by ?? '' }, 'fix.handover_show');
    const pending = ctx.db.prepare("SELECT id FROM handovers WHERE shift_date = ? AND status = 'pending' ORDER BY id").all(date) as { id: string }[];
    if (pending.length)
      throw new RuleRefused('err.handover_review_pending', { date, ids: pending.map((p) => p.id).join(', ') }, 'fix.handover_finish_pending');
    ctx.db
      .prepare(
        'INSERT INTO handover_days(date, reviewed_at, reviewed_by, note) VALUES (?, ?, ?, ?) ON CONFLICT(date) DO UPDATE SET reviewed_at = excluded.reviewed_at, reviewed_by = excluded.reviewed_by, note = excluded.note',
      )
      .run(date, at, ctx.actor?.code ?? null, note?.trim() || null);
    audit(ctx, 'handover.review', 'handover:' + date, day ?? null, { date, reviewed_at: at, note: note?.trim() || null });
  });
  const day = ctx.db.prepare('SELECT * FROM handover_days WHERE date = ?').get(date) as DayRow;
  return {
    day,
    reviewer_name: staffName(ctx, day.reviewed_by),
    handovers: listHandovers(ctx, { date, limit: 1000 }).reverse(),
    missing: missingShifts(ctx, date),
  };
}

export { reviewDue, localDate, addDays };
