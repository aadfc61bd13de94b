// The patrol module's shapes (SPEC §10 v2): a patrol `id, kind, status,
// started_at, finished_at, by, with, items: [{item, result, note}]`; a finding
// `id, patrol, item, dept, status, solution_due_at, fix_due_at, fixed_at`;
// the table columns of its lists and records; and the printable 巡查记录
// (HTML for A4, Markdown), with the patroller's signature line.
import type { CheckOutcome, FinishOutcome } from '../../app/patrol/patrols.js';
import type { AreaList, CheckResult } from '../../domain/patrol.js';
import { formatIso, formatLocal } from '../../domain/time.js';
import type { FindingRow, ItemRow, PatrolListRow, PatrolRow, RatingRow } from '../../store/patrol.js';
import type { Column, Output, RenderOpts, Row } from '../view.js';

type Tr = (key: string, params?: Record<string, string | number>) => string;

/** What a view needs to word a line: the catalogue and the language. */
export type Words = Pick<RenderOpts, 't' | 'lang'>;

const iso = (ms: number | null, tz: string) => (ms === null ? null : formatIso(ms, tz));

export interface PatrolData {
  patrol: PatrolRow;
  with: { code: string; name: string; department: string }[];
  by_name: string | null;
  items: ItemRow[];
  findings: FindingRow[];
}

export function patrolJson(v: PatrolData, tz: string) {
  const p = v.patrol;
  return {
    id: p.id,
    kind: p.kind,
    status: p.status,
    building: p.building,
    day: p.day,
    started_at: iso(p.started_at, tz),
    finished_at: iso(p.finished_at, tz),
    by: p.by,
    with: v.with.map((m) => m.code),
    items: v.items.map((i) => ({
      seq: i.seq,
      item: i.item,
      ...(i.unit ? { unit: i.unit } : {}),
      result: i.result,
      note: i.note,
      fixed: !!i.fixed,
      finding: i.finding_id,
      checked_at: iso(i.checked_at, tz),
    })),
    findings: v.findings.map((f) => findingJson(f, tz)),
    ...(p.note ? { note: p.note } : {}),
  };
}

export function patrolListJson(r: PatrolListRow, tz: string) {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    building: r.building,
    day: r.day,
    started_at: iso(r.started_at, tz),
    finished_at: iso(r.finished_at, tz),
    by: r.by,
    with: JSON.parse(r.with_staff) as string[],
    items: r.items,
    checked: r.checked,
    issues: r.issues,
    not_checked: r.not_checked,
  };
}

export function findingJson(f: FindingRow, tz: string, now?: number) {
  const waiting = f.status === 'open' ? f.solution_due_at : f.status === 'planned' ? f.fix_due_at : null;
  return {
    id: f.id,
    patrol: f.patrol_id,
    item: f.item,
    unit: f.unit,
    dept: f.dept,
    status: f.status,
    note: f.note,
    opened_at: iso(f.opened_at, tz),
    solution_due_at: iso(f.solution_due_at, tz),
    solution: f.solution,
    planned_at: iso(f.planned_at, tz),
    fix_due_at: iso(f.fix_due_at, tz),
    fixed_at: iso(f.fixed_at, tz),
    fix_note: f.fix_note,
    request: f.request_id,
    ...(now !== undefined ? { overdue: waiting !== null && waiting < now } : {}),
  };
}

export function ratingJson(r: RatingRow, tz: string) {
  return { month: r.month, contractor: r.contractor, score: r.score, note: r.note, rated_at: iso(r.rated_at, tz), rated_by: r.rated_by };
}

export const PATROL_COLUMNS: Column[] = [
  { key: 'id', label: 'col.patrol_id' },
  { key: 'kind_label', label: 'col.patrol_kind' },
  { key: 'building', label: 'col.patrol_building' },
  { key: 'status', label: 'col.status', type: 'state' },
  { key: 'started_at', label: 'col.patrol_started', type: 'time', drop: 1 },
  { key: 'finished_at', label: 'col.patrol_finished', type: 'time' },
  { key: 'by_text', label: 'col.patrol_by', drop: 3 },
  { key: 'progress', label: 'col.patrol_checked' },
  { key: 'issues', label: 'col.patrol_issues', type: 'number' },
  { key: 'not_checked', label: 'col.patrol_not_checked', type: 'number', drop: 2 },
];

export function patrolListRow(r: PatrolListRow, t: Tr): Row {
  return { ...r, kind_label: t('enum.patrol_kind.' + r.kind), by_text: r.by ? person(r.by, r.by_name) : '', progress: `${r.checked}/${r.items}` };
}

export const PATROL_FIELDS: Column[] = [
  { key: 'id', label: 'col.patrol_id' },
  { key: 'kind_label', label: 'col.patrol_kind' },
  { key: 'building', label: 'col.patrol_building' },
  { key: 'status', label: 'col.status', type: 'state' },
  { key: 'started_at', label: 'col.patrol_started', type: 'time' },
  { key: 'finished_at', label: 'col.patrol_finished', type: 'time' },
  { key: 'by_text', label: 'col.patrol_by' },
  { key: 'with_text', label: 'col.patrol_with' },
  { key: 'progress', label: 'col.patrol_checked' },
];

export function patrolRecord(v: PatrolData, t: Tr): { fields: Column[]; row: Row } {
  const p = v.patrol;
  const done = v.items.filter((i) => i.result === 'ok' || i.result === 'issue').length;
  const row: Row = {
    ...p,
    kind_label: t('enum.patrol_kind.' + p.kind),
    by_text: p.by ? person(p.by, v.by_name) : '',
    with_text: v.with.map((m) => person(m.code, m.name)).join('、'),
    progress: `${done}/${v.items.length}`,
  };
  return { fields: PATROL_FIELDS.filter((f) => row[f.key] !== null && row[f.key] !== undefined && row[f.key] !== ''), row };
}

export const ITEM_COLUMNS: Column[] = [
  { key: 'seq', label: 'col.patrol_seq', type: 'number' },
  { key: 'item', label: 'col.patrol_item' },
  { key: 'result', label: 'col.patrol_result', type: 'state' },
  { key: 'note', label: 'col.note' },
  { key: 'fixed', label: 'col.patrol_fixed', type: 'bool' },
  { key: 'finding_id', label: 'col.patrol_finding' },
];

export function itemRows(items: ItemRow[]): Row[] {
  return items.map((i) => ({ ...i, result: i.result ?? 'unchecked', fixed: i.result === 'issue' ? !!i.fixed : null }));
}

export const FINDING_COLUMNS: Column[] = [
  { key: 'id', label: 'col.finding_id' },
  { key: 'what', label: 'col.patrol_item' },
  { key: 'dept', label: 'col.finding_dept', type: 'state' },
  { key: 'status_label', label: 'col.status' },
  { key: 'solution_due_at', label: 'col.finding_solution_due', type: 'time' },
  { key: 'fix_due_at', label: 'col.finding_fix_due', type: 'time', drop: 2 },
  { key: 'fixed_at', label: 'col.finding_fixed_at', type: 'time', drop: 1 },
  { key: 'late', label: 'col.late', type: 'lateness' },
  { key: 'note', label: 'col.note' },
];

export function findingRow(f: FindingRow, now: number, t: Tr): Row {
  const waiting = f.status === 'open' ? f.solution_due_at : f.status === 'planned' ? f.fix_due_at : null;
  return {
    ...f,
    status_label: t('enum.finding.' + f.status),
    what: f.unit && f.unit !== f.item ? `${f.unit} ${f.item}` : f.item,
    late: waiting === null ? null : now - waiting,
  };
}

export const FINDING_FIELDS: Column[] = [
  { key: 'id', label: 'col.finding_id' },
  { key: 'patrol_id', label: 'col.patrol_id' },
  { key: 'what', label: 'col.patrol_item' },
  { key: 'dept', label: 'col.finding_dept', type: 'state' },
  { key: 'status_label', label: 'col.status' },
  { key: 'note', label: 'col.note' },
  { key: 'opened_at', label: 'col.finding_opened', type: 'time' },
  { key: 'solution_due_at', label: 'col.finding_solution_due', type: 'time' },
  { key: 'solution', label: 'col.finding_solution' },
  { key: 'planned_at', label: 'col.finding_planned', type: 'time' },
  { key: 'fix_due_at', label: 'col.finding_fix_due', type: 'time' },
  { key: 'fixed_at', label: 'col.finding_fixed_at', type: 'time' },
  { key: 'fix_note', label: 'col.finding_fix_note' },
  { key: 'request_id', label: 'col.finding_request' },
];

export function findingRecord(f: FindingRow, now: number, t: Tr): { fields: Column[]; row: Row } {
  const row = findingRow(f, now, t);
  return { fields: FINDING_FIELDS.filter((c) => row[c.key] !== null && row[c.key] !== undefined && row[c.key] !== ''), row };
}

export const RATING_COLUMNS: Column[] = [
  { key: 'month', label: 'col.patrol_month' },
  { key: 'contractor', label: 'col.patrol_contractor', type: 'state' },
  { key: 'score', label: 'col.patrol_score', type: 'number' },
  { key: 'note', label: 'col.note' },
  { key: 'rated_at', label: 'col.at', type: 'time' },
  { key: 'rated_by', label: 'col.actor' },
];

function person(code: string, name: string | null): string {
  return name && name !== code ? `${name}（${code}）` : code;
}

// ---- outputs ------------------------------------------------------------------

/** A patrol: its record, checklist and open findings, and the printable 巡查记录 for md and html. */
export function patrolOutput(w: Words, v: PatrolData, now: number, tz: string, site: string, notes: string[] = []): Output {
  return {
    json: patrolJson(v, tz),
    record: patrolRecord(v, w.t),
    sections: [
      { title: 'title.patrol_checklist', columns: ITEM_COLUMNS, rows: itemRows(v.items) },
      ...(v.findings.length ? [{ title: 'title.patrol_findings', columns: FINDING_COLUMNS, rows: v.findings.map((f) => findingRow(f, now, w.t)) }] : []),
    ],
    md: patrolFormMd(v, w.t, tz, site),
    html: patrolFormHtml(v, w.t, tz, site, w.lang),
    notes,
  };
}

export function startedOutput(w: Words, v: PatrolData, now: number, tz: string, site: string): Output {
  return patrolOutput(w, v, now, tz, site, [w.t('msg.patrol_started', { id: v.patrol.id, n: v.items.length })]);
}

/**
 * One line checked: the patrol's record, the line and the finding it opened
 * (after a check the clerk needs those, not the whole list again), and what is left.
 */
export function checkedOutput(w: Words, c: CheckOutcome, result: Exclude<CheckResult, 'not_checked'>, now: number, tz: string, site: string): Output {
  const notes = [w.t('msg.patrol_checked', { item: c.checked.item, result: w.t('enum.' + result) })];
  if (c.finding)
    notes.push(w.t('msg.finding_opened', { id: c.finding.id, dept: w.t('enum.' + c.finding.dept), due: formatLocal(c.finding.solution_due_at, tz) }));
  const left = c.items.filter((i) => i.result === null).length;
  if (left) notes.push(w.t('msg.patrol_left', { n: left }));
  return {
    ...patrolOutput(w, c, now, tz, site, notes),
    json: {
      ...patrolJson(c, tz),
      checked: { item: c.checked.item, result: c.checked.result, note: c.checked.note, fixed: !!c.checked.fixed },
      finding: c.finding ? findingJson(c.finding, tz) : null,
    },
    sections: c.finding ? [{ title: 'title.patrol_findings', columns: FINDING_COLUMNS, rows: [findingRow(c.finding, now, w.t)] }] : [],
  };
}

/** A patrol finished, with the lines left unchecked. */
export function finishedOutput(w: Words, v: FinishOutcome, now: number, tz: string, site: string): Output {
  const notes = [w.t('msg.patrol_finished', { id: v.patrol.id })];
  if (v.unchecked.length) notes.push(w.t('msg.patrol_unchecked', { n: v.unchecked.length, items: v.unchecked.join(w.lang === 'zh' ? '、' : ', ') }));
  const out = patrolOutput(w, v, now, tz, site, notes);
  return { ...out, json: { ...patrolJson(v, tz), not_checked: v.unchecked } };
}

/** The patrols shown (`limit` rows when there are more: said under the table). */
export function patrolListOutput(w: Words, shown: PatrolListRow[], tz: string, more: number): Output {
  return {
    json: shown.map((r) => patrolListJson(r, tz)),
    table: { title: '', columns: PATROL_COLUMNS, rows: shown.map((r) => patrolListRow(r, w.t)), empty: 'msg.patrol_none' },
    notes: more ? [w.t('msg.list_more', { n: more })] : [],
  };
}

/** The checklists of the lists asked for (public areas, fire, joint inspection). */
export function areasOutput(w: Words, lists: { list: AreaList; items: string[] }[]): Output {
  return {
    json: Object.fromEntries(lists.map((l) => [l.list, l.items])),
    table: {
      title: '',
      columns: [
        { key: 'list_label', label: 'col.patrol_list' },
        { key: 'seq', label: 'col.patrol_seq', type: 'number' },
        { key: 'item', label: 'col.patrol_item' },
      ],
      rows: lists.flatMap((l) => l.items.map((item, i) => ({ list: l.list, list_label: w.t('enum.patrol_kind.' + l.list), seq: i + 1, item }))),
    },
  };
}

export function areasSetOutput(w: Words, list: AreaList, saved: string[]): Output {
  return {
    json: { [list]: saved },
    table: {
      title: '',
      columns: [
        { key: 'seq', label: 'col.patrol_seq', type: 'number' },
        { key: 'item', label: 'col.patrol_item' },
      ],
      rows: saved.map((item, i) => ({ seq: i + 1, item })),
    },
    notes: [w.t('msg.patrol_areas_saved', { list: w.t('enum.patrol_kind.' + list), n: saved.length })],
  };
}

export function sinceOutput(w: Words, since: string | null): Output {
  return { json: { since }, text: w.t('msg.patrol_since', { date: since ?? '—' }) };
}

export function ratingListOutput(rows: RatingRow[], tz: string): Output {
  return { json: rows.map((r) => ratingJson(r, tz)), table: { title: '', columns: RATING_COLUMNS, rows: rows.map((r) => ({ ...r })) } };
}

export function ratedOutput(w: Words, r: RatingRow & { previous: RatingRow | null }, tz: string): Output {
  return {
    json: ratingJson(r, tz),
    record: { fields: RATING_COLUMNS, row: { ...r } },
    notes: [w.t(r.previous ? 'msg.patrol_rated_again' : 'msg.patrol_rated', { month: r.month, contractor: w.t('enum.' + r.contractor), score: r.score })],
  };
}

/** A finding as its record. */
export function findingOutput(w: Words, f: FindingRow, now: number, tz: string, notes: string[] = []): Output {
  return { json: findingJson(f, tz, now), record: findingRecord(f, now, w.t), notes };
}

/** The findings shown (`limit` rows when there are more: said under the table). */
export function findingListOutput(w: Words, shown: FindingRow[], now: number, tz: string, more: number): Output {
  return {
    json: shown.map((f) => findingJson(f, tz, now)),
    table: { title: '', columns: FINDING_COLUMNS, rows: shown.map((f) => findingRow(f, now, w.t)), empty: 'msg.finding_none' },
    notes: more ? [w.t('msg.list_more', { n: more })] : [],
  };
}

// ---- the printable 巡查记录 ----------------------------------------------

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function resultMark(r: ItemRow['result'], t: Tr): string {
  return r === 'ok' ? '√ ' + t('enum.ok') : r === 'issue' ? '× ' + t('enum.issue') : r === 'not_checked' ? '— ' + t('enum.not_checked') : '□';
}

function formLines(v: PatrolData, t: Tr, tz: string) {
  const p = v.patrol;
  const head = [
    [t('col.patrol_id'), p.id],
    [t('col.patrol_kind'), t('enum.patrol_kind.' + p.kind) + (p.building ? ` · ${t('col.patrol_building')} ${p.building}` : '')],
    [t('col.patrol_started'), formatLocal(p.started_at, tz)],
    [t('col.patrol_finished'), p.finished_at === null ? '' : formatLocal(p.finished_at, tz)],
    [t('col.patrol_by'), p.by ? person(p.by, v.by_name) : ''],
    ...(v.with.length ? [[t('col.patrol_with'), v.with.map((m) => person(m.code, m.name)).join('、')]] : []),
  ];
  const rows = v.items.map((i) => [
    String(i.seq),
    i.item,
    resultMark(i.result, t),
    [i.note ?? '', i.fixed ? t('msg.patrol_fixed_on_spot') : '', i.finding_id ?? ''].filter(Boolean).join(' · '),
  ]);
  return { head, rows };
}

/** The 巡查记录 as Markdown (for --format md / --out F.md). */
export function patrolFormMd(v: PatrolData, t: Tr, tz: string, site: string): string {
  const { head, rows } = formLines(v, t, tz);
  const out = [`# ${t('title.patrol_form')}${site ? ` · ${site}` : ''}`, ''];
  for (const [k, x] of head) out.push(`- **${k}**: ${x}`);
  out.push('', `| ${t('col.patrol_seq')} | ${t('col.patrol_item')} | ${t('col.patrol_result')} | ${t('col.note')} |`, '| ---: | --- | --- | --- |');
  for (const r of rows) out.push(`| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
  out.push('', `${t('msg.patrol_sign_by')}: ____________    ${t('msg.patrol_sign_date')}: ____________`);
  for (const m of v.with) out.push('', `${person(m.code, m.name)}: ____________`);
  out.push('', `${t('msg.patrol_sign_reviewed')}: ____________    ${t('msg.patrol_sign_date')}: ____________`, '');
  return out.join('\n');
}

/** The 巡查记录 as a page that prints on A4 (for --format html / --out F.html). */
export function patrolFormHtml(v: PatrolData, t: Tr, tz: string, site: string, lang: 'zh' | 'en'): string {
  const { head, rows } = formLines(v, t, tz);
  const sig = (label: string) =>
    `<div class="sig"><span>${esc(label)}</span><span class="line"></span><span>${esc(t('msg.patrol_sign_date'))}</span><span class="line short"></span></div>`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`,
    '<head><meta charset="utf-8">',
    `<title>${esc(t('title.patrol_form'))} ${esc(v.patrol.id)}</title>`,
    '<style>',
    '@page { size: A4; margin: 15mm 15mm 18mm; @bottom-center { content: counter(page) " / " counter(pages); } }',
    'body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 11pt; color: #000; max-width: 180mm; margin: 0 auto; }',
    'h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }',
    '.site { text-align: center; margin-bottom: 4mm; }',
    'table { border-collapse: collapse; width: 100%; }',
    'thead { display: table-header-group; } tr { page-break-inside: avoid; }',
    'th, td { border: 1px solid #000; padding: 1.5mm 2mm; vertical-align: top; }',
    'th { background: #eee; } td.n { text-align: right; width: 10mm; } td.r { width: 28mm; }',
    'table.head td { border: none; padding: 0.8mm 2mm; } table.head td:first-child { width: 30mm; font-weight: bold; }',
    '.sig { display: flex; gap: 3mm; align-items: flex-end; margin-top: 10mm; page-break-inside: avoid; }',
    '.sig .line { flex: 1; border-bottom: 1px solid #000; height: 6mm; } .sig .line.short { flex: 0 0 40mm; }',
    '</style></head><body>',
    `<h1>${esc(t('title.patrol_form'))}</h1>`,
    site ? `<div class="site">${esc(site)}</div>` : '',
    '<table class="head">',
    ...head.map(([k, x]) => `<tr><td>${esc(k)}</td><td>${esc(x)}</td></tr>`),
    '</table><br>',
    `<table><thead><tr><th>${esc(t('col.patrol_seq'))}</th><th>${esc(t('col.patrol_item'))}</th><th>${esc(t('col.patrol_result'))}</th><th>${esc(t('col.note'))}</th></tr></thead><tbody>`,
    ...rows.map((r) => `<tr><td class="n">${esc(r[0])}</td><td>${esc(r[1])}</td><td class="r">${esc(r[2])}</td><td>${esc(r[3])}</td></tr>`),
    '</tbody></table>',
    sig(t('msg.patrol_sign_by')),
    ...v.with.map((m) => sig(person(m.code, m.name))),
    sig(t('msg.patrol_sign_reviewed')),
    '</body></html>',
    '',
  ].join('\n');
}
