// A real Excel workbook (`--out FILE.xlsx`, exceljs, loaded only here): one
// sheet per table, a header row in the user's language, column widths from
// the content, the header frozen, times and dates as Excel dates.
import { cellText } from './format.js';
import { sectionsOf } from './csv.js';
import type { Column, Output, RenderOpts } from './view.js';
import { localDate, formatLocal } from '../domain/time.js';

/** Display width of a string (CJK counts two), for column widths. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** A site-local wall time as a Date whose UTC fields are that wall time (Excel dates have no zone). */
function wallDate(ms: number, tz: string, dateOnly: boolean): Date {
  const s = dateOnly ? localDate(ms, tz) + 'T00:00:00Z' : formatLocal(ms, tz).replace(' ', 'T') + ':00Z';
  return new Date(s);
}

function cellValue(c: Column, v: unknown, o: RenderOpts): string | number | Date | null {
  if (v === null || v === undefined || v === '') return null;
  if ((c.type === 'time' || c.type === 'date') && typeof v === 'number') return wallDate(v, o.tz, c.type === 'date');
  if ((c.type === 'number' || c.type === 'pct') && typeof v === 'number') return v;
  return cellText(c, v, o);
}

export async function renderXlsx(out: Output, o: RenderOpts): Promise<Buffer> {
  const m = await import('exceljs');
  // The CommonJS package as default (bundle, Node) or as the namespace itself.
  const ExcelJS = (m.default ?? m) as typeof m.default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'pmctl';
  const used = new Set<string>();
  const sheetName = (title: string, i: number): string => {
    let n = (title ? o.t(title) : '') || (o.lang === 'zh' ? `表${i + 1}` : `Sheet${i + 1}`);
    n = n.replace(/[\\/*?:[\]]/g, ' ').slice(0, 31);
    let k = n;
    for (let j = 2; used.has(k); j++) k = n.slice(0, 28) + ' ' + j;
    used.add(k);
    return k;
  };
  sectionsOf(out, o).forEach((s, i) => {
    const ws = wb.addWorksheet(sheetName(s.title, i), { views: [{ state: 'frozen', ySplit: 1 }] });
    const heads = s.columns.map((c) => o.t(c.label));
    ws.addRow(heads).font = { bold: true };
    for (const r of s.rows) ws.addRow(s.columns.map((c) => cellValue(c, r[c.key], o)));
    s.columns.forEach((c, j) => {
      const col = ws.getColumn(j + 1);
      if (c.type === 'time') col.numFmt = 'yyyy-mm-dd hh:mm';
      else if (c.type === 'date') col.numFmt = 'yyyy-mm-dd';
      else if (c.type === 'pct') col.numFmt = '0.0%';
      let w = width(heads[j]);
      for (const r of s.rows.slice(0, 500)) {
        const v = r[c.key];
        const text = c.type === 'time' ? '2026-01-01 00:00' : v == null ? '' : cellText(c, v, o);
        w = Math.max(w, width(text));
      }
      col.width = Math.min(60, Math.max(6, w + 2));
    });
  });
  if (!wb.worksheets.length) wb.addWorksheet(sheetName('', 0));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
