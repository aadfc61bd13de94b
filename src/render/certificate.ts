// The certificate of destruction (档案销毁证明) of [004] 6: as a terminal
// table, Markdown, or a self-contained printable A4 HTML page.
import { mdText } from './safe-text.js';
import { formatLocal } from '../domain/time.js';
import { humanDuration } from '../domain/duration.js';
import type { DestructionView } from '../app/archive/destruction.js';
import type { RenderOpts } from './view.js';
import { renderTable } from './table.js';

interface Cert {
  site: string;
  title: string;
  head: [string, string][];
  docHead: string[];
  docs: string[][];
  signatures: [string, string][];
}

function build(x: DestructionView, o: RenderOpts, site: string): Cert {
  const t = o.t;
  const at = (ms: number | null) => (ms == null ? '' : formatLocal(ms, o.tz));
  const who = (c: string | null) => (c ? `${x.names[c] ?? c} (${c})` : '');
  const units = [...new Set(x.documents.map((d) => d.unit))];
  const title = x.status === 'destroyed' ? t('title.arch_certificate') : t('title.arch_destruction_request');
  return {
    site,
    title,
    head: [
      [t('col.id'), x.id],
      [t('col.status'), t('enum.' + x.status)],
      [t('col.arch_reason'), x.reason],
      [t('col.arch_method'), t('enum.' + x.method)],
      [t('col.arch_units'), units.join(', ')],
      [t('col.arch_requested_by'), `${who(x.requested_by)} ${at(x.requested_at)}`.trim()],
      [t('col.arch_reviewed_by'), `${who(x.reviewed_by)} ${at(x.reviewed_at)}`.trim()],
      [t('col.arch_approved_by'), `${who(x.approved_by)} ${at(x.approved_at)}`.trim()],
      ...(x.status === 'rejected'
        ? ([[t('col.arch_rejected_by'), `${who(x.rejected_by)} ${at(x.rejected_at)} ${x.reject_reason ?? ''}`.trim()]] as [string, string][])
        : []),
      [t('col.arch_destroyed_at'), at(x.destroyed_at)],
      [t('col.arch_executed_by'), who(x.executed_by)],
      [t('col.arch_witnesses'), x.witnesses.map(who).join(', ')],
      ...(x.place ? ([[t('col.arch_place'), x.place]] as [string, string][]) : []),
    ],
    docHead: [
      t('col.seq'),
      t('col.id'),
      t('col.unit'),
      t('col.arch_doc_type'),
      t('col.arch_ref'),
      t('col.arch_filed_at'),
      t('col.arch_retention'),
      t('col.status'),
    ],
    docs: x.documents.map((d, i) => [
      String(i + 1),
      d.id,
      d.unit,
      t('enum.' + d.type),
      d.ref ?? '',
      formatLocal(d.filed_at, o.tz).slice(0, 10),
      `${humanDuration(d.retention, o.lang) === d.retention && t('enum.' + d.retention) !== 'enum.' + d.retention ? t('enum.' + d.retention) : humanDuration(d.retention, o.lang)}${d.expired ? ' ✓' : ''}`,
      t('enum.' + d.status),
    ]),
    signatures: [
      [t('col.arch_requested_by'), x.names[x.requested_by] ?? x.requested_by],
      [t('col.arch_reviewed_by'), x.reviewed_by ? x.names[x.reviewed_by] : ''],
      [t('col.arch_approved_by'), x.approved_by ? x.names[x.approved_by] : ''],
      ...x.witnesses.map((w, i) => [`${t('col.arch_witness')} ${i + 1}`, x.names[w] ?? w] as [string, string]),
    ],
  };
}

export function certificateText(x: DestructionView, o: RenderOpts, site = ''): string {
  const c = build(x, o, site);
  return renderTable(
    {
      json: null,
      record: {
        title: c.site ? `${c.site} · ${c.title}` : c.title,
        fields: c.head.map(([l], i) => ({ key: 'f' + i, label: l })),
        row: Object.fromEntries(c.head.map(([, v], i) => ['f' + i, v])),
      },
      sections: [
        {
          title: o.t('title.arch_documents'),
          columns: c.docHead.map((h, i) => ({ key: 'c' + i, label: h })),
          rows: c.docs.map((r) => Object.fromEntries(r.map((v, i) => ['c' + i, v]))),
        },
      ],
    },
    o,
  );
}

const mdEsc = mdText;

export function certificateMd(x: DestructionView, o: RenderOpts, site = ''): string {
  const c = build(x, o, site);
  const lines = [
    `# ${c.title}`,
    '',
    ...(c.site ? [mdEsc(c.site), ''] : []),
    '| | |',
    '| --- | --- |',
    ...c.head.map(([l, v]) => `| ${mdEsc(l)} | ${mdEsc(v)} |`),
    '',
  ];
  lines.push(`## ${o.t('title.arch_documents')}`, '', '| ' + c.docHead.map(mdEsc).join(' | ') + ' |', '|' + c.docHead.map(() => ' --- |').join(''));
  for (const r of c.docs) lines.push('| ' + r.map(mdEsc).join(' | ') + ' |');
  lines.push('', `## ${o.t('title.arch_signatures')}`, '');
  for (const [l, n] of c.signatures) lines.push(`- ${mdEsc(l)}: ${mdEsc(n)}　${o.t('msg.arch_sign_here')} ________`);
  return lines.join('\n') + '\n';
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

export function certificateHtml(x: DestructionView, o: RenderOpts, site = ''): string {
  const c = build(x, o, site);
  const e = escapeHtml;
  const head = c.head.map(([l, v]) => `<tr><th>${e(l)}</th><td>${e(v)}</td></tr>`).join('\n');
  const docs = c.docs.map((r) => '<tr>' + r.map((v) => `<td>${e(v)}</td>`).join('') + '</tr>').join('\n');
  const sig = c.signatures.map(([l, n]) => `<div class="sig"><span>${e(l)}: ${e(n ?? '')}</span><span class="line"></span></div>`).join('\n');
  return `<!DOCTYPE html>
<html lang="${o.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<title>${e(c.title)} ${e(x.id)}</title>
<style>
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "SimSun", sans-serif; font-size: 11pt; color: #000; max-width: 180mm; margin: 0 auto; }
h1 { text-align: center; font-size: 18pt; letter-spacing: 0.2em; margin: 0 0 6mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; }
table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
table.head th { width: 32mm; background: #f2f2f2; }
table.docs th { background: #f2f2f2; }
.sigs { margin-top: 8mm; display: grid; grid-template-columns: 1fr 1fr; gap: 6mm 10mm; }
.sig { display: flex; align-items: flex-end; gap: 3mm; }
.sig .line { flex: 1; border-bottom: 1px solid #000; height: 8mm; }
.site { text-align: center; margin-bottom: 2mm; }
</style>
</head>
<body>
${c.site ? `<div class="site">${e(c.site)}</div>\n` : ''}<h1>${e(c.title)}</h1>
<table class="head">
${head}
</table>
<h2>${e(o.t('title.arch_documents'))}</h2>
<table class="docs">
<thead><tr>${c.docHead.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>
<tbody>
${docs}
</tbody>
</table>
<h2>${e(o.t('title.arch_signatures'))}</h2>
<div class="sigs">
${sig}
</div>
</body>
</html>
`;
}
