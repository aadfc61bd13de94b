// The audit log as people and scripts read it: scripts get each entry as
// stored (before and after, times in ISO 8601); a table says what was done,
// to what and what changed, in the reader's language. Pure: rows in, view
// data out.
import type { AuditRow } from '../../app/site/log.js';
import { formatIso, formatLocal } from '../../domain/time.js';
import { maskJson, maskValue, personText } from '../format.js';
import type { Output, RenderOpts } from '../view.js';

type Tr = RenderOpts['t'];

/** What was done, in words: `complaint.close` → 结案 (the permission's words, or the log's own). */
export function actionLabel(a: string, t: Tr): string {
  for (const k of ['logact.' + a, 'action.' + a.replace('.', '_')]) {
    const s = t(k);
    if (s !== k) return s;
  }
  return a;
}

/** `meeting:M20261204-001` → 会议 M20261204-001. */
export function entityLabel(e: string | null, t: Tr): string {
  if (!e) return '';
  const i = e.indexOf(':');
  if (i < 0) return e;
  const k = 'logent.' + e.slice(0, i);
  const w = t(k);
  return (w === k ? e.slice(0, i) : w) + ' ' + e.slice(i + 1);
}

/** Fields a diff leaves out: bookkeeping, not what a person changed. */
const QUIET = new Set(['updated_at', 'created_at', 'recorded_at', 'recorded_by', 'id', 'name']);

function fieldLabel(f: string, t: Tr): string {
  for (const k of ['logfield.' + f, 'col.' + f, 'col.c_' + f]) {
    const s = t(k);
    if (s !== k) return s;
  }
  return f;
}

function valueText(field: string, v: unknown, o: RenderOpts): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'number' && v > 1e11 && /(_at|due|_due|^at)$/.test(field)) return formatLocal(v, o.tz);
  if (typeof v === 'boolean') return o.t(v ? 'word.yes' : 'word.no');
  if (typeof v === 'object') return JSON.stringify(maskJson(v, o.reveal));
  const s = String(maskValue(field, typeof v === 'number' ? v : String(v), o.reveal));
  if (o.person?.(s)) return personText(s, o);
  for (const p of LABELS) {
    const label = o.t(p + s);
    if (label !== p + s) return label;
  }
  return s;
}

/** Where a stored code's printed word lives. */
const LABELS = ['enum.', 'meeting.type.', 'meeting.att.', 'hostatus.', 'hoshift.', 'hoitem.'];

/** What changed, as field diffs in the user's language: `状态：已处理 → 已结案`. */
export function changeText(r: Pick<AuditRow, 'before' | 'after'>, o: RenderOpts, max = 5): string {
  const b = r.before && typeof r.before === 'object' ? (r.before as Record<string, unknown>) : null;
  const a = r.after && typeof r.after === 'object' ? (r.after as Record<string, unknown>) : null;
  const parts: string[] = [];
  if (b && a) {
    for (const k of Object.keys({ ...b, ...a })) {
      if (QUIET.has(k) || JSON.stringify(b[k]) === JSON.stringify(a[k])) continue;
      parts.push(o.t('log.field', { field: fieldLabel(k, o.t), before: valueText(k, b[k], o), after: valueText(k, a[k], o) }));
    }
  } else if (a || b) {
    const only = (a ?? b)!;
    if (!b) parts.push(o.t('log.created'));
    for (const [k, v] of Object.entries(only)) {
      if (QUIET.has(k) || v === null || v === undefined || v === '') continue;
      parts.push(o.t('log.set', { field: fieldLabel(k, o.t), after: valueText(k, v, o) }));
    }
  }
  const sep = o.lang === 'zh' ? '；' : '; ';
  if (parts.length > max) return parts.slice(0, max).join(sep) + sep + o.t('log.more_fields', { n: parts.length - max });
  return parts.join(sep);
}

/** The entries read (newest first). */
export function logOutput(o: RenderOpts, rows: AuditRow[], tz: string): Output {
  return {
    // Scripts get the record as stored: before and after, times in ISO 8601.
    json: () => rows.map((r) => ({ ...r, at: formatIso(r.at, tz) })),
    table: {
      title: '',
      wrap: true,
      columns: [
        { key: 'id', label: 'col.seq', drop: 1 },
        { key: 'at', label: 'col.at', type: 'time' },
        { key: 'actor', label: 'col.actor', type: 'person' },
        { key: 'action_text', label: 'col.action' },
        { key: 'entity_text', label: 'col.entity' },
        { key: 'change', label: 'col.change' },
      ],
      rows: rows.map((r) => ({ ...r, action_text: actionLabel(r.action, o.t), entity_text: entityLabel(r.entity, o.t), change: changeText(r, o) })),
    },
  };
}
