// Laying out report blocks (src/render/report-doc.ts) for the terminal,
// Markdown, and one self-contained HTML page that prints on A4.
import Table from 'cli-table3';
import { painter } from './paint.js';
import { mdText } from './safe-text.js';
import { barChart, svgBarChart } from './report-chart.js';
import { cellText, type Block, type Cell, type Tone } from './report-doc.js';

export function renderReportTerminal(blocks: Block[], color: boolean): string {
  const c = painter({ color });
  const paint = (cell: Cell): string => {
    if (typeof cell === 'string') return cell;
    const tone: Record<Tone, (s: string) => string> = { good: c.green, bad: c.red, warn: c.yellow, muted: c.dim };
    return tone[cell.tone](cell.text);
  };
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'title':
        out.push(c.bold(c.underline(b.text)) + '\n' + b.sub.join('\n'));
        break;
      case 'h':
        out.push(c.bold(c.cyan(b.text)));
        break;
      case 'p':
        out.push(b.tone ? paint({ text: b.text, tone: b.tone }) : b.text);
        break;
      case 'table': {
        if (!b.rows.length) {
          if (b.empty) out.push(c.dim(b.empty));
          break;
        }
        const tb = new Table({
          head: b.head,
          // No rule between rows: a report has many small tables.
          chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
          style: { head: color ? ['cyan'] : [], border: color ? ['gray'] : [], compact: true },
          colAligns: b.head.map((_, i) => (b.right?.includes(i) ? 'right' : 'left')),
        });
        for (const r of b.rows) tb.push(r.map(paint));
        out.push(tb.toString());
        break;
      }
      case 'chart':
        out.push(c.dim(b.caption) + '\n' + barChart(b.points, { current: b.current, mark: (s) => c.cyan(s) }));
        break;
      case 'lines':
        out.push(b.label + '\n' + Array.from({ length: b.n }, (_, i) => `  ${i + 1}. ________________________________________________`).join('\n'));
        break;
      case 'signoff':
        out.push(c.bold(b.title) + '\n' + b.fields.map((f) => `  ${f}____________________`).join('\n'));
        break;
    }
  }
  return out.join('\n\n') + '\n';
}

const mdEsc = mdText;

export function renderReportMd(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'title':
        out.push(`# ${mdEsc(b.text)}`, b.sub.map((s) => mdEsc(s)).join('  \n'));
        break;
      case 'h':
        out.push(`## ${mdEsc(b.text)}`);
        break;
      case 'p':
        out.push(b.tone === 'muted' ? `_${mdEsc(b.text)}_` : mdEsc(b.text));
        break;
      case 'table': {
        if (!b.rows.length) {
          if (b.empty) out.push(`_${mdEsc(b.empty)}_`);
          break;
        }
        const lines = [
          '| ' + b.head.map(mdEsc).join(' | ') + ' |',
          '| ' + b.head.map((_, i) => (b.right?.includes(i) ? '---:' : '---')).join(' | ') + ' |',
          ...b.rows.map((r) => '| ' + r.map((x) => mdEsc(cellText(x))).join(' | ') + ' |'),
        ];
        out.push(lines.join('\n'));
        break;
      }
      case 'chart':
        out.push(`_${mdEsc(b.caption)}_`, '```text\n' + barChart(b.points, { current: b.current }) + '\n```');
        break;
      case 'lines':
        out.push(`**${mdEsc(b.label)}**\n\n` + Array.from({ length: b.n }, (_, i) => `${i + 1}. `).join('\n'));
        break;
      case 'signoff':
        out.push(
          `## ${mdEsc(b.title)}`,
          '| ' + b.fields.map(mdEsc).join(' | ') + ' |\n| ' + b.fields.map(() => '---').join(' | ') + ' |\n| ' + b.fields.map(() => '   ').join(' | ') + ' |',
        );
        break;
    }
  }
  return out.join('\n\n') + '\n';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CSS = `
@page { size: A4; margin: 14mm 12mm 16mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8.5pt; color: #555; } }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif;
  font-size: 10.5pt; color: #1a1a1a; margin: 0 auto; max-width: 186mm; line-height: 1.35; }
h1 { font-size: 17pt; margin: 0 0 4px; }
.sub { color: #555; font-size: 9.5pt; margin: 0 0 10px; }
h2 { font-size: 12pt; margin: 16px 0 6px; padding-bottom: 2px; border-bottom: 1.5px solid #1f6feb; break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; break-inside: avoid; page-break-inside: avoid; font-size: 9.5pt; }
table.long { break-inside: auto; page-break-inside: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
h2 + table, h2 + p, h2 + p + table { break-before: avoid; page-break-before: avoid; }
section.keep { break-inside: avoid; page-break-inside: avoid; }
.signoff { break-inside: avoid; page-break-inside: avoid; margin-top: 22px; }
table.sign th { width: 33%; text-align: center; }
table.sign td { height: 16mm; }
th, td { border: 1px solid #c8ccd2; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eef2f7; font-weight: 600; }
td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.good, td.bad { white-space: nowrap; }
.good { color: #116329; font-weight: 600; }
.bad { color: #b3261e; font-weight: 600; }
.warn { color: #9a6700; }
.muted { color: #777; }
p { margin: 4px 0 8px; }
.chart { max-width: 100%; height: auto; break-inside: avoid; }
.lines { break-inside: avoid; }
.lines div { border-bottom: 1px solid #999; height: 22px; }
.foot { margin-top: 18px; color: #777; font-size: 8.5pt; border-top: 1px solid #ccc; padding-top: 4px; }
@media screen { body { padding: 16px; } }
`;

/** A section of up to this many table rows (about half an A4 page) is kept on one page. */
const KEEP_ROWS = 28;

export function renderReportHtml(blocks: Block[], lang: 'zh' | 'en', footer: string): string {
  const title = blocks.find((b) => b.type === 'title');
  const out: string[] = [];
  // Each heading opens a section running to the next heading; a section short
  // enough for a page is kept whole (its tables never leave their heading), a
  // longer one may break between rows, with the header row repeated.
  const sectionRows = (from: number): number => {
    let n = 0;
    for (let j = from + 1; j < blocks.length && blocks[j].type !== 'h' && blocks[j].type !== 'signoff'; j++) {
      const x = blocks[j];
      n += x.type === 'table' ? x.rows.length + 2 : x.type === 'chart' ? 12 : x.type === 'lines' ? x.n + 1 : 1;
    }
    return n;
  };
  let open = false;
  const close = () => {
    if (open) out.push('</section>');
    open = false;
  };
  blocks.forEach((b, idx) => {
    switch (b.type) {
      case 'title':
        out.push(`<h1>${esc(b.text)}</h1>`, `<p class="sub">${b.sub.map(esc).join('<br>')}</p>`);
        break;
      case 'h':
        close();
        out.push(`<section${sectionRows(idx) <= KEEP_ROWS ? ' class="keep"' : ''}>`, `<h2>${esc(b.text)}</h2>`);
        open = true;
        break;
      case 'p':
        out.push(`<p${b.tone ? ` class="${b.tone}"` : ''}>${esc(b.text)}</p>`);
        break;
      case 'table': {
        if (!b.rows.length) {
          if (b.empty) out.push(`<p class="muted">${esc(b.empty)}</p>`);
          break;
        }
        const cls = (i: number) => (b.right?.includes(i) ? ' class="r"' : '');
        const td = (x: Cell, i: number) =>
          typeof x === 'string' ? `<td${cls(i)}>${esc(x)}</td>` : `<td class="${x.tone}${b.right?.includes(i) ? ' r' : ''}">${esc(x.text)}</td>`;
        out.push(
          b.rows.length > KEEP_ROWS ? '<table class="long">' : '<table>',
          '<thead><tr>' + b.head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('') + '</tr></thead>',
          '<tbody>' + b.rows.map((r) => '<tr>' + r.map(td).join('') + '</tr>').join('\n') + '</tbody>',
          '</table>',
        );
        break;
      }
      case 'chart':
        out.push(
          `<figure style="margin:0">`,
          svgBarChart(b.points, { title: b.caption, current: b.current }),
          `<figcaption class="muted">${esc(b.caption)}</figcaption></figure>`,
        );
        break;
      case 'lines':
        out.push(`<div class="lines"><strong>${esc(b.label)}</strong>` + '<div></div>'.repeat(b.n) + '</div>');
        break;
      case 'signoff':
        close();
        out.push(
          `<section class="signoff"><h2>${esc(b.title)}</h2><table class="sign"><tr>` +
            b.fields.map((f) => `<th>${esc(f)}</th>`).join('') +
            '</tr><tr>' +
            b.fields.map(() => '<td></td>').join('') +
            '</tr></table></section>',
        );
        break;
    }
  });
  close();
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title && title.type === 'title' ? title.text : 'pmctl report')}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    ...out,
    `<p class="foot">${esc(footer)}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
