// A report as an Excel workbook (SPEC §8 v2): one sheet per table of the
// report, named after its heading, with the header row in the reader's
// language, frozen, and sized columns. Counts are numbers and percentages are
// numbers formatted as percent, so a supervisor can sum and chart them.
// exceljs is loaded only here, only for `.xlsx`.
import { cellText, type Block } from './report-doc.js';

/** Excel's sheet-name rules: ≤ 31 characters, none of []:*?/\, unique in the book. */
export function sheetName(text: string, taken: Set<string>): string {
  const base =
    text
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = base.slice(0, 31 - String(i).length - 1) + '-' + i;
  taken.add(name.toLowerCase());
  return name;
}

/** A cell as Excel should hold it: whole numbers and decimals as numbers, `95%` as 0.95 (formatted), the rest as text. */
export function xlsxValue(text: string): { value: string | number; pct: boolean } {
  if (/^-?\d+(\.\d+)?$/.test(text)) return { value: Number(text), pct: false };
  const m = /^(-?\d+(?:\.\d+)?)%$/.exec(text);
  if (m) return { value: Number(m[1]) / 100, pct: true };
  return { value: text, pct: false };
}

/** East Asian characters count twice when sizing a column. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export async function renderReportXlsx(blocks: Block[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'pmctl';
  const taken = new Set<string>();
  let heading = '';
  let titleText = '';
  let n = 0;
  for (const b of blocks) {
    if (b.type === 'title') titleText = b.text;
    if (b.type === 'h') {
      heading = b.text;
      n = 0;
    }
    if (b.type !== 'table' || !b.rows.length) continue;
    n++;
    const ws = wb.addWorksheet(sheetName(n > 1 ? `${heading} ${n}` : heading || titleText, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(b.head).font = { bold: true };
    const widths = b.head.map((h) => width(h));
    for (const r of b.rows) {
      const row = ws.addRow(r.map((c) => xlsxValue(cellText(c)).value));
      r.forEach((c, i) => {
        const text = cellText(c);
        widths[i] = Math.max(widths[i], width(text));
        if (xlsxValue(text).pct) row.getCell(i + 1).numFmt = '0.0%';
      });
    }
    ws.columns.forEach((col, i) => {
      col.width = Math.min(60, Math.max(6, widths[i] + 2));
    });
  }
  if (!wb.worksheets.length) wb.addWorksheet(sheetName(titleText, taken));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
