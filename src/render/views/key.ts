// Keys as every format shows them (SPEC §4): the JSON objects, the record and
// list columns, a key's history and the count (盘点). Pure: rows in, view data
// out.
import type { AuditResult } from '../../app/key/audit.js';
import type { KeyHistory, KeyView, LostResult } from '../../app/key/keys.js';
import { formatIso } from '../../domain/time.js';
import type { LoanRow, LockChangeRow } from '../../store/key.js';
import type { Column, Output, RenderOpts, Row } from '../view.js';

/** What a view needs to word a detail: the catalogue and the language. */
export type Words = Pick<RenderOpts, 't' | 'lang'>;

const KEY_COLUMNS: Column[] = [
  { key: 'label', label: 'col.key_label' },
  { key: 'kind', label: 'col.key_kind', type: 'state' },
  { key: 'where', label: 'col.key_where' },
  { key: 'holder_dept', label: 'col.key_holder', type: 'state' },
  { key: 'copies', label: 'col.key_copies', type: 'number' },
  { key: 'status', label: 'col.status', type: 'state' },
  { key: 'loan_to', label: 'col.key_loan_to' },
  { key: 'loan_due', label: 'col.key_due', type: 'time' },
];

const KEY_FIELDS: Column[] = [
  { key: 'label', label: 'col.key_label' },
  { key: 'kind', label: 'col.key_kind', type: 'state' },
  { key: 'unit', label: 'col.unit' },
  { key: 'place', label: 'col.key_place' },
  { key: 'holder_dept', label: 'col.key_holder', type: 'state' },
  { key: 'copies', label: 'col.key_copies', type: 'number' },
  { key: 'status', label: 'col.status', type: 'state' },
  { key: 'loan_id', label: 'col.key_loan' },
  { key: 'loan_to', label: 'col.key_loan_to' },
  { key: 'loan_purpose', label: 'col.key_purpose' },
  { key: 'loan_lent', label: 'col.key_lent_at', type: 'time' },
  { key: 'loan_due', label: 'col.key_due', type: 'time' },
  { key: 'loan_approved', label: 'col.key_approved_by' },
];

function loanJson(l: LoanRow, tz: string) {
  return {
    id: l.id,
    to: l.to_person,
    to_name: l.to_name,
    to_kind: l.to_kind,
    purpose: l.purpose,
    lent_at: formatIso(l.lent_at, tz),
    due_at: formatIso(l.due_at, tz),
    approved_by: l.approved_by,
    owner_consent: l.owner_consent,
    lent_by: l.lent_by,
    ...(l.to_phone ? { to_phone: l.to_phone } : {}),
    ...(l.overnight ? { overnight: l.overnight } : {}),
    returned_at: l.returned_at === null ? null : formatIso(l.returned_at, tz),
    closed_as: l.closed_as,
  };
}

/** A key and its open loan; with `now`, whether that loan is overdue (the list). */
export function keyJson(k: KeyView, tz: string, now?: number) {
  const out: Record<string, unknown> = {
    label: k.label,
    kind: k.kind,
    unit: k.unit,
    place: k.place,
    holder_dept: k.holder_dept,
    status: k.status,
    copies: k.copies,
  };
  if (k.loan) {
    const l = loanJson(k.loan, tz);
    out.loan = {
      id: l.id,
      to: l.to,
      to_name: l.to_name,
      to_kind: l.to_kind,
      purpose: l.purpose,
      lent_at: l.lent_at,
      due_at: l.due_at,
      approved_by: l.approved_by,
      owner_consent: l.owner_consent,
      ...(now !== undefined ? { overdue: k.loan.due_at < now } : {}),
    };
  }
  return out;
}

function borrower(l: LoanRow): string {
  return l.to_kind === 'staff' ? `${l.to_name} (${l.to_person})` : l.to_name;
}

function keyRow(k: KeyView): Row {
  return {
    ...k,
    where: k.unit ?? k.place ?? '',
    loan_id: k.loan?.id,
    loan_to: k.loan ? borrower(k.loan) : undefined,
    loan_purpose: k.loan?.purpose,
    loan_lent: k.loan?.lent_at,
    loan_due: k.loan?.due_at,
    loan_approved: k.loan?.approved_by,
  };
}

/** The record without the rows that do not apply (loan fields while in the cabinet, place of an owner key). */
function keyRecord(k: KeyView): { fields: Column[]; row: Row } {
  const row = keyRow(k);
  return { fields: KEY_FIELDS.filter((f) => row[f.key] !== null && row[f.key] !== undefined && row[f.key] !== ''), row };
}

/** One key after a change, with the notes the command adds. */
export function keyOutput(k: KeyView, tz: string, notes: string[] = []): Output {
  return { json: keyJson(k, tz), record: keyRecord(k), notes };
}

export function keyListOutput(rows: KeyView[], tz: string, now: number): Output {
  return { json: rows.map((k) => keyJson(k, tz, now)), table: { title: '', columns: KEY_COLUMNS, rows: rows.map(keyRow) } };
}

/** A lost key: its lock change opened, and who was told. */
export function lostOutput(w: Words, r: LostResult, tz: string): Output {
  const notified = JSON.parse(r.lock_change.notified) as string[];
  const out = keyOutput(r, tz, [w.t('msg.key_lost_opened', { id: r.lock_change.id, who: notified.join(', ') || '-' })]);
  return { ...out, json: { ...keyJson(r, tz), lock_change: { id: r.lock_change.id, notified, due_at: formatIso(r.lock_change.due_at, tz), done_at: null } } };
}

/** A lock changed: the lock change it closed (none when the key was lost before lock changes were recorded). */
export function rekeyedOutput(w: Words, r: KeyView & { lock_change: LockChangeRow | null }, tz: string): Output {
  const out = keyOutput(r, tz, r.lock_change ? [w.t('msg.key_rekeyed', { id: r.lock_change.id })] : []);
  if (!r.lock_change) return out;
  return {
    ...out,
    json: { ...keyJson(r, tz), lock_change: { id: r.lock_change.id, done_at: r.lock_change.done_at === null ? null : formatIso(r.lock_change.done_at, tz) } },
  };
}

/** `key show`: the key, its events in words, loans and lock changes. */
export function historyOutput(w: Words, h: KeyHistory, tz: string): Output {
  const ev = h.events.map((e) => ({
    type: e.type,
    at: formatIso(e.at, tz),
    by: e.by,
    loan: e.loan_id,
    note: e.note,
    ...(e.data ? { data: JSON.parse(e.data) } : {}),
  }));
  const json = {
    ...keyJson(h.key, tz),
    history: ev,
    loans: h.loans.map((l) => loanJson(l, tz)),
    lock_changes: h.lock_changes.map((c: LockChangeRow) => ({
      id: c.id,
      reported_at: formatIso(c.reported_at, tz),
      notified: JSON.parse(c.notified) as string[],
      due_at: formatIso(c.due_at, tz),
      done_at: c.done_at === null ? null : formatIso(c.done_at, tz),
    })),
  };
  const detail = (e: (typeof h.events)[number]): string => {
    const d = e.data ? (JSON.parse(e.data) as Record<string, unknown>) : {};
    const parts: string[] = [];
    if (e.type === 'lent') {
      parts.push(w.t('msg.key_h_lent', { to: String(d.to), due: formatIso(Number(d.due_at), tz).slice(0, 16).replace('T', ' ') }));
      if (d.approved_by) parts.push(w.t('msg.key_h_approved', { code: String(d.approved_by) }));
      if (d.owner_consent) parts.push(w.t('msg.key_h_consent', { ref: String(d.owner_consent) }));
    } else if (e.type === 'returned') parts.push(w.t('msg.key_h_returned', { condition: w.t('enum.' + String(d.condition ?? 'ok')) }));
    else if (e.type === 'issued') parts.push(w.t('msg.key_h_issued', { name: String(d.signed_by) }));
    else if (e.type === 'lost') parts.push(w.t('msg.key_h_lost', { id: String(d.lock_change), who: (d.notified as string[]).join(', ') }));
    else if (e.type === 'rekeyed' && d.lock_change) parts.push(String(d.lock_change));
    else if (e.type === 'copied') parts.push(w.t('msg.key_h_copied', { n: Number(d.count), copies: Number(d.copies), code: String(d.approved_by) }));
    if (e.note) parts.push(e.note);
    return parts.join(w.lang === 'zh' ? '；' : '; ');
  };
  return {
    json,
    record: keyRecord(h.key),
    sections: [
      {
        title: 'title.key_history',
        columns: [
          { key: 'at', label: 'col.at', type: 'time' },
          { key: 'type', label: 'col.type', type: 'state' },
          { key: 'by', label: 'col.actor' },
          { key: 'loan', label: 'col.key_loan' },
          { key: 'detail', label: 'col.detail' },
        ],
        rows: h.events.map((e) => ({ at: e.at, type: 'key_' + e.type, by: e.by, loan: e.loan_id, detail: detail(e) })),
      },
    ],
  };
}

/** `key audit`: without a count, the checklist to count against; with one, what it found. */
export function auditOutput(w: Words, r: AuditResult, tz: string): Output {
  const f = r.findings;
  const rows: Row[] = [
    ...f.missing.map((m) => ({ finding: 'key_missing', label: m.label, status: m.status, detail: '' })),
    ...f.present_but_out.map((m) => ({ finding: 'key_present_but_out', label: m.label, status: m.status, detail: '' })),
    ...f.unknown.map((label) => ({ finding: 'key_unknown', label, status: '', detail: '' })),
    ...f.copies_mismatch.map((m) => ({
      finding: 'key_copies_mismatch',
      label: m.label,
      status: '',
      detail: w.t('msg.key_copies_mismatch', { registered: m.registered, counted: m.counted }),
    })),
  ];
  const json = {
    id: r.id,
    counted_at: formatIso(r.counted_at, tz),
    file: r.file,
    expected: f.expected,
    counted: f.counted,
    missing: f.missing,
    present_but_out: f.present_but_out,
    unknown: f.unknown,
    copies_mismatch: f.copies_mismatch,
    ok: rows.length === 0,
  };
  if (!r.file) {
    // No count given: the checklist to count against.
    return {
      json: { ...json, register: r.register },
      table: {
        title: 'title.key_checklist',
        columns: [
          { key: 'label', label: 'col.key_label' },
          { key: 'status', label: 'col.status', type: 'state' },
          { key: 'copies', label: 'col.key_copies', type: 'number' },
          { key: 'in_cabinet', label: 'col.key_should_be_in', type: 'bool' },
        ],
        rows: r.register.map((e) => ({ ...e, in_cabinet: e.status === 'in_cabinet' || e.status === 'damaged' })),
      },
      notes: [w.t('msg.key_audit_howto')],
    };
  }
  return {
    json,
    table: {
      title: 'title.key_audit',
      empty: 'msg.key_audit_clean',
      columns: [
        { key: 'finding', label: 'col.key_finding', type: 'state' },
        { key: 'label', label: 'col.key_label' },
        { key: 'status', label: 'col.key_register_says', type: 'state' },
        { key: 'detail', label: 'col.detail' },
      ],
      rows,
    },
    notes: [
      w.t('msg.key_audit_summary', {
        id: r.id ?? '-',
        expected: f.expected,
        counted: f.counted,
        missing: f.missing.length,
        out: f.present_but_out.length,
        unknown: f.unknown.length,
      }),
    ],
  };
}
