// The handover record as the paper form looks (交接班检查记录): header, the
// checklist with √/×, the work diary, the carried items, the signatures with
// times. Plain text for the terminal, Markdown for printing.
import { mdText } from './safe-text.js';
import { formatLocal } from '../domain/time.js';
import type { RenderOpts } from './view.js';

export interface FormLine {
  kind: string;
  item: string;
  label: string;
  due_at: number | null;
  after_hours: boolean;
  result: 'ok' | 'fail' | null;
  note: string | null;
  checked_at: number | null;
  checked_by: string | null;
}

export interface FormData {
  id: string;
  site: string;
  shift: string;
  shift_date: string;
  shift_start: number | null;
  shift_end: number | null;
  with_dept: string | null;
  status: string;
  from: string;
  from_name: string | null;
  to: string;
  to_name: string | null;
  started_at: number;
  accepted_at: number | null;
  refused_at: number | null;
  refuse_reason: string | null;
  checklist: FormLine[];
  carried: FormLine[];
  diary: { at: number; by: string | null; text: string }[];
  reviewed_at: number | null;
  reviewed_by: string | null;
  reviewer_name: string | null;
  review_note: string | null;
}

function mark(r: FormLine['result']): string {
  return r === 'ok' ? '√' : r === 'fail' ? '×' : '□';
}

function who(code: string | null, name: string | null): string {
  return code ? (name ? `${code} ${name}` : code) : '';
}

function itemLabel(l: FormLine, o: RenderOpts): string {
  if (l.kind === 'checklist') {
    const k = 'hoitem.' + l.item;
    const tr = o.t(k);
    return l.label || (tr === k ? l.item : tr);
  }
  return l.label;
}

interface Parts {
  title: string;
  head: [string, string][];
  checklist: string[][];
  carried: string[][];
  diary: string[][];
  signatures: [string, string][];
}

function parts(f: FormData, o: RenderOpts): Parts {
  const t = o.t;
  const time = (ms: number | null) => (ms === null ? '' : formatLocal(ms, o.tz));
  const hm = (ms: number | null) => (ms === null ? '' : formatLocal(ms, o.tz).slice(11));
  const shiftName = t('hoshift.' + f.shift) === 'hoshift.' + f.shift ? f.shift : t('hoshift.' + f.shift);
  const span = f.shift_start !== null ? ` (${hm(f.shift_start)}–${hm(f.shift_end)})` : '';
  const head: [string, string][] = [
    [t('col.ho_handover_id'), f.id],
    [t('col.ho_shift'), `${f.shift_date} ${shiftName}${span}`],
    [t('col.ho_with'), f.with_dept ? t('msg.handover_with_security') : t('msg.handover_internal')],
    [t('col.status'), t('hostatus.' + f.status)],
  ];
  const line = (l: FormLine, withDue: boolean) => [
    mark(l.result),
    l.item,
    itemLabel(l, o) + (l.after_hours ? ` [${t('msg.handover_after_hours')}]` : ''),
    ...(withDue ? [l.due_at !== null ? time(l.due_at) : ''] : []),
    l.note ?? '',
    l.checked_at !== null ? `${l.checked_by ?? ''} ${hm(l.checked_at)}` : '',
  ];
  const signatures: [string, string][] = [
    [t('col.ho_giver'), `${who(f.from, f.from_name)}  ${time(f.started_at)}`],
    [
      t('col.ho_taker'),
      f.status === 'accepted'
        ? `${who(f.to, f.to_name)}  ${time(f.accepted_at)}`
        : f.status === 'refused'
          ? `${who(f.to, f.to_name)}  ${t('msg.handover_refused_at', { at: time(f.refused_at), reason: f.refuse_reason ?? '' })}`
          : `${who(f.to, f.to_name)}  ${t('msg.handover_not_signed')}`,
    ],
    [
      t('col.ho_reviewer'),
      f.reviewed_at !== null
        ? `${who(f.reviewed_by, f.reviewer_name)}  ${time(f.reviewed_at)}${f.review_note ? '  ' + f.review_note : ''}`
        : t('msg.handover_not_reviewed'),
    ],
  ];
  return {
    title: `${f.site ? f.site + ' · ' : ''}${t('title.handover_form')}`,
    head,
    checklist: f.checklist.map((l) => line(l, false)),
    carried: f.carried.map((l) => line(l, true)),
    diary: f.diary.map((d) => [time(d.at), d.by ?? '', d.text]),
    signatures,
  };
}

export function formText(f: FormData, o: RenderOpts): string {
  const p = parts(f, o);
  const t = o.t;
  const out: string[] = [];
  out.push(p.title, '='.repeat(40));
  for (const [k, v] of p.head) out.push(`${k}: ${v}`);
  out.push('', `【${t('title.handover_checklist')}】`);
  const w = Math.max(0, ...p.checklist.map((r) => r[1].length));
  for (const r of p.checklist) out.push(`  ${r[0]} ${r[1].padEnd(w)}  ${r[2]}${r[3] ? '  — ' + r[3] : ''}${r[4] ? '  (' + r[4].trim() + ')' : ''}`);
  out.push('', `【${t('title.handover_diary')}】`);
  if (!p.diary.length) out.push('  ' + t('msg.empty'));
  for (const r of p.diary) out.push(`  ${r[0]} ${r[1]}: ${r[2]}`);
  out.push('', `【${t('title.handover_carried')}】`);
  if (!p.carried.length) out.push('  ' + t('msg.empty'));
  for (const r of p.carried)
    out.push(
      `  ${r[0]} ${r[1]}  ${r[2]}${r[3] ? '  ' + t('msg.handover_due', { at: r[3] }) : ''}${r[4] ? '  — ' + r[4] : ''}${r[5] ? '  (' + r[5].trim() + ')' : ''}`,
    );
  out.push('', `【${t('title.handover_signatures')}】`);
  for (const [k, v] of p.signatures) out.push(`  ${k}: ${v}`);
  return out.join('\n');
}

const esc = mdText;

export function formMd(f: FormData, o: RenderOpts): string {
  const p = parts(f, o);
  const t = o.t;
  const out: string[] = [`## ${esc(p.title)}`, '', '| | |', '| --- | --- |', ...p.head.map(([k, v]) => `| ${esc(k)} | ${esc(v)} |`), ''];
  out.push(
    `### ${t('title.handover_checklist')}`,
    '',
    `| | ${t('col.id')} | ${t('col.item')} | ${t('col.note')} | ${t('col.ho_checked')} |`,
    '| :-: | --- | --- | --- | --- |',
  );
  for (const r of p.checklist) out.push(`| ${r.map(esc).join(' | ')} |`);
  out.push('', `### ${t('title.handover_diary')}`, '');
  if (!p.diary.length) out.push(`_${t('msg.empty')}_`);
  else {
    out.push(`| ${t('col.at')} | ${t('col.ho_by')} | ${t('col.ho_text')} |`, '| --- | --- | --- |');
    for (const r of p.diary) out.push(`| ${r.map(esc).join(' | ')} |`);
  }
  out.push('', `### ${t('title.handover_carried')}`, '');
  if (!p.carried.length) out.push(`_${t('msg.empty')}_`);
  else {
    out.push(
      `| | ${t('col.id')} | ${t('col.item')} | ${t('col.due_at')} | ${t('col.note')} | ${t('col.ho_checked')} |`,
      '| :-: | --- | --- | --- | --- | --- |',
    );
    for (const r of p.carried) out.push(`| ${r.map(esc).join(' | ')} |`);
  }
  out.push('', `### ${t('title.handover_signatures')}`, '', '| | |', '| --- | --- |');
  for (const [k, v] of p.signatures) out.push(`| ${esc(k)} | ${esc(v)} |`);
  return out.join('\n') + '\n';
}
