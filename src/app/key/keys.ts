// Key control use cases (SPEC §4): the register, loans, move-in issue,
// damage, loss and lock change, copies, retirement. Every write runs in one
// transaction, records a key event and appends one audit entry.
import { requireSeasoned } from '../duties.js';
import { NotFound, RuleRefused, UsageError } from '../../errors.js';
import {
  type KeyKind,
  type KeyStatus,
  type Refusal,
  type StaffRef,
  type KeyFacts,
  checkCopy,
  checkDamaged,
  checkIssue,
  checkLend,
  checkLost,
  checkRekeyed,
  checkRetire,
  checkReturn,
  defaultHolderDept,
  isOwnerOf,
  isValidLabel,
  keyClass,
  keySortKey,
  normalizeLabel,
  parseKind,
} from '../../domain/keys.js';
import { isDuration, parseDuration, dueAfter } from '../../domain/duration.js';
import { parseTime } from '../../domain/time.js';
import { isValidPhone, normalizePhone, roleAtLeast } from '../../domain/people.js';
import { type Ctx, audit, eventTime, idDate, requireActiveStaff, requireWriter } from '../context.js';
import { nextId } from '../../store/common.js';
import { writeTx } from '../../store/db.js';
import * as store from '../../store/key.js';
import { staffByCode } from '../../store/people.js';
import type { EventRow, KeyRow, LoanRow, LockChangeRow } from '../../store/key.js';
import { parseDept } from '../roster/staff.js';

export type { EventRow, KeyRow, LoanRow, LockChangeRow } from '../../store/key.js';

/** A key with its open loan (if on loan). */
export interface KeyView extends KeyRow {
  loan: LoanRow | null;
}

function refuse(r: Refusal | null): void {
  if (r) throw new RuleRefused(r.key, r.params ?? {}, r.fix);
}

const DESK = { minRole: 'clerk' as const, action: 'action.key_desk' };

/** A key by its label, or by the id of one of its loans (KL20261123-001, as a handover carries it). */
export function findKey(ctx: Ctx, label: string): KeyRow | undefined {
  const l = normalizeLabel(label);
  const k = store.keyByLabel(ctx.db, l);
  if (k || !/^KL\d{8}-\d+$/i.test(l)) return k;
  return store.keyByLoanId(ctx.db, l.toUpperCase());
}

export function getKey(ctx: Ctx, label: string): KeyRow {
  const k = findKey(ctx, label);
  if (!k) throw new NotFound('err.key_not_found', { label: normalizeLabel(label) }, 'fix.key_list');
  return k;
}

export function openLoan(ctx: Ctx, label: string): LoanRow | null {
  return store.openLoanOf(ctx.db, label) ?? null;
}

/** The owner (and, for a let unit, the tenant) named in the units roster. */
function unitOwners(ctx: Ctx, unit: string | null): string[] {
  if (!unit) return [];
  const u = store.unitOccupancy(ctx.db, unit);
  if (!u) return [];
  return [u.owner_name, u.occupancy === 'tenant' ? u.tenant_name : null].filter((x): x is string => !!x);
}

function facts(ctx: Ctx, k: KeyRow): KeyFacts {
  return { label: k.label, kind: k.kind, status: k.status, owners: unitOwners(ctx, k.unit) };
}

/**
 * The roster's spelling of a code typed in any case (`e002` finds E002): an
 * active member's first, else anyone's (so a deactivated one is named as such).
 */
function rosterCode(ctx: Ctx, typed: string): string | undefined {
  const spellings = [typed, typed.toUpperCase()];
  return spellings.find((c) => staffByCode(ctx.db, c)?.active) ?? spellings.find((c) => staffByCode(ctx.db, c));
}

/** An approver: an active staff member, seasoned enough to approve. */
function approverRef(ctx: Ctx, code: string | undefined): StaffRef | null {
  if (!code) return null;
  const c = code.trim();
  const s = requireActiveStaff(ctx.db, rosterCode(ctx, c) ?? c, c);
  requireSeasoned(ctx, s.code, 'approve');
  return s;
}

/** A word that looks like a staff code (E003, S12): never taken for an outside person's name. */
const CODE_LIKE = /^[A-Za-z]{1,3}\d{2,6}$/;

/**
 * The borrower: an active staff code from the roster is staff; a word shaped
 * like a code but not in the roster is a typo (exit 3); anything else is an
 * outside person's name.
 */
export function resolveBorrower(ctx: Ctx, to: string): { staff: StaffRef | null; name: string } {
  const t = to.trim();
  if (CODE_LIKE.test(t)) {
    const code = rosterCode(ctx, t);
    if (!code) throw new NotFound('err.key_to_unknown_code', { code: t }, 'fix.key_to');
    const s = requireActiveStaff(ctx.db, code, t);
    return { staff: s, name: s.name };
  }
  // A code not shaped like one is staff while active; otherwise it is a name.
  if (staffByCode(ctx.db, t)?.active) {
    const s = requireActiveStaff(ctx.db, t);
    return { staff: s, name: s.name };
  }
  if (!t) throw new UsageError('err.missing_options', { list: 'field.to' }, 'fix.give_options');
  return { staff: null, name: t };
}

function recordEvent(ctx: Ctx, label: string, type: string, at: number, extra: { loan?: string | null; note?: string | null; data?: unknown } = {}): void {
  store.insertKeyEvent(ctx.db, {
    label,
    type,
    at,
    by: ctx.actor?.code ?? null,
    loan: extra.loan ?? null,
    note: extra.note ?? null,
    data: extra.data === undefined ? null : JSON.stringify(extra.data),
    recordedAt: ctx.clock.now(),
  });
}

function setStatus(ctx: Ctx, label: string, status: KeyStatus, at: number): void {
  store.setKeyStatus(ctx.db, label, status, at, ctx.clock.now());
}

export function keyView(ctx: Ctx, label: string): KeyView {
  const k = getKey(ctx, label);
  return { ...k, loan: k.status === 'on_loan' ? openLoan(ctx, k.label) : null };
}

// ---- the register -----------------------------------------------------------

export interface KeyInput {
  label: string;
  kind: KeyKind;
  unit: string | null;
  place: string | null;
  holder_dept: string;
  copies: number;
}

/** Validates one register entry; returns the refusals (field, message) found. */
function validateKey(
  ctx: Ctx,
  k: { label: string; kind: KeyKind; unit: string | null; place: string | null; holder_dept: string; copies: number },
): { field: string; key: string; params: Record<string, string | number> }[] {
  const errs: { field: string; key: string; params: Record<string, string | number> }[] = [];
  if (!isValidLabel(k.label)) errs.push({ field: 'label', key: 'err.key_bad_label', params: { value: k.label } });
  const cls = keyClass(k.kind);
  if (cls === 'owner') {
    if (!k.unit) errs.push({ field: 'unit', key: 'err.key_unit_required', params: { kind: k.kind } });
    else if (!store.unitExists(ctx.db, k.unit)) errs.push({ field: 'unit', key: 'err.unit_not_found', params: { label: k.unit } });
  } else if (k.unit) errs.push({ field: 'unit', key: 'err.key_unit_not_owner', params: { kind: k.kind, value: k.unit } });
  if (cls === 'facility' && k.holder_dept !== 'engineering')
    errs.push({ field: 'holder_dept', key: 'err.key_facility_holder', params: { value: k.holder_dept } });
  if (!Number.isInteger(k.copies) || k.copies < 1 || k.copies > 99)
    errs.push({ field: 'copies', key: 'err.key_bad_copies', params: { value: String(k.copies) } });
  return errs;
}

function sortKeyFor(ctx: Ctx, kind: KeyKind, label: string, unit: string | null): string {
  return keySortKey(kind, label, unit ? store.unitSortKey(ctx.db, unit) : undefined);
}

function insertKey(ctx: Ctx, k: KeyInput, at: number, how: string): void {
  const now = ctx.clock.now();
  store.insertKey(ctx.db, { ...k, sort_key: sortKeyFor(ctx, k.kind, k.label, k.unit), at, now });
  recordEvent(ctx, k.label, 'added', at, { data: { how, kind: k.kind, unit: k.unit, place: k.place, holder_dept: k.holder_dept, copies: k.copies } });
}

export function parseHolderDept(v: string | undefined, kind: KeyKind): string | undefined {
  if (!v || !v.trim()) return defaultHolderDept(kind);
  return parseDept(v);
}

export function addKey(
  ctx: Ctx,
  o: { label: string; kind: string; unit?: string; place?: string; holderDept?: string; copies?: string; at?: string },
): KeyView {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, DESK);
    const kind = parseKind(o.kind);
    if (!kind) throw new UsageError('err.key_bad_kind', { value: o.kind }, 'fix.key_kinds');
    const holder = parseHolderDept(o.holderDept, kind);
    if (!holder) throw new UsageError('err.bad_dept', { value: o.holderDept ?? '' }, 'fix.dept');
    const copies = o.copies === undefined ? 1 : /^\d+$/.test(o.copies) ? Number(o.copies) : NaN;
    const input: KeyInput = {
      label: normalizeLabel(o.label),
      kind,
      unit: o.unit?.trim() || null,
      place: o.place?.trim() || null,
      holder_dept: holder,
      copies,
    };
    const errs = validateKey(ctx, input);
    if (errs.length) {
      const e = errs[0];
      if (e.key === 'err.unit_not_found') throw new NotFound(e.key, e.params, 'fix.unit_list');
      if (e.key === 'err.key_facility_holder') throw new RuleRefused(e.key, e.params, 'fix.key_facility_holder');
      throw new UsageError(e.key, e.params, 'fix.key_add');
    }
    if (findKey(ctx, input.label)) throw new UsageError('err.key_exists', { label: input.label }, 'fix.key_exists');
    const at = eventTime(ctx, o.at);
    insertKey(ctx, input, at, 'add');
    audit(ctx, 'key.add', 'key:' + input.label, null, input);
    return keyView(ctx, input.label);
  });
}

export const KEY_IMPORT_FIELDS = [
  { key: 'label', headers: ['标签', '钥匙标签', '钥匙编号', '编号', '钥匙'], required: true },
  { key: 'kind', headers: ['类别', '钥匙类别', '种类', '类型'], required: true },
  { key: 'unit', headers: ['房屋', '房号', '房屋编号', '所属房屋'], required: true, allowEmpty: true },
  { key: 'holder_dept', headers: ['保管部门', '部门', 'dept', 'holder'], required: true, allowEmpty: true },
  { key: 'copies', headers: ['数量', '把数', '份数', '件数', 'count'], required: true, allowEmpty: true },
  { key: 'place', headers: ['位置', '楼层', '设备房', 'floor', 'location'] },
];

export async function importKeys(ctx: Ctx, file: string, opts: import('../../store/import/csvimport.js').ImportOptions) {
  requireWriter(ctx, DESK);
  const { runImport } = await import('../../store/import/csvimport.js');
  const now = ctx.clock.now();
  const def: import('../../store/import/csvimport.js').ImportDef<KeyInput> = {
    fields: KEY_IMPORT_FIELDS,
    parse(raw, rc) {
      // Every word pmctl prints for a kind or a department reads back (the one alias table per choice).
      const kind = (raw.kind ? (ctx.choice?.('keyKind', raw.kind) as KeyKind | undefined) : undefined) ?? parseKind(raw.kind);
      if (!kind) {
        rc.error('kind', 'err.key_bad_kind', { value: raw.kind });
        return undefined;
      }
      const holder = parseHolderDept(raw.holder_dept ? (ctx.choice?.('department', raw.holder_dept) ?? raw.holder_dept) : raw.holder_dept, kind);
      if (!holder) {
        rc.error('holder_dept', 'err.bad_dept', { value: raw.holder_dept });
        return undefined;
      }
      const copies = raw.copies ? (/^\d+$/.test(raw.copies) ? Number(raw.copies) : NaN) : 1;
      const k: KeyInput = { label: normalizeLabel(raw.label), kind, unit: raw.unit || null, place: raw.place || null, holder_dept: holder, copies };
      const errs = validateKey(ctx, k);
      for (const e of errs) rc.error(e.field, e.key, e.params);
      if (errs.length) return undefined;
      // Copies change only through `key copy` (approval) or `key lost`: an
      // import may not quietly add or drop keys from a tag.
      const before = findKey(ctx, k.label);
      if (before && before.copies !== k.copies) {
        rc.error('copies', 'err.key_import_copies', { label: k.label, registered: before.copies, value: k.copies });
        return undefined;
      }
      return k;
    },
    key: (k) => k.label,
    upsert(k) {
      const before = findKey(ctx, k.label);
      if (!before) {
        insertKey(ctx, k, now, 'import');
        audit(ctx, 'key.add', 'key:' + k.label, null, k);
        return 'added';
      }
      if (before.kind === k.kind && before.unit === k.unit && before.place === k.place && before.holder_dept === k.holder_dept) return 'unchanged';
      store.updateKey(ctx.db, { ...k, sort_key: sortKeyFor(ctx, k.kind, k.label, k.unit), now });
      recordEvent(ctx, k.label, 'updated', now, { data: { kind: k.kind, unit: k.unit, place: k.place, holder_dept: k.holder_dept } });
      audit(ctx, 'key.update', 'key:' + k.label, { kind: before.kind, unit: before.unit, place: before.place, holder_dept: before.holder_dept }, k);
      return 'updated';
    },
    finish: (r) => audit(ctx, 'key.import', 'file:' + file, null, { ...r }),
  };
  return runImport(ctx.db, file, def, opts);
}

export function listKeys(ctx: Ctx, f: { status?: string; unit?: string; kind?: string; holderDept?: string }): KeyView[] {
  let statuses: string[] | undefined;
  if (f.status) {
    statuses = f.status
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const s of statuses)
      if (!['in_cabinet', 'on_loan', 'issued', 'damaged', 'lost', 'retired', 'overdue'].includes(s))
        throw new UsageError('err.key_bad_status', { value: s }, 'fix.key_statuses');
  }
  let kind: KeyKind | undefined;
  if (f.kind) {
    kind = parseKind(f.kind);
    if (!kind) throw new UsageError('err.key_bad_kind', { value: f.kind }, 'fix.key_kinds');
  }
  const rows = store.keyList(ctx.db, {
    statuses,
    unit: f.unit ? f.unit.trim() : undefined,
    kind,
    holderDept: f.holderDept ? (parseDept(f.holderDept) ?? f.holderDept) : undefined,
    now: ctx.clock.now(),
  });
  return rows.map(({ l_id, ...k }) => ({ ...k, loan: l_id ? store.loanById(ctx.db, l_id)! : null }));
}

export interface KeyHistory {
  key: KeyView;
  events: EventRow[];
  loans: LoanRow[];
  lock_changes: LockChangeRow[];
}

export function showKey(ctx: Ctx, label: string): KeyHistory {
  const key = keyView(ctx, label);
  return {
    key,
    events: store.keyEvents(ctx.db, key.label),
    loans: store.loansOf(ctx.db, key.label),
    lock_changes: store.lockChangesOf(ctx.db, key.label),
  };
}

// ---- loans ------------------------------------------------------------------

/** A loan's due time: a time (`18:00`, `today 17:30`, ISO) or a duration from the loan time (`2h`, `90m`). */
export function parseDue(ctx: Ctx, due: string | undefined, lentAt: number): number | null {
  if (due === undefined || !due.trim()) return null;
  if (isDuration(due)) return dueAfter(lentAt, parseDuration(due), ctx.calendar(), ctx.tz);
  return parseTime(due, ctx.clock.now(), ctx.tz);
}

export interface LendInput {
  label: string;
  to: string;
  purpose?: string;
  due?: string;
  approvedBy?: string;
  ownerConsent?: string;
  overnight?: string;
  phone?: string;
  at?: string;
}

/** The loan, with the security leads told of it (an owner using the company's spare key; else empty). */
export function lendKey(ctx: Ctx, o: LendInput): KeyView & { notified: string[] } {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, DESK);
    const k = getKey(ctx, o.label);
    const lentAt = eventTime(ctx, o.at, k.last_event_at);
    const to = resolveBorrower(ctx, o.to);
    const approver = approverRef(ctx, o.approvedBy);
    const f = facts(ctx, k);
    const dueAt = parseDue(ctx, o.due, lentAt);
    refuse(checkLend({ key: f, to, purpose: o.purpose ?? '', lentAt, dueAt, approver, ownerConsent: o.ownerConsent, overnight: o.overnight }));
    if (o.phone && !isValidPhone(o.phone)) throw new UsageError('err.bad_phone', { column: 'field.phone', value: o.phone }, 'fix.phone');
    const toKind = to.staff ? 'staff' : keyClass(k.kind) === 'owner' && isOwnerOf(to.name, f.owners) ? 'owner' : 'outside';
    const id = nextId(ctx.db, 'KL', idDate(ctx, lentAt));
    store.insertLoan(ctx.db, {
      id,
      key_label: k.label,
      to_person: to.staff ? to.staff.code : to.name,
      to_kind: toKind,
      to_name: to.name,
      to_phone: o.phone ? normalizePhone(o.phone) : null,
      purpose: o.purpose!.trim(),
      lent_at: lentAt,
      due_at: dueAt!,
      approved_by: approver?.code ?? null,
      owner_consent: o.ownerConsent?.trim() || null,
      overnight: o.overnight?.trim() || null,
      lent_by: ctx.actor?.code ?? null,
      created_at: ctx.clock.now(),
    });
    setStatus(ctx, k.label, 'on_loan', lentAt);
    // [004] 篇2 6.0: an owner using the company's spare key — security is told.
    const notified = toKind === 'owner' ? securityLeads(ctx) : [];
    recordEvent(ctx, k.label, 'lent', lentAt, {
      loan: id,
      note: o.purpose!.trim(),
      data: {
        to: to.staff ? to.staff.code : to.name,
        to_kind: toKind,
        due_at: dueAt,
        approved_by: approver?.code ?? null,
        owner_consent: o.ownerConsent ?? null,
        notified,
      },
    });
    const v = keyView(ctx, k.label);
    audit(ctx, 'key.lend', 'key:' + k.label, { status: k.status }, { status: v.status, loan: v.loan });
    return { ...v, notified };
  });
}

export function returnKey(ctx: Ctx, o: { label: string; condition?: string; at?: string; note?: string }): KeyView {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, DESK);
    const cond = (o.condition ?? 'ok').trim().toLowerCase();
    if (cond !== 'ok' && cond !== 'damaged') throw new UsageError('err.key_bad_condition', { value: o.condition ?? '' }, 'fix.key_condition');
    const k = getKey(ctx, o.label);
    refuse(checkReturn(k.label, k.status));
    const at = eventTime(ctx, o.at, k.last_event_at);
    const loan = k.status === 'on_loan' ? openLoan(ctx, k.label) : null;
    if (loan) store.closeLoan(ctx.db, loan.id, at, ctx.actor?.code ?? null, cond === 'damaged' ? 'damaged' : 'returned');
    const status: KeyStatus = cond === 'damaged' ? 'damaged' : 'in_cabinet';
    setStatus(ctx, k.label, status, at);
    recordEvent(ctx, k.label, 'returned', at, {
      loan: loan?.id ?? null,
      note: o.note ?? null,
      data: { condition: cond, from: loan ? loan.to_person : 'owner', late_minutes: loan && at > loan.due_at ? Math.floor((at - loan.due_at) / 60000) : 0 },
    });
    if (cond === 'damaged') recordEvent(ctx, k.label, 'damaged', at, { loan: loan?.id ?? null, note: o.note ?? null });
    const v = keyView(ctx, k.label);
    audit(ctx, 'key.return', 'key:' + k.label, { status: k.status, loan }, { status: v.status, condition: cond });
    return v;
  });
}

// ---- move-in issue -------------------------------------------------------------

export function issueKey(
  ctx: Ctx,
  o: { label: string; toOwner?: boolean; idChecked?: boolean; signedBy?: string; ownerConsent?: string; at?: string },
): KeyView {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, DESK);
    const k = getKey(ctx, o.label);
    const at = eventTime(ctx, o.at, k.last_event_at);
    refuse(checkIssue({ key: facts(ctx, k), toOwner: !!o.toOwner, idChecked: !!o.idChecked, signedBy: o.signedBy ?? '', ownerConsent: o.ownerConsent }));
    setStatus(ctx, k.label, 'issued', at);
    recordEvent(ctx, k.label, 'issued', at, {
      data: {
        signed_by: o.signedBy!.trim(),
        id_checked: true,
        checked_by: ctx.actor?.code ?? null,
        owner_consent: o.ownerConsent?.trim() || null,
        copies: k.copies,
      },
    });
    const v = keyView(ctx, k.label);
    audit(ctx, 'key.issue', 'key:' + k.label, { status: k.status }, { status: v.status, signed_by: o.signedBy });
    return v;
  });
}

// ---- damage, loss, lock change -------------------------------------------------

export function damagedKey(ctx: Ctx, o: { label: string; note?: string; at?: string }): KeyView {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, DESK);
    const k = getKey(ctx, o.label);
    refuse(checkDamaged(k.label, k.status));
    const at = eventTime(ctx, o.at, k.last_event_at);
    setStatus(ctx, k.label, 'damaged', at);
    recordEvent(ctx, k.label, 'damaged', at, { note: o.note ?? null });
    const v = keyView(ctx, k.label);
    audit(ctx, 'key.damaged', 'key:' + k.label, { status: k.status }, { status: v.status, note: o.note ?? null });
    return v;
  });
}

/** Security leads (supervisor and above) to tell: the security department's duty ([004] 篇2 5.0, 6.0). */
function securityLeads(ctx: Ctx): string[] {
  const rows = store.activeStaffOfDept(ctx.db, 'security');
  const leads = rows.filter((r) => roleAtLeast(r.role, 'supervisor')).map((r) => r.code);
  return leads.length ? leads : rows.slice(0, 1).map((r) => r.code);
}

/** The holder department's supervisors and managers ([004] 篇2 5.0: 报告领班（经理）). */
function deptLeads(ctx: Ctx, dept: string): string[] {
  const rows = store.activeStaffOfDept(ctx.db, dept);
  return rows.filter((r) => r.role === 'supervisor' || r.role === 'manager').map((r) => r.code);
}

export interface LostResult extends KeyView {
  lock_change: LockChangeRow;
}

export function lostKey(ctx: Ctx, o: { label: string; note?: string; at?: string }): LostResult {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, DESK);
    const k = getKey(ctx, o.label);
    refuse(checkLost(k.label, k.status));
    const at = eventTime(ctx, o.at, k.last_event_at);
    const loan = k.status === 'on_loan' ? openLoan(ctx, k.label) : null;
    const notified = [...new Set([...deptLeads(ctx, k.holder_dept), ...securityLeads(ctx)])];
    const id = nextId(ctx.db, 'LC', idDate(ctx, at));
    // Change the lock as soon as possible ([004] 篇2 5.0): due at once, so it
    // stays on the overdue list until `key rekeyed`.
    store.insertLockChange(ctx.db, { id, label: k.label, loan: loan?.id ?? null, at, by: ctx.actor?.code ?? null, notified, dueAt: at, note: o.note ?? null });
    setStatus(ctx, k.label, 'lost', at);
    recordEvent(ctx, k.label, 'lost', at, { loan: loan?.id ?? null, note: o.note ?? null, data: { lock_change: id, notified, previous_status: k.status } });
    const v = keyView(ctx, k.label);
    const lc = store.lockChangeById(ctx.db, id)!;
    audit(ctx, 'key.lost', 'key:' + k.label, { status: k.status }, { status: v.status, lock_change: id, notified });
    return { ...v, lock_change: lc };
  });
}

export function rekeyedKey(ctx: Ctx, o: { label: string; note?: string; at?: string }): KeyView & { lock_change: LockChangeRow | null } {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, DESK);
    const k = getKey(ctx, o.label);
    refuse(checkRekeyed(k.label, k.status));
    const at = eventTime(ctx, o.at, k.last_event_at);
    const lc = store.openLockChangeOf(ctx.db, k.label);
    if (lc) store.markLockChangeDone(ctx.db, lc.id, at, ctx.actor?.code ?? null);
    // The lost key no longer opens anything: its loan ends with the lock change.
    const loan = openLoan(ctx, k.label);
    if (loan) store.closeLoan(ctx.db, loan.id, at, ctx.actor?.code ?? null, 'lost');
    setStatus(ctx, k.label, 'in_cabinet', at);
    recordEvent(ctx, k.label, 'rekeyed', at, { loan: loan?.id ?? null, note: o.note ?? null, data: { lock_change: lc?.id ?? null } });
    const v = keyView(ctx, k.label);
    audit(ctx, 'key.rekeyed', 'key:' + k.label, { status: k.status }, { status: v.status, lock_change: lc?.id ?? null });
    return { ...v, lock_change: lc ? store.lockChangeById(ctx.db, lc.id)! : null };
  });
}

// ---- copies and retirement ----------------------------------------------------------

export function copyKey(ctx: Ctx, o: { label: string; approvedBy?: string; ownerConsent?: string; count?: string; note?: string; at?: string }): KeyView {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, DESK);
    const k = getKey(ctx, o.label);
    const n = o.count === undefined ? 1 : /^\d+$/.test(o.count) ? Number(o.count) : NaN;
    if (!(n >= 1 && n <= 10)) throw new UsageError('err.key_bad_copies', { value: o.count ?? '' }, 'fix.key_copy_count');
    const approver = approverRef(ctx, o.approvedBy);
    refuse(checkCopy({ key: facts(ctx, k), approver, ownerConsent: o.ownerConsent }));
    if (k.copies + n > 99) throw new UsageError('err.key_bad_copies', { value: String(k.copies + n) }, 'fix.key_copy_count');
    const at = eventTime(ctx, o.at, k.last_event_at);
    store.addCopies(ctx.db, k.label, n, at, ctx.clock.now());
    recordEvent(ctx, k.label, 'copied', at, {
      note: o.note ?? null,
      data: { count: n, copies: k.copies + n, approved_by: approver!.code, owner_consent: o.ownerConsent?.trim() || null },
    });
    const v = keyView(ctx, k.label);
    audit(ctx, 'key.copy', 'key:' + k.label, { copies: k.copies }, { copies: v.copies, approved_by: approver!.code });
    return v;
  });
}

export function retireKey(ctx: Ctx, o: { label: string; reason?: string; at?: string }): KeyView {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'supervisor', action: 'action.key_retire' });
    if (!o.reason?.trim()) throw new UsageError('err.missing_options', { list: 'field.reason' }, 'fix.give_options');
    const k = getKey(ctx, o.label);
    refuse(checkRetire(k.label, k.status));
    const at = eventTime(ctx, o.at, k.last_event_at);
    setStatus(ctx, k.label, 'retired', at);
    recordEvent(ctx, k.label, 'retired', at, { note: o.reason.trim() });
    const v = keyView(ctx, k.label);
    audit(ctx, 'key.retire', 'key:' + k.label, { status: k.status }, { status: v.status, reason: o.reason.trim() });
    return v;
  });
}
