// Retention, holds, and the destruction chain ([004] 6): request → review →
// approve → destroy with two or more witnesses; the destroyed document keeps
// its record, marked destroyed.
import { NotFound, RuleRefused, UsageError } from '../../errors.js';
import {
  chainRefusal,
  DEFAULT_RETENTION,
  DESTRUCTION_METHODS,
  filedOnOrBefore,
  formatRetention,
  isDocType,
  parseRetention,
  retentionEnd,
  requiredDocs,
  type ChainRefusal,
  type DossierType,
  type DestructionMethod,
  type DestructionStatus,
  type DestructionStep,
  type Retention,
} from '../../domain/archive.js';
import { DOC_TYPES } from '../../domain/archive.js';
import { addDays, localDate, startOfLocalDay } from '../../domain/time.js';
import { writeTx } from '../../store/db.js';
import { requireSeasoned } from '../duties.js';
import { getSetting, nextId, setSetting } from '../../store/common.js';
import { type Ctx, audit, eventTime, idDate, requireActiveStaff } from '../context.js';
import { getDocument, recordEvent, requireKeeper, type DocumentRow } from './dossiers.js';
import {
  clearHold,
  destructionDocuments,
  destructionList,
  filedBefore,
  findDestruction,
  insertDestruction,
  markDestroyed,
  markDestructionApproved,
  markDestructionRejected,
  markDestructionReviewed,
  markDocumentDestroyed,
  openLoanOf,
  pendingDestructionOf,
  setHold,
  type DestructionRow,
} from '../../store/archive.js';
import { staffByCode } from '../../store/people.js';

const RETENTION_KEY = 'archive.retention';

export function retentionTable(ctx: Ctx): Record<string, string> {
  return { ...DEFAULT_RETENTION, ...getSetting<Record<string, string>>(ctx.db, RETENTION_KEY, {}) };
}

export function retentionOf(ctx: Ctx, type: string, table = retentionTable(ctx)): Retention {
  return parseRetention(table[type] ?? DEFAULT_RETENTION.other) ?? { permanent: true };
}

export function setRetention(ctx: Ctx, type: string, duration: string): { type: string; retention: string; previous: string } {
  return writeTx(ctx.db, () => {
    requireKeeper(ctx, 'action.arch_retention');
    if (!isDocType(type)) throw new UsageError('err.arch_bad_doc_type', { value: type }, 'fix.arch_doc_types');
    const r = parseRetention(duration);
    if (!r) throw new UsageError('err.arch_bad_retention', { value: duration }, 'fix.arch_retention');
    const site = getSetting<Record<string, string>>(ctx.db, RETENTION_KEY, {});
    const previous = retentionTable(ctx)[type];
    const next = { ...site, [type]: formatRetention(r) };
    setSetting(ctx.db, RETENTION_KEY, next, ctx.clock.now(), ctx.actor?.code ?? null);
    audit(ctx, 'archive.retention', 'setting:' + RETENTION_KEY, { [type]: previous }, { [type]: formatRetention(r) });
    return { type, retention: formatRetention(r), previous };
  });
}

export function listRetention(ctx: Ctx): { type: string; retention: string; site: boolean }[] {
  const site = getSetting<Record<string, string>>(ctx.db, RETENTION_KEY, {});
  const table = retentionTable(ctx);
  return DOC_TYPES.map((t) => ({ type: t, retention: table[t], site: t in site }));
}

export interface ExpiredRow extends DocumentRow {
  retention: string;
  expired_on: string;
  in_destruction: string | null;
}

/** Active documents past their retention on today's date (site time). Uses the (type, filed_at) index per type. */
export function expiredDocuments(ctx: Ctx): ExpiredRow[] {
  const today = localDate(ctx.clock.now(), ctx.tz);
  const table = retentionTable(ctx);
  const out: ExpiredRow[] = [];
  for (const type of DOC_TYPES) {
    const r = retentionOf(ctx, type, table);
    const last = filedOnOrBefore(today, r);
    if (!last) continue;
    // a day's margin for month-end clamping; the exact date is checked below
    const cutoff = startOfLocalDay(addDays(last, 2), ctx.tz);
    // a checklist paper still in force (not replaced) is kept whatever its age
    for (const d of filedBefore(ctx.db, type, cutoff, inForceFor(type))) {
      const end = retentionEnd(localDate(d.filed_at, ctx.tz), r)!;
      if (end > today) continue;
      out.push({ ...d, retention: formatRetention(r), expired_on: end, in_destruction: pendingDestructionOf(ctx.db, d.id) });
    }
  }
  out.sort((a, b) => a.filed_at - b.filed_at || (a.id < b.id ? -1 : 1));
  return out;
}

/** The dossier type whose checklist includes `type` ('' when none does). */
function inForceFor(type: string): string {
  return requiredDocs('owner').includes(type) ? 'owner' : requiredDocs('tenant').includes(type) ? 'tenant' : '';
}

export function hold(ctx: Ctx, docId: string, reason: string, at?: string): DocumentRow {
  return writeTx(ctx.db, () => {
    requireKeeper(ctx, 'action.arch_hold');
    const before = getDocument(ctx, docId);
    if (before.status === 'destroyed') throw new RuleRefused('err.arch_destroyed_already', { id: before.id }, 'fix.arch_show');
    if (before.hold_reason) throw new RuleRefused('err.arch_held_already', { id: before.id, reason: before.hold_reason }, 'fix.arch_release');
    if (!reason?.trim()) throw new UsageError('err.missing_options', { list: 'field.reason' }, 'fix.give_options');
    const when = eventTime(ctx, at);
    setHold(ctx.db, before.id, reason.trim(), when, ctx.actor?.code ?? null);
    recordEvent(ctx, { unit: before.unit, at: when, action: 'held', document_id: before.id, detail: { reason: reason.trim() } });
    const after = getDocument(ctx, before.id);
    audit(ctx, 'archive.hold', 'document:' + before.id, before, after);
    return after;
  });
}

export function release(ctx: Ctx, docId: string, at?: string): DocumentRow {
  return writeTx(ctx.db, () => {
    requireKeeper(ctx, 'action.arch_release');
    const before = getDocument(ctx, docId);
    if (!before.hold_reason) throw new RuleRefused('err.arch_not_held', { id: before.id }, 'fix.arch_show');
    const when = eventTime(ctx, at, before.held_at);
    clearHold(ctx.db, before.id);
    recordEvent(ctx, { unit: before.unit, at: when, action: 'released', document_id: before.id, detail: { reason: before.hold_reason } });
    const after = getDocument(ctx, before.id);
    audit(ctx, 'archive.release', 'document:' + before.id, before, after);
    return after;
  });
}

// ---- destruction ------------------------------------------------------------

export type { DestructionRow };

export interface DestructionView extends Omit<DestructionRow, 'witnesses'> {
  witnesses: string[];
  documents: (DocumentRow & { expired: boolean; retention: string })[];
  /** staff code → name, for the certificate */
  names: Record<string, string>;
}

const REFUSAL_FIX: Record<ChainRefusal, string> = {
  out_of_order: 'fix.arch_chain_order',
  role_request: 'fix.ask_role',
  role_review: 'fix.ask_role',
  role_approve: 'fix.ask_role',
  role_destroy: 'fix.ask_role',
  same_person: 'fix.arch_same_person',
  witnesses_too_few: 'fix.arch_witnesses',
  witness_is_requester: 'fix.arch_witnesses',
  witness_duplicate: 'fix.arch_witnesses',
  witness_is_party: 'fix.arch_witnesses',
};

function refuse(r: ChainRefusal, p: Record<string, string | number>): never {
  throw new RuleRefused('err.arch_chain_' + r, p, REFUSAL_FIX[r]);
}

export function getDestruction(ctx: Ctx, id: string): DestructionView {
  const x = findDestruction(ctx.db, id);
  if (!x) throw new NotFound('err.arch_no_destruction', { id }, 'fix.arch_destructions');
  const table = retentionTable(ctx);
  const today = localDate(x.destroyed_at ?? x.requested_at, ctx.tz);
  const docs = destructionDocuments(ctx.db, id).map((d) => {
    const r = retentionOf(ctx, d.type, table);
    const end = retentionEnd(localDate(d.filed_at, ctx.tz), r);
    return { ...d, retention: formatRetention(r), expired: end !== null && end <= today };
  });
  const witnesses = x.witnesses ? (JSON.parse(x.witnesses) as string[]) : [];
  const codes = [x.requested_by, x.reviewed_by, x.approved_by, x.executed_by, x.rejected_by, ...witnesses].filter((c): c is string => !!c);
  const names: Record<string, string> = {};
  for (const c of codes) names[c] = staffByCode(ctx.db, c)?.name ?? c;
  return { ...x, witnesses, documents: docs, names };
}

export function listDestructions(ctx: Ctx, f: { status?: string }): DestructionRow[] {
  return destructionList(ctx.db, f.status);
}

function stepActor(ctx: Ctx) {
  if (!ctx.actor) return null;
  return { code: ctx.actor.code, role: ctx.actor.role, department: ctx.actor.department };
}

function blocked(ctx: Ctx, d: DocumentRow): void {
  if (d.status === 'destroyed') throw new RuleRefused('err.arch_destroyed_already', { id: d.id }, 'fix.arch_show');
  if (d.hold_reason) throw new RuleRefused('err.arch_on_hold', { id: d.id, reason: d.hold_reason }, 'fix.arch_release');
  const out = openLoanOf(ctx.db, d.id);
  if (out) throw new RuleRefused('err.arch_destroy_on_loan', { id: d.id, loan: out }, 'fix.arch_return');
}

export function parseMethod(m: string | undefined): DestructionMethod {
  const s = (m ?? 'shred').trim().toLowerCase();
  const zh: Record<string, DestructionMethod> = { 粉碎: 'shred', 碎纸: 'shred', 焚烧: 'incinerate', 焚毁: 'incinerate', 化浆: 'pulp', 打浆: 'pulp' };
  const v = zh[s] ?? s;
  if (!(DESTRUCTION_METHODS as readonly string[]).includes(v)) throw new UsageError('err.arch_bad_method', { value: m ?? '' }, 'fix.arch_method');
  return v as DestructionMethod;
}

export function requestDestruction(ctx: Ctx, docIds: string[], o: { reason: string; method?: string; at?: string }): DestructionView {
  return writeTx(ctx.db, () => {
    const r = chainRefusal('request', { status: null, requested_by: null, reviewed_by: null, approved_by: null }, stepActor(ctx));
    if (r) refuse(r, { code: ctx.actor?.code ?? '', role: ctx.actor?.role ?? '' });
    if (!ctx.actor) requireKeeper(ctx, 'action.arch_destroy'); // roster check (bootstrap passes)
    if (!docIds.length) throw new UsageError('err.missing_options', { list: 'DOC…' }, 'fix.give_options');
    if (!o.reason?.trim()) throw new UsageError('err.missing_options', { list: 'field.reason' }, 'fix.give_options');
    const method = parseMethod(o.method);
    const docs = [...new Map(docIds.map((id) => getDocument(ctx, id)).map((d) => [d.id, d])).values()];
    for (const d of docs) {
      blocked(ctx, d);
      const pending = pendingDestructionOf(ctx.db, d.id);
      if (pending) throw new RuleRefused('err.arch_in_destruction', { id: d.id, req: pending }, 'fix.arch_destructions');
    }
    const at = eventTime(ctx, o.at);
    const id = nextId(ctx.db, 'XD', idDate(ctx, at));
    insertDestruction(
      ctx.db,
      { id, status: 'requested', reason: o.reason.trim(), method, requested_by: ctx.actor?.code ?? '', requested_at: at },
      docs.map((d) => d.id),
    );
    for (const d of docs) {
      recordEvent(ctx, { unit: d.unit, at, action: 'destroy_requested', document_id: d.id, ref_id: id, detail: { reason: o.reason.trim() } });
    }
    const v = getDestruction(ctx, id);
    audit(ctx, 'archive.destroy_request', 'destruction:' + id, null, v);
    return v;
  });
}

function step(
  ctx: Ctx,
  id: string,
  s: Exclude<DestructionStep, 'request'>,
  o: { at?: string; witnesses?: string[]; method?: string; place?: string; reason?: string },
): DestructionView {
  return writeTx(ctx.db, () => {
    const before = getDestruction(ctx, id);
    const witnesses = o.witnesses ?? [];
    const r = chainRefusal(s, before, stepActor(ctx), witnesses);
    if (r)
      refuse(r, {
        id,
        status: before.status,
        step: s,
        code: ctx.actor?.code ?? '',
        role: ctx.actor?.role ?? '',
        requester: before.requested_by,
      });
    if (!ctx.actor) requireKeeper(ctx, 'action.arch_destroy');
    if (ctx.actor && (s === 'review' || s === 'approve')) requireSeasoned(ctx, ctx.actor.code, 'approve');
    if (s === 'destroy') for (const w of witnesses) requireSeasoned(ctx, w, 'witness');
    const prev = Math.max(before.requested_at, before.reviewed_at ?? 0, before.approved_at ?? 0);
    const at = eventTime(ctx, o.at, prev);
    const by = ctx.actor?.code ?? null;
    const units = [...new Set(before.documents.map((d) => d.unit))];
    if (s === 'review') {
      markDestructionReviewed(ctx.db, id, by, at);
    } else if (s === 'approve') {
      markDestructionApproved(ctx.db, id, by, at);
    } else if (s === 'reject') {
      if (!o.reason?.trim()) throw new UsageError('err.missing_options', { list: 'field.reason' }, 'fix.give_options');
      markDestructionRejected(ctx.db, id, by, at, o.reason.trim());
      for (const d of before.documents)
        recordEvent(ctx, { unit: d.unit, at, action: 'destroy_rejected', document_id: d.id, ref_id: id, detail: { reason: o.reason.trim() } });
    } else {
      for (const w of witnesses) requireActiveStaff(ctx.db, w);
      // a hold or a loan placed after approval still stops the shredder
      for (const d of before.documents) blocked(ctx, d);
      const method = o.method ? parseMethod(o.method) : before.method;
      markDestroyed(ctx.db, id, { at, by, witnesses: JSON.stringify(witnesses), method, place: o.place ?? null });
      for (const d of before.documents) {
        markDocumentDestroyed(ctx.db, d.id, at, id);
        recordEvent(ctx, { unit: d.unit, at, action: 'destroyed', document_id: d.id, ref_id: id, detail: { method, witnesses } });
        audit(ctx, 'archive.destroyed', 'document:' + d.id, d, getDocument(ctx, d.id));
      }
    }
    if (s === 'review' || s === 'approve')
      for (const u of units) recordEvent(ctx, { unit: u, at, action: s === 'review' ? 'destroy_reviewed' : 'destroy_approved', ref_id: id });
    const after = getDestruction(ctx, id);
    audit(ctx, 'archive.destroy_' + s, 'destruction:' + id, { status: before.status }, { status: after.status, at, by });
    return after;
  });
}

export const reviewDestruction = (ctx: Ctx, id: string, o: { at?: string }) => step(ctx, id, 'review', o);
export const approveDestruction = (ctx: Ctx, id: string, o: { at?: string }) => step(ctx, id, 'approve', o);
export const rejectDestruction = (ctx: Ctx, id: string, o: { at?: string; reason: string }) => step(ctx, id, 'reject', o);
export const executeDestruction = (ctx: Ctx, id: string, o: { at?: string; witnesses: string[]; method?: string; place?: string }) =>
  step(ctx, id, 'destroy', o);
