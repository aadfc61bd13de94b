// Terminal tables (cli-table3; its string-width sizes CJK characters as two
// columns, so Chinese text lines up).
import Table from 'cli-table3';
import { cellText } from './format.js';
import type { Output, RenderOpts, Section } from './view.js';
import { painter } from './paint.js';
import { visible, visibleKeepColour } from './safe-text.js';

const STATE_COLORS: Record<string, 'red' | 'yellow' | 'green' | 'magenta' | 'gray' | 'cyan'> = {
  overdue: 'red',
  due_soon: 'yellow',
  met: 'green',
  breached: 'magenta',
  skipped: 'gray',
  pending: 'cyan',
  missed: 'red',
  on_loan: 'yellow',
  lost: 'red',
  damaged: 'magenta',
};

function section(s: Section, o: RenderOpts): string {
  const c = painter(o);
  const out: string[] = [];
  if (s.title) out.push(c.bold(o.t(s.title)));
  if (!s.rows.length) {
    out.push(c.dim(o.t(s.empty ?? 'msg.empty')));
    return out.join('\n');
  }
  // Lists are compact (no rule between rows): twice as many rows fit on a
  // screen. `compact` also spares cli-table3 drawing each row's (empty) rule.
  const table = new Table({
    head: s.columns.map((col) => o.t(col.label)),
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    style: { head: o.color ? ['cyan'] : [], border: o.color ? ['gray'] : [], compact: true },
  });
  for (const r of s.rows) {
    table.push(
      s.columns.map((col) => {
        const text = visible(cellText(col, r[col.key], o));
        if (col.type === 'state' && o.color) {
          const colour = STATE_COLORS[String(r[col.key])];
          if (colour) return c[colour](text);
        }
        return text;
      }),
    );
  }
  out.push(table.toString());
  return out.join('\n');
}

export function renderTable(out: Output, o: RenderOpts): string {
  const parts: string[] = [];
  const c = painter(o);
  if (out.text !== undefined) parts.push(visibleKeepColour(out.text));
  else {
    if (out.record) {
      const { fields, row, title } = out.record;
      if (title) parts.push(c.bold(visible(title)));
      const t = new Table({ style: { head: [], border: o.color ? ['gray'] : [] } });
      for (const f of fields) {
        let text = visible(cellText(f, row[f.key], o));
        if (f.type === 'state' && o.color && STATE_COLORS[String(row[f.key])]) text = c[STATE_COLORS[String(row[f.key])]](text);
        t.push({ [o.t(f.label)]: text });
      }
      parts.push(t.toString());
    }
    if (out.table) parts.push(section(out.table, o));
    for (const s of out.sections ?? []) parts.push(section(s, o));
  }
  for (const n of out.notes ?? []) parts.push(visibleKeepColour(n));
  return parts.join('\n\n') + '\n';
}
