// Any command's Output laid out as report blocks (src/render/report-doc.ts),
// so a list, a record or a roll-up prints on A4 through the report's own HTML
// and Markdown layout (src/render/report-out.ts): headings kept with their
// tables, page numbers, and a signature line where a paper form needs one.
import type { Block } from './report-doc.js';
import { cellText } from './format.js';
import type { Output, RenderOpts, Section } from './view.js';

export function outputBlocks(out: Output, o: RenderOpts, heading: string, sub: string[], signature?: string): Block[] {
  const t = o.t;
  const blocks: Block[] = [{ type: 'title', text: heading, sub }];
  if (out.record) {
    const r = out.record;
    blocks.push({
      type: 'table',
      head: [t('col.item'), t('col.value')],
      rows: r.fields.map((f) => [t(f.label), cellText(f, r.row[f.key], o) || '—']),
      empty: '',
    });
  }
  for (const s of [...(out.table ? [out.table] : []), ...(out.sections ?? [])] as Section[]) {
    if (s.title) blocks.push({ type: 'h', text: t(s.title) });
    blocks.push({
      type: 'table',
      head: s.columns.map((c) => t(c.label)),
      rows: s.rows.map((row) => s.columns.map((c) => cellText(c, row[c.key], o) || '—')),
      right: s.columns.flatMap((c, i) => (c.type === 'number' ? [i] : [])),
      empty: s.empty ? t(s.empty) : '',
    });
  }
  for (const n of out.notes ?? []) blocks.push({ type: 'p', text: n });
  if (signature) blocks.push({ type: 'p', text: signature });
  return blocks;
}
