// Archives as every format shows them (SPEC §5, [004] 6): the JSON objects of
// a document, a loan and a destruction, the dossier's record and history, the
// site check, the lists, and the destruction certificate. Pure: rows in, view
// data out; missing document types are worded for the table (JSON keeps codes).
import type { DestructionView, ExpiredRow } from '../../app/archive/destruction.js';
import type { CheckResult, CheckUnit, DossierView, FindRow, ListRow, UpdateResult } from '../../app/archive/dossiers.js';
import type { LoanView } from '../../app/archive/loans.js';
import { formatIso } from '../../domain/time.js';
import type { DestructionRow, DocumentRow, DossierRow, LoanRow } from '../../store/archive.js';
import { certificateHtml, certificateMd, certificateText } from '../certificate.js';
import type { Column, Output, RenderOpts } from '../view.js';

/** What a view needs to word a code: the catalogue. */
export type Words = Pick<RenderOpts, 't'>;

const iso = (ms: number | null | undefined, tz: string) => (ms == null ? null : formatIso(ms, tz));

/** Document types a dossier lacks, in the reader's words (tables only). */
const missingWords = (w: Words, missing: string[]) => missing.map((x) => w.t('enum.' + x));

const DOC_COLUMNS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'unit', label: 'col.unit' },
  { key: 'type', label: 'col.arch_doc_type', type: 'state' },
  { key: 'ref', label: 'col.arch_ref' },
  { key: 'status', label: 'col.status', type: 'state' },
  { key: 'confidential', label: 'col.arch_confidential', type: 'bool' },
  { key: 'filed_at', label: 'col.arch_filed_at', type: 'time' },
  { key: 'hold_reason', label: 'col.arch_hold' },
];

export function docJson(d: DocumentRow, tz: string) {
  return {
    id: d.id,
    unit: d.unit,
    type: d.type,
    ref: d.ref,
    note: d.note,
    status: d.status,
    confidential: !!d.confidential,
    filed_at: iso(d.filed_at, tz),
    filed_by: d.filed_by,
    superseded_by: d.superseded_by,
    hold: d.hold_reason ? { reason: d.hold_reason, at: iso(d.held_at, tz), by: d.held_by } : null,
    destroyed_at: iso(d.destroyed_at, tz),
    destruction_id: d.destruction_id,
  };
}

const LOAN_COLUMNS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'unit', label: 'col.unit' },
  { key: 'documents', label: 'col.arch_documents', type: 'list' },
  { key: 'to_person', label: 'col.arch_borrower' },
  { key: 'signed_by', label: 'col.arch_signed_by' },
  { key: 'purpose', label: 'col.arch_purpose' },
  { key: 'lent_at', label: 'col.arch_lent_at', type: 'time' },
  { key: 'due_at', label: 'col.due_at', type: 'time' },
  { key: 'approved_by', label: 'col.arch_approved_by' },
  { key: 'registered_by', label: 'col.arch_registered_by' },
  { key: 'returned_at', label: 'col.arch_returned_at', type: 'time' },
];

export function loanJson(l: LoanView, tz: string) {
  return {
    id: l.id,
    unit: l.unit,
    document_id: l.document_id,
    documents: l.documents,
    kept: l.kept,
    to: l.to_person,
    to_staff: !!l.to_staff,
    signed_by: l.signed_by,
    purpose: l.purpose,
    lent_at: iso(l.lent_at, tz),
    due_at: iso(l.due_at, tz),
    approved_by: l.approved_by,
    registered_by: l.registered_by,
    returned_at: iso(l.returned_at, tz),
    status: l.returned_at !== null ? 'returned' : 'on_loan',
  };
}

export function destructionJson(x: DestructionView, tz: string) {
  return {
    id: x.id,
    status: x.status,
    reason: x.reason,
    method: x.method,
    requested_by: x.requested_by,
    requested_at: iso(x.requested_at, tz),
    reviewed_by: x.reviewed_by,
    reviewed_at: iso(x.reviewed_at, tz),
    approved_by: x.approved_by,
    approved_at: iso(x.approved_at, tz),
    destroyed_at: iso(x.destroyed_at, tz),
    executed_by: x.executed_by,
    witnesses: x.witnesses,
    place: x.place,
    rejected_by: x.rejected_by,
    rejected_at: iso(x.rejected_at, tz),
    reject_reason: x.reject_reason,
    documents: x.documents.map((d) => ({
      id: d.id,
      unit: d.unit,
      type: d.type,
      ref: d.ref,
      filed_at: iso(d.filed_at, tz),
      status: d.status,
      retention: d.retention,
      expired: d.expired,
    })),
    units: [...new Set(x.documents.map((d) => d.unit))],
  };
}

/** A document as its record (add, hold, release). */
export function docOutput(d: DocumentRow, tz: string): Output {
  return { json: docJson(d, tz), record: { fields: DOC_COLUMNS, row: { ...d } } };
}

/** A loan as its record, with the documents a lend of the whole dossier kept back. */
export function loanOutput(w: Words, l: LoanView, tz: string): Output {
  const notes = l.kept.length ? [w.t('msg.arch_kept', { ids: l.kept.join(', ') })] : [];
  return { json: loanJson(l, tz), record: { fields: LOAN_COLUMNS, row: { ...l } }, notes };
}

export function loanListOutput(rows: LoanView[], tz: string): Output {
  return { json: rows.map((l) => loanJson(l, tz)), table: { title: '', columns: LOAN_COLUMNS, rows: rows.map((l) => ({ ...l })) } };
}

/** A dossier just opened: its bag label and what it still lacks. */
export function openedOutput(d: DossierRow, c: CheckUnit, tz: string): Output {
  return {
    json: {
      id: d.unit,
      unit: d.unit,
      type: d.type,
      bag_label: d.bag_label,
      opened_at: iso(d.opened_at, tz),
      opened_by: d.opened_by,
      missing: c.missing,
      complete_pct: c.complete_pct,
    },
    record: {
      fields: [
        { key: 'unit', label: 'col.unit' },
        { key: 'bag_label', label: 'col.arch_bag' },
        { key: 'type', label: 'col.type', type: 'state' },
        { key: 'opened_at', label: 'col.arch_opened_at', type: 'time' },
        { key: 'missing', label: 'col.arch_missing', type: 'list' },
        { key: 'complete_pct', label: 'col.arch_complete', type: 'pct' },
      ],
      row: { ...d, missing: c.missing, complete_pct: c.complete_pct / 100 },
    },
  };
}

export function updatedOutput(r: UpdateResult): Output {
  return {
    json: { id: r.dossier.unit, unit: r.dossier.unit, type: r.dossier.type, changes: r.changes },
    table: {
      title: '',
      columns: [
        { key: 'action', label: 'col.action', type: 'state' },
        { key: 'document_id', label: 'col.id' },
        { key: 'from', label: 'col.arch_from' },
        { key: 'to', label: 'col.arch_to' },
      ],
      rows: r.changes.map((c) => ({ ...c, from: Array.isArray(c.from) ? c.from.join(', ') : c.from })),
      empty: 'msg.arch_no_change',
    },
  };
}

const HISTORY_COLUMNS: Column[] = [
  { key: 'at', label: 'col.at', type: 'time' },
  { key: 'by', label: 'col.actor' },
  { key: 'action', label: 'col.action', type: 'state' },
  { key: 'document_id', label: 'col.id' },
  { key: 'ref_id', label: 'col.arch_ref_id' },
];

/** A document's standing in its dossier: destroyed, superseded, lent out, in a destruction request, or active. */
function docStanding(d: DossierView['documents'][number]): string {
  return d.status === 'destroyed' ? 'destroyed' : d.superseded_by ? 'superseded' : d.on_loan ? 'on_loan' : d.in_destruction ? 'in_destruction' : 'active';
}

/** `archive show UNIT`: the dossier, its documents, loans and history. */
export function dossierOutput(w: Words, v: DossierView, tz: string): Output {
  return {
    json: {
      unit: v.dossier.unit,
      type: v.dossier.type,
      bag_label: v.dossier.bag_label,
      opened_at: iso(v.dossier.opened_at, tz),
      missing: v.check.missing,
      complete_pct: v.check.complete_pct,
      documents: v.documents.map((d) => ({ ...docJson(d, tz), on_loan: d.on_loan, in_destruction: d.in_destruction })),
      loans: v.loans.map((l: LoanRow) => loanJson({ ...l, documents: [], kept: [] }, tz)),
      history: v.history.map((h) => ({
        at: iso(h.at, tz),
        by: h.by,
        action: h.action,
        document_id: h.document_id,
        ref_id: h.ref_id,
        detail: h.detail ? JSON.parse(h.detail) : null,
      })),
    },
    record: {
      title: v.dossier.bag_label,
      fields: [
        { key: 'unit', label: 'col.unit' },
        { key: 'type', label: 'col.type', type: 'state' },
        { key: 'missing', label: 'col.arch_missing', type: 'list' },
        { key: 'complete_pct', label: 'col.arch_complete', type: 'pct' },
      ],
      row: { unit: v.dossier.unit, type: v.dossier.type, missing: missingWords(w, v.check.missing), complete_pct: v.check.complete_pct / 100 },
    },
    sections: [
      { title: 'title.arch_documents', columns: DOC_COLUMNS.filter((c) => c.key !== 'unit'), rows: v.documents.map((d) => ({ ...d, status: docStanding(d) })) },
      { title: 'title.arch_loans', columns: LOAN_COLUMNS.filter((c) => c.key !== 'unit' && c.key !== 'documents'), rows: v.loans.map((l) => ({ ...l })) },
      { title: 'title.arch_history', columns: HISTORY_COLUMNS, rows: v.history.map((h) => ({ ...h })) },
    ],
  };
}

/** `archive check`: the units shown (the caller picks them) and the site's completeness. */
export function checkOutput(w: Words, r: CheckResult, shown: CheckUnit[], notes: string[]): Output {
  return {
    json: {
      units: shown.map((u) => ({ unit: u.unit, type: u.type, dossier: u.dossier, missing: u.missing, complete_pct: u.complete_pct })),
      site_complete_pct: r.site_complete_pct,
      dossiers: r.dossiers,
      complete: r.complete,
      without_dossier: r.without_dossier,
    },
    table: {
      title: '',
      columns: [
        { key: 'unit', label: 'col.unit' },
        { key: 'type', label: 'col.type', type: 'state' },
        { key: 'dossier', label: 'col.arch_has_dossier', type: 'bool' },
        { key: 'missing', label: 'col.arch_missing', type: 'list' },
        { key: 'complete_pct', label: 'col.arch_complete', type: 'pct' },
      ],
      rows: shown.map((u) => ({ ...u, missing: missingWords(w, u.missing), complete_pct: u.complete_pct / 100 })),
    },
    notes: [...notes, w.t('msg.arch_site_complete', { pct: r.site_complete_pct, complete: r.complete, dossiers: r.dossiers, without: r.without_dossier })],
  };
}

export function dossierListOutput(w: Words, rows: ListRow[]): Output {
  return {
    json: rows,
    table: {
      title: '',
      columns: [
        { key: 'unit', label: 'col.unit' },
        { key: 'bag_label', label: 'col.arch_bag' },
        { key: 'type', label: 'col.type', type: 'state' },
        { key: 'documents', label: 'col.arch_documents', type: 'number' },
        { key: 'missing', label: 'col.arch_missing', type: 'list' },
        { key: 'complete_pct', label: 'col.arch_complete', type: 'pct' },
        { key: 'on_loan', label: 'col.arch_on_loan', type: 'number' },
        { key: 'held', label: 'col.arch_held', type: 'number' },
        { key: 'destroyed', label: 'col.arch_destroyed', type: 'number' },
      ],
      rows: rows.map((r) => ({ ...r, missing: missingWords(w, r.missing), complete_pct: r.complete_pct / 100 })),
    },
  };
}

export function findOutput(rows: FindRow[]): Output {
  return {
    json: rows,
    table: {
      title: '',
      columns: [
        { key: 'unit', label: 'col.unit' },
        { key: 'bag_label', label: 'col.arch_bag' },
        { key: 'type', label: 'col.type', type: 'state' },
        { key: 'owner_name', label: 'col.owner_name' },
        { key: 'owner_phone', label: 'col.owner_phone' },
        { key: 'tenant_name', label: 'col.tenant_name' },
        { key: 'tenant_phone', label: 'col.tenant_phone' },
        { key: 'documents', label: 'col.arch_documents', type: 'number' },
        { key: 'on_loan', label: 'col.arch_on_loan', type: 'number' },
        { key: 'matched', label: 'col.arch_matched', type: 'state' },
      ],
      rows: rows.map((r) => ({ ...r })),
    },
  };
}

export function expiredOutput(rows: ExpiredRow[], tz: string): Output {
  return {
    json: rows.map((d) => ({ ...docJson(d, tz), retention: d.retention, expired_on: d.expired_on, in_destruction: d.in_destruction })),
    table: {
      title: '',
      columns: [
        ...DOC_COLUMNS.filter((c) => c.key !== 'status' && c.key !== 'confidential'),
        { key: 'retention', label: 'col.arch_retention', type: 'duration' },
        { key: 'expired_on', label: 'col.arch_expired_on' },
        { key: 'in_destruction', label: 'col.arch_in_destruction' },
      ],
      rows: rows.map((d) => ({ ...d })),
    },
  };
}

export function retentionOutput(rows: { type: string; retention: string; site: boolean }[]): Output {
  return {
    json: rows,
    table: {
      title: '',
      columns: [
        { key: 'type', label: 'col.arch_doc_type', type: 'state' },
        { key: 'retention', label: 'col.arch_retention', type: 'duration' },
        { key: 'site', label: 'col.arch_site_setting', type: 'bool' },
      ],
      rows,
    },
  };
}

export function retentionSetOutput(r: { type: string; retention: string; previous: string }): Output {
  return {
    json: r,
    record: {
      fields: [
        { key: 'type', label: 'col.arch_doc_type', type: 'state' },
        { key: 'retention', label: 'col.arch_retention', type: 'duration' },
        { key: 'previous', label: 'col.arch_previous' },
      ],
      row: r,
    },
  };
}

/**
 * A destruction request: its JSON, the certificate (text, Markdown, A4 HTML)
 * and, for --csv, one line per document; before it is carried out, the next step.
 */
export function destructionOutput(o: RenderOpts, x: DestructionView, tz: string, site: string): Output {
  const notes = x.status === 'destroyed' ? [] : [o.t('msg.arch_next_step', { status: o.t('enum.' + x.status), next: o.t('msg.arch_next_' + x.status) })];
  return {
    json: destructionJson(x, tz),
    text: certificateText(x, o, site),
    md: certificateMd(x, o, site),
    html: certificateHtml(x, o, site),
    // what --csv prints: one line per document of the request
    table: {
      title: '',
      columns: [
        { key: 'destruction', label: 'col.arch_in_destruction' },
        { key: 'destruction_status', label: 'col.status', type: 'state' },
        { key: 'id', label: 'col.id' },
        { key: 'unit', label: 'col.unit' },
        { key: 'type', label: 'col.arch_doc_type', type: 'state' },
        { key: 'ref', label: 'col.arch_ref' },
        { key: 'filed_at', label: 'col.arch_filed_at', type: 'time' },
        { key: 'status', label: 'col.arch_doc_status', type: 'state' },
        { key: 'destroyed_at', label: 'col.arch_destroyed_at', type: 'time' },
      ],
      rows: x.documents.map((d) => ({ ...d, destruction: x.id, destruction_status: x.status })),
    },
    notes,
  };
}

/** The destruction requests: the table lists them; JSON gives each in full (`full` reads one). */
export function destructionListOutput(rows: DestructionRow[], full: (id: string) => DestructionView, tz: string): Output {
  return {
    json: rows.map((x) => destructionJson(full(x.id), tz)),
    table: {
      title: '',
      columns: [
        { key: 'id', label: 'col.id' },
        { key: 'status', label: 'col.status', type: 'state' },
        { key: 'reason', label: 'col.arch_reason' },
        { key: 'requested_by', label: 'col.arch_requested_by' },
        { key: 'requested_at', label: 'col.arch_requested_at', type: 'time' },
        { key: 'destroyed_at', label: 'col.arch_destroyed_at', type: 'time' },
      ],
      rows: rows.map((x) => ({ ...x })),
    },
  };
}
