// Markdown rendering (for printing and pasting into chat groups).
import { cellText } from './format.js';
import { mdText, visible } from './safe-text.js';
import type { Output, RenderOpts, Section } from './view.js';

const esc = mdText;

export function mdTable(s: Section, o: RenderOpts): string {
  const lines: string[] = [];
  if (s.title) lines.push(`### ${o.t(s.title)}`, '');
  if (!s.rows.length) {
    lines.push(`_${o.t(s.empty ?? 'msg.empty')}_`);
    return lines.join('\n');
  }
  lines.push('| ' + s.columns.map((c) => esc(o.t(c.label))).join(' | ') + ' |');
  lines.push('| ' + s.columns.map((c) => (c.type === 'number' || c.type === 'pct' ? '---:' : '---')).join(' | ') + ' |');
  for (const r of s.rows) lines.push('| ' + s.columns.map((c) => esc(cellText(c, r[c.key], o))).join(' | ') + ' |');
  return lines.join('\n');
}

export function renderMd(out: Output, o: RenderOpts): string {
  if (out.md !== undefined) return visible(out.md.endsWith('\n') ? out.md : out.md + '\n');
  const parts: string[] = [];
  if (out.record) {
    if (out.record.title) parts.push(`## ${esc(out.record.title)}`);
    parts.push(
      ['| | |', '| --- | --- |', ...out.record.fields.map((f) => `| ${esc(o.t(f.label))} | ${esc(cellText(f, out.record!.row[f.key], o))} |`)].join('\n'),
    );
  }
  if (out.table) parts.push(mdTable(out.table, o));
  for (const s of out.sections ?? []) parts.push(mdTable(s, o));
  if (!parts.length && out.text) parts.push('```\n' + visible(out.text).replace(/```/g, '`\u200b``') + '\n```');
  for (const n of out.notes ?? []) parts.push(esc(n));
  return parts.join('\n\n') + '\n';
}
