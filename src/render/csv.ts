// CSV for scripts and Excel: csv-stringify's escape_formulas (=, +, -, @, tab,
// CR and full-width ＝＋－＠), plus a leading newline, which it lets through.
import { stringify } from 'csv-stringify/sync';
import { cellRaw } from './format.js';
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
