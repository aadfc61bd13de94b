// A self-contained HTML page of any output (`--out FILE.html`): the tables in
// the user's language, printable on A4. Reports bring their own page.
import { cellText } from './format.js';
import { sectionsOf } from './csv.js';
import type { Output, RenderOpts } from './view.js';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE =
  'body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;font-size:10.5pt;margin:1.5em}' +
  'table{border-collapse:collapse;margin:0 0 1.2em;page-break-inside:auto}tr{page-break-inside:avoid}' +
  'th,td{border:1px solid #999;padding:2px 6px;text-align:left;vertical-align:top}th{background:#eee}' +
  'h2{font-size:13pt;margin:1em 0 .4em;page-break-after:avoid}@page{size:A4;margin:15mm}';

export function renderHtml(out: Output, o: RenderOpts): string {
  const body: string[] = [];
  if (out.record?.title) body.push(`<h1>${esc(out.record.title)}</h1>`);
  for (const s of sectionsOf(out, o)) {
    if (s === undefined) continue;
    const isRecord = out.record && s.rows.length === 1 && s.columns === out.record.fields;
    if (s.title && !isRecord) body.push(`<h2>${esc(o.t(s.title))}</h2>`);
    if (isRecord) {
      body.push(
        '<table>' + s.columns.map((c) => `<tr><th>${esc(o.t(c.label))}</th><td>${esc(cellText(c, s.rows[0][c.key], o))}</td></tr>`).join('') + '</table>',
      );
      continue;
    }
    if (!s.rows.length) {
      body.push(`<p>${esc(o.t(s.empty ?? 'msg.empty'))}</p>`);
      continue;
    }
    const head = '<tr>' + s.columns.map((c) => `<th>${esc(o.t(c.label))}</th>`).join('') + '</tr>';
    const rows = s.rows.map((r) => '<tr>' + s.columns.map((c) => `<td>${esc(cellText(c, r[c.key], o))}</td>`).join('') + '</tr>').join('\n');
    body.push(`<table>\n<thead>${head}</thead>\n<tbody>\n${rows}\n</tbody></table>`);
  }
  for (const n of out.notes ?? []) body.push(`<p>${esc(n)}</p>`);
  const lang = o.lang === 'zh' ? 'zh-CN' : 'en';
  return `<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8"><title>pmctl</title><style>${STYLE}</style></head><body>\n${body.join('\n')}\n</body></html>\n`;
}
