// Dossiers and their documents: open, add, update, show, list, check, find.
import { NotFound, RuleRefused, UsageError } from '../../errors.js';
import {
  bagLabel, classifyFind, completeness, confidentialByDefault, DOSSIER_TYPES, isDocType, requiredDocs,
  siteCompleteness, type DossierType,
} from '../../domain/archive.js';
import { normalizePhone } from '../../domain/people.js';
import { writeTx } from '../../store/db.js';
import { nextId } from '../../store/common.js';
import { type Ctx, audit, eventTime, idDate, requireWriter } from '../context.js';
import { getUnit } from '../core/units.js';

export interface DossierRow {
  unit: string;
  type: DossierType;
  bag_label: string;
  sort_key: string;
  opened_at: number;
  opened_by: string | null;
  updated_at: number;
}

export interface DocumentRow {
  id: string;
  unit: string;
  type: string;
  ref: string | null;
  note: string | null;
  status: 'active' | 'destroyed';
  confidential: number;
  filed_at: number;
  filed_by: string | null;
  superseded_by: string | null;
  hold_reason: string | null;
  held_at: number | null;
  held_by: string | null;
  destroyed_at: number | null;
  destruction_id: string | null;
}

export interface DossierEvent {
  id: number;
  unit: string;
  at: number;
  by: string | null;
  action: string;
  document_id: string | null;
  ref_id: string | null;
  detail: string | null;
}

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
  const map: Record<string, DossierType> = { owner: 'owner', 业主: 'owner', 业主自用: 'owner', tenant: 'tenant', 租户: 'tenant', 承租: 'tenant', 出租: 'tenant' };
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
  const d = ctx.db.prepare('SELECT * FROM dossiers WHERE unit = ?').get(unit) as DossierRow | undefined;
  if (!d) {
    getUnit(ctx, unit); // a wrong label says "no unit"
    throw new NotFound('err.arch_no_dossier', { unit }, 'fix.arch_open');
  }
  return d;
}

export function getDocument(ctx: Ctx, id: string): DocumentRow {
  const d = ctx.db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
  if (d) return d;
  // UNIT/TYPE names the current document of that type in the unit's bag
  const m = /^(.+)\/([a-z_]+)$/.exec(id);
  if (m) {
    const cur = ctx.db
      .prepare("SELECT * FROM documents WHERE unit = ? AND type = ? AND superseded_by IS NULL ORDER BY status = 'active' DESC, filed_at DESC, id DESC LIMIT 1")
      .get(m[1], m[2]) as DocumentRow | undefined;
    if (cur) return cur;
  }
  throw new NotFound('err.arch_no_document', { id }, 'fix.arch_show');
}

export function documentsOf(ctx: Ctx, unit: string): DocumentRow[] {
  return ctx.db.prepare('SELECT * FROM documents WHERE unit = ? ORDER BY filed_at, id').all(unit) as DocumentRow[];
}

export function recordEvent(
  ctx: Ctx,
  e: { unit: string; at: number; action: string; document_id?: string | null; ref_id?: string | null; detail?: unknown },
): void {
  ctx.db
    .prepare('INSERT INTO dossier_events(unit, at, by, action, document_id, ref_id, detail, recorded_at) VALUES (?,?,?,?,?,?,?,?)')
    .run(e.unit, e.at, ctx.actor?.code ?? null, e.action, e.document_id ?? null, e.ref_id ?? null, e.detail === undefined ? null : JSON.stringify(e.detail), ctx.clock.now());
  ctx.db.prepare('UPDATE dossiers SET updated_at = ? WHERE unit = ?').run(ctx.clock.now(), e.unit);
}

export function openDossier(ctx: Ctx, unit: string, type: DossierType | undefined, at?: string): DossierRow {
  return writeTx(ctx.db, () => {
    requireDesk(ctx, 'action.arch_open');
    const u = getUnit(ctx, unit);
    if (ctx.db.prepare('SELECT 1 FROM dossiers WHERE unit = ?').get(unit))
      throw new RuleRefused('err.arch_dossier_exists', { unit }, 'fix.arch_update_type');
    const t: DossierType = type ?? (u.occupancy === 'tenant' ? 'tenant' : 'owner');
    const when = eventTime(ctx, at);
    const bag = bagLabel(u.building, u.unit, u.floor, u.room);
    ctx.db
      .prepare('INSERT INTO dossiers(unit, type, bag_label, sort_key, opened_at, opened_by, updated_at) VALUES (?,?,?,?,?,?,?)')
      .run(unit, t, bag, u.sort_key, when, ctx.actor?.code ?? null, ctx.clock.now());
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
  ctx.db
    .prepare('INSERT INTO documents(id, unit, type, ref, note, status, confidential, filed_at, filed_by) VALUES (?,?,?,?,?,?,?,?,?)')
    .run(id, unit, i.type, i.ref ?? null, i.note ?? null, 'active', conf, filedAt, ctx.actor?.code ?? null);
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
      ctx.db.prepare('UPDATE dossiers SET type = ? WHERE unit = ?').run(i.type, unit);
      recordEvent(ctx, { unit, at: when, action: 'type_changed', detail: { from: before.type, to: i.type } });
      changes.push({ action: 'type_changed', from: before.type, to: i.type });
    }
    if (i.doc) {
      const olds = ctx.db
        .prepare("SELECT * FROM documents WHERE unit = ? AND type = ? AND status = 'active' AND superseded_by IS NULL ORDER BY filed_at, id")
        .all(unit, i.doc) as DocumentRow[];
      const doc = insertDocument(ctx, unit, { type: i.doc, ref: i.ref, note: i.note, confidential: i.confidential || olds.some((o) => o.confidential) }, when);
      for (const o of olds) ctx.db.prepare('UPDATE documents SET superseded_by = ? WHERE id = ?').run(doc.id, o.id);
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
  return (
    ctx.db.prepare("SELECT DISTINCT type FROM documents WHERE unit = ? AND status = 'active' AND superseded_by IS NULL").all(unit) as { type: string }[]
  ).map((r) => r.type);
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
    for (const [u, types] of ctx.db
      .prepare("SELECT unit, group_concat(type) FROM documents WHERE status = 'active' AND superseded_by IS NULL GROUP BY unit")
      .raw()
      .all() as [string, string][])
      held.set(u, types.split(','));
    const all = ctx.db
      .prepare(
        `SELECT u.label, d.type, u.occupancy FROM units u LEFT JOIN dossiers d ON d.unit = u.label
         WHERE d.unit IS NOT NULL OR u.occupancy IN ('owner','tenant') ORDER BY u.sort_key`,
      )
      .raw()
      .all() as [string, DossierType | null, string][];
    for (const [label, type, occ] of all) {
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
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.type) {
    where.push('d.type = ?');
    args.push(f.type);
  }
  if (f.building) {
    where.push('u.building = ?');
    args.push(f.building);
  }
  const lim = f.limit && !f.incomplete ? ` LIMIT ${Math.max(0, Math.floor(f.limit))} OFFSET ${Math.max(0, Math.floor(f.offset ?? 0))}` : '';
  const rows = ctx.db
    .prepare(
      `SELECT d.unit, d.bag_label, d.type,
         (SELECT COUNT(*) FROM documents x WHERE x.unit = d.unit) AS documents,
         (SELECT COUNT(*) FROM documents x WHERE x.unit = d.unit AND x.status = 'destroyed') AS destroyed,
         (SELECT group_concat(DISTINCT x.type) FROM documents x WHERE x.unit = d.unit AND x.status = 'active' AND x.superseded_by IS NULL) AS held_types,
         (SELECT COUNT(*) FROM documents x WHERE x.unit = d.unit AND x.hold_reason IS NOT NULL AND x.status = 'active') AS held,
         (SELECT COUNT(*) FROM archive_loans l WHERE l.unit = d.unit AND l.returned_at IS NULL) AS on_loan
       FROM dossiers d JOIN units u ON u.label = d.unit
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY d.sort_key${lim}`,
    )
    .all(...args) as (Omit<ListRow, 'missing' | 'complete_pct'> & { held_types: string | null })[];
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
    on_loan:
      (ctx.db
        .prepare('SELECT l.id FROM archive_loan_items i JOIN archive_loans l ON l.id = i.loan_id WHERE i.document_id = ? AND l.returned_at IS NULL')
        .get(doc.id) as { id: string } | undefined)?.id ?? null,
    in_destruction:
      (ctx.db
        .prepare("SELECT x.id FROM destruction_items i JOIN destructions x ON x.id = i.destruction_id WHERE i.document_id = ? AND x.status IN ('requested','reviewed','approved')")
        .get(doc.id) as { id: string } | undefined)?.id ?? null,
  }));
  const loans = ctx.db.prepare('SELECT * FROM archive_loans WHERE unit = ? ORDER BY lent_at DESC').all(unit) as import('./loans.js').LoanRow[];
  const history = ctx.db.prepare('SELECT * FROM dossier_events WHERE unit = ? ORDER BY at, id').all(unit) as DossierEvent[];
  return { dossier: d, documents: docs, check: completeness(d.type, heldTypes(ctx, unit)), loans, history };
}

export interface FindRow {
  unit: string;
  bag_label: string | null;
  type: DossierType | null;
  occupancy: string;
  owner_name: string | null;
  owner_phone: string | null;
  tenant_name: string | null;
  tenant_phone: string | null;
  documents: number;
  on_loan: number;
  matched: string;
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
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
    add(db.prepare('SELECT label FROM units WHERE owner_phone = ? ORDER BY sort_key LIMIT ?').all(p, limit) as { label: string }[], 'owner_phone');
    add(db.prepare('SELECT label FROM units WHERE tenant_phone = ? ORDER BY sort_key LIMIT ?').all(p, limit) as { label: string }[], 'tenant_phone');
  } else {
    const s = q.kind === 'text' ? q.text : q.digits;
    const e = likeEscape(s);
    // a label prefix as a range over the primary key (LIKE would scan)
    add(db.prepare('SELECT label FROM units WHERE label >= ? AND label < ? ORDER BY sort_key LIMIT ?').all(s, s + '\uffff', limit) as { label: string }[], 'unit');
    if (q.kind === 'text') {
      // A clerk types a full name or a surname: names that start with the text
      // come through the name indexes at once. Only when no name starts with it
      // (a given name alone) is every name searched for it anywhere.
      const byPrefix = db
        .prepare(
          `SELECT label, 'owner_name' AS why, sort_key FROM units WHERE owner_name >= @s AND owner_name < @end
           UNION ALL
           SELECT label, 'tenant_name', sort_key FROM units WHERE tenant_name >= @s AND tenant_name < @end
           ORDER BY sort_key LIMIT @lim`,
        )
        // U+10FFFF sorts after every character a name can hold (UTF-8 order).
        .all({ s, end: s + '\u{10FFFF}', lim: 2 * limit }) as { label: string; why: string }[];
      addWhy(
        byPrefix.length
          ? byPrefix
          : // One sequential pass matching both names; `+sort_key` keeps SQLite
            // from walking the sort index row by row (slow when the name is rare).
            (db
              .prepare(
                "SELECT label, CASE WHEN owner_name LIKE @q ESCAPE '\\' THEN 'owner_name' ELSE 'tenant_name' END AS why FROM units WHERE owner_name LIKE @q ESCAPE '\\' OR tenant_name LIKE @q ESCAPE '\\' ORDER BY +sort_key LIMIT @lim",
              )
              .all({ q: '%' + e + '%', lim: limit }) as { label: string; why: string }[]),
      );
    } else {
      addWhy(
        db.prepare(
          "SELECT label, CASE WHEN owner_phone LIKE @q THEN 'owner_phone' ELSE 'tenant_phone' END AS why FROM units WHERE owner_phone LIKE @q OR tenant_phone LIKE @q ORDER BY +sort_key LIMIT @lim",
        ).all({ q: '%' + e + '%', lim: limit }) as { label: string; why: string }[],
      );
      add(db.prepare("SELECT label FROM units WHERE room = ? ORDER BY sort_key LIMIT ?").all(s, limit) as { label: string }[], 'unit');
    }
  }
  const one = db.prepare(
    `SELECT u.label AS unit, d.bag_label, d.type, u.occupancy, u.owner_name, u.owner_phone, u.tenant_name, u.tenant_phone, u.sort_key,
       (SELECT COUNT(*) FROM documents x WHERE x.unit = u.label AND x.status = 'active') AS documents,
       (SELECT COUNT(*) FROM archive_loans l WHERE l.unit = u.label AND l.returned_at IS NULL) AS on_loan
     FROM units u LEFT JOIN dossiers d ON d.unit = u.label WHERE u.label = ?`,
  );
  const out = [...hits].map(([label, why]) => ({ ...(one.get(label) as FindRow & { sort_key: string }), matched: why }));
  out.sort((a, b) => (a.sort_key < b.sort_key ? -1 : a.sort_key > b.sort_key ? 1 : 0));
  return out.map(({ sort_key: _s, ...r }) => r);
}

export { DOSSIER_TYPES, requiredDocs };
