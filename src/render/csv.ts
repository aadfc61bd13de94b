// CSV for scripts and Excel: csv-stringify's escape_formulas (=, +, -, @, tab,
// CR and full-width ＝＋－＠), plus a leading newline, which it lets through.
import { stringify } from 'csv-stringify/sync';
import { cellRaw, cellText } from './format.js';
import type { Column, Output, RenderOpts, Row, Section } from './view.js';

export const BOM = '\uFEFF';

/** The one leading character escape_formulas does not neutralise. */
export function guardCell(s: string): string {
  return s.startsWith('\n') ? "'" + s : s;
}

export function csvOf(columns: Column[], rows: Row[], o: RenderOpts, header = true): string {
  const data = rows.map((r) => columns.map((c) => guardCell(cellRaw(c, r[c.key], o))));
  return stringify(header ? [columns.map((c) => c.key), ...data] : data, { escape_formulas: true });
}

export function renderCsv(out: Output, o: RenderOpts): string {
  const s: Section | undefined = out.table;
  if (s) return csvOf(s.columns, s.rows, o);
  if (out.record) return csvOf(out.record.fields, [out.record.row], o);
  // Multi-section outputs (reports) document their own layout.
  const parts = (out.sections ?? []).map((sec) => `# ${sec.title}\n` + csvOf(sec.columns, sec.rows, o));
  return parts.join('\n');
}

/** Every table of an output: the list, the record (as one row), further sections. */
export function sectionsOf(out: Output, o: RenderOpts): Section[] {
  const all: Section[] = [];
  if (out.record) all.push({ title: out.record.title ?? '', columns: out.record.fields, rows: [out.record.row] });
  if (out.table) all.push(out.table);
  for (const s of out.sections ?? []) all.push(s);
  if (!all.length && out.text !== undefined)
    all.push({
      title: '',
      columns: [{ key: 'line', label: '' }],
      rows: out.text
        .replace(/\n$/, '')
        .split('\n')
        .map((line) => ({ line })),
    });
  void o;
  return all;
}

/**
 * A CSV for people (`--out FILE.csv`): a UTF-8 BOM for Excel on Chinese
 * Windows, headings and values in the user's language, times in site time.
 */
export function renderHumanCsv(out: Output, o: RenderOpts): string {
  const human = (c: Column, v: unknown): string => {
    if (v === null || v === undefined) return '';
    return guardCell(cellText(c, v, o));
  };
  const parts = sectionsOf(out, o).map((sec) => {
    const head = sec.columns.map((c) => o.t(c.label));
    const data = sec.rows.map((r) => sec.columns.map((c) => human(c, r[c.key])));
    const body = stringify([head, ...data], { escape_formulas: true });
    return sec.title && (out.sections?.length ?? 0) > 0 ? stringify([[o.t(sec.title)]]) + body : body;
  });
  return BOM + parts.join('\n');
}
