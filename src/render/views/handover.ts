// Handovers as every format shows them (SPEC §6): the form (paper text,
// Markdown, JSON, a CSV of its lines), the list, the day's review and the
// site's checklist and shifts. Pure: rows in, view data out.
import type { HandoverView, ReviewResult } from '../../app/handover/handover.js';
import type { ShiftDef } from '../../domain/handover.js';
import { formatIso } from '../../domain/time.js';
import type { ListRow } from '../../store/handover.js';
import { type FormData, type FormLine, formMd, formText } from '../handover-form.js';
import type { Column, Output, RenderOpts } from '../view.js';

/** What a view needs to word codes: the catalogue, and whether the output keeps codes (CSV, JSON). */
export interface Words {
  t: RenderOpts['t'];
  codes: boolean;
}

/** A code in a human table, its own words; CSV keeps the English code (SPEC §1). */
function word(w: Words, prefix: string, code: string | null): string | null {
  if (code === null || w.codes) return code;
  const k = prefix + code;
  const tr = w.t(k);
  return tr === k ? code : tr;
}

function iso(ms: number | null, tz: string): string | null {
  return ms === null ? null : formatIso(ms, tz);
}

/** A checklist item's words: the site's own, else the standard item's name in the language shown. */
function checklistLabel(t: RenderOpts['t'], code: string, label: string): string {
  const k = 'hoitem.' + code;
  const tr = t(k);
  return label || (tr === k ? code : tr);
}

type Line = HandoverView['items'][number];

/**
 * The form for scripts: codes, not words, whatever --lang says. A checklist
 * line's `label` is the site's own wording (`handover checklist add --label`),
 * null for the standard items, whose words are for the tables.
 */
export function handoverJson(v: HandoverView, tz: string) {
  const line = (i: Line) => ({
    result: i.result,
    note: i.note,
    checked_at: iso(i.checked_at, tz),
    checked_by: i.checked_by,
  });
  return {
    id: v.id,
    shift: v.shift,
    shift_date: v.shift_date,
    with: v.with_dept,
    from: v.from_staff,
    to: v.to_staff,
    status: v.status,
    started_at: iso(v.started_at, tz),
    accepted_at: iso(v.accepted_at, tz),
    refused_at: iso(v.refused_at, tz),
    refuse_reason: v.refuse_reason,
    checklist: v.items.filter((i) => i.kind === 'checklist').map((i) => ({ item: i.item, label: i.label || null, ...line(i) })),
    carried: v.items
      .filter((i) => i.kind !== 'checklist')
      .map((i) => ({ kind: i.kind, id: i.item, label: i.label, due_at: iso(i.due_at, tz), after_hours: !!i.after_hours, ...line(i) })),
    unacknowledged: v.items.filter((i) => i.result === null).map((i) => i.item),
    diary: v.diary.map((d) => ({ at: iso(d.at, tz), by: d.by, text: d.text })),
    reviewed_at: iso(v.day?.reviewed_at ?? null, tz),
    reviewed_by: v.day?.reviewed_by ?? null,
  };
}

function formData(v: HandoverView, site: string): FormData {
  const line = (i: Line): FormLine => ({
    kind: i.kind,
    item: i.item,
    label: i.label,
    due_at: i.due_at,
    after_hours: !!i.after_hours,
    result: i.result,
    note: i.note,
    checked_at: i.checked_at,
    checked_by: i.checked_by,
  });
  return {
    id: v.id,
    site,
    shift: v.shift,
    shift_date: v.shift_date,
    shift_start: v.shift_start,
    shift_end: v.shift_end,
    with_dept: v.with_dept,
    status: v.status,
    from: v.from_staff,
    from_name: v.from_name,
    to: v.to_staff,
    to_name: v.to_name,
    started_at: v.started_at,
    accepted_at: v.accepted_at,
    refused_at: v.refused_at,
    refuse_reason: v.refuse_reason,
    checklist: v.items.filter((i) => i.kind === 'checklist').map(line),
    carried: v.items.filter((i) => i.kind !== 'checklist').map(line),
    diary: v.diary,
    reviewed_at: v.day?.reviewed_at ?? null,
    reviewed_by: v.day?.reviewed_by ?? null,
    reviewer_name: v.reviewer_name,
    review_note: v.day?.note ?? null,
  };
}

const FORM_COLUMNS: Column[] = [
  { key: 'kind', label: 'col.ho_kind' },
  { key: 'item', label: 'col.id' },
  { key: 'label', label: 'col.item' },
  { key: 'due_at', label: 'col.due_at', type: 'time' },
  { key: 'result', label: 'col.ho_result' },
  { key: 'note', label: 'col.note' },
  { key: 'checked_at', label: 'col.ho_checked_at', type: 'time' },
  { key: 'checked_by', label: 'col.ho_by' },
];

/**
 * The form: the paper text (with `notes` and, while it waits, how to mark the
 * open lines), Markdown, JSON, and its lines as a table (CSV).
 */
export function formOutput(o: RenderOpts, codes: boolean, v: HandoverView, site: string, notes: string[] = []): Output {
  const w: Words = { t: o.t, codes };
  const data = formData(v, site);
  const open = v.items.filter((i) => i.result === null);
  const hint = v.status === 'pending' && open.length ? [o.t('msg.handover_open_lines', { n: open.length, id: v.id, first: open[0].item })] : [];
  const all = [...notes, ...hint];
  return {
    json: handoverJson(v, o.tz),
    text: formText(data, o) + (all.length ? '\n\n' + all.join('\n') : ''),
    md: formMd(data, o),
    table: {
      title: '',
      columns: FORM_COLUMNS,
      rows: v.items.map((i) => ({
        ...i,
        kind: word(w, 'hokind.', i.kind),
        result: word(w, 'horesult.', i.result),
        label: i.kind === 'checklist' ? checklistLabel(o.t, i.item, i.label) : i.label,
      })),
    },
  };
}

const LIST_COLUMNS: Column[] = [
  { key: 'id', label: 'col.id' },
  { key: 'shift_date', label: 'col.date' },
  { key: 'shift', label: 'col.ho_shift' },
  { key: 'with_dept', label: 'col.ho_with', drop: 4 },
  { key: 'from_staff', label: 'col.ho_giver' },
  { key: 'to_staff', label: 'col.ho_taker' },
  { key: 'status', label: 'col.status' },
  { key: 'started_at', label: 'col.ho_started_at', type: 'time', drop: 1 },
  { key: 'signed_at', label: 'col.ho_signed_at', type: 'time', drop: 2 },
  { key: 'carried', label: 'col.ho_carried', type: 'number', drop: 3 },
  { key: 'open_items', label: 'col.ho_open_items', type: 'number' },
  { key: 'failed_items', label: 'col.ho_failed_items', type: 'number' },
  { key: 'reviewed', label: 'col.ho_reviewed', type: 'bool', drop: 5 },
];

function listRow(w: Words, r: ListRow) {
  return {
    ...r,
    shift: word(w, 'hoshift.', r.shift),
    with_dept: word(w, 'enum.', r.with_dept),
    status: word(w, 'hostatus.', r.status),
    signed_at: r.accepted_at ?? r.refused_at,
    reviewed: r.reviewed_at !== null,
  };
}

function listJson(r: ListRow, tz: string) {
  return {
    id: r.id,
    shift: r.shift,
    shift_date: r.shift_date,
    with: r.with_dept,
    from: r.from_staff,
    to: r.to_staff,
    status: r.status,
    started_at: iso(r.started_at, tz),
    accepted_at: iso(r.accepted_at, tz),
    refused_at: iso(r.refused_at, tz),
    refuse_reason: r.refuse_reason,
    carried: r.carried,
    open_items: r.open_items,
    failed_items: r.failed_items,
    reviewed_at: iso(r.reviewed_at, tz),
  };
}

export function listOutput(w: Words, rows: ListRow[], tz: string): Output {
  return { json: rows.map((r) => listJson(r, tz)), table: { title: '', columns: LIST_COLUMNS, rows: rows.map((x) => listRow(w, x)) } };
}

/** The day's review: who signed and when, its handovers, and the shifts with none accepted. */
export function reviewOutput(w: Words, r: ReviewResult, tz: string): Output {
  return {
    json: {
      date: r.day.date,
      reviewed_at: iso(r.day.reviewed_at, tz),
      reviewed_by: r.day.reviewed_by,
      note: r.day.note,
      handovers: r.handovers.map((x) => listJson(x, tz)),
      missing_shifts: r.missing.map((m) => m.shift),
    },
    record: {
      title: w.t('title.handover_review', { date: r.day.date }),
      fields: [
        { key: 'date', label: 'col.date' },
        { key: 'reviewer', label: 'col.ho_reviewer' },
        { key: 'reviewed_at', label: 'col.ho_signed_at', type: 'time' },
        { key: 'note', label: 'col.note' },
        { key: 'missing', label: 'col.ho_missing_shifts', type: 'list' },
      ],
      row: {
        date: r.day.date,
        reviewer: `${r.day.reviewed_by ?? ''} ${r.reviewer_name ?? ''}`.trim(),
        reviewed_at: r.day.reviewed_at,
        note: r.day.note,
        missing: r.missing.map((m) => m.shift),
      },
    },
    sections: [{ title: 'title.handovers', columns: LIST_COLUMNS, rows: r.handovers.map((x) => listRow(w, x)) }],
  };
}

/** The site's checklist items: in JSON the code and the site's own wording (null for a standard item), in tables the words. */
export function checklistOutput(t: RenderOpts['t'], items: { code: string; label: string }[]): Output {
  return {
    json: items.map((i) => ({ code: i.code, label: i.label || null })),
    table: {
      title: '',
      columns: [
        { key: 'code', label: 'col.id' },
        { key: 'label', label: 'col.item' },
      ],
      rows: items.map((i) => ({ code: i.code, label: checklistLabel(t, i.code, i.label) })),
    },
  };
}

/** The site's shifts. */
export function shiftsOutput(items: ShiftDef[]): Output {
  return {
    json: items,
    table: {
      title: '',
      columns: [
        { key: 'code', label: 'col.ho_shift' },
        { key: 'start', label: 'col.ho_start' },
        { key: 'end', label: 'col.ho_end' },
      ],
      rows: items.map((s) => ({ ...s })),
    },
  };
}
