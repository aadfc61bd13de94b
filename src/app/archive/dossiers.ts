// Dossiers and their documents: open, add, update, show, list, check, find.
import { NotFound, RuleRefused, UsageError } from '../../errors.js';
import {
  bagLabel,
  classifyFind,
  completeness,
  confidentialByDefault,
  DOSSIER_TYPES,
  isDocType,
  requiredDocs,
  siteCompleteness,
  type DossierType,
} from '../../domain/archive.js';
import { normalizePhone } from '../../domain/people.js';
import { writeTx } from '../../store/db.js';
import { nextId } from '../../store/common.js';
import {
  activeDocumentsOfType,
  addDossierEvent,
  currentDocument,
  documentsOfUnit,
  dossierEvents,
  dossierExists,
  dossierList,
  findDocument,
  findDossier,
  foundUnit,
  heldTypes as heldTypesOf,
  heldTypesByUnit,
  insertDocument as insertDocumentRow,
  insertDossier,
  loansOfUnit,
  openLoanOf,
  pendingDestructionOf,
  setDossierType,
  supersedeDocument,
  touchDossier,
  unitFinder,
  unitsForCheck,
  type DocumentRow,
  type DossierEvent,
  type DossierRow,
  type FoundUnit,
} from '../../store/archive.js';
import { type Ctx, audit, eventTime, idDate, requireWriter } from '../context.js';
import { getUnit } from '../roster/units.js';

export type { DocumentRow, DossierEvent, DossierRow };

/** Front-desk archive work: clerks (物业管理员) file papers. */
export function requireDesk(ctx: Ctx, action: string): void {
  requireWriter(ctx, { minRole: 'clerk', depts: ['cs'], action });
}

/** Holds, releases, loans: the 客服主任 (cs supervisor) keeps the archive room. */
export function requireKeeper(ctx: Ctx, action: string): void {
  requireWriter(ctx, { minRole: 'supervisor', depts: ['cs'], action });
}

export function parseDossierType(v: string): DossierType {
  const s = v.trim().toLowerCase();
  const map: Record<string, DossierType> = {
    owner: 'owner',
    业主: 'owner',
    业主自用: 'owner',
    tenant: 'tenant',
    租户: 'tenant',
    承租: 'tenant',
    出租: 'tenant',
  };
  const t = map[s];
  if (!t) throw new UsageError('err.arch_bad_type', { value: v }, 'fix.arch_type');
  return t;
}

export function parseDocType(v: string): string {
  const s = v.trim().toLowerCase();
  if (!isDocType(s)) throw new UsageError('err.arch_bad_doc_type', { value: v }, 'fix.arch_doc_types');
  return s;
}

export function getDossier(ctx: Ctx, unit: string): DossierRow {
  const d = findDossier(ctx.db, unit);
  if (!d) {
    getUnit(ctx, unit); // a wrong label says "no unit"
    throw new NotFound('err.arch_no_dossier', { unit }, 'fix.arch_open');
  }
  return d;
}

export function getDocument(ctx: Ctx, id: string): DocumentRow {
  const d = findDocument(ctx.db, id);
  if (d) return d;
  // UNIT/TYPE names the current document of that type in the unit's bag
  const m = /^(.+)\/([a-z_]+)$/.exec(id);
  if (m) {
    const cur = currentDocument(ctx.db, m[1], m[2]);
    if (cur) return cur;
  }
  throw new NotFound('err.arch_no_document', { id }, 'fix.arch_show');
}

export function documentsOf(ctx: Ctx, unit: string): DocumentRow[] {
  return documentsOfUnit(ctx.db, unit);
}

export function recordEvent(
  ctx: Ctx,
  e: { unit: string; at: number; action: string; document_id?: string | null; ref_id?: string | null; detail?: unknown },
): void {
  addDossierEvent(ctx.db, {
    unit: e.unit,
    at: e.at,
    by: ctx.actor?.code ?? null,
    action: e.action,
    document_id: e.document_id ?? null,
    ref_id: e.ref_id ?? null,
    detail: e.detail === undefined ? null : JSON.stringify(e.detail),
    recorded_at: ctx.clock.now(),
  });
  touchDossier(ctx.db, e.unit, ctx.clock.now());
}

export function openDossier(ctx: Ctx, unit: string, type: DossierType | undefined, at?: string): DossierRow {
  return writeTx(ctx.db, () => {
    requireDesk(ctx, 'action.arch_open');
    const u = getUnit(ctx, unit);
    if (dossierExists(ctx.db, unit)) throw new RuleRefused('err.arch_dossier_exists', { unit }, 'fix.arch_update_type');
    const t: DossierType = type ?? (u.occupancy === 'tenant' ? 'tenant' : 'owner');
    const when = eventTime(ctx, at);
    const bag = bagLabel(u.building, u.unit, u.floor, u.room);
    insertDossier(ctx.db, {
      unit,
      type: t,
      bag_label: bag,
      sort_key: u.sort_key,
      opened_at: when,
      opened_by: ctx.actor?.code ?? null,
      updated_at: ctx.clock.now(),
    });
    recordEvent(ctx, { unit, at: when, action: 'opened', detail: { type: t, bag_label: bag } });
    const d = getDossier(ctx, unit);
    audit(ctx, 'archive.open', 'dossier:' + unit, null, d);
    return d;
  });
}

export interface AddInput {
  type: string;
  ref?: string | null;
  note?: string | null;
  confidential?: boolean;
  at?: string;
}

function insertDocument(ctx: Ctx, unit: string, i: AddInput, filedAt: number): DocumentRow {
  const id = nextId(ctx.db, 'D', idDate(ctx, filedAt), 4);
  const conf = i.confidential || confidentialByDefault(i.type) ? 1 : 0;
  insertDocumentRow(ctx.db, {
    id,
    unit,
    type: i.type,
    ref: i.ref ?? null,
    note: i.note ?? null,
    status: 'active',
    confidential: conf,
    filed_at: filedAt,
    filed_by: ctx.actor?.code ?? null,
  });
  return getDocument(ctx, id);
}

export function addDocument(ctx: Ctx, unit: string, i: AddInput): DocumentRow {
  return writeTx(ctx.db, () => {
    requireDesk(ctx, 'action.arch_add');
    getDossier(ctx, unit);
    const filedAt = eventTime(ctx, i.at);
    const doc = insertDocument(ctx, unit, i, filedAt);
    recordEvent(ctx, { unit, at: filedAt, action: 'added', document_id: doc.id, detail: { type: doc.type, ref: doc.ref, confidential: !!doc.confidential } });
    audit(ctx, 'archive.add', 'document:' + doc.id, null, doc);
    return doc;
  });
}

export interface UpdateInput {
  type?: DossierType;
  doc?: string;
  ref?: string | null;
  note?: string | null;
  confidential?: boolean;
  at?: string;
}

export interface UpdateResult {
  dossier: DossierRow;
  changes: { action: string; document_id?: string; from?: unknown; to?: unknown }[];
}

/**
 * `archive update UNIT`: the dossier changes type (the owner lets the unit
 * through the center, or moves back in), or a document is replaced by a new
 * version (`--doc TYPE --ref R`): the old one stays in the bag, marked
 * replaced, and no longer counts towards completeness.
 */
export function updateDossier(ctx: Ctx, unit: string, i: UpdateInput): UpdateResult {
  return writeTx(ctx.db, () => {
    requireDesk(ctx, 'action.arch_update');
    const before = getDossier(ctx, unit);
    if (!i.type && !i.doc) throw new UsageError('err.arch_update_nothing', {}, 'fix.arch_update');
    const when = eventTime(ctx, i.at);
    const changes: UpdateResult['changes'] = [];
    if (i.type && i.type !== before.type) {
      setDossierType(ctx.db, unit, i.type);
      recordEvent(ctx, { unit, at: when, action: 'type_changed', detail: { from: before.type, to: i.type } });
      changes.push({ action: 'type_changed', from: before.type, to: i.type });
    }
    if (i.doc) {
      const olds = activeDocumentsOfType(ctx.db, unit, i.doc);
      const doc = insertDocument(ctx, unit, { type: i.doc, ref: i.ref, note: i.note, confidential: i.confidential || olds.some((o) => o.confidential) }, when);
      for (const o of olds) supersedeDocument(ctx.db, o.id, doc.id);
      const action = olds.length ? 'replaced' : 'added';
      recordEvent(ctx, { unit, at: when, action, document_id: doc.id, detail: { type: doc.type, ref: doc.ref, replaces: olds.map((o) => o.id) } });
      changes.push({ action, document_id: doc.id, from: olds.map((o) => o.id), to: doc.id });
      audit(ctx, 'archive.replace', 'document:' + doc.id, olds.length ? olds : null, doc);
    }
    const after = getDossier(ctx, unit);
    audit(ctx, 'archive.update', 'dossier:' + unit, before, { ...after, changes });
    return { dossier: after, changes };
  });
}

/** Types of the documents a dossier currently holds (active, not replaced). */
function heldTypes(ctx: Ctx, unit: string): string[] {
  return heldTypesOf(ctx.db, unit);
}

export interface CheckUnit {
  unit: string;
  type: DossierType;
  dossier: boolean;
  missing: string[];
  complete_pct: number;
  present: number;
  required: number;
}

export interface CheckResult {
  units: CheckUnit[];
  site_complete_pct: number;
  dossiers: number;
  complete: number;
  without_dossier: number;
}

/**
 * Missing documents per unit. An occupied unit without a dossier is a gap too:
 * it lacks every document its occupancy requires.
 */
export function checkArchives(ctx: Ctx, unit?: string): CheckResult {
  const rows: CheckUnit[] = [];
  if (unit) {
    const d = getDossier(ctx, unit);
    const c = completeness(d.type, heldTypes(ctx, unit));
    rows.push({ unit, type: d.type, dossier: true, ...c });
  } else {
    // grouped in SQL over the covering index: 100 000 rows out instead of 600 000
    const held = new Map<string, string[]>();
    for (const [u, types] of heldTypesByUnit(ctx.db)) held.set(u, types.split(','));
    for (const [label, type, occ] of unitsForCheck(ctx.db)) {
      const t: DossierType = type ?? (occ === 'tenant' ? 'tenant' : 'owner');
      const c = completeness(t, held.get(label) ?? []);
      rows.push({ unit: label, type: t, dossier: type !== null, ...c });
    }
  }
  return {
    units: rows,
    site_complete_pct: siteCompleteness(rows),
    dossiers: rows.filter((r) => r.dossier).length,
    complete: rows.filter((r) => r.dossier && !r.missing.length).length,
    without_dossier: rows.filter((r) => !r.dossier).length,
  };
}

export interface ListRow {
  unit: string;
  bag_label: string;
  type: DossierType;
  documents: number;
  destroyed: number;
  missing: string[];
  complete_pct: number;
  on_loan: number;
  held: number;
}

export function listDossiers(ctx: Ctx, f: { type?: DossierType; building?: string; incomplete?: boolean; limit?: number; offset?: number }): ListRow[] {
  const rows = dossierList(ctx.db, { type: f.type, building: f.building, ...(f.incomplete ? {} : { limit: f.limit, offset: f.offset }) });
  let out = rows.map(({ held_types, ...r }) => {
    const c = completeness(r.type, held_types ? held_types.split(',') : []);
    return { ...r, missing: c.missing, complete_pct: c.complete_pct };
  });
  if (f.incomplete) {
    out = out.filter((r) => r.missing.length);
    if (f.limit) out = out.slice(f.offset ?? 0, (f.offset ?? 0) + f.limit);
  }
  return out;
}

export interface DossierView {
  dossier: DossierRow;
  documents: (DocumentRow & { on_loan: string | null; in_destruction: string | null })[];
  check: ReturnType<typeof completeness>;
  loans: import('./loans.js').LoanRow[];
  history: DossierEvent[];
}

export function showDossier(ctx: Ctx, unit: string): DossierView {
  const d = getDossier(ctx, unit);
  const docs = documentsOf(ctx, unit).map((doc) => ({
    ...doc,
    on_loan: openLoanOf(ctx.db, doc.id),
    in_destruction: pendingDestructionOf(ctx.db, doc.id),
  }));
  const loans = loansOfUnit(ctx.db, unit);
  const history = dossierEvents(ctx.db, unit);
  return { dossier: d, documents: docs, check: completeness(d.type, heldTypes(ctx, unit)), loans, history };
}

/** A unit `archive find` found (the store's row without its sort key), and what matched. */
export interface FindRow extends Omit<FoundUnit, 'sort_key'> {
  matched: string;
}

/**
 * `archive find TEXT` ([004]: any file found within a minute): a full mobile
 * number goes through the phone indexes; a label goes through the primary
 * key as a prefix; a name through the name indexes as a prefix (else a LIKE
 * over the roster); phone fragments are a LIKE over the units roster (one
 * pass over 100 000 rows stays well under a second).
 */
export function findDossiers(ctx: Ctx, text: string, limit = 50): FindRow[] {
  const q = classifyFind(text);
  if (!text.trim()) throw new UsageError('err.arch_find_empty', {}, 'fix.arch_find');
  const hits = new Map<string, string>();
  const add = (rows: { label: string }[], why: string) => {
    for (const r of rows) if (!hits.has(r.label) && hits.size < limit) hits.set(r.label, why);
  };
  const addWhy = (rows: { label: string; why: string }[]) => {
    for (const r of rows) add([r], r.why);
  };
  const db = ctx.db;
  if (q.kind === 'phone') {
    const p = normalizePhone(q.digits);
    add(unitFinder.byOwnerPhone(db, p, limit), 'owner_phone');
    add(unitFinder.byTenantPhone(db, p, limit), 'tenant_phone');
  } else {
    const s = q.kind === 'text' ? q.text : q.digits;
    add(unitFinder.byLabelPrefix(db, s, limit), 'unit');
    if (q.kind === 'text') {
      // A clerk types a full name or a surname: names that start with the text
      // come through the name indexes at once. Only when no name starts with it
      // (a given name alone) is every name searched for it anywhere.
      const byPrefix = unitFinder.byNamePrefix(db, s, 2 * limit);
      addWhy(byPrefix.length ? byPrefix : unitFinder.byNameAnywhere(db, s, limit));
    } else {
      addWhy(unitFinder.byPhoneAnywhere(db, s, limit));
      add(unitFinder.byRoom(db, s, limit), 'unit');
    }
  }
  const out = [...hits].map(([label, why]) => ({ ...foundUnit(db, label), matched: why }));
  out.sort((a, b) => (a.sort_key < b.sort_key ? -1 : a.sort_key > b.sort_key ? 1 : 0));
  return out.map(({ sort_key: _s, ...r }) => r);
}

export { DOSSIER_TYPES, requiredDocs };
