// Terminal tables (cli-table3; its string-width sizes CJK characters as two
// columns, so Chinese text lines up).
import Table from 'cli-table3';
import stringWidth from 'string-width';
import { cellText } from './format.js';
import type { Column, Output, RenderOpts, Section } from './view.js';
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

/** Free text a row may shorten first (subjects, descriptions, notes); codes and times keep their width. */
/** Column keys that are codes, not free text (a key, or its last `_` part). */
const NOT_FREE = new Set(['id', 'code', 'label', 'phone', 'at', 'seq']);

function isFreeText(col: { key: string; type?: string }): boolean {
  return (col.type === undefined || col.type === 'text' || col.type === 'list') && !NOT_FREE.has(col.key.slice(col.key.lastIndexOf('_') + 1));
}

/**
 * Column widths (cli-table3's, padding included) that keep a table within
 * `width` terminal columns: the widest free-text column gives way first, down
 * to the next widest, then the others; cells beyond their width end in `…`
 * (or wrap, for a record's values). Undefined when it already fits.
 */
export function fitWidths(cells: string[][], free: boolean[], width: number | undefined, min = 6): number[] | undefined {
  if (!width || !cells.length) return undefined;
  const n = cells[0].length;
  const w = Array.from(
    { length: n },
    (_, j) =>
      Math.max(
        ...cells.map((r) =>
          Math.max(
            ...String(r[j] ?? '')
              .split('\n')
              .map((l) => stringWidth(l)),
          ),
        ),
      ) + 2,
  );
  const total = () => w.reduce((a, b) => a + b, 0) + n + 1;
  if (total() <= width) return undefined;
  // The widest free-text column gives way first, on its own, down to a readable width.
  const freeCols = free.map((f, j) => (f ? j : -1)).filter((j) => j >= 0);
  if (freeCols.length) {
    const top = freeCols.reduce((x, y) => (w[y] > w[x] ? y : x));
    const floor = Math.min(w[top], Math.max(min + 2, 22));
    w[top] -= Math.min(total() - width, w[top] - floor);
  }
  for (const pool of [free.map((f, j) => (f ? j : -1)).filter((j) => j >= 0), w.map((_, j) => j)]) {
    while (total() > width) {
      const cand = pool.filter((j) => w[j] > min + 2).sort((a, b) => w[b] - w[a]);
      if (!cand.length) break;
      const top = cand[0];
      const next = cand.length > 1 ? w[cand[1]] : min + 2;
      w[top] -= Math.max(1, Math.min(total() - width, w[top] - Math.max(next, min + 2)));
    }
    if (total() <= width) break;
  }
  return w;
}

/** The width of a table of these cells as drawn (padding and borders included). */
function naturalWidth(cells: string[][]): number {
  const n = cells[0]?.length ?? 0;
  let sum = n + 1;
  for (let j = 0; j < n; j++) sum += Math.max(...cells.map((r) => stringWidth(r[j] ?? ''))) + 2;
  return sum;
}

/** A line longer than the terminal, broken at the width (CJK counts two). */
export function wrapLine(line: string, width: number | undefined): string {
  if (!width || line.includes('\x1b') || stringWidth(line) <= width) return line;
  const out: string[] = [];
  let cur = '';
  for (const ch of line) {
    if (stringWidth(cur + ch) > width) {
      out.push(cur);
      cur = ch;
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out.join('\n');
}

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
  let columns = s.columns;
  const render = (cols: Column[], short: boolean) => ({
    head: cols.map((col) => o.t(col.label)),
    texts: s.rows.map((r) =>
      cols.map((col) => {
        const text = visible(cellText(col, r[col.key], o).replace(/\r?\n/g, ' '));
        // On a narrow terminal a time drops its year: `12-03 23:59`.
        return short && col.type === 'time' && /^\d{4}-/.test(text) ? text.slice(5) : text;
      }),
    ),
  });
  let { head, texts } = render(columns, false);
  if (o.width && naturalWidth([head, ...texts]) > o.width) {
    // Too wide: times lose their year, then the columns marked `drop` go, lowest first.
    ({ head, texts } = render(columns, true));
    const droppable = columns.filter((c) => c.drop !== undefined).sort((a, b) => a.drop! - b.drop!);
    while (droppable.length && naturalWidth([head, ...texts]) > o.width) {
      const gone = droppable.shift()!;
      columns = columns.filter((c) => c !== gone);
      ({ head, texts } = render(columns, true));
    }
  }
  const colWidths = fitWidths([head, ...texts], columns.map(isFreeText), o.width);
  const table = new Table({
    head,
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    style: { head: o.color ? ['cyan'] : [], border: o.color ? ['gray'] : [], compact: true },
    ...(colWidths ? { colWidths } : {}),
  });
  // cli-table3 wraps by characters, not terminal columns: CJK text is wrapped here instead.
  if (colWidths && s.wrap) texts = texts.map((r) => r.map((text, j) => (isFreeText(columns[j]) ? wrapLine(text, colWidths[j] - 2) : text)));
  s.rows.forEach((r, i) => {
    table.push(
      columns.map((col, j) => {
        const text = texts[i][j];
        if (col.type === 'state' && o.color) {
          const colour = STATE_COLORS[String(r[col.key])];
          if (colour) return c[colour](text);
        }
        return text;
      }),
    );
  });
  out.push(table.toString());
  return out.join('\n');
}

export function renderTable(out: Output, o: RenderOpts): string {
  const parts: string[] = [];
  const c = painter(o);
  if (out.text !== undefined) {
    const text = visibleKeepColour(out.text);
    parts.push(
      o.width
        ? text
            .replace(/\n$/, '')
            .split('\n')
            .map((l) => wrapLine(l, o.width))
            .join('\n')
        : text,
    );
  } else {
    if (out.record) {
      const { fields, row, title } = out.record;
      if (title) parts.push(c.bold(visible(title)));
      const pairs = fields.map((f) => [o.t(f.label), visible(cellText(f, row[f.key], o))]);
      // A record wraps long values inside the cell: a clerk reads all of a description.
      const colWidths = fitWidths(pairs, [false, true], o.width, 10);
      const t = new Table({
        style: { head: [], border: o.color ? ['gray'] : [] },
        ...(colWidths ? { colWidths } : {}),
      });
      fields.forEach((f, i) => {
        let text = colWidths ? wrapLine(pairs[i][1], colWidths[1] - 2) : pairs[i][1];
        if (f.type === 'state' && o.color && STATE_COLORS[String(row[f.key])]) text = c[STATE_COLORS[String(row[f.key])]](text);
        t.push({ [pairs[i][0]]: text });
      });
      parts.push(t.toString());
    }
    if (out.table) parts.push(section(out.table, o));
    for (const s of out.sections ?? []) parts.push(section(s, o));
  }
  for (const n of out.notes ?? []) parts.push(wrapLine(visibleKeepColour(n), o.width));
  return parts.join('\n\n') + '\n';
}
